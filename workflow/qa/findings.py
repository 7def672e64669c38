"""Stored QA findings: per segment, replaced as a whole by each re-check; and ignores.

A check run over a segment (on a save or confirm, or by the project's QA job) replaces
every finding the segment had and records the segment version it checked
(``qa_segment_checks``), in the caller's transaction: a reader sees the old findings or
the new ones, never a mix. The replacement is guarded by the segment row: it is locked
(PostgreSQL ``FOR UPDATE SKIP LOCKED``; SQLite writers run one at a time) and written
only if the segment is still at the version that was checked. A segment that changed
meanwhile, or that another transaction is changing right now, is left to the check that
change runs (or to the next run of the job): findings never describe a text the segment
no longer holds, and the job never waits on a person's save.

An ignore ("ignore, with a reason") is keyed by the finding's signature (segment, check,
offending source text), not by the finding row: it holds for every re-check that finds
the same problem in the same text, and across re-imports, which keep segment ids. It
stops applying when the offending text changes, since the signature does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, Select, case, delete, func, insert, select
from sqlalchemy.orm import Session

from primitives.errors import Conflict, InvalidInput, NotFound
from primitives.statuses import Status
from workflow.insert_missing import insert_missing
from workflow.models import (
    Document,
    Project,
    QAFinding,
    QAIgnore,
    QASegmentCheck,
    Segment,
    iso_utc,
    utcnow,
)
from workflow.permissions import Action
from workflow.qa.model import Finding, Severity
from workflow.qa.policy import require_override_role
from workflow.users import Actor

MAX_REASON_CHARS = 1000
# Characters XML 1.0 forbids (as workflow.segments refuses them in targets).
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
IGNORE = "ignore"  # QAIgnore.kind: set aside on the QA page
OVERRIDE = "override"  # QAIgnore.kind: confirmed over by a role allowed to


@dataclass(frozen=True)
class IgnoreRecord:
    """Who set a finding aside, when (ISO 8601 UTC), why, and how (ignore or override)."""

    kind: str
    reason: str
    by: str
    at: str


@dataclass(frozen=True)
class StoredFinding:
    """A finding as stored for a segment, with its document, status and ignore."""

    segment_id: int
    document_id: int
    segment_status: Status
    check: str
    severity: Severity
    message: dict[str, str]
    signature: str
    offending: str
    source_span: tuple[int, int] | None
    target_span: tuple[int, int] | None
    segment_version: int  # the version that was checked
    checked_at: str
    ignored: IgnoreRecord | None = None

    @property
    def is_open(self) -> bool:
        return self.ignored is None

    def text(self, lang: str) -> str:
        """The message in lang (English when the check gave none in lang)."""
        return self.message.get(lang) or self.message.get("en", "")


@dataclass(frozen=True)
class CheckedSegment:
    """What one check run found in a segment at the version it read."""

    segment_id: int
    version: int
    findings: Sequence[Finding]


@dataclass
class StoreOutcome:
    written: list[int] = field(default_factory=list)
    # Changed since it was read, or being changed by another transaction: left alone.
    moved_on: list[int] = field(default_factory=list)


def _span(start: int | None, end: int | None) -> tuple[int, int] | None:
    return None if start is None or end is None else (start, end)


def wait_for_segment(session: Session, segment_id: int) -> None:
    """Lock the segment's row, waiting for a save in progress to end (a recheck a person
    asked for: unlike a background store, it must not skip a busy segment)."""
    session.execute(select(Segment.id).where(Segment.id == segment_id).with_for_update())


def store_findings(
    session: Session, checked: Sequence[CheckedSegment], checked_by: str
) -> StoreOutcome:
    """Replace the findings of each segment still at the version checked (see above)."""
    outcome = StoreOutcome()
    if not checked:
        return outcome
    ids = [item.segment_id for item in checked]
    current = dict(
        session.execute(
            select(Segment.id, Segment.version)
            .where(Segment.id.in_(ids))
            .order_by(Segment.id)
            .with_for_update(skip_locked=True)
        ).all()
    )
    writable = [item for item in checked if current.get(item.segment_id) == item.version]
    outcome.moved_on = [item.segment_id for item in checked if item not in writable]
    if not writable:
        return outcome
    written_ids = [item.segment_id for item in writable]
    for table in (QAFinding, QASegmentCheck):
        session.execute(
            delete(table)
            .where(table.segment_id.in_(written_ids))
            .execution_options(synchronize_session=False)
        )
    now = utcnow()
    rows = [
        {
            "segment_id": item.segment_id,
            "check": finding.check,
            "severity": finding.severity.value,
            "signature": finding.signature(item.segment_id),
            "message": dict(finding.message),
            "offending": finding.offending,
            "source_start": finding.source_span[0] if finding.source_span else None,
            "source_end": finding.source_span[1] if finding.source_span else None,
            "target_start": finding.target_span[0] if finding.target_span else None,
            "target_end": finding.target_span[1] if finding.target_span else None,
            "segment_version": item.version,
            "checked_at": now,
        }
        for item in writable
        for finding in item.findings
    ]
    if rows:
        session.execute(insert(QAFinding), rows)
    session.execute(
        insert(QASegmentCheck),
        [
            {
                "segment_id": item.segment_id,
                "segment_version": item.version,
                "checked_by": checked_by,
                "checked_at": now,
            }
            for item in writable
        ],
    )
    outcome.written = written_ids
    return outcome


# ---------------------------------------------------------------------------------------
# Reading


def _listing() -> Select:
    return (
        select(QAFinding, Segment.document_id, Segment.status, QAIgnore)
        .join(Segment, Segment.id == QAFinding.segment_id)
        .outerjoin(QAIgnore, QAIgnore.signature == QAFinding.signature)
    )


def _stored(
    row: QAFinding, document_id: int, status: int, ignore: QAIgnore | None
) -> StoredFinding:
    return StoredFinding(
        segment_id=row.segment_id,
        document_id=document_id,
        segment_status=Status(status),
        check=row.check,
        severity=Severity(row.severity),
        message=dict(row.message or {}),
        signature=row.signature,
        offending=row.offending,
        source_span=_span(row.source_start, row.source_end),
        target_span=_span(row.target_start, row.target_end),
        segment_version=row.segment_version,
        checked_at=iso_utc(row.checked_at),
        ignored=None
        if ignore is None
        else IgnoreRecord(
            ignore.kind, ignore.reason, ignore.ignored_by, iso_utc(ignore.ignored_at)
        ),
    )


# Sorting key of a stored severity: the most severe (highest rank) first.
_SEVERITY_ORDER = {severity.value: -severity.rank() for severity in Severity}


def _severity_rank() -> ColumnElement[int]:
    return case(_SEVERITY_ORDER, value=QAFinding.severity, else_=0)


def segment_findings(session: Session, segment_id: int) -> list[StoredFinding]:
    """The findings stored for a segment, most severe first (ignored ones included)."""
    rows = session.execute(
        _listing()
        .where(QAFinding.segment_id == segment_id)
        .order_by(_severity_rank(), QAFinding.id)
    ).all()
    return [_stored(*row) for row in rows]


@dataclass(frozen=True)
class FindingFilter:
    """Which of a project's findings to list; None is any."""

    document_id: int | None = None
    check: str | None = None
    severity: Severity | None = None
    status: Status | None = None
    include_ignored: bool = False


