"""DOCX inline formatting and protected objects → paired/standalone codes."""

from __future__ import annotations

from primitives.inline import pairing_problems
from workflow.intake import read_source


def run(text: str, rpr: str = "") -> str:
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def read_one(make_docx, paragraph_inner: str, **kwargs):
    document = read_source(make_docx(f"<w:p>{paragraph_inner}</w:p>", **kwargs), "a.docx")
    (block,) = document.blocks
    assert pairing_problems(block.text) == []
    return block


def test_adjacent_runs_with_identical_formatting_merge_into_one_code(make_docx) -> None:
    block = read_one(
        make_docx,
        run("Năm 2024, ")
        + run("Bộ ", "<w:b/>")
        + run("Tài ", '<w:b/><w:lang w:val="vi-VN"/>')  # proofing language is invisible
        + run("chính", "<w:b/>")
        + run(" đạt kết quả tốt."),
    )
    assert block.text == "Năm 2024, <g1>Bộ Tài chính</g1> đạt kết quả tốt."
    assert block.codes["1"]["kind"] == "bold"
    assert "<w:b/>" in block.codes["1"]["rpr"]
    assert block.base_rpr is None


def test_each_kind_of_formatting_is_named(make_docx) -> None:
    block = read_one(
        make_docx,
        run("Diện tích 100 m")
        + run("2", '<w:vertAlign w:val="superscript"/>')
        + run(", công thức H")
        + run("2", '<w:vertAlign w:val="subscript"/>')
        + run("O, ")
        + run("nghiêng", "<w:i/>")
        + run(" và ")
        + run("gạch chân", '<w:u w:val="single"/>')
        + run(" và ")
        + run("đậm nghiêng", "<w:b/><w:i/>"),
    )
    kinds = [block.codes[str(n)]["kind"] for n in range(1, 6)]
    assert kinds == ["superscript", "subscript", "italic", "underline", "formatting"]
    assert block.codes["5"]["properties"] == ["bold", "italic"]
    assert block.text.startswith("Diện tích 100 m<g1>2</g1>, công thức H<g2>2</g2>O")


def test_bold_paragraph_has_bold_base_and_marks_the_normal_word(make_docx) -> None:
    block = read_one(
        make_docx, run("Quyết định số ", "<w:b/>") + run("176") + run(" của Thủ tướng", "<w:b/>")
    )
    assert block.text == "Quyết định số <g1>176</g1> của Thủ tướng"
    assert block.codes["1"]["properties"] == ["not_bold"]
    assert "<w:b/>" in block.base_rpr


def test_hyperlink_is_a_paired_code_with_its_url(make_docx) -> None:
    block = read_one(
        make_docx,
        run("Xem ")
        + '<w:hyperlink r:id="rL">'
        + run("cổng thông tin", '<w:rStyle w:val="Hyperlink"/>')
        + run(" Chính phủ", '<w:rStyle w:val="Hyperlink"/><w:b/>')
        + "</w:hyperlink>"
        + run(" để biết thêm."),
        external_rels=[("rL", "https://chinhphu.vn")],
    )
    assert block.text == "Xem <g1>cổng thông tin<g2> Chính phủ</g2></g1> để biết thêm."
    assert block.codes["1"]["kind"] == "hyperlink"
    assert block.codes["1"]["url"] == "https://chinhphu.vn"
    assert "Hyperlink" in block.codes["1"]["rpr"]
    assert block.codes["2"]["kind"] == "bold"


def test_line_breaks_and_tabs_are_standalone_codes_inside_their_formatting(make_docx) -> None:
    block = read_one(
        make_docx,
        "<w:r><w:t>Kính gửi:</w:t><w:tab/><w:t>Bộ Ngoại giao</w:t><w:br/></w:r>"
        "<w:r><w:rPr><w:b/></w:rPr><w:t>Hà Nội</w:t><w:br/><w:t>Việt Nam</w:t></w:r>",
    )
    assert block.text == "Kính gửi:<x1/>Bộ Ngoại giao<x2/><g3>Hà Nội<x4/>Việt Nam</g3>"
    assert [block.codes[k]["kind"] for k in ("1", "2", "4")] == ["tab", "line_break", "line_break"]


def test_fields_and_images_are_protected_standalone_codes(make_docx) -> None:
    block = read_one(
        make_docx,
        run("Trang ")
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        + '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + "<w:r><w:t>4</w:t></w:r>"
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + run(" có hình ")
        + "<w:r><w:drawing><wp:inline><a:graphic/></wp:inline></w:drawing></w:r>"
        + run(" minh họa."),
    )
    assert block.text == "Trang <x1/> có hình <x2/> minh họa."
    field = block.codes["1"]
    assert (field["kind"], field["instruction"], field["result"]) == ("field", "PAGE", "4")
    assert field["xml"].count("<w:fldChar") == 3
    assert block.codes["2"]["kind"] == "image"
    assert "<w:drawing>" in block.codes["2"]["xml"]


def test_table_of_contents_field_spanning_paragraphs_is_not_translated(make_docx) -> None:
    toc_entry = (
        '<w:p><w:hyperlink w:anchor="_Toc1"><w:r><w:t>Chương 1. Tổng quan</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGEREF _Toc1 '
        '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3'
        '</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink></w:p>'
    )
    body = (
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>TOC \\o "1-3"'
        '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r></w:p>'
        + toc_entry
        + '<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        + "<w:p><w:r><w:t>Chương 1. Tổng quan</w:t></w:r></w:p>"
    )
    document = read_source(make_docx(body), "a.docx")
    assert [(b.ref, b.text) for b in document.blocks] == [
        ("word/document.xml#p3", "Chương 1. Tổng quan")
    ]


def test_tracked_deletions_are_left_out_with_a_warning(make_docx) -> None:
    body = (
        "<w:p>"
        + run("Kế hoạch ")
        + '<w:del w:id="1" w:author="A"><w:r><w:delText>cũ </w:delText></w:r></w:del>'
        + '<w:ins w:id="2" w:author="A">'
        + run("mới")
        + "</w:ins></w:p>"
    )
    document = read_source(make_docx(body), "a.docx")
    assert document.blocks[0].text == "Kế hoạch mới"
    assert any("tracked changes" in warning for warning in document.warnings)


def test_unclosed_field_is_reported(make_docx) -> None:
    body = (
        "<w:p>"
        + run("Trước trường")
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        + "</w:p><w:p>"
        + run("Sau trường")
        + "</w:p>"
    )
    document = read_source(make_docx(body), "a.docx")
    assert [b.text for b in document.blocks] == ["Trước trường<x1/>"]
    assert document.blocks[0].codes["1"]["continues"] is True
    assert any("never closed" in warning for warning in document.warnings)
