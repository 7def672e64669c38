"""QA of a whole project (or one document) as a job, resumable like MT.

The "qa" job checks every segment in scope, in chunks: one progress step and one chance
to stop each. The consistency index is built once, at the start, from all the project's
units (a whole-project run reads them all anyway; they stay kept for the confirm-time
checks that follow). Each chunk's segments are read, checked
outside any transaction, and their findings stored with the segment guard of
``workflow.qa.findings.store_findings``: a segment edited after the chunk was read, or
being edited right then, is left to the check its edit runs, and counted as moved on.

A segment already checked at its current version since the job was created (by this
job before it was stopped, or by a person's save meanwhile) is not checked again, so a
killed or cancelled job queued again goes on where it stopped.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from primitives.errors import Conflict, InvalidInput, NotFound
from workflow.jobs import FINISHED, JobContext, create_job, get_job, is_stalled, resume_job
from workflow.models import Document, Job, Project, QASegmentCheck, Segment
from workflow.permissions import Action
from workflow.projects import get_document
from workflow.qa.context import ProjectQA, document_date, project_qa
from workflow.qa.findings import CheckedSegment, ignored_signatures, store_findings
from workflow.qa.model import Severity
from workflow.qa.project_index import project_consistency
from workflow.stores import segment_units
from workflow.users import Actor, resolve_actor

QA_JOB_KIND = "qa"  # run by run_qa_job, as listed in workflow/job_kinds.py
DEFAULT_CHUNK_SIZE = 250  # segments per chunk: one progress step and one chance to stop


@dataclass(frozen=True)
class QAJobOptions:
    """What a "qa" job does; stored as the job's params."""

    document_id: int | None = None  # None: every document of the project
    chunk_size: int = DEFAULT_CHUNK_SIZE

    def __post_init__(self) -> None:
        if self.chunk_size < 1:
            raise InvalidInput(
                "qa.bad_chunk_size",
                "a QA chunk has at least 1 segment, not {chunk_size}",
                chunk_size=self.chunk_size,
            )

    def to_params(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> QAJobOptions:
        return cls(**{name: params[name] for name in cls.__dataclass_fields__ if name in params})


@dataclass
class QAJobResult:
    """What one run of a "qa" job did (stored as the job's result)."""

    checked: int = 0  # segments checked and stored by this run
    already_checked: int = 0  # checked at their current version since the job was created
    moved_on: int = 0  # changed while the job ran: left to the check of that change
    errors: int = 0  # open findings this run stored, by severity
    warnings: int = 0
    infos: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, stored: dict[str, Any]) -> QAJobResult:
        return cls(**{name: stored[name] for name in cls.__dataclass_fields__ if name in stored})

    def summary(self) -> str:
        parts = [
            f"{self.checked} segments checked: {self.errors} errors, {self.warnings} warnings, "
            f"{self.infos} notes"
        ]
        if self.already_checked:
            parts.append(f"{self.already_checked} already checked")
        if self.moved_on:
            parts.append(f"{self.moved_on} changed meanwhile (checked by that change)")
        return "; ".join(parts)


# --- starting ------------------------------------------------------------------------


def _qa_jobs(session: Session, project: Project) -> Sequence[Job]:
    return session.scalars(
        select(Job)
        .where(Job.project_id == project.id, Job.kind == QA_JOB_KIND)
        .order_by(Job.id.desc())
    ).all()


def active_qa_job(session: Session, project: Project) -> Job | None:
    """The project's queued or running QA job (not stalled, not asked to stop), if any."""
    for job in _qa_jobs(session, project):
        if job.state not in FINISHED and not job.cancel_requested and not is_stalled(job):
            return job
    return None


def latest_qa_job(session: Session, project: Project) -> Job | None:
    jobs = _qa_jobs(session, project)
    return jobs[0] if jobs else None


def create_qa_job(
    session: Session,
    actor: Actor,
    project: Project,
    *,
    document: str | int | None = None,
    options: QAJobOptions | None = None,
) -> Job:
    """Record a QA job for the project (or one document); one at a time per project."""
    actor.require(Action.EDIT)
    options = options or QAJobOptions()
    if document is not None:
        options = replace(options, document_id=get_document(session, project, document).id)
    running = active_qa_job(session, project)
    if running is not None:
        raise Conflict(
            "qa.job_running",
            "job {job_id} is already checking project {project!r}: wait for it or stop it",
            job_id=running.id,
            project=project.name,
        )
    return create_job(session, actor, QA_JOB_KIND, project, options.to_params())


