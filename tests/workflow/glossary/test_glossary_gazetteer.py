"""The gazetteer: Vietnam's provinces before and after 2025, and places found whole."""

from __future__ import annotations

import datetime
import unicodedata

import pytest

from workflow.glossary.gazetteer import PlaceFinder, place_finder, provincial_units, shipped_places

D = datetime.date


def _places(text: str, on: datetime.date | None = None, country: str = "") -> list[tuple[str, str]]:
    return [(hit.text, hit.english) for hit in place_finder(country).find(text, on)]


def test_63_provincial_units_before_the_reorganisation_and_34_from_1_july_2025() -> None:
    assert len(provincial_units(D(2022, 8, 9))) == 63
    assert len(provincial_units(D(2024, 12, 31))) == 63
    assert len(provincial_units(D(2025, 6, 30))) == 63
    after = provincial_units(D(2025, 7, 1))
    assert len(after) == 34
    assert sum(p.level == "city" for p in after) == 6
    assert {p.name for p in after if p.level == "city"} == {
        "Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"
    }  # fmt: skip
    # Huế became a centrally-run city on 1 January 2025, still one of the 63.
    names_2024 = {p.name for p in provincial_units(D(2024, 12, 31))}
    names_2025 = {p.name for p in provincial_units(D(2025, 1, 1))}
    assert "Thừa Thiên Huế" in names_2024 and "Huế" not in names_2024
    assert "Huế" in names_2025 and "Thừa Thiên Huế" not in names_2025


def test_every_row_has_a_source_and_english_without_diacritics() -> None:
    for place in shipped_places():
        assert place.source, place.name
        english = unicodedata.normalize("NFD", place.english)
        assert english.isascii(), place.english
    merged = [
        p for p in shipped_places() if p.valid_until == "2025-06-30" and p.level == "province"
    ]
    assert all("1 Jul 2025" in p.note for p in merged)
    assert any("Resolution 202/2025/QH15" in p.source for p in merged)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("tại thành phố Hải Phòng", [("thành phố Hải Phòng", "Hai Phong City")]),
        ("Hải Phòng và Quảng Ninh", [("Hải Phòng", "Hai Phong"), ("Quảng Ninh", "Quang Ninh")]),
        ("tỉnh Quảng Ninh", [("tỉnh Quảng Ninh", "Quang Ninh province")]),
        ("Tỉnh Quảng Ninh", [("Tỉnh Quảng Ninh", "Quang Ninh province")]),
        ("UBND TP. Đà Nẵng", [("TP. Đà Nẵng", "Da Nang City")]),
        ("TP Cần Thơ, TP.Huế", [("TP Cần Thơ", "Can Tho City"), ("TP.Huế", "Hue City")]),
        (
            "TP.HCM, TP. HCM, TPHCM, Thành phố Hồ Chí Minh",
            [
                ("TP.HCM", "Ho Chi Minh City"),
                ("TP. HCM", "Ho Chi Minh City"),
                ("TPHCM", "Ho Chi Minh City"),
                ("Thành phố Hồ Chí Minh", "Ho Chi Minh City"),
            ],
        ),
        (
            "Q. Hải Châu và H. Hòa Vang",
            [("Q. Hải Châu", "Hai Chau District"), ("H. Hòa Vang", "Hoa Vang District")],
        ),
        (
            "quận Hoàn Kiếm, huyện Đông Anh",
            [("quận Hoàn Kiếm", "Hoan Kiem District"), ("huyện Đông Anh", "Dong Anh District")],
        ),
        (
            "Quận 1, Q.3, phường 5, P. 12",
            [
                ("Quận 1", "District 1"),
                ("Q.3", "District 3"),
                ("phường 5", "Ward 5"),
                ("P. 12", "Ward 12"),
            ],
        ),
        (
            "phường Bến Nghé, xã Tân Lập",
            [("phường Bến Nghé", "Ben Nghe Ward"), ("xã Tân Lập", "Tan Lap Commune")],
        ),
        ("thị xã Sơn Tây", [("thị xã Sơn Tây", "Son Tay Town")]),
        ("thành phố Thủ Đức", [("thành phố Thủ Đức", "Thu Duc City")]),
        ("thành phố Cà Mau", [("thành phố Cà Mau", "Ca Mau City")]),  # the province's city
        ("chiến thắng Điện Biên Phủ", [("Điện Biên Phủ", "Dien Bien Phu")]),
        ("HỘI NGHỊ TỈNH QUẢNG NINH", [("TỈNH QUẢNG NINH", "Quang Ninh province")]),
        ("Hoa Kỳ và Nhật Bản", [("Hoa Kỳ", "United States"), ("Nhật Bản", "Japan")]),
        (
            "tỉnh Bà Rịa - Vũng Tàu, Bà Rịa–Vũng Tàu",
            [
                ("tỉnh Bà Rịa - Vũng Tàu", "Ba Ria - Vung Tau province"),
                ("Bà Rịa–Vũng Tàu", "Ba Ria - Vung Tau"),
            ],
        ),
    ],
)
def test_places_are_found_whole_with_their_unit_word(
    text: str, found: list[tuple[str, str]]
) -> None:
    assert _places(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "vì hòa bình và phát triển",  # peace, not Hòa Bình province
        "ông Hồ Chí Minh",  # the person: the city needs its unit word
        "Xã hội số",  # a commune needs a capitalised name
        "quận cam",
        "tỉnh Vân Nam (Trung Quốc)",  # not a province of Viet Nam: only China is found
    ],
)
def test_what_is_not_a_place_of_the_gazetteer(text: str) -> None:
    found = _places(text)
    assert found in ([], [("Trung Quốc", "China")])


def test_an_unlisted_name_stops_where_a_listed_place_starts() -> None:
    assert _places("xã Tân Lập Hà Nội") == [("xã Tân Lập", "Tan Lap Commune"), ("Hà Nội", "Ha Noi")]


def test_the_date_picks_the_row_in_force_and_the_country_follows_the_partner() -> None:
    finder = place_finder()
    (old,) = finder.find("Hải Phòng", D(2022, 8, 9))
    (new,) = finder.find("Hải Phòng", D(2026, 1, 5))
    assert old.place is not None and new.place is not None
    assert (old.place.valid_until, new.place.valid_from) == ("2025-06-30", "2025-07-01")
    assert "Hải Dương" in new.place.note
    assert old.english == new.english == "Hai Phong"
    assert _places("tại Việt Nam") == [("Việt Nam", "Viet Nam")]
    assert _places("tại Việt Nam", country="Vietnam") == [("Việt Nam", "Vietnam")]


def test_offsets_point_into_nfd_and_tagged_text() -> None:
    finder = PlaceFinder()
    text = unicodedata.normalize("NFD", "Họp tại <g1>thành phố</g1> Hải Phòng")
    (hit,) = finder.find(text)
    assert text[hit.start : hit.end] == hit.text
    assert hit.english == "Hai Phong City"
    assert hit.body_form() == "Hai Phong City"
    (province,) = finder.find("tỉnh Quảng Ninh")
    assert province.body_form() == "Quang Ninh Provincial"
