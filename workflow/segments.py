"""Reading and changing segments: every write is version-guarded and leaves a revision.

A write names the version of the segment its author saw. The UPDATE only matches that
version, so when two people (or a person and an MT job) write from the same version,
exactly one wins and the other gets a Conflict showing both texts; nothing is lost.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from primitives.errors import Conflict, InvalidInput, InvalidTransition, NotFound
from primitives.inline import plain
from primitives.statuses import Origin, Status
from workflow.models import Comment, Document, Project, Revision, Segment, utcnow
from workflow.permissions import Action, status_after_edit, transition_action
from workflow.stored_ints import fits_integer_column
from workflow.users import Actor

# Characters XML 1.0 forbids (Word's \x0b line break included): they would break every export.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_TARGET_CHARS = 100_000


def one_line(text: str, limit: int = 200) -> str:
    """Text fit for a one-line message: line breaks shown as ⏎, long text cut with …."""
    flat = text.replace("\n", " ⏎ ")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def get_segment(session: Session, segment_id: int, project: Project | None = None) -> Segment:
    segment = session.get(Segment, segment_id) if fits_integer_column(segment_id) else None
    if segment is not None and project is not None:
        document = session.get(Document, segment.document_id)
        if document is None or document.project_id != project.id:
            segment = None
    if segment is None:
        where = f" in project {project.name!r}" if project is not None else ""
        raise NotFound(f"no segment {segment_id}{where}: list them with 'songngu segments'")
    return segment


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
            f"the text contains the control character U+{ord(bad.group()):04X}, which "
            f"documents cannot hold: remove it (use a new line for a line break)"
        )
    if len(target) > MAX_TARGET_CHARS:
        raise InvalidInput(f"the text is longer than {MAX_TARGET_CHARS} characters: split it")


def _guarded_update(
    session: Session, segment: Segment, expected_version: int, actor: Actor, values: dict[str, Any]
) -> None:
    """UPDATE ... WHERE version = expected; a miss is a Conflict with both texts."""
    updated = 0
    if fits_integer_column(expected_version):  # else no version matches: a Conflict
        updated = session.execute(
            update(Segment)
            .where(Segment.id == segment.id, Segment.version == expected_version)
            .values(
                version=Segment.version + 1, updated_by=actor.name, updated_at=utcnow(), **values
            )
            .execution_options(synchronize_session=False)
        ).rowcount
    if updated != 1:
        session.expire(segment)
        current = session.get(Segment, segment.id, populate_existing=True)
        assert current is not None
        attempted = values.get("target", current.target)
        raise Conflict(
            f"segment {segment.id} was changed by {current.updated_by or 'someone'} "
            f"(now version {current.version}, you edited version {expected_version}); "
            f"not saved. Current text: «{one_line(current.target)}» | your text: "
            f"«{one_line(attempted)}». Reload the segment and merge.",
            segment_id=segment.id,
            expected_version=expected_version,
            current_version=current.version,
            current_target=current.target,
            attempted_target=attempted,
        )
    session.refresh(segment)


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
    """Change a segment's target; it becomes a draft until someone confirms it."""
    actor.require(Action.EDIT)
    check_target_text(target)
    segment = get_segment(session, segment_id, project)
    seen = segment.version if expected_version is None else expected_version
    current = Status(segment.status)
    if current >= Status.APPROVED:
        raise InvalidTransition(
            f"segment {segment.id} is approved and locked: an editor must reopen it first"
        )
    if target == segment.target and seen == segment.version:
        return segment
    new_status = status_after_edit(current) if target.strip() else Status.NEW
    old_target = segment.target
    _guarded_update(
        session,
        segment,
        seen,
        actor,
        {"target": target, "status": int(new_status), "origin": int(origin), "score": None},
    )
    record_revision(session, segment, actor, "target", old_target, target)
    if new_status != current:
        record_revision(session, segment, actor, "status", current.label, new_status.label)
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
) -> Segment:
    """Move a segment through the workflow (confirm, review, reject, approve, reopen)."""
    new_status = Status.parse(new_status)
    segment = get_segment(session, segment_id, project)
    current = Status(segment.status)
    action = transition_action(current, new_status)
    actor.require(action)
    if action is Action.REJECT and not reason.strip():
        raise InvalidInput("a rejection needs a reason: add --reason 'what to fix'")
    check_target_text(reason)  # a rejection reason becomes a comment that is exported
    if new_status >= Status.TRANSLATED and not plain(segment.target).strip():
        raise InvalidTransition(f"segment {segment.id} has no target text to {action.value}")
    seen = segment.version if expected_version is None else expected_version
    _guarded_update(session, segment, seen, actor, {"status": int(new_status)})
    record_revision(session, segment, actor, "status", current.label, new_status.label, reason)
    if action is Action.REJECT:
        session.add(Comment(segment_id=segment.id, user=actor.name, text=f"Rejected: {reason}"))
    # TM capture and propagation of repeats belong to the same transaction as the change.
    from workflow.tm.store import on_status_change

    on_status_change(session, actor, segment, current, new_status)
    return segment


def save_and_confirm(
    session: Session,
    actor: Actor,
    segment_id: int,
    target: str,
    *,
    expected_version: int,
    project: Project | None = None,
) -> Segment:
    """Edit and confirm in one transaction (the translator's usual 'save' in the editor)."""
    segment = edit_target(
        session, actor, segment_id, target, expected_version=expected_version, project=project
    )
    if Status(segment.status) < Status.TRANSLATED and target.strip():
        segment = set_status(
            session, actor, segment_id, Status.TRANSLATED, expected_version=segment.version
        )
    return segment


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
    """Write machine targets as drafts, with the same version guard as a person's edit."""
    outcome = FillOutcome()
    for fill in fills:
        check_target_text(fill.target)
        segment = session.get(Segment, fill.segment_id)
        if segment is None:
            continue
        if Status(segment.status) >= Status.TRANSLATED:
            outcome.confirmed.append(fill.segment_id)
            continue
        result = session.execute(
            update(Segment)
            .where(
                Segment.id == fill.segment_id,
                Segment.version == fill.expected_version,
                Segment.status < int(Status.TRANSLATED),
            )
            .values(
                target=fill.target,
                status=int(Status.DRAFT),
                origin=int(fill.origin),
                score=fill.score,
                flags=fill.flags,
                version=Segment.version + 1,
                updated_by=actor.name,
                updated_at=utcnow(),
            )
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            outcome.stale.append(fill.segment_id)
            continue
        session.add(
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
    session.expire_all()
    return outcome


def add_comment(session: Session, actor: Actor, segment_id: int, text: str) -> Comment:
    actor.require(Action.COMMENT)
    if not text.strip():
        raise InvalidInput("a comment cannot be empty")
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
