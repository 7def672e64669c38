"""Consistency over a project or file: one source, several translations; one translation
for several sources. Read from the prebuilt ``ConsistencyIndex``."""

from __future__ import annotations

from collections.abc import Iterator

from primitives.inline import plain
from primitives.units import Unit
from workflow.qa.checks.text import quoted
from workflow.qa.model import Category, Check, Finding, QAContext, Severity


class InconsistentTarget(Check):
    id = "inconsistent-target"
    name = {"vi": "Cùng câu gốc, dịch khác nhau", "en": "Same source, different targets"}
    description = {
        "vi": "Câu gốc này được dịch khác đi ở chỗ khác trong dự án (hoặc trong file).",
        "en": "This source is translated differently elsewhere in the project (or file).",
    }
    category = Category.TERMINOLOGY
    default_severity = Severity.WARNING

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        if context.consistency is None or not plain(unit.target).strip():
            return
        others = context.consistency.other_targets(unit.source, unit.target)
        if others:
            text, count = others[0]
            more_vi = f" và {len(others) - 1} cách dịch khác" if len(others) > 1 else ""
            more_en = f" and {len(others) - 1} more" if len(others) > 1 else ""
            yield self.finding(
                f"Câu gốc này còn được dịch là '{quoted(text)}' ({count} lần){more_vi}.",
                f"This source is also translated as '{quoted(text)}' ({count}×){more_en}.",
                offending=" ".join(plain(unit.source).split()),
            )


class InconsistentSource(Check):
    id = "inconsistent-source"
    name = {"vi": "Câu gốc khác nhau, cùng bản dịch", "en": "Different sources, same target"}
    description = {
        "vi": "Bản dịch này cũng là bản dịch của một câu gốc khác trong dự án (hoặc file): "
        "có thể một trong hai câu bị dịch nhầm.",
        "en": "This target also translates another source in the project (or file): one of "
        "the two may be a wrong translation.",
    }
    category = Category.TERMINOLOGY
    default_severity = Severity.INFO

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        if context.consistency is None or not plain(unit.target).strip():
            return
        others = context.consistency.other_sources(unit.source, unit.target)
        if others:
            text, count = others[0]
            yield self.finding(
                f"Bản dịch này cũng dùng cho câu gốc '{quoted(text)}' ({count} lần).",
                f"The same target also translates '{quoted(text)}' ({count}×).",
                offending=" ".join(plain(unit.target).split()),
            )
