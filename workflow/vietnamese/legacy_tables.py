"""Character tables of the pre-Unicode Vietnamese encodings: TCVN3 (ABC), VNI and VISCII.

Legacy text reaches us in two shapes: as bytes of an 8-bit file, or already decoded as
Windows-1252/Latin-1 characters inside a DOCX run whose font (.VnTime, VNI-Times) gave
those characters their Vietnamese glyphs. Both shapes are handled by keying the tables on
the character a byte becomes when read as Latin-1 (bytes 0x80-0x9F as Windows-1252 where
that differs; see :func:`eight_bit_char`).

The tables are written out from the standards (TCVN 5712:1993 VN3 subset, the VNI Windows
font layout, RFC 1456 for VISCII) rather than generated, so a reviewer can check each line.
"""

from __future__ import annotations

import unicodedata

# The 67 lowercase letters of the Vietnamese alphabet that are not plain ASCII:
# 12 vowels x 5 tones (grave, hook, tilde, acute, dot below) and the 7 modified letters.
VOWELS = "aăâeêioôơuưy"
TONE_ORDER = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # huyền hỏi ngã sắc nặng
MODIFIED_LETTERS = "ăâêôơưđ"
TONED_LOWERCASE = tuple(
    unicodedata.normalize("NFC", vowel + tone) for vowel in VOWELS for tone in TONE_ORDER
)
VIETNAMESE_LOWERCASE = tuple(MODIFIED_LETTERS) + TONED_LOWERCASE
VIETNAMESE_UPPERCASE = tuple(letter.upper() for letter in VIETNAMESE_LOWERCASE)
VIETNAMESE_LETTERS = frozenset(VIETNAMESE_LOWERCASE + VIETNAMESE_UPPERCASE)


def _toned(vowel: str) -> list[str]:
    return [unicodedata.normalize("NFC", vowel + tone) for tone in TONE_ORDER]


# --- TCVN3 (ABC) -----------------------------------------------------------------------
# The VN3 subset of TCVN 5712:1993 used by the ABC fonts (.VnTime, .VnArial, ...). It has
# the seven modified capitals but no capital toned letters: "H" fonts (.VnTimeH) draw the
# lowercase codes as capitals, so capitals can only be recovered from the font name.
# Byte -> letter; the toned letters of each vowel are in the order huyền hỏi ngã sắc nặng.
_TCVN3_MODIFIED = {
    0xA1: "Ă",
    0xA2: "Â",
    0xA3: "Ê",
    0xA4: "Ô",
    0xA5: "Ơ",
    0xA6: "Ư",
    0xA7: "Đ",
    0xA8: "ă",
    0xA9: "â",
    0xAA: "ê",
    0xAB: "ô",
    0xAC: "ơ",
    0xAD: "ư",
    0xAE: "đ",
}
_TCVN3_TONED_BYTES = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}


def _build_tcvn3() -> dict[str, str]:
    table = {chr(byte): letter for byte, letter in _TCVN3_MODIFIED.items()}
    for vowel, codes in _TCVN3_TONED_BYTES.items():
        for byte, letter in zip(codes, _toned(vowel), strict=True):
            table[chr(byte)] = letter
    return table


# Latin-1 character (as read from the byte or the DOCX run) -> Unicode letter.
TCVN3_TO_UNICODE: dict[str, str] = _build_tcvn3()
UNICODE_TO_TCVN3: dict[str, str] = {letter: code for code, letter in TCVN3_TO_UNICODE.items()}


# --- VNI Windows -------------------------------------------------------------------------
# VNI writes a base letter followed by one mark character; ơ, ư, đ, ỵ and the toned i
# are single characters. Lowercase marks follow lowercase bases, uppercase after capitals.
# Mark order everywhere: huyền hỏi ngã sắc nặng.
_VNI_TONE_MARKS = ("ø", "û", "õ", "ù", "ï")
_VNI_CIRCUMFLEX_MARKS = ("à", "å", "ã", "á", "ä")  # â ê ô + tone
_VNI_BREVE_MARKS = ("è", "ú", "ü", "é", "ë")  # ă + tone
_VNI_CIRCUMFLEX = "â"
_VNI_BREVE = "ê"
_VNI_SINGLE_LOWER = {
    "ô": "ơ",
    "ö": "ư",
    "ñ": "đ",
    "î": "ỵ",
    "ì": "ì",
    "æ": "ỉ",
    "ó": "ĩ",
    "í": "í",
    "ò": "ị",
}


