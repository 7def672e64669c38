"""songngu jobs list|show|cancel|resume"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from typing import TYPE_CHECKING

import click

from cli.common import actor_for, as_option, database, emit_table
from cli.errors import one_line
from primitives.errors import Conflict
from workflow.job_chunks import chunk_counts, failed_chunks, open_chunks
from workflow.jobs import (
    FINISHED,
    JobFailed,
    JobState,
    get_job,
    is_stalled,
    job_error,
    list_jobs,
    request_cancel,
    require_job_control,
    resume_job,
    run_job,
)
from workflow.mt import MT_JOB_KIND, MTJobResult
from workflow.projects import get_project
from workflow.runners import REDIS_RUNNER, active_runner, job_runner
from workflow.storage import Database
from workflow.users import Actor

_POLL_SECONDS = 0.3

if TYPE_CHECKING:  # click's own name for what click.progressbar returns
    from click._termui_impl import ProgressBar


def _until_finished(db: Database, job_id: int) -> JobState:
    """Wait for a job the queue's workers run (the database says when it ended)."""
    while True:
        with db.read() as session:
            job = get_job(session, job_id)
            if job.state in FINISHED:
                return JobState(job.state)
        time.sleep(_POLL_SECONDS)


def follow_job(db: Database, actor: Actor, job_id: int, label: str) -> JobState:
    """Run a job (in a thread of this process, or on the queue's workers when Redis is
    configured) and draw its progress until it ends.

    Ctrl-C asks the job to stop at its next chunk boundary; committed work is kept. A
    failed job raises JobFailed (one error line); the bar is drawn only on a terminal, so
    a script's stderr holds nothing but that line.
    """
    outcome: dict[str, JobState | BaseException] = {}
    queued = active_runner() == REDIS_RUNNER
    if queued:
        job_runner(db).submit(job_id)

    def run() -> None:
        try:
            outcome["state"] = _until_finished(db, job_id) if queued else run_job(db, job_id)
        except BaseException as error:  # re-raised in the main thread, never printed here
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    stderr = sys.stderr
    bar = click.progressbar(length=1, label=label, show_pos=True, file=stderr)
    with bar if stderr.isatty() else contextlib.nullcontext(None) as shown_bar:
        try:
            _wait_for(db, job_id, thread, shown_bar)
        except KeyboardInterrupt:
            with db.write() as session:
                request_cancel(session, actor, job_id)
            click.echo("\nstopping after the current chunk…", err=True)
            thread.join()
    error = outcome.get("error")
    if isinstance(error, BaseException):
        raise error
    with db.read() as session:
        job = get_job(session, job_id)
        if job.state not in FINISHED:  # another runner claimed it first: nothing ran here
            raise Conflict(
                "job.claimed_elsewhere",
                "job {job_id} is being run by {runner}",
                job_id=job_id,
                runner=job.claimed_by,
            )
        error = job_error(job)
        if error is not None:
            raise JobFailed(
                "cli.job_failed",
                "job {job_id} failed: {message}; fix that, then run 'songngu jobs resume {job_id}'",
                job_id=job_id,
                message=one_line(error),  # with the hint of its code
            )
        return JobState(job.state)


def _wait_for(
    db: Database, job_id: int, thread: threading.Thread, bar: ProgressBar[int] | None
) -> None:
    shown = 0
    while thread.is_alive():
        thread.join(0.2)
        if bar is None:
            continue
        with db.read() as session:
            job = get_job(session, job_id)
            if job.total and bar.length != job.total:
                bar.length = job.total
            if job.done > shown:
                bar.update(job.done - shown)
                shown = job.done


@click.group("jobs")
def jobs_group() -> None:
    """Long-running work: machine translation, QA, exports."""


