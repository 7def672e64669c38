"""songngu export (every registered format) and songngu review import (the bilingual table)."""

from __future__ import annotations

from pathlib import Path

import click

from cli.commands.jobs import follow_job
from cli.commands.segments import echo_target_report, read_input_file
from cli.common import actor_for, as_option, database
from cli.export_output import echo_written, write_job_output
from workflow.export_job import create_export_job
from workflow.exports import (
    PENDING_CHOICES,
    ExportReadiness,
    ExportRequest,
    build_export,
    check_output_path,
    export_formats,
    export_readiness,
    record_export,
    save_export,
)
from workflow.jobs import JobState
from workflow.projects import get_document, get_project
from workflow.qa.policy import BLOCK, WARN
from workflow.review_import import ReviewImportOutcome, import_review
from workflow.runners import REDIS_RUNNER, active_runner

EXIT_STOPPED = 130  # stopped by Ctrl-C or 'songngu jobs cancel', as 'songngu translate'

_POLICY_LINES = {
    WARN: "open QA errors are listed and the export goes on",
    BLOCK: "the target DOCX and the partner report are refused while QA errors are open "
    "or segments are not checked as they now are",
}


def _readiness_lines(readiness: ExportReadiness) -> list[str]:
    lines = [
        f"  {document.title}: {document.segments} segments, {document.not_approved} not "
        f"approved, {document.untranslated} untranslated, {document.open_qa_errors} open QA "
        f"error(s), {document.open_qa_warnings} QA warning(s), {document.qa_unchecked} not "
        "QA-checked"
        for document in readiness.documents
    ]
    policy = readiness.qa_policy
    lines.append(f"  QA export policy of the partner profile: {policy} ({_POLICY_LINES[policy]})")
    return lines


@click.command("export")
@click.argument("project")
@click.option(
    "--format",
    "format_name",
    required=True,
    type=click.Choice([fmt.name for fmt in export_formats()], case_sensitive=False),
    help="The file format (tmx: the project's TM; tbx, csv, tsv: its glossary).",
)
@click.option("--out", required=True, help="The file to write (replaced atomically).")
@click.option("--document", default=None, help="Only this document (title or id).")
@click.option(
    "--unfinished",
    "pending",
    type=click.Choice(PENDING_CHOICES),
    default="refuse",
    show_default=True,
    help="Target DOCX: segments not approved are refused (listed), written in the source "
    "language, or marked (highlighted).",
)
@as_option
def export_command(
    project: str,
    format_name: str,
    out: str,
    document: str | None,
    pending: str,
    as_user: str | None,
) -> None:
    """Export PROJECT (or one --document) as a file of --format, validated against its
    schema, to --out. The readiness of the documents is printed first.

    With SONGNGU_REDIS_URL set, the file is built by a 'songngu worker' as an export job
    and written here when the job ends ('songngu jobs fetch ID' writes it again)."""
    request = ExportRequest(format_name.lower(), document, pending)
    db = database()
    on_a_worker = active_runner() == REDIS_RUNNER
    with db.read() as session:
        found = get_project(session, project)
        document_id = get_document(session, found, document).id if document else None
        readiness = export_readiness(session, found, document_id)
        if not on_a_worker:
            exported = build_export(session, actor_for(session, as_user), found, request)
    if on_a_worker:
        _export_on_a_worker(project, request, out, as_user)  # prints the file and its notes
        notes: list[str] = []
    else:
        path = save_export(exported.data, out)
        with db.write() as session:
            record_export(
                session, actor_for(session, as_user), get_project(session, project), exported
            )
        echo_written(path, exported.format.label, len(exported.data), exported.export_id,
                     exported.exported_at, exported.validated)  # fmt: skip
        notes = exported.notes
    for line in _readiness_lines(readiness) + [f"  {note}" for note in notes]:
        click.echo(line)


def _export_on_a_worker(
    project: str, request: ExportRequest, out: str, as_user: str | None
) -> None:
    check_output_path(out)  # before the work, not after it
    db = database()
    with db.write() as session:
        actor = actor_for(session, as_user)
        job = create_export_job(session, actor, get_project(session, project), request)
        job_id = job.id
    state = follow_job(db, actor, job_id, f"exporting {project}")
    if state == JobState.CANCELLED:
        click.echo(f"job {job_id} stopped: run 'songngu jobs resume {job_id}' to go on", err=True)
        raise click.exceptions.Exit(EXIT_STOPPED)
    write_job_output(job_id, out, as_user)


@click.group("review")
def review_group() -> None:
    """The bilingual review table: reviewers edit it in Word, songngu reads it back."""


def _echo_review(outcome: ReviewImportOutcome) -> None:
    report = outcome.report
    verb = "would apply" if outcome.dry_run else "applied"
    click.echo(
        f"{outcome.filename}: review of export {outcome.export_id or '?'} "
        f"({outcome.exported_at or 'time unknown'}): {len(report.applied)} {verb}, "
        f"{report.unchanged} unchanged, {len(report.conflicts)} conflicts"
    )
    for older in outcome.older:
        click.echo(
            f"  older export: {older.title!r} was re-imported since (revision "
            f"{older.exported_revision} in the file, {older.current_revision} now)"
        )
    echo_target_report(report, dry_run=outcome.dry_run)
    if outcome.dry_run:
        click.echo("dry run: nothing was stored")


@review_group.command("import")
@click.argument("project")
@click.argument("file")
@click.option(
    "--dry-run", is_flag=True, help="Show what the import would change, and change nothing."
)
@click.option(
    "--draft",
    is_flag=True,
    help="Leave edited targets as drafts (default: reviewed, or translated for a user who "
    "may not review).",
)
@as_option
def review_import_command(
    project: str, file: str, dry_run: bool, draft: bool, as_user: str | None
) -> None:
    """Import FILE, a bilingual review DOCX exported from PROJECT and edited by a
    reviewer: edited targets and new comments are applied as a review round by the
    importing user; rows that conflict (changed since the export, source changed, rows
    deleted, added, duplicated or moved, tags broken or renumbered) are listed with both
    texts and not applied."""
    with database().read() as session:
        get_project(session, project)  # an unknown project is reported before the file
    data = read_input_file(file)
    with database().write() as session:
        outcome = import_review(
            session,
            actor_for(session, as_user),
            get_project(session, project),
            data,
            Path(file).name,
            dry_run=dry_run,
            as_draft=draft,
        )
    _echo_review(outcome)


def register(cli: click.Group) -> None:
    cli.add_command(export_command)
    cli.add_command(review_group)
