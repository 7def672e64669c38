"""An MT job cut into chunks that queue workers run in parallel, recorded in the database.

The queue (workflow/redis_queue.py) only says "run chunk 12"; what a chunk is, whether it
is done, and the job's progress live in the job_chunks rows. Delivery is at least once (a
worker killed mid-chunk has its message delivered again), so a chunk may run twice: its
writes and its done marker commit in one transaction that first turns the chunk's row
from queued/running to done, and a second run finds it done and writes nothing (on
PostgreSQL the second transaction waits on that row, then matches no row). The segment
writes keep the version guard of apply_fills. Progress is the job row's done count, added
to in the same transaction; the last chunk to finish ends the job (one guarded UPDATE).
Cancelling the job stops the chunks not yet finished; a chunk that keeps failing is
recorded with its error and fails the job, which can then be resumed.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select, update

from primitives.errors import NotFound, SongnguError
from translation.engine import TranslationEngine, engine_setup
from workflow.jobs import (
    ERROR_KEY,
    JobCancelled,
    JobFailed,
    JobState,
    claim_job,
    get_job,
)
from workflow.models import Job, JobChunk, Project, utcnow
from workflow.mt import (
    MT_JOB_KIND,
    MTJobOptions,
    MTJobResult,
    add_results,
    plan_chunks,
    store_fills,
    translate_chunk,
)
from workflow.permissions import Action
from workflow.storage import Database
from workflow.users import resolve_actor

log = logging.getLogger(__name__)

CHUNKED_KINDS = {MT_JOB_KIND}  # other kinds run whole, on one worker
MAX_CHUNK_ATTEMPTS = 3  # a chunk that failed this often on an unexpected error fails the job
PLAN_KEY = "plan"  # Job.result[PLAN_KEY]: what the plan left alone, before any chunk ran


class ChunkState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


_OPEN = (ChunkState.QUEUED, ChunkState.RUNNING)

EngineSource = Callable[[MTJobOptions], TranslationEngine]


def start_chunked_job(database: Database, job_id: int, runner: str) -> list[int] | None:
    """Claim a queued (or stalled) job and return the ids of its chunks still to run.

    The first start plans the chunks; a resumed job keeps its chunks, and those not done
    are queued again. None: the job was not there to claim (finished, or running).
    """
    claim = claim_job(database, job_id, runner)
    if claim is None:
        return None
    options = MTJobOptions.from_params(claim.params)
    with database.write() as session:
        job = get_job(session, job_id)
        existing = list(session.scalars(select(JobChunk).where(JobChunk.job_id == job_id)))
        if not existing:
            project = session.get(Project, job.project_id)
            if project is None:
                raise NotFound(
                    "mt.project_deleted",
                    "project {project_id} was deleted: nothing to translate",
                    project_id=job.project_id,
                )
            chunks, planned = plan_chunks(session, project, options)
            existing = [
                JobChunk(job_id=job_id, position=position, segment_ids=ids, state=ChunkState.QUEUED)
                for position, ids in enumerate(chunks)
            ]
            session.add_all(existing)
            job.result = {PLAN_KEY: planned.as_dict()}
        for chunk in existing:
            if chunk.state != ChunkState.DONE:
                chunk.state, chunk.attempts, chunk.error = ChunkState.QUEUED, 0, ""
        job.total = sum(len(chunk.segment_ids) for chunk in existing)
        job.done = sum(len(c.segment_ids) for c in existing if c.state == ChunkState.DONE)
        job.message = "translating"
        session.flush()
        to_run = [chunk.id for chunk in existing if chunk.state != ChunkState.DONE]
    if not to_run:
        finish_if_complete(database, job_id)
    return to_run


def open_chunks(database: Database, job_id: int) -> list[int]:
    """The chunks of a running job not finished yet (to enqueue again after a lost queue)."""
    with database.read() as session:
        return list(
            session.scalars(
                select(JobChunk.id)
                .where(JobChunk.job_id == job_id, JobChunk.state.in_(_OPEN))
                .order_by(JobChunk.position)
            )
        )


def chunk_counts(database: Database, job_id: int) -> dict[str, int]:
    """How many of the job's chunks are in each state (for the CLI, the app, monitoring)."""
    with database.read() as session:
        rows = session.execute(
            select(JobChunk.state, func.count())
            .where(JobChunk.job_id == job_id)
            .group_by(JobChunk.state)
        )
        return {state: count for state, count in rows}


def failed_chunks(database: Database, job_id: int) -> list[tuple[int, str]]:
    """(position, error) of each failed chunk of the job."""
    with database.read() as session:
        rows = session.execute(
            select(JobChunk.position, JobChunk.error)
            .where(JobChunk.job_id == job_id, JobChunk.state == ChunkState.FAILED)
            .order_by(JobChunk.position)
        )
        return [(position, error) for position, error in rows]


def _set_chunk(database: Database, chunk_id: int, *states: str, **values: Any) -> bool:
    with database.write() as session:
        updated = session.execute(
            update(JobChunk)
            .where(JobChunk.id == chunk_id, JobChunk.state.in_(states))
            .values(**values),
            execution_options={"synchronize_session": False},
        )
    return updated.rowcount == 1


def _job_wants_chunks(database: Database, job_id: int) -> bool:
    with database.read() as session:
        job = session.get(Job, job_id)
        return job is not None and job.state == JobState.RUNNING and not job.cancel_requested


