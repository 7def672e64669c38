"""The text a TM compares: matching key of the words, without inline codes."""

from __future__ import annotations

import re

from primitives.inline import plain, tag_signature
from primitives.text_keys import match_key

_SPACE_RE = re.compile(r"\s+")
_WORD_RE = re.compile(r"\w+")
# Numbers as written in either language: 2021, 1.000, 6,5, 9/8/2022 is three numbers.
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")


def tm_key(text: str) -> str:
    """Matching key of the text without codes, runs of whitespace made one space."""
    return _SPACE_RE.sub(" ", match_key(plain(text))).strip()


def key_words(key: str) -> list[str]:
    """Words (syllables and numbers) of a key, in order."""
    return _WORD_RE.findall(key)


def numbers_in(text: str) -> list[str]:
    """Every number of the text without its codes, in order (as written)."""
    return _NUMBER_RE.findall(plain(text))


def code_signature(text: str) -> tuple[str, ...]:
    """The inline code tags of a text in order: equal signatures mean the same codes."""
    return tag_signature(text)
