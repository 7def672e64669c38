"""Vietnamese personal names in running text, found so MT can keep them out of its way.

A personal name is a common family name followed by one to three capitalised syllables
("Nguyễn Văn An", "Tô Lâm"). Headings in capitals never match: every word of them is
upper case, not capitalised. Names are returned NFC, whatever the form of the text.
"""

from __future__ import annotations

import re
import unicodedata

from primitives.inline import replace_tags

# Common Vietnamese family names (the 50 or so that cover nearly every person in reports).
SURNAMES = frozenset(
    (
        "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn "
        "Vương Trịnh Trương Đinh Lâm Mai Tô Lương Cao Tạ Tôn Chu Lưu Kiều Quách Thái Triệu "
        "Hà Phùng Doãn Khúc Lã Mạc Nông La Châu Giang Diệp Hứa Âu Thân"
    ).split()
)
_WORD_RE = re.compile(r"[^\W\d_]+")
_MAX_GIVEN_NAMES = 3


def _capitalised(word: str) -> bool:
    return word[0].isupper() and (len(word) == 1 or word[1:].islower())


def personal_names(text: str) -> tuple[str, ...]:
    """Vietnamese personal names in text, NFC, each once, in order of appearance."""
    # An inline code ends a name: a name is protected as one span of plain text.
    nfc = unicodedata.normalize("NFC", replace_tags(text, "|"))
    words = list(_WORD_RE.finditer(nfc))
    names: list[str] = []
    index = 0
    while index < len(words):
        if words[index].group(0) not in SURNAMES:
            index += 1
            continue
        end = index
        while (
            end + 1 < len(words)
            and end - index < _MAX_GIVEN_NAMES
            and _capitalised(words[end + 1].group(0))
            and not nfc[words[end].end() : words[end + 1].start()].strip()
        ):
            end += 1
        if end > index:
            names.append(" ".join(word.group(0) for word in words[index : end + 1]))
        index = end + 1
    return tuple(dict.fromkeys(names))
