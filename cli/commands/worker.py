"""songngu worker: run queued jobs from Redis (SONGNGU_REDIS_URL) until stopped."""

from __future__ import annotations

import os
import sys

import click

from primitives.errors import InvalidInput
from workflow.runners import REDIS_URL_SETTING, redis_url


@click.command("worker")
@click.option(
    "--threads",
    type=click.IntRange(1, 256),
    default=1,
    show_default=True,
    help="Engine threads (OMP_NUM_THREADS): run at most cores/threads workers per machine.",
)
@click.option(
    "--max-chunks",
    type=click.IntRange(1),
    default=1000,
    show_default=True,
    help="Messages run before this process is replaced by a fresh one (bounded memory).",
)
@click.option(
    "--max-memory-mb",
    type=click.IntRange(64),
    default=4096,
    show_default=True,
    help="Resident memory after which this process is replaced by a fresh one.",
)
def worker_command(threads: int, max_chunks: int, max_memory_mb: int) -> None:
    """Run MT, QA and other jobs from the Redis queue, one chunk at a time.

    Start one per core group on any machine that reaches Redis and the database; the
    model is loaded by the first chunk and kept. SIGTERM or Ctrl-C stops after the
    current chunk (an unfinished one goes to another worker).
    """
    if not redis_url():
        raise InvalidInput(
            "worker.no_queue",
            "no job queue is configured: set {setting} to the Redis URL the jobs are queued on",
            setting=REDIS_URL_SETTING,
        )
    from workflow.worker import RECYCLED, WorkerLimits, run_worker

    limits = WorkerLimits(threads=threads, max_chunks=max_chunks, memory_mb=max_memory_mb)
    click.echo(f"worker pid {os.getpid()}: waiting for jobs on the Redis queue", err=True)
    if run_worker(limits) == RECYCLED:
        click.echo(f"worker pid {os.getpid()}: recycling into a fresh process", err=True)
        sys.stdout.flush()
        sys.stderr.flush()
        # The same command line in a fresh image: a new interpreter and model, same pid.
        os.execv(sys.executable, sys.orig_argv)


def register(cli: click.Group) -> None:
    cli.add_command(worker_command)
