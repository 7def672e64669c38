"""What the value parser finds in a text: numbers, dates, times and identifiers, with offsets.

Every item keeps where it was found (``start``/``end`` in the text as given, tags
included) and what it says as a value, so a check compares values across locales (vi
"1.000,5" and en "1,000.5" are one number) and still points at the words.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class NumberUnit(StrEnum):
    """What a number counts, where it changes the meaning."""

    NONE = ""
    PERCENT = "percent"
    POINTS = "percentage points"


@dataclass(frozen=True)
class Quantity:
    """A number as written, and the values it may stand for.

    ``values`` holds every reading the locale allows ("2,125" in a Vietnamese text is 2.125
    or, in the English habit some writers have, 2125); ``mantissas`` are the readings
    before the scale word and ``scale`` its power of ten (``1,5 tỷ``: 1.5 and 9).
    ``soft`` marks numbers written as words ("hai", "twice", "thirteenth"): they may
    satisfy a number of the other side but are never required nor reported as added,
    because either language may spell a number out. ``foreign`` marks an English number
    written the Vietnamese way ("6,5", "1.000.000"), which English readers misread.
    """

    start: int
    end: int
    text: str
    values: frozenset[Decimal]
    mantissas: frozenset[Decimal] = frozenset()
    scale: int = 0
    unit: NumberUnit = NumberUnit.NONE
    currency: str = ""
    soft: bool = False
    foreign: bool = False
    ordinal: bool = False
    parts: frozenset[Decimal] = frozenset()


@dataclass(frozen=True)
class DateValue:
    """A date or part of one: every field None where the text does not say.

    ``quarter`` (1-4) and ``half`` (1-2) stand in for month and day in "quý I/2022",
    "Q1 2022", "6 tháng đầu năm". ``numeric`` marks an all-digit form ("9/8/2022") and
    ``order`` how an English text wrote it: "mdy" (August 9, 2022), "dmy" (9 August 2022),
    "" when it does not tell.
    """

    start: int
    end: int
    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    quarter: int | None = None
    half: int | None = None
    numeric: bool = False
    order: str = ""

    def fields(self) -> dict[str, int]:
        named = {
            "year": self.year,
            "month": self.month,
            "day": self.day,
            "quarter": self.quarter,
            "half": self.half,
        }
        return {name: value for name, value in named.items() if value is not None}


@dataclass(frozen=True)
class TimeValue:
    """A time of day in minutes after midnight. ``meridiem`` says the text fixed the
    half of the day (a.m./p.m., sáng/chiều, or an hour past 12); without it 8:30 may be
    morning or evening. ``bare_hour`` marks "8 giờ" with no minutes, which may as well
    be a duration (eight hours)."""

    start: int
    end: int
    text: str
    minutes: int
    meridiem: bool = False
    bare_hour: bool = False
    named: bool = False  # noon, midnight: never reported as added (Vietnamese says "trưa")


@dataclass(frozen=True)
class Identifier:
    """A token compared as written, never as a number: a document code (03-NQ/TU), a URL,
    an e-mail address or a telephone number. ``key`` is the comparable form (case folded,
    Đ as D, dashes unified; a telephone number as its digits)."""

    start: int
    end: int
    text: str
    kind: str  # "code", "url", "email", "phone"
    key: str


@dataclass(frozen=True)
class Extraction:
    """Everything found in one text, each list in text order.

    ``numbers`` are those written with digits (and Roman numerals); number words and the
    currencies named anywhere are read only when asked for (``words``, ``quantities``,
    ``currencies``), since most comparisons are settled without them.
    """

    dates: tuple[DateValue, ...] = ()
    times: tuple[TimeValue, ...] = ()
    numbers: tuple[Quantity, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    lang: str = "en"
    masked: str = ""  # the text with everything above blanked: where words are read
    plain: str = ""  # the text with tags blanked

    @property
    def words(self) -> tuple[Quantity, ...]:
        from workflow.qa.values.numbers import find_number_words

        return find_number_words(self.masked, self.lang) if self.masked else ()

    @property
    def quantities(self) -> tuple[Quantity, ...]:
        """Numbers and number words, in text order."""
        return tuple(sorted(self.numbers + self.words, key=lambda q: q.start))

    @property
    def currencies(self) -> frozenset[str]:
        from workflow.qa.values.numbers import find_currencies

        return find_currencies(self.plain, self.lang) if self.plain else frozenset()

    def of_kind(self, kind: str) -> tuple[Identifier, ...]:
        return tuple(item for item in self.identifiers if item.kind == kind)
