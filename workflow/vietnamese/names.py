"""Vietnamese personal names in running text, found so MT can keep them out of its way.

A personal name is a common family name followed by one to three capitalised syllables
("Nguyễn Văn An", "Tô Lâm"), each separated from the next by one space. A name ends
where a title or function begins, even a capitalised one: in "Nguyễn Huy Dũng Thứ trưởng
Bộ …" the name is "Nguyễn Huy Dũng", and in "Nguyễn Văn A Phó Chủ tịch" it is "Nguyễn
Văn A". After a title or an honorific ("ông", "bà", "GS.", "TS.", "Thứ trưởng") any
capitalised words are a name, Vietnamese or not ("GS. Robert M. Allen", "bà Vân").
Headings in capitals never match: every word of them is upper case, not capitalised. An
inline code ends a name, and so does any stretch the caller has already claimed (a place,
a body): names are protected as plain text of their own. Names are returned NFC.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from primitives.inline import replace_tags
from primitives.text_keys import match_key, nfc_offsets

# Common Vietnamese family names (the 70 or so that cover nearly every person in reports).
SURNAMES = frozenset(
    (
        "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn "
        "Vương Trịnh Trương Đinh Lâm Mai Tô Lương Cao Tạ Tôn Chu Lưu Kiều Quách Thái Triệu "
        "Hà Phùng Doãn Khúc Lã Mạc Nông La Châu Giang Diệp Hứa Âu Thân Lại Tống Nghiêm "
        "Khổng Đàm Đồng Kim Lò Bế Hầu Giáp Cù Lục Thạch Từ Phí Khuất Cấn Văn Ninh Quan"
    ).split()
)
# Words before a name that are not part of it ("ông Trần Minh Khoa", "bà Vân").
HONORIFICS = ("ông", "bà", "ngài", "anh", "chị", "đồng chí", "Ông", "Bà", "Ngài", "Đồng chí")
# Academic titles written before a name: "GS.", "PGS.TS.", "ThS", "BS." (doctor).
ACADEMIC_TITLES = (
    "GS",
    "PGS",
    "TS",
    "TSKH",
    "ThS",
    "Th.S",
    "BS",
    "KS",
    "NCS",
    "GS.TS",
    "PGS.TS",
    "GS.TSKH",
)
_INTRODUCER_RE = re.compile(
    r"(?<![\w.])(?:(?:"
    + "|".join(HONORIFICS)
    + r") |(?:"
    + "|".join(re.escape(title) for title in sorted(ACADEMIC_TITLES, key=len, reverse=True))
    + r")\.? )$"
)


def _phrases(text: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(match_key(word) for word in phrase.split()) for phrase in text.split("|"))


# Titles and functions, then bodies and units: a name never goes on into one (compared by
# match_key, so any case and tone placement). Single words are ones no given name uses.
FUNCTION_STARTS = _phrases(
    "phó|thứ trưởng|bộ trưởng|chủ tịch|ủy viên|giám đốc|bí thư|tổng bí thư|trưởng ban|"
    "trưởng phòng|trưởng đoàn|hiệu trưởng|viện trưởng|cục trưởng|vụ trưởng|tổng cục trưởng|"
    "chủ nhiệm|chánh văn phòng|chánh thanh tra|chánh án|thủ tướng|đại sứ|tổng giám đốc|"
    "tổng thư ký|đại biểu|giáo sư|tiến sĩ|thạc sĩ|bác sĩ|kỹ sư|luật sư|nhà báo|đại tướng|"
    "thượng tướng|trung tướng|thiếu tướng|đại tá|thượng tá|trung tá|thiếu tá|"
    "trưởng đại diện|điều phối viên|tổng lãnh sự|lãnh sự|người phát ngôn|giám đốc quốc gia"
)
BODY_STARTS = _phrases(
    "bộ|sở|ủy ban|hội đồng|tỉnh ủy|thành ủy|huyện ủy|quận ủy|đảng ủy|trường đại học|đại học|"
    "học viện|trung tâm|viện|cục|tổng cục|tỉnh|thành phố|quận|huyện|phường|thị xã|đặc khu|"
    "đại sứ quán|tổng lãnh sự quán|bệnh viện|trường thpt|trường trung học|công ty|tập đoàn|"
    "ngân hàng|khu công nghiệp|khu kinh tế"
)
TITLE_STARTS = FUNCTION_STARTS + BODY_STARTS


def _longest_start(text: str) -> tuple[str, ...] | None:
    words = tuple(match_key(word) for word in _WORD_RE.findall(text))
    matching = [phrase for phrase in TITLE_STARTS if words[: len(phrase)] == phrase]
    return max(matching, key=len) if matching else None


def starts_with_function(text: str) -> bool:
    """Whether text begins with a title or function ("Thứ trưởng …", "Phó Chủ tịch …").

    The longest phrase decides: "Đại sứ quán" (an embassy) is a body, "Đại sứ" a title.
    """
    return _longest_start(text) in FUNCTION_STARTS


def starts_with_body(text: str) -> bool:
    """Whether text begins with a body or unit ("Bệnh viện …", "Sở …", "Đại sứ quán …")."""
    return _longest_start(text) in BODY_STARTS


_WORD_RE = re.compile(r"[^\W\d_]+")
_MAX_GIVEN_NAMES = 3
_MAX_WORDS_AFTER_TITLE = 4
_CLAIMED = "|"  # what a claimed stretch or a tag becomes: no word, no space


@dataclass(frozen=True)
class NameSpan:
    """A personal name at text[start:end] (offsets in the text as given), and its NFC."""

    start: int
    end: int
    name: str


def _capitalised(word: str) -> bool:
    return word[0].isupper() and (len(word) == 1 or word[1:].islower())


def _by_first_word(phrases: Sequence[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        grouped.setdefault(phrase[0], []).append(phrase)
    return grouped


_TITLE_STARTS_BY_FIRST_WORD = _by_first_word(TITLE_STARTS)


def _title_starts_at(words: Sequence[re.Match[str]], index: int, text: str) -> bool:
    """Whether a title, function or body begins with words[index]."""
    first = match_key(words[index].group(0))
    for phrase in _TITLE_STARTS_BY_FIRST_WORD.get(first, ()):
        if index + len(phrase) > len(words):
            continue
        if all(
            match_key(words[index + k].group(0)) == part
            and text[words[index + k - 1].end() : words[index + k].start()] == " "
            for k, part in enumerate(phrase[1:], start=1)
        ):
            return True
    return False


def _masked(text: str, claimed: Iterable[tuple[int, int]]) -> str:
    """text with tags and claimed stretches blanked out, same length."""
    chars = list(replace_tags(text, lambda tag: _CLAIMED * len(tag.text)))
    for start, end in claimed:
        chars[start:end] = _CLAIMED * (end - start)
    return "".join(chars)


def _joined(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    """One space between two words (or an initial's dot and a space)."""
    return text[left.end() : right.start()] == " "


def _spans(text: str, after_titles: frozenset[int]) -> list[tuple[int, int]]:
    """Name spans of an NFC text whose claimed parts are already blanked out."""
    words = list(_WORD_RE.finditer(text))
    found: list[tuple[int, int]] = []
    index = 0
    while index < len(words):
        word = words[index]
        if not _capitalised(word.group(0)) or _title_starts_at(words, index, text):
            index += 1
            continue
        introduced = _introduced(text, word.start(), after_titles)
        if word.group(0) in SURNAMES:
            last = index
            while (
                last + 1 < len(words)
                and last - index < _MAX_GIVEN_NAMES
                and _capitalised(words[last + 1].group(0))
                and _joined(text, words[last], words[last + 1])
                and not _title_starts_at(words, last + 1, text)
            ):
                last += 1
            if last > index or introduced:
                found.append((word.start(), words[last].end()))
            index = last + 1
        elif introduced:
            end, following = _run_after_title(text, words, index)
            # One capitalised word after a function, then lower case, is the start of a
            # unit's name ("Trưởng phòng Hợp tác quốc tế"), not a person.
            if following - index > 1 or _introduced(text, word.start(), frozenset()):
                found.append((word.start(), end))
            index = following
        else:
            index += 1
    return found


def _introduced(text: str, start: int, after_titles: frozenset[int]) -> bool:
    """Whether a name may start here without a family name: after a title or honorific."""
    if _INTRODUCER_RE.search(text, max(0, start - 12), start):
        return True
    # A title's end, then a space (or the title's dot and a space).
    return any(
        start - gap in after_titles and text[start - gap : start] in (" ", ". ") for gap in (1, 2)
    )


def _run_after_title(text: str, words: Sequence[re.Match[str]], index: int) -> tuple[int, int]:
    """(end, next word index) of capitalised words after a title: "Robert M. Allen"."""
    last = index
    while last + 1 < len(words) and last + 1 - index < _MAX_WORDS_AFTER_TITLE:
        current, nxt = words[last], words[last + 1]
        gap = text[current.end() : nxt.start()]
        initial = len(current.group(0)) == 1
        if not (gap == " " or (initial and gap == ". ")):
            break
        if not _capitalised(nxt.group(0)) or _title_starts_at(words, last + 1, text):
            break
        last += 1
    end = words[last].end()
    if len(words[last].group(0)) == 1 and text[end : end + 1] == ".":
        end += 1  # a name ending in an initial keeps its dot
    return end, last + 1


def name_spans(
    text: str,
    *,
    claimed: Iterable[tuple[int, int]] = (),
    after_titles: Iterable[int] = (),
) -> list[NameSpan]:
    """Personal names of text in order, with offsets in text as given (NFC or NFD).

    claimed: stretches of text already taken (places, bodies, titles), never part of a
    name; after_titles: offsets where a title ends, after which capitalised words are a
    name even without a known family name.
    """
    masked = _masked(text, claimed)
    if unicodedata.is_normalized("NFC", masked):
        nfc, offsets = masked, None
    else:
        mapped = nfc_offsets(masked)
        if mapped is None:
            return []
        nfc, offsets = mapped
        back = {original: index for index, original in enumerate(offsets)}
        after_titles = [back[end] for end in after_titles if end in back]
    spans: list[NameSpan] = []
    for start, end in _spans(nfc, frozenset(after_titles)):
        name = nfc[start:end]
        if offsets is not None:
            start, end = offsets[start], offsets[end]
        spans.append(NameSpan(start, end, unicodedata.normalize("NFC", name)))
    return spans


def personal_names(text: str) -> tuple[str, ...]:
    """Vietnamese personal names in text, NFC, each once, in order of appearance."""
    return tuple(dict.fromkeys(span.name for span in name_spans(text)))
