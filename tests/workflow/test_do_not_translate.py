"""Segments not to translate (image file names) are finished as they are read: stored
approved with their source as the target, so progress, the dashboard's step, readiness and
the export refusals count them as done; TM propagation and capture leave them alone; a
re-import and a split keep them finished. SQLite."""

from __future__ import annotations

import io
import zipfile

import pytest
from songngu_testing.docx_builder import docx_bytes
from sqlalchemy import update

from primitives.errors import InvalidInput
from primitives.statuses import Origin, Status
from workflow.dashboard import Step, project_dashboard
from workflow.exports import ExportRequest, build_export, export_readiness
from workflow.importing import import_document
from workflow.models import Segment, TMUnitRow
from workflow.projects import create_project, get_project
from workflow.qa.readiness import export_readiness as qa_readiness
from workflow.segment_flags import do_not_translate
from workflow.segment_structure import split_segment
from workflow.segments import (
    edit_target,
    list_revisions,
    list_segments,
    progress,
    save_and_confirm,
    set_status,
)
from workflow.storage import Database
from workflow.tm.capture import TMCaptureReport
from workflow.users import resolve_actor

TEXT = "Báo cáo năm 2025."
ENGLISH = "Report for 2025."
IMAGE = "hoan2.jpg"


def _paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


@pytest.fixture
def imported(sqlite_db: Database) -> Database:
    body = _paragraph(TEXT) + _paragraph(IMAGE)
    with sqlite_db.write() as session:
        admin = resolve_actor(session, "admin")
        project = create_project(session, admin, "Ảnh", "USAID")
        import_document(session, admin, project, docx_bytes(body), "bao-cao.docx")
    return sqlite_db


def _segments(database: Database) -> list[Segment]:
    with database.read() as session:
        return list_segments(session, get_project(session, "Ảnh"))


def _approve_text(database: Database) -> None:
    with database.write() as session:
        admin = resolve_actor(session, "admin")
        text = list_segments(session, get_project(session, "Ảnh"))[0]
        edit_target(session, admin, text.id, ENGLISH)
        for status in (Status.TRANSLATED, Status.REVIEWED, Status.APPROVED):
            set_status(session, admin, text.id, status)


def test_the_intake_stores_them_finished(imported: Database) -> None:
    text, image = _segments(imported)
    assert do_not_translate(image.flags)
    assert (image.target, Status(image.status), Origin(image.origin)) == (
        IMAGE,
        Status.APPROVED,
        Origin.NONE,
    )
    assert (text.target, Status(text.status)) == ("", Status.NEW)
    with imported.read() as session:
        rows = {row.status: row.segments for row in progress(session, get_project(session, "Ảnh"))}
    assert rows[Status.APPROVED] == 1 and rows[Status.NEW] == 1


def test_the_document_reaches_approved_when_its_text_is(imported: Database) -> None:
    with imported.read() as session:
        (document,) = project_dashboard(session, get_project(session, "Ảnh")).documents
    assert document.step is Step.IMPORTED  # the text segment is still new
    assert document.at_least(Status.APPROVED) == 1
    _approve_text(imported)
    with imported.read() as session:
        project = get_project(session, "Ảnh")
        (document,) = project_dashboard(session, project).documents
        checklist = export_readiness(session, project)
        (qa_document,) = qa_readiness(session, project).documents
    assert document.step is Step.APPROVED
    assert document.target_coverage == 1.0
    assert (checklist.not_approved, checklist.untranslated) == (0, 0)
    assert qa_document.not_approved == 0


def test_export_refusals_do_not_list_them(imported: Database) -> None:
    text, image = _segments(imported)

    def target_docx() -> bytes:
        with imported.read() as session:
            admin = resolve_actor(session, "admin")
            project = get_project(session, "Ảnh")
            return build_export(session, admin, project, ExportRequest("docx")).data

    with pytest.raises(InvalidInput) as refused:
        target_docx()
    assert refused.value.code == "docx_target.not_ready"
    assert refused.value.params["segment_ids"] == str(text.id)  # the image is not listed
    _approve_text(imported)
    document = zipfile.ZipFile(io.BytesIO(target_docx())).read("word/document.xml").decode()
    assert ENGLISH in document and IMAGE in document


