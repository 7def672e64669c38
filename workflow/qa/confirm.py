"""QA on every save and confirm of a segment: the subscribers of the segment events.

An edit (``SegmentTargetEdited``) and a status change (``SegmentStatusChanged``) each
check the segment as it now is, in the same transaction: one unit, with the project's
kept glossary matcher and consistency index. The findings replace the segment's stored
ones and come back in a ``QAReport`` (through ``SegmentChange.reports`` for a status
change; after an edit the caller reads them with ``workflow.qa.findings``).

A move forward (confirm, review, approve) over an open error-severity finding is refused
with ``QABlocked``, which lists the findings; since a subscriber's error refuses the whole
change, nothing of the move is written. A person whose role the partner profile lists in
``qa_override_roles`` may go on by giving a reason (``set_status(..., qa_override=…)``):
the errors are then recorded as overridden (``qa_ignores``, kind "override", with who,
when and why), so they no longer count as open. Reopening and rejecting are never
blocked: they are how errors get fixed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from primitives.errors import InvalidTransition, SongnguError
from primitives.excerpts import one_line
from primitives.statuses import Status
from workflow.events import SegmentStatusChanged, SegmentTargetEdited
from workflow.models import Document, Project, Segment
from workflow.permissions import Action
from workflow.qa.context import document_date, project_qa
from workflow.qa.findings import (
    OVERRIDE,
    CheckedSegment,
    StoredFinding,
    add_ignores,
    checked_reason,
    segment_findings,
    store_findings,
    wait_for_segment,
)
from workflow.qa.model import Severity
from workflow.qa.policy import require_override_role
from workflow.segments import get_segment
from workflow.stores import segment_unit
from workflow.users import Actor


@dataclass(frozen=True)
class QAReport:
    """What checking a segment found (ignored findings included) and what was overridden."""

    segment_id: int
    findings: tuple[StoredFinding, ...] = ()
    overridden: tuple[StoredFinding, ...] = ()

    @property
    def open(self) -> tuple[StoredFinding, ...]:
        return tuple(finding for finding in self.findings if finding.is_open)

    @property
    def errors(self) -> tuple[StoredFinding, ...]:
        return tuple(f for f in self.open if f.severity is Severity.ERROR)


class QABlocked(InvalidTransition):
    """A move forward refused because of open QA errors; ``blocking`` holds them."""

    def __init__(
        self,
        code: str,
        template: str | None = None,
        /,
        *,
        blocking: Sequence[StoredFinding] = (),
        detail: SongnguError | None = None,
        **params: object,
    ) -> None:
        super().__init__(code, template, detail=detail, **params)
        self.blocking = tuple(blocking)


def findings_line(findings: Sequence[StoredFinding]) -> str:
    """Findings in one English line: 'check-id: message; …'."""
    return one_line("; ".join(f"{f.check}: {f.text('en')}" for f in findings), 500)


def check_segment(
    session: Session, actor: Actor, segment: Segment, project: Project
) -> tuple[StoredFinding, ...]:
    """Check the segment as this session sees it and store what was found."""
    document = session.get(Document, segment.document_id)
    found = project_qa(session, project).check(segment_unit(segment), document_date(document))
    store_findings(session, [CheckedSegment(segment.id, segment.version, found)], actor.name)
    return tuple(segment_findings(session, segment.id))


def recheck_segment(session: Session, actor: Actor, project: Project, segment_id: int) -> QAReport:
    """Check one segment again now (after a glossary change, say), as a person asked."""
    actor.require(Action.EDIT)
    segment = get_segment(session, segment_id, project)
    wait_for_segment(session, segment.id)  # a person is waiting for this answer
    session.refresh(segment)
    return QAReport(segment.id, check_segment(session, actor, segment, project))


def _moves_forward(event: SegmentStatusChanged) -> bool:
    return event.new_status >= Status.TRANSLATED and event.new_status > event.old_status


def on_segment_target_edited(event: SegmentTargetEdited) -> QAReport:
    findings = check_segment(event.session, event.actor, event.segment, event.project)
    return QAReport(event.segment.id, findings)


def on_segment_status_changed(event: SegmentStatusChanged) -> QAReport:
    """Check the segment; refuse a move forward over open errors unless overridden."""
    session, actor, segment, project = event.session, event.actor, event.segment, event.project
    findings = check_segment(session, actor, segment, project)
    blocking = [f for f in findings if f.is_open and f.severity is Severity.ERROR]
    if not blocking or not _moves_forward(event):
        return QAReport(segment.id, findings)
    if not event.qa_override.strip():
        raise QABlocked(
            "qa.errors_block_status_change",
            "segment {segment_id} was not made {to_status}: QA found {count} error(s): {findings}",
            blocking=blocking,
            segment_id=segment.id,
            to_status=event.new_status.label,
            count=len(blocking),
            findings=findings_line(blocking),
        )
    require_override_role(actor, project)
    add_ignores(session, actor, project, blocking, checked_reason(event.qa_override), OVERRIDE)
    return QAReport(segment.id, tuple(segment_findings(session, segment.id)), tuple(blocking))
