"""Target DOCX: a rich Vietnamese report in, English targets filled, the rebuilt file read
back by the intake, by python-docx and by its XML: every story, structure, formatting on
the right words, objects, languages, pending segments, forbidden characters, the count
check, and the format contract."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import docx
import pytest
from contract import SPECIAL_TEXTS, BilingualContract, one_line_error
from lxml import etree
from songngu_testing.docx_builder import docx_bytes
from songngu_testing.rich_docx import ENGLISH, LINK_URL, rich_report

from exporters.docx import rebuild
from exporters.docx_target import (
    DocxTargetFormat,
    TargetDocx,
    TargetOptions,
    write_target_docx,
)
from exporters.registry import get_format
from primitives.block_ref import BlockRef
from primitives.errors import InvalidInput
from primitives.statuses import Status
from primitives.units import Store, Unit
from workflow.intake import SourceDocument, read_source
from workflow.segment_drafts import segment_blocks
from workflow.vietnamese.segmenter import SegmentationRules

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
NS = {"w": W_NS, "mc": MC[1:-1]}
STORY_PARTS = (
    "word/document.xml",
    "word/header1.xml",
    "word/header2.xml",
    "word/header3.xml",
    "word/footer1.xml",
    "word/footer2.xml",
    "word/footnotes.xml",
    "word/endnotes.xml",
)


@pytest.fixture(scope="module")
def report() -> bytes:
    return rich_report()


def units_of(
    data: bytes,
    english: dict[str, str] | None = None,
    status: Status = Status.APPROVED,
) -> list[Unit]:
    """The segments an import of data gives, with their English targets filled."""
    english = ENGLISH if english is None else english
    source = read_source(data, "bao-cao.docx")
    drafts = segment_blocks(source.blocks, SegmentationRules.default())
    return [
        Unit(
            draft.source,
            english.get(draft.source, ""),
            id=number,
            codes=draft.codes,
            ref=BlockRef.parse(draft.ref),
            status=status,
        )
        for number, draft in enumerate(drafts, start=1)
    ]


def store_of(data: bytes, units: list[Unit]) -> Store:
    return Store(
        units,
        metadata={"title": "Báo cáo", "source": "bao-cao.docx"},
        props={"format": "docx"},
        original=data,
    )


def export(data: bytes, units: list[Unit] | None = None, **options: Any) -> TargetDocx:
    units = units_of(data) if units is None else units
    return write_target_docx(store_of(data, units), TargetOptions(**options))


def read_back(data: bytes) -> SourceDocument:
    return read_source(data, "target.docx")


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def texts(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def text_with_tabs(element: etree._Element) -> str:
    return "".join(
        "\t" if node.tag == f"{W}tab" else node.text or ""
        for node in element.iter(f"{W}t", f"{W}tab")
    )


# --- the contract ------------------------------------------------------------------------


class TestDocxTargetContract(BilingualContract):
    format_name = "docx"
    is_xml = False

    def test_writing_an_empty_store_gives_a_readable_file(self) -> None:
        # A target DOCX is rebuilt from its original: without one there is nothing to write.
        error = one_line_error(self.fmt.write, Store())
        assert error.code == "docx_target.no_original"
        original = docx_bytes("<w:p><w:r><w:t>Một câu.</w:t></w:r></w:p>")
        data = self.fmt.write(Store(original=original))
        assert [b.text for b in read_back(data).blocks] == ["Một câu."]

    def test_special_characters_come_back_exactly(self) -> None:
        body = "".join(
            f"<w:p><w:r><w:t>Câu số {n}.</w:t></w:r></w:p>" for n in range(len(SPECIAL_TEXTS))
        )
        original = docx_bytes(body)
        units = units_of(original, {f"Câu số {n}.": text for n, text in enumerate(SPECIAL_TEXTS)})
        body = part(self.fmt.write(store_of(original, units)), "word/document.xml")
        assert [text_with_tabs(p) for p in body.iter(f"{W}p")] == SPECIAL_TEXTS

    def test_registered_as_docx_and_callable_with_options(self, report: bytes) -> None:
        fmt = get_format("docx", "bilingual")
        assert isinstance(fmt, DocxTargetFormat) and fmt.can_write and not fmt.can_read
        store = store_of(report, units_of(report))
        built = fmt.build(store, TargetOptions(language="en-GB"))
        assert fmt.write(store, options=TargetOptions(language="en-GB")) == built.data


# --- every story, in English, in the same places -------------------------------------------


def test_every_story_comes_back_in_english_with_the_same_paragraphs(report: bytes) -> None:
    source = read_source(report, "bao-cao.docx")
    result = export(report)
    back = read_back(result.data)

    assert [(b.ref, b.kind, b.style) for b in back.blocks] == [
        (b.ref, b.kind, b.style) for b in source.blocks
    ]
    joined: dict[str, str] = {}
    for unit in units_of(report):
        joined[unit.ref.block] = (
            joined.get(unit.ref.block, "") + unit.target + (unit.ref.space_after or "")
        )
    assert {b.ref: b.text for b in back.blocks} == joined
    assert {count.part for count in result.report.parts} == set(STORY_PARTS)
    assert all(count.matches for count in result.report.parts)
    assert result.report.warnings == [] and result.report.pending == []


def test_tables_sections_headers_footers_and_notes_keep_their_structure(report: bytes) -> None:
    before, after = members(report), members(export(report).data)
    assert list(after) == list(before)  # same parts, same order
    old, new = part(report, "word/document.xml"), part(export(report).data, "word/document.xml")
    for path in (
        ".//w:p",
        ".//w:tbl",
        ".//w:tbl//w:tbl",
        ".//w:tr",
        ".//w:tc",
        ".//w:sectPr",
        ".//w:headerReference",
        ".//w:footerReference",
        ".//w:titlePg",
        ".//w:pStyle",
    ):
        assert len(new.findall(path, NS)) == len(old.findall(path, NS)), path
    r_id = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    for kind in ("headerReference", "footerReference"):
        assert [(r.get(f"{W}type"), r.get(r_id)) for r in new.iter(f"{W}{kind}")] == [
            (r.get(f"{W}type"), r.get(r_id)) for r in old.iter(f"{W}{kind}")
        ]
    assert "first" in [r.get(f"{W}type") for r in new.iter(f"{W}headerReference")]
    for name in ("word/footnotes.xml", "word/endnotes.xml"):
        notes = part(export(report).data, name)
        assert [n.get(f"{W}type") for n in notes] == [n.get(f"{W}type") for n in part(report, name)]
    assert texts(part(export(report).data, "word/header3.xml")) == "First page of part two"


def test_bold_italic_and_hyperlink_sit_on_the_right_english_words(report: bytes) -> None:
    document = docx.Document(io.BytesIO(export(report).data))
    paragraphs = document.paragraphs
    revenue = paragraphs[1]
    assert revenue.text == "Revenue rose sharply in 2024."
    assert [run.text for run in revenue.runs if run.bold] == ["rose sharply"]
    assert [run.text for run in revenue.runs if run.italic] == ["2024"]
    capital = paragraphs[2]
    assert [run.text for run in capital.runs if run.bold] == ["Hanoi"]
    assert capital.text == "The capital Hanoi did well. Next year's plan was approved."
    (link,) = paragraphs[3].hyperlinks
    assert (link.text, link.url) == ("Ministry of Finance", LINK_URL)
    assert paragraphs[3].text == "See the Ministry of Finance page for more."
    assert all(not run.bold for run in paragraphs[3].runs)
    cells = [cell.text for cell in document.tables[0].rows[0].cells]
    assert cells[0] == "Indicator" and cells[1].startswith("Result")
    inner = document.tables[0].rows[0].cells[1].tables[0]
    assert [cell.text for cell in inner.rows[0].cells] == ["Inner table", "Nested value"]
    sections = document.sections
    assert sections[0].header.paragraphs[0].text == "Ministry of Finance"
    assert sections[1].first_page_header.paragraphs[0].text == "First page of part two"
    assert sections[1].header.paragraphs[0].text == "Header of part two"


def test_fields_images_comments_and_note_references_are_untouched(report: bytes) -> None:
    data = export(report, language="en-GB").data
    before, after = members(report), members(data)
    rewritten = {*STORY_PARTS, "word/styles.xml", "word/settings.xml"}
    assert {name for name in before if before[name] != after[name]} == rewritten
    body = part(data, "word/document.xml")
    # The comment's range and reference still wrap the English paragraph.
    (opinion,) = [p for p in body.iter(f"{W}p") if texts(p) == "The auditor's opinion."]
    tags = [etree.QName(child).localname for child in opinion]
    assert tags[0] == "commentRangeStart" and "commentRangeEnd" in tags
    assert opinion.find(f"{W}r/{W}commentReference") is not None
    assert before["word/comments.xml"] == after["word/comments.xml"]
    # Note references, the image and both PAGE fields.
    assert body.find(f".//{W}footnoteReference").get(f"{W}id") == "1"
    assert body.find(f".//{W}endnoteReference").get(f"{W}id") == "1"
    blip = body.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}blip")
    assert blip is not None
    (chart,) = [p for p in body.iter(f"{W}p") if texts(p) == "Revenue chart."]
    assert chart.find(f".//{W}drawing") is not None
    assert texts(chart.find(f".//{W}drawing/..").getprevious()) == "Revenue"
    for footer in ("word/footer1.xml", "word/footer2.xml"):
        root = part(data, footer)
        assert [f.get(f"{W}fldCharType") for f in root.iter(f"{W}fldChar")] == [
            "begin",
            "separate",
            "end",
        ]
        assert root.find(f".//{W}instrText").text.strip() == "PAGE"
    notes = part(data, "word/footnotes.xml")
    assert notes.find(f".//{W}footnoteRef") is not None
    assert "A note on the figures." in texts(notes)


def test_the_text_box_and_its_fallback_copy_both_hold_the_english(report: bytes) -> None:
    body = part(export(report).data, "word/document.xml")
    (alternate,) = body.iter(f"{MC}AlternateContent")
    choice, fallback = alternate.find(f"{MC}Choice"), alternate.find(f"{MC}Fallback")
    for copy in (choice, fallback):
        (box,) = copy.iter(f"{W}txbxContent")
        assert texts(box) == "Text inside the text box."
        assert box.find(f".//{W}i") is not None  # its italic kept
    assert len(list(body.iter(f"{W}p"))) == len(
        list(part(report, "word/document.xml").iter(f"{W}p"))
    )


# --- languages ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en-US", "en-GB"])
def test_runs_styles_and_settings_name_the_partners_english(report: bytes, language: str) -> None:
    data = export(report, language=language).data
    body = part(data, "word/document.xml")
    rebuilt = [r for r in body.iter(f"{W}r") if r.find(f"{W}t") is not None]
    assert rebuilt and {
        r.find(f"{W}rPr/{W}lang").get(f"{W}val") for r in rebuilt if texts(r).strip()
    } == {language}
    for run in rebuilt:  # w:lang after what the schema puts before it (w:b, w:i, w:u …)
        names = [etree.QName(child).localname for child in run.find(f"{W}rPr")]
        assert names.index("lang") == len(names) - 1
    styles = part(data, "word/styles.xml")
    assert styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang").get(f"{W}val") == language
    assert all(lang.get(f"{W}val") == language for lang in styles.iter(f"{W}lang"))
    settings = part(data, "word/settings.xml")
    assert settings.find(f"{W}themeFontLang").get(f"{W}val") == language
    assert read_back(data).blocks[1].text == "Revenue <g1>rose sharply</g1> in <g2>2024</g2>."


def test_another_language_or_way_of_writing_pending_segments_is_refused(report: bytes) -> None:
    store = store_of(report, units_of(report))
    error = one_line_error(write_target_docx, store, TargetOptions(language="fr-FR"))
    assert error.code == "docx_target.language" and "en-US, en-GB" in str(error)
    error = one_line_error(write_target_docx, store, TargetOptions(pending="skip"))  # type: ignore[arg-type]
    assert error.code == "docx_target.pending_choice"
    error = one_line_error(write_target_docx, store, TargetOptions(highlight="pink"))
    assert error.code == "docx_target.highlight" and "lightGray" in str(error)


# --- pending segments --------------------------------------------------------------------


def _with_pending(report: bytes) -> list[Unit]:
    units = units_of(report)
    units[1].status = Status.TRANSLATED  # Revenue … (bold and italic)
    units[3].target = ""  # Next year's plan: untranslated, although approved
    units[3].status = Status.APPROVED
    return units


def test_segments_not_ready_are_refused_with_their_ids_by_default(report: bytes) -> None:
    store = store_of(report, _with_pending(report))
    error = one_line_error(write_target_docx, store)
    assert error.code == "docx_target.not_ready"
    assert "2 segments are not approved" in str(error) and "(ids 2, 4)" in str(error)
    assert error.params["statuses"] == "approved"
    # Ready from "translated" on: the translated one goes, the untranslated one does not.
    error = one_line_error(write_target_docx, store, TargetOptions(ready=Status.TRANSLATED))
    assert "1 segments are not translated" in str(error) and "(ids 4)" in str(error)


def test_segments_not_ready_can_keep_their_source(report: bytes) -> None:
    result = export(report, _with_pending(report), pending="source")
    blocks = read_back(result.data).blocks
    assert blocks[1].text == "Doanh thu <g1>tăng mạnh</g1> trong năm <g2>2024</g2>."
    assert blocks[2].text == (
        "The capital <g1>Hanoi</g1> did well. Kế hoạch năm sau đã được duyệt."
    )
    assert result.report.pending == [2, 4]
    assert not list(part(result.data, "word/document.xml").iter(f"{W}highlight"))


def test_segments_not_ready_can_be_marked(report: bytes) -> None:
    result = export(report, _with_pending(report), pending="mark", highlight="cyan")
    body = part(result.data, "word/document.xml")
    marked = [texts(r) for r in body.iter(f"{W}r") if r.find(f"{W}rPr/{W}highlight") is not None]
    # The translated one in English, the untranslated one in its source; nothing else.
    assert "".join(marked) == "Revenue rose sharply in 2024.Kế hoạch năm sau đã được duyệt."
    assert {h.get(f"{W}val") for h in body.iter(f"{W}highlight")} == {"cyan"}
    document = docx.Document(io.BytesIO(result.data))
    assert [r.text for r in document.paragraphs[1].runs if r.bold] == ["rose sharply"]
    assert result.report.pending == [2, 4]


# --- characters XML forbids -----------------------------------------------------------------


def test_manual_line_breaks_become_breaks_and_other_control_characters_are_dropped(
    report: bytes,
) -> None:
    units = units_of(report)
    units[0].target = "Annual summary\x0breport\x072024\x1f"
    result = export(report, units)
    heading = part(result.data, "word/document.xml").find(f".//{W}p")
    assert [etree.QName(c).localname for c in heading.find(f"{W}r")] == [
        "rPr",
        "t",
        "br",
        "t",
    ]
    assert texts(heading) == "Annual summaryreport2024"
    assert result.report.line_breaks == 1
    assert [(d.segment_id, d.codepoint) for d in result.report.dropped] == [
        (1, "U+0007"),
        (1, "U+001F"),
    ]
    assert read_back(result.data).blocks[0].text == "Annual summary<x1/>report2024"


# --- codes a translator dropped or repeated ----------------------------------------------------


def test_a_dropped_note_reference_or_image_is_put_back_with_a_warning(report: bytes) -> None:
    units = units_of(report)
    by_source = {unit.source: unit for unit in units}
    by_source["Số liệu đã được kiểm toán.<x1/>"].target = "The figures were audited."
    by_source["Biểu đồ<x1/> doanh thu."].target = "Revenue chart."
    result = export(report, units)
    body = part(result.data, "word/document.xml")
    assert body.find(f".//{W}footnoteReference") is not None
    assert body.find(f".//{W}drawing") is not None
    assert len(result.report.warnings) == 2
    assert all("put back at the end of the sentence" in w for w in result.report.warnings)


def test_a_repeated_note_reference_is_written_once(report: bytes) -> None:
    units = units_of(report)
    (audited,) = [u for u in units if u.source == "Số liệu đã được kiểm toán.<x1/>"]
    audited.target = "The<x1/> figures were audited.<x1/>"
    result = export(report, units)
    assert len(part(result.data, "word/document.xml").findall(f".//{W}footnoteReference")) == 1
    assert any("more than once" in w for w in result.report.warnings)


# --- the count check -----------------------------------------------------------------------


def test_the_count_check_refuses_a_writer_that_loses_a_segment(
    report: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    rebuild_paragraph = rebuild.ParagraphRebuilder.rebuild

    def losing_the_last_sentence(self: rebuild.ParagraphRebuilder, pieces: list) -> None:
        rebuild_paragraph(self, pieces[:-1] if len(pieces) > 1 else pieces)

    monkeypatch.setattr(rebuild.ParagraphRebuilder, "rebuild", losing_the_last_sentence)
    error = one_line_error(write_target_docx, store_of(report, units_of(report)))
    assert error.code == "docx_target.count_mismatch"
    assert "word/document.xml: 16 of 17 segments, 56 of 61 words" in str(error)


def test_the_count_check_refuses_segments_whose_paragraph_is_not_in_the_original(
    report: bytes,
) -> None:
    units = units_of(report)
    units[0].ref = BlockRef("word/document.xml#p999", "paragraph", 0, 10, "")
    units[1].ref = BlockRef()
    error = one_line_error(write_target_docx, store_of(report, units))
    assert error.code == "docx_target.count_mismatch"
    assert "(no paragraph): 0 of 1 segments" in str(error)
    assert "word/document.xml: 15 of 16 segments" in str(error)


# --- the original ------------------------------------------------------------------------------


def test_a_store_of_another_format_or_without_its_original_is_refused(report: bytes) -> None:
    store = store_of(report, units_of(report))
    store.props["format"] = "txt"
    error = one_line_error(write_target_docx, store)
    assert error.code == "docx_target.not_docx" and "txt" in str(error)
    store.props["format"] = "docx"
    store.original = None
    assert one_line_error(write_target_docx, store).code == "docx_target.no_original"


def test_the_original_is_opened_with_the_limits_given(report: bytes) -> None:
    from exporters.docx.limits import DocxLimits

    error = one_line_error(export, report, limits=DocxLimits(max_paragraphs=10))
    assert error.code == "intake.too_many_paragraphs"


def test_the_same_store_gives_the_same_bytes(report: bytes) -> None:
    assert export(report).data == export(report).data


def test_intake_and_writer_refuse_the_same_damaged_original() -> None:
    error = one_line_error(write_target_docx, Store([Unit("a")], original=b"PK\x03\x04 cut"))
    assert isinstance(error, InvalidInput) and error.code.startswith(("intake.", "docx_target."))
