"""Documents as stores of units: what exporters and QA read, built from the database.

A document's :class:`primitives.units.Store` holds its segments in order as units (id =
segment id, tagged source and target, codes, status, version, typed reference, the
segment's comments as notes, origin, score, flags, who changed it last and when), the
project's language pair and the document's metadata as Dublin Core (title, creator,
publisher, date, subject, description, rights, language; ``source`` is the imported
file's name; see :mod:`workflow.document_metadata`), the target language tag in
``props["target_language"]`` (en-US or en-GB, after the partner), the document's id,
name in the project (``document_name``), format and revision in ``props``. The whole project is one store per
document. Each is built in three queries however many segments and comments there are.

``segment_unit`` makes one segment a unit and ``segment_units`` reads a few by id: QA checks
one unit at a time. These are reads: a caller that hands a store to a user checks the
user's permission first (``Action.EXPORT``). Saving a store back (review import) is a
later step.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Row, null, select
from sqlalchemy.orm import Session

from primitives.block_ref import BlockRef
from primitives.errors import NotFound
from primitives.statuses import Origin, Status
from primitives.units import Note, Store, Unit
from workflow.document_metadata import DocumentMetadata, metadata_of
from workflow.models import Comment, Document, PartnerProfile, Project, Segment, iso_utc
from workflow.segment_flags import do_not_translate

# The segment columns a unit is made of (and the document it belongs to).
_UNIT_COLUMNS = (
    Segment.id,
    Segment.document_id,
    Segment.ref,
    Segment.source,
    Segment.target,
    Segment.status,
    Segment.origin,
    Segment.score,
    Segment.flags,
    Segment.codes,
    Segment.version,
    Segment.updated_by,
    Segment.updated_at,
)


def document_store(session: Session, document_id: int, *, with_original: bool = False) -> Store:
    """The store of one document (NotFound if there is no such document); with_original
    also loads the imported file, for formats that write into a copy of it."""
    stores = _stores(session, Document.id == document_id, with_original)
    if not stores:
        raise NotFound(
            "document.id_not_found", "no document {document_id}", document_id=document_id
        )
    return stores[0]


def project_stores(
    session: Session, project: Project, *, with_original: bool = False
) -> list[Store]:
    """One store per document of the project, in the order the documents were added."""
    return _stores(session, Document.project_id == project.id, with_original)


def _stores(session: Session, which: ColumnElement[bool], with_original: bool) -> list[Store]:
    # The imported file can be large: read only when a format needs it.
    original = Document.original if with_original else null().label("original")
    documents = session.execute(
        select(
            Document.id,
            original,
            Document.title,
            Document.filename,
            Document.format,
            Document.revision,
            Document.meta,
            Project.name.label("project"),
            Project.source_lang,
            Project.target_lang,
            PartnerProfile.settings.label("partner_settings"),
        )
        .join(Project, Project.id == Document.project_id)
        .outerjoin(PartnerProfile, PartnerProfile.id == Project.partner_id)
        .where(which)
        .order_by(Document.id)
    ).all()
    if not documents:
        return []
    notes = _notes(session, which)
    units: dict[int, list[Unit]] = defaultdict(list)
    for row in session.execute(
        select(*_UNIT_COLUMNS)
        .join(Document, Document.id == Segment.document_id)
        .where(which)
        .order_by(Segment.document_id, Segment.position)
    ):
        units[row.document_id].append(segment_unit(row, notes.get(row.id, [])))
    stores: list[Store] = []
    for document in documents:
        metadata = _metadata(document)
        stores.append(
            Store(
                units[document.id],
                source_lang=document.source_lang,
                target_lang=document.target_lang,
                metadata={**metadata.dublin_core(), "source": document.filename},
                props={
                    "project": document.project,
                    "document_id": str(document.id),
                    "document_name": document.title,
                    "format": document.format,
                    "revision": str(document.revision),
                    "target_language": metadata.target_language,
                },
                original=document.original,
            )
        )
    return stores


def segment_unit(segment: Segment | Row[Any], notes: list[Note] | None = None) -> Unit:
    """One segment (a row or a Segment with the columns below) as a unit; notes are its
    comments, when the caller read them."""
    flags = dict(segment.flags or {})
    # A segment marked not to translate (an image's file name) goes out as its source.
    target = segment.target or (segment.source if do_not_translate(flags) else "")
    return Unit(
        source=segment.source,
        target=target,
        id=segment.id,
        codes=dict(segment.codes or {}),
        status=Status(segment.status),
        version=segment.version,
        ref=BlockRef.parse(segment.ref),
        notes=notes or [],
        origin=Origin(segment.origin),
        score=segment.score,
        flags=flags,
        changed_by=segment.updated_by,
        changed_at=iso_utc(segment.updated_at),
    )


def segment_units(session: Session, segment_ids: Sequence[int]) -> dict[int, Unit]:
    """The units of these segments (without comments) by segment id, in one query; a
    segment deleted meanwhile is left out."""
    if not segment_ids:
        return {}
    rows = session.execute(select(*_UNIT_COLUMNS).where(Segment.id.in_(list(segment_ids))))
    return {row.id: segment_unit(row) for row in rows}


def _notes(session: Session, which: ColumnElement[bool]) -> dict[int, list[Note]]:
    """The comments of the documents' segments, oldest first, by segment id."""
    notes: dict[int, list[Note]] = defaultdict(list)
    for row in session.execute(
        select(Comment.segment_id, Comment.user, Comment.at, Comment.text)
        .join(Segment, Segment.id == Comment.segment_id)
        .join(Document, Document.id == Segment.document_id)
        .where(which)
        .order_by(Comment.at, Comment.id)
    ):
        notes[row.segment_id].append(Note(row.text, row.user, iso_utc(row.at)))
    return notes


def _metadata(document: Any) -> DocumentMetadata:
    variant = (document.partner_settings or {}).get("english_variant")
    return metadata_of(
        document.title,
        document.meta,
        source_lang=document.source_lang,
        target_lang=document.target_lang,
        english_variant=variant if isinstance(variant, str) else None,
    )
