"""Stored findings: a re-check replaces a segment's findings as a whole and only for the
version it checked; signatures and the ignores keyed by them hold across re-checks and
re-imports, and follow the offending text. Both databases."""

from __future__ import annotations

import threading

import pytest
from songngu_testing.qa import TEST_CHECK, finding, qa_project
from sqlalchemy import func, select

from primitives.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from workflow.importing import import_document
from workflow.models import QAFinding, QAIgnore, QASegmentCheck, Segment
from workflow.projects import create_project, get_project
from workflow.qa.findings import (
    CheckedSegment,
    FindingFilter,
    checked_version,
    count_findings,
    ignore_finding,
    list_findings,
    reopen_finding,
    segment_findings,
    store_findings,
)
from workflow.qa.model import Severity
from workflow.segments import edit_target, list_segments
from workflow.storage import Database
from workflow.users import resolve_actor


def _store(database: Database, segment_id: int, *findings, version: int | None = None):
    with database.write() as session:
        seen = version if version is not None else session.get(Segment, segment_id).version
        return store_findings(session, [CheckedSegment(segment_id, seen, findings)], "tester")


def _findings(database: Database, segment_id: int):
    with database.read() as session:
        return segment_findings(session, segment_id)


def test_a_recheck_replaces_the_findings_of_the_segment_as_a_whole(any_db: Database) -> None:
    _, ids = qa_project(any_db)
    outcome = _store(any_db, ids[0], finding(offending="120"), finding(offending="9/8/2022"))
    assert outcome.written == [ids[0]] and outcome.moved_on == []
    first = _findings(any_db, ids[0])
    assert [f.offending for f in first] == ["120", "9/8/2022"]
    assert first[0].message == {"vi": "Sai: «120».", "en": "Wrong: «120»."}
    assert (first[0].source_span, first[0].target_span) == ((0, 3), None)
    assert first[0].signature == finding(offending="120").signature(ids[0])

    _store(any_db, ids[0], finding(offending="120"))  # the date was fixed
    again = _findings(any_db, ids[0])
    assert [f.offending for f in again] == ["120"]
    assert again[0].signature == first[0].signature  # same segment, check, text
    _store(any_db, ids[0])  # everything fixed: no rows, but checked
    assert _findings(any_db, ids[0]) == []
    with any_db.read() as session:
        assert checked_version(session, ids[0]) == 1
        assert session.scalar(select(func.count()).select_from(QASegmentCheck)) == 1


def test_findings_for_a_version_the_segment_left_are_not_stored(any_db: Database) -> None:
    _, ids = qa_project(any_db)
    _store(any_db, ids[0], finding(offending="120"))
    with any_db.write() as session:
        edit_target(session, resolve_actor(session, "admin"), ids[0], "A new text.")
    # A job that read version 1 before the edit must not put its findings back.
    outcome = _store(any_db, ids[0], finding(offending="stale"), version=1)
    assert outcome.written == [] and outcome.moved_on == [ids[0]]
    assert "stale" not in [f.offending for f in _findings(any_db, ids[0])]
    with any_db.read() as session:
        assert checked_version(session, ids[0]) == 2  # the edit's own check


def test_the_most_severe_come_first_and_filters_narrow_the_list(any_db: Database) -> None:
    project_id, ids = qa_project(any_db)
    _store(any_db, ids[0], finding("a-note", "x", Severity.INFO), finding("an-error", "y"))
    _store(any_db, ids[1], finding("a-warning", "z", Severity.WARNING))
    with any_db.read() as session:
        project = get_project(session, project_id)
        assert [f.check for f in list_findings(session, project)] == [
            "an-error",
            "a-warning",
            "a-note",
        ]
        assert [f.check for f in segment_findings(session, ids[0])] == ["an-error", "a-note"]
        warnings = FindingFilter(severity=Severity.WARNING)
        assert [f.segment_id for f in list_findings(session, project, warnings)] == [ids[1]]
        assert count_findings(session, project, FindingFilter(check="a-note")) == 1
        assert list_findings(session, project, limit=1, offset=1)[0].check == "a-warning"


def test_an_ignore_outlives_rechecks_and_ends_when_the_offending_text_changes(
    any_db: Database,
) -> None:
    project_id, ids = qa_project(any_db)
    _store(any_db, ids[0], finding(offending="9/8/2022"))
    (stored,) = _findings(any_db, ids[0])
    with any_db.write() as session:
        ed = resolve_actor(session, "ed")
        project = get_project(session, project_id)
        ignored = ignore_finding(
            session, ed, project, ids[0], stored.signature, "  the  partner wants it so "
        )
    assert ignored.ignored is not None and not ignored.is_open
    assert (ignored.ignored.by, ignored.ignored.reason, ignored.ignored.kind) == (
        "ed",
        "the partner wants it so",
        "ignore",
    )
    for _ in range(2):  # re-checks find the same problem in the same text
        _store(any_db, ids[0], finding(offending="9/8/2022"))
        (again,) = _findings(any_db, ids[0])
        assert again.ignored is not None
    _store(any_db, ids[0], finding(offending="9/8/2023"))  # the offending text changed
    (changed,) = _findings(any_db, ids[0])
    assert changed.is_open
    with any_db.read() as session:
        project = get_project(session, project_id)
        assert count_findings(session, project) == 1
        assert count_findings(session, project, FindingFilter(include_ignored=True)) == 1
    _store(any_db, ids[0], finding(offending="9/8/2022"))  # and back: aside again
    assert _findings(any_db, ids[0])[0].ignored is not None


