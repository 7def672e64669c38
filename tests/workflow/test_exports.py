"""The export service: every registered format from one project, validated against the
official schemas and our XSD, read back by independent readers, reproducible but for one
timestamp, written atomically; the readiness checklist with QA's real findings and the
partner profile's QA export policy; the target DOCX out and read back."""

from __future__ import annotations

import io
import os
import re
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from songngu_testing import SCHEMAS_DIR, TEST_PASSWORD
from songngu_testing.rich_docx import ENGLISH, rich_report
from translate.storage import tmx as toolkit_tmx
from translate.storage import xliff as toolkit_xliff

from exporters.registry import BilingualFormat, get_format
from primitives.errors import InvalidInput, InvalidTransition, NotFound
from primitives.processes import this_host
from primitives.statuses import Status
from primitives.units import Store
from workflow.document_metadata import set_document_metadata
from workflow.exports import (
    ExportRequest,
    build_export,
    export_formats,
    export_readiness,
    file_slug,
    save_export,
)
from workflow.importing import import_document
from workflow.intake import read_source
from workflow.partners import update_partner
from workflow.projects import create_project, get_project
from workflow.segments import add_comment, edit_target, list_segments, set_status
from workflow.storage import Database
from workflow.users import OPERATOR, add_user, resolve_actor

NOW = datetime(2026, 5, 14, 9, 30, tzinfo=UTC)
LATER = datetime(2026, 5, 15, 8, 0, tzinfo=UTC)
STAMPS = (b"2026-05-14T09:30:00Z", b"20260514T093000Z")


@pytest.fixture
def project(sqlite_db: Database) -> Database:
    with sqlite_db.write() as session:
        admin = resolve_actor(session, "admin")
        add_user(session, admin, "ed", "editor", TEST_PASSWORD)
        project = create_project(session, admin, "Báo cáo 2026", "USAID")
        first = import_document(
            session,
            admin,
            project,
            "Nhấn **Lưu** để ghi.\n\nBáo cáo năm 2025.\n\nHội nghị bế mạc.\n".encode(),
            "bao-cao.md",
        )
        import_document(session, admin, project, "Phụ lục một.\n".encode(), "phu-luc.txt")
        set_document_metadata(
            session,
            admin,
            first.document_id,
            {"title": "Báo cáo tổng kết", "creator": "Sở KH&CN", "date": "2022-08-09"},
        )
        editor = resolve_actor(session, "ed")
        targets = ["Press <g1>Save</g1> to write.", "The 2025 report.", "", "Annex one."]
        for segment, target in zip(list_segments(session, project), targets, strict=True):
            if target:
                edit_target(session, admin, segment.id, target)
                set_status(session, admin, segment.id, Status.TRANSLATED)
        first_segment = list_segments(session, project)[0]
        set_status(session, editor, first_segment.id, Status.REVIEWED)
        set_status(session, editor, first_segment.id, Status.APPROVED)
        add_comment(session, editor, first_segment.id, "Đúng thuật ngữ")
    return sqlite_db


def _export(database: Database, name: str, *, now: datetime = NOW, **request: object):  # noqa: ANN202
    with database.read() as session:
        return build_export(
            session,
            resolve_actor(session, "admin"),
            get_project(session, "Báo cáo 2026"),
            ExportRequest(name, **request),  # type: ignore[arg-type]
            now=now,
        )


def test_the_command_and_page_offer_every_format_that_writes() -> None:
    names = [fmt.name for fmt in export_formats()]
    assert names == [
        "tmx",
        "xliff12",
        "xliff21",
        "tsv-pairs",
        "bilingual-docx",
        "report-xml",
        "tbx",
        "csv",
        "tsv",
        "docx",
    ]
    assert all(get_format(name).can_write for name in names)


