"""`songngu tm`: translation memory commands.

File-only commands (check, lookup-tmx) read a TMX file; project commands (import, export,
lookup, settings) work on a project's stored TM and the office's shared one.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from cli.common import actor_for, as_option, database, write_output
from primitives.errors import InvalidInput, NotFound
from workflow.exports import record_file_export
from workflow.projects import get_project
from workflow.tm.index import FuzzyIndex
from workflow.tm.lookup import project_tm
from workflow.tm.model import TMMatch, TMUnit
from workflow.tm.settings import set_tm_settings, tm_settings
from workflow.tm.store import count_units
from workflow.tm.tmx import TMXReadResult, read_tmx
from workflow.tm.tmx_io import export_tmx, import_tmx


@click.group(name="tm")
def tm_group() -> None:
    """Translation memory: a project's stored TM, the shared TM, and TMX files."""


def _read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise NotFound(
            "cli.tmx_not_found",
            "{path} does not exist: give the path of a .tmx file",
            path=str(path),
        ) from None
    except IsADirectoryError:
        raise InvalidInput(
            "cli.tmx_is_folder", "{path} is a folder: give the path of a .tmx file", path=str(path)
        ) from None
    except OSError as error:  # permission denied, name too long, ...
        raise InvalidInput(
            "cli.tmx_unreadable",
            "{path} cannot be read ({reason})",
            path=str(path),
            reason=error.strerror or str(error),
        ) from None


def _load(path: Path, source_lang: str, target_lang: str) -> TMXReadResult:
    return read_tmx(_read_file(path), path.name, source_lang=source_lang, target_lang=target_lang)


def _echo_matches(
    matches: list[TMMatch],
    output_format: str,
    min_score: float,
    is_shared: Callable[[TMUnit], bool] | None = None,
) -> None:
    """Print matches as text or JSON lines; is_shared is given for a stored TM only.

    A stored unit also tells whether it is shared, where it came from and when.
    """
    for match in matches:
        unit = match.unit
        shared = is_shared is not None and is_shared(unit)
        if output_format == "jsonl":
            record: dict[str, Any] = {
                "source": unit.source,
                "target": unit.target,
                "score": match.score,
                "kind": match.kind,
                "penalties": list(match.penalties),
                "similarity": match.similarity,
                "unit_id": unit.unit_id,
            }
            if is_shared is not None:
                record.update(shared=shared, origin=unit.origin, created_at=unit.created_at)
            click.echo(json.dumps(record, ensure_ascii=False))
            continue
        flags = f" [{', '.join(match.penalties)}]" if match.penalties else ""
        where = " (shared TM)" if shared else ""
        click.echo(f"{match.score:5.1f}% {match.kind}{flags}{where}")
        click.echo(f"  vi: {unit.source}")
        click.echo(f"  en: {unit.target}")
    if not matches and output_format == "text":
        click.echo(f"no match of {min_score:g}% or more")


_source_option = click.option("--source-lang", default="vi", show_default=True)
_target_option = click.option("--target-lang", default="en", show_default=True)


@tm_group.command(name="check")
@click.argument("tmx_file", type=click.Path(path_type=Path, dir_okay=True))
@_source_option
@_target_option
def check_command(tmx_file: Path, source_lang: str, target_lang: str) -> None:
    """Read a TMX file and print what it holds for SOURCE-LANG → TARGET-LANG."""
    result = _load(tmx_file, source_lang, target_lang)
    header = result.header
    tool = " ".join(part for part in (header.creation_tool, header.creation_tool_version) if part)
    click.echo(f"file: {tmx_file.name}")
    click.echo(f"tmx version: {header.version or 'unknown'}")
    click.echo(f"made by: {tool or 'unknown'}")
    click.echo(f"source language in header: {header.source_lang or 'unknown'}")
    click.echo(f"usable units ({source_lang}→{target_lang}): {len(result.units)}")
    click.echo(f"skipped, other languages: {result.skipped_other_language}")
    click.echo(f"skipped, empty segment: {result.skipped_empty}")
    for warning in result.warnings:
        click.echo(f"warning: {warning}")


@tm_group.command(name="lookup-tmx")
@click.argument("tmx_file", type=click.Path(path_type=Path, dir_okay=True))
@click.argument("text")
@click.option("--min-score", type=click.FloatRange(0, 101), default=70.0, show_default=True)
@click.option("--limit", type=click.IntRange(1, 100), default=5, show_default=True)
@click.option("--format", "output_format", type=click.Choice(["text", "jsonl"]), default="text")
@_source_option
@_target_option
def lookup_tmx_command(
    tmx_file: Path,
    text: str,
    min_score: float,
    limit: int,
    output_format: str,
    source_lang: str,
    target_lang: str,
) -> None:
    """Best matches for TEXT in a TMX file, best first."""
    result = _load(tmx_file, source_lang, target_lang)
    matches = FuzzyIndex(result.units).lookup(text, min_score=min_score, limit=limit)
    _echo_matches(matches, output_format, min_score)


