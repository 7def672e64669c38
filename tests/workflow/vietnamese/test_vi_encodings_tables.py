"""Round trips through every legacy table: each Vietnamese letter encodes and decodes back."""

from __future__ import annotations

import unicodedata

import pytest

from primitives.errors import InvalidInput
from workflow.vietnamese.encodings import (
    decode_bytes,
    repair_text,
    tcvn3_to_unicode,
    viscii_to_unicode,
    vni_to_unicode,
)
from workflow.vietnamese.legacy_encode import (
    encode_cp1258,
    encode_tcvn3,
    encode_viqr,
    encode_viscii,
    encode_vni,
)
from workflow.vietnamese.legacy_tables import (
    TCVN3_TO_UNICODE,
    VIETNAMESE_LOWERCASE,
    VIETNAMESE_UPPERCASE,
    VISCII_DECODING,
    VNI_TO_UNICODE,
)
from workflow.vietnamese.legacy_viqr import viqr_to_unicode

LOWER = "".join(VIETNAMESE_LOWERCASE)
UPPER = "".join(VIETNAMESE_UPPERCASE)
SENTENCES = (
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "Thủ tướng Chính phủ quyết định thành lập Ủy ban nhân dân tỉnh Quảng Ngãi.",
    "Người Việt ở nước ngoài gửi về quê hương những món quà ý nghĩa.",
    "khuỷu tay, thuở ấy, quý khách, Quỳnh, hoàn thành, nghiêng ngả, giữa trưa",
    "Đường Điện Biên Phủ, Quận Ba Đình, thành phố Hà Nội",
)


def test_alphabet_is_complete() -> None:
    assert len(VIETNAMESE_LOWERCASE) == 67 and len(set(VIETNAMESE_LOWERCASE)) == 67
    assert len(set(LOWER + UPPER)) == 134
    assert all(unicodedata.is_normalized("NFC", letter) for letter in LOWER + UPPER)
    assert "đ" in LOWER and "Ỵ" in UPPER and "ữ" in LOWER


def test_tcvn3_round_trips_every_lowercase_letter_one_code_each() -> None:
    encoded = encode_tcvn3(LOWER)
    assert len(encoded) == 67 and all("\xa1" <= code <= "\xfe" for code in encoded)
    assert tcvn3_to_unicode(encoded)[0] == LOWER
    assert len(set(TCVN3_TO_UNICODE)) == len(set(TCVN3_TO_UNICODE.values())) == 74


def test_tcvn3_has_only_the_seven_modified_capitals() -> None:
    assert tcvn3_to_unicode(encode_tcvn3("ĂÂÊÔƠƯĐ"))[0] == "ĂÂÊÔƠƯĐ"
    with pytest.raises(InvalidInput, match="cannot be written in TCVN3"):
        encode_tcvn3("Ộ")


def test_tcvn3_capitals_come_back_through_the_h_font() -> None:
    encoded = encode_tcvn3(LOWER)
    assert tcvn3_to_unicode(encoded, capitals=True)[0] == UPPER
    result = repair_text(encode_tcvn3("cộng hòa xã hội chủ nghĩa việt nam"), ".VnTimeH")
    assert result.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert result.encoding == "tcvn3" and result.evidence == ".VnTimeH font"


def test_tcvn3_sample_from_the_field_notes() -> None:
    assert tcvn3_to_unicode("Céng hoµ x· héi chñ nghÜa ViÖt Nam")[0] == (
        "Cộng hoà xã hội chủ nghĩa Việt Nam"
    )


def test_vni_round_trips_all_134_letters() -> None:
    for letter in LOWER + UPPER:
        code = encode_vni(letter)
        assert 1 <= len(code) <= 2 and vni_to_unicode(code) == (letter, 1), letter
    assert vni_to_unicode(encode_vni(LOWER + UPPER))[0] == LOWER + UPPER
    assert len(VNI_TO_UNICODE) == 134


def test_vni_marks_from_the_field_notes() -> None:
    pairs = {
        "aù": "á",
        "aø": "à",
        "aû": "ả",
        "aõ": "ã",
        "aï": "ạ",
        "aâ": "â",
        "ô": "ơ",
        "ö": "ư",
        "ñ": "đ",
        "î": "ỵ",
        "Ñ": "Đ",
    }
    for code, letter in pairs.items():
        assert vni_to_unicode(code)[0] == letter


def test_viscii_round_trips_all_134_letters_and_is_a_full_8_bit_set() -> None:
    encoded = encode_viscii(LOWER + UPPER)
    assert len(encoded) == 134
    assert viscii_to_unicode(encoded) == LOWER + UPPER
    assert len(set(VISCII_DECODING)) == 256
    # 128 high bytes + 6 control bytes are letters: exactly the 134 letters.
    letters = set(VISCII_DECODING[0x80:]) | {VISCII_DECODING[b] for b in (2, 5, 6, 20, 25, 30)}
    assert letters == set(LOWER + UPPER)


def test_cp1258_round_trips_all_134_letters_through_decode_bytes() -> None:
    text, encoding = decode_bytes(encode_cp1258(" ".join(SENTENCES) + " " + LOWER + UPPER))
    assert encoding == "cp1258"
    assert repair_text(text).text == " ".join(SENTENCES) + " " + LOWER + UPPER


def test_viqr_round_trips_all_134_letters() -> None:
    for letter in LOWER + UPPER:
        # A VIQR word is converted only if it becomes a syllable: "dd" alone is not one.
        # A "." or "?" ending the line is punctuation, so the letter is not put last.
        word = (letter + "a" if letter in "đĐ" else letter) + " nhé"
        assert viqr_to_unicode(encode_viqr(word))[0] == word, letter
    assert encode_viqr("Đđ") == "DDdd"


@pytest.mark.parametrize("sentence", SENTENCES)
def test_realistic_sentences_round_trip_through_every_encoding(sentence: str) -> None:
    lower = sentence.lower()
    assert tcvn3_to_unicode(encode_tcvn3(lower))[0] == lower
    assert vni_to_unicode(encode_vni(sentence))[0] == sentence
    assert viscii_to_unicode(encode_viscii(sentence)) == sentence
    assert viqr_to_unicode(encode_viqr(sentence))[0] == sentence
    cp1258 = unicodedata.normalize("NFC", encode_cp1258(sentence).decode("cp1258"))
    assert cp1258 == sentence
