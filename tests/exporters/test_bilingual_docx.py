"""The bilingual review DOCX: the table a reviewer sees (landscape, repeating header, the
first merged row, the columns, Tag-styled codes, hidden keys, shaded read-only columns),
reproducible bytes, and what the reader gives back after python-docx, Word and LibreOffice
edits; refusals in one line."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import ClassVar

import docx
import pytest
from contract import BilingualContract, one_line_error
from lxml import etree

from exporters.bilingual_docx import write_review_docx
from exporters.bilingual_docx_reader import ReviewReadLimits, read_review_docx
from exporters.registry import get_format
from exporters.review_table import COLUMNS, KEY_STYLE, TAG_STYLE, W
from primitives.statuses import Origin, Status
from primitives.units import Note, Store, Unit


def _store(**props: str) -> Store:
    units = [
        Unit(
            "Nhấn <g1>Lưu</g1> để ghi.<x2/>",
            "Press <g1>Save</g1> to write.<x2/>",
            id=12,
            version=3,
            status=Status.TRANSLATED,
            origin=Origin.MT,
            score=0.82,
            notes=[Note("Kiểm tra thuật ngữ", "rev", "2026-05-01T10:00:00Z")],
            props={"qa_findings": "warning: number 2025 missing\nerror: tag 2 missing"},
        ),
        Unit("Báo cáo năm 2025.", "", id=13, version=1),
        Unit(
            "Hội nghị bế mạc.",
            "The conference closed.",
            id=14,
            version=7,
            origin=Origin.TM,
            score=1.0,
        ),
    ]
    return Store(
        units,
        metadata={"title": "Báo cáo tổng kết"},
        props={
            "project": "Báo cáo 2026",
            "document_id": "4",
            "document_name": "bao-cao",
            "revision": "2",
            "export_id": "e3f1a9c2b7d4",
            "exported_at": "2026-05-14T09:30:00Z",
            **props,
        },
    )


def _document(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def _edited(data: bytes, edit) -> bytes:  # noqa: ANN001
    document = docx.Document(io.BytesIO(data))
    edit(document.tables[0])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class TestBilingualDocx(BilingualContract):
    format_name = "bilingual-docx"
    is_xml = False  # a zip of XML parts: the DOCX cases below stand for the XML ones
    kept: ClassVar[tuple[str, ...]] = ("id", "version", "status")

    def test_the_table_a_reviewer_sees(self) -> None:
        root = _document(write_review_docx([_store()]))
        section = root.find(f"{W}body/{W}sectPr/{W}pgSz")
        assert section.get(f"{W}orient") == "landscape"
        assert int(section.get(f"{W}w")) > int(section.get(f"{W}h"))
        (table,) = root.iter(f"{W}tbl")
        rows = table.findall(f"{W}tr")
        assert len(rows) == 2 + 1 + 3  # banner, header, the document, three segments
        banner, header = rows[0], rows[1]
        # Both repeat on every page (Word repeats header rows only from the table's top).
        assert banner.find(f"{W}trPr/{W}tblHeader") is not None
        assert header.find(f"{W}trPr/{W}tblHeader") is not None
        assert banner.find(f"{W}tc/{W}tcPr/{W}gridSpan").get(f"{W}val") == str(len(COLUMNS))
        banner_text = "".join(banner.itertext())
        assert "Không sửa mã câu" in banner_text and "Do not change the segment IDs" in banner_text
        assert "Báo cáo 2026" in banner_text and "e3f1a9c2b7d4" in banner_text
        assert "2026-05-14T09:30:00Z" in banner_text
        cells = ["".join(cell.itertext()) for cell in header.findall(f"{W}tc")]
        names = ("Segment ID", "Source", "Target", "Status", "Comments")
        assert [cell.split(" / ")[0] for cell in cells[:5]] == list(names)
        assert cells[5].startswith("MT/TM score") and cells[6].startswith("QA findings")
        assert cells[0] == "Segment ID / Mã câu"

    def test_codes_are_tag_styled_text_and_keys_are_hidden(self) -> None:
        root = _document(write_review_docx([_store()]))
        row = root.findall(f".//{W}tr")[3]
        source = row.findall(f"{W}tc")[1]
        runs = [
            ("".join(run.itertext()), run.find(f"{W}rPr/{W}rStyle")) for run in source.iter(f"{W}r")
        ]
        styled = [text for text, style in runs if style is not None]
        assert styled == ["<1>", "</1>", "<2/>"]
        assert all(style.get(f"{W}val") == TAG_STYLE for _, style in runs if style is not None)
        key_run = row.findall(f"{W}tc")[0].findall(f".//{W}r")[1]
        assert key_run.find(f"{W}rPr/{W}vanish") is not None
        assert key_run.find(f"{W}rPr/{W}rStyle").get(f"{W}val") == KEY_STYLE
        assert "".join(key_run.itertext()).startswith("songngu-row s=12; v=3; h=")
        with zipfile.ZipFile(io.BytesIO(write_review_docx([_store()]))) as archive:
            styles = archive.read("word/styles.xml").decode()
        assert f'w:styleId="{TAG_STYLE}"' in styles and f'<w:name w:val="{TAG_STYLE}"/>' in styles

    def test_only_target_and_comments_are_left_unshaded(self) -> None:
        row = _document(write_review_docx([_store()])).findall(f".//{W}tr")[3]
        shaded = [cell.find(f"{W}tcPr/{W}shd") is not None for cell in row.findall(f"{W}tc")]
        assert shaded == [True, True, False, True, False, True, True]

    def test_status_score_comments_and_findings_columns(self) -> None:
        document = docx.Document(io.BytesIO(write_review_docx([_store()])))
        first, second, third = document.tables[0].rows[3:6]
        assert first.cells[3].text == "translated / đã dịch"
        assert first.cells[4].text == "[rev, 2026-05-01] Kiểm tra thuật ngữ"
        assert first.cells[5].text == "MT 82%"
        assert first.cells[6].text == "warning: number 2025 missing\nerror: tag 2 missing"
        assert (second.cells[3].text, second.cells[5].text) == ("new / mới", "")
        assert third.cells[5].text == "TM 100%"

    def test_the_same_stores_give_the_same_bytes(self) -> None:
        assert write_review_docx([_store()]) == write_review_docx([_store()])
        later = write_review_docx([_store(exported_at="2026-05-15T08:00:00Z")])
        assert later != write_review_docx([_store()])
        with zipfile.ZipFile(io.BytesIO(later)) as archive:
            assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}

    def test_several_documents_are_one_table_with_a_row_naming_each(self) -> None:
        other = _store(document_id="5", revision="1", document_name="phụ lục")
        other.metadata["title"] = "Phụ lục"
        other.units = [Unit("Phụ lục một.", "Annex one.", id=20, version=1)]
        data = get_format("bilingual-docx").write_stores([_store(), other])
        assert len(docx.Document(io.BytesIO(data)).tables) == 1
        back = read_review_docx(data, "hai.docx")
        assert back.props["documents"] == "4:2:bao-cao,5:1:ph%E1%BB%A5%20l%E1%BB%A5c"
        assert [(unit.id, unit.props["document_id"]) for unit in back] == [
            (12, "4"),
            (13, "4"),
            (14, "4"),
            (20, "5"),
        ]
        assert [unit.props["export_row"] for unit in back] == ["1", "2", "3", "4"]

    def test_a_reviewer_edit_in_python_docx_reads_back(self) -> None:
        def edit(table) -> None:  # noqa: ANN001
            table.rows[3].cells[2].text = "Click <1>Save</1> to write it.<2/>"
            table.rows[3].cells[4].add_paragraph("Dùng «Click» cho nhất quán")
            table.rows[4].cells[2].text = "The 2025 report."

        back = read_review_docx(_edited(write_review_docx([_store()]), edit), "sửa.docx")
        first, second, third = back
        assert first.target == "Click <g1>Save</g1> to write it.<x2/>"
        assert [note.text for note in first.notes] == [
            "[rev, 2026-05-01] Kiểm tra thuật ngữ",
            "Dùng «Click» cho nhất quán",
        ]
        assert (second.target, third.target) == ("The 2025 report.", "The conference closed.")
        assert all(unit.props["key"] == "ok" for unit in back)
        assert back.props == {
            "review_version": "1",
            "project": "Báo cáo 2026",
            "export_id": "e3f1a9c2b7d4",
            "exported_at": "2026-05-14T09:30:00Z",
            "documents": "4:2:bao-cao",
        }

    def test_rows_added_moved_or_with_a_changed_id_are_marked(self) -> None:
        def edit(table) -> None:  # noqa: ANN001
            added = table.add_row()  # a row the reviewer typed: no hidden key
            added.cells[0].text = "13"
            added.cells[2].text = "My own row."
            table.rows[5].cells[0].text = "99"  # the visible id retyped: the key is gone
            rows = table._tbl.tr_lst
            rows[3].addprevious(rows[4])  # the second segment moved above the first

        back = read_review_docx(_edited(write_review_docx([_store()]), edit), "sửa.docx")
        assert [(unit.id, unit.props["key"], unit.props["export_row"]) for unit in back] == [
            (13, "ok", "2"),
            (12, "ok", "1"),
            (99, "missing", ""),
            (13, "missing", ""),
        ]

    def test_a_visible_id_that_disagrees_with_its_key_is_marked(self) -> None:
        def edit(table) -> None:  # noqa: ANN001
            cell = table.rows[3].cells[0]
            cell.paragraphs[0].runs[0].text = "14"  # the hidden key stays in the next run

        (first, *_rest) = read_review_docx(_edited(write_review_docx([_store()]), edit), "x.docx")
        assert (first.id, first.props["visible_id"], first.props["key"]) == (12, "14", "id_changed")

    def test_word_comments_in_a_row_are_its_notes(self) -> None:
        document = docx.Document(io.BytesIO(write_review_docx([_store()])))
        run = document.tables[0].rows[4].cells[2].paragraphs[0].add_run("The report.")
        document.add_comment(run, text="Thiếu năm 2025", author="Mai", initials="M")
        buffer = io.BytesIO()
        document.save(buffer)
        second = read_review_docx(buffer.getvalue(), "x.docx").units[1]
        assert second.target == "The report."
        assert [(note.text, note.author) for note in second.notes] == [("Thiếu năm 2025", "Mai")]

    def test_tracked_deletions_are_not_text(self) -> None:
        data = write_review_docx([_store()])
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
        root = etree.fromstring(parts["word/document.xml"])
        target = root.findall(f".//{W}tr")[5].findall(f"{W}tc")[2].find(f"{W}p")
        deletion = etree.SubElement(target, f"{W}del")
        run = etree.SubElement(deletion, f"{W}r")
        etree.SubElement(run, f"{W}delText").text = " finally"
        insertion = etree.SubElement(target, f"{W}ins")
        etree.SubElement(etree.SubElement(insertion, f"{W}r"), f"{W}t").text = " today"
        parts["word/document.xml"] = etree.tostring(root)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, content in parts.items():
                archive.writestr(name, content)
        third = read_review_docx(buffer.getvalue(), "x.docx").units[2]
        assert third.target == "The conference closed. today"

    def test_a_docx_that_is_not_a_review_table_is_refused(self) -> None:
        plain = docx.Document()
        plain.add_paragraph("Một văn bản bình thường.")
        plain.add_table(rows=2, cols=5)
        buffer = io.BytesIO()
        plain.save(buffer)
        error = one_line_error(read_review_docx, buffer.getvalue(), "bao-cao.docx")
        assert error.code == "bilingual_docx.not_review_file" and "bao-cao.docx" in str(error)

    def test_a_moved_or_deleted_column_refuses_the_file(self) -> None:
        def edit(table) -> None:  # noqa: ANN001
            for row in table._tbl.tr_lst[1:]:
                cells = row.tc_lst
                if len(cells) == len(COLUMNS):  # not the document's merged row
                    cells[1].addprevious(cells[2])  # Target before Source

        data = _edited(write_review_docx([_store()]), edit)
        error = one_line_error(read_review_docx, data, "x.docx")
        assert error.code == "bilingual_docx.columns_changed"

    def test_entities_and_damaged_parts_are_refused_in_one_line(self) -> None:
        data = write_review_docx([_store()])
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
        for document, code in (
            (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', "entities"),
            (parts["word/document.xml"][:-40], "damaged_xml"),
        ):
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w") as archive:
                for name, content in {**parts, "word/document.xml": document}.items():
                    archive.writestr(name, content)
            error = one_line_error(read_review_docx, buffer.getvalue(), "x.docx")
            assert error.code == f"bilingual_docx.{code}"
        assert one_line_error(read_review_docx, data[: len(data) // 2], "cut.docx").code == (
            "bilingual_docx.damaged"
        )

    def test_reading_stays_within_the_limits(self) -> None:
        data = write_review_docx([_store()])
        small = ReviewReadLimits(max_part_bytes=2_000)
        assert one_line_error(read_review_docx, data, "x.docx", limits=small).code == (
            "bilingual_docx.too_large"
        )
        few = ReviewReadLimits(max_rows=2)
        assert one_line_error(read_review_docx, data, "x.docx", limits=few).code == (
            "bilingual_docx.too_many_rows"
        )
        members = ReviewReadLimits(max_members=3)
        assert one_line_error(read_review_docx, data, "x.docx", limits=members).code == (
            "bilingual_docx.damaged"
        )
        total = ReviewReadLimits(max_total_bytes=5_000)
        assert one_line_error(read_review_docx, data, "x.docx", limits=total).code == (
            "bilingual_docx.total_too_large"
        )

    def test_a_zip_bomb_is_refused(self) -> None:
        data = write_review_docx([_store()])
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
        padding = b"<!--" + b" " * (3 * 1024 * 1024) + b"-->"
        parts["word/document.xml"] = parts["word/document.xml"].replace(
            b"<w:body>", b"<w:body>" + padding, 1
        )
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in parts.items():
                archive.writestr(name, content)
        error = one_line_error(read_review_docx, buffer.getvalue(), "bomb.docx")
        assert error.code == "bilingual_docx.zip_bomb" and "bomb.docx" in str(error)


@pytest.mark.libreoffice
def test_libreoffice_keeps_the_hidden_keys(tmp_path: Path) -> None:
    """A reviewer on LibreOffice saves the table again as DOCX: every row still reads."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice is not installed: run scripts/system-deps (make test does)")
    source = tmp_path / "in" / "review.docx"
    source.parent.mkdir()
    source.write_bytes(write_review_docx([_store()]))
    out = tmp_path / "out"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    back = read_review_docx((out / "review.docx").read_bytes(), "review.docx")
    assert [(unit.id, unit.version, unit.props["key"]) for unit in back] == [
        (12, 3, "ok"),
        (13, 1, "ok"),
        (14, 7, "ok"),
    ]
    assert back.units[0].target == "Press <g1>Save</g1> to write.<x2/>"
    assert back.props["project"] == "Báo cáo 2026"
