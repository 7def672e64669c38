"""One pass over a text: identifiers, then dates, then times, then numbers (the Okapi order).

Each find blanks out its span before the next pass, so the digits of "749/QĐ-TTg" or of
"9/8/2022" never come back as numbers, and "8h30" never as 8 and 30. Inline-code tags are
blanked first (their digits are code numbers). Offsets are those of the text's NFC form,
which is the text itself for anything songngu stored.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from primitives.inline import replace_tags
from workflow.qa.values.dates import find_dates, find_times
from workflow.qa.values.identifiers import find_identifiers, mixed_names
from workflow.qa.values.model import DateValue, Extraction, Identifier, TimeValue
from workflow.qa.values.numbers import find_numbers

_MASK = "\x00"

_DIGIT_RE = re.compile(r"\d")


def locale_of(lang: str) -> str:
    """The parsing rules a language code gets: Vietnamese, else English."""
    return "vi" if lang.lower().startswith("vi") else "en"


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = _MASK * (end - start)
    return "".join(chars)


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


# Without a digit, only these can start a date or time (month words, quarters, halves,
# "nửa đầu năm", "noon"), and only these an address.
_VI_DATE_WORDS_RE = re.compile(r"tháng|quý|nửa", re.IGNORECASE)
_EN_DATE_WORDS_RE = re.compile(
    r"january|february|march|april|may|june|july|august|september|october|november|"
    r"december|quarter|half|six months|six-month|\bQ[1-4]|\bH[12]|noon|midday|midnight",
    re.IGNORECASE,
)
_ADDRESS_HINT_RE = re.compile(r"@|://|www\.|\.(?:vn|com|org|net|gov|edu|int|info|io)\b", re.I)


@lru_cache(maxsize=16384)
def extract(text: str, lang: str) -> Extraction:
    """Everything the value checks compare in text, read by the rules of lang."""
    locale = locale_of(lang)
    text = unicodedata.normalize("NFC", text)
    working = replace_tags(text, lambda tag: " " * len(tag.text))
    plain = working
    digits = _DIGIT_RE.search(working) is not None
    taken: list[tuple[int, int]] = []
    identifiers: list[Identifier] = []
    if digits or _ADDRESS_HINT_RE.search(working):
        for item in find_identifiers(working):
            span = (item.start, item.end)
            if not _overlaps(span, taken):
                identifiers.append(item)
                taken.append(span)
        working = _mask(working, taken)
    date_words = _VI_DATE_WORDS_RE if locale == "vi" else _EN_DATE_WORDS_RE
    dates: list[DateValue] = []
    times: list[TimeValue] = []
    if digits or date_words.search(working):
        dates = find_dates(working, locale)
        working = _mask(working, [(d.start, d.end) for d in dates])
        times = find_times(working, locale)
        working = _mask(working, [(t.start, t.end) for t in times])
    if digits:
        working = _mask(working, list(mixed_names(working)))
    numbers, working = find_numbers(working, locale)
    identifiers.sort(key=lambda item: item.start)
    return Extraction(
        dates=tuple(dates),
        times=tuple(times),
        numbers=tuple(numbers),
        identifiers=tuple(identifiers),
        lang=locale,
        masked=working,
        plain=plain,
    )
