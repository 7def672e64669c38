"""What a status change does to the TM: capture, removal, and propagation of repeats.

Capture. A segment reaching reviewed or approved becomes one unit of its project's TM
(and, when the project's ``tm_share`` setting is on, also one unit of the shared TM,
``project_id`` NULL). When the segment is reviewed again its unit is replaced, never
duplicated; it keeps the neighbouring sources of the document for in-context (101%)
matches. A rejected segment's units are removed: a reviewer said that translation is wrong.

Propagation. Confirming a segment (translated or above) fills the project's identical
untranslated segments (status NEW, or a machine draft: MT, TM, propagated) as drafts with
origin PROPAGATED (never a segment marked not to translate: its target is its source), through ``apply_fills`` and its version guard, in the same transaction
as the status change. The project's ``propagate`` setting (default on) turns it off.

Both run in ``on_segment_status_changed``, the subscriber listed in
``workflow/subscribers.py``; its ``TMCaptureReport`` reaches the caller of ``set_status``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from primitives.excerpts import clipped
from primitives.statuses import Origin, Status
from primitives.text_keys import match_key
from workflow.events import SegmentStatusChanged
from workflow.models import Document, Project, Segment, TMUnitRow, utcnow
from workflow.segment_flags import do_not_translate
from workflow.segments import (
    Fill,
    SegmentChange,
    apply_fills,
    segment_context,
    segment_project,
)
from workflow.tm.identity import captured_unit_identity
from workflow.tm.keys import tm_key
from workflow.tm.propagation import SegmentText, propagations
from workflow.tm.settings import tm_settings
from workflow.tm.store import CREATED_BY_CHARS, ORIGIN_CHARS
from workflow.users import Actor

MACHINE_ORIGINS = (int(Origin.MT), int(Origin.TM), int(Origin.PROPAGATED))
PROPAGATION_FLAG = "propagation"  # Segment.flags["propagation"]: where a fill came from


# ---------------------------------------------------------------------------------------
# Capture


def capture_segment(
    session: Session, actor: Actor, segment: Segment, project: Project | None = None
) -> int:
    """Store the segment's translation in its project's TM (and in the shared TM when the
    project shares, or when the shared TM already holds a unit of this segment); returns
    how many units were written (0 for a source with no words to match on).

    The segment's earlier units are replaced by new rows rather than updated: a new row
    (new id, new created_at) is what the lookup cache's fingerprint notices.
    """
    if not tm_key(segment.source) or not segment.target.strip():
        return 0
    if do_not_translate(segment.flags):
        return 0  # an image's file name copied through: no translation to remember
    project = project or segment_project(session, segment)
    document = session.get(Document, segment.document_id)
    prev_source, next_source = segment_context(session, segment)
    earlier_owners = set(
        session.scalars(select(TMUnitRow.project_id).where(TMUnitRow.segment_id == segment.id))
    )
    owners: list[int | None] = [project.id]
    if tm_settings(project).share or None in earlier_owners:
        owners.append(None)
    forget_segment(session, segment.id)
    now = utcnow()
    for owner in owners:
        session.add(
            TMUnitRow(
                project_id=owner,
                segment_id=segment.id,
                source=segment.source,
                source_key=match_key(segment.source),
                target=segment.target,
                identity=captured_unit_identity(),
                prev_source=prev_source,
                next_source=next_source,
                origin=clipped(
                    f"{project.name} / {document.title if document else ''}", ORIGIN_CHARS
                ),
                created_by=clipped(actor.name, CREATED_BY_CHARS),
                created_at=now,
            )
        )
    session.flush()
    return len(owners)


def forget_segment(session: Session, segment_id: int) -> int:
    """Remove the units made from a segment (project and shared); returns how many."""
    result = session.execute(
        delete(TMUnitRow)
        .where(TMUnitRow.segment_id == segment_id)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0


# ---------------------------------------------------------------------------------------
# Propagation


@dataclass(frozen=True)
class PropagationOutcome:
    """Segments filled from a confirmed one, and those that changed meanwhile."""

    source_segment_id: int
    filled: list[int] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)


def propagate_from(
    session: Session, actor: Actor, segment: Segment, project: Project | None = None
) -> PropagationOutcome:
    """Fill the project's untranslated repeats of a confirmed segment (version-guarded)."""
    project = project or segment_project(session, segment)
    candidates = session.execute(
        select(
            Segment.id,
            Segment.version,
            Segment.source,
            Segment.target,
            Segment.origin,
            Segment.flags,
        )
        .join(Document, Document.id == Segment.document_id)
        .where(
            Document.project_id == project.id,
            Segment.source_key == segment.source_key,
            Segment.id != segment.id,
            or_(
                Segment.status == int(Status.NEW),
                (Segment.status == int(Status.DRAFT)) & Segment.origin.in_(MACHINE_ORIGINS),
            ),
        )
        .order_by(Segment.id)
    ).all()
    # Repeats already holding this very translation from an earlier propagation stay as
    # they are (a review after the confirmation would otherwise bump every repeat).
    # Segments not to translate are finished as their source: never filled with a target.
    fillable = [
        row
        for row in candidates
        if not (row.origin == int(Origin.PROPAGATED) and row.target == segment.target)
        and not do_not_translate(row.flags)
    ]
    versions = {row.id: row.version for row in fillable}
    # Machine drafts count as untranslated: given with no target, propagations() fills them.
    found = propagations(
        (SegmentText(row.id, row.source) for row in fillable),
        SegmentText(segment.id, segment.source, segment.target),
    )
    if not found:
        return PropagationOutcome(segment.id)
    fills = [
        Fill(
            segment_id=item.segment_id,
            expected_version=versions[item.segment_id],
            target=item.target,
            origin=Origin.PROPAGATED,
            score=1.0,
            flags={PROPAGATION_FLAG: {"from": segment.id, "exact_source": item.exact_source}},
        )
        for item in found
    ]
    outcome = apply_fills(session, actor, fills)
    # apply_fills expires the session; the caller's segment must stay readable after it.
    session.refresh(segment)
    return PropagationOutcome(segment.id, outcome.written, outcome.stale + outcome.confirmed)


