"""The job runner: progress, failure, cancel, resume, and one runner per job."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from songngu_testing import jobs as test_jobs
from sqlalchemy import update

from primitives.errors import Conflict, InvalidInput, NotFound
from primitives.processes import this_host
from workflow import job_kinds
from workflow.job_kinds import JOB_KINDS, load_handler
from workflow.jobs import (
    STALLED_AFTER,
    JobLost,
    JobState,
    ThreadJobRunner,
    claim_job,
    create_job,
    get_job,
    is_stalled,
    job_error,
    new_runner_id,
    request_cancel,
    resume_job,
    run_job,
    runner_is_gone,
)
from workflow.models import Job, utcnow
from workflow.mt import MT_JOB_KIND, run_mt_job
from workflow.storage import Database
from workflow.users import OPERATOR, resolve_actor


def _create(db: Database, kind: str, params: dict) -> int:
    with db.write() as session:
        return create_job(session, resolve_actor(session, "admin"), kind, None, params).id


def _job(db: Database, job_id: int) -> Job:
    with db.read() as session:
        return get_job(session, job_id)


@pytest.fixture(autouse=True)
def _test_kinds(monkeypatch: pytest.MonkeyPatch) -> None:
    for kind, target in test_jobs.TEST_JOB_KINDS.items():
        monkeypatch.setitem(JOB_KINDS, kind, target)
    test_jobs.chunks_done.clear()
    test_jobs.release.clear()


def test_job_reports_progress_and_result(sqlite_db: Database) -> None:
    job_id = _create(sqlite_db, "test-count", {"total": 3})
    runner = ThreadJobRunner(sqlite_db)
    runner.submit(job_id)
    runner.wait(job_id, 10)
    job = _job(sqlite_db, job_id)
    assert (job.state, job.done, job.total, job.result) == ("succeeded", 3, 3, {"chunks": 3})
    assert job.message == "chunk 3"
    assert job.claimed_by  # who ran it stays on the record


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("user", "the input 'terms.csv' was bad: no line 3"),
        ("bug", "internal error: RuntimeError: boom"),
    ],
)
def test_failure_is_recorded(sqlite_db: Database, kind: str, message: str) -> None:
    job_id = _create(sqlite_db, "test-fail", {"kind": kind})
    assert run_job(sqlite_db, job_id) is JobState.FAILED
    job = _job(sqlite_db, job_id)
    assert job.message == message and job.done == 1
    error = job_error(job)
    assert error is not None and str(error) == message


def test_a_user_error_is_recorded_with_its_code_and_parameters(sqlite_db: Database) -> None:
    """So the app words a failed job's reason in the user's language, the CLI with its hint."""
    job_id = _create(sqlite_db, "test-fail", {"kind": "user"})
    run_job(sqlite_db, job_id)
    job = _job(sqlite_db, job_id)
    assert job.result["error"] == {
        "kind": "invalid",
        "code": "test.bad_input",
        "template": "the input {name!r} was bad: {detail}",
        "params": {"name": "terms.csv"},
        "detail": {
            "kind": "not_found",
            "code": "test.no_line",
            "template": "no line {line}",
            "params": {"line": 3},
        },
    }
    error = job_error(job)
    assert isinstance(error, InvalidInput) and isinstance(error.detail, NotFound)
    vietnamese = {"test.bad_input": "dữ liệu {name!r} không dùng được: {detail}"}
    assert error.render(lambda e: vietnamese.get(e.code)) == (
        "dữ liệu 'terms.csv' không dùng được: no line 3"
    )
    with sqlite_db.write() as session:  # a resumed job is no longer about that error
        resume_job(session, OPERATOR, job_id)
    assert _job(sqlite_db, job_id).result == {}
    assert job_error(_job(sqlite_db, job_id)) is None


def test_a_bug_or_an_old_record_fails_with_its_message(sqlite_db: Database) -> None:
    job_id = _create(sqlite_db, "test-fail", {"kind": "bug"})
    run_job(sqlite_db, job_id)
    error = job_error(_job(sqlite_db, job_id))
    assert error is not None
    assert (error.code, error.params) == (
        "job.failed",
        {"message": "internal error: RuntimeError: boom"},
    )


def test_cancel_then_resume_skips_finished_chunks(sqlite_db: Database) -> None:
    job_id = _create(sqlite_db, "test-count", {"total": 5, "wait_at": 2})
    runner = ThreadJobRunner(sqlite_db)
    runner.submit(job_id)
    for _ in range(200):
        if len(test_jobs.chunks_done) == 2:
            break
        threading.Event().wait(0.02)
    with sqlite_db.write() as session:
        request_cancel(session, OPERATOR, job_id)
    test_jobs.release.set()
    runner.wait(job_id, 10)
    job = _job(sqlite_db, job_id)
    assert job.state == "cancelled" and job.done == 2
    assert test_jobs.chunks_done == [0, 1]
    # A cancelled job is not run again by being handed to a runner: only a resume does.
    assert run_job(sqlite_db, job_id) is JobState.CANCELLED
    assert test_jobs.chunks_done == [0, 1]
    with sqlite_db.write() as session:
        resumed = resume_job(session, OPERATOR, job_id)
        assert (resumed.state, resumed.cancel_requested) == (JobState.QUEUED, False)
    assert run_job(sqlite_db, job_id) is JobState.SUCCEEDED
    assert test_jobs.chunks_done == [0, 1, 2, 3, 4]


def test_a_queued_job_cancelled_before_a_runner_starts_never_runs(sqlite_db: Database) -> None:
    job_id = _create(sqlite_db, "test-count", {"total": 2})
    with sqlite_db.write() as session:
        assert request_cancel(session, OPERATOR, job_id).state == JobState.CANCELLED
    assert run_job(sqlite_db, job_id) is JobState.CANCELLED
    assert test_jobs.chunks_done == []


def test_unknown_kind_and_finished_cancel_are_user_errors(sqlite_db: Database) -> None:
    with sqlite_db.write() as session, pytest.raises(InvalidInput, match="unknown job kind"):
        create_job(session, resolve_actor(session, "admin"), "nope", None, {})
    job_id = _create(sqlite_db, "test-count", {"total": 1})
    run_job(sqlite_db, job_id)
    with sqlite_db.write() as session, pytest.raises(InvalidInput, match="already succeeded"):
        request_cancel(session, OPERATOR, job_id)
    with sqlite_db.write() as session, pytest.raises(InvalidInput, match="already succeeded"):
        resume_job(session, OPERATOR, job_id)


def test_a_kind_no_longer_listed_fails_on_the_record_and_cannot_be_resumed(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    job_id = _create(sqlite_db, "test-count", {"total": 1})
    monkeypatch.delitem(JOB_KINDS, "test-count")  # e.g. made by a newer songngu
    assert run_job(sqlite_db, job_id) is JobState.FAILED
    assert "no handler for job kind 'test-count'" in _job(sqlite_db, job_id).message
    error = job_error(_job(sqlite_db, job_id))
    assert error is not None and (error.code, error.params) == (
        "job.no_handler",
        {"kind": "test-count"},
    )
    with sqlite_db.write() as session, pytest.raises(InvalidInput, match="no handler"):
        resume_job(session, OPERATOR, job_id)


def test_every_listed_kind_has_its_handler() -> None:
    assert JOB_KINDS[MT_JOB_KIND] == "workflow.mt:run_mt_job"
    assert load_handler(MT_JOB_KIND) is run_mt_job
    for kind in JOB_KINDS:
        assert callable(load_handler(kind)), kind
    assert job_kinds.load_handler("nope") is None


def test_a_running_job_is_not_claimed_nor_resumed_until_it_stalls(any_db: Database) -> None:
    job_id = _create(any_db, "test-count", {"total": 1})
    first = claim_job(any_db, job_id, "first runner")
    assert first is not None and first.kind == "test-count"
    assert claim_job(any_db, job_id, "second runner") is None
    assert run_job(any_db, job_id) is JobState.RUNNING  # nothing ran here
    assert test_jobs.chunks_done == []
    with any_db.write() as session, pytest.raises(Conflict, match="still running"):
        resume_job(session, OPERATOR, job_id)
    # The first runner dies: its heartbeat gets old, another runner takes the job over.
    with any_db.write() as session:
        old = utcnow() - STALLED_AFTER - timedelta(seconds=1)
        session.execute(update(Job).values(heartbeat_at=old))
    assert run_job(any_db, job_id) is JobState.SUCCEEDED
    assert test_jobs.chunks_done == [0]
    job = _job(any_db, job_id)
    assert job.claimed_by not in ("", "first runner")


def test_a_job_whose_process_here_is_gone_resumes_at_once(sqlite_db: Database) -> None:
    ended = subprocess.Popen(["true"])
    ended.wait()
    killed = f"{this_host()} pid {ended.pid} 0123456789ab"
    alive = f"{this_host()} pid {os.getpid()} 0123456789ab"
    elsewhere = f"another-host pid {ended.pid} 0123456789ab"
    assert (runner_is_gone(killed), runner_is_gone(alive), runner_is_gone(elsewhere)) == (
        True,
        False,
        False,
    )
    assert not runner_is_gone("first runner") and not runner_is_gone(None)
    job_id = _create(sqlite_db, "test-count", {"total": 1})
    for runner in (alive, elsewhere):
        assert claim_job(sqlite_db, job_id, runner) is not None
        assert not is_stalled(_job(sqlite_db, job_id))
        with sqlite_db.write() as session, pytest.raises(Conflict, match="still running"):
            resume_job(session, OPERATOR, job_id)
        with sqlite_db.write() as session:
            session.execute(update(Job).values(state=JobState.QUEUED))
    assert claim_job(sqlite_db, job_id, killed) is not None
    assert is_stalled(_job(sqlite_db, job_id))
    with sqlite_db.write() as session:
        assert resume_job(session, OPERATOR, job_id).state == JobState.QUEUED
    assert run_job(sqlite_db, job_id) is JobState.SUCCEEDED
    assert test_jobs.chunks_done == [0]


def test_cancelling_a_job_whose_process_is_gone_stops_it_now(sqlite_db: Database) -> None:
    ended = subprocess.Popen(["true"])
    ended.wait()
    alive, killed = (f"{this_host()} pid {pid} 0123456789ab" for pid in (os.getpid(), ended.pid))
    running, dead = _create(sqlite_db, "test-count", {}), _create(sqlite_db, "test-count", {})
    assert claim_job(sqlite_db, running, alive) and claim_job(sqlite_db, dead, killed)
    with sqlite_db.write() as session:
        request_cancel(session, OPERATOR, running)
        request_cancel(session, OPERATOR, dead)
    assert (_job(sqlite_db, running).state, _job(sqlite_db, running).cancel_requested) == (
        JobState.RUNNING,
        True,
    )  # its runner stops at its next check
    assert _job(sqlite_db, dead).state == JobState.CANCELLED


def test_a_runner_whose_job_was_taken_over_stops_and_writes_nothing(any_db: Database) -> None:
    job_id = _create(any_db, "test-count", {"total": 3})
    slow = claim_job(any_db, job_id, "slow runner")
    assert slow is not None
    with any_db.write() as session:
        old = utcnow() - STALLED_AFTER - timedelta(seconds=1)
        session.execute(update(Job).values(heartbeat_at=old))
    fast = claim_job(any_db, job_id, "fast runner")
    assert fast is not None
    with pytest.raises(JobLost):
        slow.context.progress(1, 3, "the slow one is still alive")
    with pytest.raises(JobLost):
        slow.context.check_cancel()
    fast.context.progress(2, 3, "taken over")
    job = _job(any_db, job_id)
    assert (job.claimed_by, job.done, job.message) == ("fast runner", 2, "taken over")


def test_two_threads_racing_for_one_job_run_it_once(any_db: Database, tmp_path: Path) -> None:
    log = tmp_path / "runs.log"
    job_id = _create(any_db, "test-race", {"log": str(log), "hold": 0.5})
    barrier = threading.Barrier(2)
    states: list[JobState] = []

    def runner() -> None:
        barrier.wait(10)
        states.append(run_job(any_db, job_id))

    threads = [threading.Thread(target=runner) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    runs = log.read_text(encoding="utf-8").splitlines()
    assert len(runs) == 1
    job = _job(any_db, job_id)
    assert (job.state, job.claimed_by, job.result) == ("succeeded", runs[0], {"runner": runs[0]})
    # The loser saw the job running (or already done) and ran nothing.
    assert JobState.SUCCEEDED in states and set(states) <= {JobState.SUCCEEDED, JobState.RUNNING}


def test_two_processes_racing_for_one_job_run_it_once(any_db: Database, tmp_path: Path) -> None:
    log = tmp_path / "runs.log"
    job_id = _create(any_db, "test-race", {"log": str(log), "hold": 0.5})
    spawn = multiprocessing.get_context("spawn")
    barrier = spawn.Barrier(2)
    states = spawn.Queue()
    processes = [
        spawn.Process(target=test_jobs.race_runner, args=(any_db.url, job_id, barrier, states))
        for _ in range(2)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(90)
        assert process.exitcode == 0
    runs = log.read_text(encoding="utf-8").splitlines()
    assert len(runs) == 1
    job = _job(any_db, job_id)
    assert (job.state, job.claimed_by) == ("succeeded", runs[0])
    results = sorted(states.get(timeout=5) for _ in processes)
    assert "succeeded" in results and set(results) <= {"succeeded", "running"}


def test_runner_ids_differ_per_run() -> None:
    assert new_runner_id() != new_runner_id()
