"""Is there a translation at all: an empty target, or the source left as it is."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from primitives.inline import plain
from primitives.units import Unit
from workflow.qa.model import Category, Check, Finding, QAContext, Severity


def _flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", plain(text)).split())


def _has_vietnamese_letters(word: str) -> bool:
    """Letters English does not write: đ, and vowels with tone or shape marks."""
    return any(char.isalpha() and not char.isascii() for char in word)


class EmptyTarget(Check):
    id = "empty-target"
    name = {"vi": "Bản dịch trống", "en": "Empty target"}
    description = {
        "vi": "Câu gốc có nội dung nhưng bản dịch trống (hoặc chỉ có mã định dạng). "
        "Khi có lỗi này, các kiểm tra khác không chạy cho câu đó.",
        "en": "The source has text but the target is empty (or holds only inline codes). "
        "When it fires, the other checks are not run on the segment.",
    }
    category = Category.ACCURACY
    default_severity = Severity.ERROR
    suppresses_others = True

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        if plain(unit.source).strip() and not plain(unit.target).strip():
            yield self.finding("Bản dịch trống.", "The target is empty.")


class Untranslated(Check):
    id = "untranslated"
    name = {"vi": "Chưa dịch (giống câu gốc)", "en": "Untranslated (same as source)"}
    description = {
        "vi": "Bản dịch giống hệt câu gốc trong khi câu gốc có chữ tiếng Việt cần dịch "
        "(không tính chữ được phép giữ nguyên). Khi có lỗi này, các kiểm tra khác không "
        "chạy cho câu đó.",
        "en": "The target is the source unchanged, and the source has Vietnamese to "
        "translate (allowed words aside). When it fires, the other checks are not run on "
        "the segment.",
    }
    category = Category.ACCURACY
    default_severity = Severity.ERROR
    suppresses_others = True

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        source, target = _flat(unit.source), _flat(unit.target)
        if not source or source.casefold() != target.casefold():
            return
        allowed = {unicodedata.normalize("NFC", word) for word in context.allowed_untranslated}
        if any(w not in allowed and _has_vietnamese_letters(w) for w in source.split()):
            yield self.finding(
                "Bản dịch giống hệt câu gốc: câu này chưa được dịch.",
                "The target is the same as the source: the segment is not translated.",
            )
