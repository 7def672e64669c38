"""`songngu glossary ...`: term recognition now; storage-backed commands join this group.

Other modules add subcommands to ``glossary_group`` (list, import, export with a
project's glossary), so it is a module-level object registered once on the root CLI.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import click

from workflow.errors import InvalidInput, NotFound
from workflow.glossary.defaults import load_default_glossary
from workflow.glossary.files import read_glossary_file
from workflow.glossary.matcher import TermHit, TermMatcher
from workflow.glossary.model import GlossaryEntry
from workflow.glossary.text_decoding import decode_text
from workflow.intake import read_source

MAX_SCAN_BYTES = 100 * 1024 * 1024
# Structured documents go through intake (paragraphs, table cells, headers, inline codes);
# anything else is read as plain text, one segment per non-empty line.
_INTAKE_SUFFIXES = (".docx", ".md", ".markdown")


@click.group(name="glossary")
def glossary_group() -> None:
    """Glossary terms: find them in source text."""


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


def _load_entries(glossaries: tuple[Path, ...], use_default: bool) -> list[GlossaryEntry]:
    entries: list[GlossaryEntry] = load_default_glossary() if use_default else []
    for path in glossaries:
        entries.extend(read_glossary_file(path))
    if not entries:
        raise InvalidInput("no glossary to scan with: drop --no-default or add --glossary FILE")
    return entries


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise NotFound(f"file {path} does not exist") from None
    if path.is_dir():
        raise InvalidInput(f"{path} is a folder; give a text file")
    if size > MAX_SCAN_BYTES:
        raise InvalidInput(f"{path} is larger than 100 MB; split it before scanning")
    try:
        return path.read_bytes()
    except PermissionError:
        raise InvalidInput(f"cannot read {path}: permission denied") from None


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
def scan_command(
    file: Path, output_format: str, glossaries: tuple[Path, ...], no_default: bool
) -> None:
    """Find glossary terms in FILE.

    A .docx or Markdown file is read into blocks (paragraphs, cells, headers; formatting
    as inline tags); any other file as UTF-8/UTF-16 text, one segment per non-empty
    line. Offsets are character offsets in that segment's text; several rows for the
    same span are alternatives (preferred first, forbidden last).
    """
    data = _read_bytes(file)
    matcher = TermMatcher(_load_entries(glossaries, use_default=not no_default))
    if output_format == "table":
        click.echo(f"{'segment':>7}  {'span':<11}  source  →  target  [status]")
    for segment, (ref, text) in enumerate(_segments(file, data)):
        for hit in matcher.find(text):
            if output_format == "jsonl":
                click.echo(json.dumps(hit_record(segment, ref, hit), ensure_ascii=False))
            else:
                click.echo(_table_row(segment, hit))


def register(cli: click.Group) -> None:
    """Add the glossary group to the root CLI."""
    cli.add_command(glossary_group)