def resume_qa_job(session: Session, actor: Actor, job_id: int) -> Job:
    """Queue a stopped, failed or stalled QA job again; what it checked is not redone."""
    actor.require(Action.EDIT)
    job = get_job(session, job_id)
    if job.kind != QA_JOB_KIND:
        raise InvalidInput(
            "qa.not_a_qa_job",
            "job {job_id} is a {kind!r} job, not QA",
            job_id=job_id,
            kind=job.kind,
        )
    return resume_job(session, actor, job_id)


# --- running -------------------------------------------------------------------------


def _as_utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def segments_to_check(
    session: Session, project: Project, document_id: int | None, since: datetime
) -> tuple[list[tuple[int, int]], int]:
    """(segment id, document id) in document order still to check, and how many in scope
    were checked at their current version at or after since."""
    query = (
        select(Segment.id, Segment.document_id, QASegmentCheck.checked_at)
        .join(Document, Document.id == Segment.document_id)
        .outerjoin(
            QASegmentCheck,
            and_(
                QASegmentCheck.segment_id == Segment.id,
                QASegmentCheck.segment_version == Segment.version,
            ),
        )
        .where(Document.project_id == project.id)
        .order_by(Document.id, Segment.position)
    )
    if document_id is not None:
        query = query.where(Segment.document_id == document_id)
    todo: list[tuple[int, int]] = []
    done = 0
    for segment_id, owner, checked_at in session.execute(query):
        if checked_at is not None and _as_utc(checked_at) >= since:
            done += 1
        else:
            todo.append((segment_id, owner))
    return todo, done


def _check_chunk(
    context: JobContext,
    actor: Actor,
    qa: ProjectQA,
    dates: dict[int, date | None],
    chunk: Sequence[tuple[int, int]],
    result: QAJobResult,
) -> None:
    with context.database.read() as session:
        units = segment_units(session, [segment_id for segment_id, _ in chunk])
    checked = [
        CheckedSegment(
            segment_id,
            units[segment_id].version or 0,
            qa.check(units[segment_id], dates.get(owner)),
        )
        for segment_id, owner in chunk
        if segment_id in units  # merged away meanwhile: nothing to check
    ]
    with context.database.write() as session:
        outcome = store_findings(session, checked, actor.name)
        written = set(outcome.written)
        stored = [item for item in checked if item.segment_id in written]
        ignored = ignored_signatures(
            session, (f.signature(item.segment_id) for item in stored for f in item.findings)
        )
    result.checked += len(stored)
    result.moved_on += len(outcome.moved_on)
    for item in stored:
        for finding in item.findings:
            if finding.signature(item.segment_id) in ignored:
                continue
            if finding.severity is Severity.ERROR:
                result.errors += 1
            elif finding.severity is Severity.WARNING:
                result.warnings += 1
            else:
                result.infos += 1


def run_qa_job(context: JobContext, params: dict[str, Any]) -> dict[str, Any]:
    """Check the job's segments chunk by chunk; returns a QAJobResult as a dict."""
    started = time.monotonic()
    options = QAJobOptions.from_params(params)
    result = QAJobResult()
    with context.database.read() as session:
        actor = resolve_actor(session, context.actor_name)
        actor.require(Action.EDIT)
        project = session.get(Project, context.project_id)
        if project is None:
            raise NotFound(
                "qa.project_deleted",
                "project {project_id} was deleted: nothing to check",
                project_id=context.project_id,
            )
        job = get_job(session, context.job_id)
        qa = project_qa(session, project, consistency=project_consistency(session, project))
        dates = {document.id: document_date(document) for document in project.documents}
        todo, result.already_checked = segments_to_check(
            session, project, options.document_id, _as_utc(job.created_at)
        )
    total = len(todo) + result.already_checked
    context.progress(result.already_checked, total, "checking")
    for start in range(0, len(todo), options.chunk_size):
        context.check_cancel()
        chunk = todo[start : start + options.chunk_size]
        _check_chunk(context, actor, qa, dates, chunk, result)
        done = result.already_checked + start + len(chunk)
        context.progress(done, total, f"{result.checked} checked")
    result.seconds = round(time.monotonic() - started, 2)
    return result.as_dict()
