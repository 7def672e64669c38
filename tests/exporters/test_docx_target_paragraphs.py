"""Target DOCX, one paragraph shape at a time: what Word puts in a paragraph besides runs
(bookmarks, comment ranges in mid-sentence, tracked changes, fields that span paragraphs,
simple fields, links with formatting inside), a bold paragraph's base formatting, and
several sentences of one paragraph with different states."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree
from songngu_testing.docx_builder import docx_bytes

from exporters.docx_target import TargetOptions, write_target_docx
from primitives.block_ref import BlockRef
from primitives.statuses import Status
from primitives.units import Store, Unit
from workflow.intake import read_source
from workflow.segment_drafts import segment_blocks
from workflow.vietnamese.segmenter import SegmentationRules

# Pure code: SQLite half only (tests/conftest.py).
pytestmark = pytest.mark.database_free

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def run(text: str, rpr: str = "") -> str:
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def translated(
    body: str,
    english: dict[str, str],
    *,
    external_rels: list[tuple[str, str]] | None = None,
    waiting: set[str] | frozenset[str] = frozenset(),
    **options: object,
) -> tuple[bytes, list[Unit]]:
    """The target DOCX of a document whose body is given, and its units; the sources in
    waiting are only translated, the rest approved."""
    original = docx_bytes(body, external_rels=external_rels)
    blocks = read_source(original, "a.docx").blocks
    units = [
        Unit(
            draft.source,
            english[draft.source],
            id=number,
            codes=draft.codes,
            ref=BlockRef.parse(draft.ref),
            status=Status.TRANSLATED if draft.source in waiting else Status.APPROVED,
        )
        for number, draft in enumerate(segment_blocks(blocks, SegmentationRules.default()), 1)
    ]
    store = Store(units, original=original, metadata={"title": "a", "source": "a.docx"})
    return write_target_docx(store, TargetOptions(**options)).data, units  # type: ignore[arg-type]


def body_of(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")


def shape(paragraph: etree._Element) -> list[str]:
    """The paragraph's children: element names, with a run's text after a colon."""
    names = []
    for child in paragraph:
        name = etree.QName(child).localname
        if name == "r":
            text = "".join(t.text or "" for t in child.iter(f"{W}t"))
            inner = [etree.QName(c).localname for c in child if c.tag != f"{W}rPr"]
            name = f"r:{text}" if text else f"r[{','.join(inner)}]"
        names.append(name)
    return names


def test_bookmarks_and_a_comment_range_inside_the_sentence_cover_the_whole_paragraph() -> None:
    body = (
        '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'
        '<w:bookmarkStart w:id="7" w:name="_Toc1"/>'
        + run("Kết quả ")
        + '<w:commentRangeStart w:id="3"/>'
        + run("nổi bật")
        + '<w:commentRangeEnd w:id="3"/>'
        + '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
        '<w:commentReference w:id="3"/></w:r>'
        + run(" của năm")
        + '<w:proofErr w:type="spellStart"/><w:bookmarkEnd w:id="7"/></w:p>'
    )
    data, _ = translated(body, {"Kết quả nổi bật của năm": "The year's highlights"})
    (paragraph,) = body_of(data).iter(f"{W}p")
    assert shape(paragraph) == [
        "pPr",
        "bookmarkStart",
        "commentRangeStart",
        "r:The year's highlights",
        "commentRangeEnd",
        "r[commentReference]",
        "bookmarkEnd",
    ]


def test_a_bold_paragraph_keeps_bold_as_its_base_and_the_normal_word_normal() -> None:
    body = (
        "<w:p>"
        + run("Quyết định số ", "<w:b/>")
        + run("176")
        + run(" của Thủ tướng", "<w:b/>")
        + "</w:p>"
    )
    data, _ = translated(
        body,
        {"Quyết định số <g1>176</g1> của Thủ tướng": "The Prime Minister's Decision <g1>176</g1>"},
    )
    runs = list(body_of(data).iter(f"{W}r"))
    assert [
        ("".join(t.text for t in r.iter(f"{W}t")), r.find(f"{W}rPr/{W}b") is not None) for r in runs
    ] == [("The Prime Minister's Decision ", True), ("176", False)]


def test_formatting_inside_a_hyperlink_stays_inside_it() -> None:
    body = (
        "<w:p>"
        + run("Xem ")
        + '<w:hyperlink r:id="rL" w:tooltip="Cổng">'
        + run("cổng thông tin", '<w:rStyle w:val="Hyperlink"/>')
        + run(" Chính phủ", '<w:rStyle w:val="Hyperlink"/><w:b/>')
        + "</w:hyperlink>"
        + run(" để biết thêm.")
        + "</w:p>"
    )
    data, _ = translated(
        body,
        {
            "Xem <g1>cổng thông tin<g2> Chính phủ</g2></g1> để biết thêm.": (
                "See the <g1><g2>Government</g2> portal</g1> for more."
            )
        },
        external_rels=[("rL", "https://chinhphu.vn")],
    )
    (link,) = body_of(data).iter(f"{W}hyperlink")
    assert (
        link.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id") == "rL"
    )
    assert link.get(f"{W}tooltip") == "Cổng"
    runs = [
        ("".join(t.text for t in r.iter(f"{W}t")), r.find(f"{W}rPr/{W}b") is not None)
        for r in link.iter(f"{W}r")
    ]
    assert runs == [("Government", True), (" portal", False)]
    assert all(
        r.find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "Hyperlink" for r in link.iter(f"{W}r")
    )


def test_tracked_changes_are_written_accepted() -> None:
    body = (
        "<w:p>"
        + run("Kế hoạch ")
        + '<w:del w:id="1" w:author="A"><w:r><w:delText>cũ </w:delText></w:r></w:del>'
        + '<w:ins w:id="2" w:author="A">'
        + run("mới")
        + "</w:ins></w:p>"
    )
    data, _ = translated(body, {"Kế hoạch mới": "The new plan"})
    (paragraph,) = body_of(data).iter(f"{W}p")
    assert shape(paragraph) == ["r:The new plan"]


def test_a_field_that_runs_on_into_the_next_paragraph_keeps_its_begin_and_end() -> None:
    body = (
        "<w:p>"
        + run("Xem mục lục")
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        + '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r></w:p>'
        + "<w:p>"
        + run("Chương 1 ........ 3")
        + "</w:p>"
        + '<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + run("Hết mục lục.")
        + "</w:p>"
    )
    data, units = translated(
        body,
        {"Xem mục lục<x1/>": "See the contents<x1/>", "<x1/>Hết mục lục.": "<x1/>End of contents."},
    )
    assert [u.ref.block for u in units] == ["word/document.xml#p0", "word/document.xml#p2"]
    paragraphs = list(body_of(data).iter(f"{W}p"))
    assert shape(paragraphs[0]) == [
        "r:See the contents",
        "r[fldChar]",
        "r[instrText]",
        "r[fldChar]",
    ]
    assert shape(paragraphs[1]) == ["r:Chương 1 ........ 3"]  # a field's result: untouched
    assert shape(paragraphs[2]) == ["r[fldChar]", "r:End of contents."]
    kinds = [f.get(f"{W}fldCharType") for f in body_of(data).iter(f"{W}fldChar")]
    assert kinds == ["begin", "separate", "end"]


def test_a_simple_field_and_a_symbol_are_kept_where_the_english_puts_them() -> None:
    body = (
        "<w:p>"
        + run("Ngày ")
        + '<w:fldSimple w:instr=" DATE "><w:r><w:t>1/1/2024</w:t></w:r></w:fldSimple>'
        + run(" ký")
        + '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>'
        + "</w:p>"
    )
    data, _ = translated(body, {"Ngày <x1/> ký<x2/>": "Signed<x2/> on <x1/>"})
    (paragraph,) = body_of(data).iter(f"{W}p")
    assert shape(paragraph) == ["r:Signed", "r[sym]", "r: on ", "fldSimple"]
    symbol = paragraph.find(f".//{W}sym")
    assert (symbol.get(f"{W}font"), symbol.get(f"{W}char")) == ("Wingdings", "F0FC")


def test_sentences_of_one_paragraph_join_with_their_spaces_and_only_the_pending_one_is_marked() -> (
    None
):
    body = "<w:p>" + run("Câu một đã duyệt.  Câu hai đang chờ. Câu ba đã duyệt.") + "</w:p>"
    english = {
        "Câu một đã duyệt.": "Sentence one approved.",
        "Câu hai đang chờ.": "Sentence two waiting.",
        "Câu ba đã duyệt.": "Sentence three approved.",
    }
    data, units = translated(body, english, waiting={"Câu hai đang chờ."}, pending="mark")
    (paragraph,) = body_of(data).iter(f"{W}p")
    runs = [
        ("".join(t.text for t in r.iter(f"{W}t")), r.find(f"{W}rPr/{W}highlight") is not None)
        for r in paragraph.iter(f"{W}r")
    ]
    assert [u.ref.space_after for u in units] == ["  ", " ", ""]
    assert runs == [
        ("Sentence one approved.  ", False),
        ("Sentence two waiting.", True),
        (" Sentence three approved.", False),
    ]


def test_codes_the_paragraph_does_not_hold_are_written_from_their_xml_or_reported() -> None:
    original = docx_bytes("<w:p>" + run("Trang một") + "</w:p>")
    (block,) = read_source(original, "a.docx").blocks
    field = (
        '<w:fldSimple xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        ' w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    )
    unit = Unit(
        "Trang một",
        "Page <x9/> of <g8>one</g8><x7/> </g6>",
        id=5,
        codes={"9": {"type": "standalone", "kind": "field", "xml": field}},
        ref=BlockRef(block.ref, block.kind, 0, 9, ""),
        status=Status.APPROVED,
    )
    result = write_target_docx(Store([unit], original=original))
    (paragraph,) = body_of(result.data).iter(f"{W}p")
    assert shape(paragraph) == ["r:Page ", "fldSimple", "r: of one "]
    assert paragraph.find(f"{W}fldSimple").get(f"{W}instr") == " PAGE "
    assert result.report.warnings == [
        "segment 5: <g8> stands for nothing in the source; its words are written without it",
        "segment 5: <x7/> stands for nothing in the source; left out",
        "segment 5: </g6> has no partner; its formatting was not applied",
    ]


def test_a_positional_tab_keeps_its_alignment() -> None:
    body = (
        "<w:p>"
        + run("Báo cáo năm")
        + '<w:r><w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/></w:r>'
        + run("Bộ Tài chính")
        + "</w:p>"
    )
    data, _ = translated(body, {"Báo cáo năm<x1/>Bộ Tài chính": "Annual report<x1/>Ministry"})
    (paragraph,) = body_of(data).iter(f"{W}p")
    assert shape(paragraph) == ["r:Annual report", "r[ptab]", "r:Ministry"]
    assert paragraph.find(f".//{W}ptab").get(f"{W}alignment") == "right"
