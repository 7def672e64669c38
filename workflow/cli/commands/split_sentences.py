"""songngu split-sentences, songngu segmentation-rules"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from workflow.errors import InvalidInput, NotFound
from workflow.vietnamese.segmentation_rules import SegmentationRules
from workflow.vietnamese.segmenter import split_spans


def _rules(rules_path: str | None, abbreviations: tuple[str, ...]) -> SegmentationRules:
    rules = (
        SegmentationRules.from_json_file(Path(rules_path))
        if rules_path is not None
        else SegmentationRules.default()
    )
    return rules.extended(abbreviations=abbreviations) if abbreviations else rules


def _read_paragraphs(source: str) -> list[str]:
    if source == "-":
        return sys.stdin.read().splitlines()
    path = Path(source)
    if not path.is_file():
        raise NotFound(f"input file {source} does not exist; give a UTF-8 text file or '-'")
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as error:
        raise InvalidInput(
            f"{source} is not UTF-8 text (byte {error.start}); convert it with "
            "'songngu normalize' first"
        ) from error


_RULES_OPTION = click.option(
    "--rules",
    "rules_path",
    metavar="PATH",
    default=None,
    help="Project rules JSON (see 'songngu segmentation-rules') instead of the defaults.",
)
_ABBREVIATION_OPTION = click.option(
    "--abbreviation",
    "abbreviations",
    metavar="WORD",
    multiple=True,
    help="Extra abbreviation whose dot never ends a sentence, e.g. 'KTS.' (repeatable).",
)


@click.command("split-sentences")
@click.argument("source", metavar="FILE")
@_RULES_OPTION
@_ABBREVIATION_OPTION
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "jsonl"]),
    default="text",
    show_default=True,
    help="text: one sentence a line, a blank line between paragraphs; "
    "jsonl: one object per sentence with paragraph (line number), start, end, text.",
)
def split_sentences_command(
    source: str, rules_path: str | None, abbreviations: tuple[str, ...], output_format: str
) -> None:
    """Split each line of FILE (a paragraph; '-' reads stdin) into sentences."""
    rules = _rules(rules_path, abbreviations)
    first = True
    for line_number, paragraph in enumerate(_read_paragraphs(source), start=1):
        spans = split_spans(paragraph, rules)
        if not spans:
            continue
        if output_format == "jsonl":
            for start, end in spans:
                record = {
                    "paragraph": line_number,
                    "start": start,
                    "end": end,
                    "text": paragraph[start:end],
                }
                click.echo(json.dumps(record, ensure_ascii=False))
            continue
        if not first:
            click.echo("")
        first = False
        for start, end in spans:
            click.echo(paragraph[start:end])


@click.command("segmentation-rules")
@_RULES_OPTION
@_ABBREVIATION_OPTION
def segmentation_rules_command(rules_path: str | None, abbreviations: tuple[str, ...]) -> None:
    """Print the sentence-segmentation rules as JSON (a starting point for a project file)."""
    rules = _rules(rules_path, abbreviations)
    click.echo(json.dumps(rules.to_dict(), ensure_ascii=False, indent=2))


def register(cli: click.Group) -> None:
    cli.add_command(split_sentences_command)
    cli.add_command(segmentation_rules_command)
