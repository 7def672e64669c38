"""DOCX reading: every story of the document, with refs, kinds, styles and notes."""

from __future__ import annotations

import io
import json
import zipfile

import docx
from lxml import etree

from primitives.inline import pairing_problems, plain
from workflow.intake import read_source

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def p(text: str, ppr: str = "") -> str:
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def by_ref(document) -> dict[str, object]:
    return {block.ref: block for block in document.blocks}


def test_python_docx_document_gives_body_table_and_header_blocks_in_order() -> None:
    source = docx.Document()
    source.add_heading("Báo cáo tổng kết năm 2024", 1)
    source.add_paragraph("Năm 2024, Bộ Tài chính đã hoàn thành kế hoạch.")
    source.add_paragraph("12")
    source.add_paragraph("")
    table = source.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Chỉ tiêu"
    table.cell(0, 1).text = "Kết quả"
    source.sections[0].header.paragraphs[0].text = "Bộ Tài chính"
    source.sections[0].footer.paragraphs[0].text = "Lưu hành nội bộ"
    buffer = io.BytesIO()
    source.save(buffer)

    document = read_source(buffer.getvalue(), "report.docx")

    assert document.format == "docx"
    assert [(b.kind, b.text) for b in document.blocks] == [
        ("heading", "Báo cáo tổng kết năm 2024"),
        ("paragraph", "Năm 2024, Bộ Tài chính đã hoàn thành kế hoạch."),
        ("table_cell", "Chỉ tiêu"),
        ("table_cell", "Kết quả"),
        ("header", "Bộ Tài chính"),
        ("footer", "Lưu hành nội bộ"),
    ]
    assert document.blocks[0].style == "heading 1"  # Word's built-in style name


def test_refs_index_every_paragraph_of_the_part_in_document_order(make_docx) -> None:
    body = (
        p("Mở đầu")
        + p("")
        + "<w:tbl><w:tr><w:tc>"
        + p("Ô ngoài")
        + "<w:tbl><w:tr><w:tc>"
        + p("Ô lồng nhau")
        + "</w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>"
        + p("Kết luận")
    )
    data = make_docx(body)
    document = read_source(data, "a.docx")
    refs = by_ref(document)
    assert set(refs) == {
        "word/document.xml#p0",
        "word/document.xml#p2",
        "word/document.xml#p3",
        "word/document.xml#p4",
    }
    assert refs["word/document.xml#p3"].text == "Ô lồng nhau"
    assert refs["word/document.xml#p3"].kind == "table_cell"
    # The exporter finds the same paragraph with root.iter(w:p).
    root = etree.fromstring(_document_xml(data))
    paragraphs = list(root.iter(f"{{{W_NS}}}p"))
    assert "".join(paragraphs[3].itertext()) == "Ô lồng nhau"


def _document_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml")


def test_headers_footers_of_every_section_and_variant_are_read(make_docx, make_part) -> None:
    body = (
        p("Phần một") + '<w:p><w:pPr><w:sectPr><w:headerReference w:type="first" r:id="rH1"/>'
        '<w:headerReference w:type="default" r:id="rH2"/></w:sectPr></w:pPr></w:p>'
        + p("Phần hai")
        + '<w:sectPr><w:headerReference w:type="even" r:id="rH3"/>'
        '<w:footerReference w:type="default" r:id="rF1"/></w:sectPr>'
    )
    parts = {
        "word/header1.xml": make_part("hdr", p("Trang đầu tiên")),
        "word/header2.xml": make_part("hdr", p("Đầu trang lẻ")),
        "word/header3.xml": make_part("hdr", p("Đầu trang chẵn")),
        "word/footer1.xml": make_part("ftr", p("Chân trang")),
    }
    rels = [
        ("rH1", "header", "header1.xml"),
        ("rH2", "header", "header2.xml"),
        ("rH3", "header", "header3.xml"),
        ("rF1", "footer", "footer1.xml"),
    ]
    document = read_source(make_docx(body, parts=parts, rels=rels), "a.docx")
    tail = [(b.ref, b.kind, b.text) for b in document.blocks[2:]]
    assert tail == [
        ("word/header1.xml#p0", "header", "Trang đầu tiên"),
        ("word/header2.xml#p0", "header", "Đầu trang lẻ"),
        ("word/header3.xml#p0", "header", "Đầu trang chẵn"),
        ("word/footer1.xml#p0", "footer", "Chân trang"),
    ]


def test_section_reference_to_a_part_that_is_not_a_header_is_ignored(make_docx, make_part) -> None:
    # r:id names the styles relationship: a damaged file, read without a KeyError.
    body = (
        p("Thân văn bản") + '<w:sectPr><w:headerReference w:type="default" r:id="rIdStyles"/>'
        '<w:footerReference w:type="default" r:id="rF1"/></w:sectPr>'
    )
    parts = {"word/footer1.xml": make_part("ftr", p("Chân trang"))}
    document = read_source(
        make_docx(body, parts=parts, rels=[("rF1", "footer", "footer1.xml")]), "a.docx"
    )
    assert [(b.ref, b.kind) for b in document.blocks] == [
        ("word/document.xml#p0", "paragraph"),
        ("word/footer1.xml#p0", "footer"),
    ]


