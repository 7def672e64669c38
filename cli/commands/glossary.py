"""`songngu glossary ...`: find terms in text; list, add, edit, delete, import and export
the terms stored for a project (its own, its partner's and the global glossary).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from cli.common import (
    actor_for,
    as_option,
    database,
    emit_jsonl,
    emit_table,
    format_option,
    write_output,
)
from exporters.glossary_csv import entry_to_fields
from exporters.text_decoding import decode_text
from primitives.errors import InvalidInput, NotFound
from primitives.terms import SCOPES, GlossaryEntry
from workflow.exports import record_file_export
from workflow.glossary.defaults import load_default_glossary
from workflow.glossary.files import read_glossary_file
from workflow.glossary.matcher import TermHit, TermMatcher
from workflow.glossary.store import (
    EFFECTIVE,
    EXPORT_FORMATS,
    StoredTerm,
    add_term,
    delete_term,
    edit_term,
    effective_entries,
    entry_of,
    export_glossary,
    get_term,
    import_terms,
    list_terms,
    search_filter,
)
from workflow.intake import read_source
from workflow.projects import get_project
from workflow.protect import terms_outside_places

MAX_SCAN_BYTES = 100 * 1024 * 1024
# Structured documents go through intake (paragraphs, table cells, headers, inline codes);
# anything else is read as plain text, one segment per non-empty line.
_INTAKE_SUFFIXES = (".docx", ".md", ".markdown")


@click.group(name="glossary")
def glossary_group() -> None:
    """Glossary terms: find them in text; manage a project's glossaries."""


def _line_segments(text: str) -> Iterator[tuple[str, str]]:
    """(ref, line) for every non-empty line; ref is the 1-based physical line number."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield f"line {number}", line


def _segments(path: Path, data: bytes) -> Iterator[tuple[str, str]]:
    """(ref, text) of each segment: intake blocks for DOCX/Markdown, else text lines."""
    if path.suffix.lower() in _INTAKE_SUFFIXES:
        for block in read_source(data, path.name).blocks:
            yield block.ref, block.text
    else:
        yield from _line_segments(decode_text(data, path.name))


def hit_record(segment: int, ref: str, hit: TermHit) -> dict[str, object]:
    """The JSON object printed for one hit (stable keys, for scripts)."""
    entry = hit.entry
    return {
        "segment": segment,
        "ref": ref,
        "start": hit.start,
        "end": hit.end,
        "source": hit.text,
        "term": entry.source,
        "target": entry.target,
        "variants": list(entry.variants),
        "status": entry.status.value,
        "valid_until": entry.valid_until or None,
        "note": entry.note,
    }


def _load_entries(
    glossaries: tuple[Path, ...], use_default: bool, project: str | None
) -> list[GlossaryEntry]:
    """The project's effective glossary (or the shipped one) plus the extra files."""
    if project is not None:
        with database().read() as session:
            found = get_project(session, project)
            entries = effective_entries(session, found, include_shipped=use_default)
    else:
        entries = load_default_glossary() if use_default else []
    for path in glossaries:
        entries.extend(read_glossary_file(path))
    if not entries:
        raise InvalidInput(
            "cli.no_glossary_to_scan",
            "no glossary to scan with: drop --no-default or add --glossary FILE",
        )
    return entries


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InvalidInput(
                "cli.scan_file_is_folder", "{path} is a folder; give a text file", path=str(path)
            )
        if size > MAX_SCAN_BYTES:
            raise InvalidInput(
                "cli.scan_file_too_large",
                "{path} is larger than {limit_mb} MB; split it before scanning",
                path=str(path),
                limit_mb=MAX_SCAN_BYTES // (1024 * 1024),
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise NotFound(
            "cli.scan_file_not_found", "file {path} does not exist", path=str(path)
        ) from None
    except OSError as error:  # permission denied, name too long, ...
        raise InvalidInput(
            "cli.scan_file_unreadable",
            "cannot read {path}: {reason}",
            path=str(path),
            reason=error.strerror or str(error),
        ) from None


def _table_row(segment: int, hit: TermHit) -> str:
    status = hit.entry.status.value
    if hit.entry.valid_until:
        status += f" (until {hit.entry.valid_until})"
    return (
        f"{segment:>7}  {hit.start:>5}-{hit.end:<5}  {hit.text}  →  {hit.entry.target}  [{status}]"
    )


@glossary_group.command(name="scan")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=True))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "table"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one JSON object per term found; table: aligned text for reading.",
)
@click.option(
    "--glossary",
    "glossaries",
    type=click.Path(path_type=Path),
    multiple=True,
    help="Extra glossary file (.csv, .tsv or .tbx); repeat for several.",
)
@click.option("--no-default", is_flag=True, help="Do not use the built-in official-names glossary.")
@click.option(
    "--project",
    default=None,
    help="Use this project's glossary: the shipped one its partner lists, then the global, "
    "partner and project terms.",
)
def scan_command(
    file: Path,
    output_format: str,
    glossaries: tuple[Path, ...],
    no_default: bool,
    project: str | None,
) -> None:
    """Find glossary terms in FILE.

    A .docx or Markdown file is read into blocks (paragraphs, cells, headers; formatting
    as inline tags); any other file as UTF-8/UTF-16 text, one segment per non-empty
    line. Offsets are character offsets in that segment's text; several rows for the
    same span are alternatives (preferred first, forbidden last). A term inside a place's
    name ("Phòng" in "Hải Phòng") is not listed: 'songngu protect' shows the place.
    """
    entries = _load_entries(glossaries, use_default=not no_default, project=project)
    data = _read_bytes(file)
    matcher = TermMatcher(entries)
    if output_format == "table":
        click.echo(f"{'segment':>7}  {'span':<11}  source  →  target  [status]")
    for segment, (ref, text) in enumerate(_segments(file, data)):
        for hit in terms_outside_places(text, matcher.find(text)):
            if output_format == "jsonl":
                click.echo(json.dumps(hit_record(segment, ref, hit), ensure_ascii=False))
            else:
                click.echo(_table_row(segment, hit))


