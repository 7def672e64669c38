"""What MT keeps fixed: compound names, places, dated glossary terms, titles and names."""

from __future__ import annotations

import datetime

import pytest

from primitives.terms import GlossaryEntry, TermStatus
from translation.dates import DAY_MONTH_YEAR
from translation.protection import TermSpan
from workflow.glossary import TermMatcher, load_default_glossary
from workflow.protect import (
    KINDS,
    ProtectionStyle,
    Protector,
    Reason,
    cased_target,
    report,
    target_issues,
)

D = datetime.date
SHIPPED = TermMatcher(load_default_glossary())


def _fixed(
    text: str,
    on: datetime.date | None = None,
    style: ProtectionStyle | None = None,
    matcher: TermMatcher = SHIPPED,
) -> list[tuple[str, str, str]]:
    protector = Protector(matcher, style=style, on=on)
    return [(span.text, span.kind, span.replacement) for span in report(protector, text)]


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("UBND tỉnh Quảng Ninh", "Quang Ninh Provincial People's Committee"),
        ("Ủy ban nhân dân thành phố Hải Phòng", "Hai Phong City People's Committee"),
        ("UBND TP. Đà Nẵng", "Da Nang City People's Committee"),
        ("UBND Hà Nội", "Ha Noi People's Committee"),
        ("UBND quận Hải Châu", "Hai Chau District People's Committee"),
        ("UBND xã Tân Lập", "Tan Lap Commune People's Committee"),
        ("UBND tỉnh", "provincial People's Committee"),
        ("UBND thành phố", "municipal People's Committee"),
        ("HĐND tỉnh Quảng Ninh", "Quang Ninh Provincial People's Council"),
        ("Thành ủy Hải Phòng", "Hai Phong Party Committee"),
        ("Tỉnh ủy Quảng Ninh", "Quang Ninh Provincial Party Committee"),
        ("Huyện ủy Đông Anh", "Dong Anh District Party Committee"),
        ("Công an tỉnh Quảng Ninh", "Quang Ninh Provincial Police"),
        ("Sở Giáo dục và Đào tạo Hà Nội", "Ha Noi Department of Education and Training"),
        ("Sở Y tế tỉnh Quảng Ninh", "Quang Ninh Department of Health"),
        ("Sở Y tế TP.HCM", "Ho Chi Minh City Department of Health"),
        ("Ban Thường vụ Thành ủy", "Standing Board of the municipal Party Committee"),
        ("Văn phòng UBND tỉnh", "Office of the provincial People's Committee"),
        (
            "Thường trực HĐND tỉnh Quảng Ninh",
            "Standing Committee of the Quang Ninh Provincial People's Council",
        ),
        ("Đoàn ĐBQH tỉnh Quảng Ninh", "National Assembly delegation of Quang Ninh province"),
    ],
)
def test_bodies_and_places_compose_in_english_order(text: str, english: str) -> None:
    assert _fixed(text, D(2026, 1, 5)) == [(text, "term", english)]


@pytest.mark.parametrize(
    ("text", "english"),
    [
        (
            "Chủ tịch UBND tỉnh Quảng Ninh",
            "Chairman of the Quang Ninh Provincial People's Committee",
        ),
        ("Phó Chủ tịch UBND thành phố", "Vice Chairman of the municipal People's Committee"),
        ("Bí thư Thành ủy Hải Phòng", "Secretary of the Hai Phong Party Committee"),
        ("Bộ trưởng Bộ Y tế", "Minister of Health"),
        ("Thứ trưởng Thường trực Bộ Ngoại giao", "Permanent Deputy Minister of Foreign Affairs"),
        (
            "Giám đốc Sở Khoa học và Công nghệ",
            "Director of the Department of Science and Technology",
        ),
        ("Chánh Văn phòng Bộ Y tế", "Chief of Office of the Ministry of Health"),
        (
            "Ủy viên Ban Thường vụ Thành ủy",
            "member of the Standing Board of the municipal Party Committee",
        ),
        ("Hiệu trưởng Trường Đại học Indiana", "Rector of Indiana University"),
    ],
)
def test_a_function_before_a_body_is_one_title(text: str, english: str) -> None:
    assert _fixed(text, D(2026, 1, 5)) == [(text, "title", english)]


