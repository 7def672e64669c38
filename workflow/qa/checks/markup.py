"""Inline codes: the target has the source's tags, no others, in an order that nests.

Tags are read with ``primitives.inline``, the one module that knows their syntax.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from primitives.inline import pairing_problems, parse, tag_signature, tags
from primitives.units import Unit
from workflow.qa.model import Category, Check, Finding, QAContext, Severity

_PROBLEMS_VI = (
    (re.compile(r"^(\S+) closes a tag that was never opened$"), r"\1 đóng một mã chưa mở"),
    (re.compile(r"^(\S+) crosses (\S+)$"), r"\1 cắt chéo \2"),
    (re.compile(r"^(\S+) is never closed$"), r"\1 không được đóng"),
)


def _in_vietnamese(problem: str) -> str:
    """A pairing problem (primitives.inline words it in English) in Vietnamese."""
    for pattern, replacement in _PROBLEMS_VI:
        if pattern.match(problem):
            return pattern.sub(replacement, problem)
    return problem


def _counts(text: str) -> Counter[str]:
    return Counter(tag_signature(text))


class TagsMissing(Check):
    id = "tags-missing"
    name = {"vi": "Thiếu mã định dạng", "en": "Inline codes missing"}
    description = {
        "vi": "Bản dịch thiếu mã định dạng của câu gốc (<g1>…</g1> chữ đậm, liên kết; <x2/> "
        "ngắt dòng, chú thích): khi xuất file, định dạng đó sẽ mất.",
        "en": "The target lacks inline codes of the source (<g1>…</g1> bold, links; <x2/> "
        "line breaks, footnote marks): the export would lose that formatting.",
    }
    category = Category.MARKUP
    default_severity = Severity.ERROR

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        if "<" not in unit.source:
            return
        missing = _counts(unit.source) - _counts(unit.target)
        for tag in tags(unit.source):
            if missing.get(tag.text, 0) > 0:
                missing[tag.text] -= 1
                yield self.finding(
                    f"Bản dịch thiếu mã {tag.text}.",
                    f"The target lacks the code {tag.text}.",
                    source_span=(tag.start, tag.end),
                    offending=tag.text,
                )


class TagsExtra(Check):
    id = "tags-extra"
    name = {"vi": "Thừa mã định dạng", "en": "Extra inline codes"}
    description = {
        "vi": "Bản dịch có mã định dạng mà câu gốc không có.",
        "en": "The target has inline codes the source does not have.",
    }
    category = Category.MARKUP
    default_severity = Severity.ERROR

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        if "<" not in unit.target:
            return
        extra = _counts(unit.target) - _counts(unit.source)
        for tag in tags(unit.target):
            if extra.get(tag.text, 0) > 0:
                extra[tag.text] -= 1
                yield self.finding(
                    f"Bản dịch có mã {tag.text} mà câu gốc không có.",
                    f"The target has the code {tag.text}, which the source does not.",
                    target_span=(tag.start, tag.end),
                    offending=tag.text,
                )


class TagsOrder(Check):
    id = "tags-order"
    name = {"vi": "Mã định dạng đổi thứ tự", "en": "Inline codes reordered"}
    description = {
        "vi": "Bản dịch có đủ mã của câu gốc nhưng theo thứ tự khác. Tiếng Anh có thể đổi "
        "trật tự từ, nên đây chỉ là cảnh báo; cặp mã lồng sai là lỗi riêng.",
        "en": "The target has the source's codes in another order. English may order words "
        "differently, so this is a warning; crossed pairs are their own error.",
    }
    category = Category.MARKUP
    default_severity = Severity.WARNING

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        if "<" not in unit.source:
            return
        source, target = tag_signature(unit.source), tag_signature(unit.target)
        if source != target and Counter(source) == Counter(target):
            yield self.finding(
                f"Thứ tự mã khác câu gốc: {' '.join(target)} thay vì {' '.join(source)}.",
                f"Codes in another order than the source: {' '.join(target)} instead of "
                f"{' '.join(source)}.",
                offending=" ".join(target),
            )


class TagsBroken(Check):
    id = "tags-broken"
    name = {"vi": "Mã định dạng lồng sai", "en": "Inline codes broken"}
    description = {
        "vi": "Cặp mã trong bản dịch không khớp nhau: mở mà không đóng, đóng mà không mở, "
        "hoặc hai cặp cắt chéo nhau (<g1>a <g2>b</g1> c</g2>).",
        "en": "Tag pairs of the target do not match: opened and never closed, closed and "
        "never opened, or two pairs crossing (<g1>a <g2>b</g1> c</g2>).",
    }
    category = Category.MARKUP
    default_severity = Severity.ERROR

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        if "<" not in unit.target or not parse(unit.source).well_formed:
            return
        for problem in pairing_problems(unit.target):
            yield self.finding(
                f"Mã định dạng lỗi: {_in_vietnamese(problem)}.",
                f"Broken inline codes: {problem}.",
                offending=problem,
            )