def test_footnotes_endnotes_skip_separators_and_keep_reference_codes(make_docx, make_part) -> None:
    body = (
        "<w:p><w:r><w:t>Theo Nghị quyết</w:t></w:r>"
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        '<w:footnoteReference w:id="1"/></w:r><w:r><w:t xml:space="preserve"> năm 2022.</w:t>'
        "</w:r></w:p>"
    )
    footnotes = make_part(
        "footnotes",
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        '</w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
        '<w:r><w:t xml:space="preserve"> Nghị quyết số 03-NQ/TU.</w:t></w:r></w:p></w:footnote>',
    )
    endnotes = make_part(
        "endnotes", f'<w:endnote w:id="1">{p("Nguồn: Tổng cục Thống kê.")}</w:endnote>'
    )
    document = read_source(
        make_docx(
            body,
            parts={"word/footnotes.xml": footnotes, "word/endnotes.xml": endnotes},
            rels=[("rFn", "footnotes", "footnotes.xml"), ("rEn", "endnotes", "endnotes.xml")],
        ),
        "a.docx",
    )
    first, note, endnote = document.blocks
    assert first.text == "Theo Nghị quyết<x1/> năm 2022."
    assert first.codes["1"]["kind"] == "footnote_ref"
    assert first.codes["1"]["note_id"] == "1"
    assert note.kind == "footnote" and note.ref == "word/footnotes.xml#p1"
    assert note.text == "<x1/> Nghị quyết số 03-NQ/TU."
    assert note.codes["1"]["kind"] == "footnote_mark"
    assert (endnote.kind, endnote.text) == ("endnote", "Nguồn: Tổng cục Thống kê.")


def test_text_box_is_read_once_and_its_anchor_is_a_code(make_docx) -> None:
    textbox = p("Hộp văn bản")
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Xem hình </w:t></w:r><w:r><mc:AlternateContent>'
        f'<mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>{textbox}'
        "</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:textbox><w:txbxContent>{textbox}</w:txbxContent>"
        "</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    document = read_source(make_docx(body), "a.docx")
    texts = [(b.kind, b.text) for b in document.blocks]
    assert texts == [("textbox", "Hộp văn bản"), ("paragraph", "Xem hình <x1/>")]
    assert document.blocks[0].ref == "word/document.xml#p1"
    assert document.blocks[1].codes["1"]["kind"] == "textbox"


def test_comments_become_notes_and_list_numbering_stays_out(make_docx, make_part) -> None:
    body = (
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr>'
        '<w:commentRangeStart w:id="7"/><w:r><w:t>Tăng trưởng 6,5%</w:t></w:r>'
        '<w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r></w:p>'
    )
    comments = make_part(
        "comments",
        '<w:comment w:id="7" w:author="Lan"><w:p><w:r><w:t>Kiểm tra số liệu</w:t></w:r>'
        "</w:p></w:comment>",
    )
    document = read_source(
        make_docx(
            body,
            parts={"word/comments.xml": comments},
            rels=[("rC", "comments", "comments.xml")],
        ),
        "a.docx",
    )
    (block,) = document.blocks
    assert block.kind == "list_item"
    assert block.text == "Tăng trưởng 6,5%"
    assert block.notes == ("Lan: Kiểm tra số liệu",)


def test_number_only_empty_and_code_only_paragraphs_are_not_blocks(make_docx) -> None:
    body = (
        p("2024")
        + p("1.2.3 — 45%")
        + "<w:p/>"
        + '<w:p><w:r><w:tab/></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>3</w:t></w:r>'
        "</w:fldSimple></w:p>" + p("Điều 5")
    )
    document = read_source(make_docx(body), "a.docx")
    assert [b.text for b in document.blocks] == ["Điều 5"]
    assert document.blocks[0].ref == "word/document.xml#p4"


def test_tcvn3_text_is_repaired_using_the_style_font(make_docx) -> None:
    body = (
        '<w:p><w:pPr><w:pStyle w:val="VnBody"/></w:pPr>'
        "<w:r><w:t>Céng hoµ x· héi chñ nghÜa ViÖt Nam</w:t></w:r></w:p>"
    )
    document = read_source(make_docx(body), "a.docx")
    assert document.blocks[0].text == "Cộng hoà xã hội chủ nghĩa Việt Nam"
    assert any("TCVN" in line or "tcvn" in line.lower() for line in document.repair_lines)


def test_all_blocks_have_paired_codes_and_json_able_fields(make_docx) -> None:
    body = (
        '<w:p><w:hyperlink r:id="rL"><w:r><w:rPr><w:b/></w:rPr><w:t>Cổng</w:t></w:r>'
        '<w:r><w:t xml:space="preserve"> thông tin</w:t></w:r></w:hyperlink></w:p>'
    )
    document = read_source(make_docx(body, external_rels=[("rL", "https://mof.gov.vn")]), "a.docx")
    for block in document.blocks:
        assert pairing_problems(block.text) == []
        json.dumps([block.ref, block.kind, block.text, block.codes, block.notes, block.style])
    assert plain(document.blocks[0].text) == "Cổng thông tin"