def test_ignores_survive_a_reimport_and_go_with_a_removed_segment(any_db: Database) -> None:
    project_id, _ = qa_project(any_db)
    text = "Câu thứ nhất có số 9/8/2022.\n\nCâu thứ hai.\n\nCâu thứ ba.\n"
    with any_db.write() as session:
        admin = resolve_actor(session, "admin")
        import_document(session, admin, get_project(session, project_id), text.encode(), "r.txt")
        first, second, third = list_segments(session, get_project(session, project_id))[-3:]
    _store(any_db, first.id, finding(offending="9/8/2022"))
    _store(any_db, third.id, finding(offending="ba"))
    with any_db.write() as session:
        project = get_project(session, project_id)
        ed = resolve_actor(session, "ed")
        for segment_id, offending in ((first.id, "9/8/2022"), (third.id, "ba")):
            signature = finding(offending=offending).signature(segment_id)
            ignore_finding(session, ed, project, segment_id, signature, "checked by hand")

    changed = "Câu thứ nhất có số 9/8/2022.\n\nCâu thứ hai đã sửa.\n"  # the third is gone
    with any_db.write() as session:
        admin = resolve_actor(session, "admin")
        outcome = import_document(
            session, admin, get_project(session, project_id), changed.encode(), "r.txt"
        )
        assert (outcome.revision, outcome.removed) == (2, 1)
        kept = list_segments(
            session, get_project(session, project_id), document_id=outcome.document_id
        )
    assert kept[0].id == first.id  # re-import keeps the id
    _store(any_db, first.id, finding(offending="9/8/2022"))  # QA after the re-import
    assert _findings(any_db, first.id)[0].ignored is not None
    with any_db.read() as session:
        assert session.scalar(select(func.count()).select_from(QAIgnore)) == 1  # third's went
        assert (
            session.scalar(
                select(func.count()).select_from(QAFinding).where(QAFinding.segment_id == third.id)
            )
            == 0
        )


def test_who_may_set_a_finding_aside_and_with_what(any_db: Database) -> None:
    project_id, ids = qa_project(any_db)
    _store(any_db, ids[0], finding(offending="E"), finding("a-warning", "W", Severity.WARNING))
    error, warning = _findings(any_db, ids[0])
    with any_db.write() as session:
        project = get_project(session, project_id)
        tran, ed = resolve_actor(session, "tran"), resolve_actor(session, "ed")
        with pytest.raises(PermissionDenied) as denied:
            ignore_finding(session, tran, project, ids[0], error.signature, "looks fine")
        assert denied.value.code == "qa.override_not_allowed"
        assert denied.value.params["roles"] == "editor, admin"
        with pytest.raises(InvalidInput) as missing:
            ignore_finding(session, ed, project, ids[0], error.signature, "   ")
        assert missing.value.code == "qa.reason_missing"
        with pytest.raises(InvalidInput) as long:
            ignore_finding(session, ed, project, ids[0], error.signature, "x" * 1001)
        assert long.value.code == "qa.reason_too_long"
        with pytest.raises(InvalidInput) as control:
            ignore_finding(session, ed, project, ids[0], error.signature, "ok\x00")
        assert str(control.value) == "the reason contains the control character U+0000: remove it"
        with pytest.raises(NotFound) as gone:
            ignore_finding(session, ed, project, ids[0], "0" * 40, "why")
        assert gone.value.code == "qa.finding_gone"
        ignore_finding(session, tran, project, ids[0], warning.signature, "a name, kept")
        ignore_finding(session, ed, project, ids[0], error.signature, "checked with the author")
        with pytest.raises(Conflict) as twice:
            ignore_finding(session, ed, project, ids[0], error.signature, "again")
        assert twice.value.code == "qa.already_ignored"
        assert twice.value.params["user"] == "ed"
        reopened = reopen_finding(session, tran, project, ids[0], error.signature)
        assert reopened.is_open
        with pytest.raises(Conflict) as not_aside:
            reopen_finding(session, tran, project, ids[0], error.signature)
        assert not_aside.value.code == "qa.not_ignored"


def test_a_finding_of_another_project_is_not_found(any_db: Database) -> None:
    _, ids = qa_project(any_db)
    with any_db.write() as session:
        other = create_project(session, resolve_actor(session, "admin"), "Other")
    _store(any_db, ids[0], finding())
    with any_db.write() as session, pytest.raises(NotFound):
        ignore_finding(
            session,
            resolve_actor(session, "ed"),
            get_project(session, other.id),
            ids[0],
            finding().signature(ids[0]),
            "why",
        )


def test_a_segment_being_saved_is_skipped_not_waited_for(postgres_db: Database) -> None:
    """PostgreSQL: the job's guarded write skips a row another transaction holds."""
    _, ids = qa_project(postgres_db)
    holding, release = threading.Event(), threading.Event()

    def save_slowly() -> None:
        with postgres_db.write() as session:
            edit_target(session, resolve_actor(session, "admin"), ids[0], "Slow save.")
            holding.set()
            release.wait(30)

    saver = threading.Thread(target=save_slowly)
    saver.start()
    assert holding.wait(30)
    try:
        outcome = _store(postgres_db, ids[0], finding(), version=1)
        assert outcome.written == [] and outcome.moved_on == [ids[0]]
    finally:
        release.set()
        saver.join(30)
    with postgres_db.read() as session:
        assert checked_version(session, ids[0]) == 2  # the save checked its own text
    assert TEST_CHECK not in [f.check for f in _findings(postgres_db, ids[0])]