def test_tm_propagation_never_fills_them(imported: Database) -> None:
    """A database from before they were finished at intake holds them new and empty: a
    person confirming one of them must not fill the others (nor the TM)."""
    with imported.write() as session:
        admin = resolve_actor(session, "admin")
        project = get_project(session, "Ảnh")
        import_document(
            session, admin, project, f"{IMAGE}\n\n{IMAGE}\n".encode(), "anh.txt", title="anh"
        )
        session.execute(
            update(Segment).where(Segment.source == IMAGE).values(target="", status=0, origin=0)
        )
    first, second = (
        s for s in _segments(imported) if s.document_id != _segments(imported)[0].document_id
    )
    with imported.write() as session:
        admin = resolve_actor(session, "admin")
        change = save_and_confirm(session, admin, first.id, IMAGE, expected_version=first.version)
        set_status(session, admin, first.id, Status.REVIEWED)
    report = change.report(TMCaptureReport)
    assert report is not None and report.propagated == 0
    with imported.read() as session:
        again = session.get(Segment, second.id)
        assert again is not None
        assert (again.target, Status(again.status)) == ("", Status.NEW)
        assert session.query(TMUnitRow).count() == 0  # no TM unit of a file name


def test_a_reimport_keeps_them_finished_and_finishes_old_ones(sqlite_db: Database) -> None:
    with sqlite_db.write() as session:
        admin = resolve_actor(session, "admin")
        project = create_project(session, admin, "Ảnh", "USAID")
        import_document(session, admin, project, f"{TEXT}\n\n{IMAGE}\n".encode(), "a.txt")
        # As a database from before this change holds it: new, no target.
        session.execute(
            update(Segment).where(Segment.source == IMAGE).values(target="", status=0, origin=0)
        )
        changed = f"Báo cáo năm 2025 đã xong.\n\n{IMAGE}\n\nHình 3.PNG\n".encode()
        outcome = import_document(session, admin, project, changed, "a.txt")
    assert outcome.reused_translations == 0  # a copied source is no reused translation
    text, image, added = _segments(sqlite_db)
    assert (text.target, Status(text.status)) == ("", Status.NEW)
    for finished in (image, added):
        assert (finished.target, Status(finished.status)) == (finished.source, Status.APPROVED)
    # Approved, and the document changed around it: still approved (its source is its
    # English), where a kept translation would go back to reviewed.
    with sqlite_db.write() as session:
        admin = resolve_actor(session, "admin")
        project = get_project(session, "Ảnh")
        import_document(session, admin, project, f"Khác.\n\n{IMAGE}\n".encode(), "a.txt")
    assert [Status(s.status) for s in _segments(sqlite_db)] == [Status.NEW, Status.APPROVED]
    # Reopened and given another English by a person: a re-import never takes it back.
    image = _segments(sqlite_db)[1]
    with sqlite_db.write() as session:
        admin = resolve_actor(session, "admin")
        set_status(session, admin, image.id, Status.REVIEWED, reason="caption it")
        edit_target(session, admin, image.id, "Photo hoan2.jpg")
        project = get_project(session, "Ảnh")
        import_document(session, admin, project, f"Khác nữa.\n\n{IMAGE}\n".encode(), "a.txt")
    image = _segments(sqlite_db)[1]
    assert (image.target, Status(image.status)) == ("Photo hoan2.jpg", Status.DRAFT)


def test_a_split_off_file_name_is_finished(sqlite_db: Database) -> None:
    with sqlite_db.write() as session:
        admin = resolve_actor(session, "admin")
        project = create_project(session, admin, "Ảnh", "USAID")
        import_document(session, admin, project, f"Xem hình sau: {IMAGE}\n".encode(), "a.txt")
        (segment,) = list_segments(session, project)
        split_segment(
            session,
            admin,
            segment.id,
            offset=len("Xem hình sau: "),
            expected_version=segment.version,
        )
    head, tail = _segments(sqlite_db)
    assert Status(head.status) is Status.NEW
    assert (tail.target, Status(tail.status), do_not_translate(tail.flags)) == (
        IMAGE,
        Status.APPROVED,
        True,
    )


def test_a_file_name_edited_into_a_sentence_starts_new(sqlite_db: Database) -> None:
    with sqlite_db.write() as session:
        admin = resolve_actor(session, "admin")
        project = create_project(session, admin, "Ảnh", "USAID")
        import_document(session, admin, project, f"Xem ảnh.\n\n{IMAGE}\n".encode(), "a.txt")
        edited = f"Xem ảnh.\n\n{IMAGE}: ảnh chụp hội nghị\n".encode()
        outcome = import_document(session, admin, project, edited, "a.txt")
    assert outcome.changed == 1
    _, caption = _segments(sqlite_db)
    assert not do_not_translate(caption.flags)
    assert (caption.target, Status(caption.status)) == ("", Status.NEW)
    with sqlite_db.read() as session:
        history = [(r.field, r.old, r.new) for r in list_revisions(session, caption.id)]
    assert ("target", IMAGE, "") in history and ("status", "approved", "new") in history