@pytest.mark.parametrize("name", ["xliff12", "xliff21", "tmx", "tbx", "report-xml"])
def test_every_xml_export_is_valid(project: Database, name: str) -> None:
    exported = _export(project, name)
    assert exported.validated and exported.notes == []
    fmt = get_format(name)
    assert fmt.validate(exported.data, SCHEMAS_DIR) == []
    assert exported.filename.startswith("bao-cao-2026")


def test_xliff_12_and_tmx_read_back_with_translate_toolkit(project: Database) -> None:
    xliff = toolkit_xliff.xlifffile.parsestring(_export(project, "xliff12").data)
    sources = [unit.source for unit in xliff.units if unit.source]
    assert "Báo cáo năm 2025." in sources and "Phụ lục một." in sources
    assert len(xliff.getfilenames()) == 2  # one <file> per document
    tmx = toolkit_tmx.tmxfile.parsestring(_export(project, "tmx").data)
    # The TM holds what was approved; the toolkit reads the codes' native text.
    assert [(unit.source, unit.target) for unit in tmx.units] == [
        ("Nhấn <g1>Lưu</g1> để ghi.", "Press <g1>Save</g1> to write.")
    ]


def test_the_report_carries_metadata_partner_stamps_and_a_clean_qa_summary(
    project: Database,
) -> None:
    data = _export(project, "report-xml").data.decode()
    assert "<dc:title>Báo cáo tổng kết</dc:title>" in data
    assert "<dc:creator>Sở KH&amp;CN</dc:creator>" in data
    assert "<dc:date>2022-08-09</dc:date>" in data
    assert '<partner name="USAID">' in data and "<target-language>en-US</target-language>" in data
    assert re.search(r'<stamp status="approved" by="ed" at="\d{4}-[^"]+Z"/>', data)
    assert re.search(r'<stamp status="translated" by="admin" at="[^"]+"/>', data)
    assert '<approval state="partial" segments="4" approved="1">' in data
    assert '<export tool="songngu"' in data and 'by="admin"' in data
    # QA ran on every target stored and found nothing.
    assert '<qa-summary available="true" errors="0" warnings="0" infos="0"/>' in data


def test_one_document_of_a_format_that_holds_several(project: Database) -> None:
    whole = _export(project, "bilingual-docx")
    one = _export(project, "bilingual-docx", document="phu-luc")
    assert whole.filename == "bao-cao-2026-review.docx"
    assert one.filename == "bao-cao-2026-phu-luc-review.docx"
    assert len(one.document_ids) == 1 and len(whole.document_ids) == 2
    with zipfile.ZipFile(io.BytesIO(one.data)) as archive:
        text = archive.read("word/document.xml").decode()
    assert "Phụ lục một." in text and "Báo cáo năm 2025." not in text


@pytest.mark.parametrize("name", ["tmx", "tbx", "csv"])
def test_the_tm_and_the_glossary_are_the_projects(project: Database, name: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        _export(project, name, document="phu-luc")
    assert refused.value.code == "export.not_per_document"


def test_same_project_same_bytes_but_for_one_timestamp(project: Database) -> None:
    for fmt in export_formats():
        if fmt.name == "docx":  # needs a DOCX original: test_the_target_docx_round_trips
            continue
        # A one-document format is given one; the others export the whole project.
        request = {"document": "phu-luc"} if fmt.name == "tsv-pairs" else {}
        first, again = _export(project, fmt.name, **request), _export(project, fmt.name, **request)
        assert first.data == again.data, fmt.name
        assert first.export_id == again.export_id
        later = _export(project, fmt.name, now=LATER, **request)
        if fmt.name == "bilingual-docx":  # compressed: compare the parts
            assert _parts(later.data, later.export_id, first.export_id) == _parts(first.data)
        else:
            assert _without_stamps(later.data, later.export_id, first.export_id) == first.data


def _without_stamps(data: bytes, later_id: str = "", first_id: str = "") -> bytes:
    data = data.replace(b"2026-05-15T08:00:00Z", STAMPS[0])
    data = data.replace(b"20260515T080000Z", STAMPS[1])
    return data.replace(later_id.encode(), first_id.encode()) if later_id else data


def _parts(data: bytes, later_id: str = "", first_id: str = "") -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: _without_stamps(archive.read(name), later_id, first_id)
            for name in archive.namelist()
        }


