"""Bringing a source file into a project: read, repair, segment, store, in one transaction.

A file that fails leaves nothing behind. Re-importing a document with the same title
replaces its segments but keeps the translations of segments whose source is unchanged
(matched on the Vietnamese matching key), so a corrected source costs no rework.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from primitives.block_ref import BlockRef
from primitives.errors import InvalidInput
from primitives.inline import codes_used
from primitives.statuses import Origin, Status
from primitives.text_keys import match_key
from workflow.intake import IntakeLimits, SourceBlock, SourceDocument, read_source
from workflow.models import Comment, Document, Project, Segment
from workflow.permissions import Action
from workflow.users import Actor
from workflow.vietnamese.segmenter import SegmentationRules, split_spans

MAX_NAME_CHARS = 300  # documents.title and documents.filename


@dataclass(frozen=True)
class SegmentDraft:
    """A segment before it is stored: which block it came from and where in it."""

    block: int
    ref: str
    source: str
    codes: dict[str, Any]
    notes: tuple[str, ...] = ()  # the source's comments, on the block's first segment


# Comments found in the source document are kept as segment comments by this author.
SOURCE_NOTE_AUTHOR = "source document"


@dataclass
class ImportOutcome:
    document_id: int
    title: str
    segments: int
    reused_translations: int = 0
    revision: int = 1
    repair_lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def project_rules(project: Project) -> SegmentationRules:
    """The default segmentation rules extended with the project's own."""
    stored = project.settings.get("segmentation")
    if not stored:
        return SegmentationRules.default()
    return SegmentationRules.from_dict(stored)


def segment_blocks(blocks: list[SourceBlock], rules: SegmentationRules) -> Iterator[SegmentDraft]:
    for index, block in enumerate(blocks):
        spans = split_spans(block.text, rules)
        for number, (start, end) in enumerate(spans):
            following = spans[number + 1][0] if number + 1 < len(spans) else end
            text = block.text[start:end]
            if not text.strip():
                continue
            codes = codes_used(block.codes, text)
            # space_after: what separates it from the next sentence, so a merge needs no re-read.
            ref = BlockRef(block.ref, block.kind, start, end, block.text[end:following]).dump()
            first_of_block = number == 0
            yield SegmentDraft(index, ref, text, codes, block.notes if first_of_block else ())


def document_meta(
    *, author: str | None = None, date: str | None = None, description: str | None = None
) -> dict[str, str]:
    """Checked metadata of a document for the XML exports; only the fields given."""
    meta: dict[str, str] = {}
    for name, value in (("author", author), ("date", date), ("description", description)):
        if value is None:
            continue
        value = value.strip()
        if len(value) > 500 or any(ord(c) < 32 for c in value):
            raise InvalidInput(f"the document {name} must be one line of at most 500 characters")
        meta[name] = value
    if meta.get("date"):
        try:
            datetime.date.fromisoformat(meta["date"])
        except ValueError:
            raise InvalidInput(
                f"document date {meta['date']!r} is not a date: write it as YYYY-MM-DD"
            ) from None
    return meta


def _store_source_notes(session: Session, document_id: int, drafts: list[SegmentDraft]) -> None:
    """Comments of the source document become comments on the segment they annotate."""
    noted = {position: draft.notes for position, draft in enumerate(drafts) if draft.notes}
    if not noted:
        return
    rows = session.execute(
        select(Segment.position, Segment.id).where(
            Segment.document_id == document_id, Segment.position.in_(list(noted))
        )
    )
    ids = {position: segment_id for position, segment_id in rows}
    session.add_all(
        Comment(segment_id=ids[position], user=SOURCE_NOTE_AUTHOR, text=note)
        for position, notes in noted.items()
        for note in notes
        if note.strip()
    )


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
            f"the file name has {len(name)} characters, more than {MAX_NAME_CHARS}: rename the file"
        )
    if len(title) > MAX_NAME_CHARS:
        raise InvalidInput(
            f"the document title has {len(title)} characters, more than {MAX_NAME_CHARS}: "
            f"give a shorter title"
        )
    source_doc: SourceDocument = read_source(data, name, IntakeLimits.from_settings())
    drafts = list(segment_blocks(source_doc.blocks, project_rules(project)))
    if not drafts:
        raise InvalidInput(f"{name}: no translatable text found (empty, or only numbers)")

    document = session.scalar(
        select(Document).where(Document.project_id == project.id, Document.title == title)
    )
    carried: dict[str, Segment] = {}
    if document is None:
        document = Document(project_id=project.id, title=title, revision=1)
        session.add(document)
    else:
        for old in session.scalars(select(Segment).where(Segment.document_id == document.id)):
            if old.target and old.source_key not in carried:
                carried[old.source_key] = old
        session.execute(delete(Segment).where(Segment.document_id == document.id))
        document.revision += 1
    document.filename = name
    document.format = source_doc.format
    document.original = data
    document.meta = {**document.meta, **(meta or {})} if document.meta else dict(meta or {})
    document.repair_report = {"lines": source_doc.repair_lines, "warnings": source_doc.warnings}
    session.flush()

    reused = 0
    rows = []
    for position, draft in enumerate(drafts):
        key = match_key(draft.source)
        row = {
            "document_id": document.id,
            "position": position,
            "block": draft.block,
            "ref": draft.ref,
            "source": draft.source,
            "source_key": key,
            "codes": draft.codes,
            "updated_by": actor.name,
        }
        previous = carried.get(key)
        if previous is not None:
            reused += 1
            # A kept translation is kept with its status, but never as approved: the
            # document changed around it, so it goes back through sign-off.
            row.update(
                target=previous.target,
                status=min(previous.status, int(Status.REVIEWED)),
                origin=previous.origin,
                score=previous.score,
            )
        else:
            # Every row names the same columns: one executemany statement for all of them.
            row.update(target="", status=int(Status.NEW), origin=int(Origin.NONE), score=None)
        rows.append(row)
    session.execute(Segment.__table__.insert(), rows)
    _store_source_notes(session, document.id, drafts)
    session.flush()
    return ImportOutcome(
        document_id=document.id,
        title=title,
        segments=len(rows),
        reused_translations=reused,
        revision=document.revision,
        repair_lines=list(source_doc.repair_lines),
        warnings=list(source_doc.warnings),
    )
