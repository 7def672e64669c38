"""The audit log: each recorded action leaves one record in its own transaction (none when
refused), with who, the face and the object; only admins read it, filtered."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from songngu_testing import TEST_PASSWORD, add_users, seed_project
from sqlalchemy import select

from primitives.errors import InvalidInput, PermissionDenied
from primitives.statuses import Status
from primitives.terms import GlossaryEntry
from workflow.audit import (
    AuditAction,
    AuditFilter,
    Face,
    acting_from,
    event_row,
    list_events,
    parse_moment,
)
from workflow.auth import create_first_admin, sign_in_with_password
from workflow.exports import ExportRequest, build_export, record_export
from workflow.glossary.store import add_term, delete_term, edit_term, import_terms
from workflow.model_packages import install_model, remove_model
from workflow.models import AuditEvent
from workflow.projects import get_project
from workflow.segments import edit_target, set_status
from workflow.storage import Database
from workflow.users import OPERATOR, change_role, resolve_actor, set_disabled, set_password

ALL = AuditFilter()


def _events(database: Database) -> list[dict[str, object]]:
    """Every record, oldest first, without ids and moments."""
    with database.read() as session:
        rows = [event_row(event) for event in list_events(session, OPERATOR, ALL)]
    for row in rows:
        del row["id"], row["at"]
    return rows[::-1]


def _actions(database: Database) -> list[str]:
    return [str(row["action"]) for row in _events(database)]


def test_sign_ins_and_failed_sign_ins_are_recorded(sqlite_db: Database) -> None:
    add_users(sqlite_db, "tran")
    sign_in_with_password(sqlite_db, "tran", TEST_PASSWORD)
    with pytest.raises(PermissionDenied):
        sign_in_with_password(sqlite_db, "tran", "not the password")
    with pytest.raises(PermissionDenied):
        sign_in_with_password(sqlite_db, "nobody", "whatever it is")
    events = [row for row in _events(sqlite_db) if str(row["action"]).startswith("sign_in")]
    assert [(row["user"], row["action"], row["detail"]) for row in events] == [
        ("tran", "sign_in", "password"),
        ("tran", "sign_in_failed", "password: auth.bad_credentials"),
        ("nobody", "sign_in_failed", "password: auth.bad_credentials"),
    ]
    assert {row["face"] for row in events} == {"cli"}  # no face said otherwise


def test_first_admin_is_recorded_as_added_and_signed_in(sqlite_db_without_users: Database) -> None:
    with sqlite_db_without_users.write() as session:
        create_first_admin(session, "lan", "a long passphrase")
    assert [(row["user"], row["action"]) for row in _events(sqlite_db_without_users)] == [
        ("lan", "user_add"),
        ("lan", "sign_in"),
    ]


def test_user_changes_are_recorded_with_what_changed(sqlite_db: Database) -> None:
    add_users(sqlite_db, "tran")
    with sqlite_db.write() as session:
        admin = resolve_actor(session, "admin")
        change_role(session, admin, "tran", "reviewer")
        set_password(session, admin, "tran", "another long passphrase")
        set_disabled(session, admin, "tran", True)
        set_disabled(session, admin, "tran", False)
    rows = [row for row in _events(sqlite_db) if row["object_id"] == "tran"]
    assert [(row["user"], row["action"], row["detail"]) for row in rows] == [
        ("local-operator", "user_add", "role translator"),
        ("admin", "user_role", "translator → reviewer"),
        ("admin", "user_password", ""),
        ("admin", "user_disable", ""),
        ("admin", "user_enable", ""),
    ]
    # the password itself is never in the log
    assert not any("another long passphrase" in str(row) for row in _events(sqlite_db))


def test_a_refused_change_records_nothing(sqlite_db: Database) -> None:
    add_users(sqlite_db, "tran")
    before = _events(sqlite_db)
    with pytest.raises(InvalidInput), sqlite_db.write() as session:
        # the last admin who can sign in may not stop being one: refused, rolled back
        change_role(session, resolve_actor(session, "admin"), "admin", "editor")
    with pytest.raises(PermissionDenied), sqlite_db.write() as session:
        change_role(session, resolve_actor(session, "tran"), "tran", "admin")
    assert _events(sqlite_db) == before


def test_glossary_changes_are_recorded_in_the_project(sqlite_db: Database) -> None:
    project_id, _ = seed_project(sqlite_db, ["Xin chào."])
    with sqlite_db.write() as session:
        project = get_project(session, project_id)
        term = add_term(
            session,
            OPERATOR,
            project,
            GlossaryEntry("Bộ Tài chính", "Ministry of Finance"),
            scope="project",
        )
        edited = edit_term(
            session,
            OPERATOR,
            project,
            term.id,
            GlossaryEntry("Bộ Tài chính", "the Ministry of Finance"),
            expected_version=term.version,
        )
        delete_term(session, OPERATOR, project, term.id, expected_version=edited.version)
        import_terms(
            session, OPERATOR, project, [GlossaryEntry("Hà Nội", "Hanoi")], scope="project"
        )
    rows = [row for row in _events(sqlite_db) if str(row["action"]).startswith("glossary")]
    assert [(row["action"], row["project_id"], row["detail"]) for row in rows] == [
        ("glossary_add", project_id, "project: Bộ Tài chính → Ministry of Finance"),
        ("glossary_edit", project_id, "project: Bộ Tài chính → the Ministry of Finance"),
        ("glossary_delete", project_id, "project: Bộ Tài chính → the Ministry of Finance"),
        ("glossary_import", project_id, "project: 1 added, 0 updated, 0 unchanged, 0 skipped"),
    ]
    assert rows[0]["object_id"] == rows[2]["object_id"] == str(term.id)


def test_approvals_reopenings_and_exports_are_recorded(sqlite_db: Database) -> None:
    project_id, (segment_id,) = seed_project(sqlite_db, ["Xin chào."])
    with sqlite_db.write() as session:
        edit_target(session, OPERATOR, segment_id, "Hello.")
        for status in (Status.TRANSLATED, Status.REVIEWED, Status.APPROVED):
            set_status(session, OPERATOR, segment_id, status)
        set_status(session, OPERATOR, segment_id, Status.REVIEWED, reason="a late correction")
        project = get_project(session, project_id)
        exported = build_export(session, OPERATOR, project, ExportRequest("xliff12"))
        record_export(session, OPERATOR, project, exported)
    rows = [row for row in _events(sqlite_db) if row["action"] in {"approve", "reopen", "export"}]
    assert [(row["action"], row["object_type"], row["object_id"]) for row in rows] == [
        ("approve", "segment", str(segment_id)),
        ("reopen", "segment", str(segment_id)),
        ("export", "export", exported.export_id),
    ]
    assert rows[1]["detail"] == "a late correction"
    assert rows[2]["detail"].startswith(f"xliff12: {exported.filename}")
    assert {row["project_id"] for row in rows} == {project_id}


def test_the_face_is_the_one_acting(sqlite_db: Database) -> None:
    add_users(sqlite_db, "tran")
    with acting_from(Face.WORKER):
        sign_in_with_password(sqlite_db, "tran", TEST_PASSWORD)
    with acting_from(Face.APP):
        sign_in_with_password(sqlite_db, "tran", TEST_PASSWORD)
    sign_in_with_password(sqlite_db, "tran", TEST_PASSWORD)
    faces = [row["face"] for row in _events(sqlite_db) if row["action"] == "sign_in"]
    assert faces == ["worker", "app", "cli"]


def test_model_installs_and_removals_are_admin_only_and_recorded(
    sqlite_db: Database, tiny_package_file: Path, tmp_path: Path
) -> None:
    add_users(sqlite_db, "ed")
    with sqlite_db.read() as session:
        editor = resolve_actor(session, "ed")
    folder = tmp_path / "packages"
    with pytest.raises(PermissionDenied):
        install_model(sqlite_db, editor, tiny_package_file, directory=folder)
    assert not folder.exists() or not any(folder.iterdir())
    package = install_model(sqlite_db, OPERATOR, tiny_package_file, directory=folder)
    with pytest.raises(PermissionDenied):
        remove_model(sqlite_db, editor, package.name, directory=folder)
    assert package.path.exists()
    remove_model(sqlite_db, OPERATOR, package.name, directory=folder)
    rows = [row for row in _events(sqlite_db) if str(row["action"]).startswith("model")]
    assert [(row["action"], row["object_id"]) for row in rows] == [
        ("model_install", package.name),
        ("model_remove", package.name),
    ]


def test_only_admins_read_the_log(sqlite_db: Database) -> None:
    add_users(sqlite_db)
    for name in ("tran", "rev", "ed"):
        with sqlite_db.read() as session, pytest.raises(PermissionDenied) as refused:
            list_events(session, resolve_actor(session, name), ALL)
        assert refused.value.code == "permission.denied"
    with sqlite_db.read() as session:
        assert list_events(session, resolve_actor(session, "admin"), ALL)


def test_filters_by_user_action_dates_and_project(sqlite_db: Database) -> None:
    first, _ = seed_project(sqlite_db, ["Một."], name="A")
    second, _ = seed_project(sqlite_db, ["Hai."], name="B")
    with sqlite_db.write() as session:
        admin = resolve_actor(session, "admin")
        for project_id, source in ((first, "Một"), (second, "Hai")):
            add_term(
                session,
                admin,
                get_project(session, project_id),
                GlossaryEntry(source, source),
                scope="project",
            )
    with sqlite_db.write() as session:  # one record moved to last week
        event = session.scalars(select(AuditEvent).where(AuditEvent.project_id == first)).one()
        event.at = datetime.now(UTC) - timedelta(days=7)

    def matching(**wanted: object) -> list[int | None]:
        with sqlite_db.read() as session:
            events = list_events(session, OPERATOR, AuditFilter(**wanted))  # type: ignore[arg-type]
            return [event.project_id for event in events]

    assert matching(project_id=second) == [second]
    assert matching(user="admin", action=AuditAction.GLOSSARY_ADD) == [second, first]
    assert matching(user="nobody") == []
    yesterday = datetime.now(UTC) - timedelta(days=1)
    assert matching(action=AuditAction.GLOSSARY_ADD, since=yesterday) == [second]
    assert matching(action=AuditAction.GLOSSARY_ADD, until=yesterday) == [first]
    assert matching(action=AuditAction.GLOSSARY_ADD, limit=1) == [second]


def test_moments_and_actions_parse_or_say_what_to_write() -> None:
    assert parse_moment("2026-12-01") == datetime(2026, 12, 1, tzinfo=UTC)
    assert parse_moment("2026-12-01", end_of_day=True) == datetime(2026, 12, 2, tzinfo=UTC)
    assert parse_moment("2026-12-01T09:30+07:00") == datetime(2026, 12, 1, 2, 30, tzinfo=UTC)
    with pytest.raises(InvalidInput) as bad:
        parse_moment("last tuesday")
    assert bad.value.code == "audit.bad_moment"
    assert AuditAction.parse("Sign-In-Failed") is AuditAction.SIGN_IN_FAILED
    with pytest.raises(InvalidInput) as unknown:
        AuditAction.parse("coffee")
    assert unknown.value.code == "audit.unknown_action"


def test_records_on_postgresql_too(postgres_db: Database) -> None:
    add_users(postgres_db, "tran")
    with pytest.raises(PermissionDenied):
        sign_in_with_password(postgres_db, "tran", "not the password")
    sign_in_with_password(postgres_db, "tran", TEST_PASSWORD)
    since = datetime.now(UTC) - timedelta(minutes=5)
    with postgres_db.read() as session:
        events = list_events(session, OPERATOR, AuditFilter(user="tran", since=since))
    assert [event.action for event in events] == ["sign_in", "sign_in_failed"]
