"""Placeholder protection: what is protected, how it is restored, when restoring fails."""

from __future__ import annotations

import unicodedata

import pytest

from translation.protection import (
    ProtectionOptions,
    TermSpan,
    english_number,
    find_spans,
    protect,
    restore,
    strip_diacritics,
)

# Pure code: SQLite half only (tests/conftest.py).
pytestmark = pytest.mark.database_free


def _kinds(source: str, **options: object) -> list[tuple[str, str, str]]:
    spans = find_spans(source, (), ProtectionOptions(**options))  # type: ignore[arg-type]
    return [(span.kind, source[span.start : span.end], span.replacement) for span in spans]


def test_document_codes_are_protected_and_fold_d_with_stroke() -> None:
    found = _kinds("Theo 03-NQ/TU, 176/2025/QH15 và 35/2025/NĐ-CP.")
    assert found == [
        ("code", "03-NQ/TU", "03-NQ/TU"),
        ("code", "176/2025/QH15", "176/2025/QH15"),
        ("code", "35/2025/NĐ-CP", "35/2025/ND-CP"),
    ]


def test_codes_keep_their_spelling_without_english_conventions() -> None:
    found = _kinds("Nghị định 35/2025/NĐ-CP", english_conventions=False)
    assert found == [("code", "35/2025/NĐ-CP", "35/2025/NĐ-CP")]


def test_numbers_take_english_separators() -> None:
    found = _kinds("Tăng 6,5%, chi 1.000 tỷ đồng và 1.000,5 triệu; 12 người; 30 %.")
    assert found == [
        ("number", "6,5%", "6.5%"),
        ("number", "1.000", "1,000"),
        ("number", "1.000,5", "1,000.5"),
        ("number", "30 %", "30%"),
    ]


@pytest.mark.parametrize(
    ("vietnamese", "english"),
    [("1.000", "1,000"), ("1.200.000", "1,200,000"), ("6,5%", "6.5%"), ("0,25", "0.25")],
)
def test_english_number(vietnamese: str, english: str) -> None:
    assert english_number(vietnamese) == english


def test_dates_urls_emails_and_acronyms() -> None:
    source = "Ngày 9/8/2022, UBND và USAID (xem https://gov.vn/a?b=1. hoặc an.nguyen@mof.gov.vn)"
    assert _kinds(source) == [
        ("date", "9/8/2022", "August 9, 2022"),
        ("acronym", "UBND", "UBND"),
        ("acronym", "USAID", "USAID"),
        ("url", "https://gov.vn/a?b=1", "https://gov.vn/a?b=1"),
        ("email", "an.nguyen@mof.gov.vn", "an.nguyen@mof.gov.vn"),
    ]


def test_dates_follow_the_partner_style_and_stay_vietnamese_without_conventions() -> None:
    source = "Ngày 9/8/2022, tháng 8/2022 và quý I/2022"
    assert _kinds(source, date_style="day_month_year") == [
        ("date", "9/8/2022", "9 August 2022"),
        ("date", "tháng 8/2022", "August 2022"),
        ("date", "quý I/2022", "Q1 2022"),
    ]
    assert [r for _, _, r in _kinds(source, english_conventions=False)] == [
        "9/8/2022",
        "tháng 8/2022",
        "quý I/2022",
    ]


def test_caller_spans_keep_their_kind_and_unknown_kinds_are_refused() -> None:
    source = "UBND tỉnh Quảng Ninh họp"
    spans = find_spans(source, (TermSpan(0, 20, "Quang Ninh Provincial People's Committee"),))
    assert [(s.kind, s.replacement) for s in spans] == [
        ("term", "Quang Ninh Provincial People's Committee")
    ]
    place = find_spans(source, (TermSpan(5, 20, "Quang Ninh province", "place"),))
    assert [(s.kind, source[s.start : s.end]) for s in place] == [
        ("acronym", "UBND"),
        ("place", "tỉnh Quảng Ninh"),
    ]
    with pytest.raises(ValueError, match="kind 'body'"):
        find_spans(source, (TermSpan(0, 4, "x", "body"),))


def test_words_of_an_all_capitals_heading_are_not_acronyms() -> None:
    assert _kinds("NGHỊ QUYẾT VỀ PHÁT TRIỂN KINH TẾ SỐ") == []


