"""Numbers, dates, times and identifiers read as values in vi and en (workflow.qa.values)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from workflow.qa.values import NumberUnit, compare, extract
from workflow.qa.values.numbers import en_readings, vi_readings


def _values(text: str, lang: str) -> list[set[Decimal]]:
    return [set(q.values) for q in extract(text, lang).quantities if not q.soft]


def _agree(source: str, target: str) -> bool:
    found = compare(source, target)
    return not (
        found.missing_numbers
        or found.added_numbers
        or found.scale_pairs
        or found.foreign_numbers
        or found.missing_dates
        or found.added_dates
        or found.missing_times
        or found.added_times
        or found.missing_identifiers
        or found.added_identifiers
    )


@pytest.mark.parametrize(
    ("run", "values"),
    [
        ("1.000,5", {Decimal("1000.5")}),
        ("1.200", {Decimal(1200)}),
        ("6,5", {Decimal("6.5")}),
        ("2,125", {Decimal("2.125"), Decimal(2125)}),  # the English habit some writers have
        ("1,000", {Decimal(1000)}),  # never 1.000 with three zeros
        ("1.000.000", {Decimal(1000000)}),
        ("4.0", {Decimal("4.0")}),
        ("1.2.3", set()),  # a section number, not a number
    ],
)
def test_vietnamese_readings(run: str, values: set[Decimal]) -> None:
    assert set(vi_readings(run)) == values


@pytest.mark.parametrize(
    ("run", "values", "foreign"),
    [
        ("1,000.5", {Decimal("1000.5")}, False),
        ("1.200", {Decimal("1.2")}, False),  # an English reader's 1.2
        ("6,5", {Decimal("6.5")}, True),  # parsed as English it would be 65
        ("1.000.000", {Decimal(1000000)}, True),
        ("1.000,5", {Decimal("1000.5")}, True),
        ("12,345,678", {Decimal(12345678)}, False),
    ],
)
def test_english_readings(run: str, values: set[Decimal], foreign: bool) -> None:
    found, is_foreign = en_readings(run)
    assert (set(found), is_foreign) == (values, foreign)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("1.000,5 người", "1,000.5 people"),
        ("tăng 6,5%", "up 6.5%"),
        ("tăng 6,5%", "up 6.5 percent"),
        ("tăng 6,5%", "up 6.5 per cent"),
        ("1.000 tỷ đồng", "VND 1 trillion"),
        ("1.000 tỷ đồng", "VND1,000 billion"),
        ("1.000 tỷ đồng", "1,000 billion dong"),
        ("5 nghìn tỷ đồng", "VND5 trillion"),
        ("3 ngàn người", "3,000 people"),
        ("1,5 tỉ USD", "US$1.5 billion"),
        ("2,3 triệu", "2.3mn"),
        ("gấp 2 lần", "twice"),
        ("gấp 2 lần", "doubled"),
        ("gấp 3 lần", "threefold"),
        ("5 đơn vị", "five units"),
        ("21 xã", "twenty-one communes"),
        ("100 người", "a hundred people"),
        ("12 quả", "a dozen"),
        ("ba người", "3 people"),
        ("hai mươi lăm người", "25 people"),
        ("khóa XIII", "13th tenure"),
        ("Đại hội XIV", "the Fourteenth Congress"),
        ("lần thứ 14", "the 14th time"),
        ("3/4 doanh nghiệp", "three quarters of businesses"),
        ("3/4 doanh nghiệp", "three out of four businesses"),
        ("1/3 số hồ sơ", "a third of the files"),
        ("thứ 2", "Monday"),
        ("1 năm", "a year"),
        ("năm 2021-2025", "2021–2025"),
        ("COVID-19 và 5G", "COVID-19 and 5G"),
    ],
)
def test_numbers_agree_by_value(source: str, target: str) -> None:
    assert _agree(source, target), compare(source, target)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("1.200 người", "1.200 people"),  # 1200 read as 1.2
        ("5 người", "6 people"),
        ("5 tỷ đồng", "VND5 million"),
        ("tăng 6,5%", "up 6,5%"),
        ("tăng 6,5%", "up 65%"),
    ],
)
def test_numbers_differ(source: str, target: str) -> None:
    assert not _agree(source, target)


def test_scale_currency_and_unit_are_kept() -> None:
    (amount, share) = [
        q for q in extract("5 tỷ đồng, tăng 0,5 điểm phần trăm", "vi").quantities if not q.soft
    ]
    assert (amount.scale, amount.currency, set(amount.mantissas)) == (9, "VND", {Decimal(5)})
    assert share.unit is NumberUnit.POINTS
    (price,) = extract("US$40 million", "en").quantities
    assert (price.currency, price.scale) == ("USD", 6)
    assert compare("5 tỷ đồng", "VND5 million").scale_pairs


def test_scale_words_inside_other_words_are_not_scales() -> None:
    # "tỷ lệ" is a ratio, "triệu chứng" a symptom.
    assert _values("năm 2023 tỷ lệ là 46%", "vi") == [{Decimal(2023)}, {Decimal(46)}]
    assert _values("có 3 triệu chứng", "vi") == [{Decimal(3)}]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("ngày 9/8/2022", "on 9 August 2022"),
        ("ngày 9/8/2022", "on August 9, 2022"),
        ("ngày 9 tháng 8 năm 2022", "on Aug. 9, 2022"),
        ("ngày 09-8-2022", "on 9th August 2022"),
        ("Sáng 9/8, hội nghị khai mạc", "The conference opened on the morning of August 9"),
        ("tháng 8/2022", "in August 2022"),
        ("tháng Tám năm 2022", "August 2022"),
        ("quý I/2022", "Q1 2022"),
        ("quý IV năm 2024", "the fourth quarter of 2024"),
        ("6 tháng đầu năm 2024", "the first half of 2024"),
        ("6 tháng đầu năm", "the first six months"),
        ("ngày 18-19/10/2024", "on October 18-19, 2024"),
        ("từ ngày 25/1 đến ngày 1/2/2021", "from January 25 to February 1, 2021"),
        ("lúc 8h30", "at 8:30 a.m."),
        ("lúc 14h", "at 2 p.m."),
        ("8 giờ tối", "8 p.m."),
        ("lúc 20h10", "at 8:10 p.m."),
        ("10 giờ 40", "ten-forty"),
        ("trong 8 giờ", "for eight hours"),
    ],
)
def test_dates_and_times_agree(source: str, target: str) -> None:
    assert _agree(source, target), compare(source, target)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("ngày 9/8/2022", "on September 8, 2022"),  # day and month swapped
        ("ngày 9/8/2022", "on August 9, 2023"),  # wrong year
        ("quý I/2022", "Q2 2022"),
        ("lúc 8h30", "at 9:30 a.m."),
        ("lúc 14h", "at 2 a.m."),
    ],
)
def test_dates_and_times_differ(source: str, target: str) -> None:
    assert not _agree(source, target)


def test_month_words_need_their_capital() -> None:
    # "10 tháng năm 2024" is ten months of 2024, not May.
    assert not extract("10 tháng năm 2024", "vi").dates
    assert [d.month for d in extract("tháng Năm 2024", "vi").dates] == [5]


def test_a_numeric_english_date_is_read_both_ways_and_marked() -> None:
    (item,) = extract("on 9/8/2022", "en").dates
    assert item.numeric and (item.day, item.month) == (9, 8)
    assert _agree("ngày 9/8/2022", "on 9/8/2022")  # the ambiguity is its own check's finding
    assert _agree("ngày 8/9/2022", "on 9/8/2022")


def test_a_count_with_a_slash_is_not_a_date() -> None:
    assert not extract("đạt 9/10 tiêu chí", "vi").dates


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Nghị quyết 03-NQ/TU", "Resolution 03-NQ/TU"),
        ("Quyết định 749/QĐ-TTg", "Decision 749/QD-TTg"),
        ("Nghị quyết 176/2025/QH15", "Resolution 176/2025/QH15"),
        ("Nghị định 13/2023/NĐ-CP", "Decree 13/2023/Nd-Cp"),
        ("gọi 0912.345.678", "call +84 912 345 678"),
        ("xem www.gso.gov.vn", "see https://www.gso.gov.vn/"),
    ],
)
def test_identifiers_compare_as_tokens(source: str, target: str) -> None:
    assert _agree(source, target), compare(source, target)
    assert not any(
        q.values & {Decimal(749), Decimal(176)} for q in extract(source, "vi").quantities
    )


def test_a_changed_code_or_address_differs() -> None:
    assert compare("Quyết định 749/QĐ-TTg", "Decision 794/QD-TTg").missing_identifiers
    assert compare("e-mail: vp@moet.gov.vn", "e-mail: vp@moet.gov.com").added_identifiers


def test_tag_numbers_are_not_numbers() -> None:
    assert _agree("Nhấn <g1>Lưu</g1><x2/>", "Press <g1>Save</g1><x2/>")
    assert _values("<g12>5</g12> người", "vi") == [{Decimal(5)}]


def test_odd_text_never_raises() -> None:
    for text in (
        "",
        "....",
        "1.",
        ",5",
        "9/",
        "/8/2022",
        "<g1",
        "tháng",
        "quý",
        "h30",
        "ngày 99/99",
    ):
        extract(text, "vi")
        extract(text, "en")
        compare(text, text)
