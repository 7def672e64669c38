"""The line `songngu export` prints for a written file, and the writing of the file an
export job kept (`songngu export` on the queue, `songngu jobs fetch`)."""

from __future__ import annotations

from pathlib import Path

import click

from cli.common import actor_for, database
from exporters.registry import get_format
from workflow.export_job import job_output
from workflow.exports import save_export


def echo_written(
    path: Path, label: str, size: int, export_id: str, exported_at: str, validated: bool
) -> None:
    click.echo(
        f"wrote {path} ({label}, {size:,} bytes, export {export_id} at {exported_at}"
        + (", valid against its schema)" if validated else ")")
    )


def write_job_output(job_id: int, out: str, as_user: str | None) -> None:
    """Write the file a finished export job kept to OUT, and say what it is."""
    with database().read() as session:
        output = job_output(session, actor_for(session, as_user), job_id)
    path = save_export(output.data, out)
    result = output.result
    echo_written(path, get_format(result.format).label, result.size, result.export_id,
                 result.exported_at, result.validated)  # fmt: skip
    click.echo(f"  built by job {job_id}")
    for note in result.notes:
        click.echo(f"  {note}")
