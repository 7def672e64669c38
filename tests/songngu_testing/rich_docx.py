"""A Vietnamese report DOCX with every story and object Word writes, built with python-docx
and lxml the way Word lays them out, and English translations of its segments.

``rich_report()`` holds: a heading; body text whose bold and italic words Word split into
several runs; a hyperlink; a comment; footnote and endnote references; a line break and a
tab; a nested table; a text box in ``mc:AlternateContent`` (DrawingML Choice and VML
Fallback, each with the same paragraphs); an inline image; two sections whose headers
and footers (the second with a first-page header) carry a PAGE field; footnotes and
endnotes parts. ``ENGLISH`` maps each segment's tagged source to its tagged English, with
the codes on the right English words.
"""

from __future__ import annotations

import io
import struct
import zlib

import docx
from docx.enum.section import WD_SECTION
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Inches

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    f'xmlns:w="{W_NS}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
LINK_URL = "https://mof.gov.vn/bao-cao"
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
ENDNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"

# Tagged source → tagged English, for every segment of rich_report(), as a translator
# would write them (codes kept on the words they belong to).
ENGLISH: dict[str, str] = {
    "Báo cáo tổng kết năm 2024": "Annual summary report 2024",
    "Doanh thu <g1>tăng mạnh</g1> trong năm <g2>2024</g2>.": (
        "Revenue <g1>rose sharply</g1> in <g2>2024</g2>."
    ),
    "Thủ đô <g1>Hà Nội</g1> đạt kết quả tốt.": "The capital <g1>Hanoi</g1> did well.",
    "Kế hoạch năm sau đã được duyệt.": "Next year's plan was approved.",
    "Xem trang <g1>Bộ Tài chính</g1> để biết thêm.": (
        "See the <g1>Ministry of Finance</g1> page for more."
    ),
    "Số liệu đã được kiểm toán.<x1/>": "The figures were audited.<x1/>",
    "Nguồn: Tổng cục Thống kê.<x1/>": "Source: General Statistics Office.<x1/>",
    "Dòng một<x1/>dòng hai<x2/>cột ba.": "Line one<x1/>line two<x2/>column three.",
    "Ý kiến của kiểm toán viên.": "The auditor's opinion.",
    "Chỉ tiêu": "Indicator",
    "Kết quả": "Result",
    "Bảng con": "Inner table",
    "Giá trị lồng": "Nested value",
    "Hộp văn bản:<x1/>": "Text box:<x1/>",
    "Nội dung trong hộp văn bản.": "Text inside the text box.",
    "Biểu đồ<x1/> doanh thu.": "Revenue<x1/> chart.",
    "Phần hai bắt đầu ở đây.": "Part two starts here.",
    "Bộ Tài chính": "Ministry of Finance",
    "Trang <x1/>": "Page <x1/>",
    "Trang đầu phần hai": "First page of part two",
    "Đầu trang phần hai": "Header of part two",
    "Chân trang phần hai <x1/>": "Footer of part two <x1/>",
    "<x1/> Chú thích về số liệu.": "<x1/> A note on the figures.",
    "<x1/> Ghi chú cuối về nguồn.": "<x1/> An endnote on sources.",
}
# Words of the source no English text may keep (checked in converted text).
VIETNAMESE_WORDS = ("Doanh thu", "Hộp văn bản", "Nội dung", "Bộ Tài chính", "Chú thích", "Trang")


def png_bytes() -> bytes:
    """A 1×1 PNG, built here so the tests need no image file."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _run(paragraph, text: str, *, bold: bool = False, italic: bool = False):
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    return run


def _note_part(kind: str, notes: list[tuple[int, str]]) -> bytes:
    """footnotes.xml / endnotes.xml with Word's two separators and the notes given."""
    tag = "footnote" if kind == "footnotes" else "endnote"
    ref = "footnoteRef" if kind == "footnotes" else "endnoteRef"
    style = "FootnoteText" if kind == "footnotes" else "EndnoteText"
    separators = (
        f'<w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>'
        f'<w:{tag} w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        f"<w:continuationSeparator/></w:r></w:p></w:{tag}>"
    )
    body = "".join(
        f'<w:{tag} w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
        f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{ref}/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:{tag}>'
        for note_id, text in notes
    )
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind} {NS}>{separators}{body}</w:{kind}>'.encode()


def _note_reference(paragraph, kind: str, note_id: int) -> None:
    run = paragraph.add_run()
    rpr = run._r.get_or_add_rPr()
    rpr.append(parse_xml(f'<w:vertAlign {NS} w:val="superscript"/>'))
    tag = "footnoteReference" if kind == "footnotes" else "endnoteReference"
    run._r.append(parse_xml(f'<w:{tag} {NS} w:id="{note_id}"/>'))


def _page_field(paragraph) -> None:
    """A complex PAGE field, as Word writes one: begin, instruction, separate, result, end."""
    for inner in (
        '<w:fldChar w:fldCharType="begin"/>',
        '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
        "<w:t>1</w:t>",
        '<w:fldChar w:fldCharType="end"/>',
    ):
        paragraph._p.append(parse_xml(f"<w:r {NS}>{inner}</w:r>"))


