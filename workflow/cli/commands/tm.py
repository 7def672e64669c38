"""`songngu tm`: translation memory commands that work on TMX files.

`tm_group` is the click group; project-bound commands (import/export/lookup PROJECT) are
added to it where storage lives.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from workflow.errors import InvalidInput, NotFound
from workflow.tm.index import FuzzyIndex
from workflow.tm.tmx_read import TMXReadResult, read_tmx


@click.group(name="tm")
def tm_group() -> None:
    """Translation memory: check TMX files and look up matches."""


def _read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise NotFound(f"{path} does not exist: give the path of a .tmx file") from None
    except IsADirectoryError:
        raise InvalidInput(f"{path} is a folder: give the path of a .tmx file") from None
    except PermissionError:
        raise InvalidInput(f"{path} cannot be read (permission denied)") from None


def _load(path: Path, source_lang: str, target_lang: str) -> TMXReadResult:
    return read_tmx(_read_file(path), path.name, source_lang=source_lang, target_lang=target_lang)


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
    for match in matches:
        if output_format == "jsonl":
            record = {
                "score": match.score,
                "kind": match.kind,
                "similarity": match.similarity,
                "penalties": list(match.penalties),
                "source": match.unit.source,
                "target": match.unit.target,
                "unit_id": match.unit.unit_id,
            }
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            flags = f" [{', '.join(match.penalties)}]" if match.penalties else ""
            click.echo(f"{match.score:5.1f}% {match.kind}{flags}")
            click.echo(f"  vi: {match.unit.source}")
            click.echo(f"  en: {match.unit.target}")
    if not matches and output_format == "text":
        click.echo(f"no match of {min_score:g}% or more")


def register(cli: click.Group) -> None:
    cli.add_command(tm_group)
