"""`songngu check FILE`: QA of a bilingual file without a project (a vendor's delivery)."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import click

from primitives.errors import InvalidInput, NotFound
from workflow.glossary.files import read_glossary_file
from workflow.partners import parse_setting_value, validate_settings
from workflow.qa.files import FileReport, check_file
from workflow.qa.model import Severity
from workflow.qa.registry import validate_severities

MAX_FILE_BYTES = 200 * 1024 * 1024
# Exit statuses: findings of error severity, else none; unreadable input is 2 (main).
EXIT_ERRORS = 1


def _read_bytes(path: Path) -> bytes:
    if path.is_dir():
        raise InvalidInput(
            "cli.check_file_is_folder", "{path} is a folder: give a bilingual file", path=str(path)
        )
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InvalidInput(
                "cli.check_file_too_large",
                "{path} is larger than 200 MB: split it before checking",
                path=str(path),
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise NotFound(
            "cli.check_file_missing", "file {path} does not exist", path=str(path)
        ) from None
    except OSError as error:
        raise InvalidInput(
            "cli.check_file_unreadable",
            "cannot read {path}: {reason}",
            path=str(path),
            reason=error.strerror or str(error),
        ) from None


def _document_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            "cli.check_bad_date", "--date {value} is not a date: write YYYY-MM-DD", value=text
        ) from None


def _settings(pairs: tuple[str, ...]) -> tuple[dict[str, Any], dict[str, Severity | None]]:
    """Partner settings given as KEY=VALUE (only those given take effect) and the severity
    overrides among them."""
    given: dict[str, Any] = {}
    for pair in pairs:
        key, separator, raw = pair.partition("=")
        if not separator:
            raise InvalidInput(
                "cli.check_bad_setting",
                "--setting {pair} is not KEY=VALUE, e.g. --setting english_variant=UK",
                pair=pair,
            )
        given[key.strip()] = parse_setting_value(key.strip(), raw.strip())
    checked = validate_settings(given)
    settings = {key: checked[key] for key in given if key != "qa_severities"}
    severities = validate_severities(checked["qa_severities"])
    return settings, severities


def _emit_json(report: FileReport) -> None:
    for number, finding in report.findings:
        record = {
            "segment": number,
            "check": finding.check,
            "severity": finding.severity.value,
            "message": finding.message["en"],
        }
        click.echo(json.dumps(record, ensure_ascii=False))


def _emit_table(report: FileReport) -> None:
    rows = list(report.findings)
    if rows:
        width = max(len(finding.check) for _, finding in rows)
        click.echo(f"{'segment':>7}  {'severity':<8}  {'check':<{width}}  message")
        for number, finding in rows:
            click.echo(
                f"{number:>7}  {finding.severity.value:<8}  {finding.check:<{width}}  "
                f"{finding.message['en']}"
            )
    units = len(report.units)
    flagged = sum(1 for checked in report.units if checked.findings)
    click.echo(
        f"{units} segment{'s' if units != 1 else ''} checked ({report.format_name}), "
        f"{flagged} with findings: {report.count(Severity.ERROR)} errors, "
        f"{report.count(Severity.WARNING)} warnings, {report.count(Severity.INFO)} info"
    )


@click.command(name="check")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help='table for people; json: one object a line per finding, {"segment", "check", '
    '"severity", "message"}.',
)
@click.option(
    "--file-format",
    "file_format",
    metavar="NAME",
    default=None,
    help="Read FILE as this bilingual format (tsv-pairs, tmx, ...) instead of by its extension.",
)
@click.option(
    "--glossary",
    "glossaries",
    type=click.Path(path_type=Path),
    multiple=True,
    help="Extra glossary file (.csv, .tsv or .tbx) besides the shipped one; repeat for several.",
)
@click.option("--no-default", is_flag=True, help="Do not use the shipped official-names glossary.")
@click.option(
    "--date",
    "document_date",
    metavar="YYYY-MM-DD",
    default=None,
    help="The document's date: official names no longer current on it are reported.",
)
@click.option(
    "--setting",
    "settings",
    metavar="KEY=VALUE",
    multiple=True,
    help="A partner setting for the style checks (english_variant=UK, country_name='Viet Nam', "
    "name_diacritics=keep, date_style=day_month_year) or severities "
    '(qa_severities=\'{"end-punctuation": "off"}\'); repeat for several.',
)
def check_command(
    file: Path,
    output_format: str,
    file_format: str | None,
    glossaries: tuple[Path, ...],
    no_default: bool,
    document_date: str | None,
    settings: tuple[str, ...],
) -> None:
    """Check a bilingual FILE (TSV source<TAB>target, TMX, XLIFF) without a project.

    Every QA check runs on each segment, with the shipped glossary and a consistency
    index over the file. Segment numbers are line numbers in a TSV file and 1-based unit
    positions otherwise. Exit status 1 when there are errors, 0 otherwise, 2 when FILE
    cannot be read.
    """
    partner_settings, severities = _settings(settings)
    when = _document_date(document_date)
    extra = [entry for path in glossaries for entry in read_glossary_file(path)]
    report = check_file(
        _read_bytes(file),
        file.name,
        format_name=file_format,
        extra_entries=extra,
        use_default_glossary=not no_default,
        document_date=when,
        partner_settings=partner_settings,
        severities=severities,
        workers=len(os.sched_getaffinity(0)),
    )
    if output_format == "json":
        _emit_json(report)
    else:
        _emit_table(report)
    if report.count(Severity.ERROR):
        raise click.exceptions.Exit(EXIT_ERRORS)


def register(cli: click.Group) -> None:
    cli.add_command(check_command)
