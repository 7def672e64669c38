"""songngu segment, segmentation-rules, merge, split, project rules"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from cli.commands.projects import project_group
from cli.commands.segments import read_input_file
from cli.common import actor_for, as_option, database, emit_jsonl
from primitives.errors import InvalidInput
from primitives.statuses import Status
from workflow.import_preview import preview_segmentation
from workflow.importing import project_rules
from workflow.intake import IntakeLimits
from workflow.intake.limits import UPLOAD_MB_SETTING
from workflow.project_rules import (
    RulesChange,
    RulesDifference,
    change_project_rules,
    reset_project_rules,
)
from workflow.projects import get_project
from workflow.segment_structure import merge_segments, split_segment
from workflow.vietnamese.segmentation_rules import SegmentationRules

STDIN_NAME = "stdin.txt"  # text on stdin is read like a .txt file (one paragraph a line)


def _rules(
    rules_path: str | None, project: str | None, abbreviations: tuple[str, ...]
) -> SegmentationRules:
    if rules_path is not None and project is not None:
        raise InvalidInput(
            "cli.rules_and_project", "--rules and --project both name rules: give one of them"
        )
    if rules_path is not None:
        rules = SegmentationRules.from_json_file(Path(rules_path))
    elif project is not None:
        with database().read() as session:
            rules = project_rules(get_project(session, project))
    else:
        rules = SegmentationRules.default()
    return rules.extended(abbreviations=abbreviations) if abbreviations else rules


_RULES_OPTION = click.option(
    "--rules",
    "rules_path",
    metavar="PATH",
    default=None,
    help="Rules JSON (see 'songngu segmentation-rules') instead of the defaults.",
)
_PROJECT_OPTION = click.option(
    "--project",
    default=None,
    help="Use this project's segmentation rules (see 'songngu project rules').",
)
_ABBREVIATION_OPTION = click.option(
    "--abbreviation",
    "abbreviations",
    metavar="WORD",
    multiple=True,
    help="Extra abbreviation whose dot never ends a sentence, e.g. 'KTS.' (repeatable).",
)


@click.command("segment")
@click.argument("source", metavar="FILE")
@_RULES_OPTION
@_PROJECT_OPTION
@_ABBREVIATION_OPTION
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "jsonl"]),
    default="text",
    show_default=True,
    help="text: one segment a line, a blank line between paragraphs; jsonl: one object per "
    "segment with paragraph (0-based block index), block (its ref in the file), kind, "
    "start, end (span in the block) and text.",
)
def segment_command(
    source: str,
    rules_path: str | None,
    project: str | None,
    abbreviations: tuple[str, ...],
    output_format: str,
) -> None:
    """Show how FILE (.docx, .txt, .md; '-' reads text from stdin) would be segmented.

    The file is read, repaired and split exactly as 'songngu import' would do it; nothing
    is stored. Repair notes go to stderr.
    """
    rules = _rules(rules_path, project, abbreviations)
    if source == "-":
        limit = IntakeLimits.from_settings().max_file_bytes
        data, name = sys.stdin.buffer.read(limit + 1), STDIN_NAME  # never more than the limit
        if len(data) > limit:
            raise InvalidInput(
                "cli.stdin_over_import_limit",
                "standard input has more than {limit:,} bytes, the import limit; split it into "
                "smaller files, or raise {setting} if such files are expected",
                limit=limit,
                setting=UPLOAD_MB_SETTING,
            )
    else:
        data, name = read_input_file(source), Path(source).name
    preview = preview_segmentation(data, name, rules)
    for line in preview.repair_lines + preview.warnings:
        click.echo(f"note: {line}", err=True)
    if output_format == "jsonl":
        emit_jsonl(
            {
                "paragraph": sentence.paragraph,
                "block": sentence.block_ref,
                "kind": sentence.kind,
                "start": sentence.start,
                "end": sentence.end,
                "text": sentence.text,
            }
            for sentence in preview.sentences
        )
        return
    previous: int | None = None
    for sentence in preview.sentences:
        if previous is not None and sentence.paragraph != previous:
            click.echo("")
        previous = sentence.paragraph
        click.echo(sentence.text)


@click.command("segmentation-rules")
@_RULES_OPTION
@_PROJECT_OPTION
@_ABBREVIATION_OPTION
def segmentation_rules_command(
    rules_path: str | None, project: str | None, abbreviations: tuple[str, ...]
) -> None:
    """Print segmentation rules as JSON (the defaults, a file's or a project's).

    The output is a starting point for a rules file ('songngu segment --rules PATH').
    """
    rules = _rules(rules_path, project, abbreviations)
    click.echo(json.dumps(rules.to_dict(), ensure_ascii=False, indent=2))


def _parse_versions(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    parts = [part.strip() for part in value.split(",")]
    if len(parts) != 2 or not all(part.isdigit() for part in parts):
        raise InvalidInput(
            "cli.bad_expect_versions",
            "--expect-versions {value!r} must be two versions, the first's and the next "
            "segment's, e.g. 3,1",
            value=value,
        )
    return int(parts[0]), int(parts[1])


@click.command("merge")
@click.argument("project")
@click.argument("first_id", type=int)
@click.option(
    "--expect-versions",
    metavar="A,B",
    default=None,
    help="Refuse unless FIRST_ID is at version A and the next segment at version B.",
)
@as_option
def merge_command(
    project: str, first_id: int, expect_versions: str | None, as_user: str | None
) -> None:
    """Merge segment FIRST_ID with the next one of the same source paragraph.

    The merged segment keeps FIRST_ID, its source is the paragraph text from the first's
    start to the second's end, the targets are joined with a space, and it becomes a draft
    (new, if neither had a target). Approved segments must be reopened first.
    """
    versions = _parse_versions(expect_versions)
    with database().write() as session:
        segment = merge_segments(
            session,
            actor_for(session, as_user),
            first_id,
            expected_versions=versions,
            project=get_project(session, project),
        )
        click.echo(
            f"merged into segment {segment.id} (version {segment.version}, "
            f"{Status(segment.status).label}): {segment.source}"
        )


@click.command("split")
@click.argument("project")
@click.argument("segment_id", type=int)
@click.argument("offset", type=int, required=False)
@click.option(
    "--before",
    metavar="TEXT",
    default=None,
    help="Split before the first occurrence of TEXT instead of at OFFSET.",
)
@click.option(
    "--expect-version",
    type=int,
    default=None,
    help="Refuse if the segment is no longer at this version.",
)
@as_option
def split_command(
    project: str,
    segment_id: int,
    offset: int | None,
    before: str | None,
    expect_version: int | None,
    as_user: str | None,
) -> None:
    """Split segment SEGMENT_ID into two at character OFFSET of its source (or --before).

    OFFSET counts the characters (tags included, as 'songngu segments' shows the source)
    that stay in the first part. The first part keeps the id and the target, as a draft;
    the second part becomes a new segment right after it.
    """
    if (offset is None) == (before is None):
        raise InvalidInput(
            "cli.split_where", "say where to split: give an OFFSET or --before TEXT (one of them)"
        )
    with database().write() as session:
        first, second = split_segment(
            session,
            actor_for(session, as_user),
            segment_id,
            offset=offset,
            before=before,
            expected_version=expect_version,
            project=get_project(session, project),
        )
        click.echo(f"segment {first.id} (version {first.version}): {first.source}")
        click.echo(f"segment {second.id} (new, version {second.version}): {second.source}")


@click.command("rules")
@click.argument("project")
@click.option(
    "--add-abbreviation",
    multiple=True,
    metavar="WORD",
    help="A word whose dot never ends a sentence, e.g. 'KTS.' (repeatable).",
)
@click.option(
    "--remove-abbreviation",
    multiple=True,
    metavar="WORD",
    help="Let a dot after WORD end sentences again (repeatable).",
)
@click.option(
    "--add-no-break",
    multiple=True,
    metavar="REGEX",
    help="No sentence ends inside a match (repeatable).",
)
@click.option(
    "--remove-no-break",
    multiple=True,
    metavar="REGEX",
    help="Drop a no-break pattern (repeatable).",
)
@click.option(
    "--add-break",
    multiple=True,
    metavar="REGEX",
    help="A sentence always ends after a match, e.g. '<x\\d+/>' (repeatable).",
)
@click.option(
    "--remove-break", multiple=True, metavar="REGEX", help="Drop a break pattern (repeatable)."
)
@click.option("--reset", is_flag=True, help="Go back to the shipped default rules.")
@click.option("--show", is_flag=True, help="Print the project's full rules as JSON.")
@as_option
def project_rules_command(
    project: str,
    add_abbreviation: tuple[str, ...],
    remove_abbreviation: tuple[str, ...],
    add_no_break: tuple[str, ...],
    remove_no_break: tuple[str, ...],
    add_break: tuple[str, ...],
    remove_break: tuple[str, ...],
    reset: bool,
    show: bool,
    as_user: str | None,
) -> None:
    """Show or change PROJECT's sentence-segmentation rules (used by later imports).

    Without options it lists how the project's rules differ from the defaults.
    """
    change = RulesChange(
        add_abbreviations=add_abbreviation,
        remove_abbreviations=remove_abbreviation,
        add_no_break=add_no_break,
        remove_no_break=remove_no_break,
        add_break=add_break,
        remove_break=remove_break,
    )
    if reset and not change.is_empty:
        raise InvalidInput(
            "cli.reset_with_changes",
            "--reset replaces the rules with the defaults: run changes after it",
        )
    if reset or not change.is_empty:
        with database().write() as session:
            found = get_project(session, project)
            actor = actor_for(session, as_user)
            if reset:
                rules = reset_project_rules(session, actor, found)
            else:
                rules = change_project_rules(session, actor, found, change)
            name = found.name
        click.echo(f"saved the segmentation rules of project {name!r}; new imports use them")
    else:
        with database().read() as session:
            found = get_project(session, project)
            rules, name = project_rules(found), found.name
    if show:
        click.echo(json.dumps(rules.to_dict(), ensure_ascii=False, indent=2))
        return
    difference = RulesDifference.from_defaults(rules)
    if difference.is_empty:
        click.echo(f"project {name!r} uses the default segmentation rules")
    for line in difference.lines():
        click.echo(line)


def register(cli: click.Group) -> None:
    for command in (segment_command, segmentation_rules_command, merge_command, split_command):
        cli.add_command(command)
    project_group.add_command(project_rules_command)
