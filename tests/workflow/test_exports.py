"""The export service: every registered format from one project, validated against the
official schemas and our XSD, read back by independent readers, reproducible but for one
timestamp, written atomically; the readiness checklist; QA through its adapter."""

from __future__ import annotations

import io
import os
import re
import sys
import types
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from songngu_testing import SCHEMAS_DIR
from translate.storage import tmx as toolkit_tmx
from translate.storage import xliff as toolkit_xliff

from exporters.registry import BilingualFormat, get_format
from primitives.errors import InvalidInput, InvalidTransition, NotFound
from primitives.statuses import Status
from primitives.units import Store
from workflow import export_qa
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
from workflow.projects import create_project, get_project
from workflow.segments import add_comment, edit_target, list_segments, set_status
from workflow.storage import Database
from workflow.users import add_user, resolve_actor

NOW = datetime(2026, 5, 14, 9, 30, tzinfo=UTC)
LATER = datetime(2026, 5, 15, 8, 0, tzinfo=UTC)
STAMPS = (b"2026-05-14T09:30:00Z", b"20260514T093000Z")


@pytest.fixture
def project(sqlite_db: Database) -> Database:
    with sqlite_db.write() as session:
        admin = resolve_actor(session, "admin")
        add_user(session, admin, "ed", "editor")
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
    assert names[:7] == ["tmx", "xliff12", "xliff21", "bilingual-docx", "report-xml", "tbx", "csv"]
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


def test_the_report_carries_metadata_partner_stamps_and_an_empty_qa_summary(
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
    assert '<qa-summary available="false" errors="0" warnings="0" infos="0"/>' in data


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
        first, again = _export(project, fmt.name), _export(project, fmt.name)
        assert first.data == again.data, fmt.name
        assert first.export_id == again.export_id
        later = _export(project, fmt.name, now=LATER)
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
    assert not readiness.ready and not readiness.qa_installed
    assert readiness.documents[0].open_qa_errors is None


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


def test_save_refuses_folders_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as folder:
        save_export(b"x", tmp_path)
    assert folder.value.code == "export.output_is_folder"
    with pytest.raises(NotFound) as missing:
        save_export(b"x", tmp_path / "nowhere" / "out.xml")
    assert missing.value.code == "export.output_folder_missing"


# --- QA, when installed ---------------------------------------------------------------------


class _Row:
    def __init__(self, check: str, severity: str, open_: int, ignored: int) -> None:
        self.check, self.severity, self.open, self.ignored = check, severity, open_, ignored


def _fake_qa(monkeypatch: pytest.MonkeyPatch, *, blocked: bool) -> list[tuple[str, object]]:
    """A QA package with the functions exports call, recording each call."""
    calls: list[tuple[str, object]] = []

    def readiness(session, project, document_id=None):  # noqa: ANN001, ANN202
        calls.append(("export_readiness", document_id))
        document = types.SimpleNamespace(
            document_id=project.documents[0].id, open_errors=2, open_warnings=1, unchecked=0
        )
        return types.SimpleNamespace(documents=(document,), policy="block", blocked=blocked)

    def require(session, project, document_id=None):  # noqa: ANN001, ANN202
        calls.append(("require_export_ready", document_id))
        if blocked:
            raise InvalidTransition("qa.export_blocked", "blocked by {partner}", partner="USAID")

    def summary(session, project, document_id=None):  # noqa: ANN001, ANN202
        calls.append(("qa_summary", document_id))
        return [_Row("number-mismatch", "error", 2, 1)]

    package = types.ModuleType("workflow.qa")
    module = types.ModuleType("workflow.qa.readiness")
    module.export_readiness = readiness  # type: ignore[attr-defined]
    module.require_export_ready = require  # type: ignore[attr-defined]
    module.qa_summary = summary  # type: ignore[attr-defined]
    findings = types.ModuleType("workflow.qa.findings")

    class FindingFilter:
        def __init__(self, document_id: int | None = None) -> None:
            self.document_id = document_id

    def list_findings(session, project, which):  # noqa: ANN001, ANN202
        calls.append(("list_findings", which.document_id))
        segment = project.documents[0]
        first = min(s.id for s in list_segments(session, project) if s.document_id == segment.id)
        return [
            types.SimpleNamespace(
                segment_id=first, severity="error", text=lambda lang: "number 2025 missing"
            )
        ]

    findings.FindingFilter = FindingFilter  # type: ignore[attr-defined]
    findings.list_findings = list_findings  # type: ignore[attr-defined]
    for name, value in (
        ("workflow.qa", package),
        ("workflow.qa.readiness", module),
        ("workflow.qa.findings", findings),
    ):
        monkeypatch.setitem(sys.modules, name, value)
    return calls


def test_without_qa_the_adapter_says_so() -> None:
    assert not export_qa.qa_installed()
    assert export_qa.qa_summary(None, None) == export_qa.QASummary()  # type: ignore[arg-type]


def test_with_qa_the_report_has_its_summary_and_the_table_its_findings(
    project: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _fake_qa(monkeypatch, blocked=False)
    report = _export(project, "report-xml").data.decode()
    assert '<qa-summary available="true" errors="2"' in report
    assert '<count check="number-mismatch" severity="error" open="2" ignored="1"/>' in report
    table = _export(project, "bilingual-docx").data
    with zipfile.ZipFile(io.BytesIO(table)) as archive:
        assert "error: number 2025 missing" in archive.read("word/document.xml").decode()
    with project.read() as session:
        readiness = export_readiness(session, get_project(session, "Báo cáo 2026"))
    assert readiness.qa_installed and readiness.open_qa_errors == 2 and not readiness.qa_blocked
    assert readiness.qa_policy == "block" and readiness.documents[0].open_qa_errors == 2
    assert ("require_export_ready", None) in calls and ("qa_summary", None) in calls


def test_a_blocking_partner_stops_final_deliverables_only(
    project: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_qa(monkeypatch, blocked=True)
    with pytest.raises(InvalidTransition) as blocked:
        _export(project, "report-xml")
    assert blocked.value.code == "qa.export_blocked"
    assert _export(project, "bilingual-docx").data  # a review table is how errors get fixed
    assert _export(project, "xliff12").data
