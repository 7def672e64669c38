"""What the command modules share: the database, the acting user, output helpers."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from primitives.errors import InvalidInput, NotFound
from workflow.storage import Database, open_database
from workflow.users import Actor, resolve_actor

F = TypeVar("F", bound=Callable[..., Any])


def database() -> Database:
    return open_database()


def as_option(function: F) -> F:
    """--as USER on commands that act for a person."""
    return click.option(
        "--as",
        "as_user",
        metavar="USER",
        default=None,
        help="Act as this user (default: $SONGNGU_USER, else the local operator).",
    )(function)


def actor_for(session: Any, as_user: str | None) -> Actor:
    return resolve_actor(session, as_user)


def format_option(function: F) -> F:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(["table", "jsonl"]),
        default="table",
        show_default=True,
        help="table for people, jsonl (one JSON object a line) for scripts.",
    )(function)


def emit_jsonl(rows: Iterable[dict[str, Any]]) -> None:
    for row in rows:
        click.echo(json.dumps(row, ensure_ascii=False))


def emit_table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    materialised = [[("" if cell is None else str(cell)) for cell in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in materialised:
        for index, cell in enumerate(row):
            widths[index] = min(max(widths[index], len(cell)), 60)

    def fit(cell: str, width: int) -> str:
        cell = cell.replace("\n", " ")
        return cell if len(cell) <= width else cell[: width - 1] + "…"

    click.echo("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for row in materialised:
        click.echo("  ".join(fit(c, w).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def write_output(out: str, data: bytes, *, example: str) -> None:
    """Write an export to a file, or to standard output for '-'; problems are one line."""
    if out == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    path = Path(out)
    if path.is_dir():
        raise InvalidInput(
            "cli.output_is_folder",
            "{out} is a folder: give a file name such as {out}/{example}",
            out=out,
            example=example,
        )
    if not path.parent.exists():
        raise NotFound(
            "cli.output_folder_missing",
            "folder {folder} does not exist: create it first",
            folder=str(path.parent),
        )
    try:
        path.write_bytes(data)
    except PermissionError:
        raise InvalidInput(
            "cli.output_not_writable", "cannot write {out}: permission denied", out=out
        ) from None
