"""songngu import, segments, edit, set-status, comment, progress"""

from __future__ import annotations

from pathlib import Path

import click

from cli.commands.qa import echo_findings, echo_report
from cli.common import (
    actor_for,
    as_option,
    database,
    emit_jsonl,
    emit_table,
    format_option,
)
from primitives.errors import InvalidInput, NotFound
from primitives.statuses import Origin, Status
from workflow.document_metadata import checked_metadata
from workflow.importing import ImportOutcome, import_file
from workflow.intake import IntakeLimits
from workflow.intake.limits import UPLOAD_MB_SETTING
from workflow.projects import get_document, get_project
from workflow.qa.confirm import QAReport
from workflow.qa.findings import segment_findings
from workflow.review_filter import term_finder
from workflow.segments import add_comment, edit_target, list_segments, progress, set_status
from workflow.target_updates import ConflictKind, TargetUpdateReport
from workflow.tm.capture import repeats_filled
from workflow.xliff_import import XliffImportOutcome


def read_input_file(path: str, limits: IntakeLimits | None = None) -> bytes:
    """The bytes of a source file named on the command line, refused early if too large."""
    limits = limits or IntakeLimits.from_settings()
    file = Path(path)
    if not file.exists():
        raise NotFound("cli.import_file_not_found", "{path}: no such file", path=path)
    if file.is_dir():
        raise InvalidInput(
            "cli.import_file_is_folder", "{path} is a folder: name a file", path=path
        )
    size = file.stat().st_size
    if size > limits.max_file_bytes:  # refused before it is read into memory
        raise InvalidInput(
            "cli.import_file_too_large",
            "{path} is {size:,} bytes, more than the import limit of {limit:,} bytes; split "
            "it into smaller files, or raise {setting} if such files are expected",
            path=path,
            size=size,
            limit=limits.max_file_bytes,
            setting=UPLOAD_MB_SETTING,
        )
    try:
        return file.read_bytes()
    except OSError as error:
        raise InvalidInput(
            "cli.import_file_unreadable",
            "{path} cannot be read ({reason}); check the file",
            path=path,
            reason=error.strerror,
        ) from None


@click.command("import")
@click.argument("project")
@click.argument("files", nargs=-1, required=True)
@click.option("--title", default=None, help="Document title (one file only; default: file name).")
@click.option("--author", default=None, help="Author or issuing office (the creator).")
@click.option("--date", "issued", default=None, help="Date of the document, YYYY-MM-DD.")
@click.option("--description", default=None, help="One-line description of the document.")
@click.option(
    "--dry-run", is_flag=True, help="Show what the import would change, and change nothing."
)
@as_option
def import_command(
    project: str,
    files: tuple[str, ...],
    title: str | None,
    author: str | None,
    issued: str | None,
    description: str | None,
    dry_run: bool,
    as_user: str | None,
) -> None:
    """Import FILES (.docx, .txt, .md, .xlf, .xliff) into PROJECT; each file is all or nothing.

    Importing a file again under the same title makes a new revision of that document in
    place: unchanged sentences keep their segment (id, translation, status, history),
    edited ones keep their id with the old translation as a draft, and the counts of
    unchanged, changed, added, removed and moved sentences are printed.

    An XLIFF file (1.2 or 2.x) that songngu exported from PROJECT updates that document's
    targets, statuses and comments: rows that changed in songngu since the export, whose
    source changed, or whose tags are broken are listed with both texts and not applied;
    the rest are. Any other XLIFF becomes a document with its targets and states.
    """
    if title and len(files) > 1:
        raise InvalidInput(
            "cli.title_with_several_files",
            "--title names one document: import one file at a time with it",
        )
    meta = checked_metadata({"creator": author, "date": issued, "description": description})
    with database().read() as session:
        get_project(session, project)  # an unknown project is reported before any file
    for path in files:
        data = read_input_file(path)
        with database().write() as session:
            actor = actor_for(session, as_user)
            outcome = import_file(
                session,
                actor,
                get_project(session, project),
                data,
                Path(path).name,
                title=title,
                meta=meta,
                dry_run=dry_run,
            )
        if isinstance(outcome, XliffImportOutcome):
            echo_xliff_outcome(outcome, dry_run=dry_run)
            continue
        if dry_run:
            click.echo("dry run: nothing was stored")
        reused = (
            f", {outcome.reused_translations} translations kept" if outcome.revision > 1 else ""
        )
        click.echo(
            f"imported {Path(path).name} as {outcome.title!r} (revision {outcome.revision}): "
            f"{outcome.segments} segments{reused}"
        )
        if outcome.revision > 1:
            click.echo(f"  {import_changes_line(outcome)}")
        for line in outcome.repair_lines + outcome.warnings:
            click.echo(f"  {line}")