def _hyperlink(paragraph, text: str) -> None:
    rel_id = paragraph.part.relate_to(LINK_URL, RT.HYPERLINK, is_external=True)
    paragraph._p.append(
        parse_xml(
            f'<w:hyperlink {NS} r:id="{rel_id}" w:history="1"><w:r><w:rPr>'
            f'<w:rStyle w:val="Hyperlink"/><w:color w:val="0563C1"/><w:u w:val="single"/>'
            f"</w:rPr><w:t>{text}</w:t></w:r></w:hyperlink>"
        )
    )


def _text_box(paragraph, text: str) -> None:
    """A text box as Word 2010+ writes it: DrawingML Choice, VML Fallback, same paragraph."""
    box = (
        "<w:txbxContent><w:p><w:r><w:rPr><w:i/></w:rPr>"
        f"<w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
    )
    paragraph._p.append(
        parse_xml(
            f'<w:r {NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
            'relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
            '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0'
            '</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph">'
            '<wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="1828800" cy="457200"/>'
            '<wp:wrapSquare wrapText="bothSides"/><wp:docPr id="10" name="Text Box 10"/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
            'wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm>'
            '<a:off x="0" y="0"/><a:ext cx="1828800" cy="457200"/></a:xfrm><a:prstGeom '
            'prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
            f"<wps:txbx>{box}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>"
            "</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>"
            '<v:shape id="TextBox10" type="#_x0000_t202" style="width:144pt;height:36pt">'
            f"<v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
            "</mc:AlternateContent></w:r>"
        )
    )


def _add_part(document, name: str, content_type: str, blob: bytes, reltype: str) -> None:
    part = Part(PackURI(name), content_type, blob, document.part.package)
    document.part.relate_to(part, reltype)


def rich_report() -> bytes:
    """The report described in the module docstring, as DOCX bytes."""
    document = docx.Document()
    document.add_heading("Báo cáo tổng kết năm 2024", 1)

    revenue = document.add_paragraph()
    _run(revenue, "Doanh thu ")
    _run(revenue, "tăng ", bold=True)  # Word splits a bold stretch at an edit: two runs
    _run(revenue, "mạnh", bold=True)
    _run(revenue, " trong năm ")
    _run(revenue, "20", italic=True)
    _run(revenue, "24", italic=True)
    _run(revenue, ".")

    capital = document.add_paragraph()
    _run(capital, "Thủ đô ")
    _run(capital, "Hà ", bold=True)
    _run(capital, "Nội", bold=True)
    _run(capital, " đạt kết quả tốt. Kế hoạch năm sau đã được duyệt.")

    link = document.add_paragraph()
    _run(link, "Xem trang ")
    _hyperlink(link, "Bộ Tài chính")
    _run(link, " để biết thêm.")

    audited = document.add_paragraph()
    _run(audited, "Số liệu đã được kiểm toán.")
    _note_reference(audited, "footnotes", 1)

    source = document.add_paragraph()
    _run(source, "Nguồn: Tổng cục Thống kê.")
    _note_reference(source, "endnotes", 1)

    lines = document.add_paragraph()
    run = _run(lines, "Dòng một")
    run.add_break()
    run.add_text("dòng hai")
    run.add_tab()
    run.add_text("cột ba.")

    opinion = document.add_paragraph()
    commented = _run(opinion, "Ý kiến của kiểm toán viên.")
    document.add_comment(commented, text="Cần xác nhận lại", author="Lan", initials="L")

    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Chỉ tiêu"
    table.cell(0, 1).text = "Kết quả"
    inner = table.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "Bảng con"
    inner.cell(0, 1).text = "Giá trị lồng"

    boxed = document.add_paragraph()
    _run(boxed, "Hộp văn bản:")
    _text_box(boxed, "Nội dung trong hộp văn bản.")

    chart = document.add_paragraph()
    _run(chart, "Biểu đồ")
    chart.add_run().add_picture(io.BytesIO(png_bytes()), width=Inches(0.5))
    _run(chart, " doanh thu.")

    first = document.sections[0]
    first.header.paragraphs[0].text = "Bộ Tài chính"
    page = first.footer.paragraphs[0]
    page.add_run("Trang ")
    _page_field(page)

    second = document.add_section(WD_SECTION.NEW_PAGE)
    document.add_paragraph("Phần hai bắt đầu ở đây.")
    second.header.is_linked_to_previous = False
    second.footer.is_linked_to_previous = False
    second.different_first_page_header_footer = True
    second.first_page_header.paragraphs[0].text = "Trang đầu phần hai"
    second.header.paragraphs[0].text = "Đầu trang phần hai"
    footer = second.footer.paragraphs[0]
    footer.add_run("Chân trang phần hai ")
    _page_field(footer)

    _add_part(
        document,
        "/word/footnotes.xml",
        FOOTNOTES_TYPE,
        _note_part("footnotes", [(1, "Chú thích về số liệu.")]),
        RT.FOOTNOTES,
    )
    _add_part(
        document,
        "/word/endnotes.xml",
        ENDNOTES_TYPE,
        _note_part("endnotes", [(1, "Ghi chú cuối về nguồn.")]),
        RT.ENDNOTES,
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
