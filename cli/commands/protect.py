"""``songngu protect FILE``: what MT will keep fixed in each line, and with what English.

Each line of FILE (decoded and repaired as ``songngu normalize`` does, NFC) is
analysed as the MT job analyses a segment: places, compound names, glossary terms valid
on the document's date, titles, personal names, dates in the partner's style, numbers,
document codes, URLs, e-mails and acronyms. The glossary is the partner's outside any
project: the shipped glossaries its profile lists, its own names, the office's global
terms and the partner's terms.
"""

from __future__ import annotations

import datetime
import unicodedata

import click

from cli.commands.normalize import read_input, split_lines
from cli.common import database, emit_jsonl, emit_table
from primitives.errors import InvalidInput
from workflow.glossary.matcher import TermMatcher
from workflow.glossary.store import partner_glossary
from workflow.partners import DEFAULT_PARTNER, get_partner
from workflow.protect import ProtectionStyle, Protector, report
from workflow.vietnamese.encodings import decode_bytes, repair_text


def _date(value: str | None) -> datetime.date | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput(
            "cli.bad_document_date",
            "--date {value!r} is not a date: write it as YYYY-MM-DD",
            value=value,
        ) from None


@click.command("protect")
@click.argument("file")
@click.option(
    "--date",
    "on",
    default=None,
    metavar="YYYY-MM-DD",
    help="Date of the document: decides which official names are in force.",
)
@click.option(
    "--partner",
    default=DEFAULT_PARTNER,
    show_default=True,
    help="Partner profile: its glossaries, own names, name and date style.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "jsonl"]),
    default="text",
    show_default=True,
    help="text for people; jsonl: one JSON object per protected span.",
)
def protect_command(file: str, on: str | None, partner: str, output_format: str) -> None:
    """Show what MT will keep fixed in each line of FILE ('-' for standard input).

    jsonl gives {"line", "start", "end", "text", "kind", "replacement"} per span: line is
    1-based, start and end are character offsets in the line in NFC, and kind is one of
    place, name, title, term, date, code, number, url, email, acronym. Without --date,
    names that stopped being official (the 2025 mergers) are shown but not enforced.
    """
    day = _date(on)
    data = read_input(file)
    with database().read() as session:
        profile = get_partner(session, partner)
        entries = partner_glossary(session, profile)
        style = ProtectionStyle.from_settings(profile.settings)
        partner_name = profile.name
    protector = Protector(TermMatcher(entries), style=style, on=day)
    try:
        text, _ = decode_bytes(data)
    except InvalidInput as error:
        name = "stdin" if file == "-" else file
        raise InvalidInput(
            "cli.input_not_text", "{name}: {detail}", name=name, detail=error
        ) from None
    rows: list[dict[str, object]] = []
    for number, (line, _ending) in enumerate(split_lines(text), start=1):
        line = unicodedata.normalize("NFC", repair_text(line, manual_line_break="\u2028").text)
        for span in report(protector, line):
            rows.append(
                {
                    "line": number,
                    "start": span.start,
                    "end": span.end,
                    "text": span.text,
                    "kind": span.kind,
                    "replacement": span.replacement,
                }
            )
    if output_format == "jsonl":
        emit_jsonl(rows)
    elif rows:
        emit_table(
            ["line", "kind", "text", "english"],
            ([row["line"], row["kind"], row["text"], row["replacement"]] for row in rows),
        )
    lines = len({row["line"] for row in rows})
    when = day.isoformat() if day else "no date: historic names are not enforced"
    click.echo(
        f"{len(rows)} spans kept fixed on {lines} lines (partner {partner_name}, {when})",
        err=True,
    )


def register(cli: click.Group) -> None:
    cli.add_command(protect_command)
