"""The Redis job runner: jobs enqueued through Dramatiq, run by `songngu worker` processes.

Chosen when SONGNGU_REDIS_URL is set (docs/operations.md "Workers" says why Dramatiq).
A message names a job or a chunk and nothing else: the database holds what to do and what
is done (workflow/job_chunks.py), so a lost queue loses no job, and submitting a job again
enqueues what is still open. An MT job's first message plans its chunks and enqueues one
message per chunk, which idle workers take in parallel; any other kind runs whole on one
worker with workflow.jobs.run_job. Dramatiq acknowledges a message after it ran, and the
Redis broker hands the unacknowledged messages of a worker silent for the heartbeat
timeout to the others: a chunk of a killed worker runs again elsewhere, and its done
marker makes the second run write nothing it wrote before.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from primitives.errors import InvalidInput
from workflow import settings
from workflow.job_chunks import CHUNKED_KINDS, MAX_CHUNK_ATTEMPTS, open_chunks, start_chunked_job
from workflow.jobs import JobState, get_job, new_runner_id, run_job
from workflow.runners import redis_url
from workflow.storage import Database, open_database

if TYPE_CHECKING:
    from dramatiq import Actor
    from dramatiq.brokers.redis import RedisBroker

WORKER_SILENT_SETTING = "SONGNGU_WORKER_SILENT_SECONDS"
QUEUE_NAME = "songngu"
START_ACTOR = "songngu_start_job"
CHUNK_ACTOR = "songngu_run_chunk"
# Chance per Redis command (of a million) that the broker looks for silent workers; the
# look is one sorted-set range, so checking often costs little and requeues sooner.
_MAINTENANCE_CHANCE = 50_000
_CHUNK_TIME_LIMIT_MS = 60 * 60 * 1000  # a chunk of 64 long sentences on a slow machine
_RETRY_BACKOFF_MS = (500, 5_000)


def worker_silent_ms() -> int:
    raw = settings.get(WORKER_SILENT_SETTING).strip()
    if raw.isdigit() and 1 <= int(raw) <= 86_400:
        return int(raw) * 1000
    raise InvalidInput(
        "settings.worker_silent_invalid",
        "{setting}={value!r} is not valid: set it to a whole number of seconds from 1 to 86400",
        setting=WORKER_SILENT_SETTING,
        value=raw,
    )


@dataclass
class JobQueue:
    """A Dramatiq broker on one Redis with songngu's two actors declared on it."""

    broker: RedisBroker
    start: Actor[..., Any]
    chunk: Actor[..., Any]

    def enqueue_job(self, job_id: int) -> None:
        self.start.send(job_id)

    def enqueue_chunks(self, chunk_ids: list[int]) -> None:
        for chunk_id in chunk_ids:
            self.chunk.send(chunk_id)

    def queued_messages(self) -> int:
        """Messages waiting in the queue (monitoring: workers fall behind when it grows)."""
        return int(self.broker.client.llen(f"{self.broker.namespace}:{QUEUE_NAME}"))


_queues: dict[str, JobQueue] = {}
_queues_lock = threading.Lock()


def job_queue(url: str | None = None) -> JobQueue:
    """The process's JobQueue for the URL (the configured one by default)."""
    url = url or redis_url()
    with _queues_lock:
        queue = _queues.get(url)
        if queue is None:
            queue = _queues[url] = _declare(url)
        return queue


def _declare(url: str) -> JobQueue:
    import dramatiq
    from dramatiq.brokers.redis import RedisBroker

    broker = RedisBroker(
        url=url, heartbeat_timeout=worker_silent_ms(), maintenance_chance=_MAINTENANCE_CHANCE
    )
    retry = {
        "max_retries": MAX_CHUNK_ATTEMPTS,
        "min_backoff": _RETRY_BACKOFF_MS[0],
        "max_backoff": _RETRY_BACKOFF_MS[1],
    }
    start = dramatiq.actor(
        _start_job, actor_name=START_ACTOR, queue_name=QUEUE_NAME, broker=broker, **retry
    )
    chunk = dramatiq.actor(
        _run_chunk,
        actor_name=CHUNK_ACTOR,
        queue_name=QUEUE_NAME,
        broker=broker,
        time_limit=_CHUNK_TIME_LIMIT_MS,
        **retry,
    )
    return JobQueue(broker, start, chunk)


# --- what a worker runs ---------------------------------------------------------------

# The worker process's runner id and engine source, set by workflow/worker.py.
worker_state: dict[str, Any] = {}


def _worker_id() -> str:
    return str(worker_state.setdefault("id", new_runner_id()))


def _start_job(job_id: int) -> None:
    database = open_database()
    with database.read() as session:
        kind = get_job(session, job_id).kind
    if kind not in CHUNKED_KINDS:
        run_job(database, job_id)
        return
    to_run = start_chunked_job(database, job_id, f"queue {_worker_id()}")
    if to_run:
        job_queue().enqueue_chunks(to_run)


def _run_chunk(chunk_id: int) -> None:
    from workflow.job_chunks import run_chunk

    engines = worker_state["engines"]
    run_chunk(open_database(), chunk_id, _worker_id(), engines)


# --- the runner the app and the CLI submit to -----------------------------------------


class RedisJobRunner:
    """Submits jobs to the Redis queue; `songngu worker` processes run them."""

    name = "redis"

    def __init__(self, database: Database, url: str) -> None:
        self.database = database
        self.url = url

    def submit(self, job_id: int) -> None:
        """Enqueue a queued job; for a running chunked job, its open chunks again.

        The second form is how a job whose messages Redis lost (restarted without its
        data) goes on: running a chunk again is harmless, its done marker sees to that.
        """
        with self.database.read() as session:
            job = get_job(session, job_id)
            state, kind = JobState(job.state), job.kind
        queue = job_queue(self.url)
        if state == JobState.RUNNING and kind in CHUNKED_KINDS:
            queue.enqueue_chunks(open_chunks(self.database, job_id))
        else:
            queue.enqueue_job(job_id)
