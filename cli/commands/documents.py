"""songngu document show / set: a document's metadata (Dublin Core)."""

from __future__ import annotations

import json

import click

from cli.common import actor_for, as_option, database
from workflow.document_metadata import FIELD_NAMES, DocumentMetadata, document_metadata
from workflow.document_metadata import set_document_metadata as store_metadata
from workflow.projects import get_document, get_project


@click.group("document")
def document_group() -> None:
    """A document's metadata: title, creator, publisher, date, subject, description,
    rights, source and target language (carried by every export)."""


def _echo(metadata: DocumentMetadata, output_format: str) -> None:
    if output_format == "json":
        click.echo(json.dumps(metadata.as_dict(), ensure_ascii=False))
        return
    width = max(len(name) for name in FIELD_NAMES)
    for name in FIELD_NAMES:
        click.echo(f"{name.replace('_', ' '):<{width}}  {getattr(metadata, name)}")


_output_option = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for scripts.",
)


@document_group.command("show")
@click.argument("project")
@click.argument("document")
@_output_option
def show_command(project: str, document: str, output_format: str) -> None:
    """Show the metadata of DOCUMENT (title or id) of PROJECT."""
    with database().read() as session:
        found = get_document(session, get_project(session, project), document)
        _echo(document_metadata(found), output_format)


def _field_option(name: str, help_text: str):  # noqa: ANN202 (a click decorator)
    return click.option(f"--{name.replace('_', '-')}", name, default=None, help=help_text)


@document_group.command("set")
@click.argument("project")
@click.argument("document")
@_field_option("title", "The document's title (not its file name); at most 300 characters.")
@_field_option("creator", "Author or issuing office.")
@_field_option("publisher", "Publisher.")
@_field_option("date", "Date of the source document, YYYY-MM-DD (it decides official names).")
@_field_option("subject", "Subject or keywords.")
@_field_option("description", "One-line description; at most 2,000 characters.")
@_field_option("rights", "Rights statement (copyright, licence).")
@_field_option("source_language", "Language tag of the source, such as vi or vi-VN.")
@_field_option("target_language", "Language tag of the translation, such as en-US or en-GB.")
@_output_option
@as_option
def set_command(
    project: str, document: str, output_format: str, as_user: str | None, **values: str | None
) -> None:
    """Set metadata fields of DOCUMENT (title or id) of PROJECT; an empty value ("")
    puts a field back to its default. Each value is one line."""
    if all(value is None for value in values.values()):
        raise click.UsageError("give at least one field to set, such as --title or --date")
    with database().write() as session:
        found = get_document(session, get_project(session, project), document)
        metadata = store_metadata(session, actor_for(session, as_user), found.id, values)
    _echo(metadata, output_format)


def register(cli: click.Group) -> None:
    cli.add_command(document_group)
