"""Vietnamese personal names, which MT keeps out of its way."""

from __future__ import annotations

import unicodedata

import pytest

from workflow.vietnamese.names import name_spans, personal_names, starts_with_function


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Ông Nguyễn Văn An, Chủ tịch UBND tỉnh, phát biểu.", ("Nguyễn Văn An",)),
        ("Tổng Bí thư Tô Lâm và bà Trần Thị Thu Hằng.", ("Tô Lâm", "Trần Thị Thu Hằng")),
        (unicodedata.normalize("NFD", "Ông Lê Văn Thành"), ("Lê Văn Thành",)),
        ("Bà <g1>Phạm Thị</g1> Mai đến.", ("Phạm Thị",)),
        ("ÔNG NGUYỄN VĂN AN PHÁT BIỂU", ()),  # a heading in capitals: words, not a name
        ("Nguyễn là họ phổ biến; quả lê ngon.", ()),
        ("Nguyễn Văn An gặp Nguyễn Văn An.", ("Nguyễn Văn An",)),
        # A name ends where a title or function begins, even a capitalised one.
        ("ông Nguyễn Huy Dũng Thứ trưởng Bộ Thông tin", ("Nguyễn Huy Dũng",)),
        ("Nguyễn Văn A Phó Chủ tịch UBND tỉnh", ("Nguyễn Văn A",)),
        ("Lê Văn B Ủy viên Bộ Chính trị", ("Lê Văn B",)),
        ("Trần Thị C Giám đốc Sở Y tế", ("Trần Thị C",)),
        ("Đỗ Văn D Bí thư Tỉnh ủy", ("Đỗ Văn D",)),
        ("Nguyễn Xuân Trường phát biểu", ("Nguyễn Xuân Trường",)),  # Trường is a given name
        # After a title or an honorific, any capitalised words are a name.
        ("GS. Robert M. Allen chia sẻ", ("Robert M. Allen",)),
        ("PGS.TS. Lê Thị Hồng Vân, Giám đốc", ("Lê Thị Hồng Vân",)),
        ("bà Vân cho biết", ("Vân",)),
        ("ông John Smith, Giám đốc", ("John Smith",)),
        ("Theo ông, dự án", ()),
    ],
)
def test_personal_names(text: str, names: tuple[str, ...]) -> None:
    assert personal_names(text) == names


def test_spans_leave_out_what_the_caller_claimed_and_follow_given_titles() -> None:
    text = "Chủ tịch UBND tỉnh Lâm Đồng Trần Văn Hiệp"
    claimed = [(0, 27)]  # "Chủ tịch UBND tỉnh Lâm Đồng", a compound name
    assert [s.name for s in name_spans(text, claimed=claimed)] == ["Trần Văn Hiệp"]
    assert [s.name for s in name_spans(text)] == ["Lâm Đồng Trần Văn"]  # why callers claim
    titled = "Đại sứ Marc Knapper đến"
    assert name_spans(titled) == []
    (span,) = name_spans(titled, after_titles=[6])
    assert (titled[span.start : span.end], span.name) == ("Marc Knapper", "Marc Knapper")


def test_spans_of_nfd_text_are_nfd_offsets_with_nfc_names() -> None:
    text = unicodedata.normalize("NFD", "Ông Lê Văn Thành đến")
    (span,) = name_spans(text)
    assert text[span.start : span.end] == unicodedata.normalize("NFD", "Lê Văn Thành")
    assert span.name == "Lê Văn Thành"


def test_functions_are_recognised_in_any_case_and_tone_placement() -> None:
    assert starts_with_function("Thứ trưởng Bộ Y tế")
    assert starts_with_function("phó chủ tịch")
    assert starts_with_function("Uỷ viên Trung ương")
    assert not starts_with_function("Bộ Y tế")