def test_only_whitespace_joins_parts_and_glossary_entries_win_equal_spans() -> None:
    assert _fixed("UBND, tỉnh Quảng Ninh") == [
        ("UBND", "term", "People's Committee"),
        ("tỉnh Quảng Ninh", "place", "Quang Ninh province"),
    ]
    # "Ủy viên Bộ Chính trị" is listed: the glossary's wording, not "member of the Politburo".
    assert _fixed("Ủy viên Bộ Chính trị") == [("Ủy viên Bộ Chính trị", "title", "Politburo member")]


def test_a_place_wins_over_any_shorter_term_inside_it() -> None:
    text = "Hải Phòng, thành phố Hải Phòng và Thành ủy Hải Phòng; Phòng Văn hóa"
    fixed = _fixed(text, D(2022, 8, 9))
    assert fixed == [
        ("Hải Phòng", "place", "Hai Phong"),
        ("thành phố Hải Phòng", "place", "Hai Phong City"),
        ("Thành ủy Hải Phòng", "term", "Hai Phong Party Committee"),
    ]  # "Phòng Văn hóa" heads a name the glossary does not hold: MT translates it whole
    assert all("Division" not in english for _, _, english in fixed)


def test_historic_names_are_enforced_on_their_date_only() -> None:
    text = "Thứ trưởng Bộ Thông tin và Truyền thông Nguyễn Huy Dũng"
    title = "Deputy Minister of Information and Communications"
    assert _fixed(text, D(2022, 8, 9))[0] == (
        "Thứ trưởng Bộ Thông tin và Truyền thông",
        "title",
        title,
    )
    for on in (D(2026, 1, 5), None):
        assert _fixed(text, on)[0] == ("Thứ trưởng", "title", "Deputy Minister")
    findings = Protector(SHIPPED, on=D(2025, 2, 28)).findings("Bộ Thông tin và Truyền thông")
    assert (findings[0].enforced, findings[0].reason) == (True, Reason.IN_FORCE_ON_DATE)
    later = Protector(SHIPPED, on=D(2025, 3, 1)).findings("Bộ Thông tin và Truyền thông")
    assert (later[0].enforced, later[0].reason, later[0].date) == (
        False,
        Reason.HISTORIC,
        D(2025, 3, 1),
    )
    undated = Protector(SHIPPED).findings("Bộ Thông tin và Truyền thông")
    assert (undated[0].enforced, undated[0].reason) == (False, Reason.NO_DATE)


def test_a_dated_preferred_entry_stays_enforced_without_a_date() -> None:
    matcher = TermMatcher([GlossaryEntry("Dự án A", "Project A", valid_until="2020-12-31")])
    assert Protector(matcher).findings("Dự án A")[0].enforced
    assert not Protector(matcher, on=D(2021, 1, 1)).findings("Dự án A")[0].enforced


def test_lower_case_common_nouns_are_left_to_mt_and_shown_in_lower_case() -> None:
    # "51 phường" are "51 wards": a fixed "[ward]" would lose the plural.
    assert _fixed("Về phía thành phố, tỉnh có 51 phường") == []
    findings = Protector(SHIPPED).findings("Về phía thành phố, tỉnh có 51 phường")
    assert [(f.text, f.english, f.enforced, f.reason) for f in findings] == [
        ("thành phố", "city", False, Reason.COMMON_NOUN),
        ("tỉnh", "province", False, Reason.COMMON_NOUN),
        ("phường", "ward", False, Reason.COMMON_NOUN),
    ]
    # Inside a place the unit word is part of the name.
    assert _fixed("thành phố Hải Phòng") == [("thành phố Hải Phòng", "place", "Hai Phong City")]
    entry = GlossaryEntry("thành phố", "City")
    assert cased_target(entry, "thành phố") == "city"
    assert cased_target(entry, "Thành phố") == "city"  # still the common noun
    assert cased_target(
        GlossaryEntry("chuyển đổi số", "digital transformation"), "Chuyển đổi số"
    ) == ("Digital transformation")
    assert cased_target(GlossaryEntry("công nghệ thông tin", "ICT"), "công nghệ thông tin") == "ICT"
    assert cased_target(GlossaryEntry("Quốc hội", "National Assembly"), "quốc hội") == (
        "National Assembly"
    )


