"""Write Unicode Vietnamese in the legacy encodings: the inverse of the repair tables.

Used to prove the tables round-trip (every letter encodes and decodes to itself) and to
build realistic legacy input for tests and the repair benchmark from real sentences.
A letter an encoding cannot hold raises :class:`~primitives.errors.InvalidInput`.
"""

from __future__ import annotations

import unicodedata

from primitives.errors import InvalidInput
from workflow.vietnamese.legacy_tables import (
    UNICODE_TO_TCVN3,
    UNICODE_TO_VNI,
    VISCII_ENCODING,
)

_VIQR_TONE = {"\u0301": "'", "\u0300": "`", "\u0309": "?", "\u0303": "~", "\u0323": "."}
_VIQR_MODIFIER = {"\u0306": "(", "\u0302": "^", "\u031b": "+"}
_CP1258_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def _cannot(letter: str, encoding: str) -> InvalidInput:
    return InvalidInput(
        "encoding.letter_not_encodable",
        "{letter!r} cannot be written in {encoding}: use Unicode",
        letter=letter,
        encoding=encoding,
    )


def encode_tcvn3(text: str) -> str:
    """TCVN3 (ABC) as the Latin-1 characters a .VnTime run holds; capitals with tones fail."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char.isascii():
            out.append(char)
        elif char in UNICODE_TO_TCVN3:
            out.append(UNICODE_TO_TCVN3[char])
        else:
            raise _cannot(char, "TCVN3")
    return "".join(out)


def encode_vni(text: str) -> str:
    """VNI as the Windows-1252 characters a VNI-Times run holds."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char.isascii():
            out.append(char)
        elif char in UNICODE_TO_VNI:
            out.append(UNICODE_TO_VNI[char])
        else:
            raise _cannot(char, "VNI")
    return "".join(out)


def encode_viscii(text: str) -> bytes:
    """VISCII bytes."""
    try:
        return bytes(VISCII_ENCODING[char] for char in unicodedata.normalize("NFC", text))
    except KeyError as error:
        raise _cannot(error.args[0], "VISCII") from None


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 bytes: precomposed where the code page has the letter, else base + tone."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in decomposed if c in _CP1258_TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        try:
            out += (base + tones).encode("cp1258")
        except UnicodeEncodeError:
            raise _cannot(char, "Windows-1258") from None
    return bytes(out)


def encode_viqr(text: str) -> str:
    """VIQR (RFC 1456): modifiers, then the tone, after each vowel; đ as dd."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char in "đĐ":
            out.append("dd" if char == "đ" else "DD")
            continue
        if char.isascii():
            out.append(char)
            continue
        decomposed = unicodedata.normalize("NFD", char)
        marks = [_VIQR_MODIFIER.get(c) or _VIQR_TONE.get(c) for c in decomposed[1:]]
        if not decomposed[0].isascii() or None in marks:
            raise _cannot(char, "VIQR")
        modifiers = [m for m in marks if m in "(^+"]
        tones = [m for m in marks if m not in "(^+"]
        out.append(decomposed[0] + "".join(modifiers) + "".join(tones))
    return "".join(out)


def tcvn3_bytes(text: str) -> bytes:
    """TCVN3 as the bytes of an 8-bit file."""
    return encode_tcvn3(text).encode("latin-1")


def vni_bytes(text: str) -> bytes:
    """VNI as the bytes of an 8-bit file (Windows-1252 characters)."""
    return encode_vni(text).encode("cp1252")
