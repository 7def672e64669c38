"""Reading and changing segments: every write is version-guarded and leaves a revision.

A write names the version of the segment its author saw. The UPDATE only matches that
version (``workflow.versioning``), so when two people (or a person and an MT job) write
from the same version, exactly one wins and the other gets a Conflict showing both texts;
nothing is lost.

A status change is published as a ``SegmentStatusChanged`` event and a person's edit as a
``SegmentTargetEdited`` event (``workflow.events``): their subscribers (QA, TM capture and
propagation of repeats) act in the same transaction, and what they report on a status
change comes back in ``set_status``'s ``SegmentChange``. A subscriber may refuse the
change (QA errors block a confirmation): the change is then not made.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from primitives.errors import (
    Conflict,
    InvalidInput,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    SongnguError,
)
from primitives.excerpts import one_line
from primitives.inline import plain
from primitives.statuses import Origin, Status
from workflow.events import SegmentStatusChanged, SegmentTargetEdited, publish
from workflow.models import Comment, Document, Project, Revision, Segment
from workflow.permissions import Action, status_after_edit, transition_action
from workflow.stored_ints import fits_integer_column
from workflow.users import Actor
from workflow.versioning import (
    Describer,
    locked_rows,
    update_all_if_current,
    update_if_current,
)

# Characters XML 1.0 forbids (Word's \x0b line break included): they would break every export.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_TARGET_CHARS = 100_000
# Segment.flags["mt"]: the engine's flags for a reviewer to look at. A person who rewrote
# the target and confirmed it has dealt with them: the confirmation clears them.
MT_FLAGS_KEY = "mt"


def get_segment(session: Session, segment_id: int, project: Project | None = None) -> Segment:
    segment = session.get(Segment, segment_id) if fits_integer_column(segment_id) else None
    if segment is not None and project is not None:
        document = session.get(Document, segment.document_id)
        if document is None or document.project_id != project.id:
            segment = None
    if segment is None and project is not None:
        raise NotFound(
            "segment.not_found",
            "no segment {segment_id} in project {project!r}",
            segment_id=segment_id,
            project=project.name,
        )
    if segment is None:
        raise NotFound("segment.id_not_found", "no segment {segment_id}", segment_id=segment_id)
    return segment


def segment_project(session: Session, segment: Segment) -> Project:
    """The project a segment belongs to."""
    document = session.get(Document, segment.document_id)
    assert document is not None  # a segment's document is deleted with it
    return document.project


def segment_context(session: Session, segment: Segment) -> tuple[str, str]:
    """Sources of the segments before and after this one in its document ("" at an end)."""
    before = session.scalar(
        select(Segment.source)
        .where(Segment.document_id == segment.document_id, Segment.position < segment.position)
        .order_by(Segment.position.desc())
        .limit(1)
    )
    after = session.scalar(
        select(Segment.source)
        .where(Segment.document_id == segment.document_id, Segment.position > segment.position)
        .order_by(Segment.position)
        .limit(1)
    )
    return before or "", after or ""


def segment_index(session: Session, segment: Segment) -> int:
    """How many segments come before this one in its document (0 for the first)."""
    return (
        session.scalar(
            select(func.count())
            .select_from(Segment)
            .where(Segment.document_id == segment.document_id, Segment.position < segment.position)
        )
        or 0
    )


def list_segments(
    session: Session,
    project: Project,
    *,
    status: Status | None = None,
    document_id: int | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> list[Segment]:
    query = (
        select(Segment)
        .join(Document, Document.id == Segment.document_id)
        .where(Document.project_id == project.id)
        .order_by(Document.id, Segment.position)
    )
    if status is not None:
        query = query.where(Segment.status == int(status))
    if document_id is not None:
        query = query.where(Segment.document_id == document_id)
    if offset:
        query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


def count_segments(
    session: Session,
    project: Project,
    *,
    status: Status | None = None,
    document_id: int | None = None,
) -> int:
    query = (
        select(func.count())
        .select_from(Segment)
        .join(Document, Document.id == Segment.document_id)
        .where(Document.project_id == project.id)
    )
    if status is not None:
        query = query.where(Segment.status == int(status))
    if document_id is not None:
        query = query.where(Segment.document_id == document_id)
    return session.scalar(query) or 0


def check_target_text(target: str) -> None:
    bad = _XML_FORBIDDEN.search(target)
    if bad:
        raise InvalidInput(
            "text.control_character",
            "the text contains the control character {character}, which documents cannot "
            "hold: remove it (use a new line for a line break)",
            character=f"U+{ord(bad.group()):04X}",
        )
    if len(target) > MAX_TARGET_CHARS:
        raise InvalidInput(
            "text.too_long",
            "the text is longer than {limit} characters: split it",
            limit=MAX_TARGET_CHARS,
        )


def segment_gone(segment_id: int) -> Conflict:
    """The Conflict for a write to a segment that no longer exists."""
    return Conflict(
        "segment.gone_meanwhile",
        "segment {segment_id} was merged away or re-imported meanwhile: reload the segments",
        segment_id=segment_id,
    )


def stale_edit(segment_id: int, seen: int, attempted: str | None = None) -> Describer[Segment]:
    """Describes a refused edit or status change: both texts (attempted None: unchanged)."""

    def describe(current: Segment | None) -> Conflict:
        if current is None:
            return segment_gone(segment_id)
        yours = current.target if attempted is None else attempted
        return Conflict(
            "segment.changed_meanwhile",
            "segment {segment_id} was changed by {changed_by} (now version {current_version}, "
            "you edited version {expected_version}); not saved. Current text: "
            "«{current_text}» | your text: «{your_text}». Reload the segment and merge.",
            segment_id=segment_id,
            changed_by=current.updated_by or "someone",
            expected_version=seen,
            current_version=current.version,
            current_text=one_line(current.target),
            your_text=one_line(yours),
            current_target=current.target,
            attempted_target=yours,
        )

    return describe


def record_revision(
    session: Session,
    segment: Segment,
    actor: Actor,
    field_name: str,
    old: str,
    new: str,
    reason: str = "",
) -> None:
    session.add(
        Revision(
            segment_id=segment.id,
            user=actor.name,
            field=field_name,
            old=old,
            new=new,
            version=segment.version,
            reason=reason,
        )
    )


def edit_target(
    session: Session,
    actor: Actor,
    segment_id: int,
    target: str,
    *,
    expected_version: int | None = None,
    project: Project | None = None,
    origin: Origin = Origin.HUMAN,
) -> Segment:
    """Change a segment's target; it becomes a draft until someone confirms it.

    The edit is published (``SegmentTargetEdited``): QA checks the new text and stores
    what it finds, for the caller to read (``workflow.qa.findings``).
    """
    actor.require(Action.EDIT)
    check_target_text(target)
    segment = get_segment(session, segment_id, project)
    seen = segment.version if expected_version is None else expected_version
    current = Status(segment.status)
    if current >= Status.APPROVED:
        raise InvalidTransition(
            "segment.approved_locked",
            "segment {segment_id} is approved and locked: an editor must reopen it first",
            segment_id=segment.id,
        )
    if target == segment.target and seen == segment.version:
        return segment
    new_status = status_after_edit(current) if target.strip() else Status.NEW
    old_target = segment.target
    update_if_current(
        session,
        segment,
        seen,
        actor,
        {"target": target, "status": int(new_status), "origin": int(origin), "score": None},
        stale=stale_edit(segment.id, seen, target),
    )
    record_revision(session, segment, actor, "target", old_target, target)
    if new_status != current:
        record_revision(session, segment, actor, "status", current.label, new_status.label)
    publish(
        SegmentTargetEdited(
            session=session,
            actor=actor,
            segment=segment,
            project=project or segment_project(session, segment),
            old_target=old_target,
        )
    )
    return segment


def set_status(
    session: Session,
    actor: Actor,
    segment_id: int,
    new_status: Status | str,
    *,
    reason: str = "",
    expected_version: int | None = None,
    project: Project | None = None,
    qa_override: str = "",
) -> SegmentChange:
    """Move a segment through the workflow (confirm, review, reject, approve, reopen).

    The change is published (``SegmentStatusChanged``) in the same transaction; the
    result holds the segment and what the subscribers reported. QA errors refuse a move
    forward (``workflow.qa.confirm.QABlocked``) unless ``qa_override`` gives the reason
    to go on and the actor's role may override them (the partner profile says).
    """
    new_status = Status.parse(new_status)
    segment = get_segment(session, segment_id, project)
    current = Status(segment.status)
    action = transition_action(current, new_status)
    actor.require(action)
    if action is Action.REJECT and not reason.strip():
        raise InvalidInput("segment.reject_reason_missing", "a rejection needs a reason")
    check_target_text(reason)  # a rejection reason becomes a comment that is exported
    if new_status >= Status.TRANSLATED and not plain(segment.target).strip():
        raise InvalidTransition(
            "segment.no_target",
            "segment {segment_id} has no target text to {action}",
            segment_id=segment.id,
            action=action.value.replace("_", " "),
        )
    seen = segment.version if expected_version is None else expected_version
    changes: dict[str, Any] = {"status": int(new_status)}
    flags = segment.flags or {}
    if (
        MT_FLAGS_KEY in flags
        and new_status >= Status.TRANSLATED
        and Origin(segment.origin) is Origin.HUMAN
    ):
        changes["flags"] = {key: value for key, value in flags.items() if key != MT_FLAGS_KEY}
    update_if_current(
        session,
        segment,
        seen,
        actor,
        changes,
        stale=stale_edit(segment.id, seen),
    )
    record_revision(session, segment, actor, "status", current.label, new_status.label, reason)
    if action is Action.REJECT:
        session.add(Comment(segment_id=segment.id, user=actor.name, text=f"Rejected: {reason}"))
    event = SegmentStatusChanged(
        session=session,
        actor=actor,
        segment=segment,
        project=project or segment_project(session, segment),
        old_status=current,
        new_status=new_status,
        reason=reason,
        qa_override=qa_override,
    )
    return SegmentChange(segment, publish(event))


ReportT = TypeVar("ReportT")


@dataclass(frozen=True)
class SegmentChange:
    """A segment as a status change left it, and what the change's subscribers reported.

    ``refused`` is set by ``save_and_confirm`` when the edit was saved but the
    confirmation was refused (QA errors, a target of tags only): the error says why.
    """

    segment: Segment
    reports: tuple[object, ...] = ()
    refused: SongnguError | None = None

    def report(self, kind: type[ReportT]) -> ReportT | None:
        """The report of that type (each subscriber makes its own kind), if one was made."""
        return next((report for report in self.reports if isinstance(report, kind)), None)


def save_and_confirm(
    session: Session,
    actor: Actor,
    segment_id: int,
    target: str,
    *,
    expected_version: int,
    project: Project | None = None,
    qa_override: str = "",
) -> SegmentChange:
    """Edit and confirm in one transaction (the translator's usual 'save' in the editor).

    An empty target is refused before anything is written (there is nothing to confirm;
    ``edit_target`` empties a target). When the confirmation is refused (QA errors, a
    target of tags only), the edit is still saved as a draft, and the result's ``refused``
    says why: what a person typed is never lost.
    """
    if not target.strip():
        raise InvalidTransition(
            "segment.no_target",
            "segment {segment_id} has no target text to {action}",
            segment_id=segment_id,
            action=Action.CONFIRM.value.replace("_", " "),
        )
    segment = edit_target(
        session, actor, segment_id, target, expected_version=expected_version, project=project
    )
    if Status(segment.status) >= Status.TRANSLATED:
        return SegmentChange(segment)
    try:
        # A savepoint: a refused confirmation undoes only itself, never the edit.
        with session.begin_nested():
            return set_status(
                session,
                actor,
                segment_id,
                Status.TRANSLATED,
                expected_version=segment.version,
                project=project,
                qa_override=qa_override,
            )
    except (InvalidTransition, PermissionDenied) as refused:
        session.refresh(segment)
        return SegmentChange(segment, refused=refused)


@dataclass(frozen=True)
class Fill:
    """A machine-made target for a segment (MT, TM, propagation), based on a seen version."""

    segment_id: int
    expected_version: int
    target: str
    origin: Origin
    score: float | None = None
    flags: dict[str, Any] = field(default_factory=dict)


@dataclass
class FillOutcome:
    written: list[int] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)  # changed since it was read: left alone
    confirmed: list[int] = field(default_factory=list)  # a person confirmed it: never overwritten


def apply_fills(session: Session, actor: Actor, fills: Iterable[Fill]) -> FillOutcome:
    """Write machine targets as drafts, with the same version guard as a person's edit.

    The fills' segments are read and locked (SELECT … FOR UPDATE; SQLite: one writer at a
    time) in one statement per 500 ids, each fill is checked against the row as read (gone,
    confirmed by a person, or at another version than the fill saw: left alone), and the
    rest are written with one guarded executemany (an MT batch writes dozens of segments:
    one UPDATE statement each cost more than its model call's bookkeeping).
    """
    fills = list(fills)
    for fill in fills:
        check_target_text(fill.target)
    outcome = FillOutcome()
    current = locked_rows(session, Segment, [fill.segment_id for fill in fills])
    writes: list[tuple[Segment, dict[str, Any]]] = []
    revisions: list[Revision] = []
    taken: set[int] = set()
    for fill in fills:
        segment = current.get(fill.segment_id)
        if segment is None:
            continue
        if Status(segment.status) >= Status.TRANSLATED:
            # Confirmed (a person's work): never overwritten by a machine.
            outcome.confirmed.append(fill.segment_id)
            continue
        if segment.version != fill.expected_version or segment.id in taken:
            outcome.stale.append(fill.segment_id)  # a second fill of one segment: stale too
            continue
        taken.add(segment.id)
        values = {
            "target": fill.target,
            "status": int(Status.DRAFT),
            "origin": int(fill.origin),
            "score": fill.score,
            "flags": fill.flags,
        }
        writes.append((segment, values))
        revisions.append(
            Revision(
                segment_id=fill.segment_id,
                user=actor.name,
                field="target",
                old=segment.target,
                new=fill.target,
                version=fill.expected_version + 1,
                reason=Origin(fill.origin).label,
            )
        )
        outcome.written.append(fill.segment_id)
    update_all_if_current(session, writes, actor, stale=_fill_changed_meanwhile)
    session.add_all(revisions)  # one flush for all of them; ids follow the fills' order
    session.flush()
    session.expire_all()
    return outcome


def _fill_changed_meanwhile(segment_id: int, seen: int, now: int | None) -> Conflict:
    """A locked segment that moved on before its fill was written (cannot happen while the
    lock holds; described all the same, and the whole transaction is rolled back)."""
    return Conflict(
        "fill.segment_changed_meanwhile",
        "segment {segment_id} was changed while machine targets were being written; "
        "nothing was written",
        segment_id=segment_id,
        expected_version=seen,
        current_version=now,
    )


def add_comment(session: Session, actor: Actor, segment_id: int, text: str) -> Comment:
    actor.require(Action.COMMENT)
    if not text.strip():
        raise InvalidInput("comment.empty", "a comment cannot be empty")
    check_target_text(text)
    get_segment(session, segment_id)
    comment = Comment(segment_id=segment_id, user=actor.name, text=text.strip())
    session.add(comment)
    session.flush()
    return comment


def list_comments(session: Session, segment_id: int) -> list[Comment]:
    return list(
        session.scalars(
            select(Comment).where(Comment.segment_id == segment_id).order_by(Comment.id)
        )
    )


def list_revisions(session: Session, segment_id: int) -> list[Revision]:
    return list(
        session.scalars(
            select(Revision).where(Revision.segment_id == segment_id).order_by(Revision.id)
        )
    )


def word_count(text: str) -> int:
    return len(plain(text).split())


@dataclass(frozen=True)
class ProgressRow:
    status: Status
    segments: int
    words: int


def progress(session: Session, project: Project) -> list[ProgressRow]:
    """Segments and source words per status, every status listed."""
    counts = {status: [0, 0] for status in Status}
    rows = session.execute(
        select(Segment.status, Segment.source)
        .join(Document, Document.id == Segment.document_id)
        .where(Document.project_id == project.id)
    )
    for status_value, source in rows:
        bucket = counts[Status(status_value)]
        bucket[0] += 1
        bucket[1] += word_count(source)
    return [ProgressRow(status, segs, words) for status, (segs, words) in counts.items()]


def segments_by_ids(session: Session, ids: Sequence[int]) -> dict[int, Segment]:
    if not ids:
        return {}
    return {s.id: s for s in session.scalars(select(Segment).where(Segment.id.in_(list(ids))))}
