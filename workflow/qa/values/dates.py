"""Dates and times in Vietnamese and English text, read as values.

Vietnamese writes day/month/year: "9/8/2022", "ngày 9 tháng 8 năm 2022", "tháng 8/2022",
"quý I/2022", "6 tháng đầu năm", a day range "9-10/8/2022", and a day and month alone
after "ngày", "sáng", "chiều", ... ("Sáng 9/8, ..."); without such a word "9/10" is a
count ("9/10 tiêu chí"), not a date. Times: "8h30", "8 giờ 30 phút", "14h", "8 giờ tối".

English: "9 August 2022", "August 9, 2022", "Aug. 9", "August 9-10", "August 2022",
"Q1 2022", "the first quarter of 2022", "the first half", "8:30 a.m.", "2 p.m.", "noon".
A numeric "9/8/2022" in English is kept with both readings (US readers take it as
September 8); a check reports it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TypeVar

from workflow.qa.values.model import DateValue, TimeValue
from workflow.qa.values.words import EN_MONTHS, VI_MONTH_WORDS, roman_value


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def _valid(day: int | None, month: int | None) -> bool:
    return (month is None or 1 <= month <= 12) and (day is None or 1 <= day <= 31)


def _year(text: str | None) -> int | None:
    if text is None:
        return None
    value = int(text)
    return value + 2000 if len(text) == 2 else value


# ---------------------------------------------------------------------------------------
# Vietnamese

_VI_MONTH_WORD = _alternation([word for word, _ in VI_MONTH_WORDS])
_VI_MONTH_BY_WORD = dict(VI_MONTH_WORDS)
# Words after which "9/8" is a day and month: ngày, parts of the day, từ/đến, a weekday
# ("Chủ nhật, 9/6", "thứ Sáu 15/11", "thứ 2, 3/6").
_VI_DAY_PREFIX = (
    r"(?:ngày|hôm|sáng|chiều|tối|trưa|đêm|từ|đến|tới|chủ nhật"
    r"|thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7]))\s*,?"
)
_VI_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 9-10/8/2022, 9 và 10/8: two dates sharing month and year.
    (
        "day_range",
        re.compile(
            r"(?<![\d/.,])(\d{1,2})\s*(?:-|–|đến|và|,)\s*(\d{1,2})\s*/\s*(\d{1,2})"
            r"(?:\s*/\s*(\d{4}))?(?![\d/])",
            re.IGNORECASE,
        ),
    ),
    ("numeric", re.compile(r"(?<![\d/.,-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/.-]?\d)")),
    (
        "words",
        re.compile(
            rf"ngày\s+(\d{{1,2}})\s+tháng\s+(\d{{1,2}}|{_VI_MONTH_WORD})(?![\w])"
            r"(?:\s*(?:năm|,)?\s*(\d{4}))?",
            re.IGNORECASE,
        ),
    ),
    (
        "month",
        re.compile(
            rf"(?<!\d )(?<!\d)tháng\s+(\d{{1,2}}|{_VI_MONTH_WORD})(?![\w/.-]?[^\W\d_])"
            r"(?:\s*(?:/|-|\.|năm)\s*(\d{4}))?(?![\d/])",
            re.IGNORECASE,
        ),
    ),
    (
        "day_month",
        re.compile(
            rf"(?<![\w]){_VI_DAY_PREFIX}\s+(?:nay\s+|qua\s+)?\(?(\d{{1,2}})\s*[/-]\s*(\d{{1,2}})"
            r"(?![\d/.-]?\d)",
            re.IGNORECASE,
        ),
    ),
    ("paren_day_month", re.compile(r"\((\d{1,2})/(\d{1,2})\)")),
    (
        "quarter",
        re.compile(
            r"quý\s+(IV|I{1,3}|[1-4])(?![\w])(?:\s*(?:/|-|năm)\s*(\d{4}))?(?![\d/])",
            re.IGNORECASE,
        ),
    ),
    (
        "half",
        re.compile(
            r"(?:(6|sáu)\s+tháng|nửa)\s+(đầu|cuối)\s+năm(?:\s+(\d{4}))?(?![\d/])",
            re.IGNORECASE,
        ),
    ),
)


def _vi_month(text: str) -> int | None:
    """A month number, or a month word written with its capital ("tháng Tám"): in lower
    case "tháng năm" is "months and years", "tháng hai" may be "two months"."""
    if text.isdigit():
        return int(text)
    if not text[:1].isupper():
        return None
    return _VI_MONTH_BY_WORD.get(text.lower())


def _vi_kinds(text: str) -> set[str]:
    """The kinds of pattern that can match in text (a cheap look saves most of the work)."""
    lowered = text.lower()
    kinds = set()
    if "/" in text or "-" in text or "." in text or "–" in text:
        kinds |= {"day_range", "numeric", "day_month", "paren_day_month"}
    if "tháng" in lowered:
        kinds |= {"words", "month", "half"}
    if "quý" in lowered:
        kinds.add("quarter")
    if "nửa" in lowered:
        kinds.add("half")
    if "," in text or "và" in lowered or "đến" in lowered:
        kinds.add("day_range")
    return kinds


def _vi_dates(text: str) -> Iterator[DateValue]:
    wanted = _vi_kinds(text)
    for kind, pattern in _VI_PATTERNS:
        if kind not in wanted:
            continue
        for match in pattern.finditer(text):
            found = match.group(0)
            span = (match.start(), match.end())
            if kind == "day_range":
                first, second, month = int(match[1]), int(match[2]), int(match[3])
                year = _year(match[4])
                if _valid(first, month) and _valid(second, month) and first < second:
                    yield DateValue(*span, found, year, month, first, numeric=True)
                    yield DateValue(*span, found, year, month, second, numeric=True)
            elif kind == "numeric":
                day, month = int(match[1]), int(match[3])
                if _valid(day, month):
                    yield DateValue(*span, found, _year(match[4]), month, day, numeric=True)
            elif kind == "words":
                day, month = int(match[1]), _vi_month(match[2])
                if month and _valid(day, month):
                    yield DateValue(*span, found, _year(match[3]), month, day)
            elif kind == "month":
                month = _vi_month(match[1])
                if month and _valid(None, month):
                    yield DateValue(*span, found, _year(match[2]), month)
            elif kind in ("day_month", "paren_day_month"):
                day, month = int(match[1]), int(match[2])
                if _valid(day, month):
                    start = match.start(1) if kind == "day_month" else match.start()
                    yield DateValue(start, match.end(), text[start : match.end()], None, month, day)
            elif kind == "quarter":
                quarter = roman_value(match[1].upper()) if not match[1].isdigit() else int(match[1])
                if quarter and 1 <= quarter <= 4:
                    yield DateValue(*span, found, _year(match[2]), quarter=quarter)
            else:
                half = 1 if match[2].lower() == "đầu" else 2
                yield DateValue(*span, found, _year(match[3]), half=half)


_VI_TIME_RE = re.compile(
    r"(?<![\d:.,/])(\d{1,2})\s*(?:(h|giờ)\s*(\d{2})?(?:\s*(?:phút|p|'))?|:(\d{2}))(?![\d:])"
    r"(?:\s*(sáng|trưa|chiều|tối|đêm))?",
    re.IGNORECASE,
)


def _vi_times(text: str) -> Iterator[TimeValue]:
    for match in _VI_TIME_RE.finditer(text):
        hour = int(match[1])
        minutes_text = match[3] or match[4]
        minute = int(minutes_text) if minutes_text else 0
        if hour > 24 or minute > 59 or (hour == 24 and minute):
            continue
        period = (match[5] or "").lower()
        meridiem = hour > 12 or bool(period)
        if period in ("chiều", "tối") and hour < 12:
            hour += 12
        elif period == "đêm" and 7 <= hour < 12:
            hour += 12
        bare = minutes_text is None and match[2] is not None
        yield TimeValue(
            match.start(), match.end(), match.group(0), (hour % 24) * 60 + minute, meridiem, bare
        )


# ---------------------------------------------------------------------------------------
# English

_EN_MONTH = rf"(?:{_alternation(list(EN_MONTHS))})"
_ORD = r"(?:st|nd|rd|th)?"
_EN_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "mdy_range",
        re.compile(
            rf"\b({_EN_MONTH})\.?\s+(\d{{1,2}}){_ORD}\s*(?:-|–|and|to|through)\s*(\d{{1,2}}){_ORD}"
            r"(?![\d])(?:,?\s+(\d{4}))?",
            re.IGNORECASE,
        ),
    ),
    (
        "dmy_range",
        re.compile(
            rf"(?<![\d/.,])(\d{{1,2}}){_ORD}\s*(?:-|–|and|to)\s*(\d{{1,2}}){_ORD}\s+(?:of\s+)?"
            rf"({_EN_MONTH})\b\.?(?:,?\s+(\d{{4}}))?",
            re.IGNORECASE,
        ),
    ),
    (
        "dmy",
        re.compile(
            rf"(?<![\d/.,])(\d{{1,2}}){_ORD}\s+(?:of\s+)?({_EN_MONTH})\b\.?(?:,?\s+(\d{{4}}))?",
            re.IGNORECASE,
        ),
    ),
    (
        "mdy",
        re.compile(
            rf"\b({_EN_MONTH})\.?\s+(\d{{1,2}}){_ORD}(?![\d.,]?\d)(?:,?\s+(\d{{4}}))?",
            re.IGNORECASE,
        ),
    ),
    ("my", re.compile(rf"\b({_EN_MONTH})\.?,?\s+(?:of\s+)?(\d{{4}})(?!\d)", re.IGNORECASE)),
    ("iso", re.compile(r"(?<![\d/.-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")),
    ("numeric", re.compile(r"(?<![\d/.,-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/.-]?\d)")),
    ("numeric_month", re.compile(r"(?<![\d/.,-])(\d{1,2})/(\d{4})(?![\d/])")),
    (
        "quarter",
        re.compile(
            r"\b(?:Q([1-4])|([1-4])Q)(?:\s*[/-]?\s*(\d{4}))?(?![\w])"
            r"|\b(first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter\b"
            r"(?:\s+of\s+(?:the\s+year\s+|fiscal\s+year\s+)?(\d{4}))?",
            re.IGNORECASE,
        ),
    ),
    (
        "half",
        re.compile(
            r"\b(first|second|1st|2nd)[- ]half\b(?:\s+of\s+(?:the\s+year\s+)?(\d{4}))?"
            r"|\bH([12])(?:\s*[/-]?\s*(\d{4}))?(?![\w])"
            r"|\b(first|last|final)\s+(?:six|6)[- ]months?\b(?:\s+of\s+(?:the\s+year\s+)?(\d{4}))?",
            re.IGNORECASE,
        ),
    ),
    # A month name alone ("in August"): capitalised, never "May" (a modal verb).
    (
        "month",
        re.compile(
            r"\b(January|February|March|April|June|July|August|September|October|November"
            r"|December)\b(?!\.?\s*\d)"
        ),
    ),
)
_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2}
_QUARTER_WORDS |= {"3rd": 3, "4th": 4}


def _en_month(text: str) -> int:
    return EN_MONTHS[text.lower().rstrip(".")]


_EN_MONTH_WORDS = frozenset(EN_MONTHS)
_LOWER_WORD_RE = re.compile(r"[a-z]+")


def _en_kinds(text: str) -> set[str]:
    """The kinds of pattern that can match in text (a cheap look first saves most of the
    regular-expression work)."""
    lowered = text.lower()
    kinds = set()
    if not _EN_MONTH_WORDS.isdisjoint(_LOWER_WORD_RE.findall(lowered)):
        kinds |= {"mdy_range", "dmy_range", "dmy", "mdy", "my", "month"}
    if re.search(r"\d", text):
        kinds |= {"numeric", "numeric_month", "iso"}
    if "q" in lowered:  # Q1, 1Q, quarter
        kinds.add("quarter")
    if (
        "half" in lowered
        or "h1" in lowered
        or "h2" in lowered
        or "six" in lowered
        or "6" in lowered
    ):
        kinds.add("half")
    return kinds


def _en_dates(text: str) -> Iterator[DateValue]:
    wanted = _en_kinds(text)
    for kind, pattern in _EN_PATTERNS:
        if kind not in wanted:
            continue
        for match in pattern.finditer(text):
            found, span = match.group(0), (match.start(), match.end())
            if kind == "mdy_range":
                month, first, second = _en_month(match[1]), int(match[2]), int(match[3])
                year = _year(match[4])
                if _valid(first, month) and _valid(second, month) and first < second:
                    yield DateValue(*span, found, year, month, first, order="mdy")
                    yield DateValue(*span, found, year, month, second, order="mdy")
            elif kind == "dmy_range":
                first, second, month = int(match[1]), int(match[2]), _en_month(match[3])
                year = _year(match[4])
                if _valid(first, month) and _valid(second, month) and first < second:
                    yield DateValue(*span, found, year, month, first, order="dmy")
                    yield DateValue(*span, found, year, month, second, order="dmy")
            elif kind == "dmy":
                day, month = int(match[1]), _en_month(match[2])
                if _valid(day, month):
                    yield DateValue(*span, found, _year(match[3]), month, day, order="dmy")
            elif kind == "mdy":
                month, day = _en_month(match[1]), int(match[2])
                if _valid(day, month):
                    yield DateValue(*span, found, _year(match[3]), month, day, order="mdy")
            elif kind == "my":
                yield DateValue(*span, found, int(match[2]), _en_month(match[1]))
            elif kind == "iso":
                month, day = int(match[2]), int(match[3])
                if _valid(day, month):
                    yield DateValue(*span, found, int(match[1]), month, day)
            elif kind == "numeric":
                first, second = int(match[1]), int(match[3])
                if _valid(first, second) or _valid(second, first):
                    # Kept as day/month; the comparison also tries month/day.
                    day, month = (first, second) if _valid(first, second) else (second, first)
                    yield DateValue(*span, found, _year(match[4]), month, day, numeric=True)
            elif kind == "numeric_month":
                month = int(match[1])
                if _valid(None, month):
                    yield DateValue(*span, found, int(match[2]), month, numeric=True)
            elif kind == "quarter":
                digit = match[1] or match[2]
                quarter = int(digit) if digit else _QUARTER_WORDS[match[4].lower()]
                yield DateValue(*span, found, _year(match[3] or match[5]), quarter=quarter)
            elif kind == "half":
                if match[1]:
                    half, year = (1 if match[1].lower() in ("first", "1st") else 2), match[2]
                elif match[3]:
                    half, year = int(match[3]), match[4]
                else:
                    half, year = (1 if match[5].lower() == "first" else 2), match[6]
                yield DateValue(*span, found, _year(year), half=half)
            else:
                yield DateValue(*span, found, month=_en_month(match[1]))


_EN_TIME_RE = re.compile(
    r"(?<![\d:.,/])(\d{1,2})(?:([:.])(\d{2}))?\s*(a\.m\.|p\.m\.|a\.m|p\.m|am|pm|o'clock|o’clock|h)?"
    r"(?![\w])",
    re.IGNORECASE,
)
_EN_NAMED_TIMES = re.compile(r"\b(noon|midday|midnight)\b", re.IGNORECASE)


def _en_times(text: str) -> Iterator[TimeValue]:
    for match in _EN_TIME_RE.finditer(text):
        hour = int(match[1])
        separator, minutes_text, suffix = match[2], match[3], (match[4] or "").lower()
        if not suffix and separator != ":":
            continue  # a plain number, or 8.30 (a decimal) without a.m./p.m.
        if separator == "." and suffix in ("", "o'clock", "o’clock", "h"):
            continue
        minute = int(minutes_text) if minutes_text else 0
        if hour > 24 or minute > 59:
            continue
        meridiem = suffix.startswith(("a", "p")) or hour > 12
        if suffix.startswith("p") and hour < 12:
            hour += 12
        elif suffix.startswith("a") and hour == 12:
            hour = 0
        end = match.end()
        yield TimeValue(
            match.start(),
            end,
            text[match.start() : end],
            (hour % 24) * 60 + minute,
            meridiem,
            bare_hour=minutes_text is None and suffix in ("o'clock", "o’clock", "h"),
        )
    for match in _EN_NAMED_TIMES.finditer(text):
        minutes = 0 if match[1].lower() == "midnight" else 12 * 60
        yield TimeValue(match.start(), match.end(), match.group(0), minutes, True, named=True)


_Item = TypeVar("_Item", DateValue, TimeValue)


def find_dates(text: str, lang: str) -> list[DateValue]:
    """Dates of text (earlier patterns win where two overlap), in text order."""
    found = _vi_dates(text) if lang == "vi" else _en_dates(text)
    return _without_overlaps(found)


_VI_TIME_HINT_RE = re.compile(r"\d\s*(?:h|giờ|:)", re.IGNORECASE)
_EN_TIME_HINT_RE = re.compile(r"\d:\d|\d\s*(?:[ap]\.?m|o['’]clock|h\b)|noon|midday|midnight", re.I)


def find_times(text: str, lang: str) -> list[TimeValue]:
    hint = _VI_TIME_HINT_RE if lang == "vi" else _EN_TIME_HINT_RE
    if not hint.search(text):
        return []
    found = _vi_times(text) if lang == "vi" else _en_times(text)
    return _without_overlaps(found)


def _without_overlaps(items: Iterator[_Item]) -> list[_Item]:
    kept: list[_Item] = []
    spans: list[tuple[int, int]] = []
    for item in items:
        span = (item.start, item.end)
        if span in spans or not any(item.start < end and start < item.end for start, end in spans):
            kept.append(item)
            spans.append(span)
    kept.sort(key=lambda item: item.start)
    return kept
