"""songngu inspect: show the blocks a source file gives, without a project or database."""

from __future__ import annotations

from pathlib import Path

import click

from cli.commands.segments import read_input_file
from cli.common import emit_jsonl, emit_table, format_option
from workflow.intake import IntakeLimits, read_source


@click.command("inspect")
@click.argument("path", metavar="FILE")
@format_option
def inspect_command(path: str, output_format: str) -> None:
    """List the translatable blocks of FILE (.docx, .txt, .md) with refs and inline codes.

    Repair notes and warnings go to stderr.
    """
    limits = IntakeLimits.from_settings()
    document = read_source(read_input_file(path, limits), Path(path).name, limits)
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
