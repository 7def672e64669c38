"""decode_bytes: BOMs, UTF-8, UTF-16 and the 8-bit Vietnamese encodings; binary refused."""

from __future__ import annotations

import unicodedata

import pytest
from songngu_testing import CORPUS

from primitives.errors import InvalidInput
from workflow.vietnamese.encodings import decode_bytes
from workflow.vietnamese.legacy_encode import (
    encode_cp1258,
    encode_viscii,
    tcvn3_bytes,
    vni_bytes,
)

TEXT = (
    "Cộng hòa xã hội chủ nghĩa Việt Nam\n"
    "Độc lập - Tự do - Hạnh phúc\n"
    "Thủ tướng Chính phủ quyết định thành lập Ủy ban nhân dân tỉnh Quảng Ngãi.\n"
)


def corpus_vietnamese(limit: int) -> str:
    """The first Vietnamese sentences that every 8-bit encoding here can hold."""
    if not CORPUS.exists():
        pytest.skip(f"shared corpus missing: {CORPUS}")
    kept = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        sentence = unicodedata.normalize("NFC", line.split("\t")[0])
        try:
            for encode in (tcvn3_bytes, vni_bytes, encode_viscii, encode_cp1258):
                encode(sentence.lower())
        except InvalidInput:
            continue  # symbols such as "€" that the legacy sets lack
        kept.append(sentence)
    return "\n".join(kept[:limit])


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "UTF-8 with BOM"),
        (TEXT.encode("utf-16"), "UTF-16 with BOM"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "UTF-16 with BOM"),
        (TEXT.encode("utf-32"), "UTF-32 with BOM"),
        (TEXT.encode("utf-16-le"), "UTF-16 (no BOM)"),
    ],
)
def test_unicode_encodings(data: bytes, name: str) -> None:
    assert decode_bytes(data) == (TEXT, name)


@pytest.mark.parametrize(
    ("encode", "name", "lower"),
    [
        (tcvn3_bytes, "tcvn3", True),
        (vni_bytes, "vni", False),
        (encode_viscii, "viscii", False),
        (encode_cp1258, "cp1258", False),
    ],
)
def test_eight_bit_vietnamese_files(encode, name: str, lower: bool) -> None:  # type: ignore[no-untyped-def]
    text = TEXT.lower() if lower else TEXT
    assert decode_bytes(encode(text)) == (text, name)


@pytest.mark.parametrize(
    ("encode", "name"),
    [
        (lambda s: tcvn3_bytes(s.lower()), "tcvn3"),
        (vni_bytes, "vni"),
        (encode_viscii, "viscii"),
        (encode_cp1258, "cp1258"),
    ],
)
def test_a_real_document_of_short_sentences_decodes_exactly(encode, name: str) -> None:  # type: ignore[no-untyped-def]
    """Per-line detection is ambiguous for a few short sentences; a whole file is not."""
    text = corpus_vietnamese(800)
    if name == "tcvn3":
        text = text.lower()
    assert decode_bytes(encode(text)) == (text, name)


def test_tcvn3_punctuation_from_windows_1252_survives() -> None:
    data = "“Xin chào” – bạn khỏe không?".encode("cp1252", errors="ignore")
    assert data.startswith(b"\x93")
    data = b"\x93" + tcvn3_bytes("xin chào") + b"\x94 \x96 " + tcvn3_bytes("bạn khỏe không?")
    assert decode_bytes(data) == ("“xin chào” – bạn khỏe không?", "tcvn3")


def test_plain_western_8_bit_text_falls_back_to_cp1252() -> None:
    data = "Où est la gare? Déjà vu, élève, café – “quotes”.".encode("cp1252")
    assert decode_bytes(data) == ("Où est la gare? Déjà vu, élève, café – “quotes”.", "cp1252")


def test_ascii_is_utf_8() -> None:
    assert decode_bytes(b"Hello? Yes.\n") == ("Hello? Yes.\n", "utf-8")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "input is empty (0 bytes)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "NUL bytes"),
        (bytes(range(256)) * 4, "NUL"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08" * 20 + b"abc", "control characters"),
        (b"\xff\xfe" + b"\x00\xd8", "byte-order mark"),
        ("Xin chào".encode() + b"\x00\x01binary", "NUL"),
    ],
)
def test_empty_and_binary_input_is_refused_with_one_line(data: bytes, message: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        decode_bytes(data)
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)