def test_pattern_detection_can_be_switched_off() -> None:
    assert _kinds("UBND chi 6,5% ngày 9/8/2022", detect_do_not_translate=False) == []


def test_names_are_found_in_any_case_and_tone_placement() -> None:
    source = "Bà Nguyễn Thị Hoà gặp ông NGUYỄN VĂN AN."
    found = _kinds(source, names=("Nguyễn Thị Hòa", "Nguyễn Văn An"))
    assert found == [
        ("name", "Nguyễn Thị Hoà", "Nguyễn Thị Hoà"),
        ("name", "NGUYỄN VĂN AN", "NGUYỄN VĂN AN"),
    ]


def test_names_can_lose_their_diacritics_and_keep_d() -> None:
    found = _kinds(
        "Ông Đặng Văn Đức phát biểu.", names=("Đặng Văn Đức",), strip_name_diacritics=True
    )
    assert found == [("name", "Đặng Văn Đức", "Dang Van Duc")]
    assert strip_diacritics("Nguyễn Văn An") == "Nguyen Van An"


def test_names_in_an_nfd_source_are_whole_names_at_their_nfd_offsets() -> None:
    source = unicodedata.normalize("NFD", "Ông Lê Văn Thành đến Hà Nội.")
    found = _kinds(source, names=("Lê Văn Thành",), strip_name_diacritics=True)
    assert found == [("name", unicodedata.normalize("NFD", "Lê Văn Thành"), "Le Van Thanh")]
    spans = find_spans(source, (), ProtectionOptions(names=("Lê Văn Thành",)))
    assert protect(source, spans).text == unicodedata.normalize("NFD", "Ông [1] đến Hà Nội.")


def test_name_must_match_whole_words() -> None:
    assert _kinds("Anh Anne đến.", names=("Ann",)) == []


def test_glossary_terms_win_over_detected_patterns() -> None:
    source = "Chủ tịch UBND tỉnh"
    terms = (TermSpan(0, 13, "Chairman of the People's Committee"),)
    spans = find_spans(source, terms)
    assert [(s.kind, s.replacement) for s in spans] == [
        ("term", "Chairman of the People's Committee")
    ]


def test_a_term_outside_the_text_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="outside the source"):
        find_spans("abc", (TermSpan(2, 9, "x"),))


def test_inline_codes_and_literal_brackets_survive_verbatim() -> None:
    source = "<g1>Bộ Tài chính</g1><x2/> trích [3]"
    protected = protect(source, find_spans(source))
    assert protected.text == "[1]Bộ Tài chính[2][3] trích [4]"
    assert protected.replacements == ("<g1>", "</g1>", "<x2/>", "[3]")


def test_restore_accepts_moved_and_spaced_placeholders() -> None:
    source = "Ông Nguyễn Văn An chi 6,5% ngân sách."
    protected = protect(source, find_spans(source, (), ProtectionOptions(names=("Nguyễn Văn An",))))
    assert protected.text == "Ông [1] chi [2] ngân sách."
    assert restore("[ 2 ] of the budget was spent by Mr [1].", protected) == (
        "6.5% of the budget was spent by Mr Nguyễn Văn An."
    )


@pytest.mark.parametrize(
    "target",
    [
        "Mr [1] spent the budget.",  # [2] lost
        "Mr [1] spent [2] and [2].",  # [2] doubled
        "Mr [1] spent [2] of [3].",  # [3] invented
    ],
)
def test_restore_refuses_lost_doubled_or_invented_placeholders(target: str) -> None:
    source = "Ông Nguyễn Văn An chi 6,5%."
    protected = protect(source, find_spans(source, (), ProtectionOptions(names=("Nguyễn Văn An",))))
    assert restore(target, protected) is None


def test_restore_refuses_paired_tags_in_the_wrong_order() -> None:
    source = "<g1>Hà Nội</g1> đẹp"
    protected = protect(source, find_spans(source))
    assert restore("[2]Hanoi[1] is beautiful", protected) is None
    assert restore("[1]Hanoi[2] is beautiful", protected) == "<g1>Hanoi</g1> is beautiful"
