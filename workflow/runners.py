"""Which job runner this process submits to: the Redis queue if configured, else in-process.

Without SONGNGU_REDIS_URL everything runs as it always did (a thread of the app, or the
CLI's own process); with it, jobs go to `songngu worker` processes. The faces ask here
rather than choosing, so the app and the CLI never disagree about where a job runs.
"""

from __future__ import annotations

from workflow import settings
from workflow.jobs import JobRunner, ThreadJobRunner
from workflow.storage import Database

THREAD_RUNNER = "thread"
REDIS_RUNNER = "redis"
REDIS_URL_SETTING = "SONGNGU_REDIS_URL"


def redis_url() -> str:
    """The configured Redis URL; empty: jobs run in the process that queues them."""
    return settings.get(REDIS_URL_SETTING).strip()


def active_runner() -> str:
    """THREAD_RUNNER or REDIS_RUNNER, as the settings say now."""
    return REDIS_RUNNER if redis_url() else THREAD_RUNNER


def job_runner(database: Database) -> JobRunner:
    """The runner jobs of this database are submitted to (the queue module, and Dramatiq,
    are imported only when Redis is configured)."""
    from workflow.redis_queue import RedisJobRunner

    url = redis_url()
    return RedisJobRunner(database, url) if url else ThreadJobRunner(database)
