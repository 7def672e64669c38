"""Long work (MT, QA over a project, exports) as job records run by a runner.

A job is a row: kind, parameters, state, progress. A runner claims it with one guarded
UPDATE (queued, or running but stalled, to running under the runner's id), so two runners
given the same job never both run it: the one whose UPDATE changed no row does nothing.
A handler does the work through a JobContext that reports progress and answers "was I
asked to stop?" from the database, so the same handler runs in a background thread here
or in a worker on another machine; every write a runner makes to its job names its id, so
a runner whose stalled job was taken over stops at its next report. Handlers commit their
own work in chunks and skip what is already done, so a job that was killed can be queued
again (resume_job) and goes on where it stopped: at once if its process, on this machine,
is gone (runner_is_gone), otherwise once it has looked stalled for STALLED_AFTER. Kinds
are listed in workflow/job_kinds.py.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.orm import Session

from primitives.errors import Conflict, InvalidInput, NotFound, SongnguError, error_from_record
from primitives.processes import process_is_gone, this_host
from workflow.audit import Face, acting_from
from workflow.job_kinds import JOB_KINDS, known_kinds, load_handler
from workflow.models import Job, Project, utcnow
from workflow.permissions import Action
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
# States a person may queue again: a job that stopped, or one that never started.
_REQUEUEABLE = (JobState.QUEUED, JobState.FAILED, JobState.CANCELLED)


class JobFailed(SongnguError):
    """A job ended in failure; its message says why, and it can be resumed."""


# Job.result[ERROR_KEY] of a failed job: the SongnguError that stopped it, as a record
# (primitives.errors.SongnguError.to_record), so each face shows it in its own words.
ERROR_KEY = "error"


class JobCancelled(Exception):
    """Raised inside a handler when the job was asked to stop."""


class JobLost(Exception):
    """Raised inside a handler whose job another runner took over (it looked stalled)."""


def new_runner_id() -> str:
    """Who runs a job, as stored in Job.claimed_by: host, process, and a unique suffix."""
    return f"{this_host()} pid {os.getpid()} {uuid.uuid4().hex[:12]}"


@dataclass
class JobContext:
    database: Database
    job_id: int
    actor_name: str
    project_id: int | None
    runner: str

    def still_held(self) -> ColumnElement[bool]:
        """The job row, if this runner still holds it."""
        return and_(
            Job.id == self.job_id, Job.claimed_by == self.runner, Job.state == JobState.RUNNING
        )

    def progress(self, done: int, total: int, message: str = "") -> None:
        """Record progress (and that this runner is alive); JobLost if it was taken over."""
        values: dict[str, Any] = {"done": done, "total": total, "heartbeat_at": utcnow()}
        if message:
            values["message"] = message
        with self.database.write() as session:
            updated = session.execute(
                update(Job).where(self.still_held()).values(**values),
                execution_options={"synchronize_session": False},
            )
        if updated.rowcount != 1:
            raise JobLost()

    def check_cancel(self) -> None:
        """JobCancelled if someone asked the job to stop (or deleted it), JobLost if another
        runner took it over."""
        with self.database.read() as session:
            job = session.get(Job, self.job_id)
            if job is None:
                raise JobCancelled()
            if job.claimed_by != self.runner or job.state != JobState.RUNNING:
                raise JobLost()
            if job.cancel_requested:
                raise JobCancelled()


JobHandler = Callable[[JobContext, dict[str, Any]], dict[str, Any]]


def create_job(
    session: Session, actor: Actor, kind: str, project: Project | None, params: dict[str, Any]
) -> Job:
    if kind not in JOB_KINDS:
        raise InvalidInput(
            "job.unknown_kind",
            "unknown job kind {kind!r}: known kinds are {kinds}",
            kind=kind,
            kinds=", ".join(known_kinds()),
        )
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
        raise NotFound("job.not_found", "no job {job_id}", job_id=job_id)
    return job


def list_jobs(session: Session, project: Project | None = None, limit: int = 50) -> list[Job]:
    query = select(Job).order_by(Job.id.desc()).limit(limit)
    if project is not None:
        query = query.where(Job.project_id == project.id)
    return list(session.scalars(query))


def _update(session: Session, job: Job, *conditions: Any, **values: Any) -> bool:
    """One guarded UPDATE of the job's row; True if it matched. The job is reloaded."""
    updated = session.execute(
        update(Job).where(Job.id == job.id, *conditions).values(**values),
        execution_options={"synchronize_session": False},
    )
    session.refresh(job)
    return updated.rowcount == 1


