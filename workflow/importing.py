"""Bringing a source file into a project: read, repair, segment, store, in one transaction.

A file that fails leaves nothing behind, and a document it was re-importing stays as it
was. Re-importing a document with the same title updates it in place
(:mod:`workflow.reimport`): segments whose sentence is still there keep their id, target,
status, history and comments; edited sentences keep their id as changed drafts; removed
ones are deleted and recorded. A kept translation is never left approved after its
document changed around it (it is at most reviewed, with a status revision), unless the
document's text is identical. The document row is locked first (SELECT … FOR UPDATE; on
SQLite writers already queue), so two re-imports, or a re-import and a merge or split,
never interleave.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from sqlalchemy.orm import Session

from primitives.errors import InvalidInput
from workflow.intake import IntakeLimits, SourceDocument, read_source
from workflow.models import Document, Project, utcnow
from workflow.permissions import Action
from workflow.reimport import SOURCE_NOTE_AUTHOR as SOURCE_NOTE_AUTHOR  # its former home
from workflow.reimport import locked_document, store_drafts
from workflow.segment_drafts import SegmentDraft as SegmentDraft  # its former home
from workflow.segment_drafts import segment_blocks
from workflow.users import Actor
from workflow.vietnamese.segmenter import SegmentationRules

MAX_NAME_CHARS = 300  # documents.title and documents.filename
MAX_META_CHARS = 500  # each of a document's author, date and description


@dataclass
class ImportOutcome:
    """What an import did; the counts split the new segments (and name the removed ones)."""

    document_id: int
    title: str
    segments: int
    reused_translations: int = 0
    revision: int = 1
    unchanged: int = 0
    moved: int = 0
    changed: int = 0
    added: int = 0
    removed: int = 0
    repair_lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def project_rules(project: Project) -> SegmentationRules:
    """The default segmentation rules extended with the project's own."""
    stored = project.settings.get("segmentation")
    if not stored:
        return SegmentationRules.default()
    return SegmentationRules.from_dict(stored)


def _meta_refused(name: str) -> InvalidInput:
    """A document's author, date or description that is not one short line."""
    if name == "author":
        return InvalidInput(
            "document.author_not_one_line",
            "the document author must be one line of at most {limit} characters",
            limit=MAX_META_CHARS,
        )
    if name == "date":
        return InvalidInput(
            "document.date_not_one_line",
            "the document date must be one line of at most {limit} characters",
            limit=MAX_META_CHARS,
        )
    return InvalidInput(
        "document.description_not_one_line",
        "the document description must be one line of at most {limit} characters",
        limit=MAX_META_CHARS,
    )


def document_meta(
    *, author: str | None = None, date: str | None = None, description: str | None = None
) -> dict[str, str]:
    """Checked metadata of a document for the XML exports; only the fields given."""
    meta: dict[str, str] = {}
    for name, value in (("author", author), ("date", date), ("description", description)):
        if value is None:
            continue
        value = value.strip()
        if len(value) > MAX_META_CHARS or any(ord(c) < 32 for c in value):
            raise _meta_refused(name)
        meta[name] = value
    if meta.get("date"):
        try:
            datetime.date.fromisoformat(meta["date"])
        except ValueError:
            raise InvalidInput(
                "document.date_not_a_date",
                "document date {date!r} is not a date: write it as YYYY-MM-DD",
                date=meta["date"],
            ) from None
    return meta


def import_document(
    session: Session,
    actor: Actor,
    project: Project,
    data: bytes,
    filename: str,
    *,
    title: str | None = None,
    meta: dict[str, Any] | None = None,
) -> ImportOutcome:
    """Read, repair and segment a file and store it as a document of the project."""
    actor.require(Action.IMPORT)
    name = PurePath(filename).name
    title = (title or PurePath(name).stem).strip() or name
    # The columns' sizes: checked here so PostgreSQL never sees an over-long value.
    if len(name) > MAX_NAME_CHARS:
        raise InvalidInput(
            "document.file_name_too_long",
            "the file name has {length} characters, more than {limit}: rename the file",
            length=len(name),
            limit=MAX_NAME_CHARS,
        )
    if len(title) > MAX_NAME_CHARS:
        raise InvalidInput(
            "document.title_too_long",
            "the document title has {length} characters, more than {limit}: give a shorter title",
            length=len(title),
            limit=MAX_NAME_CHARS,
        )
    source_doc: SourceDocument = read_source(data, name, IntakeLimits.from_settings())
    drafts = list(segment_blocks(source_doc.blocks, project_rules(project)))
    if not drafts:
        raise InvalidInput(
            "document.nothing_to_translate",
            "{file}: no translatable text found (empty, or only numbers)",
            file=name,
        )

    # Locked until the transaction ends: a second re-import, a merge or a split waits.
    document = locked_document(session, project, title)
    if document is None:
        document = Document(project_id=project.id, title=title, revision=1)
        session.add(document)
    else:
        document.revision += 1
        document.imported_at = utcnow()
    document.filename = name
    document.format = source_doc.format
    document.original = data
    document.meta = {**document.meta, **(meta or {})} if document.meta else dict(meta or {})
    document.repair_report = {"lines": source_doc.repair_lines, "warnings": source_doc.warnings}
    session.flush()
    changes = store_drafts(session, actor, document, drafts)
    return ImportOutcome(
        document_id=document.id,
        title=title,
        segments=len(drafts),
        reused_translations=changes.reused_translations,
        revision=document.revision,
        unchanged=changes.unchanged,
        moved=changes.moved,
        changed=changes.changed,
        added=changes.added,
        removed=changes.removed,
        repair_lines=list(source_doc.repair_lines),
        warnings=list(source_doc.warnings),
    )
