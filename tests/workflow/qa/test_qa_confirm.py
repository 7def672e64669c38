"""QA on every save and confirm: findings stored and reported; an open error refuses a
move forward (nothing of it written) unless a role the partner profile allows goes on with
a reason, which is recorded; reopening and rejecting are never refused. Both databases."""

from __future__ import annotations

import threading

import pytest
from songngu_testing.qa import SOURCES, UNTRANSLATED, qa_project, set_partner_settings
from sqlalchemy import func, select

from primitives.errors import InvalidInput, PermissionDenied
from primitives.statuses import Status
from primitives.terms import GlossaryEntry
from workflow.glossary.store import add_term
from workflow.models import QAIgnore, Revision, Segment, TMUnitRow
from workflow.partners import get_partner, parse_setting_value, update_partner
from workflow.projects import get_project
from workflow.qa import project_index
from workflow.qa.confirm import QABlocked, QAReport, recheck_segment
from workflow.qa.findings import checked_version, segment_findings
from workflow.qa.model import Severity
from workflow.qa.project_index import project_consistency, unit_consistency
from workflow.segments import edit_target, save_and_confirm, set_status
from workflow.storage import Database
from workflow.stores import segment_unit
from workflow.users import OPERATOR, resolve_actor


def _edit(database: Database, segment_id: int, target: str, user: str = "tran") -> None:
    with database.write() as session:
        edit_target(session, resolve_actor(session, user), segment_id, target)


def _segment(database: Database, segment_id: int) -> Segment:
    with database.read() as session:
        segment = session.get(Segment, segment_id)
        assert segment is not None
        return segment


def test_an_edit_is_checked_and_its_findings_stored(any_db: Database) -> None:
    _, ids = qa_project(any_db)
    _edit(any_db, ids[0], SOURCES[0])  # the Vietnamese left as it is
    with any_db.read() as session:
        findings = segment_findings(session, ids[0])
        assert checked_version(session, ids[0]) == _segment(any_db, ids[0]).version
    assert [(f.check, f.severity) for f in findings] == [(UNTRANSLATED, Severity.ERROR)]
    assert "not translated" in findings[0].text("en") and findings[0].text("vi")
    _edit(any_db, ids[0], "The conference closed at 5 p.m.")
    with any_db.read() as session:
        assert UNTRANSLATED not in [f.check for f in segment_findings(session, ids[0])]


def test_an_open_error_refuses_the_confirmation_and_nothing_of_it_is_written(
    any_db: Database,
) -> None:
    _, ids = qa_project(any_db)
    _edit(any_db, ids[0], SOURCES[0])
    before = _segment(any_db, ids[0])
    with pytest.raises(QABlocked) as blocked, any_db.write() as session:
        set_status(session, resolve_actor(session, "tran"), ids[0], Status.TRANSLATED)
    error = blocked.value
    assert error.code == "qa.errors_block_status_change"
    assert (error.params["segment_id"], error.params["to_status"], error.params["count"]) == (
        ids[0],
        "translated",
        1,
    )
    assert f"{UNTRANSLATED}: " in str(error) and "\n" not in str(error)
    assert [f.check for f in error.blocking] == [UNTRANSLATED]
    after = _segment(any_db, ids[0])
    assert (after.status, after.version) == (before.status, before.version)
    with any_db.read() as session:
        assert (
            session.scalar(
                select(func.count())
                .select_from(Revision)
                .where(Revision.field == "status", Revision.new == "translated")
            )
            == 0
        )


def test_save_and_confirm_keeps_the_edit_when_qa_refuses_the_confirmation(
    any_db: Database,
) -> None:
    _, ids = qa_project(any_db)
    with any_db.write() as session:
        change = save_and_confirm(
            session, resolve_actor(session, "tran"), ids[0], SOURCES[0], expected_version=1
        )
    assert isinstance(change.refused, QABlocked)
    assert (change.segment.target, Status(change.segment.status)) == (SOURCES[0], Status.DRAFT)
    saved = _segment(any_db, ids[0])
    assert (saved.target, Status(saved.status), saved.version) == (SOURCES[0], Status.DRAFT, 2)
    with any_db.read() as session:  # the edit's findings are stored for the editor to show
        assert [f.check for f in segment_findings(session, ids[0])] == [UNTRANSLATED]


