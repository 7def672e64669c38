"""Vietnamese dates in running text, and their English in a partner's date style.

Vietnamese writes day before month: "9/8/2022" is 9 August 2022, which a US reader takes
for September 8 if it reaches the English unchanged. Each date expression is found whole
("ngày 9 tháng 8 năm 2022" keeps its "ngày" outside: it is the "on" of the sentence) and
rendered unambiguously: "August 9, 2022" (month_day_year) or "9 August 2022"
(day_month_year). Months and quarters read the same in both styles: "tháng 8/2022" is
"August 2022", "quý I/2022" is "Q1 2022"; in "từ 25/7 đến 5/8/2023" both days are
dates of 2023. Impossible dates (31/2/2022, month 13) are not dates and are left alone.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass

MONTH_DAY_YEAR = "month_day_year"  # August 9, 2022 (US)
DAY_MONTH_YEAR = "day_month_year"  # 9 August 2022 (UK, Commonwealth, most of the UN)
DATE_STYLES = (MONTH_DAY_YEAR, DAY_MONTH_YEAR)

MONTHS = (
    "January February March April May June July August September October November December"
).split()
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_DAY = r"(?P<day>\d{1,2})(?:\s?[-–]\s?(?P<day_to>\d{1,2}))?"
_YEAR = r"(?P<year>[12]\d{3})"
# Most specific first: a written-out date, then numeric day/month/year, months, quarters,
# a bare month/year ("8/2022"), and a day and month after "ngày" (no year: "ngày 9/8").
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        (
            "day",
            rf"(?<![\w/.,]){_DAY}\s+tháng\s+(?P<month>\d{{1,2}})(?:\s+năm\s+{_YEAR})?(?![\w/])",
        ),
        ("day", rf"(?<![\w/.,]){_DAY}/(?P<month>\d{{1,2}})/{_YEAR}(?![\w/])"),
        ("month", rf"(?<!\w)tháng\s+(?P<month>\d{{1,2}})(?:/|\s+năm\s+){_YEAR}(?![\w/])"),
        (
            "quarter",
            rf"(?<!\w)quý\s+(?P<quarter>IV|I{{1,3}}|[1-4])(?:/|\s+năm\s+){_YEAR}(?![\w/])",
        ),
        ("month", rf"(?<![\w/.,])(?P<month>\d{{1,2}})/{_YEAR}(?![\w/])"),
        ("day", r"(?<=ngày\s)(?P<day>\d{1,2})/(?P<month>\d{1,2})(?![\w/])"),
    )
)


@dataclass(frozen=True)
class DateSpan:
    """A date expression at text[start:end] and its English."""

    start: int
    end: int
    english: str


def _valid(year: int | None, month: int, *days: int | None) -> bool:
    if not 1 <= month <= 12:
        return False
    # A day-and-month without a year may be 29 February.
    last = calendar.monthrange(year or 2024, month)[1]
    return all(day is None or 1 <= day <= last for day in days)


def english_date(
    style: str,
    month: int,
    year: int | None = None,
    day: int | None = None,
    day_to: int | None = None,
) -> str:
    """A date in English: 'August 9, 2022' or '9 August 2022'; 'August 2022' without a day."""
    name = MONTHS[month - 1]
    if day is None:
        return f"{name} {year}" if year else name
    days = f"{day}-{day_to}" if day_to else str(day)
    if style == DAY_MONTH_YEAR:
        return f"{days} {name} {year}" if year else f"{days} {name}"
    return f"{name} {days}, {year}" if year else f"{name} {days}"


def _english(kind: str, match: re.Match[str], style: str) -> str | None:
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if kind == "quarter":
        return f"Q{_QUARTERS[groups['quarter'].lower()]} {year}"
    month = int(groups["month"])
    day = int(groups["day"]) if groups.get("day") else None
    day_to = int(groups["day_to"]) if groups.get("day_to") else None
    if not _valid(year, month, day, day_to) or (day_to is not None and day_to <= (day or 0)):
        return None
    return english_date(style, month, year, day, day_to)


# "từ 25/7 đến 5/8/2023": the first day takes the year of the second.
_RANGE_RE = re.compile(
    r"(?<![\w/.,])(?P<day>\d{1,2})/(?P<month>\d{1,2})(?P<gap>\s+(?:đến|tới|-|–)\s+(?:ngày\s+)?)"
    r"(?P<day2>\d{1,2})/(?P<month2>\d{1,2})/(?P<year>[12]\d{3})(?![\w/])",
    re.IGNORECASE,
)


def _ranges(text: str, style: str) -> Iterator[DateSpan]:
    for match in _RANGE_RE.finditer(text):
        year = int(match.group("year"))
        first = (int(match.group("month")), int(match.group("day")))
        last = (int(match.group("month2")), int(match.group("day2")))
        if not (_valid(year, first[0], first[1]) and _valid(year, last[0], last[1])):
            continue
        if first >= last:
            continue  # "25/12 đến 5/1/2024" spans a new year: its first year is not written
        yield DateSpan(match.start(), match.start("gap"), english_date(style, *first))
        yield DateSpan(
            match.start("day2"), match.end(), english_date(style, last[0], year, last[1])
        )


def find_dates(text: str, style: str = MONTH_DAY_YEAR) -> Iterator[DateSpan]:
    """Date expressions of text in order, none overlapping another, with their English."""
    if style not in DATE_STYLES:
        raise ValueError(f"unknown date style {style!r}")
    found: list[DateSpan] = list(_ranges(text, style))
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < span.end and span.start < match.end() for span in found):
                continue
            english = _english(kind, match, style)
            if english is not None:
                found.append(DateSpan(match.start(), match.end(), english))
    yield from sorted(found, key=lambda span: span.start)
