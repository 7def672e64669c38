"""MT jobs on both runners (in-process and the Redis queue with `songngu worker` processes).

The same job tests run on each runner; the fault tests (a worker killed mid-chunk, Redis
restarted mid-job) on the queue alone. "Exactly once" is counted in the revisions: every
segment MT writes gets one target revision, so a chunk applied twice would show two.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from songngu_testing import seed_project
from songngu_testing.postgres import ON_POSTGRES_HALF
from songngu_testing.queue import RedisServer, Workers
from sqlalchemy import func, select

from primitives.statuses import Origin, Status
from translation.packages import install_package
from workflow.export_job import create_export_job, job_output
from workflow.exports import ExportRequest
from workflow.job_chunks import ChunkState, chunk_counts
from workflow.jobs import (
    FINISHED,
    JobState,
    ThreadJobRunner,
    get_job,
    job_error,
    request_cancel,
    resume_job,
)
from workflow.models import Job, JobChunk, QASegmentCheck, Revision, Segment, User
from workflow.mt import MTJobOptions, MTJobResult, create_mt_job
from workflow.projects import get_project
from workflow.qa.job import create_qa_job
from workflow.redis_queue import RedisJobRunner
from workflow.runners import REDIS_RUNNER, THREAD_RUNNER, active_runner, job_runner
from workflow.storage import Database
from workflow.users import OPERATOR, resolve_actor

# Unique sources (MT translates repeated ones once): one chunk each, so the job has many.
SOURCES = [f"Báo cáo số {n} của ủy ban nhân dân tỉnh về kinh tế." for n in range(1, 41)]
CHUNK = 2


# On the PostgreSQL half every test's default database is PostgreSQL (tests/conftest.py):
# there the "sqlite" case would be a second run of the "postgresql" one.
_SHARED_DATABASES = ["postgresql"] if ON_POSTGRES_HALF else ["sqlite", "postgresql"]


@pytest.fixture(params=_SHARED_DATABASES)
def db(
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    songngu_home: Path,
    copy_package_file: Path,
    packages: Path,
) -> Iterator[Database]:
    """The database the worker processes share (SQLite file, or a PostgreSQL server as a
    team runs workers on other machines), and the copying test model installed."""
    from songngu_testing.users import add_users

    from workflow.storage import forget_databases, open_database

    install_package(copy_package_file, directory=packages)
    url = None
    if request.param == "postgresql":
        postgres = request.getfixturevalue("postgres_databases")
        url = postgres.create()
        # The workers are subprocesses: they find the database through the environment.
        monkeypatch.setenv("SONGNGU_DATABASE_URL", url)
        forget_databases()
    database = open_database()
    add_users(database, "admin")
    yield database
    if url is not None:
        database.engine.dispose()
        forget_databases()
        postgres.drop(url)


class Runner:
    """One of the two runners, with a way to wait for a job to end."""

    def __init__(self, name: str, database: Database, workers: Workers | None) -> None:
        self.name = name
        self.database = database
        self.workers = workers
        self.runner = job_runner(database)

    def submit(self, job_id: int) -> None:
        self.runner.submit(job_id)

    def wait(self, job_id: int, timeout: float = 60) -> JobState:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.database.read() as session:
                state = JobState(get_job(session, job_id).state)
            if state in FINISHED:
                if isinstance(self.runner, ThreadJobRunner):
                    self.runner.wait(job_id, 10)
                return state
            time.sleep(0.1)
        logs = self.workers.logs() if self.workers else ""
        raise AssertionError(f"job {job_id} did not finish in {timeout} s\n{logs}")


@pytest.fixture(params=[THREAD_RUNNER, REDIS_RUNNER])
def runner(request: pytest.FixtureRequest, db: Database) -> Runner:
    if request.param == THREAD_RUNNER:
        return Runner(THREAD_RUNNER, db, None)
    workers: Workers = request.getfixturevalue("workers")
    workers.start(2)
    return Runner(REDIS_RUNNER, db, workers)


def _new_job(db: Database, sources: list[str] = SOURCES) -> tuple[int, list[int]]:
    project_id, segment_ids = seed_project(db, sources)
    with db.write() as session:
        project = get_project(session, project_id)
        job = create_mt_job(
            session,
            resolve_actor(session, "admin"),
            project,
            options=MTJobOptions(chunk_size=CHUNK),
        )
        return job.id, segment_ids


def _target_revisions(db: Database, segment_ids: list[int]) -> dict[int, int]:
    with db.read() as session:
        rows = session.execute(
            select(Revision.segment_id, func.count())
            .where(Revision.segment_id.in_(segment_ids), Revision.field == "target")
            .group_by(Revision.segment_id)
        )
        return {segment_id: count for segment_id, count in rows}


def _machine_drafts(db: Database, segment_ids: list[int]) -> int:
    with db.read() as session:
        return session.scalar(
            select(func.count()).where(
                Segment.id.in_(segment_ids),
                Segment.status == Status.DRAFT,
                Segment.origin == Origin.MT,
            )
        )


def _wait_for(condition: Callable[[], bool], timeout: float = 30, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def _done(db: Database, job_id: int) -> int:
    with db.read() as session:
        return get_job(session, job_id).done


def test_the_active_runner_follows_the_redis_setting(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SONGNGU_REDIS_URL", raising=False)
    assert active_runner() == THREAD_RUNNER
    assert isinstance(job_runner(db), ThreadJobRunner)
    monkeypatch.setenv("SONGNGU_REDIS_URL", "redis://127.0.0.1:1/0")
    assert active_runner() == REDIS_RUNNER
    assert isinstance(job_runner(db), RedisJobRunner)


def test_a_project_is_translated_once_per_segment(runner: Runner, db: Database) -> None:
    job_id, segment_ids = _new_job(db)
    runner.submit(job_id)
    assert runner.wait(job_id) == JobState.SUCCEEDED
    assert _target_revisions(db, segment_ids) == dict.fromkeys(segment_ids, 1)
    assert _machine_drafts(db, segment_ids) == len(SOURCES)
    with db.read() as session:
        job = get_job(session, job_id)
        assert (job.done, job.total) == (len(SOURCES), len(SOURCES))
        result = MTJobResult.from_dict(job.result)
    assert (result.machine_translated, result.sources_sent) == (len(SOURCES), len(SOURCES))
    assert result.setup  # the engine's setup is recorded on both runners
    if runner.name == REDIS_RUNNER:
        assert chunk_counts(db, job_id) == {ChunkState.DONE: len(SOURCES) // CHUNK}
        assert runner.workers is not None
        pids = {int(m) for m in re.findall(r"pid (\d+)", _claims(db, job_id))}
        assert len(pids) == 2, "both workers took chunks"


def _claims(db: Database, job_id: int) -> str:
    with db.read() as session:
        return " ".join(
            session.scalars(select(JobChunk.claimed_by).where(JobChunk.job_id == job_id))
        )


def test_a_cancelled_job_stops_and_resumes_without_redoing(runner: Runner, db: Database) -> None:
    job_id, segment_ids = _new_job(db, SOURCES * 1 + [s + " Thêm." for s in SOURCES])
    runner.submit(job_id)
    _wait_for(lambda: _done(db, job_id) > 0, what="the first chunk")
    with db.write() as session:
        request_cancel(session, OPERATOR, job_id)
    assert runner.wait(job_id) == JobState.CANCELLED
    translated = _machine_drafts(db, segment_ids)
    assert 0 < translated < len(segment_ids), "stopped part way"
    time.sleep(0.5)  # nothing goes on after the job says it was cancelled
    assert _machine_drafts(db, segment_ids) == translated
    with db.write() as session:
        resume_job(session, OPERATOR, job_id)
    runner.submit(job_id)
    assert runner.wait(job_id) == JobState.SUCCEEDED
    assert _target_revisions(db, segment_ids) == dict.fromkeys(segment_ids, 1)


def test_a_failing_job_is_reported_with_its_error(runner: Runner, db: Database) -> None:
    job_id, segment_ids = _new_job(db)
    with db.write() as session:  # the account that queued it was disabled meanwhile
        user = session.scalar(select(User).where(User.name == "admin"))
        assert user is not None
        user.disabled = True
    runner.submit(job_id)
    assert runner.wait(job_id) == JobState.FAILED
    with db.read() as session:
        error = job_error(get_job(session, job_id))
    assert error is not None and "disabled" in str(error)
    assert _target_revisions(db, segment_ids) == {}


def test_qa_and_export_jobs_run_on_either_runner(runner: Runner, db: Database) -> None:
    mt_id, segment_ids = _new_job(db, SOURCES[:6])
    runner.submit(mt_id)
    assert runner.wait(mt_id) == JobState.SUCCEEDED
    with db.write() as session:
        admin = resolve_actor(session, "admin")
        project = get_project(session, get_job(session, mt_id).project_id)
        qa_id = create_qa_job(session, admin, project).id
        export_id = create_export_job(session, admin, project, ExportRequest("tsv-pairs")).id
    for job_id in (qa_id, export_id):
        runner.submit(job_id)
    for job_id in (qa_id, export_id):
        assert runner.wait(job_id) == JobState.SUCCEEDED
    with db.read() as session:
        checked = session.scalar(
            select(func.count()).where(QASegmentCheck.segment_id.in_(segment_ids))
        )
        output = job_output(session, resolve_actor(session, "admin"), export_id)
        runners = {job_id: get_job(session, job_id).claimed_by for job_id in (qa_id, export_id)}
    assert checked == len(segment_ids)
    text = output.data.decode("utf-8")
    assert all(source in text for source in SOURCES[:6])  # the copy model's "translations"
    if runner.name == REDIS_RUNNER:  # run by the workers, not by this process
        assert all(f"pid {os.getpid()} " not in claim for claim in runners.values()), runners
        assert all(claim.startswith("queue ") or "pid" in claim for claim in runners.values())


def test_a_worker_killed_mid_chunk_loses_nothing_and_writes_once(
    db: Database, workers: Workers
) -> None:
    workers.start(3)
    job_id, segment_ids = _new_job(db)
    job_runner(db).submit(job_id)

    def running_chunk_pid() -> int | None:
        with db.read() as session:
            claim = session.scalar(
                select(JobChunk.claimed_by).where(
                    JobChunk.job_id == job_id, JobChunk.state == ChunkState.RUNNING
                )
            )
        found = re.search(r"pid (\d+)", claim or "")
        return int(found.group(1)) if found else None

    _wait_for(lambda: running_chunk_pid() is not None, what="a running chunk")
    victim = running_chunk_pid()
    assert victim is not None
    workers.kill(victim)
    assert Runner(REDIS_RUNNER, db, workers).wait(job_id) == JobState.SUCCEEDED
    assert _target_revisions(db, segment_ids) == dict.fromkeys(segment_ids, 1)
    assert chunk_counts(db, job_id) == {ChunkState.DONE: len(SOURCES) // CHUNK}


def test_redis_restarted_mid_job_loses_no_job(
    db: Database, workers: Workers, redis_server: RedisServer
) -> None:
    workers.start(2)
    job_id, segment_ids = _new_job(db)
    job_runner(db).submit(job_id)
    _wait_for(lambda: _done(db, job_id) > 0, what="the first chunk")
    redis_server.restart()  # no persistence: every queued message is gone
    with db.read() as session:
        job = session.get(Job, job_id)
        assert job is not None and job.state == JobState.RUNNING
    # The job record is the truth: resuming it enqueues its open chunks again.
    from click.testing import CliRunner

    from cli.main import cli

    resumed = CliRunner().invoke(cli, ["jobs", "resume", str(job_id)])
    assert resumed.exit_code == 0, resumed.output
    assert f"job {job_id} succeeded" in resumed.output
    assert Runner(REDIS_RUNNER, db, workers).wait(job_id) == JobState.SUCCEEDED
    assert _target_revisions(db, segment_ids) == dict.fromkeys(segment_ids, 1)


def test_a_worker_recycles_into_a_fresh_process_and_goes_on(db: Database, workers: Workers) -> None:
    workers.start(1, "--max-chunks", "8")
    job_id, segment_ids = _new_job(db)
    job_runner(db).submit(job_id)
    assert Runner(REDIS_RUNNER, db, workers).wait(job_id) == JobState.SUCCEEDED
    assert _target_revisions(db, segment_ids) == dict.fromkeys(segment_ids, 1)
    _wait_for(lambda: "recycling into a fresh process" in workers.logs(), what="a recycle")
    assert workers.processes[0].poll() is None, "the same pid runs on after exec"