CONFLICT_WORDS = {
    ConflictKind.CHANGED_SINCE_EXPORT: "changed in songngu since the export",
    ConflictKind.SOURCE_CHANGED: "source changed since the export",
    ConflictKind.ADDED: "not a segment of the document",
    ConflictKind.DUPLICATED: "segment given more than once",
    ConflictKind.MISSING: "missing from the file",
    ConflictKind.TAGS_BROKEN: "tags broken",
    ConflictKind.TAGS_RENUMBERED: "tags renumbered or not in the source",
    ConflictKind.REFUSED: "refused",
    ConflictKind.SOURCE_EDITED: "source text edited in the file",
    ConflictKind.REORDERED: "row moved out of the export's order",
    ConflictKind.ROW_DAMAGED: "segment id or hidden row key changed",
}


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 70 else text[:69] + "…"


def echo_target_report(report: TargetUpdateReport, *, dry_run: bool) -> None:
    """The applied rows and every conflict with both texts, one line each."""
    verb = "would apply" if dry_run else "applied"
    for row in report.applied:
        status = (
            f" ({row.old_status.label} → {row.new_status.label})"
            if row.old_status != row.new_status
            else ""
        )
        change = (
            f"«{_short(row.old_target)}» → «{_short(row.new_target)}»"
            if row.old_target != row.new_target
            else "comment"
            if row.comment
            else "status"
        )
        notes = f"; {'; '.join(row.notes)}" if row.notes else ""
        click.echo(f"  {verb}: segment {row.segment_id}: {change}{status}{notes}")
    for conflict in report.conflicts:
        where = f"segment {conflict.segment_id}" if conflict.segment_id else conflict.row
        if conflict.row and conflict.segment_id:
            where += f" ({conflict.row})"
        detail = f": {conflict.detail}" if conflict.detail else ""
        click.echo(
            f"  conflict, {CONFLICT_WORDS[conflict.kind]}{detail}: {where}: songngu "
            f"«{_short(conflict.current_target)}» | file «{_short(conflict.file_target)}»"
        )


def echo_xliff_outcome(outcome: XliffImportOutcome, *, dry_run: bool) -> None:
    for document in outcome.documents:
        report = document.report
        how = "round trip of" if document.round_trip else "imported as"
        verb = "would apply" if dry_run else "applied"
        click.echo(
            f"{outcome.filename}: {how} {document.title!r} (XLIFF {outcome.version}): "
            f"{len(report.applied)} {verb}, {report.unchanged} unchanged, "
            f"{len(report.conflicts)} conflicts"
        )
        if document.stored is not None and document.stored.revision > 1:
            click.echo(f"  {import_changes_line(document.stored)}")
        echo_target_report(report, dry_run=dry_run)
    for line in outcome.warnings:
        click.echo(f"  {line}")
    if dry_run:
        click.echo("dry run: nothing was stored")


def import_changes_line(outcome: ImportOutcome) -> str:
    """'revision 2: 40 unchanged, 2 changed, 1 added, 1 removed' (and moved, when any)."""
    line = (
        f"revision {outcome.revision}: {outcome.unchanged} unchanged, {outcome.changed} "
        f"changed, {outcome.added} added, {outcome.removed} removed"
    )
    return f"{line}, {outcome.moved} moved" if outcome.moved else line