def test_an_allowed_role_goes_past_with_a_reason_and_it_is_recorded(any_db: Database) -> None:
    _, ids = qa_project(any_db)
    _edit(any_db, ids[0], SOURCES[0])
    with pytest.raises(InvalidInput) as too_long, any_db.write() as session:
        ed = resolve_actor(session, "ed")
        set_status(session, ed, ids[0], Status.TRANSLATED, qa_override="x" * 1001)
    assert too_long.value.code == "qa.reason_too_long"
    with any_db.write() as session:
        change = set_status(
            session,
            resolve_actor(session, "ed"),
            ids[0],
            Status.TRANSLATED,
            qa_override="a place name the partner keeps in Vietnamese",
        )
        report = change.report(QAReport)
    assert Status(change.segment.status) is Status.TRANSLATED
    assert report is not None and [f.check for f in report.overridden] == [UNTRANSLATED]
    assert report.errors == ()  # overridden: no longer open
    with any_db.read() as session:
        (record,) = session.scalars(select(QAIgnore)).all()
    assert (record.kind, record.ignored_by, record.check) == ("override", "ed", UNTRANSLATED)
    assert record.reason == "a place name the partner keeps in Vietnamese"
    # Reviewing next needs no override again: the same problem in the same text is aside.
    with any_db.write() as session:
        reviewed = set_status(session, resolve_actor(session, "rev"), ids[0], Status.REVIEWED)
    assert Status(reviewed.segment.status) is Status.REVIEWED


def test_another_role_is_refused_the_override_and_nothing_is_written(any_db: Database) -> None:
    _, ids = qa_project(any_db)
    _edit(any_db, ids[0], SOURCES[0])
    with pytest.raises(PermissionDenied) as denied, any_db.write() as session:
        set_status(
            session, resolve_actor(session, "tran"), ids[0], Status.TRANSLATED, qa_override="ok"
        )
    assert denied.value.code == "qa.override_not_allowed"
    assert (denied.value.params["role"], denied.value.params["roles"]) == (
        "translator",
        "editor, admin",
    )
    assert Status(_segment(any_db, ids[0]).status) is Status.DRAFT
    with any_db.read() as session:
        assert session.scalar(select(func.count()).select_from(QAIgnore)) == 0


def test_the_partner_profile_decides_who_may_go_past(any_db: Database) -> None:
    _, ids = qa_project(any_db)
    set_partner_settings(any_db, qa_override_roles=["translator"])
    _edit(any_db, ids[0], SOURCES[0])
    _edit(any_db, ids[1], SOURCES[1])
    with pytest.raises(PermissionDenied), any_db.write() as session:
        set_status(session, resolve_actor(session, "ed"), ids[0], "translated", qa_override="ok")
    with any_db.write() as session:
        change = set_status(
            session, resolve_actor(session, "tran"), ids[1], "translated", qa_override="a name"
        )
    assert Status(change.segment.status) is Status.TRANSLATED


def test_warnings_and_checks_turned_off_do_not_refuse(any_db: Database) -> None:
    project_id, ids = qa_project(any_db)
    set_partner_settings(any_db, qa_severities={UNTRANSLATED: "warning"})
    _edit(any_db, ids[0], SOURCES[0])
    with any_db.write() as session:
        change = set_status(session, resolve_actor(session, "tran"), ids[0], "translated")
        report = change.report(QAReport)
    assert report is not None
    assert [(f.check, f.severity) for f in report.open] == [(UNTRANSLATED, Severity.WARNING)]
    # The project's own overrides go over the partner's: "off" turns the check off.
    with any_db.write() as session:
        project = get_project(session, project_id)
        project.settings = {**project.settings, "qa_severities": {UNTRANSLATED: "off"}}
    _edit(any_db, ids[1], SOURCES[1])
    with any_db.read() as session:
        checks = {finding.check for finding in segment_findings(session, ids[1])}
    # With the untranslated check off, the other checks are no longer suppressed.
    assert UNTRANSLATED not in checks
    assert "vietnamese-in-target" in checks


