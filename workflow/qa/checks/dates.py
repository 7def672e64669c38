"""Dates and times compared by value, and English numeric dates that US readers misread."""

from __future__ import annotations

from collections.abc import Iterator

from primitives.units import Unit
from workflow.qa.checks.numbers import comparison
from workflow.qa.model import Category, Check, Finding, QAContext, Severity
from workflow.qa.values import DateValue, TimeValue

_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_QUARTERS = {1: "first", 2: "second", 3: "third", 4: "fourth"}


def english_date(item: DateValue) -> str:
    """The date as an English reader should see it: "9 August 2022", "Q1 2022"."""
    parts: list[str] = []
    if item.quarter:
        parts.append(f"Q{item.quarter}")
    elif item.half:
        parts.append(f"{'first' if item.half == 1 else 'second'} half")
    else:
        if item.day:
            parts.append(str(item.day))
        if item.month:
            parts.append(_MONTHS[item.month - 1])
    if item.year:
        parts.append(("of " if item.half else "") + str(item.year))
    return " ".join(parts)


def clock(item: TimeValue) -> str:
    hour, minute = divmod(item.minutes, 60)
    return f"{hour:02d}:{minute:02d}"


class DateMismatch(Check):
    id = "date-mismatch"
    name = {"vi": "Ngày tháng không khớp", "en": "Date mismatch"}
    description = {
        "vi": "Ngày, tháng, năm, quý của câu gốc (9/8/2022, ngày 9 tháng 8 năm 2022, tháng "
        "8/2022, quý I/2022, 6 tháng đầu năm) phải có trong bản dịch với cùng giá trị "
        "(9 August 2022, August 9, 2022, Q1 2022, first half); bản dịch không được thêm "
        "ngày mà câu gốc không có.",
        "en": "The source's dates, months, years and quarters (9/8/2022, ngày 9 tháng 8 năm "
        "2022, tháng 8/2022, quý I/2022, 6 tháng đầu năm) must be in the target with the "
        "same value (9 August 2022, August 9, 2022, Q1 2022, first half), and the target "
        "adds no date the source lacks.",
    }
    category = Category.ACCURACY
    default_severity = Severity.ERROR

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        found = comparison(unit, context)
        missing, added = list(found.missing_dates), list(found.added_dates)
        while missing and added:
            source, target = missing.pop(0), added.pop(0)
            yield self.finding(
                f"Ngày '{source.text}' ({english_date(source)}) của câu gốc thành "
                f"'{target.text}' trong bản dịch.",
                f"Date '{source.text}' ({english_date(source)}) in the source is "
                f"'{target.text}' in the target.",
                source_span=(source.start, source.end),
                target_span=(target.start, target.end),
                offending=source.text,
            )
        for source in missing:
            yield self.finding(
                f"Ngày '{source.text}' ({english_date(source)}) không có trong bản dịch.",
                f"Date '{source.text}' ({english_date(source)}) is missing from the target.",
                source_span=(source.start, source.end),
                offending=source.text,
            )
        for target in added:
            yield self.finding(
                f"Bản dịch có ngày '{target.text}' mà câu gốc không có.",
                f"The target has the date '{target.text}', which the source does not.",
                target_span=(target.start, target.end),
                offending=target.text,
            )


class TimeMismatch(Check):
    id = "time-mismatch"
    name = {"vi": "Giờ không khớp", "en": "Time mismatch"}
    description = {
        "vi": "Giờ của câu gốc (8h30, 8 giờ 30 phút, 14h, 8 giờ tối) phải có trong bản dịch "
        "với cùng giá trị (8:30 a.m., 2 p.m., 20:00).",
        "en": "The source's times of day (8h30, 8 giờ 30 phút, 14h, 8 giờ tối) must be in "
        "the target with the same value (8:30 a.m., 2 p.m., 20:00).",
    }
    category = Category.ACCURACY
    default_severity = Severity.ERROR

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        found = comparison(unit, context)
        missing, added = list(found.missing_times), list(found.added_times)
        while missing and added:
            source, target = missing.pop(0), added.pop(0)
            yield self.finding(
                f"Giờ '{source.text}' ({clock(source)}) thành '{target.text}' trong bản dịch.",
                f"Time '{source.text}' ({clock(source)}) is '{target.text}' in the target.",
                source_span=(source.start, source.end),
                target_span=(target.start, target.end),
                offending=source.text,
            )
        for source in missing:
            yield self.finding(
                f"Giờ '{source.text}' ({clock(source)}) không có trong bản dịch.",
                f"Time '{source.text}' ({clock(source)}) is missing from the target.",
                source_span=(source.start, source.end),
                offending=source.text,
            )
        for target in added:
            yield self.finding(
                f"Bản dịch có giờ '{target.text}' mà câu gốc không có.",
                f"The target has the time '{target.text}', which the source does not.",
                target_span=(target.start, target.end),
                offending=target.text,
            )


class AmbiguousDate(Check):
    id = "ambiguous-date"
    name = {"vi": "Ngày viết bằng số trong bản dịch", "en": "Numeric date in English"}
    description = {
        "vi": "Bản dịch để ngày dạng số như câu gốc: người đọc Mỹ hiểu 9/8/2022 là ngày 8 "
        "tháng 9 (lỗi); ngày như 25/8/2022 không gây nhầm nhưng không theo cách viết tiếng "
        "Anh (cảnh báo). Hãy viết 9 August 2022 hoặc August 9, 2022.",
        "en": "The target keeps a numeric date as the source wrote it: US readers take "
        "9/8/2022 for September 8 (an error); 25/8/2022 cannot be misread but is not how "
        "English writes dates (a warning). Write 9 August 2022 or August 9, 2022.",
    }
    category = Category.LOCALE_CONVENTION
    default_severity = Severity.ERROR

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        for item in comparison(unit, context).target.dates:
            if not (item.numeric and item.day and item.month):
                continue
            spelled = english_date(item)
            if item.day <= 12 and item.day != item.month:
                yield self.finding(
                    f"'{item.text}' có thể bị đọc là tháng {item.day} ngày {item.month}: "
                    f"hãy viết '{spelled}'.",
                    f"'{item.text}' reads as {_MONTHS[item.day - 1]} {item.month} to US "
                    f"readers: write '{spelled}'.",
                    target_span=(item.start, item.end),
                    offending=item.text,
                )
            else:
                yield self.finding(
                    f"Ngày '{item.text}' viết bằng số: tiếng Anh viết '{spelled}'.",
                    f"Numeric date '{item.text}': English writes '{spelled}'.",
                    target_span=(item.start, item.end),
                    offending=item.text,
                    severity=Severity.WARNING,
                )
