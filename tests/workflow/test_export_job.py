"""Exports as jobs (what a queue worker runs): the file a face would build, recorded once,
kept in the database for the face that queued it, refused early for what can be refused
early, and failing whole (no file, no record) for what only the build can tell."""

from __future__ import annotations

import pytest
from songngu_testing import TEST_PASSWORD
from sqlalchemy import func, select

from primitives.errors import InvalidInput, NotFound
from primitives.statuses import Status
from workflow.audit import AuditAction
from workflow.export_job import create_export_job, job_output, run_export_job
from workflow.exports import ExportRequest, build_export
from workflow.importing import import_document
from workflow.jobs import JobContext, JobState, get_job, job_error, run_job
from workflow.models import AuditEvent, ExportRecord, Job, JobFile
from workflow.projects import create_project, get_project
from workflow.qa.job import create_qa_job
from workflow.segments import edit_target, list_segments, set_status
from workflow.storage import Database
from workflow.users import add_user, resolve_actor

PROJECT = "Báo cáo"


@pytest.fixture
def db(any_db: Database) -> Database:
    with any_db.write() as session:
        admin = resolve_actor(session, "admin")
        add_user(session, admin, "tran", "translator", TEST_PASSWORD)
        project = create_project(session, admin, PROJECT)
        import_document(
            session, admin, project, "Báo cáo năm 2025.\n\nHội nghị bế mạc.\n".encode(), "a.txt"
        )
        for segment, target in zip(
            list_segments(session, project),
            ["The 2025 report.", "The meeting closed."],
            strict=True,
        ):
            edit_target(session, admin, segment.id, target)
            set_status(session, admin, segment.id, Status.TRANSLATED)
    return any_db


def _queue(db: Database, request: ExportRequest) -> int:
    with db.write() as session:
        job = create_export_job(
            session, resolve_actor(session, "admin"), get_project(session, PROJECT), request
        )
        return job.id


def _count(db: Database, model: type, *where: object) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def test_an_export_job_keeps_the_file_a_face_would_build(db: Database) -> None:
    job_id = _queue(db, ExportRequest("tsv-pairs"))
    assert run_job(db, job_id) == JobState.SUCCEEDED
    with db.read() as session:
        output = job_output(session, resolve_actor(session, "admin"), job_id)
        direct = build_export(
            session,
            resolve_actor(session, "admin"),
            get_project(session, PROJECT),
            ExportRequest("tsv-pairs"),
        )
        job = get_job(session, job_id)
        assert (job.done, job.total) == (1, 1)
    assert output.data == direct.data  # a format without a timestamp: the same bytes
    assert output.result.filename == direct.filename
    assert output.result.size == len(direct.data)
    assert b"The meeting closed." in output.data
    assert _count(db, ExportRecord, ExportRecord.export_id == output.result.export_id) == 1
    assert _count(db, AuditEvent, AuditEvent.action == AuditAction.EXPORT) == 1


def test_a_job_run_again_returns_its_kept_file_and_records_nothing_twice(db: Database) -> None:
    job_id = _queue(db, ExportRequest("xliff12"))
    assert run_job(db, job_id) == JobState.SUCCEEDED
    with db.read() as session:
        first = job_output(session, resolve_actor(session, "admin"), job_id)
    # A redelivered message runs the handler again (here straight, as a worker would).
    context = JobContext(db, job_id, "admin", get_project_id(db), "again")
    with db.write() as session:  # hold the job as the second runner, as a claim would
        job = get_job(session, job_id)
        job.state, job.claimed_by = JobState.RUNNING, "again"
    with db.read() as session:
        params = dict(get_job(session, job_id).params)
    again = run_export_job(context, params)
    assert again["export_id"] == first.result.export_id
    assert _count(db, JobFile, JobFile.job_id == job_id) == 1
    assert _count(db, ExportRecord) == 1
    assert _count(db, AuditEvent, AuditEvent.action == AuditAction.EXPORT) == 1


def get_project_id(db: Database) -> int:
    with db.read() as session:
        return get_project(session, PROJECT).id


def test_what_can_be_refused_early_is_refused_before_anything_is_queued(db: Database) -> None:
    with pytest.raises(InvalidInput, match="unfinished segments can be"):
        _queue(db, ExportRequest("docx", pending="maybe"))
    with pytest.raises(NotFound, match="unknown file format"):
        _queue(db, ExportRequest("no-such-format"))
    with pytest.raises(NotFound):
        _queue(db, ExportRequest("xliff12", document="no such document"))
    assert _count(db, Job) == 0


def test_a_refused_build_fails_the_job_whole(db: Database) -> None:
    # A target DOCX is rebuilt from a DOCX original, and this one was a text file: only
    # the build can tell, so the job fails with that error, leaving no file and no record.
    job_id = _queue(db, ExportRequest("docx"))
    assert run_job(db, job_id) == JobState.FAILED
    with db.read() as session:
        error = job_error(get_job(session, job_id))
        assert error is not None and error.code == "docx_target.not_docx", error
        with pytest.raises(InvalidInput, match="has no file yet"):
            job_output(session, resolve_actor(session, "admin"), job_id)
    assert _count(db, JobFile) == 0
    assert _count(db, ExportRecord) == 0


def test_only_an_export_job_has_a_file_to_give(db: Database) -> None:
    job_id = _queue(db, ExportRequest("tmx"))
    assert run_job(db, job_id) == JobState.SUCCEEDED
    with db.write() as session:
        admin = resolve_actor(session, "admin")
        qa_job = create_qa_job(session, admin, get_project(session, PROJECT))
        qa_id = qa_job.id
    with db.read() as session:
        # Every role may export, the translator too (workflow.permissions).
        assert job_output(session, resolve_actor(session, "tran"), job_id).data
        with pytest.raises(InvalidInput, match="not an export"):
            job_output(session, resolve_actor(session, "admin"), qa_id)


def test_a_job_file_goes_with_its_job(db: Database) -> None:
    job_id = _queue(db, ExportRequest("tmx"))
    assert run_job(db, job_id) == JobState.SUCCEEDED
    with db.write() as session:
        session.delete(get_job(session, job_id))
    assert _count(db, JobFile) == 0
