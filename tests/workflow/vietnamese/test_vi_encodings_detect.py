"""repair_text: legacy encodings found by font and by content, no misfires, text kept."""

from __future__ import annotations

import unicodedata

import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252" for the mojibake cases)
import pytest
from songngu_testing import CORPUS

from workflow.vietnamese.encodings import RepairReport, RepairResult, repair_text
from workflow.vietnamese.legacy_encode import (
    encode_cp1258,
    encode_tcvn3,
    encode_viqr,
    encode_viscii,
    encode_vni,
)

DECLARATION = "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc."
TONE_STYLES = "Cộng hoà và Cộng hòa, thuỷ và thủy, hoàn thành, quý, Quỳnh, khuỷu, thuở"


def corpus_rows() -> list[tuple[str, str]]:
    if not CORPUS.exists():
        pytest.skip(f"shared corpus missing: {CORPUS}")
    rows = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        vietnamese, english = line.split("\t")[:2]
        rows.append((vietnamese, english))
    return rows


def test_correct_unicode_is_left_alone_on_the_whole_tatoeba_corpus() -> None:
    false_positives = []
    for row in corpus_rows():
        for text in row:
            result = repair_text(text)
            if result.text != unicodedata.normalize("NFC", text) or result.encoding not in (
                "unicode",
                "nfd",
            ):
                false_positives.append((text, result.text, result.encoding))
    assert false_positives == []


def test_nfd_text_is_composed_and_reported() -> None:
    decomposed = unicodedata.normalize("NFD", DECLARATION)
    result = repair_text(decomposed)
    assert result.text == DECLARATION and result.encoding == "nfd"
    assert result.composed_marks == len(decomposed) - len(DECLARATION)
    assert any("combining marks" in note for note in result.notes)


def test_tone_mark_style_and_spelling_survive_unchanged() -> None:
    result = repair_text(TONE_STYLES)
    assert result == RepairResult(TONE_STYLES, "unicode", 0, ())


@pytest.mark.parametrize(
    ("legacy", "font", "encoding"),
    [
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", ".VnTime", "tcvn3"),
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", ".VnArial", "tcvn3"),
        (encode_vni("Cộng hòa xã hội chủ nghĩa Việt Nam"), "VNI-Times", "vni"),
        (
            encode_viscii("Cộng hòa xã hội chủ nghĩa Việt Nam").decode("latin-1"),
            "VISCII Times",
            "viscii",
        ),
    ],
)
def test_font_name_is_first_evidence(legacy: str, font: str, encoding: str) -> None:
    result = repair_text(legacy, font)
    assert result.text.lower() == "cộng hòa xã hội chủ nghĩa việt nam".replace(
        "hòa", "hoà" if encoding == "tcvn3" else "hòa"
    )
    assert (result.encoding, result.evidence) == (encoding, f"{font} font")
    assert result.notes[0].startswith(f"converted from {encoding.upper()} ({font} font): ")


def test_font_decides_even_where_content_is_ambiguous() -> None:
    # "Chê chót" is itself good Vietnamese; only the .VnTime font says it is "Chờ chút".
    assert repair_text("Chê chót, Tom.").text == "Chê chót, Tom."
    assert repair_text("Chê chót, Tom.", ".VnTime").text == "Chờ chút, Tom."


def test_vntimeh_heading_recovers_capitals() -> None:
    heading = encode_tcvn3("quyết định về việc thành lập hội đồng")
    assert repair_text(heading, ".VnTimeH").text == "QUYẾT ĐỊNH VỀ VIỆC THÀNH LẬP HỘI ĐỒNG"
    assert repair_text(heading, ".VnTime").text == "quyết định về việc thành lập hội đồng"


def test_stale_legacy_font_on_unicode_text_does_not_convert() -> None:
    # Retyped in Unicode but the font was never changed: letters beyond 8 bits prove it.
    assert repair_text(DECLARATION, ".VnTime").text == DECLARATION
    assert repair_text(DECLARATION, "VNI-Times").encoding == "unicode"


def test_unrelated_font_names_are_not_evidence() -> None:
    assert repair_text("Tôi yêu em", "Times New Roman").text == "Tôi yêu em"
    assert repair_text("Tôi yêu em", "").encoding == "unicode"


@pytest.mark.parametrize(
    ("encode", "encoding"),
    [
        (lambda s: encode_tcvn3(s.lower()), "tcvn3"),
        (encode_vni, "vni"),
        (lambda s: encode_viscii(s).decode("latin-1"), "viscii"),
        (lambda s: encode_cp1258(s).decode("sloppy-windows-1252"), "cp1258"),
        (encode_viqr, "viqr"),
        (lambda s: s.encode("utf-8").decode("sloppy-windows-1252"), "utf8-mojibake"),
    ],
)
def test_content_statistics_detect_each_encoding_without_a_font(encode, encoding) -> None:  # type: ignore[no-untyped-def]
    sentence = "Thủ tướng Chính phủ đã ký quyết định thành lập Hội đồng quốc gia về giáo dục"
    expected = sentence.lower() if encoding == "tcvn3" else sentence
    result = repair_text(encode(sentence))
    # Mojibake repair is exact re-decoding, not a statistical guess.
    evidence = "" if encoding == "utf8-mojibake" else "content statistics"
    assert (result.text, result.encoding, result.evidence) == (expected, encoding, evidence)
    assert result.changed_chars == result.converted_chars > 0


