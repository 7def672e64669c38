"""TM on status changes, both back ends: capture on review, removal on rejection, propagation
on confirmation, all in the transaction of the change and reported back to its caller."""

from __future__ import annotations

import pytest
from songngu_testing import add_users, seed_project
from sqlalchemy import select, update

from primitives.errors import Conflict
from primitives.statuses import Origin, Status
from workflow.models import Segment, TMUnitRow
from workflow.projects import get_project
from workflow.segments import (
    Fill,
    SegmentChange,
    apply_fills,
    edit_target,
    get_segment,
    save_and_confirm,
    set_status,
)
from workflow.storage import Database
from workflow.tm import capture
from workflow.tm.capture import PROPAGATION_FLAG, TMCaptureReport, repeats_filled
from workflow.tm.settings import TMSettings, set_tm_settings, tm_settings
from workflow.tm.store import TMCounts, count_units
from workflow.users import resolve_actor

HELLO = "Xin chào các bạn."
SOURCES = ["Mở đầu.", HELLO, "Kết thúc.", HELLO, "xin chào các bạn.", HELLO, HELLO]


def _confirm(
    database: Database, segment_id: int, target: str, user: str = "admin"
) -> SegmentChange:
    with database.write() as session:
        actor = resolve_actor(session, user)
        version = get_segment(session, segment_id).version
        return save_and_confirm(session, actor, segment_id, target, expected_version=version)


def _status(database: Database, segment_id: int, status: Status, reason: str = "") -> SegmentChange:
    with database.write() as session:
        return set_status(
            session, resolve_actor(session, "admin"), segment_id, status, reason=reason
        )


def _units(database: Database) -> list[tuple[int | None, int | None, str, str, str, str]]:
    with database.read() as session:
        rows = session.scalars(select(TMUnitRow).order_by(TMUnitRow.id)).all()
        return [
            (r.project_id, r.segment_id, r.source, r.target, r.prev_source, r.next_source)
            for r in rows
        ]


def _segments(database: Database, ids: list[int]) -> list[tuple[str, Status, Origin]]:
    with database.read() as session:
        found = [get_segment(session, i) for i in ids]
        return [(s.target, Status(s.status), Origin(s.origin)) for s in found]


def test_review_captures_one_unit_per_segment_with_its_context(any_db: Database) -> None:
    project_id, ids = seed_project(any_db, SOURCES)
    _confirm(any_db, ids[1], "Hello, everyone.")
    assert _units(any_db) == []  # translated is not yet in the TM
    reviewed = _status(any_db, ids[1], Status.REVIEWED).report(TMCaptureReport)
    assert reviewed is not None and reviewed.units_written == 1
    expected = (project_id, ids[1], HELLO, "Hello, everyone.", "Mở đầu.", "Kết thúc.")
    assert _units(any_db) == [expected]
    _status(any_db, ids[1], Status.APPROVED)
    _status(any_db, ids[1], Status.REVIEWED)  # reopened: still one unit
    assert _units(any_db) == [expected]
    with any_db.write() as session:  # a corrected, re-reviewed translation updates it
        admin = resolve_actor(session, "admin")
        edit_target(session, admin, ids[1], "Hello, all.")
        set_status(session, admin, ids[1], Status.TRANSLATED)
        set_status(session, admin, ids[1], Status.REVIEWED)
    assert _units(any_db) == [expected[:3] + ("Hello, all.",) + expected[4:]]


def test_a_sharing_project_also_writes_the_shared_tm(any_db: Database) -> None:
    project_id, ids = seed_project(any_db, SOURCES)
    with any_db.write() as session:
        project = get_project(session, project_id)
        assert tm_settings(project) == TMSettings(share=False, propagate=True)
        set_tm_settings(session, resolve_actor(session, "admin"), project, share=True)
    _confirm(any_db, ids[0], "Opening.")
    _status(any_db, ids[0], Status.REVIEWED)
    _status(any_db, ids[0], Status.APPROVED)
    owners = sorted((unit[0] is None, unit[1], unit[3]) for unit in _units(any_db))
    assert owners == [(False, ids[0], "Opening."), (True, ids[0], "Opening.")]
    with any_db.read() as session:
        counts = count_units(session, get_project(session, project_id))
    assert counts == TMCounts(project_units=1, shared_units=1)


def test_rejection_removes_the_units_of_the_segment(any_db: Database) -> None:
    _, ids = seed_project(any_db, SOURCES)
    _confirm(any_db, ids[0], "Opening.")
    _status(any_db, ids[0], Status.REVIEWED)
    assert len(_units(any_db)) == 1
    rejected = _status(any_db, ids[0], Status.REJECTED, reason="wrong tense")
    assert rejected.report(TMCaptureReport) == TMCaptureReport(ids[0], units_removed=1)
    assert _units(any_db) == []


