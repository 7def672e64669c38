"""Where a project stands: per document, segments and source words by status, open QA
problems, how much of it has a target and from where (MT, TM, a person), the step it has
reached (imported → translated → reviewed → approved → exported), and who did what
recently (the segments' revisions).

One pass over the segments' status, origin, target and source per project (words are
counted in Python, as ``workflow.segments.progress`` does), QA through
``workflow.qa.readiness``, exports through
``workflow.models.ExportRecord``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from primitives.statuses import Origin, Status
from workflow.models import Document, ExportRecord, Project, Revision, Segment
from workflow.qa.readiness import export_readiness
from workflow.segments import word_count


class Step(StrEnum):
    """A document's steps, in order; each is reached when every segment has reached it."""

    IMPORTED = "imported"
    TRANSLATED = "translated"
    REVIEWED = "reviewed"
    APPROVED = "approved"
    EXPORTED = "exported"


STEPS: tuple[Step, ...] = tuple(Step)
# The status every segment must have reached for the step to be done.
_STEP_STATUS = {
    Step.TRANSLATED: Status.TRANSLATED,
    Step.REVIEWED: Status.REVIEWED,
    Step.APPROVED: Status.APPROVED,
}


@dataclass
class StatusCount:
    segments: int = 0
    words: int = 0


@dataclass
class DocumentDashboard:
    document_id: int
    title: str
    by_status: dict[Status, StatusCount] = field(
        default_factory=lambda: {status: StatusCount() for status in Status}
    )
    # Segments with a target, by where the target came from (Origin.NONE: filled otherwise).
    with_target: dict[Origin, int] = field(default_factory=dict)
    open_qa_errors: int | None = None  # None: QA is not installed
    open_qa_warnings: int | None = None
    exported_at: datetime | None = None  # the latest export that held the document

    @property
    def segments(self) -> int:
        return sum(count.segments for count in self.by_status.values())

    @property
    def words(self) -> int:
        return sum(count.words for count in self.by_status.values())

    def at_least(self, status: Status) -> int:
        """Segments at this status or further along (REJECTED counts below TRANSLATED)."""
        return sum(c.segments for s, c in self.by_status.items() if s >= status)

    @property
    def mt_segments(self) -> int:
        return self.with_target.get(Origin.MT, 0)

    @property
    def mt_coverage(self) -> float:
        """Share of the segments whose target is the machine's draft (0..1)."""
        return self.mt_segments / self.segments if self.segments else 0.0

    @property
    def target_coverage(self) -> float:
        """Share of the segments that have a target at all (0..1)."""
        return sum(self.with_target.values()) / self.segments if self.segments else 0.0

    def done(self, step: Step) -> bool:
        if step is Step.IMPORTED:
            return True
        if step is Step.EXPORTED:
            return self.exported_at is not None
        return self.segments > 0 and self.at_least(_STEP_STATUS[step]) == self.segments

    @property
    def step(self) -> Step:
        """The furthest step reached with every step before it reached too."""
        reached = Step.IMPORTED
        for step in STEPS[1:]:
            if not self.done(step):
                break
            reached = step
        return reached


@dataclass(frozen=True)
class Activity:
    """One revision: who changed which segment's target or status, when."""

    user: str
    at: datetime
    field: str  # "target" | "status"
    new: str  # the new status label, or the new target
    document_id: int
    document_title: str
    position: int


@dataclass
class ProjectDashboard:
    project_id: int
    name: str
    documents: list[DocumentDashboard]
    recent: list[Activity]

    def total(self, status: Status) -> StatusCount:
        count = StatusCount()
        for document in self.documents:
            count.segments += document.by_status[status].segments
            count.words += document.by_status[status].words
        return count

    @property
    def segments(self) -> int:
        return sum(document.segments for document in self.documents)

    @property
    def words(self) -> int:
        return sum(document.words for document in self.documents)

    def at_least(self, status: Status) -> int:
        return sum(document.at_least(status) for document in self.documents)

    @property
    def open_qa_errors(self) -> int:
        return sum(document.open_qa_errors or 0 for document in self.documents)

    @property
    def mt_segments(self) -> int:
        return sum(document.mt_segments for document in self.documents)


def project_dashboard(session: Session, project: Project, *, recent: int = 10) -> ProjectDashboard:
    """The project's dashboard: every document, and the ``recent`` latest revisions."""
    documents = {
        owner: DocumentDashboard(owner, title)
        for owner, title in session.execute(
            select(Document.id, Document.title)
            .where(Document.project_id == project.id)
            .order_by(Document.id)
        )
    }
    rows = session.execute(
        select(Segment.document_id, Segment.status, Segment.origin, Segment.target, Segment.source)
        .join(Document, Document.id == Segment.document_id)
        .where(Document.project_id == project.id)
    )
    origins: dict[int, Counter[Origin]] = {owner: Counter() for owner in documents}
    for owner, status, origin, target, source in rows:
        count = documents[owner].by_status[Status(status)]
        count.segments += 1
        count.words += word_count(source)
        if target:
            origins[owner][Origin(origin)] += 1
    for owner, counted in origins.items():
        documents[owner].with_target = dict(counted)
    for readiness in export_readiness(session, project).documents:
        if readiness.document_id in documents:
            documents[readiness.document_id].open_qa_errors = readiness.open_errors
            documents[readiness.document_id].open_qa_warnings = readiness.open_warnings
    for owner, latest in session.execute(
        select(ExportRecord.document_id, func.max(ExportRecord.exported_at))
        .where(ExportRecord.project_id == project.id, ExportRecord.document_id.is_not(None))
        .group_by(ExportRecord.document_id)
    ):
        if owner in documents:
            documents[owner].exported_at = latest
    return ProjectDashboard(
        project.id,
        project.name,
        list(documents.values()),
        recent_activity(session, project, limit=recent),
    )


def recent_activity(session: Session, project: Project, *, limit: int = 10) -> list[Activity]:
    """The project's latest revisions, newest first."""
    rows = session.execute(
        select(
            Revision.user,
            Revision.at,
            Revision.field,
            Revision.new,
            Document.id,
            Document.title,
            Segment.position,
        )
        .join(Segment, Segment.id == Revision.segment_id)
        .join(Document, Document.id == Segment.document_id)
        .where(Document.project_id == project.id)
        .order_by(Revision.id.desc())
        .limit(limit)
    )
    return [Activity(*row) for row in rows]