def _filtered(query: Select, project: Project, which: FindingFilter) -> Select:
    query = query.join(Document, Document.id == Segment.document_id).where(
        Document.project_id == project.id
    )
    if which.document_id is not None:
        query = query.where(Segment.document_id == which.document_id)
    if which.check is not None:
        query = query.where(QAFinding.check == which.check)
    if which.severity is not None:
        query = query.where(QAFinding.severity == which.severity.value)
    if which.status is not None:
        query = query.where(Segment.status == int(which.status))
    if not which.include_ignored:
        query = query.where(QAIgnore.id.is_(None))
    return query


def list_findings(
    session: Session,
    project: Project,
    which: FindingFilter | None = None,
    *,
    offset: int = 0,
    limit: int | None = None,
) -> list[StoredFinding]:
    """A project's findings, most severe first, then in document order."""
    query = _filtered(_listing(), project, which or FindingFilter()).order_by(
        _severity_rank(), Segment.document_id, Segment.position, QAFinding.id
    )
    if offset:
        query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [_stored(*row) for row in session.execute(query).all()]


def count_findings(session: Session, project: Project, which: FindingFilter | None = None) -> int:
    query = _filtered(
        select(func.count())
        .select_from(QAFinding)
        .join(Segment, Segment.id == QAFinding.segment_id)
        .outerjoin(QAIgnore, QAIgnore.signature == QAFinding.signature),
        project,
        which or FindingFilter(),
    )
    return session.scalar(query) or 0


def checks_found(session: Session, project: Project) -> list[str]:
    """The ids of the checks with stored findings in the project, sorted."""
    return list(
        session.scalars(
            select(QAFinding.check)
            .join(Segment, Segment.id == QAFinding.segment_id)
            .join(Document, Document.id == Segment.document_id)
            .where(Document.project_id == project.id)
            .distinct()
            .order_by(QAFinding.check)
        )
    )


def open_counts(session: Session, segment_ids: Sequence[int]) -> dict[int, dict[Severity, int]]:
    """Open findings of each of these segments by severity (segments without any left out)."""
    if not segment_ids:
        return {}
    counts: dict[int, dict[Severity, int]] = {}
    for segment_id, severity, found in session.execute(
        select(QAFinding.segment_id, QAFinding.severity, func.count(QAFinding.id))
        .outerjoin(QAIgnore, QAIgnore.signature == QAFinding.signature)
        .where(QAFinding.segment_id.in_(list(segment_ids)), QAIgnore.id.is_(None))
        .group_by(QAFinding.segment_id, QAFinding.severity)
    ):
        counts.setdefault(segment_id, {})[Severity(severity)] = found
    return counts


