"""Importing a bilingual review DOCX a reviewer edited: a review round by the importing user.

The file is read completely first (:mod:`exporters.bilingual_docx_reader`, within the
intake's limits); a file that is not a songngu review table, or that another project
exported, or that names a document this project does not have, is refused whole before
anything is written. Then each row is a :class:`workflow.target_updates.ProposedTarget`
(the segment, the version and source hash it was exported with, the edited target, the
new comments), applied through the version guard with revisions, or reported:

- changed in songngu since the export; its source changed since the export;
- rows the reviewer deleted (**missing**), added (no hidden key), duplicated, moved out
  of the export's order (the rows outside the longest run kept in order), whose id or
  hidden key was changed, or whose source text was edited in the file;
- targets whose tags are broken or renumbered against the source's codes;
- what the workflow refuses (an approved segment is locked).

An edited target becomes the review round's result: reviewed when the importing user
may review, else translated (a draft with ``as_draft``). New comments are the lines of a
Comments cell that are not already comments of the segment, and the Word comments
anchored in the row. An export older than the document (re-imported since) is named in
the outcome's notices; its rows are still checked one by one. With ``dry_run`` the same
work is done and rolled back.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import unquote

from sqlalchemy import select
from sqlalchemy.orm import Session

from exporters.bilingual_docx import note_line
from exporters.bilingual_docx_reader import ReviewReadLimits, read_review_docx
from primitives.errors import InvalidInput
from primitives.inline import display, parse
from primitives.statuses import Origin, Status
from primitives.units import Note, Store, Unit
from workflow.audit import AuditAction, record
from workflow.intake import IntakeLimits
from workflow.models import Comment, Document, Project, Segment, iso_utc
from workflow.permissions import Action, allowed
from workflow.target_updates import (
    ConflictKind,
    ProposedTarget,
    TargetUpdateReport,
    apply_target_updates,
)
from workflow.users import Actor


@dataclass(frozen=True)
class OlderExport:
    """A document re-imported after the file was exported: its rows may be out of date."""

    document_id: int
    title: str
    exported_revision: int
    current_revision: int


@dataclass
class ReviewImportOutcome:
    filename: str
    export_id: str
    exported_at: str
    document_ids: list[int]
    report: TargetUpdateReport
    older: list[OlderExport] = field(default_factory=list)

    @property
    def dry_run(self) -> bool:
        return self.report.dry_run


def _limits() -> ReviewReadLimits:
    intake = IntakeLimits.from_settings()
    return ReviewReadLimits(
        max_members=intake.max_zip_entries,
        max_part_bytes=intake.max_part_bytes,
        max_total_bytes=intake.max_total_bytes,
        max_compression_ratio=intake.max_compression_ratio,
        ratio_allowance_bytes=intake.ratio_allowance_bytes,
        max_rows=intake.max_paragraphs,
    )


def read_review_file(data: bytes, filename: str, project: Project) -> Store:
    """The file's rows, refused whole when it is too large or not this project's table."""
    limits = IntakeLimits.from_settings()
    if len(data) > limits.max_file_bytes:
        raise InvalidInput(
            "review.too_large",
            "{filename} is larger than {limit_mb} MB, the import limit",
            filename=filename,
            limit_mb=limits.max_file_bytes // (1024 * 1024),
        )
    store = read_review_docx(
        data,
        filename,
        source_lang=project.source_lang,
        target_lang=project.target_lang,
        limits=_limits(),
    )
    exported_from = store.props.get("project", "")
    if exported_from != project.name:
        raise InvalidInput(
            "review.other_project",
            "{filename} was exported from project {exported!r}, not {project!r}: nothing "
            "was imported",
            filename=filename,
            exported=exported_from,
            project=project.name,
        )
    return store


@dataclass(frozen=True)
class _Exported:
    document_id: int
    revision: int | None
    name: str  # the document's name in the project when exported ("" if not written)


def _exported_documents(store: Store) -> list[_Exported]:
    documents: list[_Exported] = []
    for entry in filter(None, store.props.get("documents", "").split(",")):
        document, _, rest = entry.partition(":")
        revision, _, name = rest.partition(":")
        if document.isdigit():
            documents.append(
                _Exported(
                    int(document), int(revision) if revision.isdigit() else None, unquote(name)
                )
            )
    return documents


def _documents(
    session: Session, project: Project, store: Store, filename: str
) -> tuple[list[int], list[OlderExport]]:
    exported = _exported_documents(store)
    if not exported:
        raise InvalidInput(
            "review.no_documents",
            "{filename} names no document of a project: export the review DOCX again",
            filename=filename,
        )
    older: list[OlderExport] = []
    for entry in exported:
        document_id, revision = entry.document_id, entry.revision
        document = session.get(Document, document_id)
        # An id the database gave again to another document is not the exported one.
        if (
            document is None
            or document.project_id != project.id
            or (entry.name and entry.name != document.title)
        ):
            raise InvalidInput(
                "review.document_not_in_project",
                "{filename} was exported from document {document_id} of {project!r}, which "
                "the project no longer has: nothing was imported",
                filename=filename,
                document_id=document_id,
                project=project.name,
            )
        if revision is not None and revision != document.revision:
            older.append(OlderExport(document_id, document.title, revision, document.revision))
    return [entry.document_id for entry in exported], older


def out_of_order(positions: Sequence[int | None]) -> set[int]:
    """Indexes of the rows outside the longest run kept in export order (a row moved up or
    down leaves the others in order: only it is out of place). None: not counted."""
    tails: list[int] = []  # smallest last export position of an increasing run of each length
    tail_index: list[int] = []
    previous: dict[int, int | None] = {}
    for index, position in enumerate(positions):
        if position is None:
            continue
        length = bisect.bisect_left(tails, position)
        if length == len(tails):
            tails.append(position)
            tail_index.append(index)
        else:
            tails[length] = position
            tail_index[length] = index
        previous[index] = tail_index[length - 1] if length else None
    kept: set[int] = set()
    cursor: int | None = tail_index[-1] if tail_index else None
    while cursor is not None:
        kept.add(cursor)
        cursor = previous[cursor]
    return {index for index, position in enumerate(positions) if position is not None} - kept


def _same_text(first: str, second: str) -> bool:
    return " ".join(first.split()) == " ".join(second.split())


def _new_comment(unit: Unit, present: list[Note]) -> str:
    """The row's comment lines that are not comments of the segment already, one a line."""
    known = {note_line(note) for note in present} | {note.text for note in present}
    lines: list[str] = []
    for note in unit.notes:
        text = f"{note.author}: {note.text}" if note.author else note.text
        if note.text not in known and text not in known and text not in lines:
            lines.append(text)
    return "\n".join(lines)