def test_readiness_counts_per_document(project: Database) -> None:
    with project.read() as session:
        readiness = export_readiness(session, get_project(session, "Báo cáo 2026"))
    assert [(d.title, d.segments, d.untranslated, d.not_approved) for d in readiness.documents] == [
        ("bao-cao", 3, 1, 2),
        ("phu-luc", 1, 0, 1),
    ]
    assert (readiness.segments, readiness.not_approved, readiness.untranslated) == (4, 3, 1)
    assert not readiness.ready
    # The empty target was never checked; QA passed every target stored.
    assert [
        (d.open_qa_errors, d.open_qa_warnings, d.qa_unchecked) for d in readiness.documents
    ] == [
        (0, 0, 1),
        (0, 0, 0),
    ]
    assert (readiness.qa_policy, readiness.qa_blocked) == ("warn", False)


def test_a_project_without_documents_has_nothing_to_export(sqlite_db: Database) -> None:
    with sqlite_db.write() as session:
        admin = resolve_actor(session, "admin")
        empty = create_project(session, admin, "Trống")
        with pytest.raises(NotFound) as refused:
            build_export(session, admin, empty, ExportRequest("xliff12"))
        assert refused.value.code == "export.no_documents"
        assert build_export(session, admin, empty, ExportRequest("tmx")).validated


