"""Each QA check fires on the problem it names and stays quiet on a correct pair."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from primitives.statuses import Origin, Status
from primitives.terms import GlossaryEntry, TermStatus
from primitives.units import Unit
from workflow.glossary import TermMatcher, load_default_glossary
from workflow.qa.consistency import ConsistencyIndex
from workflow.qa.model import QAContext, Severity
from workflow.qa.registry import CHECKS, check_unit, get_check

SHIPPED = TermMatcher(load_default_glossary())
PROJECT = TermMatcher(
    [
        *load_default_glossary(),
        GlossaryEntry("Bộ Công an", "Ministry of Police", status=TermStatus.FORBIDDEN),
        GlossaryEntry("VNeID", "", status=TermStatus.DO_NOT_TRANSLATE),
    ]
)
CONSISTENCY = ConsistencyIndex.from_units(
    [
        Unit("Báo cáo tổng kết năm.", "Annual review report."),
        Unit("Báo cáo tổng kết năm.", "Year-end summary report."),
        Unit("Kết luận.", "Conclusion."),
        Unit("Phần kết luận.", "Conclusion."),
    ]
)


def _context(**changes: Any) -> QAContext:
    values: dict[str, Any] = {"glossary": PROJECT, "consistency": CONSISTENCY}
    values.update(changes)
    return QAContext(**values)


def _fires(check_id: str, source: str, target: str, **unit_fields: Any) -> list[str]:
    context = unit_fields.pop("context", _context())
    unit = Unit(source, target, id=7, **unit_fields)
    return [f.message["en"] for f in get_check(check_id).run(unit, context)]


# (check, source, target, unit fields / context) that each must fire on.
FIRING: list[tuple[str, str, str, dict[str, Any]]] = [
    ("empty-target", "Xin chào.", "", {}),
    ("empty-target", "Xin chào.", "<x1/>", {}),
    ("untranslated", "Xin chào các bạn.", "Xin chào các bạn.", {}),
    ("vietnamese-in-target", "Bộ Tài chính họp.", "The Ministry of Finance họp.", {}),
    ("number-mismatch", "Có 5 người.", "There were 6 people.", {}),
    ("number-mismatch", "Có 5 người.", "There were people.", {}),
    ("number-mismatch", "Có người.", "There were 6 people.", {}),
    ("number-mismatch", "Tăng 6,5%.", "Up 6,5%.", {}),
    ("scale-word", "Vốn 5 tỷ đồng.", "Capital of VND5 million.", {}),
    ("currency", "Giá 5 triệu đồng.", "The price is US$5 million.", {}),
    ("currency", "Giá 5 triệu đồng.", "The price is 5 million.", {}),
    ("percentage-points", "Giảm 0,5 điểm phần trăm.", "Down 0.5%.", {}),
    ("percentage-points", "Giảm 0,5%.", "Down 0.5 percentage points.", {}),
    ("date-mismatch", "Ngày 9/8/2022.", "On September 8, 2022.", {}),
    ("date-mismatch", "Ngày 9/8/2022.", "On the ninth.", {}),
    ("time-mismatch", "Lúc 8h30.", "At 9:30 a.m.", {}),
    ("ambiguous-date", "Ngày 9/8/2022.", "On 9/8/2022.", {}),
    ("ambiguous-date", "Ngày 25/8/2022.", "On 25/8/2022.", {}),
    ("document-code", "Quyết định 749/QĐ-TTg.", "Decision 794/QD-TTg.", {}),
    ("url-changed", "Xem https://moet.gov.vn.", "See https://moet.gov.com.", {}),
    ("url-changed", "Gửi vp@moet.gov.vn.", "Write to vp@moet.gov.com.", {}),
    ("url-changed", "Gọi 0912.345.678.", "Call 0912 345 679.", {}),
    ("term-missing", "Bộ Tài chính họp.", "The finance office met.", {}),
    ("term-forbidden", "Bộ Công an họp.", "The Ministry of Police met.", {}),
    ("dnt-altered", "Cài ứng dụng VNeID.", "Install the VNEID app.", {}),
    (
        "outdated-name",
        "Bộ Kế hoạch và Đầu tư họp.",
        "The Ministry of Planning and Investment met.",
        {"context": _context(document_date=date(2025, 6, 1))},
    ),
    ("inconsistent-target", "Báo cáo tổng kết năm.", "Annual review report.", {}),
    ("inconsistent-source", "Kết luận.", "Conclusion.", {}),
    ("tags-missing", "Nhấn <g1>Lưu</g1>.", "Press Save.", {}),
    ("tags-extra", "Nhấn Lưu.", "Press <g1>Save</g1>.", {}),
    ("tags-order", "<g1>A</g1> và <g2>B</g2>.", "<g2>B</g2> and <g1>A</g1>.", {}),
    ("tags-broken", "<g1>A <g2>B</g2></g1>.", "<g1>A <g2>B</g1></g2>.", {}),
    ("brackets", "Tổ chức Y tế Thế giới (WHO).", "The World Health Organization (WHO.", {}),
    ("brackets", 'Cuộc thi "Sáng tạo".', 'The "Creativity contest.', {}),
    ("edge-whitespace", "Xin chào.", "Hello. ", {}),
    ("double-space", "Xin chào các bạn.", "Hello  everyone.", {}),
    ("end-punctuation", "Vì sao?", "Why.", {}),
    ("end-punctuation", "Hội nghị khai mạc.", "The conference opened", {}),
    ("repeated-word", "Hội nghị của tỉnh.", "The conference of of the province.", {}),
    ("capitalisation", "Hội nghị khai mạc.", "the conference opened.", {}),
    (
        "length-ratio",
        "Hội nghị tổng kết công tác năm 2023 của tỉnh đã diễn ra thành công tốt đẹp.",
        "The conference.",
        {},
    ),
    (
        "repeated-phrase",
        "Thành phố phát triển.",
        "The city of the city of the city of the city grows.",
        {},
    ),
    ("mt-unedited", "Xin chào.", "Hello.", {"origin": Origin.MT, "status": Status.TRANSLATED}),
    ("mt-low-confidence", "Xin chào.", "Hello.", {"origin": Origin.MT, "score": 0.2}),
    (
        "spelling-variant",
        "Tổ chức họp.",
        "The organisation met.",
        {"context": _context(partner_settings={"english_variant": "US"})},
    ),
    (
        "spelling-variant",
        "Trung tâm họp.",
        "The center met.",
        {"context": _context(partner_settings={"english_variant": "UK"})},
    ),
    (
        "country-name",
        "Việt Nam phát triển.",
        "Vietnam grows.",
        {"context": _context(partner_settings={"country_name": "Viet Nam"})},
    ),
    (
        "name-diacritics",
        "Ông Nguyễn Văn An phát biểu.",
        "Mr Nguyễn Văn An spoke.",
        {"context": _context(partner_settings={"name_diacritics": "strip"})},
    ),
    (
        "name-diacritics",
        "Ông Nguyễn Văn An phát biểu.",
        "Mr Nguyen Van An spoke.",
        {"context": _context(partner_settings={"name_diacritics": "keep"})},
    ),
    (
        "date-style",
        "Ngày 9/8/2022.",
        "On 9 August 2022.",
        {"context": _context(partner_settings={"date_style": "month_day_year"})},
    ),
]

# Correct pairs, or settings that allow them, on which the same check stays quiet.
QUIET: list[tuple[str, str, str, dict[str, Any]]] = [
    ("empty-target", "", "", {}),
    ("untranslated", "ASEAN 2025", "ASEAN 2025", {}),
    ("untranslated", "Hà Nội", "Hà Nội", {}),  # a name with a glossary rendering kept as is
    ("vietnamese-in-target", "Tỉnh Quảng Ninh phát triển.", "Quảng Ninh province grows.", {}),
    ("vietnamese-in-target", "Ông Nguyễn Văn An phát biểu.", "Mr Nguyễn Văn An spoke.", {}),
    ("vietnamese-in-target", "Quán cà phê mở cửa.", "The café opened.", {}),
    ("number-mismatch", "Có 5 người.", "There were five people.", {}),
    ("number-mismatch", "Ông ấy sống ở Washington.", "He lives in Washington, DC.", {}),
    ("scale-word", "Vốn 1.000 tỷ đồng.", "Capital of VND1 trillion.", {}),
    ("currency", "Giá 5 triệu đồng.", "The price is 5 million dong.", {}),
    ("percentage-points", "Giảm 0,5 điểm phần trăm.", "Down 0.5 percentage points.", {}),
    ("date-mismatch", "Ngày 9/8/2022.", "On 9 August 2022.", {}),
    ("time-mismatch", "Lúc 14h.", "At 2 p.m.", {}),
    ("ambiguous-date", "Ngày 9/8/2022.", "On 2022-08-09.", {}),
    ("document-code", "Quyết định 749/QĐ-TTg.", "Decision 749/QD-TTg.", {}),
    ("url-changed", "Xem https://moet.gov.vn.", "See moet.gov.vn.", {}),
    (
        "term-missing",
        "Phó Chủ tịch UBND tỉnh.",
        "Vice Chairman of the provincial People's Committee.",
        {},
    ),
    ("term-missing", "Bộ trưởng Bộ Y tế.", "Minister of Health.", {}),
    (
        "term-missing",
        "Bộ Tài chính họp.",
        "The finance office met.",
        {"context": _context(glossary=None)},
    ),
    ("term-missing", "Công văn số 2345/UBND-VX.", "Official Letter No. 2345/UBND-VX.", {}),
    ("dnt-altered", "Cài ứng dụng VNeID.", "Install the VNeID app.", {}),
    (
        "outdated-name",
        "Bộ Kế hoạch và Đầu tư họp.",
        "The Ministry of Planning and Investment met.",
        {"context": _context(document_date=date(2024, 6, 1))},
    ),
    ("outdated-name", "Bộ Kế hoạch và Đầu tư họp.", "The MPI met.", {}),  # no document date
    ("inconsistent-target", "Kết luận.", "Conclusion.", {}),
    (
        "inconsistent-target",
        "Báo cáo tổng kết năm.",
        "Annual review report.",
        {"context": _context(consistency=None)},
    ),
    ("tags-missing", "Nhấn <g1>Lưu</g1>.", "Press <g1>Save</g1>.", {}),
    ("tags-order", "<g1>A</g1> và <g2>B</g2>.", "<g1>A</g1> and <g2>B</g2>.", {}),
    ("brackets", "“Mở đầu", "“Opening", {}),  # a quotation running on, as in the source
    ("edge-whitespace", " Xin chào.", " Hello.", {}),
    ("end-punctuation", "Chạy!", "Run.", {}),
    ("end-punctuation", "Tổ chức, v.v.", "Organisers, etc.", {}),
    ("repeated-word", "Anh ấy đã có.", "He had had it.", {}),
    ("capitalisation", "Chính phủ điện tử.", "e-government.", {}),
    ("capitalisation", "Điện thoại.", "iPhone.", {}),
    ("length-ratio", "Chạy đi!", "Run!", {}),
    ("mt-unedited", "Xin chào.", "Hello.", {"origin": Origin.MT, "status": Status.DRAFT}),
    ("mt-unedited", "Xin chào.", "Hello.", {"origin": Origin.HUMAN, "status": Status.APPROVED}),
    ("mt-low-confidence", "Xin chào.", "Hello.", {"origin": Origin.MT, "score": 0.9}),
    ("spelling-variant", "Tổ chức họp.", "The organisation met.", {}),  # no partner setting
    (
        "country-name",
        "Báo Việt Nam News.",
        "Viet Nam News.",
        {"context": _context(partner_settings={"country_name": "Vietnam"})},
    ),
    (
        "country-name",
        "Người Việt Nam.",
        "Vietnamese people.",
        {"context": _context(partner_settings={"country_name": "Viet Nam"})},
    ),
    (
        "date-style",
        "Ngày 9/8/2022.",
        "On 9 August 2022.",
        {"context": _context(partner_settings={"date_style": "day_month_year"})},
    ),
]


@pytest.mark.parametrize(("check_id", "source", "target", "fields"), FIRING)
def test_the_check_fires(check_id: str, source: str, target: str, fields: dict[str, Any]) -> None:
    messages = _fires(check_id, source, target, **fields)
    assert messages, f"{check_id} found nothing in {target!r}"
    assert all(m and "\n" not in m for m in messages)


@pytest.mark.parametrize(("check_id", "source", "target", "fields"), QUIET)
def test_the_check_stays_quiet(
    check_id: str, source: str, target: str, fields: dict[str, Any]
) -> None:
    assert _fires(check_id, source, target, **fields) == []


def test_every_check_has_a_firing_case() -> None:
    assert {check.id for check in CHECKS} == {case[0] for case in FIRING}


def test_findings_carry_spans_and_both_languages() -> None:
    unit = Unit("Có 5 người.", "There were 6 people.", id=3)
    (finding,) = check_unit(unit, _context())
    assert finding.check == "number-mismatch" and finding.severity is Severity.ERROR
    assert unit.source[slice(*finding.source_span)] == "5"
    assert unit.target[slice(*finding.target_span)] == "6"
    assert finding.message == {
        "vi": "Số '5' của câu gốc thành '6' trong bản dịch.",
        "en": "Number '5' in the source is '6' in the target.",
    }


def test_spans_point_into_the_stored_text_with_tags() -> None:
    unit = Unit("<g1>Hội nghị</g1> của tỉnh.", "<g1>The conference</g1> of of the province.")
    (finding,) = get_check("repeated-word").run(unit, _context())
    assert unit.target[slice(*finding.target_span)] == "of of"


def test_a_numeric_date_read_the_same_both_ways_is_only_a_warning() -> None:
    unit = Unit("Ngày 9/9/2022.", "On 9/9/2022.")
    (finding,) = get_check("ambiguous-date").run(unit, _context())
    assert finding.severity is Severity.WARNING
    (finding,) = get_check("ambiguous-date").run(Unit("Ngày 9/8/2022.", "On 9/8/2022."), _context())
    assert finding.severity is Severity.ERROR
    assert "reads as September 8 to US readers" in finding.message["en"]


def test_odd_text_never_raises() -> None:
    texts = ["", " ", "<g1>", "</g2>", "((((", "\u0301", "9/", "đ", "$", "…", "a" * 2000]
    for source in texts:
        for target in texts:
            check_unit(Unit(source, target, origin=Origin.MT, score=0.1), _context())