def run_chunk(database: Database, chunk_id: int, worker: str, engines: EngineSource) -> None:
    """Run one chunk to its end (done, failed or cancelled); a second delivery does nothing.

    An unexpected error re-raises while the chunk has attempts left (the queue retries
    it); after MAX_CHUNK_ATTEMPTS, or on a SongnguError, the chunk fails with its error.
    """
    with database.read() as session:
        chunk = session.get(JobChunk, chunk_id)
        if chunk is None or chunk.state not in _OPEN:
            return  # done already (a redelivery), or its job was deleted
        job_id, ids, attempts = chunk.job_id, list(chunk.segment_ids), chunk.attempts
    if not _job_wants_chunks(database, job_id):
        _set_chunk(database, chunk_id, *_OPEN, state=ChunkState.CANCELLED, finished_at=utcnow())
        finish_if_complete(database, job_id)
        return
    _set_chunk(
        database,
        chunk_id,
        *_OPEN,
        state=ChunkState.RUNNING,
        attempts=attempts + 1,
        claimed_by=worker,
    )
    try:
        _translate_and_store(database, job_id, chunk_id, ids, engines)
    except JobCancelled:
        _set_chunk(database, chunk_id, *_OPEN, state=ChunkState.CANCELLED, finished_at=utcnow())
    except SongnguError as error:
        _fail(database, chunk_id, str(error))
    except Exception as error:
        detail = f"internal error: {type(error).__name__}: {error}"
        log.error("chunk %s of job %s failed:\n%s", chunk_id, job_id, traceback.format_exc())
        if attempts + 1 < MAX_CHUNK_ATTEMPTS:
            _set_chunk(database, chunk_id, *_OPEN, state=ChunkState.QUEUED, error=detail)
            raise
        _fail(database, chunk_id, detail)
    finish_if_complete(database, job_id)


def _fail(database: Database, chunk_id: int, error: str) -> None:
    _set_chunk(
        database, chunk_id, *_OPEN, state=ChunkState.FAILED, error=error, finished_at=utcnow()
    )


def _translate_and_store(
    database: Database, job_id: int, chunk_id: int, ids: list[int], engines: EngineSource
) -> None:
    def check_cancel() -> None:
        if not _job_wants_chunks(database, job_id):
            raise JobCancelled()

    with database.read() as session:
        job = get_job(session, job_id)
        options = MTJobOptions.from_params(job.params)
        actor = resolve_actor(session, job.created_by)
        actor.require(Action.TRANSLATE)
        project_id = job.project_id
    if project_id is None:
        raise NotFound("job.not_found", "no job {job_id}", job_id=job_id)
    engine = engines(options)
    translated = translate_chunk(database, engine, project_id, ids, check_cancel)
    translated.result.setup = engine_setup(engine).as_dict()
    check_cancel()
    with database.write() as session:
        # The marker first: it takes the chunk's row, so of two runs of one chunk the
        # second finds it done here and leaves every segment alone.
        marked = session.execute(
            update(JobChunk)
            .where(JobChunk.id == chunk_id, JobChunk.state.in_(_OPEN))
            .values(state=ChunkState.DONE, finished_at=utcnow(), error=""),
            execution_options={"synchronize_session": False},
        )
        if marked.rowcount != 1:
            session.rollback()
            return
        store_fills(session, actor, translated.fills, translated.result)
        session.execute(
            update(JobChunk)
            .where(JobChunk.id == chunk_id)
            .values(result=translated.result.as_dict()),
            execution_options={"synchronize_session": False},
        )
        session.execute(
            update(Job)
            .where(Job.id == job_id, Job.state == JobState.RUNNING)
            .values(done=Job.done + len(ids), heartbeat_at=utcnow()),
            execution_options={"synchronize_session": False},
        )


def finish_if_complete(database: Database, job_id: int) -> JobState | None:
    """End the job once none of its chunks is open; its state then (None: still running).

    Any failed chunk fails the job (with every failed chunk's error), a cancel request
    cancels it, else it succeeded. Two chunks ending at once may both get here: the
    UPDATE is guarded by the running state, so the job ends once.
    """
    with database.write() as session:
        job = session.get(Job, job_id)
        if job is None or job.state != JobState.RUNNING:
            return None
        chunks = list(session.scalars(select(JobChunk).where(JobChunk.job_id == job_id)))
        if any(chunk.state in _OPEN for chunk in chunks):
            return None
        total = MTJobResult.from_dict((job.result or {}).get(PLAN_KEY, {}))
        for chunk in chunks:
            if chunk.state == ChunkState.DONE:
                add_results(total, chunk.result)
        result = total.as_dict()
        failed = sorted((c for c in chunks if c.state == ChunkState.FAILED), key=_position)
        if failed:
            error = JobFailed(
                "job.chunks_failed",
                "{failed} of {chunks} chunks failed; chunk {position}: {error}",
                failed=len(failed),
                chunks=len(chunks),
                position=failed[0].position,
                error=failed[0].error,
            )
            state, message = JobState.FAILED, str(error)
            result[ERROR_KEY] = error.to_record()
            result["failed_chunks"] = [[c.position, c.error] for c in failed]
        elif job.cancel_requested or any(c.state == ChunkState.CANCELLED for c in chunks):
            state, message = JobState.CANCELLED, "cancelled"
        else:
            state, message = JobState.SUCCEEDED, ""
        values: dict[str, Any] = {"state": state, "finished_at": utcnow(), "result": result}
        values["message"] = message
        ended = session.execute(
            update(Job).where(Job.id == job_id, Job.state == JobState.RUNNING).values(**values),
            execution_options={"synchronize_session": False},
        )
        return state if ended.rowcount == 1 else None


def _position(chunk: JobChunk) -> int:
    return chunk.position