def require_job_control(actor: Actor, job: Job) -> None:
    """Who may stop or resume a job: the person who started it (starting it took the
    kind's own role), or an editor or admin for anyone's job on their projects."""
    if job.created_by != actor.name:
        actor.require(Action.MANAGE_PROJECT)


def request_cancel(session: Session, actor: Actor, job_id: int) -> Job:
    """Ask a job to stop: a queued one is cancelled now, a running one at its next check."""
    job = get_job(session, job_id)
    require_job_control(actor, job)
    if job.state in FINISHED:
        raise InvalidInput(
            "job.already_finished",
            "job {job_id} has already {state}",
            job_id=job_id,
            state=str(job.state),
        )
    # Guarded by state, not decided on the state read above: a runner may claim the
    # queued job meanwhile, and then it must see the request rather than be overwritten.
    if not _update(
        session,
        job,
        Job.state == JobState.QUEUED,
        state=JobState.CANCELLED,
        cancel_requested=True,
        finished_at=utcnow(),
    ):
        if job.state == JobState.RUNNING and runner_is_gone(job.claimed_by):
            # Its process was killed: nobody is left to see the request, so stop it now
            # (guarded by the dead runner's id: a runner that took the job over is alive).
            _update(
                session,
                job,
                Job.state == JobState.RUNNING,
                Job.claimed_by == job.claimed_by,
                state=JobState.CANCELLED,
                cancel_requested=True,
                message="cancelled",
                finished_at=utcnow(),
            )
        else:
            _update(session, job, Job.state == JobState.RUNNING, cancel_requested=True)
    return job


_RUNNER_ID = re.compile(r"(?P<host>.*) pid (?P<pid>\d+) [0-9a-f]{12}")


def runner_is_gone(claimed_by: str | None) -> bool:
    """True if the runner named was a process of this machine that no longer exists.

    A job whose process was killed (kill -9, out of memory, a crash) on this machine can
    then be resumed at once instead of after STALLED_AFTER. A runner on another machine,
    or a process id now used again by another process, is taken to be alive: that job
    waits for STALLED_AFTER as before.
    """
    match = _RUNNER_ID.fullmatch(claimed_by or "")
    return match is not None and process_is_gone(match["host"], int(match["pid"]))


def is_stalled(job: Job) -> bool:
    """A running job whose process stopped reporting (killed, machine restarted)."""
    if job.state != JobState.RUNNING:
        return False
    if runner_is_gone(job.claimed_by):
        return True
    last = job.heartbeat_at or job.started_at
    if last is None:
        return True
    if last.tzinfo is None:  # SQLite returns naive datetimes
        last = last.replace(tzinfo=utcnow().tzinfo)
    return utcnow() - last > STALLED_AFTER


def _stalled(now: datetime) -> ColumnElement[bool]:
    """is_stalled as a condition on the row, for the guarded UPDATEs."""
    last_sign = func.coalesce(Job.heartbeat_at, Job.started_at)
    return and_(
        Job.state == JobState.RUNNING,
        or_(last_sign.is_(None), last_sign < now - STALLED_AFTER),
    )


def _no_handler(kind: str) -> InvalidInput:
    return InvalidInput(
        "job.no_handler", "no handler for job kind {kind!r} in this version of songngu", kind=kind
    )


def job_error(job: Job) -> SongnguError | None:
    """Why a failed job failed, as the error it recorded (None unless it failed).

    A job that failed on a bug, or before errors were recorded, has only its message.
    """
    if job.state != JobState.FAILED:
        return None
    record = (job.result or {}).get(ERROR_KEY)
    if isinstance(record, dict):
        try:
            return error_from_record(record)
        except (KeyError, TypeError):  # not a record this version can read
            pass
    return JobFailed("job.failed", "{message}", message=job.message)


