"""songngu translate: machine-translate a project's untouched segments as a job."""

from __future__ import annotations

import time

import click

from cli.commands.jobs import follow_job
from cli.common import actor_for, as_option, database
from workflow.jobs import JobState, get_job
from workflow.mt import MTJobOptions, MTJobResult, create_mt_job
from workflow.projects import get_project

EXIT_STOPPED = 130  # stopped by Ctrl-C or 'songngu jobs cancel', like an interrupted command


@click.command("translate")
@click.argument("project")
@click.option("--document", default=None, help="Only this document (title or id).")
@click.option(
    "--beam",
    type=int,
    default=MTJobOptions.beam_size,
    show_default=True,
    help="Beam size: wider is slower and sometimes better.",
)
@as_option
def translate_command(project: str, document: str | None, beam: int, as_user: str | None) -> None:
    """Machine-translate the segments of PROJECT nobody has worked on yet.

    Segments a person confirmed, drafted or rejected are left alone, and identical
    sources are translated once. Ctrl-C stops after the current chunk; what is done is
    kept, and running this command again (or 'songngu jobs resume ID') goes on from there.
    """
    db = database()
    with db.write() as session:
        actor = actor_for(session, as_user)
        found = get_project(session, project)
        job = create_mt_job(
            session, actor, found, document=document, options=MTJobOptions(beam_size=beam)
        )
        job_id, label = job.id, f"translating {found.name}"
    started = time.monotonic()
    state = follow_job(db, actor, job_id, label)
    elapsed = time.monotonic() - started
    if state == JobState.CANCELLED:
        click.echo(
            f"job {job_id} stopped; the chunks already translated are saved: run "
            f"'songngu jobs resume {job_id}' to go on",
            err=True,
        )
        raise click.exceptions.Exit(EXIT_STOPPED)
    with db.read() as session:
        result = MTJobResult.from_dict(get_job(session, job_id).result)
    click.echo(f"job {job_id}: {result.summary()} in {elapsed:.1f} s")
    click.echo(f"decoding: {result.decoding_summary()}")


def register(cli: click.Group) -> None:
    cli.add_command(translate_command)