def ignored_signatures(session: Session, signatures: Iterable[str]) -> set[str]:
    """Those of the signatures that are ignored."""
    wanted = list(dict.fromkeys(signatures))
    if not wanted:
        return set()
    return set(session.scalars(select(QAIgnore.signature).where(QAIgnore.signature.in_(wanted))))


def checked_version(session: Session, segment_id: int) -> int | None:
    """The segment version its findings were made for (None: never checked)."""
    return session.scalar(
        select(QASegmentCheck.segment_version).where(QASegmentCheck.segment_id == segment_id)
    )


# ---------------------------------------------------------------------------------------
# Ignoring and reopening


def checked_reason(reason: str) -> str:
    """A person's reason for setting a finding aside, refused when empty or too long."""
    reason = " ".join(reason.split())
    bad = _XML_FORBIDDEN.search(reason)
    if bad:  # the reason goes into the partner report, which XML cannot carry it in
        raise InvalidInput(
            "qa.reason_control_character",
            "the reason contains the control character U+{code:04X}: remove it",
            code=ord(bad.group()),
        )
    if not reason:
        raise InvalidInput(
            "qa.reason_missing", "say why: a QA finding is set aside only with a reason"
        )
    if len(reason) > MAX_REASON_CHARS:
        raise InvalidInput(
            "qa.reason_too_long",
            "the reason is longer than {limit} characters: say it more briefly",
            limit=MAX_REASON_CHARS,
        )
    return reason


def _current_finding(
    session: Session, project: Project, segment_id: int, signature: str
) -> StoredFinding:
    for finding in segment_findings(session, segment_id):
        if finding.signature == signature:
            document = session.get(Document, finding.document_id)
            if document is not None and document.project_id == project.id:
                return finding
    raise NotFound(
        "qa.finding_gone",
        "segment {segment_id} no longer has that QA finding (it was checked again "
        "meanwhile): reload the findings",
        segment_id=segment_id,
    )


def add_ignores(
    session: Session,
    actor: Actor,
    project: Project,
    findings: Sequence[StoredFinding],
    reason: str,
    kind: str,
) -> int:
    """Record that the findings are set aside (no permission check: callers do that);
    how many records were made.

    Findings with the same signature (one problem found twice in the same text) share
    one record, and a finding already set aside keeps the record it has.
    """
    now = utcnow()
    findings = list({finding.signature: finding for finding in findings}.values())
    # Insert-or-skip: a finding someone else set aside meanwhile keeps their record.
    inserted = insert_missing(
        session,
        QAIgnore,
        [
            {
                "project_id": project.id,
                "segment_id": finding.segment_id,
                "signature": finding.signature,
                "check": finding.check,
                "kind": kind,
                "reason": reason,
                "ignored_by": actor.name,
                "ignored_at": now,
            }
            for finding in findings
        ],
        identity=["signature"],
    )
    return len(inserted)


def _already_ignored(segment_id: int, ignored: IgnoreRecord | None) -> Conflict:
    return Conflict(
        "qa.already_ignored",
        "that QA finding of segment {segment_id} was already set aside by {user}: {reason}",
        segment_id=segment_id,
        user=ignored.by if ignored else "someone",
        reason=ignored.reason if ignored else "",
    )


def ignore_finding(
    session: Session,
    actor: Actor,
    project: Project,
    segment_id: int,
    signature: str,
    reason: str,
) -> StoredFinding:
    """Set a finding aside with a reason; it stays aside on every re-check of the same text.

    Warnings and notes may be set aside by anyone who may edit; errors only by the roles
    the partner profile lets go on over QA errors.
    """
    actor.require(Action.EDIT)
    reason = checked_reason(reason)
    finding = _current_finding(session, project, segment_id, signature)
    if finding.severity is Severity.ERROR:
        require_override_role(actor, project)
    if finding.ignored is not None:
        raise _already_ignored(segment_id, finding.ignored)
    if not add_ignores(session, actor, project, [finding], reason, IGNORE):
        # Someone else set it aside between the read and the insert: theirs stands.
        winner = _current_finding(session, project, segment_id, signature)
        raise _already_ignored(segment_id, winner.ignored)
    return _current_finding(session, project, segment_id, signature)


def reopen_finding(
    session: Session, actor: Actor, project: Project, segment_id: int, signature: str
) -> StoredFinding:
    """Take back an ignore (or an override): the finding counts as open again."""
    actor.require(Action.EDIT)
    _current_finding(session, project, segment_id, signature)
    removed = session.execute(
        delete(QAIgnore)
        .where(QAIgnore.signature == signature, QAIgnore.project_id == project.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not removed:
        raise Conflict(
            "qa.not_ignored",
            "that QA finding of segment {segment_id} is not set aside (someone reopened it "
            "meanwhile)",
            segment_id=segment_id,
        )
    return _current_finding(session, project, segment_id, signature)
