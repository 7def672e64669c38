"""The job runner: progress, failure, cancel, resume."""

from __future__ import annotations

import threading

import pytest

from primitives.errors import InvalidInput
from workflow.jobs import (
    JobContext,
    JobState,
    ThreadJobRunner,
    create_job,
    get_job,
    job_handler,
    request_cancel,
    run_job,
)
from workflow.storage import Database
from workflow.users import resolve_actor

release = threading.Event()
chunks_done: list[int] = []


@job_handler("test-count")
def count_job(context: JobContext, params: dict) -> dict:
    total = params["total"]
    start = len(chunks_done)  # resumable: chunks already done are skipped
    for index in range(start, total):
        if params.get("wait_at") == index:
            release.wait(10)
        context.check_cancel()
        chunks_done.append(index)
        context.progress(index + 1, total, f"chunk {index + 1}")
    return {"chunks": total}


@job_handler("test-fail")
def failing_job(context: JobContext, params: dict) -> dict:
    context.progress(1, 3)
    if params["kind"] == "user":
        raise InvalidInput("the input was bad")
    raise RuntimeError("boom")


def _create(db: Database, kind: str, params: dict) -> int:
    with db.write() as session:
        return create_job(session, resolve_actor(session, "admin"), kind, None, params).id


@pytest.fixture(autouse=True)
def _reset() -> None:
    chunks_done.clear()
    release.clear()


def test_job_reports_progress_and_result(sqlite_db: Database) -> None:
    job_id = _create(sqlite_db, "test-count", {"total": 3})
    runner = ThreadJobRunner(sqlite_db)
    runner.submit(job_id)
    runner.wait(job_id, 10)
    with sqlite_db.read() as session:
        job = get_job(session, job_id)
        assert (job.state, job.done, job.total, job.result) == ("succeeded", 3, 3, {"chunks": 3})
        assert job.message == "chunk 3"


@pytest.mark.parametrize(
    ("kind", "message"),
    [("user", "the input was bad"), ("bug", "internal error: RuntimeError: boom")],
)
def test_failure_is_recorded(sqlite_db: Database, kind: str, message: str) -> None:
    job_id = _create(sqlite_db, "test-fail", {"kind": kind})
    assert run_job(sqlite_db, job_id) is JobState.FAILED
    with sqlite_db.read() as session:
        job = get_job(session, job_id)
        assert job.message == message and job.done == 1


def test_cancel_then_resume_skips_finished_chunks(sqlite_db: Database) -> None:
    job_id = _create(sqlite_db, "test-count", {"total": 5, "wait_at": 2})
    runner = ThreadJobRunner(sqlite_db)
    runner.submit(job_id)
    for _ in range(200):
        if len(chunks_done) == 2:
            break
        threading.Event().wait(0.02)
    with sqlite_db.write() as session:
        request_cancel(session, job_id)
    release.set()
    runner.wait(job_id, 10)
    with sqlite_db.read() as session:
        job = get_job(session, job_id)
        assert job.state == "cancelled" and job.done == 2
    assert chunks_done == [0, 1]
    assert run_job(sqlite_db, job_id) is JobState.SUCCEEDED
    assert chunks_done == [0, 1, 2, 3, 4]


def test_unknown_kind_and_finished_cancel_are_user_errors(sqlite_db: Database) -> None:
    with sqlite_db.write() as session, pytest.raises(InvalidInput, match="unknown job kind"):
        create_job(session, resolve_actor(session, "admin"), "nope", None, {})
    job_id = _create(sqlite_db, "test-count", {"total": 1})
    run_job(sqlite_db, job_id)
    with sqlite_db.write() as session, pytest.raises(InvalidInput, match="already succeeded"):
        request_cancel(session, job_id)
