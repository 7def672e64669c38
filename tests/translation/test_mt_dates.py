"""Vietnamese dates found whole and written unambiguously in the partner's date style."""

from __future__ import annotations

import pytest

from translation.dates import DAY_MONTH_YEAR, MONTH_DAY_YEAR, english_date, find_dates

# Pure code: SQLite half only (tests/conftest.py).
pytestmark = pytest.mark.database_free


def _dates(text: str, style: str = MONTH_DAY_YEAR) -> list[tuple[str, str]]:
    return [(text[d.start : d.end], d.english) for d in find_dates(text, style)]


@pytest.mark.parametrize(
    ("text", "us", "uk"),
    [
        ("Ngày 9/8/2022, khai mạc", ("9/8/2022", "August 9, 2022"), "9 August 2022"),
        ("ngày 09/08/2022", ("09/08/2022", "August 9, 2022"), "9 August 2022"),
        ("ngày 9 tháng 8 năm 2022", ("9 tháng 8 năm 2022", "August 9, 2022"), "9 August 2022"),
        ("Ngày 09 tháng 8 năm 2022", ("09 tháng 8 năm 2022", "August 9, 2022"), "9 August 2022"),
        ("trong tháng 8/2022", ("tháng 8/2022", "August 2022"), "August 2022"),
        ("Tháng 8 năm 2022", ("Tháng 8 năm 2022", "August 2022"), "August 2022"),
        ("so với quý I/2022", ("quý I/2022", "Q1 2022"), "Q1 2022"),
        ("Quý IV năm 2025", ("Quý IV năm 2025", "Q4 2025"), "Q4 2025"),
        ("quý 3/2024", ("quý 3/2024", "Q3 2024"), "Q3 2024"),
        ("từ 9-10/8/2022", ("9-10/8/2022", "August 9-10, 2022"), "9-10 August 2022"),
        ("sáng ngày 9/8 tại", ("9/8", "August 9"), "9 August"),
        ("hạn chót 8/2022", ("8/2022", "August 2022"), "August 2022"),
    ],
)
def test_dates_in_both_styles(text: str, us: tuple[str, str], uk: str) -> None:
    assert _dates(text) == [us]
    assert _dates(text, DAY_MONTH_YEAR) == [(us[0], uk)]


@pytest.mark.parametrize(
    "text",
    [
        "1/3 dân số",  # a fraction, not a day
        "ngày 31/2/2022",  # no such day
        "tháng 13/2022",  # no such month
        "Nghị định 15/2022/NĐ-CP",  # a document code
        "quyết định 749/QĐ-TTg ngày",
        "giai đoạn 2021-2025",  # a range of years
    ],
)
def test_what_is_not_a_date(text: str) -> None:
    assert _dates(text) == []


def test_english_date_forms() -> None:
    assert english_date(MONTH_DAY_YEAR, 12, 2026, 1) == "December 1, 2026"
    assert english_date(DAY_MONTH_YEAR, 12, 2026, 1) == "1 December 2026"
    assert english_date(MONTH_DAY_YEAR, 2) == "February"


def test_an_unknown_style_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown date style"):
        list(find_dates("9/8/2022", "year_first"))
