"""Applying targets edited outside songngu (an XLIFF round trip, a bilingual review table)
with a conflict report: what applies goes through the version guard, the rest is listed.

A caller reads its file into :class:`ProposedTarget` rows (the segment id, the version and
source hash the file was exported with, and what the file proposes: target, comment,
status) and hands them to :func:`apply_target_updates` with the documents the file covers.
One call is one transaction (the caller's). Each row is checked, then applied alone in a
savepoint through the ordinary segment functions (``edit_target``, ``set_status``,
``add_comment``: revisions, events, permissions), so a row the workflow refuses leaves no
trace while the others apply. A row is a conflict, never applied, when:

- its segment changed in songngu since the export (version), with both texts;
- its segment's source changed since the export (hash);
- it names no segment of the documents (**added**), or the same segment as another row
  (**duplicated**: every such row is listed, none applied);
- the file's reader found the row itself unsound (``ProposedTarget.defect``): the source
  text edited in the file (**source edited**), the row moved out of the export's order
  (**reordered**), its id or hidden key changed (**row damaged**);
- its target's tags do not pair (**tags broken**) or use numbers or kinds the source does
  not have (**tags renumbered**);
- the workflow refuses the change (an approved segment is locked, the role may not).

Segments of the documents that no row names are listed as **missing**. A row that
proposes nothing new is counted unchanged, whatever its version. With ``dry_run`` the
same work is done and rolled back: the report says exactly what would change.

A proposed status is reached through the workflow's own transitions from where the edit
left the segment (confirm, review, approve; reject from translated or reviewed), as far
as the acting user's role allows; where it stops, the applied row says why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from primitives.errors import SongnguError
from primitives.inline import pairing_problems, tags
from primitives.statuses import Origin, Status
from primitives.units import source_hash
from workflow.models import Comment, Segment
from workflow.permissions import TRANSITIONS, allowed
from workflow.segments import add_comment, edit_target, set_status
from workflow.users import Actor

_UPWARD = (Status.TRANSLATED, Status.REVIEWED, Status.APPROVED)


class ConflictKind(StrEnum):
    CHANGED_SINCE_EXPORT = "changed_since_export"
    SOURCE_CHANGED = "source_changed"
    ADDED = "added"
    DUPLICATED = "duplicated"
    MISSING = "missing"
    TAGS_BROKEN = "tags_broken"
    TAGS_RENUMBERED = "tags_renumbered"
    REFUSED = "refused"
    # Found by a file's reader in the row itself (ProposedTarget.defect).
    SOURCE_EDITED = "source_edited"
    REORDERED = "reordered"
    ROW_DAMAGED = "row_damaged"


# The kinds a reader may give as a row's defect.
ROW_DEFECTS = frozenset(
    {ConflictKind.SOURCE_EDITED, ConflictKind.REORDERED, ConflictKind.ROW_DAMAGED}
)


@dataclass(frozen=True)
class ProposedTarget:
    """One row of an edited file: which segment, as exported, and what it proposes.

    ``seen_version`` / ``source_hash`` are what the export wrote (None: the file does not
    say, nothing to compare); ``new_target`` None leaves the target alone; ``new_status``
    None lets the edit decide (an edited target is a draft); ``row`` says where the row is
    in the file, for the report ("unit 12", "row 7"); ``defect`` is what the file's reader
    found wrong with the row itself (one of ROW_DEFECTS): the row is reported, never
    applied.
    """

    segment_id: int | None
    seen_version: int | None
    source_hash: str | None
    new_target: str | None
    new_comment: str = ""
    new_status: Status | None = None
    origin: Origin = Origin.HUMAN
    row: str = ""
    defect: ConflictKind | None = None

    def __post_init__(self) -> None:
        if self.defect is not None and self.defect not in ROW_DEFECTS:
            raise ValueError(f"{self.defect} is not a row defect")


@dataclass(frozen=True)
class AppliedTarget:
    """A row that changed its segment: before and after, and what stopped short."""

    segment_id: int
    row: str
    old_target: str
    new_target: str
    old_status: Status
    new_status: Status
    comment: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class TargetConflict:
    """A row not applied (or a segment the file lacks), with both texts."""

    kind: ConflictKind
    row: str
    segment_id: int | None
    current_target: str = ""
    file_target: str = ""
    error: SongnguError | None = None  # for REFUSED: the workflow's own words

    @property
    def detail(self) -> str:
        return str(self.error) if self.error is not None else ""


@dataclass
class TargetUpdateReport:
    applied: list[AppliedTarget] = field(default_factory=list)
    conflicts: list[TargetConflict] = field(default_factory=list)
    unchanged: int = 0
    dry_run: bool = False

    def count(self, kind: ConflictKind) -> int:
        return sum(1 for conflict in self.conflicts if conflict.kind is kind)


def tag_conflict(source: str, target: str) -> ConflictKind | None:
    """TAGS_BROKEN when the target's tags do not pair, TAGS_RENUMBERED when it uses a code
    number the source lacks or as another kind (paired / standalone); None if sound."""
    if pairing_problems(target):
        return ConflictKind.TAGS_BROKEN
    source_kinds = {tag.code_id: tag.kind == "standalone" for tag in tags(source)}
    for tag in tags(target):
        if source_kinds.get(tag.code_id) != (tag.kind == "standalone"):
            return ConflictKind.TAGS_RENUMBERED
    return None


def apply_target_updates(
    session: Session,
    actor: Actor,
    document_ids: Sequence[int],
    proposals: Sequence[ProposedTarget],
    *,
    dry_run: bool = False,
    reason: str = "",
) -> TargetUpdateReport:
    """Apply the rows that do not conflict; report every row that does (see the module).

    ``reason`` names the file, for rejections it carries without a comment.
    """
    report = TargetUpdateReport(dry_run=dry_run)
    segments = {
        segment.id: segment
        for segment in session.scalars(
            select(Segment)
            .where(Segment.document_id.in_(list(document_ids)))
            .order_by(Segment.document_id, Segment.position)
            .execution_options(populate_existing=True)
        )
    }
    named = Counter(p.segment_id for p in proposals if p.segment_id is not None)
    outer = session.begin_nested() if dry_run else None
    try:
        for proposal in proposals:
            _apply_one(session, actor, proposal, segments, named, report, reason)
        seen = set(named)
        for segment_id, segment in segments.items():
            if segment_id not in seen:
                report.conflicts.append(
                    TargetConflict(
                        ConflictKind.MISSING,
                        "",
                        segment_id,
                        current_target=segment.target,
                    )
                )
    finally:
        if outer is not None:
            outer.rollback()
            session.expire_all()
    return report


def _reachable(current: Status, wanted: Status, target_changes: bool) -> bool:
    """Whether a proposed status is a change the workflow can make: up the ladder, a
    rejection of a translated or reviewed target, or a listed transition (reopen). A file
    saying "needs review" of a confirmed target it left alone is not a request to undo."""
    if wanted == current:
        return False
    if target_changes or wanted > current:
        return True
    if wanted == Status.REJECTED:
        return current in (Status.TRANSLATED, Status.REVIEWED)
    return (current, wanted) in TRANSITIONS


def _existing_comments(session: Session, segment_id: int) -> set[str]:
    return set(session.scalars(select(Comment.text).where(Comment.segment_id == segment_id)))


def _apply_one(
    session: Session,
    actor: Actor,
    proposal: ProposedTarget,
    segments: dict[int, Segment],
    named: Counter[int | None],
    report: TargetUpdateReport,
    reason: str,
) -> None:
    segment = segments.get(proposal.segment_id) if proposal.segment_id is not None else None
    file_target = proposal.new_target or ""

    def conflict(kind: ConflictKind, error: SongnguError | None = None) -> None:
        report.conflicts.append(
            TargetConflict(
                kind,
                proposal.row,
                proposal.segment_id,
                current_target=segment.target if segment is not None else "",
                file_target=file_target,
                error=error,
            )
        )

    if segment is None:
        return conflict(ConflictKind.ADDED)
    if named[proposal.segment_id] > 1:
        return conflict(ConflictKind.DUPLICATED)
    if proposal.source_hash and proposal.source_hash != source_hash(segment.source):
        return conflict(ConflictKind.SOURCE_CHANGED)
    if proposal.defect is not None:
        return conflict(proposal.defect)
    target_changes = proposal.new_target is not None and proposal.new_target != segment.target
    if target_changes:
        broken = tag_conflict(segment.source, file_target)
        if broken is not None:
            return conflict(broken)
    current = Status(segment.status)
    comment = proposal.new_comment.strip()
    if comment and comment in _existing_comments(session, segment.id):
        comment = ""  # the same file imported again
    status_changes = proposal.new_status is not None and _reachable(
        current, proposal.new_status, target_changes
    )
    if not (target_changes or status_changes or comment):
        report.unchanged += 1
        return None
    if proposal.seen_version is not None and proposal.seen_version != segment.version:
        return conflict(ConflictKind.CHANGED_SINCE_EXPORT)
    old_target = segment.target
    savepoint = session.begin_nested()
    try:
        notes = _change(session, actor, segment, proposal, target_changes, comment, reason)
    except SongnguError as error:
        savepoint.rollback()
        session.expire(segment)
        return conflict(ConflictKind.REFUSED, error)
    savepoint.commit()
    report.applied.append(
        AppliedTarget(
            segment.id,
            proposal.row,
            old_target,
            segment.target,
            current,
            Status(segment.status),
            comment,
            tuple(notes),
        )
    )
    return None


def _change(
    session: Session,
    actor: Actor,
    segment: Segment,
    proposal: ProposedTarget,
    target_changes: bool,
    comment: str,
    reason: str,
) -> list[str]:
    """The row's writes, in the order a person would make them; notes on what stopped."""
    notes: list[str] = []
    seen = segment.version
    if target_changes:
        edit_target(
            session,
            actor,
            segment.id,
            proposal.new_target or "",
            expected_version=seen,
            origin=proposal.origin,
        )
        seen = segment.version
    wanted = proposal.new_status
    rejected_with_comment = False
    if wanted is not None and wanted != Status(segment.status):
        current = Status(segment.status)
        if wanted == Status.REJECTED:
            if current in (Status.TRANSLATED, Status.REVIEWED) and allowed(
                actor.role, TRANSITIONS[(current, Status.REJECTED)]
            ):
                why = comment or f"rejected in {reason or 'the imported file'}"
                set_status(session, actor, segment.id, Status.REJECTED, reason=why)
                rejected_with_comment = True
            else:
                notes.append(f"not rejected: it was {current.label}")
        elif wanted > current:
            steps = 0
            for step in _UPWARD:
                current = Status(segment.status)
                if step <= current or step > wanted:
                    continue
                action = TRANSITIONS.get((current, step))
                if action is None:
                    break
                if not allowed(actor.role, action):
                    if not (target_changes or steps or comment):
                        actor.require(action)  # nothing else to apply: the row is refused
                    notes.append(
                        f"kept {current.label}: {actor.name} may not "
                        f"{action.value.replace('_', ' ')}"
                    )
                    break
                set_status(session, actor, segment.id, step, expected_version=seen)
                seen = segment.version
                steps += 1
        elif (current, wanted) in TRANSITIONS and allowed(
            actor.role, TRANSITIONS[(current, wanted)]
        ):
            set_status(session, actor, segment.id, wanted, expected_version=seen)
        else:
            notes.append(f"kept {current.label}: the file says {wanted.label}")
    if comment and not rejected_with_comment:
        add_comment(session, actor, segment.id, comment)
    return notes
