"""Tokens that carry digits but are not numbers: document codes, URLs, e-mail addresses,
telephone numbers, and names like COVID-19 or QH15.

A document code ("03-NQ/TU", "749/QĐ-TTg", "176/2025/QH15") identifies a text; it is
compared as a token, with Đ read as D (English texts write "QD-TTg") and letter case
ignored, never as the numbers inside it. These are found first, so the number parser
never sees their digits.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from workflow.qa.values.model import Identifier

_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-"})

URL_RE = re.compile(
    r"(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>\"'“”‘’()\[\]{}]+"
    r"|(?<![\w@.-])(?:[a-z0-9][a-z0-9-]*\.)+(?:vn|com|org|net|gov|edu|int|info|io)"
    r"(?:/[^\s<>\"'“”‘’()\[\]{}]*)?(?![\w@-])",
    re.IGNORECASE,
)
# What every URL holds: a scheme, "www." or one of the domain endings URL_RE knows.
ADDRESS_HINT_RE = re.compile(
    r"://|www\.|\.(?:vn|com|org|net|gov|edu|int|info|io)(?![a-z0-9-])", re.IGNORECASE
)
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Digits, then groups after / or - of which at least one holds a capital letter:
# 03-NQ/TU, 749/QĐ-TTg, 176/2025/QH15, 12/KH-UBND, 35/2025/NĐ-CP.
_GROUP = r"[0-9A-Za-zĐđ]+"
CODE_RE = re.compile(
    rf"(?<![\w/.-])\d+[A-Za-zĐđ]*(?:\s?[/\-–]\s?{_GROUP})*[/\-–]"
    rf"[A-ZĐ][0-9A-Za-zĐđ]*(?:[/\-–]{_GROUP})*(?![\w/])"
)
# Vietnamese telephone numbers: 0 or +84, then 8-10 digits in groups.
PHONE_RE = re.compile(r"(?<![\w.+])(?:\+84 ?|0)\d{1,3}(?:[ .-]?\d{2,4}){2,3}(?!\w|[.,]\d)")
# Names that mix letters and digits (COVID-19, QH15, G20, PM2.5, H5N1, CO2): letters first.
NAME_RE = re.compile(
    r"(?<![\w.])(?!(?:VND|VNĐ|USD|EUR|GBP|JPY|CNY|RMB|KRW|THB)\d)"
    r"[^\W\d_]+(?:-?\d[\w.]*\w|-?\d)(?:-\w+)*"
)


def fold_code(text: str) -> str:
    """The comparable form of a code: Đ as D, dashes as "-", no spaces, upper case."""
    folded = text.replace("Đ", "D").replace("đ", "d").translate(_DASHES)
    folded = unicodedata.normalize("NFC", folded)
    return re.sub(r"\s+", "", folded).upper()


def _url_key(text: str) -> str:
    lowered = text.rstrip("/").lower()
    return re.sub(r"^https?://", "", lowered)


def _phone_key(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    return "0" + digits[2:] if text.startswith("+84") else digits


def _trimmed(match: re.Match[str], text: str) -> tuple[int, int]:
    """A match without the sentence punctuation that followed it (a URL at a full stop)."""
    start, end = match.span()
    while end > start and text[end - 1] in ".,;:!?":
        end -= 1
    return start, end


def find_identifiers(text: str) -> Iterator[Identifier]:
    """E-mails, URLs, codes and telephone numbers of text (tags already blanked), in that
    order of precedence; overlapping later finds are left out by the caller's mask.
    Each pattern runs only where the character it cannot do without occurs."""
    for match in EMAIL_RE.finditer(text) if "@" in text else ():
        start, end = _trimmed(match, text)
        found = text[start:end]
        yield Identifier(start, end, found, "email", found.lower())
    for match in URL_RE.finditer(text) if ADDRESS_HINT_RE.search(text) else ():
        start, end = _trimmed(match, text)
        found = text[start:end]
        yield Identifier(start, end, found, "url", _url_key(found))
    for match in CODE_RE.finditer(text) if "/" in text or "-" in text or "–" in text else ():
        found = match.group(0)
        yield Identifier(match.start(), match.end(), found, "code", fold_code(found))
    for match in PHONE_RE.finditer(text):
        found = match.group(0)
        key = _phone_key(found)
        if 9 <= len(key) <= 11:
            yield Identifier(match.start(), match.end(), found, "phone", key)


def mixed_names(text: str) -> Iterator[tuple[int, int]]:
    """Spans of names mixing letters and digits (COVID-19, QH15): never numbers."""
    for match in NAME_RE.finditer(text):
        yield match.span()