def test_detection_rate_on_real_sentences_encoded_per_line() -> None:
    """Each Tatoeba sentence alone (most are under 40 characters) in each encoding."""
    sentences = [unicodedata.normalize("NFC", vi) for vi, _ in corpus_rows()][::5]
    encoders = {
        "tcvn3": lambda s: encode_tcvn3(s),
        "vni": encode_vni,
        "viscii": lambda s: encode_viscii(s).decode("latin-1"),
        "viqr": encode_viqr,
    }
    for encoding, encode in encoders.items():
        tried = hits = 0
        for sentence in sentences:
            try:
                legacy = encode(sentence)
            except Exception:  # noqa: BLE001  (capitals TCVN3 cannot hold)
                continue
            if legacy == sentence:
                continue
            tried += 1
            result = repair_text(legacy)
            hits += result.text == sentence and result.encoding == encoding
        assert tried > 500
        assert hits / tried >= (0.95 if encoding == "viscii" else 0.99), encoding


@pytest.mark.parametrize(
    "text",
    [
        "Hello? Yes.",
        "it's fine, isn't it? We're here at 10 a.m. o'clock.",
        "Let it go. Do you? I do.",
        "The U.N. said e.g. the C++ rule (a) and x^2 + y^2 apply.",
        "Où est la gare? À bientôt, déjà vu, élève, Noël, garçon, naïve, café.",
        "Müller, señor, año, niño, Sí.",
        "« Bonjour » dit-il, 10°C, 5 µm, © 2024, ± 3 %, 1/2 ½.",
        "I'm bald. I'm busy. Tom's car.",
        "São Paulo, ação, coração, não é? Ich möchte Käse für Jürgen.",
        "El niño comió piñata en España, ¿verdad? £5 crème brûlée",
        "Œuvre, Ærø, Ñandú, Þórr, Ðakovo, Haïti, maïs, égoïste",
        "see https://example.com/a?b=c.d&e=f, e^x, a+b=c, ho.ten@vnu.edu.vn",
        "ö",
        "Ö",
    ],
)
def test_english_and_french_are_not_taken_for_legacy_vietnamese(text: str) -> None:
    result = repair_text(text)
    assert (result.text, result.encoding) == (text, "unicode")


def test_viqr_sentence_punctuation_stays_punctuation() -> None:
    assert repair_text("To^i ddi ho.c. Anh kho?e kho^ng?").text == "Tôi đi học. Anh khỏe không?"
    assert repair_text("Ba.n ddi dda^u.").text == "Bạn đi đâu."
    # RFC 1456's escape keeps a mark literal.
    assert repair_text("To^i ddi\\. Ba.n ddi\\?").text == "Tôi đi. Bạn đi?"


def test_mixed_legacy_words_are_all_converted() -> None:
    text = encode_vni("Người Việt ở nước ngoài gửi về quê hương những món quà ý nghĩa.")
    assert repair_text(text).text == (
        "Người Việt ở nước ngoài gửi về quê hương những món quà ý nghĩa."
    )


def test_invisible_and_forbidden_characters_are_handled_and_reported() -> None:
    text = "Chuyển\u00addổi\u200b số: 10\u00a0% của\u00a0ngân sách\x0bdòng mới\x01\ufeff"
    result = repair_text(text)
    assert result.text == "Chuyểndổi số: 10\u00a0% của ngân sách\ndòng mới"
    assert dict(result.cleanup) == {
        "forbidden": 1,
        "manual-break": 1,
        "nbsp-to-space": 1,
        "soft-hyphen": 1,
        "zero-width": 2,
    }
    assert "removed 2 zero-width characters" in result.notes
    assert repair_text("a\x0bb", manual_line_break="\u2028").text == "a\u2028b"


def test_c1_controls_become_windows_1252_punctuation_after_detection() -> None:
    result = repair_text("\x93Xin chào\x94 \x96 bạn")
    assert (result.text, result.encoding) == ("“Xin chào” – bạn", "unicode")
    assert result.notes == ("turned 3 C1 control characters into their Windows-1252 punctuation",)
    # VISCII keeps capitals in 0x80-0x9F: detection sees them before the cleanup does.
    capitals = encode_viscii("ĐẠI HỘI ĐẢNG TOÀN QUỐC").decode("latin-1")
    assert repair_text(capitals).text == "ĐẠI HỘI ĐẢNG TOÀN QUỐC"


def test_emoji_joiner_is_kept() -> None:
    family = "Gia đình 👨\u200d👩\u200d👧"
    assert repair_text(family).text == family


def test_conversion_and_cleanup_are_counted_apart() -> None:
    result = repair_text("Céng\u200b hoµ", ".VnTime")
    assert (result.text, result.converted_chars, result.changed_chars) == ("Cộng hoà", 2, 3)
    assert result.notes == (
        "converted from TCVN3 (.VnTime font): 2 characters",
        "removed 1 zero-width characters",
    )


def test_empty_text() -> None:
    assert repair_text("") == RepairResult("", "unicode", 0, ())


def test_report_sums_runs_per_encoding_and_evidence() -> None:
    report = RepairReport()
    for run, font in [
        ("Céng hoµ", ".VnTime"),
        ("x· héi", ".VnTime"),
        ("chñ nghÜa", ".VnTimeH"),
        (encode_vni("Việt Nam"), None),
        ("Đã đúng", None),
        (unicodedata.normalize("NFD", "Đã đúng\u200b"), None),
        ("Cá»™ng", None),
    ]:
        report.add(repair_text(run, font))
    assert report.lines() == [
        "converted from TCVN3 (.VnTime font): 4 characters in 2 runs",
        "converted from TCVN3 (.VnTimeH font): 8 characters in 1 run",
        "repaired UTF-8 read as Windows-1252 (mojibake): 1 characters in 1 run",
        "converted from VNI (content statistics): 1 characters in 1 run",
        "composed 2 combining marks (Unicode NFD to NFC)",
        "removed 1 zero-width characters",
    ]
    assert report.runs == 7 and report.changed_runs == 6
    assert RepairReport().lines() == ["no repair needed: text is Unicode NFC"]
