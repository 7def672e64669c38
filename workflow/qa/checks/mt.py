"""Machine translation left as it came: raw MT confirmed unedited, low MT confidence."""

from __future__ import annotations

from collections.abc import Iterator

from primitives.statuses import Origin, Status
from primitives.units import Unit
from workflow.qa.model import Category, Check, Finding, QAContext, Severity

# The MT score is the engine's confidence, exp(mean token log-probability) in 0..1
# (translation.pipeline). Below this the output is usually garbled enough to need a
# careful read; the figure is a starting point a project may tune by severity overrides.
LOW_CONFIDENCE = 0.5


class MTUnedited(Check):
    id = "mt-unedited"
    name = {"vi": "Bản máy dịch chưa sửa", "en": "Raw MT left unedited"}
    description = {
        "vi": "Câu đã được xác nhận (dịch xong, đã duyệt hoặc đã ký duyệt) mà bản dịch vẫn "
        "nguyên là bản máy dịch, chưa ai sửa.",
        "en": "The segment is confirmed (translated, reviewed or signed off) but its target "
        "is still the machine translation, never edited.",
    }
    category = Category.ACCURACY
    default_severity = Severity.WARNING

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        if unit.origin is Origin.MT and unit.status >= Status.TRANSLATED:
            yield self.finding(
                "Bản máy dịch được xác nhận mà chưa sửa: hãy đọc lại.",
                "Raw machine translation confirmed without editing: read it again.",
            )


class MTLowConfidence(Check):
    id = "mt-low-confidence"
    name = {"vi": "Máy dịch kém tin cậy", "en": "Low MT confidence"}
    description = {
        "vi": f"Bản dịch vẫn là bản máy dịch và điểm tin cậy của máy dưới {LOW_CONFIDENCE:.0%}.",
        "en": f"The target is still the machine translation and the engine's confidence is "
        f"below {LOW_CONFIDENCE:.0%}.",
    }
    category = Category.ACCURACY
    default_severity = Severity.WARNING

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        if unit.origin is Origin.MT and unit.score is not None and unit.score < LOW_CONFIDENCE:
            yield self.finding(
                f"Máy dịch chỉ tin cậy {unit.score:.0%}: hãy kiểm tra kỹ bản dịch.",
                f"MT confidence is only {unit.score:.0%}: check the translation closely.",
            )
