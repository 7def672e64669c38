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
from workflow.qa.values.identifiers import ADDRESS_HINT_RE, find_identifiers, mixed_names
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


# Without a digit, only these words can start a date or time (month names, quarters,
# halves, "nửa đầu năm", noon), and only these marks an address.
_VI_DATE_WORDS = ("tháng", "quý", "nửa", "Tháng", "Quý", "Nửa", "THÁNG", "QUÝ")
_EN_DATE_WORDS = frozenset(
    "january february march april may june july august september october november "
    "december quarter half six noon midday midnight q1 q2 q3 q4 h1 h2".split()
)
_WORD_RE = re.compile(r"[a-z0-9]+")


def _may_hold_date_words(text: str, locale: str) -> bool:
    if locale == "vi":
        return any(word in text for word in _VI_DATE_WORDS)
    return not _EN_DATE_WORDS.isdisjoint(_WORD_RE.findall(text.lower()))


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
    if digits or "@" in working or ADDRESS_HINT_RE.search(working):
        for item in find_identifiers(working):
            span = (item.start, item.end)
            if not _overlaps(span, taken):
                identifiers.append(item)
                taken.append(span)
        working = _mask(working, taken)
    dates: list[DateValue] = []
    times: list[TimeValue] = []
    if digits or _may_hold_date_words(working, locale):
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
