"""Events: the listed subscribers run in the publisher's transaction, in order, and their
reports come back in set_status's result; the list is read late, so no import cycle."""

from __future__ import annotations

import subprocess
import sys

import pytest
from songngu_testing import REPO, seed_project

from primitives.statuses import Status
from workflow import subscribers
from workflow.audit import on_segment_status_changed as audit_approvals
from workflow.events import SegmentStatusChanged, SegmentTargetEdited, publish, subscribers_of
from workflow.models import Revision, Segment
from workflow.projects import get_project
from workflow.qa.confirm import QAReport
from workflow.qa.confirm import on_segment_status_changed as qa_on_status_change
from workflow.qa.confirm import on_segment_target_edited as qa_on_edit
from workflow.segments import SegmentChange, edit_target, save_and_confirm, set_status
from workflow.storage import Database
from workflow.tm.capture import TMCaptureReport, on_segment_status_changed
from workflow.users import resolve_actor


class Refused(Exception):
    pass


def test_status_changes_are_listed_once_qa_first_then_the_tm_then_the_audit_log() -> None:
    """QA first: when its errors refuse a change, the TM has done nothing for it; the
    audit log last, recording what the others let happen."""
    assert list(subscribers_of(SegmentStatusChanged)) == [
        qa_on_status_change,
        on_segment_status_changed,
        audit_approvals,
    ]


def test_edits_are_listed_with_the_qa_subscriber() -> None:
    assert list(subscribers_of(SegmentTargetEdited)) == [qa_on_edit]


def test_subscribers_run_in_order_and_their_reports_reach_the_caller(
    any_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    project_id, (segment_id,) = seed_project(any_db, ["Xin chào."])
    seen: list[tuple[str, SegmentStatusChanged, int]] = []

    def first(event: SegmentStatusChanged) -> str:
        # The change is already written, in the same session, when subscribers run.
        seen.append(("first", event, event.session.get(Segment, segment_id).version))
        return "first report"

    def quiet(event: SegmentStatusChanged) -> None:
        seen.append(("quiet", event, event.segment.version))

    listed = (first, quiet, *subscribers_of(SegmentStatusChanged))
    monkeypatch.setitem(subscribers.SUBSCRIBERS, SegmentStatusChanged, listed)
    with any_db.write() as session:
        admin = resolve_actor(session, "admin")
        edit_target(session, admin, segment_id, "Hello.")
        change = set_status(session, admin, segment_id, "translated", reason="done")
        assert isinstance(change, SegmentChange) and change.segment.id == segment_id
        assert change.reports[0] == "first report" and len(change.reports) == 3  # None left out
        assert change.report(str) == "first report"
        tm_report = change.report(TMCaptureReport)
        assert tm_report is not None and tm_report.segment_id == segment_id
        qa_report = change.report(QAReport)
        assert qa_report is not None and qa_report.segment_id == segment_id
        assert change.report(int) is None
        project = get_project(session, project_id)
    assert [(name, version) for name, _, version in seen] == [("first", 3), ("quiet", 3)]
    event = seen[0][1]
    assert event is seen[1][1]  # one event, given to every subscriber
    assert (event.actor.name, event.segment.id, event.project.id) == (
        "admin",
        segment_id,
        project.id,
    )
    assert (event.old_status, event.new_status, event.reason) == (
        Status.DRAFT,
        Status.TRANSLATED,
        "done",
    )


def test_a_subscriber_that_raises_refuses_the_whole_change(
    any_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, (segment_id,) = seed_project(any_db, ["Xin chào."])

    def refuse(event: SegmentStatusChanged) -> None:
        raise Refused(event.new_status.label)

    listed = (*subscribers_of(SegmentStatusChanged), refuse)
    monkeypatch.setitem(subscribers.SUBSCRIBERS, SegmentStatusChanged, listed)
    with pytest.raises(Refused, match="translated"), any_db.write() as session:
        save_and_confirm(
            session, resolve_actor(session, "admin"), segment_id, "Hello.", expected_version=1
        )
    with any_db.read() as session:
        segment = session.get(Segment, segment_id)
        assert segment is not None
        assert (segment.target, segment.version, Status(segment.status)) == ("", 1, Status.NEW)
        assert session.query(Revision).count() == 0


def test_an_event_without_subscribers_reports_nothing(
    any_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    project_id, (segment_id,) = seed_project(any_db, ["Xin chào."])
    monkeypatch.delitem(subscribers.SUBSCRIBERS, SegmentStatusChanged)
    with any_db.write() as session:
        admin = resolve_actor(session, "admin")
        segment = session.get(Segment, segment_id)
        assert segment is not None
        event = SegmentStatusChanged(
            session, admin, segment, get_project(session, project_id), Status.NEW, Status.DRAFT
        )
        assert publish(event) == ()


@pytest.mark.parametrize(
    "module",
    [
        "workflow.events",
        "workflow.subscribers",
        "workflow.tm.capture",
        "workflow.segments",
        "workflow.qa.confirm",
    ],
)
def test_each_module_imports_first_without_a_cycle(module: str) -> None:
    """A fresh interpreter importing this module first (as a face or a job runner might)."""
    subprocess.run([sys.executable, "-c", f"import {module}"], cwd=REPO, check=True, timeout=60)
