"""The "qa" job: every segment in scope checked and stored, the same signatures on a
re-run, one job at a time per project, and a stopped job going on where it stopped."""

from __future__ import annotations

import pytest
from songngu_testing.qa import SOURCES, UNTRANSLATED, qa_project

from primitives.errors import Conflict, InvalidInput
from workflow.jobs import JobState, create_job, get_job, request_cancel, run_job
from workflow.models import Document, Segment
from workflow.projects import get_project
from workflow.qa import job as qa_job
from workflow.qa.findings import FindingFilter, checked_version, list_findings
from workflow.qa.job import QAJobOptions, QAJobResult, create_qa_job, resume_qa_job
from workflow.storage import Database
from workflow.users import OPERATOR, resolve_actor


def _untranslated_targets(database: Database, ids: list[int]) -> None:
    """Targets written straight into the rows, as an import of a bilingual file would."""
    with database.write() as session:
        for segment_id in ids:
            segment = session.get(Segment, segment_id)
            segment.target = segment.source


def _run(database: Database, project_id: int, **options: object) -> QAJobResult:
    with database.write() as session:
        job = create_qa_job(
            session,
            resolve_actor(session, "tran"),
            get_project(session, project_id),
            options=QAJobOptions(**options),  # type: ignore[arg-type]
        )
        job_id = job.id
    assert run_job(database, job_id) is JobState.SUCCEEDED, _message(database, job_id)
    with database.read() as session:
        return QAJobResult.from_dict(get_job(session, job_id).result)


def _message(database: Database, job_id: int) -> str:
    with database.read() as session:
        return get_job(session, job_id).message


def _signatures(database: Database, project_id: int) -> list[tuple[int, str, str]]:
    with database.read() as session:
        found = list_findings(session, get_project(session, project_id))
    return sorted((f.segment_id, f.check, f.signature) for f in found)


def test_the_job_checks_every_segment_and_a_rerun_gives_the_same_signatures(
    any_db: Database,
) -> None:
    project_id, ids = qa_project(any_db)
    _untranslated_targets(any_db, ids[:2])
    result = _run(any_db, project_id, chunk_size=2)
    assert (result.checked, result.already_checked, result.moved_on) == (3, 0, 0)
    assert result.errors == 3  # two untranslated, one empty target
    found = _signatures(any_db, project_id)
    assert [(segment, check) for segment, check, _ in found] == [
        (ids[0], UNTRANSLATED),
        (ids[1], UNTRANSLATED),
        (ids[2], "empty-target"),
    ]
    with any_db.read() as session:
        assert all(checked_version(session, segment_id) == 1 for segment_id in ids)
    again = _run(any_db, project_id)
    assert again.checked == 3 and again.already_checked == 0  # a new job checks everything
    assert _signatures(any_db, project_id) == found


def test_one_document_only(any_db: Database) -> None:
    project_id, ids = qa_project(any_db)
    with any_db.write() as session:
        project = get_project(session, project_id)
        other = Document(
            project_id=project_id, title="other", filename="o.txt", format="txt", original=b""
        )
        session.add(other)
        session.flush()
        session.add(
            Segment(
                document_id=other.id,
                position=0,
                source=SOURCES[0],
                source_key="x",
                target=SOURCES[0],
            )
        )
        job = create_qa_job(session, resolve_actor(session, "tran"), project, document="other")
        job_id = job.id
        assert job.params["document_id"] == other.id
    assert run_job(any_db, job_id) is JobState.SUCCEEDED
    with any_db.read() as session:
        found = list_findings(session, get_project(session, project_id))
        assert [f.document_id for f in found] == [other.id]
        assert list_findings(
            session, get_project(session, project_id), FindingFilter(document_id=other.id)
        )
        assert all(checked_version(session, segment_id) is None for segment_id in ids)


def test_one_qa_job_at_a_time_per_project(any_db: Database) -> None:
    project_id, _ = qa_project(any_db)
    with any_db.write() as session:
        project = get_project(session, project_id)
        tran = resolve_actor(session, "tran")
        first = create_qa_job(session, tran, project)
        with pytest.raises(Conflict) as running:
            create_qa_job(session, tran, project)
        assert running.value.code == "qa.job_running"
        assert running.value.params["job_id"] == first.id
        request_cancel(session, OPERATOR, first.id)  # a queued job asked to stop is over
        assert create_qa_job(session, tran, project).id != first.id


def test_options_and_resuming_other_kinds_are_refused(any_db: Database) -> None:
    with pytest.raises(InvalidInput) as chunk:
        QAJobOptions(chunk_size=0)
    assert chunk.value.code == "qa.bad_chunk_size"
    with any_db.write() as session:
        admin = resolve_actor(session, "admin")
        other = create_job(session, admin, "mt", None, {})
        with pytest.raises(InvalidInput) as kind:
            resume_qa_job(session, admin, other.id)
    assert kind.value.code == "qa.not_a_qa_job"


def test_a_stopped_job_goes_on_where_it_stopped(
    any_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    project_id, ids = qa_project(any_db)
    _untranslated_targets(any_db, ids)
    with any_db.write() as session:
        job = create_qa_job(
            session,
            resolve_actor(session, "tran"),
            get_project(session, project_id),
            options=QAJobOptions(chunk_size=1),
        )
        job_id = job.id
    real_chunk = qa_job._check_chunk
    chunks: list[int] = []

    def stop_after_the_first(*args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        real_chunk(*args, **kwargs)
        chunks.append(1)
        if len(chunks) == 1:
            with any_db.write() as session:
                request_cancel(session, OPERATOR, job_id)

    monkeypatch.setattr(qa_job, "_check_chunk", stop_after_the_first)
    assert run_job(any_db, job_id) is JobState.CANCELLED
    with any_db.read() as session:
        assert [checked_version(session, i) for i in ids] == [1, None, None]
    with any_db.write() as session:
        resume_qa_job(session, resolve_actor(session, "tran"), job_id)
    assert run_job(any_db, job_id) is JobState.SUCCEEDED
    with any_db.read() as session:
        result = QAJobResult.from_dict(get_job(session, job_id).result)
        assert all(checked_version(session, i) == 1 for i in ids)
    assert (result.already_checked, result.checked) == (1, 2)
    assert len(chunks) == 3  # the first segment was not checked twice
    assert "2 segments checked" in result.summary() and "1 already checked" in result.summary()
