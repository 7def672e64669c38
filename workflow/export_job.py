"""An export as a job, so a queue worker can build it (the team-server set-up with Redis).

On one machine the faces build an export in their own process (``workflow.exports``).
With the Redis runner, a long export (the bilingual review table or the target DOCX of a
10,000-segment project takes tens of seconds) is an "export" job: a `songngu worker`
builds it exactly as the faces would, records it (``record_export``) and keeps the file
in the shared database (``JobFile``), where the face that queued it fetches it
(``job_output``): the worker may be on another machine with no folder in common.

Building, recording and keeping the file commit in one transaction, so a worker killed
half way leaves nothing, and a job run again after its file was kept (a redelivered
message, ``resume_job``) returns the kept file instead of building a second one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from primitives.errors import InvalidInput, NotFound
from workflow.exports import ExportRequest, build_export, record_export
from workflow.jobs import JobContext, JobState, create_job, get_job
from workflow.models import Job, JobFile, Project
from workflow.permissions import Action
from workflow.projects import get_document
from workflow.users import Actor, resolve_actor

EXPORT_JOB_KIND = "export"  # run by run_export_job, as listed in workflow/job_kinds.py


@dataclass(frozen=True)
class ExportJobResult:
    """What an export job made (stored as the job's result; the bytes are its JobFile)."""

    filename: str
    size: int
    format: str
    export_id: str
    exported_at: str
    validated: bool
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "filename": self.filename,
            "size": self.size,
            "format": self.format,
            "export_id": self.export_id,
            "exported_at": self.exported_at,
            "validated": self.validated,
            "notes": list(self.notes),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ExportJobResult:
        return cls(**{name: data[name] for name in cls.__dataclass_fields__ if name in data})


@dataclass(frozen=True)
class JobOutput:
    """A finished export job's file, as the face that queued it saves or offers it."""

    result: ExportJobResult
    data: bytes


def create_export_job(
    session: Session, actor: Actor, project: Project, request: ExportRequest
) -> Job:
    """Record an export job; what can be refused at once (role, format, document, the
    unfinished-segment choice) is refused here, before anything is queued."""
    actor.require(Action.EXPORT)
    request.checked_format()
    document_id = (
        get_document(session, project, request.document).id
        if request.document is not None
        else None
    )
    params = {"format": request.format, "document_id": document_id, "pending": request.pending}
    return create_job(session, actor, EXPORT_JOB_KIND, project, params)


def _kept_file(session: Session, job_id: int) -> JobFile | None:
    return session.scalar(select(JobFile).where(JobFile.job_id == job_id))


def run_export_job(context: JobContext, params: dict[str, Any]) -> dict[str, Any]:
    """Build the export, record it and keep its file, in one transaction."""
    context.progress(0, 1, "building")
    with context.database.write() as session:
        kept = _kept_file(session, context.job_id)
        if kept is not None:  # built by an earlier run of this job (a redelivery, a resume)
            return dict(kept.details)
        actor = resolve_actor(session, context.actor_name)
        project = session.get(Project, context.project_id)
        if project is None:
            raise NotFound(
                "export.project_deleted",
                "project {project_id} was deleted: nothing to export",
                project_id=context.project_id,
            )
        request = ExportRequest(params["format"], params.get("document_id"), params["pending"])
        exported = build_export(session, actor, project, request)
        record_export(session, actor, project, exported)
        result = ExportJobResult(
            exported.filename,
            len(exported.data),
            exported.format.name,
            exported.export_id,
            exported.exported_at,
            exported.validated,
            list(exported.notes),
        )
        session.add(
            JobFile(
                job_id=context.job_id,
                filename=exported.filename,
                data=exported.data,
                size=len(exported.data),
                sha256=hashlib.sha256(exported.data).hexdigest(),
                details=result.as_dict(),
            )
        )
    context.progress(1, 1, exported.filename)
    return result.as_dict()


def job_output(session: Session, actor: Actor, job_id: int) -> JobOutput:
    """The file a finished export job made; refused for a job that is not a finished
    export, and for a role that may not export."""
    actor.require(Action.EXPORT)
    job = get_job(session, job_id)
    if job.kind != EXPORT_JOB_KIND:
        raise InvalidInput(
            "export.not_an_export_job",
            "job {job_id} is a {kind!r} job, not an export",
            job_id=job_id,
            kind=job.kind,
        )
    kept = _kept_file(session, job.id)
    if job.state != JobState.SUCCEEDED or kept is None:
        raise InvalidInput(
            "export.job_not_finished",
            "export job {job_id} has no file yet ({state}): wait for it to succeed",
            job_id=job_id,
            state=str(job.state),
        )
    return JobOutput(ExportJobResult.from_dict(kept.details), bytes(kept.data))
