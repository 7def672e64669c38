"""Placeholder protection: keep what MT must not touch out of the model's hands.

Before MT, each protected span of the source (inline code tags, enforced glossary terms,
personal names, URLs, e-mail addresses, document codes, dates, numbers, acronyms) is
replaced by a numbered placeholder ``[1]``, ``[2]``, …; after MT each placeholder is
replaced by the span's English form. With ``english_conventions`` on, numbers take English
separators ("6,5%" → "6.5%", "1.000" → "1,000"), document codes fold Đ to D
("35/2025/NĐ-CP" → "35/2025/ND-CP") and dates are written out in the partner's date style
("9/8/2022" → "August 9, 2022" or "9 August 2022": :mod:`translation.dates`). If the
model drops, duplicates or invents a placeholder, :func:`restore` returns None and the
caller retranslates without protection.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from primitives.inline import pairing_problems, plain, tags
from primitives.text_keys import match_key, nfc_offsets
from translation.dates import MONTH_DAY_YEAR, find_dates

PLACEHOLDER_RE = re.compile(r"\[\s*(\d+)\s*\]")

_URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
_EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
# 03-NQ/TU, 18-NQ/TW, 176/2025/QH15, 35/2025/NĐ-CP, 749/QĐ-TTg (a part may end in lower case)
_DOCUMENT_CODE_RE = re.compile(r"\b\d+(?:/\d{4})?(?:[-/][A-ZĐ][A-ZĐ0-9]*[a-zđ]?)+\b")
_NUMBER_RE = re.compile(
    r"(?<![\w.,])(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+(?=\s?%))(?:\s?%)?(?![.,]?\d)(?!\w)"
)
_ACRONYM_RE = re.compile(r"(?<!\w)[A-ZĐ][A-ZĐ0-9&]{1,9}(?:-\d+)?(?!\w)")
_TRAILING_URL_PUNCTUATION = ".,;:!?)]}"


# What the caller's spans may be (the workflow decides them from its glossary, gazetteer
# and name detection); find_spans adds tag, literal, url, email, code, date, number and
# acronym spans of its own.
TERM_KINDS = ("term", "place", "name", "title")


@dataclass(frozen=True)
class TermSpan:
    """A span the caller fixes: source[start:end] becomes replacement in the target.

    kind says what it is (TERM_KINDS): an enforced glossary term, a place, a person's name
    or a title before a name.
    """

    start: int
    end: int
    replacement: str
    kind: str = "term"


@dataclass(frozen=True)
class ProtectionOptions:
    """What to protect besides inline codes and the caller's term spans."""

    names: tuple[str, ...] = ()  # personal names to keep out of MT
    strip_name_diacritics: bool = False  # "Nguyễn Văn An" → "Nguyen Van An"
    detect_do_not_translate: bool = True  # URLs, e-mails, codes, dates, numbers, acronyms
    english_conventions: bool = True  # English number separators, Đ→D in codes, dates
    date_style: str = MONTH_DAY_YEAR  # "August 9, 2022"; DAY_MONTH_YEAR: "9 August 2022"


@dataclass(frozen=True)
class ProtectedSpan:
    """A span of the source that MT must not change, and what the target gets instead."""

    start: int
    end: int
    kind: str  # tag, literal, term, place, name, title, url, email, code, date, number, acronym
    replacement: str


@dataclass(frozen=True)
class ProtectedText:
    """Source with placeholders; replacements[i] restores placeholder [i + 1]."""

    text: str
    replacements: tuple[str, ...]
    kinds: tuple[str, ...]

    @property
    def placeholder_count(self) -> int:
        return len(self.replacements)


