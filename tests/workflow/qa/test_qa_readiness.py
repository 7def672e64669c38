"""Readiness for delivery per document, the export gate of the partner's policy, and the QA
summary for the partner report. Both databases."""

from __future__ import annotations

import pytest
from songngu_testing.qa import SOURCES, finding, qa_project, set_partner_settings
from sqlalchemy.orm import Session

from primitives.errors import InvalidTransition
from workflow.models import Document, Project, Segment
from workflow.projects import get_project
from workflow.qa.findings import (
    CheckedSegment,
    FindingFilter,
    ignore_finding,
    list_findings,
    store_findings,
)
from workflow.qa.model import Severity
from workflow.qa.readiness import (
    DocumentReadiness,
    QASummaryRow,
    export_readiness,
    qa_summary,
    require_export_ready,
)
from workflow.segments import edit_target, set_status
from workflow.storage import Database
from workflow.users import resolve_actor


def _second_document(database: Database, project_id: int) -> tuple[int, int]:
    with database.write() as session:
        document = Document(
            project_id=project_id, title="annex", filename="a.txt", format="txt", original=b""
        )
        session.add(document)
        session.flush()
        segment = Segment(document_id=document.id, position=0, source="Phụ lục.", source_key="p")
        session.add(segment)
        session.flush()
        return document.id, segment.id


def test_readiness_counts_per_document(any_db: Database) -> None:
    project_id, ids = qa_project(any_db)
    annex_id, annex_segment = _second_document(any_db, project_id)
    with any_db.write() as session:
        admin = resolve_actor(session, "admin")
        edit_target(session, admin, ids[0], SOURCES[0])  # an open error, checked
        edit_target(session, admin, ids[1], "The province has 120,000 households.")
        for status in ("translated", "reviewed", "approved"):
            set_status(session, admin, ids[1], status)
        store_findings(
            session,
            [CheckedSegment(annex_segment, 1, [finding("a-warning", "x", Severity.WARNING)])],
            "tester",
        )
    with any_db.read() as session:
        readiness = export_readiness(session, get_project(session, project_id))
    report_id = readiness.documents[0].document_id
    assert readiness.documents == (
        DocumentReadiness(report_id, "doc", 3, 2, 1, 0, 1),
        DocumentReadiness(annex_id, "annex", 1, 1, 0, 1, 0),
    )
    assert (readiness.not_approved, readiness.open_errors, readiness.unchecked) == (3, 1, 1)
    assert (readiness.policy, readiness.partner, readiness.qa_problems) == ("warn", "generic", True)
    assert not readiness.blocked  # warn: the export goes through, with the counts
    with any_db.read() as session:
        one = export_readiness(session, get_project(session, project_id), annex_id)
    assert [d.title for d in one.documents] == ["annex"] and not one.qa_problems


def test_a_block_policy_refuses_the_export_until_errors_are_set_aside_and_all_checked(
    any_db: Database,
) -> None:
    project_id, ids = qa_project(any_db)
    set_partner_settings(any_db, qa_export_policy="block")
    with any_db.write() as session:
        admin = resolve_actor(session, "admin")
        edit_target(session, admin, ids[0], SOURCES[0])
    with pytest.raises(InvalidTransition) as blocked, any_db.read() as session:
        require_export_ready(session, get_project(session, project_id))
    assert blocked.value.code == "qa.export_blocked"
    assert (blocked.value.params["errors"], blocked.value.params["unchecked"]) == (1, 2)
    with any_db.write() as session:
        project = get_project(session, project_id)
        ed = resolve_actor(session, "ed")
        signature = next(iter(_open_error_signatures(session, project)))
        ignore_finding(session, ed, project, ids[0], signature, "the partner's own wording")
        for segment_id, target in (
            (ids[1], "120,000 households."),
            (ids[2], "The delegation visited Hue."),
        ):
            edit_target(session, ed, segment_id, target)
    with any_db.read() as session:
        readiness = require_export_ready(session, get_project(session, project_id))
    assert not readiness.qa_problems and readiness.not_approved == 3


def _open_error_signatures(session: Session, project: Project) -> set[str]:
    errors = FindingFilter(severity=Severity.ERROR)
    return {f.signature for f in list_findings(session, project, errors)}


def test_the_summary_counts_open_and_set_aside_findings_by_check_and_severity(
    any_db: Database,
) -> None:
    project_id, ids = qa_project(any_db)
    with any_db.write() as session:
        store_findings(
            session,
            [
                CheckedSegment(ids[0], 1, [finding(offending="a"), finding(offending="b")]),
                CheckedSegment(ids[1], 1, [finding("a-warning", "c", Severity.WARNING)]),
            ],
            "tester",
        )
        ignore_finding(
            session,
            resolve_actor(session, "ed"),
            get_project(session, project_id),
            ids[0],
            finding(offending="b").signature(ids[0]),
            "fine",
        )
    with any_db.read() as session:
        summary = qa_summary(session, get_project(session, project_id))
    assert summary == [
        QASummaryRow("test-check", Severity.ERROR, open=1, ignored=1),
        QASummaryRow("a-warning", Severity.WARNING, open=1, ignored=0),
    ]
    with any_db.read() as session:
        assert qa_summary(session, get_project(session, project_id), document_id=999) == []