def test_a_one_document_format_needs_a_document_when_there_are_several(
    project: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    class OneDocument(BilingualFormat):
        name = "one-doc"
        label = "One document"
        extensions = (".one",)

        def write(self, store: Store) -> bytes:
            return "\n".join(unit.source for unit in store).encode()

    from exporters import registry

    extended = (*registry._builtin_formats(), OneDocument())
    monkeypatch.setattr(registry, "_builtin_formats", lambda: extended)
    with pytest.raises(InvalidInput) as refused:
        _export(project, "one-doc")
    assert refused.value.code == "export.document_required"
    assert "'bao-cao', 'phu-luc'" in str(refused.value)
    one = _export(project, "one-doc", document="phu-luc")
    assert (one.data, one.filename) == ("Phụ lục một.".encode(), "bao-cao-2026-phu-luc.one")


def test_an_invalid_file_is_never_exported(
    project: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from exporters import xliff12

    real = xliff12.write_xliff12
    monkeypatch.setattr(
        xliff12,
        "write_xliff12",
        lambda stores: real(stores).replace(b"<source", b'<source colour="red"', 1),
    )
    with pytest.raises(InvalidInput) as refused:
        _export(project, "xliff12")
    assert refused.value.code == "export.invalid"


def test_a_missing_schema_folder_is_said_not_hidden(
    project: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SONGNGU_SCHEMAS_DIR", str(tmp_path / "no-schemas"))
    exported = _export(project, "tmx")
    assert not exported.validated
    assert exported.notes and "schema is not at" in exported.notes[0]
    assert _export(project, "report-xml").validated  # our own XSD ships with songngu


def test_file_names_are_plain() -> None:
    assert file_slug("Báo cáo tổng kết Đà Nẵng 2025") == "bao-cao-tong-ket-da-nang-2025"
    assert file_slug("???") == "songngu"


# --- atomic writes ------------------------------------------------------------------------


def test_save_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.xlf"
    target.write_bytes(b"old")
    assert save_export(b"new", target) == target
    assert target.read_bytes() == b"new"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.xlf"]


@pytest.mark.parametrize("failing", ["write", "replace"])
def test_a_failing_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "out.docx"
    target.write_bytes(b"the old export")
    if failing == "replace":
        monkeypatch.setattr(os, "replace", _fail)
    else:
        monkeypatch.setattr(os, "fsync", _fail)
    with pytest.raises(InvalidInput) as refused:
        save_export(b"the new export", target)
    assert refused.value.code == "export.output_not_writable"
    assert "disk full" in str(refused.value)
    assert target.read_bytes() == b"the old export"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.docx"]


def _fail(*args: object) -> None:
    raise OSError(28, "disk full")


def _gone_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_the_next_save_deletes_what_a_killed_one_left_and_only_that(tmp_path: Path) -> None:
    target = tmp_path / "out.xlf"
    host = this_host()
    left = [
        f".out.xlf.{host}-{_gone_pid()}.abc123.part",  # a killed export here: deleted
        f".out.xlf.{host}-{os.getpid()}.def456.part",  # an export running now: kept
        f".out.xlf.other-host-{_gone_pid()}.ghi789.part",  # another machine's: kept
        f".other.xlf.{host}-{_gone_pid()}.jkl012.part",  # another file's: kept
    ]
    for name in left:
        (tmp_path / name).write_bytes(b"half")
    save_export(b"new", target)
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(["out.xlf", *left[1:]])


def test_save_refuses_folders_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as folder:
        save_export(b"x", tmp_path)
    assert folder.value.code == "export.output_is_folder"
    with pytest.raises(NotFound) as missing:
        save_export(b"x", tmp_path / "nowhere" / "out.xml")
    assert missing.value.code == "export.output_folder_missing"


# --- QA's findings ------------------------------------------------------------------------


def _number_error(database: Database) -> int:
    """Change a number in a target ("2025" becomes "2024"): QA stores a number-mismatch
    error for it; the segment's id."""
    with database.write() as session:
        found = get_project(session, "Báo cáo 2026")
        segment = list_segments(session, found)[1]
        edit_target(session, resolve_actor(session, "admin"), segment.id, "The 2024 report.")
        return segment.id


def _block_exports(database: Database) -> None:
    with database.write() as session:
        update_partner(session, OPERATOR, "USAID", {"qa_export_policy": "block"})


def test_the_readiness_counts_a_real_qa_error(project: Database) -> None:
    _number_error(project)
    with project.read() as session:
        readiness = export_readiness(session, get_project(session, "Báo cáo 2026"))
    first, annex = readiness.documents
    assert (first.open_qa_errors, first.open_qa_warnings, first.qa_unchecked) == (1, 0, 1)
    assert (annex.open_qa_errors, annex.qa_unchecked) == (0, 0)
    assert (readiness.open_qa_errors, readiness.qa_unchecked) == (1, 1)
    assert (readiness.qa_policy, readiness.qa_blocked) == ("warn", False)
    assert not readiness.ready


def test_the_report_has_the_real_qa_summary_and_stays_valid(project: Database) -> None:
    _number_error(project)
    exported = _export(project, "report-xml")
    assert exported.validated
    assert get_format("report-xml").validate(exported.data, SCHEMAS_DIR) == []
    report = exported.data.decode()
    assert '<qa-summary available="true" errors="1" warnings="0" infos="0">' in report
    assert '<count check="number-mismatch" severity="error" open="1" ignored="0"/>' in report


def test_the_review_table_shows_the_finding_in_its_qa_column(project: Database) -> None:
    segment_id = _number_error(project)
    table = docx.Document(io.BytesIO(_export(project, "bilingual-docx").data)).tables[0]
    header = [cell.text for cell in table.rows[1].cells]
    qa_column = next(i for i, text in enumerate(header) if text.startswith("QA findings"))
    # A segment row's id cell begins with the visible id (the row's key follows, hidden);
    # each document has a heading row too.
    first_runs = [(row, row.cells[0].paragraphs[0].runs[0].text) for row in table.rows[2:]]
    rows = {key: row.cells[qa_column].text for row, key in first_runs if key.isdigit()}
    assert rows[str(segment_id)] == "error: Number '2025' in the source is '2024' in the target."
    assert [text for key, text in rows.items() if key != str(segment_id)] == ["", "", ""]


def test_a_blocking_partner_stops_final_deliverables_only(project: Database) -> None:
    _number_error(project)
    _block_exports(project)
    with project.read() as session:
        readiness = export_readiness(session, get_project(session, "Báo cáo 2026"))
    assert (readiness.qa_policy, readiness.qa_blocked) == ("block", True)
    with pytest.raises(InvalidTransition) as blocked:
        _export(project, "report-xml")
    assert blocked.value.code == "qa.export_blocked"
    assert "1 open QA error(s)" in str(blocked.value) and "'USAID'" in str(blocked.value)
    assert _export(project, "bilingual-docx").data  # a review table is how errors get fixed
    assert _export(project, "xliff12").data
    # The other document has no QA problem: its report goes.
    assert _export(project, "report-xml", document="phu-luc").validated


# --- the target DOCX ----------------------------------------------------------------------


@pytest.fixture
def docx_project(sqlite_db: Database) -> Database:
    """A DOCX report translated and approved but for its last segment."""
    with sqlite_db.write() as session:
        admin = resolve_actor(session, "admin")
        found = create_project(session, admin, "Báo cáo DOCX", "USAID")
        import_document(session, admin, found, rich_report(), "bao-cao.docx")
        segments = list_segments(session, found)
        for segment in segments:
            edit_target(session, admin, segment.id, ENGLISH[segment.source])
            statuses = [Status.TRANSLATED, Status.REVIEWED, Status.APPROVED]
            for status in statuses if segment is not segments[-1] else statuses[:1]:
                set_status(session, admin, segment.id, status)
    return sqlite_db


def _target(database: Database, **request: object):  # noqa: ANN202
    with database.read() as session:
        return build_export(
            session,
            resolve_actor(session, "admin"),
            get_project(session, "Báo cáo DOCX"),
            ExportRequest("docx", **request),  # type: ignore[arg-type]
            now=NOW,
        )


def test_the_target_docx_round_trips(docx_project: Database) -> None:
    assert "docx" in [fmt.name for fmt in export_formats()]
    with pytest.raises(InvalidInput):  # the unapproved segment is refused by default
        _target(docx_project)
    exported = _target(docx_project, pending="source")
    assert exported.filename == "bao-cao-en.docx"
    assert exported.notes[0] == "1 segment(s) not approved written in Vietnamese"
    back = read_source(exported.data, exported.filename)
    original = read_source(rich_report(), "bao-cao.docx")
    assert len(back.blocks) == len(original.blocks)
    assert back.blocks[0].text == "Annual summary report 2024"
    assert back.blocks[1].text == "Revenue <g1>rose sharply</g1> in <g2>2024</g2>."
    assert back.blocks[-1].text == original.blocks[-1].text  # not approved: the Vietnamese
    # Reproducible: the same bytes again, and at another moment.
    assert _target(docx_project, pending="source").data == exported.data
    with docx_project.read() as session:
        later = build_export(
            session,
            resolve_actor(session, "admin"),
            get_project(session, "Báo cáo DOCX"),
            ExportRequest("docx", pending="source"),
            now=LATER,
        )
    assert _parts(later.data) == _parts(exported.data)


def test_a_blocking_partner_stops_the_target_docx(docx_project: Database) -> None:
    with docx_project.write() as session:
        found = get_project(session, "Báo cáo DOCX")
        last = list_segments(session, found)[-1]  # not approved: still editable
        # Its Vietnamese left as the target: QA's "untranslated" error.
        edit_target(session, resolve_actor(session, "admin"), last.id, last.source)
    _block_exports(docx_project)
    with pytest.raises(InvalidTransition) as blocked:
        _target(docx_project, pending="source")
    assert blocked.value.code == "qa.export_blocked"