def test_reopening_and_rejecting_are_never_refused(any_db: Database) -> None:
    _, ids = qa_project(any_db)
    _edit(any_db, ids[0], "The conference closed at 5 p.m.")
    with any_db.write() as session:
        admin = resolve_actor(session, "admin")
        for status in ("translated", "reviewed", "approved"):
            set_status(session, admin, ids[0], status)
    # The glossary or the checks changed meanwhile: the approved text now has an error.
    set_partner_settings(any_db, qa_severities={UNTRANSLATED: "error"})
    with any_db.write() as session:
        segment = session.get(Segment, ids[0])
        segment.target = SOURCES[0]  # as an older songngu might have left it
    with any_db.write() as session:
        reopened = set_status(session, resolve_actor(session, "ed"), ids[0], "reviewed")
        report = reopened.report(QAReport)
        assert report is not None and [f.check for f in report.errors] == [UNTRANSLATED]
        rejected = set_status(
            session, resolve_actor(session, "rev"), ids[0], "rejected", reason="untranslated"
        )
    assert Status(rejected.segment.status) is Status.REJECTED
    with any_db.read() as session:
        assert session.scalar(select(func.count()).select_from(TMUnitRow)) == 0


def test_a_recheck_finds_what_a_new_setting_says(any_db: Database) -> None:
    project_id, ids = qa_project(any_db)
    set_partner_settings(any_db, qa_severities={UNTRANSLATED: "off"})
    _edit(any_db, ids[0], SOURCES[0])
    set_partner_settings(any_db, qa_severities={})
    with any_db.write() as session:
        report = recheck_segment(
            session, resolve_actor(session, "tran"), get_project(session, project_id), ids[0]
        )
    assert [f.check for f in report.errors] == [UNTRANSLATED]


def test_the_consistency_index_follows_edits_and_rollbacks(any_db: Database) -> None:
    project_id, ids = qa_project(any_db, ["Xin chào.", "Xin chào.", "Tạm biệt."])
    _edit(any_db, ids[0], "Hello.")
    _edit(any_db, ids[2], "Hello.")
    with any_db.read() as session:
        project = get_project(session, project_id)
        index = project_consistency(session, project)
        assert index.other_targets("Xin chào.", "Hi.") == [("Hello.", 1)]
        assert index.other_sources("Xin chào.", "Hello.") == [("Tạm biệt.", 1)]
    with pytest.raises(RuntimeError), any_db.write() as session:
        edit_target(session, resolve_actor(session, "tran"), ids[1], "Hi there.")
        project = get_project(session, project_id)
        inside = project_consistency(session, project)
        assert inside.other_targets("Xin chào.", "Hello.") == [("Hi there.", 1)]
        mine = session.get(Segment, ids[1])
        related = unit_consistency(session, project, segment_unit(mine))
        assert related.other_targets(mine.source, mine.target) == [("Hello.", 1)]
        raise RuntimeError("the transaction fails after the check")
    with any_db.read() as session:
        project = get_project(session, project_id)
        index = project_consistency(session, project)
        assert index.other_targets("Xin chào.", "Hello.") == []  # the rolled-back edit is gone
        first = session.get(Segment, ids[0])
        related = unit_consistency(session, project, segment_unit(first))
        # Just the units related to the first one: its source's and its target's.
        assert related.other_sources(first.source, first.target) == [("Tạm biệt.", 1)]
        assert related.other_targets(first.source, first.target) == []


