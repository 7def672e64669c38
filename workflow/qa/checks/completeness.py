"""Is there a translation at all: empty target, target identical to the source, Vietnamese
words left in the English target."""

from __future__ import annotations

from collections.abc import Iterator

from primitives.inline import plain
from primitives.terms import TermStatus
from primitives.units import Unit
from workflow.qa.checks.terms import source_hits
from workflow.qa.checks.text import (
    WORD_RE,
    has_vietnamese_letters,
    is_vietnamese_word,
    nfc,
    plain_with_offsets,
    quoted,
    stored_span,
)
from workflow.qa.model import Category, Check, Finding, QAContext, Severity
from workflow.vietnamese.names import personal_names


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


def _allowed_words(unit: Unit, context: QAContext) -> set[str]:
    """Words that may stay Vietnamese: personal names of the source, do-not-translate
    terms, glossary targets written with diacritics, and the context's allowed words."""
    words = {nfc(word) for word in context.allowed_untranslated}
    for name in personal_names(unit.source):
        words.update(name.split())
    for hit in source_hits(unit, context):
        if hit.entry.status is TermStatus.DO_NOT_TRANSLATE:
            words.update(WORD_RE.findall(hit.entry.target))
        else:
            for form in hit.entry.target_forms:
                words.update(WORD_RE.findall(form))
    return words


def _capitalised_source_words(source: str) -> set[str]:
    """Capitalised words of the source not opening it: names of places and bodies kept
    with their diacritics ("Quảng Ninh") are a matter of the partner's name style."""
    found = set()
    for index, match in enumerate(WORD_RE.finditer(nfc(plain(source)))):
        word = match.group(0)
        if index and word[:1].isupper():
            found.add(word)
    return found


class Untranslated(Check):
    id = "untranslated"
    name = {"vi": "Chưa dịch (giống câu gốc)", "en": "Untranslated (same as source)"}
    description = {
        "vi": "Bản dịch giống hệt câu gốc trong khi câu gốc có chữ tiếng Việt cần dịch "
        "(không tính tên riêng, thuật ngữ giữ nguyên và chữ được phép giữ). Khi có lỗi "
        "này, các kiểm tra khác không chạy cho câu đó.",
        "en": "The target is the source unchanged, and the source has Vietnamese to "
        "translate (names, do-not-translate terms and allowed words aside). When it fires, "
        "the other checks are not run on the segment.",
    }
    category = Category.ACCURACY
    default_severity = Severity.ERROR
    suppresses_others = True

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        source = " ".join(nfc(plain(unit.source)).split())
        target = " ".join(nfc(plain(unit.target)).split())
        if not source or source.casefold() != target.casefold():
            return
        allowed = _allowed_words(unit, context)
        to_translate = [
            word
            for word in WORD_RE.findall(source)
            if word not in allowed and has_vietnamese_letters(word)
        ]
        if to_translate:
            yield self.finding(
                "Bản dịch giống hệt câu gốc: câu này chưa được dịch.",
                "The target is the same as the source: the segment is not translated.",
            )


class VietnameseInTarget(Check):
    id = "vietnamese-in-target"
    name = {"vi": "Còn tiếng Việt trong bản dịch", "en": "Vietnamese left in the target"}
    description = {
        "vi": "Bản dịch tiếng Anh còn từ có chữ cái chỉ tiếng Việt dùng (ă, ơ, ư, đ, dấu "
        "nặng, dấu hỏi...), trừ tên người và địa danh lấy từ câu gốc, thuật ngữ giữ "
        "nguyên và chữ được phép giữ.",
        "en": "The English target has words with letters only Vietnamese uses (ă, ơ, ư, đ, "
        "dot below, hook above...), other than personal and place names taken from the "
        "source, do-not-translate terms and allowed words.",
    }
    category = Category.ACCURACY
    default_severity = Severity.ERROR

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        if not has_vietnamese_letters(unit.target):
            return
        text, _ = plain_with_offsets(unit.target)
        allowed = _allowed_words(unit, context) | _capitalised_source_words(unit.source)
        runs: list[tuple[int, int]] = []
        for match in WORD_RE.finditer(text):
            word = nfc(match.group(0))
            if word in allowed or not is_vietnamese_word(word):
                continue
            if runs and not text[runs[-1][1] : match.start()].strip(" ,;:-"):
                runs[-1] = (runs[-1][0], match.end())
            else:
                runs.append(match.span())
        for start, end in runs:
            words = text[start:end]
            yield self.finding(
                f"Bản dịch còn chữ tiếng Việt: '{quoted(words)}'.",
                f"Vietnamese left in the target: '{quoted(words)}'.",
                target_span=stored_span(unit.target, start, end),
                offending=words,
            )
