"""Vietnamese personal names, which MT keeps out of its way."""

from __future__ import annotations

import unicodedata

import pytest

from workflow.vietnamese.names import personal_names


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
    ],
)
def test_personal_names(text: str, names: tuple[str, ...]) -> None:
    assert personal_names(text) == names