@jobs_group.command("list")
@click.argument("project", required=False)
def jobs_list(project: str | None) -> None:
    """List recent jobs (of PROJECT, if given)."""
    with database().read() as session:
        found = get_project(session, project) if project else None
        rows = []
        for job in list_jobs(session, found):
            state = "stalled" if is_stalled(job) else job.state
            rows.append(
                (job.id, job.kind, state, f"{job.done}/{job.total}", job.created_by, job.message)
            )
    emit_table(["id", "kind", "state", "progress", "by", "message"], rows)


@jobs_group.command("show")
@click.argument("job_id", type=int)
def jobs_show(job_id: int) -> None:
    """Show one job (and its chunks, when queue workers ran it)."""
    db = database()
    with db.read() as session:
        job = get_job(session, job_id)
        click.echo(f"job {job.id}: {job.kind}, {'stalled' if is_stalled(job) else job.state}")
        click.echo(f"progress: {job.done}/{job.total} {job.message}")
        if job.claimed_by:
            click.echo(f"run by: {job.claimed_by}")
        chunks = chunk_counts(db, job_id)
        if chunks:
            click.echo(
                "chunks: " + ", ".join(f"{n} {state}" for state, n in sorted(chunks.items()))
            )
        for position, chunk_error in failed_chunks(db, job_id):
            click.echo(f"chunk {position} failed: {chunk_error}")
        click.echo(f"parameters: {job.params}")
        error = job_error(job)
        if error is not None:
            click.echo(f"failed: {one_line(error)}")
        elif job.result:
            if job.kind == MT_JOB_KIND:
                result = MTJobResult.from_dict(job.result)
                click.echo(f"translated: {result.summary()}")
                if result.setup:
                    click.echo(f"engine: {result.setup_summary()}")
                click.echo(f"decoding: {result.decoding_summary()}")
            click.echo(f"result: {job.result}")


@jobs_group.command("cancel")
@click.argument("job_id", type=int)
@as_option
def jobs_cancel(job_id: int, as_user: str | None) -> None:
    """Ask a job to stop after its current chunk (its starter, an editor or an admin)."""
    with database().write() as session:
        job = request_cancel(session, actor_for(session, as_user), job_id)
        click.echo(f"job {job_id}: cancel requested ({job.state})")


@jobs_group.command("resume")
@click.argument("job_id", type=int)
@as_option
def jobs_resume(job_id: int, as_user: str | None) -> None:
    """Run a cancelled, failed or stalled job again; finished chunks are not redone.

    With the Redis queue, a running job's unfinished chunks are enqueued again (after
    Redis lost its messages): a chunk that runs twice writes once.
    """
    db = database()
    with db.write() as session:
        actor = actor_for(session, as_user)
        job = get_job(session, job_id)
        require_job_control(actor, job)
        if job.state == JobState.SUCCEEDED:
            click.echo(f"job {job_id} has already succeeded")
            return
        kind = job.kind
        requeue_open_chunks = (
            active_runner() == REDIS_RUNNER
            and job.state == JobState.RUNNING
            and not is_stalled(job)
            and bool(open_chunks(db, job_id))
        )
        if not requeue_open_chunks:
            resume_job(session, actor, job_id)
    if requeue_open_chunks:
        job_runner(db).submit(job_id)
        click.echo(f"job {job_id}: its unfinished chunks are queued again", err=True)
        start = time.monotonic()
        state = _until_finished(db, job_id)
        click.echo(f"job {job_id} {state} in {time.monotonic() - start:.1f} s")
        return
    start = time.monotonic()
    state = follow_job(db, actor, job_id, f"{kind} #{job_id}")
    click.echo(f"job {job_id} {state} in {time.monotonic() - start:.1f} s")


@jobs_group.command("fetch")
@click.argument("job_id", type=int)
@click.option("--out", required=True, help="The file to write (replaced atomically).")
@as_option
def jobs_fetch(job_id: int, out: str, as_user: str | None) -> None:
    """Write the file a finished export job made (with the Redis queue, a worker built it
    and kept it in the database) to --out."""
    from cli.export_output import write_job_output

    write_job_output(job_id, out, as_user)


def register(cli: click.Group) -> None:
    cli.add_command(jobs_group)