# ---------------------------------------------------------------------------------------
# A project's stored glossaries

_LIST_SCOPES = ("all", *SCOPES, EFFECTIVE)
_STATUS_HELP = "preferred, admitted, forbidden or do-not-translate."


def _scope_option(default: str, choices: tuple[str, ...], help_text: str) -> Any:
    return click.option(
        "--scope",
        type=click.Choice(choices, case_sensitive=False),
        default=default,
        show_default=True,
        help=help_text,
    )


def _term_record(entry: GlossaryEntry, term: StoredTerm | None) -> dict[str, Any]:
    """The JSON object printed for one term (id and version only for stored terms)."""
    fields: dict[str, Any] = dict(entry_to_fields(entry))
    fields["variants"] = list(entry.variants)
    fields["case_sensitive"] = entry.case_sensitive
    fields["pos"] = entry.pos
    if term is None:
        return fields
    return {"id": term.id, "version": term.version, **fields, "updated_by": term.updated_by}


@glossary_group.command(name="list")
@click.argument("project")
@click.option("--search", default="", help="Only terms whose source, target or variant has this.")
@_scope_option(
    "all",
    _LIST_SCOPES,
    "all: every stored term the project uses; effective: what it is checked with, shipped "
    "terms included, after project terms override partner and global ones.",
)
@format_option
def list_command(project: str, search: str, scope: str, output_format: str) -> None:
    """List the glossary terms of PROJECT (stored terms carry an id and version to edit)."""
    with database().read() as session:
        found = get_project(session, project)
        if scope == EFFECTIVE:
            matches = search_filter(search)
            terms: list[tuple[GlossaryEntry, StoredTerm | None]] = [
                (entry, None) for entry in effective_entries(session, found) if matches(entry)
            ]
        else:
            stored = list_terms(
                session, found, scope=None if scope == "all" else scope, search=search
            )
            terms = [(term.entry, term) for term in stored]
    if output_format == "jsonl":
        emit_jsonl(_term_record(entry, term) for entry, term in terms)
        return
    emit_table(
        ["id", "scope", "v", "source", "target", "status", "variants", "note"],
        [
            (
                term.id if term else "",
                entry.scope,
                term.version if term else "",
                entry.source,
                entry.target,
                entry.status.value,
                " | ".join(entry.variants),
                entry.note,
            )
            for entry, term in terms
        ],
    )


