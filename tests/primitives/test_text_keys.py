"""The shared matching keys (primitives/text_keys.py): what must meet, what must not."""

from __future__ import annotations

import unicodedata

import pytest

from primitives.text_keys import loose_key, match_key
from workflow.vietnamese.legacy_tables import VIETNAMESE_LOWERCASE, VIETNAMESE_UPPERCASE

# Pure code: SQLite half only (tests/conftest.py).
pytestmark = pytest.mark.database_free

SENTENCE = "Nước Cộng hoà xã hội chủ nghĩa Việt Nam; Uỷ ban nhân dân, Thuỵ Điển, khoẻ mạnh."


@pytest.mark.parametrize(
    ("old_style", "new_style"),
    [
        ("hòa", "hoà"),
        ("họa", "hoạ"),
        ("thủy", "thuỷ"),
        ("khỏe", "khoẻ"),
        ("xòe", "xoè"),
        ("lũy", "luỹ"),
        ("tùy", "tuỳ"),
        ("Ủy ban", "Uỷ ban"),
        ("òa khóc", "oà khóc"),
        ("Thụy Điển", "Thuỵ Điển"),
    ],
)
def test_both_tone_placements_meet(old_style: str, new_style: str) -> None:
    assert match_key(old_style) == match_key(new_style)
    assert loose_key(old_style) == loose_key(new_style)


@pytest.mark.parametrize("text", [SENTENCE, "HOÀ BÌNH", "Đại hội XIV"])
def test_nfc_nfd_and_case_meet(text: str) -> None:
    nfd = unicodedata.normalize("NFD", text)
    assert match_key(nfd) == match_key(text) == match_key(text.upper()) == match_key(text.lower())


@pytest.mark.parametrize(
    "word", ["hoàn", "quý", "Quỳnh", "khuỷu", "thuở", "ngoài", "huỳnh", "gì", "quà", "giặt"]
)
def test_words_with_one_spelling_keep_their_letters(word: str) -> None:
    assert match_key(word) == word.lower()


@pytest.mark.parametrize(
    ("one", "other"),
    [("hòa", "họa"), ("ma", "má"), ("má", "mà"), ("đa", "da"), ("hoàn", "hòan"), ("thủy", "thụy")],
)
def test_different_words_stay_apart(one: str, other: str) -> None:
    assert match_key(one) != match_key(other)


def test_loose_key_drops_diacritics_and_folds_d_bar() -> None:
    assert loose_key("Đường Điện Biên Phủ") == "duong dien bien phu"
    assert loose_key("Đà Nẵng") == loose_key("Da Nang") == "da nang"
    folded = {loose_key(letter) for letter in VIETNAMESE_LOWERCASE + VIETNAMESE_UPPERCASE}
    assert folded == set("aeiouyd")


@pytest.mark.parametrize("text", [SENTENCE, "İstanbul ǅ", "ĐẠI HỘI ĐẢNG TOÀN QUỐC", "a\u00a0b"])
def test_keys_keep_the_length_of_nfc_text_so_offsets_map(text: str) -> None:
    assert len(match_key(text)) == len(loose_key(text)) == len(text)
    nfd = unicodedata.normalize("NFD", text)
    assert len(match_key(nfd)) == len(unicodedata.normalize("NFC", nfd))


def test_an_offset_found_in_the_key_is_the_offset_in_the_text() -> None:
    start = match_key(SENTENCE).index(match_key("cộng hòa"))
    assert SENTENCE[start : start + len("cộng hòa")] == "Cộng hoà"
    start = loose_key(SENTENCE).index("thuy dien")
    assert SENTENCE[start : start + len("thuy dien")] == "Thuỵ Điển"