def test_confirming_fills_untranslated_repeats_in_the_same_transaction(any_db: Database) -> None:
    project_id, ids = seed_project(any_db, SOURCES)
    add_users(any_db)
    with any_db.write() as session:
        admin = resolve_actor(session, "admin")
        # ids[5] is a person's draft and ids[6] a machine draft of the same source.
        edit_target(session, admin, ids[5], "My own draft.")
    with any_db.write() as session:
        segment = session.get(Segment, ids[6])
        assert segment is not None
        apply_fills(session, admin, [store_fill(ids[6], segment.version, "MT text.")])
    with any_db.write() as session:
        tran = resolve_actor(session, "tran")
        change = save_and_confirm(session, tran, ids[1], "Hello, everyone.", expected_version=1)
    # still readable after the transaction (fills expire the session)
    assert change.segment.version == 3
    report = change.report(TMCaptureReport)
    assert report is not None and report.segment_id == ids[1]
    assert report.propagation is not None
    assert report.propagation.filled == [ids[3], ids[4], ids[6]]
    assert report.propagated == repeats_filled(change) == 3
    assert (report.units_written, report.units_removed) == (0, 0)  # translated: not in the TM
    assert _segments(any_db, ids[3:7]) == [
        ("Hello, everyone.", Status.DRAFT, Origin.PROPAGATED),
        ("Hello, everyone.", Status.DRAFT, Origin.PROPAGATED),  # the case differs
        ("My own draft.", Status.DRAFT, Origin.HUMAN),  # a person's draft is left alone
        ("Hello, everyone.", Status.DRAFT, Origin.PROPAGATED),
    ]
    with any_db.read() as session:
        flags = {i: get_segment(session, i).flags[PROPAGATION_FLAG] for i in (ids[3], ids[4])}
        assert flags == {
            ids[3]: {"from": ids[1], "exact_source": True},
            ids[4]: {"from": ids[1], "exact_source": False},
        }
        assert capture.propagated_repeats(session, get_segment(session, ids[1])) == 3
    # Reviewing the confirmed segment leaves the repeats (same text) untouched.
    versions = _versions(any_db, ids[3:7])
    _status(any_db, ids[1], Status.REVIEWED)
    assert _versions(any_db, ids[3:7]) == versions


def store_fill(segment_id: int, version: int, target: str) -> Fill:
    return Fill(segment_id, version, target, Origin.MT, score=0.5)


def _versions(database: Database, ids: list[int]) -> list[int]:
    with database.read() as session:
        return [get_segment(session, i).version for i in ids]


def test_propagation_can_be_turned_off(any_db: Database) -> None:
    project_id, ids = seed_project(any_db, SOURCES)
    with any_db.write() as session:
        set_tm_settings(
            session,
            resolve_actor(session, "admin"),
            get_project(session, project_id),
            propagate=False,
        )
    _confirm(any_db, ids[1], "Hello, everyone.")
    assert _segments(any_db, [ids[3]]) == [("", Status.NEW, Origin.NONE)]


def test_a_repeat_changed_after_it_was_read_is_left_alone(
    any_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Version guard: someone edits a repeat between propagation's read and its write."""
    _, ids = seed_project(any_db, SOURCES)
    real_apply_fills = capture.apply_fills

    def edited_meanwhile(session, actor, fills):  # type: ignore[no-untyped-def]
        fills = list(fills)
        session.execute(
            update(Segment)
            .where(Segment.id == ids[3])
            .values(
                target="Typed meanwhile.", status=int(Status.DRAFT), version=Segment.version + 1
            )
        )
        return real_apply_fills(session, actor, fills)

    monkeypatch.setattr(capture, "apply_fills", edited_meanwhile)
    with any_db.write() as session:
        admin = resolve_actor(session, "admin")
        change = save_and_confirm(session, admin, ids[1], "Hello, everyone.", expected_version=1)
    report = change.report(TMCaptureReport)
    propagation = report.propagation if report else None
    assert propagation is not None
    assert propagation.stale == [ids[3]]
    assert ids[3] not in propagation.filled
    assert _segments(any_db, [ids[3]]) == [("Typed meanwhile.", Status.DRAFT, Origin.NONE)]


def test_a_failed_status_change_keeps_tm_and_repeats_unchanged(any_db: Database) -> None:
    _, ids = seed_project(any_db, SOURCES)
    with pytest.raises(Conflict), any_db.write() as session:
        admin = resolve_actor(session, "admin")
        edit_target(session, admin, ids[1], "Hello, everyone.")
        set_status(session, admin, ids[1], Status.TRANSLATED)  # fills the repeats
        set_status(session, admin, ids[1], Status.REVIEWED, expected_version=1)  # stale
    assert _segments(any_db, [ids[1], ids[3]]) == [
        ("", Status.NEW, Origin.NONE),
        ("", Status.NEW, Origin.NONE),
    ]
    assert _units(any_db) == []