def _entry_options(function: Any) -> Any:
    """Options that fill an entry's fields, shared by add and edit."""
    for option in reversed(
        [
            click.option("--status", default=None, help=_STATUS_HELP),
            click.option("--note", default=None, help="Definition or usage note."),
            click.option(
                "--variant",
                "variants",
                multiple=True,
                help="Another acceptable target spelling; repeat for several.",
            ),
            click.option("--pos", default=None, help="Part of speech: noun, verb, adjective, ..."),
            click.option(
                "--case-sensitive/--case-insensitive",
                "case_sensitive",
                default=None,
                help="Match the source only with its capitals (Sở the Department, not cơ sở).",
            ),
            click.option("--domain", default=None, help="Subject field, e.g. law, health."),
        ]
    ):
        function = option(function)
    return function


def _changes(
    status: str | None,
    note: str | None,
    variants: tuple[str, ...],
    pos: str | None,
    case_sensitive: bool | None,
    domain: str | None,
) -> dict[str, Any]:
    """The entry fields given on the command line (absent options change nothing)."""
    given: dict[str, Any] = {
        "status": status,
        "note": note,
        "pos": pos.strip().lower() if pos else None,
        "case_sensitive": case_sensitive,
        "domain": domain,
    }
    changes = {name: value for name, value in given.items() if value is not None}
    if variants:
        changes["variants"] = variants
    return changes


def _term_line(term: StoredTerm) -> str:
    entry = term.entry
    return (
        f"term {term.id} ({entry.scope}, version {term.version}): "
        f"{entry.source} → {entry.target} [{entry.status.value}]"
    )


@glossary_group.command(name="add")
@click.argument("project")
@click.argument("source")
@click.argument("target", required=False, default="")
@_scope_option(
    "project",
    SCOPES,
    "Which glossary gets the term: the project's, its partner's "
    "(all the partner's projects) or the global one (every project).",
)
@_entry_options
@as_option
def add_command(
    project: str,
    source: str,
    target: str,
    scope: str,
    status: str | None,
    note: str | None,
    variants: tuple[str, ...],
    pos: str | None,
    case_sensitive: bool | None,
    domain: str | None,
    as_user: str | None,
) -> None:
    """Add SOURCE → TARGET to one of PROJECT's glossaries (TARGET may be left out only
    with --status do-not-translate)."""
    changes = _changes(status, note, variants, pos, case_sensitive, domain)
    entry = GlossaryEntry(source=source, target=target, **changes)
    with database().write() as session:
        found = get_project(session, project)
        term = add_term(session, actor_for(session, as_user), found, entry, scope=scope)
    click.echo(f"added {_term_line(term)}")


@glossary_group.command(name="edit")
@click.argument("project")
@click.argument("term_id", type=int)
@click.option(
    "--expect-version",
    type=int,
    required=True,
    help="The version you saw (songngu glossary list); a term changed since is not saved.",
)
@click.option("--source", "new_source", default=None, help="New source term.")
@click.option("--target", "new_target", default=None, help="New target term.")
@_entry_options
@as_option
def edit_command(
    project: str,
    term_id: int,
    expect_version: int,
    new_source: str | None,
    new_target: str | None,
    status: str | None,
    note: str | None,
    variants: tuple[str, ...],
    pos: str | None,
    case_sensitive: bool | None,
    domain: str | None,
    as_user: str | None,
) -> None:
    """Change fields of stored term TERM_ID; the options not given keep their values."""
    changes = _changes(status, note, variants, pos, case_sensitive, domain)
    if new_source is not None:
        changes["source"] = new_source
    if new_target is not None:
        changes["target"] = new_target
    if not changes:
        raise InvalidInput(
            "cli.glossary_edit_nothing",
            "nothing to change: give --target, --source, --status, --note, ...",
        )
    with database().write() as session:
        actor = actor_for(session, as_user)
        found = get_project(session, project)
        current = entry_of(get_term(session, found, term_id))
        entry = dataclasses.replace(current, **changes)
        term = edit_term(session, actor, found, term_id, entry, expected_version=expect_version)
    click.echo(f"saved {_term_line(term)}")