_shared_option = click.option(
    "--shared", is_flag=True, help="The office's shared TM instead of the project's own."
)


@tm_group.command(name="import")
@click.argument("project")
@click.argument("tmx_file", type=click.Path(path_type=Path, dir_okay=True))
@_shared_option
@as_option
def import_command(project: str, tmx_file: Path, shared: bool, as_user: str | None) -> None:
    """Import TMX_FILE into PROJECT's TM (or the shared TM), all or nothing."""
    with database().read() as session:
        get_project(session, project)  # an unknown project is reported before the file
    data = _read_file(tmx_file)
    with database().write() as session:
        outcome = import_tmx(
            session,
            actor_for(session, as_user),
            get_project(session, project),
            data,
            tmx_file.name,
            shared=shared,
        )
    click.echo(f"imported {tmx_file.name} into the {outcome.summary()}")
    for warning in outcome.warnings:
        click.echo(f"warning: {warning}")


@tm_group.command(name="export")
@click.argument("project")
@click.argument("tmx_file", metavar="FILE.tmx")
@_shared_option
@as_option
def export_command(project: str, tmx_file: str, shared: bool, as_user: str | None) -> None:
    """Write PROJECT's TM (or the shared TM) as TMX 1.4 to FILE.tmx (- for standard output)."""
    # Recorded in the audit log in the transaction that writes the file: a failed write
    # leaves no record of an export nobody received.
    with database().write() as session:
        chosen = get_project(session, project)
        actor = actor_for(session, as_user)
        data = export_tmx(session, actor, chosen, shared=shared)
        counts = count_units(session, chosen)
        record_file_export(session, actor, chosen, "shared TM" if shared else "TM", tmx_file)
        write_output(tmx_file, data, example="memory.tmx")
    if tmx_file != "-":
        units = counts.shared_units if shared else counts.project_units
        which = "shared TM" if shared else f"TM of {chosen.name}"
        click.echo(f"wrote {tmx_file} ({units} units of the {which})")


@tm_group.command(name="lookup")
@click.argument("project")
@click.argument("text")
@click.option("--prev", "prev_source", default="", help="Source of the segment before TEXT.")
@click.option("--next", "next_source", default="", help="Source of the segment after TEXT.")
@click.option("--min-score", type=click.FloatRange(0, 101), default=70.0, show_default=True)
@click.option("--limit", type=click.IntRange(1, 100), default=5, show_default=True)
@click.option("--format", "output_format", type=click.Choice(["text", "jsonl"]), default="text")
def lookup_command(
    project: str,
    text: str,
    prev_source: str,
    next_source: str,
    min_score: float,
    limit: int,
    output_format: str,
) -> None:
    """Best matches for TEXT in PROJECT's TM and the shared TM, best first."""
    with database().read() as session:
        memory = project_tm(session, get_project(session, project))
    matches = memory.lookup(
        text, prev_source=prev_source, next_source=next_source, min_score=min_score, limit=limit
    )
    _echo_matches(matches, output_format, min_score, is_shared=memory.is_shared)


@tm_group.command(name="settings")
@click.argument("project")
@click.option(
    "--share/--no-share",
    default=None,
    help="Also write reviewed segments to the office's shared TM.",
)
@click.option(
    "--propagate/--no-propagate",
    default=None,
    help="Fill identical untranslated segments when a segment is confirmed.",
)
@as_option
def settings_command(
    project: str, share: bool | None, propagate: bool | None, as_user: str | None
) -> None:
    """Show PROJECT's TM options; change them with the flags."""
    if share is None and propagate is None:
        with database().read() as session:
            chosen = get_project(session, project)
            current = tm_settings(chosen)
            counts = count_units(session, chosen)
        click.echo(f"units in the project TM: {counts.project_units}")
        click.echo(f"units in the shared TM: {counts.shared_units}")
    else:
        with database().write() as session:
            current = set_tm_settings(
                session,
                actor_for(session, as_user),
                get_project(session, project),
                share=share,
                propagate=propagate,
            )
    click.echo(f"share reviewed units with the office: {'yes' if current.share else 'no'}")
    click.echo(f"propagate to repeated segments: {'yes' if current.propagate else 'no'}")


def register(cli: click.Group) -> None:
    cli.add_command(tm_group)
