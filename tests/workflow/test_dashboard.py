"""The project dashboard: counts by status and words, QA errors, MT coverage, steps,
recent activity; on both databases."""

from __future__ import annotations

from datetime import UTC, datetime

from primitives.statuses import Origin, Status
from workflow.dashboard import Step, project_dashboard
from workflow.exports import ExportRequest, build_export, record_export
from workflow.importing import import_document
from workflow.projects import create_project, get_project
from workflow.segments import edit_target, list_segments, set_status
from workflow.storage import Database
from workflow.users import resolve_actor

REPORT = "Báo cáo năm 2025.\n\nHội nghị bế mạc.\n\nCảm ơn các đại biểu.\n".encode()


def _project(database: Database) -> None:
    with database.write() as session:
        admin = resolve_actor(session, "admin")
        project = create_project(session, admin, "Bảng", "USAID")
        import_document(session, admin, project, REPORT, "bao-cao.txt")
        import_document(session, admin, project, "Phụ lục một.\n".encode(), "phu-luc.txt")


def test_counts_steps_and_activity(any_db: Database) -> None:
    _project(any_db)
    with any_db.write() as session:
        admin = resolve_actor(session, "admin")
        project = get_project(session, "Bảng")
        first, second, third, annex = list_segments(session, project)
        edit_target(session, admin, first.id, "The 2025 report.", origin=Origin.MT)
        edit_target(session, admin, second.id, "The conference closed.")
        set_status(session, admin, second.id, Status.TRANSLATED)
        # A number the source does not have: an open QA error on the first document.
        edit_target(session, admin, third.id, "Thanks to the 2024 delegates.")
        edit_target(session, admin, annex.id, "Annex one.")
        for status in (Status.TRANSLATED, Status.REVIEWED, Status.APPROVED):
            set_status(session, admin, annex.id, status)
    with any_db.read() as session:
        dashboard = project_dashboard(session, get_project(session, "Bảng"), recent=3)
    report, appendix = dashboard.documents
    assert (report.title, appendix.title) == ("bao-cao", "phu-luc")
    assert report.segments == 3 and report.words == 4 + 4 + 5
    assert report.by_status[Status.DRAFT].segments == 2
    assert report.by_status[Status.TRANSLATED].segments == 1
    assert report.by_status[Status.TRANSLATED].words == 4
    assert report.with_target == {Origin.MT: 1, Origin.HUMAN: 2}
    assert report.mt_coverage == 1 / 3 and report.target_coverage == 1.0
    assert report.open_qa_errors == 1 and appendix.open_qa_errors == 0
    assert report.step is Step.IMPORTED
    assert appendix.step is Step.APPROVED and not appendix.done(Step.EXPORTED)
    assert dashboard.segments == 4 and dashboard.at_least(Status.TRANSLATED) == 2
    assert dashboard.total(Status.APPROVED).segments == 1
    assert dashboard.open_qa_errors == 1 and dashboard.mt_segments == 1
    # Newest first: the annex's approval, review, confirmation.
    assert [(a.user, a.field, a.new, a.document_title) for a in dashboard.recent] == [
        ("admin", "status", "approved", "phu-luc"),
        ("admin", "status", "reviewed", "phu-luc"),
        ("admin", "status", "translated", "phu-luc"),
    ]


def test_a_recorded_export_completes_the_steps(any_db: Database) -> None:
    _project(any_db)
    moment = datetime(2026, 5, 14, 9, 30, tzinfo=UTC)
    with any_db.write() as session:
        admin = resolve_actor(session, "admin")
        project = get_project(session, "Bảng")
        annex = list_segments(session, project)[-1]
        edit_target(session, admin, annex.id, "Annex one.")
        for status in (Status.TRANSLATED, Status.REVIEWED, Status.APPROVED):
            set_status(session, admin, annex.id, status)
        exported = build_export(
            session, admin, project, ExportRequest("xliff21", "phu-luc"), now=moment
        )
        record_export(session, admin, project, exported)
        # A project resource (the glossary) is recorded without a document.
        terms = build_export(session, admin, project, ExportRequest("tbx"), now=moment)
        record_export(session, admin, project, terms)
    with any_db.read() as session:
        report, appendix = project_dashboard(session, get_project(session, "Bảng")).documents
    assert appendix.step is Step.EXPORTED
    assert appendix.exported_at is not None
    assert appendix.exported_at.replace(tzinfo=UTC) == moment
    assert report.exported_at is None and report.step is Step.IMPORTED


def test_an_empty_project(any_db: Database) -> None:
    with any_db.write() as session:
        create_project(session, resolve_actor(session, "admin"), "Trống", "USAID")
    with any_db.read() as session:
        dashboard = project_dashboard(session, get_project(session, "Trống"))
    assert dashboard.documents == [] and dashboard.recent == [] and dashboard.segments == 0
    assert dashboard.open_qa_errors == 0