@glossary_group.command(name="delete")
@click.argument("project")
@click.argument("term_id", type=int)
@click.option(
    "--expect-version",
    type=int,
    required=True,
    help="The version you saw (songngu glossary list); a term changed since is not deleted.",
)
@as_option
def delete_command(project: str, term_id: int, expect_version: int, as_user: str | None) -> None:
    """Delete stored term TERM_ID from PROJECT's glossaries."""
    with database().write() as session:
        actor = actor_for(session, as_user)
        found = get_project(session, project)
        delete_term(session, actor, found, term_id, expected_version=expect_version)
    click.echo(f"deleted glossary term {term_id}")


@glossary_group.command(name="import")
@click.argument("project")
@click.argument("file", type=click.Path(path_type=Path))
@_scope_option("project", SCOPES, "Which glossary receives the terms.")
@click.option(
    "--skip-existing",
    is_flag=True,
    help="Leave stored terms with the same source and target as they are (default: "
    "update their other fields from the file).",
)
@as_option
def import_command(
    project: str, file: Path, scope: str, skip_existing: bool, as_user: str | None
) -> None:
    """Import a .csv, .tsv or .tbx FILE into one of PROJECT's glossaries, all or nothing."""
    with database().read() as session:
        get_project(session, project)  # an unknown project is reported before the file
    entries = read_glossary_file(file)
    with database().write() as session:
        outcome = import_terms(
            session,
            actor_for(session, as_user),
            get_project(session, project),
            entries,
            scope=scope,
            update_existing=not skip_existing,
        )
    click.echo(f"imported {file.name} into the {outcome.scope} glossary: {outcome.summary()}")


def _export_format(chosen: str | None, out: str) -> str:
    if chosen:
        return chosen.lower()
    suffix = Path(out).suffix.lower().lstrip(".")
    return suffix if suffix in EXPORT_FORMATS else "csv"


@glossary_group.command(name="export")
@click.argument("project")
@click.option("--out", required=True, help="File to write (- for standard output).")
@click.option(
    "--format",
    "file_format",
    type=click.Choice(EXPORT_FORMATS, case_sensitive=False),
    default=None,
    help="File format (default: from the --out suffix, else csv).",
)
@_scope_option(
    EFFECTIVE,
    (*SCOPES, EFFECTIVE),
    "One stored glossary, or effective: everything PROJECT is checked with.",
)
@as_option
def export_command(
    project: str, out: str, file_format: str | None, scope: str, as_user: str | None
) -> None:
    """Export PROJECT's glossary as CSV (UTF-8, opens in Excel), TSV or TBX."""
    chosen = _export_format(file_format, out)
    # Recorded in the audit log in the transaction that writes the file: a failed write
    # leaves no record of an export nobody received.
    with database().write() as session:
        actor, found = actor_for(session, as_user), get_project(session, project)
        data = export_glossary(session, actor, found, scope=scope, file_format=chosen)
        record_file_export(session, actor, found, f"{scope} glossary", out)
        write_output(out, data, example="glossary.csv")
    if out != "-":
        click.echo(f"wrote {out} ({chosen}, {scope} glossary of {project})", err=False)


def register(cli: click.Group) -> None:
    """Add the glossary group to the root CLI."""
    cli.add_command(glossary_group)
