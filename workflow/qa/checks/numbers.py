"""Numbers compared by value across locales: missing, added or different numbers, numbers
written the Vietnamese way in English, scale words, currencies, percentage points."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from primitives.units import Unit
from workflow.qa.checks.text import quoted
from workflow.qa.model import Category, Check, Finding, QAContext, Severity
from workflow.qa.values import Comparison, NumberUnit, Quantity, compare

_SCALE_NAMES = {0: "", 3: "thousand", 6: "million", 9: "billion", 12: "trillion", 15: "quadrillion"}


def comparison(unit: Unit, context: QAContext) -> Comparison:
    return compare(unit.source, unit.target, context.source_lang, context.target_lang)


def english_number(value: Decimal) -> str:
    """A value as English writes it: 1,000.5."""
    normal = value.normalize()
    if normal == normal.to_integral_value():
        return f"{int(normal):,}"
    return f"{normal:,f}"


def _scaled_words(item: Quantity) -> str:
    mantissa = min(item.mantissas) if item.mantissas else min(item.values)
    scale = _SCALE_NAMES.get(item.scale, f"×10^{item.scale}")
    return f"{english_number(mantissa)} {scale}".strip()


class NumberMismatch(Check):
    id = "number-mismatch"
    name = {"vi": "Số không khớp", "en": "Number mismatch"}
    description = {
        "vi": "Mỗi số của câu gốc phải có trong bản dịch theo giá trị, đọc theo quy ước "
        "từng ngôn ngữ (1.000,5 = 1,000.5; 6,5% = 6.5 percent; 'hai' = two; gấp 2 lần = "
        "twice). Báo số bị thiếu, số thừa viết bằng chữ số, và số trong bản dịch viết "
        "kiểu Việt (6,5 hay 1.000.000) mà người đọc tiếng Anh sẽ hiểu sai.",
        "en": "Every number of the source must appear in the target by value, each side "
        "read by its own locale's rules (1.000,5 = 1,000.5; 6,5% = 6.5 percent; 'hai' = "
        "two; gấp 2 lần = twice). Reports missing numbers, numbers in digits the source "
        "does not have, and target numbers written the Vietnamese way (6,5 or 1.000.000), "
        "which English readers misread.",
    }
    category = Category.ACCURACY
    default_severity = Severity.ERROR

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        found = comparison(unit, context)
        missing = list(found.missing_numbers)
        added = list(found.added_numbers)
        while missing and added:
            source, target = missing.pop(0), added.pop(0)
            yield self.finding(
                f"Số '{source.text}' của câu gốc thành '{target.text}' trong bản dịch.",
                f"Number '{source.text}' in the source is '{target.text}' in the target.",
                source_span=(source.start, source.end),
                target_span=(target.start, target.end),
                offending=source.text,
            )
        for source in missing:
            yield self.finding(
                f"Số '{source.text}' của câu gốc không có trong bản dịch.",
                f"Number '{source.text}' of the source is missing from the target.",
                source_span=(source.start, source.end),
                offending=source.text,
            )
        for target in added:
            yield self.finding(
                f"Bản dịch có số '{target.text}' mà câu gốc không có.",
                f"The target has the number '{target.text}', which the source does not.",
                target_span=(target.start, target.end),
                offending=target.text,
            )
        for target in found.foreign_numbers:
            english = english_number(min(target.mantissas))
            yield self.finding(
                f"Số '{target.text}' viết theo kiểu Việt; tiếng Anh viết '{english}'.",
                f"'{target.text}' is written the Vietnamese way; English writes '{english}'.",
                target_span=(target.start, target.end),
                offending=target.text,
            )


class ScaleWord(Check):
    id = "scale-word"
    name = {"vi": "Sai đơn vị nghìn, triệu, tỷ", "en": "Wrong scale word"}
    description = {
        "vi": "Cùng một số nhưng khác từ chỉ bậc: nghìn/ngàn = thousand, triệu = million, "
        "tỷ/tỉ = billion, nghìn tỷ = trillion ('5 tỷ đồng' thành 'VND5 million').",
        "en": "The same figure with another scale word: nghìn/ngàn = thousand, triệu = "
        "million, tỷ/tỉ = billion, nghìn tỷ = trillion ('5 tỷ đồng' rendered 'VND5 million').",
    }
    category = Category.ACCURACY
    default_severity = Severity.ERROR

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        for source, target in comparison(unit, context).scale_pairs:
            yield self.finding(
                f"'{source.text}' là {_scaled_words(source)}, nhưng bản dịch viết "
                f"'{target.text}' ({_scaled_words(target)}).",
                f"'{source.text}' is {_scaled_words(source)}, but the target says "
                f"'{target.text}' ({_scaled_words(target)}).",
                source_span=(source.start, source.end),
                target_span=(target.start, target.end),
                offending=source.text,
            )


class CurrencyMismatch(Check):
    id = "currency"
    name = {"vi": "Đơn vị tiền tệ", "en": "Currency"}
    description = {
        "vi": "Số tiền trong bản dịch mang đơn vị tiền khác câu gốc (đồng thành USD: lỗi), "
        "hoặc bản dịch không nêu đơn vị tiền của câu gốc ở đâu cả (cảnh báo). đồng, đ, "
        "VNĐ, ₫ = VND; USD, US$, $ = USD.",
        "en": "An amount has another currency in the target (đồng as USD: an error), or the "
        "target never names the source's currency (a warning). đồng, đ, VNĐ, ₫ = VND; "
        "USD, US$, $ = USD.",
    }
    category = Category.ACCURACY
    default_severity = Severity.ERROR

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        found = comparison(unit, context)
        reported: set[str] = set()
        for source, target in found.number_pairs:
            if not source.currency:
                continue
            if target.currency and target.currency != source.currency:
                yield self.finding(
                    f"'{source.text}' tính bằng {source.currency}, bản dịch ghi "
                    f"'{target.text}' ({target.currency}).",
                    f"'{source.text}' is in {source.currency}; the target has "
                    f"'{target.text}' ({target.currency}).",
                    source_span=(source.start, source.end),
                    target_span=(target.start, target.end),
                    offending=source.text,
                )
            elif source.currency not in found.target.currencies and source.currency not in reported:
                reported.add(source.currency)
                yield self.finding(
                    f"Bản dịch không nêu đơn vị tiền {source.currency} của '{source.text}'.",
                    f"The target does not name the currency ({source.currency}) of "
                    f"'{source.text}'.",
                    source_span=(source.start, source.end),
                    target_span=(target.start, target.end),
                    offending=source.text,
                    severity=Severity.WARNING,
                )


def _says_points(unit: Unit, target: Quantity) -> bool:
    following = unit.target[target.end : target.end + 12].lower()
    return following.lstrip().startswith("point")


class PercentagePoints(Check):
    id = "percentage-points"
    name = {"vi": "Phần trăm và điểm phần trăm", "en": "Percent and percentage points"}
    description = {
        "vi": "'điểm phần trăm' là percentage points, khác với % (percent): tăng 0,5 điểm "
        "phần trăm không phải tăng 0,5%.",
        "en": "'điểm phần trăm' is percentage points, not percent: up 0.5 percentage points "
        "is not up 0.5%.",
    }
    category = Category.ACCURACY
    default_severity = Severity.ERROR

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        for source, target in comparison(unit, context).number_pairs:
            if source.unit is NumberUnit.POINTS and target.unit is not NumberUnit.POINTS:
                if target.unit is NumberUnit.NONE and _says_points(unit, target):
                    continue
                yield self.finding(
                    f"'{source.text}' là điểm phần trăm, bản dịch viết '{target.text}': "
                    "hãy dùng 'percentage points'.",
                    f"'{source.text}' is percentage points; the target has "
                    f"'{quoted(target.text)}': write 'percentage points'.",
                    source_span=(source.start, source.end),
                    target_span=(target.start, target.end),
                    offending=source.text,
                )
            elif source.unit is NumberUnit.PERCENT and target.unit is NumberUnit.POINTS:
                yield self.finding(
                    f"'{source.text}' là phần trăm, bản dịch viết '{target.text}' (điểm "
                    "phần trăm).",
                    f"'{source.text}' is a percentage; the target has '{target.text}' "
                    "(percentage points).",
                    source_span=(source.start, source.end),
                    target_span=(target.start, target.end),
                    offending=source.text,
                )
