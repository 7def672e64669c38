"""VIQR (RFC 1456): Vietnamese written in ASCII, detected cautiously and converted.

VIQR puts modifiers after the vowel (``a(`` ă, ``a^`` â, ``e^`` ê, ``o^`` ô, ``o+`` ơ,
``u+`` ư), then the tone (``'`` sắc, ````` huyền, ``?`` hỏi, ``~`` ngã, ``.`` nặng), and
writes đ as ``dd``. A backslash keeps the next mark literal (``ddi\\.`` is "đi.").

The same characters are English punctuation ("Hello? Yes.", "it's", "Let it go."), so a
word is converted only when the result is a well-formed Vietnamese syllable, and a text
counts as VIQR only when it holds words that English cannot produce: a modifier (^ ( +),
``dd``, or a tone other than the apostrophe inside a word of three or more letters
(``ho.c``; not "I'm" or "a.m."). A ``.`` or ``?`` that ends a line is read as the
sentence's punctuation, since a line rarely ends in a bare word.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from workflow.vietnamese.repair_syllables import is_vietnamese_syllable

_TONE_OF_MARK = {"'": "\u0301", "`": "\u0300", "?": "\u0309", "~": "\u0303", ".": "\u0323"}
_MODIFIER_OF = {
    ("a", "("): "\u0306",
    ("a", "^"): "\u0302",
    ("e", "^"): "\u0302",
    ("o", "^"): "\u0302",
    ("o", "+"): "\u031b",
    ("u", "+"): "\u031b",
}
# A VIQR word: letters mixed with marks; it must start with a letter.
_TOKEN_RE = re.compile(r"[A-Za-z](?:[A-Za-z^(+'`?~.]|\\[\^(+'`?~.])*")
_SEQUENCE_RE = re.compile(r"\\([\^(+'`?~.])|([dD][dD])|([aeiouyAEIOUY])([\^(+])?(['`?~.])?")
_QUICK_RE = re.compile(r"[aeiouyAEIOUY][\^(+'`?~.]|[dD][dD]")


@dataclass(frozen=True)
class _WordConversion:
    text: str
    converted: int  # letters built from VIQR sequences
    strong: bool  # a modifier or dd (2+ letters), or a ` ? ~ . tone inside a 3+ letter word
    letters: int


def _convert_word(word: str, line_end: bool) -> _WordConversion:
    converted = 0
    strong = False
    inner_tone = False

    def replace(match: re.Match[str]) -> str:
        nonlocal converted, strong, inner_tone
        escaped, double_d, vowel, modifier, tone = match.groups()
        if escaped:
            return escaped
        if double_d:
            converted += 1
            strong = True
            return "Đ" if double_d[0] == "D" else "đ"
        used = match.group(0)
        marks = ""
        if modifier and (vowel.lower(), modifier) in _MODIFIER_OF:
            marks += _MODIFIER_OF[(vowel.lower(), modifier)]
            strong = True
        elif modifier:
            return used  # "a+" is not VIQR: leave the whole sequence alone
        tail = ""
        if tone:
            at_end = match.end() == len(word)
            if at_end and line_end and tone in ".?":
                tail = tone  # sentence punctuation at the end of the line
            else:
                marks += _TONE_OF_MARK[tone]
                # "I'm", "a.m.": an apostrophe or a dot inside a short word is English.
                if not at_end and tone != "'":
                    inner_tone = True
        if not marks:
            return used
        converted += 1
        return unicodedata.normalize("NFC", vowel + marks) + tail

    text = _SEQUENCE_RE.sub(replace, word)
    letters = sum(char.isalpha() for char in text)
    strong = (strong and letters >= 2) or (inner_tone and letters >= 3)
    return _WordConversion(text, converted, strong, letters)


def _word_is_vietnamese(converted: str) -> bool:
    letters = re.findall(r"[^\W\d_]+", converted)
    return bool(letters) and all(is_vietnamese_syllable(part) for part in letters)


def might_be_viqr(text: str) -> bool:
    """Cheap pre-check: a vowel followed by a VIQR mark, or ``dd``."""
    return text.isascii() and _QUICK_RE.search(text) is not None


def _tokens(text: str) -> list[tuple[re.Match[str], bool]]:
    """VIQR words with whether each one ends its line (trailing spaces ignored)."""
    result = []
    for match in _TOKEN_RE.finditer(text):
        rest = text[match.end() :]
        newline = rest.find("\n")
        line_rest = rest if newline < 0 else rest[:newline]
        result.append((match, line_rest.strip() == ""))
    return result


def looks_like_viqr(text: str) -> bool:
    """True when ``text`` holds VIQR words that English or French text cannot produce."""
    if not might_be_viqr(text):
        return False
    strong_valid = weak_valid = invalid = words = 0
    for match, line_end in _tokens(text):
        words += 1
        conversion = _convert_word(match.group(0), line_end)
        if not conversion.converted:
            continue
        if not _word_is_vietnamese(conversion.text):
            invalid += 1
        elif conversion.strong:
            strong_valid += 1
        else:
            weak_valid += 1
    if strong_valid == 0 or strong_valid + weak_valid < 2 * invalid:
        return False
    return strong_valid >= 2 or (strong_valid + weak_valid) * 2 >= words


def viqr_to_unicode(text: str) -> tuple[str, int]:
    """Convert the VIQR words of ``text``; return the text and the letters converted.

    A word whose conversion is not Vietnamese ("e.g.", "Hello?") is left as written.
    """
    pieces: list[str] = []
    position = 0
    converted = 0
    for match, line_end in _tokens(text):
        conversion = _convert_word(match.group(0), line_end)
        pieces.append(text[position : match.start()])
        if conversion.converted and _word_is_vietnamese(conversion.text):
            pieces.append(conversion.text)
            converted += conversion.converted
        else:
            pieces.append(match.group(0))
        position = match.end()
    pieces.append(text[position:])
    return "".join(pieces), converted