def resume_job(session: Session, actor: Actor, job_id: int) -> Job:
    """Queue a stopped, failed or stalled job again, for a runner to claim and go on with."""
    job = get_job(session, job_id)
    require_job_control(actor, job)
    if job.kind not in JOB_KINDS:
        raise _no_handler(job.kind)
    resumable = or_(Job.state.in_(_REQUEUEABLE), _stalled(utcnow()))
    if job.state == JobState.RUNNING and runner_is_gone(job.claimed_by):
        # Guarded by the dead runner's id: a runner that claimed the job since is alive.
        resumable = or_(
            resumable, and_(Job.state == JobState.RUNNING, Job.claimed_by == job.claimed_by)
        )
    requeued = _update(
        session,
        job,
        resumable,
        state=JobState.QUEUED,
        cancel_requested=False,
        message="",
        result={},  # a failed attempt's error is no longer what the job is about
        finished_at=None,
    )
    if requeued:
        return job
    if job.state == JobState.SUCCEEDED:
        raise InvalidInput(
            "job.already_succeeded", "job {job_id} has already succeeded", job_id=job_id
        )
    raise Conflict(
        "job.still_running",
        "job {job_id} is still running: wait for it or stop it first",
        job_id=job_id,
    )


@dataclass(frozen=True)
class ClaimedJob:
    """A job this runner now holds, and what its handler needs."""

    context: JobContext
    kind: str
    params: dict[str, Any]


def claim_job(database: Database, job_id: int, runner: str) -> ClaimedJob | None:
    """Take a queued (or stalled) job for runner; None if it is not there to take.

    One UPDATE guarded by the claimable states: of two runners racing for a job, the
    database lets exactly one change the row (SQLite: one writer at a time; PostgreSQL:
    the second UPDATE waits on the row lock, then finds it no longer queued).
    """
    now = utcnow()
    with database.write() as session:
        job = get_job(session, job_id)
        claimed = _update(
            session,
            job,
            or_(Job.state == JobState.QUEUED, _stalled(now)),
            state=JobState.RUNNING,
            claimed_by=runner,
            message="",
            started_at=now,
            heartbeat_at=now,
            finished_at=None,
        )
        if not claimed:
            return None
        context = JobContext(database, job.id, job.created_by, job.project_id, runner)
        return ClaimedJob(context, job.kind, dict(job.params))


def _finish(claim: ClaimedJob, state: JobState, message: str, result: dict[str, Any]) -> None:
    values: dict[str, Any] = {"state": state, "finished_at": utcnow(), "result": result}
    if message:
        values["message"] = message
    context = claim.context
    with context.database.write() as session:
        # Written only while this runner holds the job: a runner whose job was taken
        # over leaves the record to the one that has it.
        session.execute(
            update(Job).where(context.still_held()).values(**values),
            execution_options={"synchronize_session": False},
        )


def _state_now(database: Database, job_id: int) -> JobState:
    """The job's state as stored now; a job deleted meanwhile (with its project) is over."""
    with database.read() as session:
        job = session.get(Job, job_id)
        return JobState(job.state) if job is not None else JobState.CANCELLED


def run_job(database: Database, job_id: int) -> JobState:
    """Claim the job and run it to its end in this thread; returns its state afterwards.

    A job that is not queued (nor stalled), or that another runner claimed first, is left
    alone: nothing runs and its state now is returned (RUNNING: someone else runs it).
    """
    claim = claim_job(database, job_id, new_runner_id())
    if claim is None:
        return _state_now(database, job_id)
    state, message, result = JobState.SUCCEEDED, "", {}
    try:
        handler = load_handler(claim.kind)
        if handler is None:
            # Recorded rather than raised, so the job does not look running forever.
            raise _no_handler(claim.kind)
        with acting_from(Face.WORKER):  # what a job records, it did as a worker
            result = handler(claim.context, claim.params) or {}
    except JobLost:
        return _state_now(database, job_id)
    except JobCancelled:
        state, message = JobState.CANCELLED, "cancelled"
    except SongnguError as error:
        state, message, result = JobState.FAILED, str(error), {ERROR_KEY: error.to_record()}
    except Exception as error:  # a bug: keep the job record honest, log the traceback
        log.error("job %s failed:\n%s", job_id, traceback.format_exc())
        state, message = JobState.FAILED, f"internal error: {type(error).__name__}: {error}"
    _finish(claim, state, message, result)
    return _state_now(database, job_id)


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
