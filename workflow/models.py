"""Database tables (SQLAlchemy 2 ORM). Migrations in workflow/migrations mirror these."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


def iso_utc(moment: datetime | None) -> str:
    """A stored moment as ISO 8601 in UTC ("2024-05-01T09:30:00Z"; "" for None).

    SQLite hands back naive datetimes; they were stored as UTC.
    """
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, datetime: DateTime(timezone=True)}


class User(Base):
    """A local account. Versioned: admins' changes go through workflow.versioning."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # For OIDC sign-in: the identity provider's e-mail claim maps to this account.
    email: Mapped[str] = mapped_column(String(320), default="", server_default="")
    # argon2id (workflow.passwords); None only for accounts made before sign-in existed.
    password_hash: Mapped[str | None] = mapped_column(String(255), default=None)
    # Sessions signed in before this moment are ended (a reset password locks out the old one).
    password_changed_at: Mapped[datetime | None] = mapped_column(default=None)
    disabled: Mapped[bool] = mapped_column(default=False, server_default=false())
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    updated_by: Mapped[str] = mapped_column(String(100), default="", server_default="")
    updated_at: Mapped[datetime | None] = mapped_column(default=utcnow, onupdate=utcnow)


class PartnerProfile(Base):
    __tablename__ = "partner_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Project(Base):
    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    source_lang: Mapped[str] = mapped_column(String(16), default="vi")
    target_lang: Mapped[str] = mapped_column(String(16), default="en")
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partner_profiles.id"))
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    partner: Mapped[PartnerProfile | None] = relationship()
    documents: Mapped[list[Document]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="Document.id"
    )


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("project_id", "title"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(300))
    filename: Mapped[str] = mapped_column(String(300))
    format: Mapped[str] = mapped_column(String(16))
    original: Mapped[bytes] = mapped_column(LargeBinary)
    revision: Mapped[int] = mapped_column(Integer, default=1)  # bumped on re-import
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    meta: Mapped[dict[str, Any]] = mapped_column(default=dict)  # author, date, description
    repair_report: Mapped[dict[str, Any]] = mapped_column(default=dict)

    project: Mapped[Project] = relationship(back_populates="documents")


class Segment(Base):
    __tablename__ = "segments"
    __table_args__ = (
        UniqueConstraint("document_id", "position"),
        # Hash indexes on PostgreSQL: a btree entry is limited to about 2.7 kB, and a long
        # segment's key is longer than that; lookups on keys are equality only.
        Index("ix_segments_source_key", "source_key", postgresql_using="hash"),
        Index("ix_segments_status", "document_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)  # order within the document
    block: Mapped[int] = mapped_column(Integer, default=0)  # index of the source block
    ref: Mapped[str] = mapped_column(Text, default="")  # where it came from in the source
    source: Mapped[str] = mapped_column(Text)
    source_key: Mapped[str] = mapped_column(Text)  # match_key(source), for TM and repeats
    target: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[int] = mapped_column(Integer, default=0)
    origin: Mapped[int] = mapped_column(Integer, default=0)
    score: Mapped[float | None] = mapped_column(Float)  # MT confidence or TM match, 0..1
    flags: Mapped[dict[str, Any]] = mapped_column(default=dict)
    codes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_by: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class DocumentImport(Base):
    """One import of a document's file and what it did to the document's segments.

    The counts split the new segments into unchanged, moved, changed and added, and name
    the old ones removed. ``changes`` lists the changed, moved, added and removed segments
    (``kind``, ``segment_id``, ``position``, short ``before``/``after`` texts; a removed
    segment's ``target`` too). A document's first import (revision 1) adds every segment
    and lists none: the document itself is that list.
    """

    __tablename__ = "document_imports"
    __table_args__ = (UniqueConstraint("document_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    revision: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(300))
    imported_by: Mapped[str] = mapped_column(String(100))
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    moved: Mapped[int] = mapped_column(Integer, default=0)
    changed: Mapped[int] = mapped_column(Integer, default=0)
    added: Mapped[int] = mapped_column(Integer, default=0)
    removed: Mapped[int] = mapped_column(Integer, default=0)
    reused_translations: Mapped[int] = mapped_column(Integer, default=0)
    changes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class Revision(Base):
    __tablename__ = "revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(
        ForeignKey("segments.id", ondelete="CASCADE"), index=True
    )
    user: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    field: Mapped[str] = mapped_column(String(20))  # target | status
    old: Mapped[str] = mapped_column(Text, default="")
    new: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer)  # segment version after the change
    reason: Mapped[str] = mapped_column(Text, default="")


class Comment(Base):
    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(
        ForeignKey("segments.id", ondelete="CASCADE"), index=True
    )
    user: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    text: Mapped[str] = mapped_column(Text)


class Job(Base):
    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(50))
    state: Mapped[str] = mapped_column(String(20), default="queued")
    params: Mapped[dict[str, Any]] = mapped_column(default=dict)
    result: Mapped[dict[str, Any]] = mapped_column(default=dict)
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str] = mapped_column(Text, default="")
    cancel_requested: Mapped[bool] = mapped_column(default=False)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column()
    finished_at: Mapped[datetime | None] = mapped_column()
    heartbeat_at: Mapped[datetime | None] = mapped_column()
    # The runner that holds (or last held) the job: see workflow/jobs.py claim_job.
    claimed_by: Mapped[str] = mapped_column(String(200), default="", server_default="")


