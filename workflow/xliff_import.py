"""Importing an XLIFF file (1.2 or 2.x): a round trip of songngu's export, or a new document.

Each ``<file>`` of the XLIFF is one of two kinds:

- **songngu's own** (its markers name this project and one of its documents, see
  :mod:`exporters.xliff_common`): the edited targets, statuses and new notes go back to
  that document's segments through :func:`workflow.target_updates.apply_target_updates`,
  with its conflict report (changed since the export, source changed, units missing,
  added or duplicated, tags broken or renumbered, refused by the workflow). A file whose
  markers name another project, or a document this project does not have, is refused
  whole, before anything is stored.
- **another tool's**: its units become the segments of a document titled after the
  ``<file original>`` (no re-segmentation: units are segments already; a document of that
  title is updated in place, as any re-import), then their targets and states are applied
  the same way, so statuses follow the workflow's transitions as far as the importing
  user's role allows (a translator's file marked final stays translated).

The file is read completely (limits as for a DOCX import) before anything is written.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from exporters.xliff_common import SOURCE_HASH_PROP, ReadLimits, read_xliff
from primitives.block_ref import BlockRef
from primitives.errors import InvalidInput
from primitives.inline import plain
from primitives.statuses import Origin, Status
from primitives.units import Store, Unit
from workflow.importing import ImportedFile, ImportOutcome, checked_names, store_import
from workflow.intake import IntakeLimits
from workflow.models import Comment, Document, Project, Segment
from workflow.permissions import Action
from workflow.segment_drafts import SegmentDraft
from workflow.target_updates import (
    ConflictKind,
    ProposedTarget,
    TargetUpdateReport,
    apply_target_updates,
)
from workflow.users import Actor

DOCUMENT_FORMAT = "xliff"


@dataclass
class XliffDocumentOutcome:
    """What the import did to one document: its round-trip or new-document report."""

    document_id: int
    title: str
    round_trip: bool
    report: TargetUpdateReport
    stored: ImportOutcome | None = None  # a new (or re-imported) document's segments


@dataclass
class XliffImportOutcome:
    filename: str
    version: str
    documents: list[XliffDocumentOutcome] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def import_xliff(
    session: Session,
    actor: Actor,
    project: Project,
    data: bytes,
    filename: str,
    *,
    title: str | None = None,
    meta: dict[str, Any] | None = None,
) -> XliffImportOutcome:
    """Import an XLIFF file into the project (see the module docstring)."""
    actor.require(Action.IMPORT)
    name, _ = checked_names(filename, title)
    limits = IntakeLimits.from_settings()
    stores = read_xliff(
        data,
        name,
        source_lang=project.source_lang,
        target_lang=project.target_lang,
        limits=ReadLimits(max_bytes=limits.max_file_bytes, max_units=limits.max_paragraphs),
    )
    if title and len(stores) > 1:
        raise InvalidInput(
            "xliff.title_for_several_files",
            "{filename} holds {count} files: a title names one document",
            filename=name,
            count=len(stores),
        )
    documents = {
        store_index: _exported_document(session, project, store, name)
        for store_index, store in enumerate(stores)
    }
    outcome = XliffImportOutcome(name, stores[0].props.get("xliff_version", ""))
    for index, store in enumerate(stores):
        outcome.warnings += store.warnings
        document = documents[index]
        if document is not None:
            outcome.documents.append(_round_trip(session, actor, document, store, name))
        else:
            outcome.documents.append(
                _new_document(session, actor, project, store, name, data, title, meta)
            )
    return outcome


def _exported_document(
    session: Session, project: Project, store: Store, filename: str
) -> Document | None:
    """The document a songngu <file> was exported from (None: not songngu's file)."""
    exported_from = store.props.get("project")
    document_id = store.props.get("document_id")
    if not exported_from or not document_id:
        return None
    if exported_from != project.name:
        raise InvalidInput(
            "xliff.other_project",
            "{filename} was exported from project {exported!r}, not {project!r}: "
            "import it into that project",
            filename=filename,
            exported=exported_from,
            project=project.name,
        )
    document = session.get(Document, int(document_id))
    if document is None or document.project_id != project.id:
        raise InvalidInput(
            "xliff.document_not_in_project",
            "{filename} was exported from document {document_id} of {project!r}, which the "
            "project no longer has: nothing was imported",
            filename=filename,
            document_id=int(document_id),
            project=project.name,
        )
    return document


def _new_notes(session: Session, document_ids: list[int]) -> dict[int, set[str]]:
    existing: dict[int, set[str]] = {}
    for segment_id, text in session.execute(
        select(Comment.segment_id, Comment.text)
        .join(Segment, Segment.id == Comment.segment_id)
        .where(Segment.document_id.in_(document_ids))
    ):
        existing.setdefault(segment_id, set()).add(text)
    return existing


def _comment(unit: Unit, present: set[str]) -> str:
    """The unit's notes that the segment does not have yet, one a line."""
    texts: list[str] = []
    for note in unit.notes:
        text = note.text.strip()
        if text and text not in present and text not in texts:
            texts.append(text)
    return "\n".join(texts)


def _row(unit: Unit, position: int) -> str:
    return f"unit {unit.props.get('xliff_id') or unit.id or position}"


def _segment_id(unit: Unit) -> int | None:
    return unit.id if isinstance(unit.id, int) else None


def _round_trip(
    session: Session, actor: Actor, document: Document, store: Store, filename: str
) -> XliffDocumentOutcome:
    present = _new_notes(session, [document.id])
    proposals = [
        ProposedTarget(
            segment_id=_segment_id(unit),
            seen_version=unit.version,
            source_hash=unit.props.get(SOURCE_HASH_PROP) or None,
            new_target=unicodedata.normalize("NFC", unit.target),
            new_comment=_comment(unit, present.get(_segment_id(unit) or -1, set())),
            new_status=unit.status,
            origin=unit.origin if unit.origin != Origin.NONE else Origin.HUMAN,
            row=_row(unit, position),
        )
        for position, unit in enumerate(store, start=1)
    ]
    report = apply_target_updates(session, actor, [document.id], proposals, reason=filename)
    return XliffDocumentOutcome(document.id, document.title, True, report)


def _drafts(store: Store) -> tuple[list[SegmentDraft], list[Unit]]:
    drafts: list[SegmentDraft] = []
    units: list[Unit] = []
    for unit in store:
        source = unicodedata.normalize("NFC", unit.source)
        if not plain(source).strip():
            continue
        ref = BlockRef(str(unit.props.get("xliff_id") or unit.id or ""), "xliff").dump()
        notes = tuple(note.text for note in unit.notes if note.text.strip())
        drafts.append(SegmentDraft(len(drafts), ref, source, dict(unit.codes), notes))
        units.append(unit)
    return drafts, units


def _new_document(
    session: Session,
    actor: Actor,
    project: Project,
    store: Store,
    filename: str,
    data: bytes,
    title: str | None,
    meta: dict[str, Any] | None,
) -> XliffDocumentOutcome:
    original = store.props.get("original") or filename
    _, document_title = checked_names(filename, title or PurePath(original).stem or None)
    drafts, units = _drafts(store)
    if not drafts:
        raise InvalidInput(
            "xliff.no_units",
            "{filename}: no unit with text to translate in file {original!r}",
            filename=filename,
            original=original,
        )
    stored = store_import(
        session,
        actor,
        project,
        ImportedFile(filename, document_title, DOCUMENT_FORMAT, data, dict(meta or {})),
        drafts,
        warnings=store.warnings,
    )
    segments = list(
        session.scalars(
            select(Segment)
            .where(Segment.document_id == stored.document_id)
            .order_by(Segment.position)
        )
    )
    proposals = [
        ProposedTarget(
            segment_id=segment.id,
            seen_version=segment.version,
            source_hash=None,
            new_target=unicodedata.normalize("NFC", unit.target),
            new_status=unit.status,
            origin=unit.origin if unit.origin != Origin.NONE else Origin.HUMAN,
            row=_row(unit, position),
        )
        for position, (segment, unit) in enumerate(zip(segments, units, strict=True), start=1)
        if unit.target.strip() or unit.status != Status.NEW
    ]
    report = apply_target_updates(session, actor, [stored.document_id], proposals, reason=filename)
    # Segments the file left untranslated are not missing from it.
    report.conflicts = [c for c in report.conflicts if c.kind is not ConflictKind.MISSING]
    return XliffDocumentOutcome(stored.document_id, document_title, False, report, stored)
