"""Is a project ready to go to its partner? Per document: segments not approved yet, open
QA errors and warnings, segments not checked as they now are; and the export gate.

The partner profile's ``qa_export_policy`` decides what open QA problems do to an export:
"warn" lets it go with the counts shown, "block" refuses it (``require_export_ready``)
until every error is fixed or set aside and every segment is checked as it now is (a
segment changed since its last check may hide an error). Unapproved segments are counted
for the checklist; whether they may be exported is the export's own business.

``qa_summary`` counts the stored findings by check and severity (open and set aside), for
the partner report's QA summary.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from primitives.errors import InvalidTransition
from primitives.statuses import Status
from workflow.models import Document, Project, QAFinding, QAIgnore, QASegmentCheck, Segment
from workflow.qa.model import Severity
from workflow.qa.policy import BLOCK, export_policy


@dataclass(frozen=True)
class DocumentReadiness:
    document_id: int
    title: str
    segments: int
    not_approved: int
    open_errors: int
    open_warnings: int
    unchecked: int  # never checked, or changed since their last check


@dataclass(frozen=True)
class ExportReadiness:
    """The documents' counts and what the partner profile says to do about QA problems."""

    project: str
    partner: str
    policy: str  # "warn" | "block"
    documents: tuple[DocumentReadiness, ...]

    @property
    def not_approved(self) -> int:
        return sum(document.not_approved for document in self.documents)

    @property
    def open_errors(self) -> int:
        return sum(document.open_errors for document in self.documents)

    @property
    def open_warnings(self) -> int:
        return sum(document.open_warnings for document in self.documents)

    @property
    def unchecked(self) -> int:
        return sum(document.unchecked for document in self.documents)

    @property
    def qa_problems(self) -> bool:
        """Open QA errors, or segments whose QA is not known for the text they now hold."""
        return bool(self.open_errors or self.unchecked)

    @property
    def blocked(self) -> bool:
        return self.policy == BLOCK and self.qa_problems


def _in_scope(project: Project, document_id: int | None) -> ColumnElement[bool]:
    condition = Document.project_id == project.id
    if document_id is not None:
        condition = and_(condition, Document.id == document_id)
    return condition


def export_readiness(
    session: Session, project: Project, document_id: int | None = None
) -> ExportReadiness:
    """The readiness of the project's documents (or one of them), in four queries."""
    scope = _in_scope(project, document_id)
    titles = dict(
        session.execute(
            select(Document.id, Document.title).where(scope).order_by(Document.id)
        ).all()
    )
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for owner, segments, not_approved in session.execute(
        select(
            Segment.document_id,
            func.count(Segment.id),
            func.sum(case((Segment.status < int(Status.APPROVED), 1), else_=0)),
        )
        .join(Document, Document.id == Segment.document_id)
        .where(scope)
        .group_by(Segment.document_id)
    ):
        counts[owner]["segments"] = segments
        counts[owner]["not_approved"] = int(not_approved or 0)
    for owner, unchecked in session.execute(
        select(Segment.document_id, func.count(Segment.id))
        .join(Document, Document.id == Segment.document_id)
        .outerjoin(QASegmentCheck, QASegmentCheck.segment_id == Segment.id)
        .where(
            scope,
            or_(
                QASegmentCheck.segment_id.is_(None),
                QASegmentCheck.segment_version != Segment.version,
            ),
        )
        .group_by(Segment.document_id)
    ):
        counts[owner]["unchecked"] = unchecked
    for owner, severity, found in session.execute(
        select(Segment.document_id, QAFinding.severity, func.count(QAFinding.id))
        .join(Segment, Segment.id == QAFinding.segment_id)
        .join(Document, Document.id == Segment.document_id)
        .outerjoin(QAIgnore, QAIgnore.signature == QAFinding.signature)
        .where(scope, QAIgnore.id.is_(None))
        .group_by(Segment.document_id, QAFinding.severity)
    ):
        counts[owner][severity] = found
    documents = tuple(
        DocumentReadiness(
            document_id=owner,
            title=title,
            segments=counts[owner]["segments"],
            not_approved=counts[owner]["not_approved"],
            open_errors=counts[owner][Severity.ERROR.value],
            open_warnings=counts[owner][Severity.WARNING.value],
            unchecked=counts[owner]["unchecked"],
        )
        for owner, title in titles.items()
    )
    partner = project.partner.name if project.partner is not None else ""
    return ExportReadiness(project.name, partner, export_policy(project), documents)


def require_export_ready(
    session: Session, project: Project, document_id: int | None = None
) -> ExportReadiness:
    """The readiness, or InvalidTransition when the partner profile blocks the export."""
    readiness = export_readiness(session, project, document_id)
    if readiness.blocked:
        raise InvalidTransition(
            "qa.export_blocked",
            "project {project!r} is not exported: {errors} open QA error(s) and {unchecked} "
            "segment(s) not checked as they now are, and partner profile {partner!r} blocks "
            "exports until errors are fixed or set aside and every segment is checked",
            project=project.name,
            errors=readiness.open_errors,
            unchecked=readiness.unchecked,
            partner=readiness.partner,
        )
    return readiness


@dataclass(frozen=True)
class QASummaryRow:
    check: str
    severity: Severity
    open: int
    ignored: int  # set aside (ignored, or overridden at a confirmation)


def qa_summary(
    session: Session, project: Project, document_id: int | None = None
) -> list[QASummaryRow]:
    """Stored findings counted by check and severity, most severe first, then by check."""
    rows = session.execute(
        select(
            QAFinding.check,
            QAFinding.severity,
            func.sum(case((QAIgnore.id.is_(None), 1), else_=0)),
            func.count(QAIgnore.id),
        )
        .join(Segment, Segment.id == QAFinding.segment_id)
        .join(Document, Document.id == Segment.document_id)
        .outerjoin(QAIgnore, QAIgnore.signature == QAFinding.signature)
        .where(_in_scope(project, document_id))
        .group_by(QAFinding.check, QAFinding.severity)
    )
    summary = [
        QASummaryRow(check, Severity(severity), int(open_ or 0), int(ignored or 0))
        for check, severity, open_, ignored in rows
    ]
    return sorted(summary, key=lambda row: (-row.severity.rank(), row.check))