class JobChunk(Base):
    """One piece of a job that a queue worker runs on its own (workflow/job_chunks.py).

    The database, not the queue, is the record of what is done: a chunk's writes and its
    "done" state commit in one transaction, so a chunk delivered twice writes once.
    """

    __tablename__ = "job_chunks"
    __table_args__ = (UniqueConstraint("job_id", "position", name="uq_job_chunks_position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    segment_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    state: Mapped[str] = mapped_column(String(20), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[dict[str, Any]] = mapped_column(default=dict)
    claimed_by: Mapped[str] = mapped_column(String(200), default="")
    finished_at: Mapped[datetime | None] = mapped_column()


class JobFile(Base):
    """The file a job made (an export built by a queue worker), kept in the database that
    every worker and face shares, so it reaches the person who asked for it wherever the
    job ran. One per job; deleted with the job."""

    __tablename__ = "job_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(
        ForeignKey("jobs.id", ondelete="CASCADE"), unique=True, index=True
    )
    filename: Mapped[str] = mapped_column(String(255))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    # What the job returned with it (workflow.export_job.ExportJobResult), kept with the
    # file: a job run again after the file was kept answers from here.
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class GlossaryTerm(Base):
    """A stored glossary entry; the shipped default glossary stays a data file."""

    __tablename__ = "glossary_terms"
    __table_args__ = (
        Index("ix_glossary_terms_scope", "scope", "partner_id", "project_id"),
        Index("ix_glossary_terms_source_key", "source_key", postgresql_using="hash"),
        Index("ux_glossary_terms_identity", "identity", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(10), default="project")  # global|partner|project
    partner_id: Mapped[int | None] = mapped_column(
        ForeignKey("partner_profiles.id", ondelete="CASCADE")
    )
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(Text)
    source_key: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(Text)
    # What makes two rows one term: scope, owner, source key and target key, hashed (the
    # keys can be long) -- unique, so concurrent imports cannot store a term twice
    # (workflow.glossary.identity, workflow.insert_missing).
    identity: Mapped[str] = mapped_column(String(64))
    variants: Mapped[list[str]] = mapped_column(JSON, default=list)
    pos: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="preferred")
    case_sensitive: Mapped[bool] = mapped_column(default=False)
    domain: Mapped[str] = mapped_column(String(100), default="")
    origin: Mapped[str] = mapped_column(Text, default="")
    date: Mapped[str] = mapped_column(String(10), default="")
    valid_until: Mapped[str] = mapped_column(String(10), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_by: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class TMUnitRow(Base):
    """A translation-memory unit; project_id NULL means the office's shared TM."""

    __tablename__ = "tm_units"
    __table_args__ = (
        Index("ix_tm_units_project", "project_id"),
        Index("ix_tm_units_source_key", "source_key", postgresql_using="hash"),
        Index("ux_tm_units_identity", "identity", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    segment_id: Mapped[int | None] = mapped_column(
        ForeignKey("segments.id", ondelete="SET NULL"), index=True
    )
    source: Mapped[str] = mapped_column(Text)
    source_key: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(Text)
    # An imported source and target in one TM, hashed (a captured unit: a new value) --
    # unique, so concurrent imports cannot store a unit twice (workflow.tm.identity).
    identity: Mapped[str] = mapped_column(String(64))
    prev_source: Mapped[str] = mapped_column(Text, default="")
    next_source: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class QAFinding(Base):
    """One problem a QA check found in a segment, as of the segment version it checked.

    ``signature`` (segment, check, offending source text) is what an ignore is keyed by;
    ``message`` holds one line per language ({"vi": …, "en": …}); spans are offsets in the
    segment's tagged source and target. A re-check of a segment replaces all its rows.
    """

    __tablename__ = "qa_findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(
        ForeignKey("segments.id", ondelete="CASCADE"), index=True
    )
    check: Mapped[str] = mapped_column(String(64))
    severity: Mapped[str] = mapped_column(String(10))
    signature: Mapped[str] = mapped_column(String(40), index=True)
    message: Mapped[dict[str, Any]] = mapped_column(default=dict)
    offending: Mapped[str] = mapped_column(Text, default="")
    source_start: Mapped[int | None] = mapped_column(Integer)
    source_end: Mapped[int | None] = mapped_column(Integer)
    target_start: Mapped[int | None] = mapped_column(Integer)
    target_end: Mapped[int | None] = mapped_column(Integer)
    segment_version: Mapped[int] = mapped_column(Integer)
    checked_at: Mapped[datetime] = mapped_column(default=utcnow)


class QASegmentCheck(Base):
    """When a segment was last checked, and at which of its versions: a segment whose
    version moved on since (or that has no row) has not been checked as it is now."""

    __tablename__ = "qa_segment_checks"

    segment_id: Mapped[int] = mapped_column(
        ForeignKey("segments.id", ondelete="CASCADE"), primary_key=True
    )
    segment_version: Mapped[int] = mapped_column(Integer)
    checked_by: Mapped[str] = mapped_column(String(100), default="")
    checked_at: Mapped[datetime] = mapped_column(default=utcnow)


class QAIgnore(Base):
    """A finding a person set aside, with the reason: "ignore" from the QA page, "override"
    when a role allowed to confirmed over an error. Keyed by the finding's signature, so it
    holds for every re-check (and re-import) that finds the same problem in the same text."""

    __tablename__ = "qa_ignores"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    segment_id: Mapped[int] = mapped_column(
        ForeignKey("segments.id", ondelete="CASCADE"), index=True
    )
    signature: Mapped[str] = mapped_column(String(40), unique=True)
    check: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(10), default="ignore")  # ignore | override
    reason: Mapped[str] = mapped_column(Text)
    ignored_by: Mapped[str] = mapped_column(String(100))
    ignored_at: Mapped[datetime] = mapped_column(default=utcnow)


class ExportRecord(Base):
    """One export handed out (downloaded in the app, written by the CLI): which document,
    in which format, when and by whom. The step indicator reads it ("exported"); the
    export id is the one inside the file (``workflow.exports.export_id``)."""

    __tablename__ = "export_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    # None: an export of the project's resources (glossary, TM), not of a document.
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    format: Mapped[str] = mapped_column(String(32))
    export_id: Mapped[str] = mapped_column(String(32))
    exported_by: Mapped[str] = mapped_column(String(100))
    exported_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditEvent(Base):
    """Something an office must be able to account for later: who did it, when, from which
    face, to what. Written by workflow in the action's own transaction (``workflow.audit``),
    never changed. ``project_id`` is a plain column, not a foreign key: the record of what
    happened in a project outlives the project."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(100), index=True)
    face: Mapped[str] = mapped_column(String(10))  # app | cli | worker
    action: Mapped[str] = mapped_column(String(40), index=True)
    project_id: Mapped[int | None] = mapped_column(Integer, index=True)
    object_type: Mapped[str] = mapped_column(String(32), default="")
    object_id: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[str] = mapped_column(String(500), default="")
