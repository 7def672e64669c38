"""Long work (MT, QA over a project, exports) as job records run by a runner.

A job is a row: kind, parameters, state, progress. A handler does the work through a
JobContext that reports progress and answers "was I asked to stop?" from the database,
so the same handler runs in a background thread here or in a worker on another machine.
Handlers commit their own work in chunks and skip what is already done, so a job that
was killed can be run again and resumes where it stopped.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from primitives.errors import InvalidInput, NotFound, SongnguError
from workflow.models import Job, Project, utcnow
from workflow.storage import Database
from workflow.stored_ints import fits_integer_column
from workflow.users import Actor

log = logging.getLogger(__name__)

STALLED_AFTER = timedelta(minutes=5)


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


FINISHED = {JobState.SUCCEEDED, JobState.FAILED, JobState.CANCELLED}


class JobFailed(SongnguError):
    """A job ended in failure; its message says why, and it can be resumed."""


class JobCancelled(Exception):
    """Raised inside a handler when the job was asked to stop."""


@dataclass
class JobContext:
    database: Database
    job_id: int
    actor_name: str
    project_id: int | None

    def progress(self, done: int, total: int, message: str = "") -> None:
        with self.database.write() as session:
            job = session.get(Job, self.job_id)
            assert job is not None
            job.done, job.total = done, total
            if message:
                job.message = message
            job.heartbeat_at = utcnow()

    def cancelled(self) -> bool:
        with self.database.read() as session:
            job = session.get(Job, self.job_id)
            return bool(job is None or job.cancel_requested)

    def check_cancel(self) -> None:
        if self.cancelled():
            raise JobCancelled()


JobHandler = Callable[[JobContext, dict[str, Any]], dict[str, Any]]
JOB_HANDLERS: dict[str, JobHandler] = {}


def job_handler(kind: str) -> Callable[[JobHandler], JobHandler]:
    """Register the function that runs jobs of a kind."""

    def register(function: JobHandler) -> JobHandler:
        JOB_HANDLERS[kind] = function
        return function

    return register


def create_job(
    session: Session, actor: Actor, kind: str, project: Project | None, params: dict[str, Any]
) -> Job:
    if kind not in JOB_HANDLERS:
        raise InvalidInput(f"unknown job kind {kind!r}: known kinds are {', '.join(JOB_HANDLERS)}")
    job = Job(
        kind=kind,
        project_id=project.id if project is not None else None,
        params=params,
        created_by=actor.name,
        state=JobState.QUEUED,
    )
    session.add(job)
    session.flush()
    return job


def get_job(session: Session, job_id: int) -> Job:
    job = session.get(Job, job_id) if fits_integer_column(job_id) else None
    if job is None:
        raise NotFound(f"no job {job_id}: see 'songngu jobs list'")
    return job


def list_jobs(session: Session, project: Project | None = None, limit: int = 50) -> list[Job]:
    query = select(Job).order_by(Job.id.desc()).limit(limit)
    if project is not None:
        query = query.where(Job.project_id == project.id)
    return list(session.scalars(query))


def request_cancel(session: Session, job_id: int) -> Job:
    job = get_job(session, job_id)
    if job.state in FINISHED:
        raise InvalidInput(f"job {job_id} has already {job.state}")
    job.cancel_requested = True
    if job.state == JobState.QUEUED:
        job.state = JobState.CANCELLED
        job.finished_at = utcnow()
    return job


def is_stalled(job: Job) -> bool:
    """A running job whose process stopped reporting (killed, machine restarted)."""
    if job.state != JobState.RUNNING:
        return False
    last = job.heartbeat_at or job.started_at
    if last is None:
        return True
    if last.tzinfo is None:  # SQLite returns naive datetimes
        last = last.replace(tzinfo=utcnow().tzinfo)
    return utcnow() - last > STALLED_AFTER


def run_job(database: Database, job_id: int) -> JobState:
    """Run one job to its end in this thread; returns the final state."""
    with database.write() as session:
        job = get_job(session, job_id)
        if job.state == JobState.SUCCEEDED:
            return JobState.SUCCEEDED
        handler = JOB_HANDLERS.get(job.kind)
        if handler is None:
            # Recorded rather than raised, so the job does not look queued forever and a
            # process that knows the kind can resume it.
            job.state = JobState.FAILED
            job.message = f"no handler for job kind {job.kind!r} in this process"
            job.finished_at = utcnow()
            return JobState.FAILED
        job.state = JobState.RUNNING
        job.cancel_requested = False
        job.message = ""
        job.started_at = job.heartbeat_at = utcnow()
        job.finished_at = None
        params = dict(job.params)
        context = JobContext(database, job.id, job.created_by, job.project_id)
    state, message, result = JobState.SUCCEEDED, "", {}
    try:
        result = handler(context, params) or {}
    except JobCancelled:
        state, message = JobState.CANCELLED, "cancelled"
    except SongnguError as error:
        state, message = JobState.FAILED, str(error)
    except Exception as error:  # a bug: keep the job record honest, log the traceback
        log.error("job %s failed:\n%s", job_id, traceback.format_exc())
        state, message = JobState.FAILED, f"internal error: {type(error).__name__}: {error}"
    with database.write() as session:
        job = get_job(session, job_id)
        job.state = state
        job.finished_at = utcnow()
        job.result = result
        if message:
            job.message = message
    return state


class JobRunner(Protocol):
    """Where jobs run: in this process, or (later) on workers elsewhere."""

    def submit(self, job_id: int) -> None: ...


class ThreadJobRunner:
    """The embedded default: each job in a background thread of this process."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.threads: dict[int, threading.Thread] = {}

    def submit(self, job_id: int) -> None:
        thread = threading.Thread(
            target=run_job, args=(self.database, job_id), name=f"songngu-job-{job_id}", daemon=True
        )
        self.threads[job_id] = thread
        thread.start()

    def wait(self, job_id: int, timeout: float | None = None) -> None:
        thread = self.threads.get(job_id)
        if thread is not None:
            thread.join(timeout)


class InlineJobRunner:
    """Runs a job to its end before submit returns (CLI batch use and tests)."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def submit(self, job_id: int) -> None:
        run_job(self.database, job_id)
