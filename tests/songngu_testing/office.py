"""An office's database with a row in every table, and a table-by-table comparison: for
the backup, restore and migrate-db tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from primitives.statuses import Status
from primitives.terms import GlossaryEntry
from songngu_testing.projects import seed_project
from songngu_testing.users import ADMIN, add_users
from workflow.glossary.store import add_term
from workflow.models import (
    Base,
    DocumentImport,
    ExportRecord,
    Job,
    JobChunk,
    JobFile,
    QAFinding,
    QAIgnore,
    Segment,
    TMUnitRow,
)
from workflow.projects import get_project
from workflow.segments import add_comment, edit_target, set_status
from workflow.storage import Database

SOURCES = [
    "Bộ Tài chính ban hành thông tư số 12 năm 2024.",
    "Nhấn Lưu để tiếp tục.",
    "Hà Nội là thủ đô của Việt Nam.",
]


def seed_office(database: Database) -> dict[str, int]:
    """A row in every table: users, a project with a document and its import, segments
    (revisions, a comment, one approved: TM unit, QA check and audit records), a glossary
    term, a job with a chunk and a kept file, a QA finding and its ignore, an export; returns ids made."""
    add_users(database, "admin", "tran", "rev", "ed")
    project_id, segment_ids = seed_project(database, SOURCES, name="Văn phòng")
    with database.write() as session:
        project = get_project(session, str(project_id))
        edit_target(session, ADMIN, segment_ids[0], "The Ministry of Finance issued circular 12.")
        edit_target(session, ADMIN, segment_ids[1], "Press Save to continue.")
        add_comment(session, ADMIN, segment_ids[0], "Kiểm tra số hiệu thông tư")
        add_term(
            session,
            ADMIN,
            project,
            GlossaryEntry("Bộ Tài chính", "Ministry of Finance"),
            scope="project",
        )
    for status in (Status.TRANSLATED, Status.REVIEWED, Status.APPROVED):
        with database.write() as session:
            set_status(session, ADMIN, segment_ids[1], status, qa_override="tested")
    with database.write() as session:
        job = Job(kind="mt", project_id=project_id, params={"document_id": 1}, state="done")
        session.add(job)
        session.flush()
        session.add(JobChunk(job_id=job.id, position=0, segment_ids=segment_ids, state="done"))
        session.add(
            JobFile(
                job_id=job.id,
                filename="bao-cao.xlf",
                data=b"<?xml version='1.0'?><xliff/>\x00\xff",  # bytes, not text
                size=32,
                sha256="0" * 64,
                details={"filename": "bao-cao.xlf"},
            )
        )
        session.add(
            QAFinding(
                segment_id=segment_ids[0],
                check="numbers",
                severity="error",
                signature="s" * 40,
                message={"vi": "thiếu số 2024", "en": "2024 is missing"},
                offending="2024",
                source_start=40,
                source_end=44,
                segment_version=2,
            )
        )
        document_id = session.scalar(
            select(Segment.document_id).where(Segment.id == segment_ids[0])
        )
        session.add(
            DocumentImport(
                document_id=document_id,
                revision=1,
                filename="doc.txt",
                imported_by="admin",
                added=len(segment_ids),
            )
        )
        session.add(
            ExportRecord(
                project_id=project_id,
                document_id=document_id,
                format="docx",
                export_id="e" * 32,
                exported_by="admin",
            )
        )
        session.add(
            QAIgnore(
                project_id=project_id,
                segment_id=segment_ids[0],
                signature="s" * 40,
                check="numbers",
                reason="circular numbers are checked by hand",
                ignored_by="admin",
            )
        )
        if session.scalar(select(TMUnitRow.id).limit(1)) is None:
            raise AssertionError("approving a segment should have captured a TM unit")
        session.flush()
        return {"project": project_id, "job": job.id, "segment": segment_ids[0]}


def _utc(value: Any) -> Any:
    """SQLite's naive datetimes are UTC; PostgreSQL's come with their zone."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value


def table_rows(database: Database) -> dict[str, list[dict[str, Any]]]:
    """Every songngu table's rows, in primary-key order, moments in UTC."""
    rows: dict[str, list[dict[str, Any]]] = {}
    with database.read() as session:
        for table in Base.metadata.sorted_tables:
            key = list(table.primary_key.columns)
            rows[table.name] = [
                {key: _utc(value) for key, value in row._mapping.items()}
                for row in session.execute(select(table).order_by(*key))
            ]
    return rows