def _build_vni_lower() -> dict[str, str]:
    table: dict[str, str] = {}
    for base in "aeouy":
        for mark, letter in zip(_VNI_TONE_MARKS, _toned(base), strict=True):
            if base == "y" and mark == "ï":
                continue  # ỵ is the single character î
            table[base + mark] = letter
    for base, modified in (("a", "â"), ("e", "ê"), ("o", "ô")):
        table[base + _VNI_CIRCUMFLEX] = modified
        for mark, letter in zip(_VNI_CIRCUMFLEX_MARKS, _toned(modified), strict=True):
            table[base + mark] = letter
    table["a" + _VNI_BREVE] = "ă"
    for mark, letter in zip(_VNI_BREVE_MARKS, _toned("ă"), strict=True):
        table["a" + mark] = letter
    for single, modified in (("ô", "ơ"), ("ö", "ư")):
        for mark, letter in zip(_VNI_TONE_MARKS, _toned(modified), strict=True):
            table[single + mark] = letter
    table.update(_VNI_SINGLE_LOWER)
    return table


def _build_vni() -> dict[str, str]:
    lower = _build_vni_lower()
    table = dict(lower)
    for code, letter in lower.items():
        table[code.upper()] = letter.upper()
    return table


# VNI character sequence (one or two characters) -> Unicode letter, both cases.
VNI_TO_UNICODE: dict[str, str] = _build_vni()
UNICODE_TO_VNI: dict[str, str] = {letter: code for code, letter in VNI_TO_UNICODE.items()}


# --- VISCII (RFC 1456) -------------------------------------------------------------------
# A full 8-bit set: every byte that is not ASCII (and six C0 control bytes) is a letter.
_VISCII_C0 = {0x02: "Ẳ", 0x05: "Ẵ", 0x06: "Ẫ", 0x14: "Ỷ", 0x19: "Ỹ", 0x1E: "Ỵ"}
_VISCII_HIGH = (
    "ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐ"  # 0x80
    "ỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲ"  # 0x90
    "ÕắằặấầẩậẽẹếềểễệốồổỗỠƠộờởịỰỨỪỬơớƯ"  # 0xA0-0xBF
    "ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳ"  # 0xC0
    "ĐứÒÓÔạỷừửÙÚỹỵÝỡư"  # 0xD0
    "àáâãảăữẫèéêẻìíĩỉ"  # 0xE0
    "đựòóôõỏọụùúũủýợỮ"  # 0xF0
)


def _build_viscii() -> str:
    chars = [chr(byte) for byte in range(0x80)]
    for byte, letter in _VISCII_C0.items():
        chars[byte] = letter
    return "".join(chars) + _VISCII_HIGH


# Byte value -> character (a decoding table usable with bytes.translate-like lookups).
VISCII_DECODING: str = _build_viscii()
VISCII_ENCODING: dict[str, int] = {char: byte for byte, char in enumerate(VISCII_DECODING)}


# --- bytes seen as characters ------------------------------------------------------------
_CP1252_HIGH = bytes(range(0x80, 0xA0)).decode("cp1252", errors="replace")


def eight_bit_char(byte: int) -> str:
    """The character Word/Windows shows for ``byte`` of an 8-bit font (cp1252, else Latin-1)."""
    if 0x80 <= byte < 0xA0 and _CP1252_HIGH[byte - 0x80] != "\ufffd":
        return _CP1252_HIGH[byte - 0x80]
    return chr(byte)


EIGHT_BIT_BYTE: dict[str, int] = {eight_bit_char(byte): byte for byte in range(256)}
# Latin-1's own C1 characters map to themselves too, for text decoded as Latin-1.
for _byte in range(0x80, 0xA0):
    EIGHT_BIT_BYTE.setdefault(chr(_byte), _byte)


def decode_eight_bit(data: bytes) -> str:
    """Bytes read the way Word reads an 8-bit font's codes: cp1252, Latin-1 for the gaps."""
    return "".join(eight_bit_char(byte) for byte in data)
