"""Backup, restore and migrate-db against real databases: back up, change, restore,
compare every table; copy a seeded SQLite office into an empty PostgreSQL database."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from songngu_testing.office import seed_office, table_rows
from songngu_testing.users import ADMIN
from sqlalchemy import select

from primitives.errors import Conflict, InvalidInput, PermissionDenied
from primitives.terms import GlossaryEntry
from workflow.glossary.store import add_term
from workflow.models import AuditEvent, Segment
from workflow.operations import backup, migrate_to, restore
from workflow.permissions import Role
from workflow.projects import create_project, get_project
from workflow.segments import edit_target
from workflow.storage import Database, open_database
from workflow.users import Actor

TRANSLATOR = Actor("tran", Role.TRANSLATOR)


def _without_audit(rows: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The tables but the audit log, which gains the restore's own record."""
    return {name: value for name, value in rows.items() if name != "audit_events"}


def _change(database: Database, segment_id: int) -> None:
    with database.write() as session:
        edit_target(session, ADMIN, segment_id, "Changed after the backup.")
        create_project(session, ADMIN, "Added after the backup", None)


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_back_up_change_restore_gives_every_table_back(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    database: Database = request.getfixturevalue(
        "sqlite_db_without_users" if backend == "sqlite" else "postgres_db_without_users"
    )
    ids = seed_office(database)
    out = tmp_path / "office.backup"
    assert backup(database, ADMIN, out) > 0
    backed_up = table_rows(database)  # the backup's own audit record included
    assert backed_up["audit_events"][-1]["action"] == "backup"
    _change(database, ids["segment"])
    assert _without_audit(table_rows(database)) != _without_audit(backed_up)

    restored = restore(database, ADMIN, out)

    after = table_rows(restored)
    assert _without_audit(after) == _without_audit(backed_up)
    assert after["audit_events"][:-1] == backed_up["audit_events"]
    assert after["audit_events"][-1]["action"] == "restore"
    assert all(after[name] for name in ("segments", "revisions", "comments", "tm_units"))


def test_backup_refuses_existing_file_unless_forced_and_non_admins(
    sqlite_db: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    out = folder / "b.db"
    out.write_bytes(b"keep me")
    with pytest.raises(InvalidInput) as refused:
        backup(sqlite_db, ADMIN, out)
    assert refused.value.code == "operations.backup_exists"
    assert out.read_bytes() == b"keep me"
    with pytest.raises(PermissionDenied):
        backup(sqlite_db, TRANSLATOR, folder / "other.db")
    backup(sqlite_db, ADMIN, out, force=True)
    # SQLite's online backup, or on the PostgreSQL half pg_dump's custom format.
    assert out.read_bytes().startswith(b"SQLite format 3\x00" if sqlite_db.is_sqlite else b"PGDMP")
    assert [p.name for p in folder.iterdir()] == ["b.db"]  # no temporary file left


@pytest.mark.sqlite_only(reason="SQLite's online backup, read back with sqlite3")
def test_sqlite_backup_is_consistent_while_another_connection_writes(
    sqlite_db: Database, tmp_path: Path
) -> None:
    """A writer commits projects in pairs; every backup holds an even number of them."""
    stop = threading.Event()

    def write_pairs() -> None:
        index = 0
        while not stop.is_set():
            with sqlite_db.write() as session:
                create_project(session, ADMIN, f"a{index}", None)
                create_project(session, ADMIN, f"b{index}", None)
            index += 1

    writer = threading.Thread(target=write_pairs)
    writer.start()
    try:
        counts = []
        for attempt in range(5):
            out = tmp_path / f"b{attempt}.db"
            backup(sqlite_db, ADMIN, out)
            with sqlite3.connect(out) as copy:
                assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
                counts.append(copy.execute("SELECT count(*) FROM projects").fetchone()[0])
    finally:
        stop.set()
        writer.join()
    assert all(count % 2 == 0 for count in counts), counts
    assert counts[-1] > 0


@pytest.mark.sqlite_only(reason="the backups it refuses are SQLite files")
def test_restore_refuses_what_is_not_a_songngu_database(
    sqlite_db: Database, tmp_path: Path
) -> None:
    text_file = tmp_path / "notes.txt"
    text_file.write_text("not a database")
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE t (x)")
    future = tmp_path / "future.db"
    backup(sqlite_db, ADMIN, future)
    with sqlite3.connect(future) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    cases = {
        tmp_path / "missing.db": "operations.backup_unreadable",
        text_file: "operations.not_songngu_backup",
        other: "operations.not_songngu_backup",
        future: "operations.not_songngu_backup",
    }
    for path, code in cases.items():
        with pytest.raises(InvalidInput) as refused:
            restore(sqlite_db, ADMIN, path)
        assert refused.value.code == code, path
    with open_database().read() as session:
        actions = session.scalars(select(AuditEvent.action)).all()
    assert "restore" not in actions and "backup" in actions


def test_postgres_restore_refuses_a_sqlite_file(postgres_db: Database, tmp_path: Path) -> None:
    other = tmp_path / "sqlite.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE t (x)")
    with pytest.raises(InvalidInput) as refused:
        restore(postgres_db, ADMIN, other)
    assert refused.value.code == "operations.not_songngu_backup"


@pytest.mark.sqlite_only(reason="migrate-db moves an office's SQLite database")
def test_migrate_db_copies_every_table_and_the_copy_is_usable(
    sqlite_db_without_users: Database, empty_postgres: str
) -> None:
    source = sqlite_db_without_users
    ids = seed_office(source)
    before = table_rows(source)

    counts = migrate_to(source, ADMIN, empty_postgres)

    assert {count.table: count.rows for count in counts} == {
        name: len(rows) for name, rows in before.items()
    }
    assert [name for name in before if not before[name]] == []
    target = open_database(empty_postgres)
    after = table_rows(target)
    assert after["audit_events"][-1]["action"] == "migrate_db"
    after["audit_events"] = after["audit_events"][:-1]
    for name, rows in before.items():
        for old, new in zip(rows, after[name], strict=True):
            assert new == old, (name, {k: (old[k], new[k]) for k in old if old[k] != new[k]})
    # used afterwards: an edit through the version guard, and new rows get fresh ids
    with target.write() as session:
        segment = session.get(Segment, ids["segment"])
        edit_target(
            session,
            ADMIN,
            ids["segment"],
            "Edited on PostgreSQL.",
            expected_version=segment.version,
        )
        stale = segment.version - 1
        with pytest.raises(Conflict):
            edit_target(session, ADMIN, ids["segment"], "Stale edit.", expected_version=stale)
    with target.write() as session:  # a new row's id follows the copied ones (sequences)
        project = get_project(session, str(ids["project"]))
        added = add_term(session, ADMIN, project, GlossaryEntry("Hà Nội", "Hanoi"), scope="project")
        assert added.id > max(row["id"] for row in before["glossary_terms"])
    with target.read() as session:
        assert session.get(Segment, ids["segment"]).target == "Edited on PostgreSQL."


@pytest.mark.sqlite_only(reason="migrate-db moves an office's SQLite database")
def test_migrate_db_refuses_a_non_empty_target_and_a_bad_url(
    sqlite_db: Database, postgres_db: Database
) -> None:
    with pytest.raises(InvalidInput) as refused:
        migrate_to(sqlite_db, ADMIN, postgres_db.url)
    assert refused.value.code == "operations.target_not_empty"
    with pytest.raises(InvalidInput) as refused:
        migrate_to(sqlite_db, ADMIN, "mysql://x@y/z")
    assert refused.value.code == "operations.migrate_target_not_postgresql"
    with pytest.raises(PermissionDenied):
        migrate_to(sqlite_db, TRANSLATOR, postgres_db.url)