def propagated_repeats(session: Session, segment: Segment) -> int:
    """How many segments of the project hold a propagated copy of this segment's target."""
    project = segment_project(session, segment)
    return (
        session.scalar(
            select(func.count())
            .select_from(Segment)
            .join(Document, Document.id == Segment.document_id)
            .where(
                Document.project_id == project.id,
                Segment.source_key == segment.source_key,
                Segment.id != segment.id,
                Segment.origin == int(Origin.PROPAGATED),
                Segment.target == segment.target,
            )
        )
        or 0
    )


# ---------------------------------------------------------------------------------------
# The subscriber


@dataclass(frozen=True)
class TMCaptureReport:
    """What one status change did to the TM and to the repeats of the segment."""

    segment_id: int
    units_written: int = 0
    units_removed: int = 0
    propagation: PropagationOutcome | None = None

    @property
    def propagated(self) -> int:
        return len(self.propagation.filled) if self.propagation else 0


def on_segment_status_changed(event: SegmentStatusChanged) -> TMCaptureReport:
    """Capture, propagation and removal for a status change, in the caller's transaction."""
    session, actor, segment, project = event.session, event.actor, event.segment, event.project
    written = removed = 0
    propagation = None
    if event.new_status is Status.REJECTED:
        removed = forget_segment(session, segment.id)
    if event.new_status >= Status.REVIEWED:
        written = capture_segment(session, actor, segment, project)
    if event.new_status >= Status.TRANSLATED and tm_settings(project).propagate:
        propagation = propagate_from(session, actor, segment, project)
    return TMCaptureReport(segment.id, written, removed, propagation)


def repeats_filled(change: SegmentChange) -> int:
    """How many repeated segments a status change filled with its segment's translation."""
    report = change.report(TMCaptureReport)
    return report.propagated if report else 0