def _present_notes(session: Session, document_ids: list[int]) -> dict[int, list[Note]]:
    notes: dict[int, list[Note]] = {}
    for segment_id, user, at, text in session.execute(
        select(Comment.segment_id, Comment.user, Comment.at, Comment.text)
        .join(Segment, Segment.id == Comment.segment_id)
        .where(Segment.document_id.in_(document_ids))
        .order_by(Comment.at, Comment.id)
    ):
        notes.setdefault(segment_id, []).append(Note(text, user, iso_utc(at)))
    return notes


def _texts(session: Session, document_ids: list[int]) -> dict[int, tuple[str, str]]:
    """(source, target) of each segment of the documents, in one query."""
    return {
        segment_id: (source, target)
        for segment_id, source, target in session.execute(
            select(Segment.id, Segment.source, Segment.target).where(
                Segment.document_id.in_(document_ids)
            )
        )
    }


def proposals_of(
    session: Session,
    actor: Actor,
    store: Store,
    document_ids: list[int],
    *,
    as_draft: bool = False,
) -> list[ProposedTarget]:
    """The rows of a review file as proposals, each with the defect its row shows."""
    texts = _texts(session, document_ids)
    present = _present_notes(session, document_ids)
    reviewed = Status.REVIEWED if allowed(actor.role, Action.REVIEW) else Status.TRANSLATED
    keyed = [
        int(unit.props["export_row"])
        if unit.props.get("key") == "ok" and unit.props.get("export_row", "").isdigit()
        else None
        for unit in store
    ]
    moved = out_of_order(keyed)
    proposals: list[ProposedTarget] = []
    for index, unit in enumerate(store):
        state = unit.props.get("key", "missing")
        segment_id = unit.id if isinstance(unit.id, int) and state != "missing" else None
        row = f"row {unit.props.get('row', index + 1)}"
        if state == "missing" and unit.props.get("visible_id"):
            row += f" (Segment ID {unit.props['visible_id']}, no hidden key)"
        defect: ConflictKind | None = None
        if state in ("id_changed", "damaged"):
            defect = ConflictKind.ROW_DAMAGED
        elif index in moved:
            defect = ConflictKind.REORDERED
        elif segment_id in texts and not _same_text(
            unit.props.get("source_display", ""), display(parse(texts[segment_id][0]))
        ):
            defect = ConflictKind.SOURCE_EDITED
        target = unicodedata.normalize("NFC", unit.target)
        changes_target = segment_id in texts and target != texts[segment_id][1]
        proposals.append(
            ProposedTarget(
                segment_id=segment_id,
                seen_version=unit.version,
                source_hash=unit.props.get("source_hash") or None,
                new_target=target,
                new_comment=_new_comment(unit, present.get(segment_id or -1, [])),
                new_status=None if as_draft or not changes_target else reviewed,
                origin=Origin.HUMAN,
                row=row,
                defect=defect,
            )
        )
    return proposals


def import_review(
    session: Session,
    actor: Actor,
    project: Project,
    data: bytes,
    filename: str,
    *,
    dry_run: bool = False,
    as_draft: bool = False,
) -> ReviewImportOutcome:
    """Apply a review DOCX's edited targets and new comments (see the module)."""
    actor.require(Action.EDIT)
    store = read_review_file(data, filename, project)
    document_ids, older = _documents(session, project, store, filename)
    proposals = proposals_of(session, actor, store, document_ids, as_draft=as_draft)
    report = apply_target_updates(
        session, actor, document_ids, proposals, dry_run=dry_run, reason=filename
    )
    if not dry_run:
        record(
            session,
            actor,
            AuditAction.REVIEW_IMPORT,
            project_id=project.id,
            object_type="review_file",
            object_id=store.props.get("export_id", ""),
            detail=f"{filename}: {len(report.applied)} applied, {len(report.conflicts)} "
            f"conflicts, {report.unchanged} unchanged (documents "
            f"{', '.join(str(document_id) for document_id in document_ids)})",
        )
    return ReviewImportOutcome(
        filename,
        store.props.get("export_id", ""),
        store.props.get("exported_at", ""),
        document_ids,
        report,
        older,
    )