@click.command("segments")
@click.argument("project")
@click.option("--status", default=None, help="Only segments with this status.")
@click.option("--document", default=None, help="Only this document (title or id).")
@click.option(
    "--term",
    default=None,
    help="Only segments whose source holds this glossary term (found as the glossary "
    "finds it: tone marks, capitals, whole words).",
)
@format_option
def segments_command(
    project: str, status: str | None, document: str | None, term: str | None, output_format: str
) -> None:
    """List the segments of PROJECT."""
    with database().read() as session:
        found = get_project(session, project)
        document_id = get_document(session, found, document).id if document else None
        segments = list_segments(
            session,
            found,
            status=Status.parse(status) if status else None,
            document_id=document_id,
        )
        if term is not None:
            holds = term_finder(session, found, term)
            segments = [segment for segment in segments if holds(segment.source)]
        rows = [
            {
                "id": s.id,
                "document": s.document_id,
                "order": s.position,
                "source": s.source,
                "target": s.target,
                "status": Status(s.status).label,
                "origin": Origin(s.origin).label,
                "score": s.score,
                "version": s.version,
            }
            for s in segments
        ]
    if output_format == "jsonl":
        emit_jsonl(rows)
    else:
        emit_table(
            ["id", "doc", "#", "status", "v", "source", "target"],
            [
                (
                    r["id"],
                    r["document"],
                    r["order"],
                    r["status"],
                    r["version"],
                    r["source"],
                    r["target"],
                )
                for r in rows
            ],
        )


@click.command("edit")
@click.argument("project")
@click.argument("segment_id", type=int)
@click.option("--target", required=True, help="The new English text.")
@click.option(
    "--expect-version",
    type=int,
    default=None,
    help="Refuse if the segment is no longer at this version.",
)
@as_option
def edit_command(
    project: str, segment_id: int, target: str, expect_version: int | None, as_user: str | None
) -> None:
    """Set the target text of a segment (it becomes a draft until confirmed).

    The new text is checked by QA; its open findings are printed after the save.
    """
    with database().write() as session:
        segment = edit_target(
            session,
            actor_for(session, as_user),
            segment_id,
            target,
            expected_version=expect_version,
            project=get_project(session, project),
        )
        click.echo(
            f"segment {segment.id} saved: version {segment.version}, {Status(segment.status).label}"
        )
        echo_findings(segment_findings(session, segment.id), indent="  ")


@click.command("set-status")
@click.argument("project")
@click.argument("segment_id", type=int)
@click.argument("status")
@click.option("--reason", default="", help="Why (required when rejecting).")
@click.option(
    "--expect-version",
    type=int,
    default=None,
    help="Refuse if the segment is no longer at this version.",
)
@click.option(
    "--qa-override",
    metavar="WHY",
    default="",
    help="Go on over QA errors, for this reason (recorded); only roles the partner "
    "profile lists in qa_override_roles may.",
)
@as_option
def set_status_command(
    project: str,
    segment_id: int,
    status: str,
    reason: str,
    expect_version: int | None,
    qa_override: str,
    as_user: str | None,
) -> None:
    """Move a segment to STATUS (translated, reviewed, rejected, approved).

    QA checks the segment first: open QA errors refuse a move to translated, reviewed or
    approved (the errors are listed) unless --qa-override says why to go on. Open findings
    are printed after the change.
    """
    with database().write() as session:
        change = set_status(
            session,
            actor_for(session, as_user),
            segment_id,
            status,
            reason=reason,
            expected_version=expect_version,
            project=get_project(session, project),
            qa_override=qa_override,
        )
        segment = change.segment
        click.echo(
            f"segment {segment.id} is {Status(segment.status).label} (version {segment.version})"
        )
        echo_report(change.report(QAReport))
        filled = repeats_filled(change)
        if filled:
            click.echo(f"filled {filled} repeated segment(s) with this translation")


@click.command("comment")
@click.argument("project")
@click.argument("segment_id", type=int)
@click.argument("text")
@as_option
def comment_command(project: str, segment_id: int, text: str, as_user: str | None) -> None:
    """Add a comment to a segment."""
    with database().write() as session:
        get_project(session, project)
        comment = add_comment(session, actor_for(session, as_user), segment_id, text)
        click.echo(f"comment {comment.id} added to segment {segment_id}")


@click.command("progress")
@click.argument("project")
@format_option
def progress_command(project: str, output_format: str) -> None:
    """Segments and words of PROJECT by status."""
    with database().read() as session:
        rows = progress(session, get_project(session, project))
    total_segments = sum(r.segments for r in rows) or 1
    if output_format == "jsonl":
        emit_jsonl(
            {"status": r.status.label, "segments": r.segments, "words": r.words} for r in rows
        )
        return
    emit_table(
        ["status", "segments", "words", "share"],
        [
            (r.status.label, r.segments, r.words, f"{100 * r.segments / total_segments:.0f}%")
            for r in rows
        ],
    )


def register(cli: click.Group) -> None:
    for command in (
        import_command,
        segments_command,
        edit_command,
        set_status_command,
        comment_command,
        progress_command,
    ):
        cli.add_command(command)
