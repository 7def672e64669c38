"""TXT and Markdown reading: lines, blocks, inline Markdown as codes, encodings."""

from __future__ import annotations

import codecs

from primitives.inline import pairing_problems
from workflow.intake import read_source


def blocks(data: bytes, filename: str) -> list[tuple[str, str, str]]:
    document = read_source(data, filename)
    for block in document.blocks:
        assert pairing_problems(block.text) == []
    return [(b.ref, b.kind, b.text) for b in document.blocks]


def test_txt_gives_one_block_per_line_with_letters() -> None:
    text = "Báo cáo năm 2024\r\n\r\n   \n2024\nHà Nội, ngày 9/8/2022  \n"
    assert blocks(text.encode(), "a.txt") == [
        ("line:1", "paragraph", "Báo cáo năm 2024"),
        ("line:5", "paragraph", "Hà Nội, ngày 9/8/2022"),
    ]


def test_txt_is_normalised_to_nfc_and_manual_breaks_become_codes() -> None:
    nfd = "Vie\u0302\u0323t Nam\x0bthu\u0309 đô"
    document = read_source(nfd.encode(), "pasted.txt")
    (block,) = document.blocks
    assert block.text == "Việt Nam<x1/>thủ đô"
    assert block.codes["1"]["kind"] == "line_break"


def test_txt_in_utf16_with_bom_is_decoded() -> None:
    data = codecs.BOM_UTF16_LE + "Cộng hòa xã hội chủ nghĩa".encode("utf-16-le")
    document = read_source(data, "a.txt")
    assert document.blocks[0].text == "Cộng hòa xã hội chủ nghĩa"
    assert document.repair_lines[0] == "a.txt was decoded as UTF-16 with BOM"


def test_markdown_blocks_and_what_is_left_out() -> None:
    source = "\n".join(
        [
            "---",
            "title: báo cáo",
            "---",
            "# Tổng quan",
            "",
            "Đoạn văn đầu tiên được",
            "ngắt thành hai dòng.",
            "",
            "- Mục thứ nhất",
            "2. Mục đánh số",
            "",
            "> Trích dẫn của Bộ trưởng",
            "",
            "```python",
            "print('không dịch')",
            "```",
            "",
            "<div>khối HTML</div>",
            "",
            "Tiêu đề phụ",
            "-----------",
            "",
            "***",
            "",
            "    mã thụt lề",
        ]
    )
    assert blocks(source.encode(), "a.md") == [
        ("lines:4-4", "heading", "Tổng quan"),
        ("lines:6-7", "paragraph", "Đoạn văn đầu tiên được ngắt thành hai dòng."),
        ("lines:9-9", "list_item", "Mục thứ nhất"),
        ("lines:10-10", "list_item", "Mục đánh số"),
        ("lines:12-12", "quote", "Trích dẫn của Bộ trưởng"),
        ("lines:20-21", "heading", "Tiêu đề phụ"),
    ]
    document = read_source(source.encode(), "a.md")
    assert [b.style for b in document.blocks] == ["# ", None, "- ", "2. ", "> ", "## "]


def test_inline_markdown_becomes_codes_that_keep_their_delimiters() -> None:
    source = (
        "Theo **Bộ Tài chính**, *tăng trưởng* đạt ***6,5%***; xem "
        '[báo cáo](https://mof.gov.vn/bc "BC") và `mã_số`, ~~cũ~~, snake_case_name \\*sao\\*.'
    )
    document = read_source(source.encode(), "a.md")
    (block,) = document.blocks
    assert block.text == (
        "Theo <g1>Bộ Tài chính</g1>, <g2>tăng trưởng</g2> đạt <g3>6,5%</g3>; xem "
        "<g4>báo cáo</g4> và <x5/>, <g6>cũ</g6>, snake_case_name *sao*."
    )
    kinds = {
        k: (c["kind"], c.get("markdown_open"), c.get("markdown_close"))
        for k, c in block.codes.items()
    }
    assert kinds["1"] == ("bold", "**", "**")
    assert kinds["2"] == ("italic", "*", "*")
    assert kinds["3"] == ("bold_italic", "***", "***")
    assert kinds["4"] == ("hyperlink", "[", '](https://mof.gov.vn/bc "BC")')
    assert block.codes["4"]["url"] == "https://mof.gov.vn/bc"
    assert block.codes["5"] == {"type": "standalone", "kind": "code", "markdown": "`mã_số`"}
    assert kinds["6"] == ("strikethrough", "~~", "~~")


def test_images_autolinks_html_and_hard_breaks_are_standalone() -> None:
    source = "Hình ![biểu đồ](chart.png) tại <https://gso.gov.vn> và <br/> nữa  \ndòng sau\\\ncuối"
    (block,) = read_source(source.encode(), "a.md").blocks
    assert block.text == "Hình <x1/> tại <x2/> và <x3/> nữa<x4/>dòng sau<x5/>cuối"
    assert [block.codes[str(n)]["kind"] for n in range(1, 6)] == [
        "image",
        "url",
        "html",
        "line_break",
        "line_break",
    ]


def test_markdown_table_cells_are_blocks() -> None:
    source = (
        "| Chỉ tiêu | Năm 2024 |\n|---|---:|\n| Tăng trưởng | 6,5% |\n| Lạm phát | khoảng 4% |\n"
    )
    assert blocks(source.encode(), "a.md") == [
        ("lines:1-1#c0", "table_cell", "Chỉ tiêu"),
        ("lines:1-1#c1", "table_cell", "Năm 2024"),
        ("lines:3-3#c0", "table_cell", "Tăng trưởng"),
        ("lines:4-4#c0", "table_cell", "Lạm phát"),
        ("lines:4-4#c1", "table_cell", "khoảng 4%"),
    ]


def test_unclosed_emphasis_stays_literal() -> None:
    (block,) = read_source("Giá *tăng 5% và 2 * 3 = 6".encode(), "a.md").blocks
    assert block.text == "Giá *tăng 5% và 2 * 3 = 6"
    assert block.codes == {}


def test_markdown_with_only_code_warns_that_nothing_is_translatable() -> None:
    document = read_source(b"```\ncode\n```\n", "a.md")
    assert document.blocks == []
    assert document.warnings == ["a.md has no text to translate (only numbers or code)"]
