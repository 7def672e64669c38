"""songngu inspect: show the blocks a source file gives, without a project or database."""

from __future__ import annotations

from pathlib import Path

import click

from workflow.cli.common import emit_jsonl, emit_table, format_option
from workflow.errors import InvalidInput, NotFound
from workflow.intake import DEFAULT_LIMITS, read_source


def _read_file(path: str) -> bytes:
    file = Path(path)
    if not file.exists():
        raise NotFound(f"{path}: no such file")
    if file.is_dir():
        raise InvalidInput(f"{path} is a folder: name a file")
    size = file.stat().st_size
    if size > DEFAULT_LIMITS.max_file_bytes:
        raise InvalidInput(
            f"{path} is {size:,} bytes, more than the import limit of "
            f"{DEFAULT_LIMITS.max_file_bytes:,}; split it into smaller files"
        )
    return file.read_bytes()


@click.command("inspect")
@click.argument("path", metavar="FILE")
@format_option
def inspect_command(path: str, output_format: str) -> None:
    """List the translatable blocks of FILE (.docx, .txt, .md) with refs and inline codes.

    Repair notes and warnings go to stderr.
    """
    document = read_source(_read_file(path), Path(path).name)
    if output_format == "jsonl":
        emit_jsonl(
            {
                "ref": block.ref,
                "kind": block.kind,
                "style": block.style,
                "text": block.text,
                "codes": block.codes,
                "notes": list(block.notes),
            }
            for block in document.blocks
        )
    else:
        emit_table(
            ["REF", "KIND", "TEXT"],
            ([block.ref, block.kind, block.text] for block in document.blocks),
        )
    for line in document.repair_lines:
        click.echo(f"songngu: repair: {line}", err=True)
    for warning in document.warnings:
        click.echo(f"songngu: warning: {warning}", err=True)


def register(cli: click.Group) -> None:
    cli.add_command(inspect_command)
