"""Matching keys for Vietnamese text.

Two spellings that a reader takes for the same word must meet in TM, glossary and search:
Unicode NFC and NFD, the old and new tone-mark placement ("hòa"/"hoà", "thủy"/"thuỷ") and
letter case. The author's own text is never rewritten; only these keys are compared.

Both keys keep the length of NFC input, character for character, so an offset found in a
key is the same offset in the (NFC) text it was made from.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Combining tone marks: grave, acute, tilde, hook above, dot below.
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")

# Consonant onsets, longest first. "qu" and "gi" count as onsets, so the vowel nucleus of
# "quý" is "y" and of "quỳnh" is "y" (placement there is the same in both conventions).
_ONSET_RE = re.compile(r"^(ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnpqrstvx])")
# Open syllables whose tone mark the two conventions place differently.
_SHIFTING_NUCLEI = frozenset({"oa", "oe", "uy"})
_WORD_RE = re.compile(r"[^\W\d_]+")


def _lower_char(char: str) -> str:
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


def _split_tone(char: str) -> tuple[str, str]:
    """Return (char without its tone mark, the tone mark or '')."""
    decomposed = unicodedata.normalize("NFD", char)
    tone = "".join(c for c in decomposed if c in TONE_MARKS)
    if not tone:
        return char, ""
    rest = "".join(c for c in decomposed if c not in TONE_MARKS)
    return unicodedata.normalize("NFC", rest), tone


def _bare(char: str) -> str:
    return unicodedata.normalize("NFD", char)[0]


@lru_cache(maxsize=65536)
def _canonical_word(word: str) -> str:
    """Place the tone of an open oa/oe/uy syllable on the second vowel (new style)."""
    onset = _ONSET_RE.match("".join(_bare(c) if c != "đ" else c for c in word))
    start = onset.end() if onset else 0
    if start == len(word) and onset and onset.group(1) == "gi":
        start = 1  # "gì": the i is the vowel
    nucleus = word[start:]
    if len(nucleus) != 2 or "".join(_bare(c) for c in nucleus) not in _SHIFTING_NUCLEI:
        return word
    first, tone = _split_tone(nucleus[0])
    if not tone:
        return word
    second = unicodedata.normalize("NFC", nucleus[1] + tone)
    if len(second) != 1:
        return word
    return word[:start] + first + second


def _base(char: str) -> str:
    return unicodedata.normalize("NFD", char)[0]


# _canonical_word changes only a word whose nucleus is a toned o/u-based vowel followed by
# an a/e/y-based one ("hòa", "thủy"): text without such a pair needs no word-by-word pass.
_LOWER_LETTERS = [chr(code) for code in range(0x61, 0x1F00) if chr(code).islower()]
_TONED_OU = "".join(
    c for c in _LOWER_LETTERS if _base(c) in "ou" and _split_tone(c)[1] and len(c) == 1
)
_AEY = "".join(c for c in _LOWER_LETTERS if _base(c) in "aey")
_MAY_SHIFT_RE = re.compile(f"[{re.escape(_TONED_OU)}][{re.escape(_AEY)}]")


def match_key(text: str) -> str:
    """Key equal for NFC/NFD, both tone-mark placements and any letter case."""
    nfc = unicodedata.normalize("NFC", text)
    lowered = nfc.lower()
    if len(lowered) != len(nfc):  # rare letters whose lower case is longer ("İ")
        lowered = "".join(_lower_char(c) for c in nfc)
    if not _MAY_SHIFT_RE.search(lowered):
        return lowered
    return _WORD_RE.sub(lambda m: _canonical_word(m.group(0)), lowered)


def _fold_char(char: str) -> str:
    if char == "đ":
        return "d"
    return unicodedata.normalize("NFD", char)[0]


def loose_key(text: str) -> str:
    """Key that also ignores diacritics (text typed without them); Đ/đ fold to d."""
    key = match_key(text)
    if key.isascii():
        return key
    return "".join(_fold_char(c) for c in key)


def nfc_offsets(text: str) -> tuple[str, list[int]] | None:
    """text in NFC and, for each NFC offset and the end, the offset in text.

    Composition joins a letter and the marks after it, so each such cluster is composed
    alone and its NFC characters map to where it starts. None for the rare text whose NFC
    also joins letters (Hangul jamo): cluster offsets would not hold there.
    """
    parts: list[str] = []
    offsets: list[int] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index < len(text) and unicodedata.combining(text[index]):
            continue
        composed = unicodedata.normalize("NFC", text[start:index])
        parts.append(composed)
        offsets += [start] * len(composed)
        start = index
    nfc = "".join(parts)
    if nfc != unicodedata.normalize("NFC", text):
        return None
    return nfc, offsets + [len(text)]