def test_a_warm_up_keeps_the_units_so_the_first_check_reads_none_again(
    any_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    project_id, ids = qa_project(any_db, ["Xin chào.", "Xin chào.", "Tạm biệt."])
    _edit(any_db, ids[0], "Hello.")
    project_index.forget_project_indexes()
    project_index.warm_in_background(any_db, project_id)
    for thread in threading.enumerate():
        if thread.name == f"qa-units-{project_id}":
            thread.join(timeout=60)
    read_again: list[int] = []
    real_read = project_index.segment_units
    monkeypatch.setattr(
        project_index,
        "segment_units",
        lambda session, segment_ids: (
            read_again.extend(segment_ids) or real_read(session, segment_ids)
        ),
    )
    with any_db.read() as session:
        project = get_project(session, project_id)
        second = session.get(Segment, ids[1])
        related = unit_consistency(session, project, segment_unit(second))
        assert related.other_targets(second.source, "Hi.") == [("Hello.", 1)]
    assert read_again == []  # the warm-up read them; nothing changed since


def test_partner_qa_settings_are_validated(any_db: Database) -> None:
    with any_db.write() as session:
        with pytest.raises(InvalidInput) as role:
            update_partner(session, OPERATOR, "generic", {"qa_override_roles": ["editor", "boss"]})
        assert role.value.code == "partner.unknown_role" and role.value.params["role"] == "boss"
        with pytest.raises(InvalidInput) as policy:
            update_partner(session, OPERATOR, "generic", {"qa_export_policy": "sometimes"})
        assert policy.value.code == "partner.bad_choice"
        roles = parse_setting_value("qa_override_roles", "Reviewer, editor, reviewer")
        update_partner(session, OPERATOR, "generic", {"qa_override_roles": roles})
        assert get_partner(session, "generic").settings["qa_override_roles"] == [
            "reviewer",
            "editor",
        ]
        update_partner(
            session, OPERATOR, "generic", {"qa_override_roles": [], "qa_export_policy": "block"}
        )
        settings = get_partner(session, "generic").settings
        assert (settings["qa_override_roles"], settings["qa_export_policy"]) == ([], "block")


def test_do_not_translate_terms_may_stay_as_they_are(any_db: Database) -> None:
    """The glossary's do-not-translate terms are the words allowed to stay Vietnamese; a
    glossary change is seen by the next check."""
    project_id, ids = qa_project(any_db, ["Bánh mì", "Phở bò"])
    _edit(any_db, ids[0], "Bánh mì")
    with any_db.read() as session:
        assert [f.check for f in segment_findings(session, ids[0])] == [UNTRANSLATED]
    with any_db.write() as session:
        add_term(
            session,
            resolve_actor(session, "admin"),
            get_project(session, project_id),
            GlossaryEntry("Bánh mì", "Bánh mì", status="do-not-translate"),
            scope="project",
        )
    _edit(any_db, ids[0], "Bánh  mì")  # the same words
    _edit(any_db, ids[1], "Phở bò")
    with any_db.read() as session:
        assert UNTRANSLATED not in [f.check for f in segment_findings(session, ids[0])]
        assert [f.check for f in segment_findings(session, ids[1])] == [UNTRANSLATED]


def test_one_problem_found_twice_is_overridden_once(
    any_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two findings with one signature (the same check, the same offending text) share one
    override record."""
    from workflow.qa import context

    _, ids = qa_project(any_db)
    real_check = context.ProjectQA.check

    def twice(self, unit, document_date):  # type: ignore[no-untyped-def]
        found = real_check(self, unit, document_date)
        return found + found

    monkeypatch.setattr(context.ProjectQA, "check", twice)
    _edit(any_db, ids[0], SOURCES[0])
    with any_db.write() as session:
        change = set_status(
            session, resolve_actor(session, "ed"), ids[0], "translated", qa_override="a name"
        )
        report = change.report(QAReport)
    assert report is not None and len(report.overridden) == 2 and report.errors == ()
    with any_db.read() as session:
        assert session.scalar(select(func.count()).select_from(QAIgnore)) == 1