def test_head_words_and_words_inside_unlisted_names_are_left_to_mt() -> None:
    protector = Protector(SHIPPED)
    (head,) = [
        f for f in protector.findings("tại Trung tâm Hành chính thành phố") if f.text == "Trung tâm"
    ]
    assert (head.enforced, head.reason) == (False, Reason.HEADS_NAME)
    inner = protector.findings("TS. Hải (Viện Chiến lược Chuyển đổi số) và Viện")
    by_text = {f.text: f for f in inner}
    assert (by_text["Chuyển đổi số"].enforced, by_text["Chuyển đổi số"].reason) == (
        False,
        Reason.IN_NAME,
    )
    assert by_text["Viện"].enforced  # alone, the head word is the Institute
    assert _fixed('"Chuyển đổi số trong quản lý"')[0] == (
        "Chuyển đổi số",
        "term",
        "Digital transformation",
    )


def test_names_stop_at_titles_and_win_over_places_they_start_before() -> None:
    assert _fixed("Ông Nguyễn Hà Nam, Giám đốc Sở Y tế tỉnh Hà Nam") == [
        ("Nguyễn Hà Nam", "name", "Nguyen Ha Nam"),
        ("Giám đốc Sở Y tế tỉnh Hà Nam", "title", "Director of the Ha Nam Department of Health"),
    ]
    assert _fixed("Chủ tịch UBND tỉnh Lâm Đồng Trần Văn Hiệp") == [
        (
            "Chủ tịch UBND tỉnh Lâm Đồng",
            "title",
            "Chairman of the Lam Dong Provincial People's Committee",
        ),
        ("Trần Văn Hiệp", "name", "Tran Van Hiep"),
    ]
    assert _fixed("GS.TS. Robert M. Allen, TS Lê An") == [
        ("GS.TS.", "title", "Prof. Dr."),
        ("Robert M. Allen", "name", "Robert M. Allen"),
        ("TS", "title", "Dr."),
        ("Lê An", "name", "Le An"),
    ]


def test_the_partner_style_decides_names_dates_and_the_country() -> None:
    style = ProtectionStyle.from_settings(
        {"name_diacritics": "keep", "date_style": DAY_MONTH_YEAR, "country_name": "Vietnam"}
    )
    assert _fixed("Ngày 9/8/2022, bà Lê Thị Hồng Vân về Việt Nam", style=style) == [
        ("9/8/2022", "date", "9 August 2022"),
        ("Lê Thị Hồng Vân", "name", "Lê Thị Hồng Vân"),
        ("Việt Nam", "place", "Vietnam"),
    ]
    assert ProtectionStyle.from_settings(None) == ProtectionStyle()
    assert ProtectionStyle.from_settings({"date_style": "nonsense"}).date_style == "month_day_year"


def test_an_office_entry_for_a_place_wins_over_the_gazetteer() -> None:
    # The project's layer replaces the shipped entry for the same source (store.overlay).
    shipped = [e for e in load_default_glossary() if e.source != "Hà Nội"]
    own = TermMatcher([*shipped, GlossaryEntry("Hà Nội", "Hanoi", scope="project")])
    assert _fixed("tại Hà Nội", matcher=own) == [("Hà Nội", "place", "Hanoi")]
    assert _fixed("tại Hà Nội") == [("Hà Nội", "place", "Ha Noi")]


def test_requests_carry_every_fixed_span_with_its_kind() -> None:
    protector = Protector(SHIPPED, on=D(2022, 8, 9))
    source = "Ông Lê An thăm tỉnh Quảng Ninh ngày 9/8/2022."
    request = protector.request(3, source)
    assert request.terms == (
        TermSpan(4, 9, "Le An", "name"),
        TermSpan(15, 30, "Quang Ninh province", "place"),
    )
    assert request.date_style == "month_day_year"
    assert {span.kind for span in report(protector, source)} <= set(KINDS)
    tagged = "Thăm <g1>tỉnh</g1> Quảng Ninh"
    assert all(span.kind != "place" for span in Protector(SHIPPED).request(1, tagged).terms)


def test_the_target_is_checked_against_places_compounds_and_inner_forbidden_terms() -> None:
    matcher = TermMatcher(
        [*load_default_glossary(), GlossaryEntry("tỉnh", "Region", status=TermStatus.FORBIDDEN)]
    )
    protector = Protector(matcher)
    source = "UBND tỉnh Quảng Ninh họp tại Hải Phòng."
    issues = target_issues(protector, source, "The Region committee met in Haiphong.")
    assert [(i.kind.value, i.source_text, i.found) for i in issues] == [
        ("missing", "UBND tỉnh Quảng Ninh", ""),
        ("forbidden", "tỉnh", "Region"),
    ]
    good = "The Quang Ninh Provincial People's Committee met in Hai Phong."
    assert target_issues(protector, source, good) == []
