"""What several checks need to know about text: its plain form, words, Vietnamese letters.

Offsets: checks point into the text as stored (tags included). ``plain_with_offsets``
gives the text without tags and, for each of its characters, the offset in the stored
text, so a span found in the plain text maps back.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from primitives.inline import tokens
from workflow.vietnamese.legacy_tables import VIETNAMESE_LETTERS

# Letters only Vietnamese writes among the languages an English text borrows from: ă, ơ,
# ư, đ, the dot below and hook above, and tones on â, ê, ô (ấ, ề, ổ ...). Plain â, ê, ô,
# and à, á, é, è, í, ó, ú, ý, ã, õ also occur in French, Spanish and Portuguese words
# ("café", "São Paulo"), so alone they do not make a word Vietnamese.
_SHARED_WITH_OTHER_LANGUAGES = frozenset("àáèéìíòóùúýãõâêôÀÁÈÉÌÍÒÓÙÚÝÃÕÂÊÔ")
VIETNAMESE_ONLY_LETTERS = frozenset(VIETNAMESE_LETTERS - _SHARED_WITH_OTHER_LANGUAGES)
WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)?")


@lru_cache(maxsize=8192)
def plain_with_offsets(text: str) -> tuple[str, tuple[int, ...]]:
    """The text without tags, and the stored offset of each of its characters."""
    parts: list[str] = []
    offsets: list[int] = []
    for token in tokens(text):
        if token.kind == "text":
            parts.append(token.text)
            offsets.extend(range(token.start, token.end))
    return "".join(parts), tuple(offsets)


def stored_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span in the stored text of plain-text span [start, end)."""
    plain, offsets = plain_with_offsets(text)
    if not offsets or start >= len(offsets):
        return (len(text), len(text))
    last = offsets[min(end, len(offsets)) - 1] + 1 if end > start else offsets[start]
    return (offsets[start], last)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def is_vietnamese_word(word: str) -> bool:
    """A word holding a letter only Vietnamese uses (see VIETNAMESE_ONLY_LETTERS)."""
    return not VIETNAMESE_ONLY_LETTERS.isdisjoint(word)


def has_vietnamese_letters(text: str) -> bool:
    return not VIETNAMESE_LETTERS.isdisjoint(nfc(text))


_LETTER_WORD_RE = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=8192)
def repeated_word_count(text: str) -> int:
    """How many words of text repeat an earlier one (case aside): 0 rules out doubled
    words and loops without running their patterns."""
    words = _LETTER_WORD_RE.findall(text.lower())
    return len(words) - len(set(words))


def strip_diacritics(text: str) -> str:
    """Nguyễn Văn Đức -> Nguyen Van Duc (Đ/đ as D/d, not dropped)."""
    replaced = nfc(text).replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", replaced)
    return unicodedata.normalize(
        "NFC", "".join(char for char in decomposed if not unicodedata.combining(char))
    )


def quoted(text: str, limit: int = 60) -> str:
    """Text for a message: on one line, cut with … past limit."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