def strip_diacritics(text: str) -> str:
    """Vietnamese letters without tone and vowel marks; Đ→D, đ→d (never dropped)."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def english_number(vietnamese: str) -> str:
    """'1.000,5' → '1,000.5'; '6,5%' → '6.5%'; '1.000' → '1,000' (dot groups thousands)."""
    match = re.fullmatch(r"([\d.]+)(?:,(\d+))?(\s?%)?", vietnamese)
    if match is None:
        return vietnamese
    whole = int(match.group(1).replace(".", ""))
    text = f"{whole:,}"
    if match.group(2):
        text += "." + match.group(2)
    return text + (match.group(3) or "").strip()


def _name_spans(source: str, names: tuple[str, ...], strip: bool) -> list[ProtectedSpan]:
    if not names:
        return []
    # match_key keeps an NFC text's length, so offsets in the key are offsets in the NFC
    # text; a source in NFD (pasted from some Mac and web sources) maps them back.
    if unicodedata.is_normalized("NFC", source):
        source_key, offsets = match_key(source), None
    else:
        mapped = nfc_offsets(source)
        if mapped is None:
            return []
        source_key, offsets = match_key(mapped[0]), mapped[1]
    spans: list[ProtectedSpan] = []
    for name in sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True):
        name_key = match_key(unicodedata.normalize("NFC", name))
        pattern = re.compile(rf"(?<!\w){re.escape(name_key)}(?!\w)")
        for match in pattern.finditer(source_key):
            start, end = match.start(), match.end()
            if offsets is not None:
                start, end = offsets[start], offsets[end]
            original = source[start:end]
            spans.append(
                ProtectedSpan(start, end, "name", strip_diacritics(original) if strip else original)
            )
    return spans


def _is_heading(source: str) -> bool:
    """Mostly capital letters: a heading, whose words are not acronyms."""
    letters = [c for c in plain(source) if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _pattern_spans(source: str, english: bool, date_style: str) -> list[ProtectedSpan]:
    spans: list[ProtectedSpan] = []
    for match in _URL_RE.finditer(source):
        url = match.group(0).rstrip(_TRAILING_URL_PUNCTUATION)
        spans.append(ProtectedSpan(match.start(), match.start() + len(url), "url", url))
    for match in _EMAIL_RE.finditer(source):
        spans.append(ProtectedSpan(match.start(), match.end(), "email", match.group(0)))
    for match in _DOCUMENT_CODE_RE.finditer(source):
        code = match.group(0)
        replacement = code.replace("Đ", "D") if english else code
        spans.append(ProtectedSpan(match.start(), match.end(), "code", replacement))
    for date in find_dates(source, date_style):
        replacement = date.english if english else source[date.start : date.end]
        spans.append(ProtectedSpan(date.start, date.end, "date", replacement))
    for match in _NUMBER_RE.finditer(source):
        number = match.group(0)
        replacement = english_number(number) if english else number
        spans.append(ProtectedSpan(match.start(), match.end(), "number", replacement))
    if not _is_heading(source):
        for match in _ACRONYM_RE.finditer(source):
            spans.append(ProtectedSpan(match.start(), match.end(), "acronym", match.group(0)))
    return spans


def find_spans(
    source: str,
    terms: tuple[TermSpan, ...] = (),
    options: ProtectionOptions = ProtectionOptions(),
) -> list[ProtectedSpan]:
    """Non-overlapping spans to protect, by position; earlier kinds win an overlap.

    Order of precedence: inline code tags and literal "[n]" text (must survive verbatim),
    the caller's spans (glossary terms, places, names, titles: in the caller's order),
    names given by text, then detected do-not-translate patterns.
    """
    candidates: list[ProtectedSpan] = [
        ProtectedSpan(tag.start, tag.end, "tag", tag.text) for tag in tags(source)
    ]
    candidates += [
        ProtectedSpan(m.start(), m.end(), "literal", m.group(0))
        for m in PLACEHOLDER_RE.finditer(source)
    ]
    for term in terms:
        if not 0 <= term.start < term.end <= len(source):
            raise ValueError(f"term span {term.start}:{term.end} is outside the source text")
        if term.kind not in TERM_KINDS:
            raise ValueError(f"term span kind {term.kind!r} is not one of {TERM_KINDS}")
        candidates.append(ProtectedSpan(term.start, term.end, term.kind, term.replacement))
    candidates += _name_spans(source, options.names, options.strip_name_diacritics)
    if options.detect_do_not_translate:
        candidates += _pattern_spans(source, options.english_conventions, options.date_style)
    taken = [False] * len(source)
    accepted: list[ProtectedSpan] = []
    for span in candidates:
        if any(taken[span.start : span.end]):
            continue
        for index in range(span.start, span.end):
            taken[index] = True
        accepted.append(span)
    return sorted(accepted, key=lambda span: span.start)


def protect(source: str, spans: list[ProtectedSpan]) -> ProtectedText:
    """Replace each span by its placeholder (spans sorted and non-overlapping)."""
    parts: list[str] = []
    position = 0
    for number, span in enumerate(spans, start=1):
        parts.append(source[position : span.start])
        parts.append(f"[{number}]")
        position = span.end
    parts.append(source[position:])
    return ProtectedText(
        text="".join(parts),
        replacements=tuple(span.replacement for span in spans),
        kinds=tuple(span.kind for span in spans),
    )


def restore(target: str, protected: ProtectedText) -> str | None:
    """Target with placeholders restored, or None if any was lost, repeated or invented."""
    found = [int(m.group(1)) for m in PLACEHOLDER_RE.finditer(target)]
    if sorted(found) != list(range(1, protected.placeholder_count + 1)):
        return None
    restored = PLACEHOLDER_RE.sub(lambda m: protected.replacements[int(m.group(1)) - 1], target)
    if "tag" in protected.kinds and pairing_problems(restored):
        return None  # the model reordered paired tags: <g1> after </g1>
    return restored
