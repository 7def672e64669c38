"""VIQR (RFC 1456): Vietnamese written in ASCII, detected cautiously and converted.

VIQR puts modifiers after the vowel (``a(`` ă, ``a^`` â, ``e^`` ê, ``o^`` ô, ``o+`` ơ,
``u+`` ư), then the tone (``'`` sắc, ````` huyền, ``?`` hỏi, ``~`` ngã, ``.`` nặng), and
writes đ as ``dd``. A backslash keeps the next mark literal (``ddi\\.`` is "đi.").

The same characters are English punctuation ("Hello? Yes.", "it's", "Let it go."), so a
word is converted only when the result is a well-formed Vietnamese syllable, and a text
counts as VIQR only when it holds words that English cannot produce: a modifier (^ ( +),
``dd``, or a tone other than the apostrophe inside a word of three or more letters
(``ho.c``; not "I'm" or "a.m."). A ``.`` or ``?`` that ends a line is read as the
sentence's punctuation, since a line rarely ends in a bare word; so is a ``.`` that a
new sentence follows (a space, then a capital). Elsewhere the RFC's rule holds.
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
# Share of words that must read as Vietnamese when only one word is unmistakably VIQR.
_MIN_VIETNAMESE_SHARE = 0.6
_QUICK_RE = re.compile(r"[aeiouyAEIOUY][\^(+'`?~.]|[dD][dD]")


@dataclass(frozen=True)
class _WordConversion:
    text: str
    converted: int  # letters built from VIQR sequences
    strong: bool  # a modifier or dd (2+ letters), or a ` ? ~ . tone inside a 3+ letter word
    letters: int


def _convert_word(word: str, ending: str) -> _WordConversion:
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
            if at_end and (
                ending == "line" and tone in ".?" or ending == "sentence" and tone == "."
            ):
                tail = tone  # the sentence's own punctuation, not a tone
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


# After a word: only closing quotes/brackets up to the end of the line ...
_LINE_END_RE = re.compile(r"[\"'”’)\]]*[ \t]*(?:\r?\n|$)")
# ... or closing quotes, a space and the capital (or opening quote) of the next sentence.
_SENTENCE_END_RE = re.compile(r"[\"'”’)\]]*[ \t]+[\"“‘(]?[A-Z]")


def _tokens(text: str) -> list[tuple[re.Match[str], str]]:
    """VIQR words, each with what its final "." or "?" can be: "line", "sentence" or ""."""
    result = []
    for match in _TOKEN_RE.finditer(text):
        if _LINE_END_RE.match(text, match.end()):
            ending = "line"
        elif _SENTENCE_END_RE.match(text, match.end()):
            ending = "sentence"
        else:
            ending = ""
        result.append((match, ending))
    return result


def looks_like_viqr(text: str) -> bool:
    """True when ``text`` holds VIQR words that English or French text cannot produce."""
    if not might_be_viqr(text):
        return False
    strong_valid = weak_valid = invalid = words = plain_valid = 0
    for match, ending in _tokens(text):
        words += 1
        conversion = _convert_word(match.group(0), ending)
        if not conversion.converted:
            plain_valid += _word_is_vietnamese(conversion.text)
            continue
        if not _word_is_vietnamese(conversion.text):
            invalid += 1
        elif conversion.strong:
            strong_valid += 1
        else:
            weak_valid += 1
    if strong_valid == 0 or strong_valid + weak_valid < 2 * invalid:
        return False
    vietnamese_words = strong_valid + weak_valid + plain_valid
    return strong_valid >= 2 or vietnamese_words >= _MIN_VIETNAMESE_SHARE * words


def viqr_to_unicode(text: str) -> tuple[str, int]:
    """Convert the VIQR words of ``text``; return the text and the letters converted.

    A word whose conversion is not Vietnamese ("e.g.", "Hello?") is left as written,
    unless it has a modifier or ``dd`` (loanwords such as ``o^to^`` "ôtô").
    """
    pieces: list[str] = []
    position = 0
    converted = 0
    for match, ending in _tokens(text):
        conversion = _convert_word(match.group(0), ending)
        pieces.append(text[position : match.start()])
        if conversion.converted and (conversion.strong or _word_is_vietnamese(conversion.text)):
            pieces.append(conversion.text)
            converted += conversion.converted
        else:
            pieces.append(match.group(0))
        position = match.end()
    pieces.append(text[position:])
    return "".join(pieces), converted
