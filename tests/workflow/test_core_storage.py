"""Migrations, SQLite settings, and two processes writing one SQLite file."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from songngu_testing import seed_project
from sqlalchemy import inspect, text

from primitives.errors import InvalidInput
from workflow.models import Base
from workflow.storage import Database, open_database


def test_migrations_from_empty_to_head_match_the_models(any_db: Database) -> None:
    with any_db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert diff == [], f"models and migrations differ: {diff}"
        tables = set(inspect(connection).get_table_names())
    assert {"projects", "documents", "segments", "revisions", "comments", "jobs", "users"} <= tables


def test_migrating_twice_is_harmless(sqlite_db: Database) -> None:
    sqlite_db.migrate()
    with sqlite_db.read() as session:
        assert session.execute(text("select version_num from alembic_version")).scalar()


@pytest.mark.sqlite_only(reason="SQLite's PRAGMAs")
def test_sqlite_runs_in_wal_with_foreign_keys(sqlite_db: Database) -> None:
    with sqlite_db.read() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA busy_timeout")).scalar() == 10000


@pytest.mark.sqlite_only(reason="SQLite's PRAGMAs")
def test_sqlite_commits_are_durable_and_its_wal_is_checkpointed(sqlite_db: Database) -> None:
    with sqlite_db.read() as session:
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert session.execute(text("PRAGMA wal_autocheckpoint")).scalar() == 1000
        assert session.execute(text("PRAGMA journal_size_limit")).scalar() == 64 * 1024 * 1024


@pytest.mark.sqlite_only(reason="SQLite's one write lock and its busy timeout")
def test_a_writer_kept_waiting_past_the_busy_timeout_tries_again(
    songngu_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3
    import threading
    import time

    from workflow.models import Project

    monkeypatch.setenv("SONGNGU_SQLITE_BUSY_TIMEOUT_MS", "200")
    database = open_database()
    path = database.engine.url.database
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # another process's long write
    threading.Timer(0.6, holder.commit).start()  # longer than one busy timeout
    started = time.monotonic()
    with database.write() as session:  # one BEGIN would fail after 200 ms
        session.add(Project(name="after the wait", partner_id=None))
    assert time.monotonic() - started >= 0.5
    with database.read() as session:
        assert session.query(Project).filter_by(name="after the wait").count() == 1
    # Held for good, the writer gives up after its attempts: one error, bounded in time.
    holder.execute("BEGIN IMMEDIATE")
    started = time.monotonic()
    with pytest.raises(Exception, match="database is locked"):
        with database.write() as session:
            session.add(Project(name="never", partner_id=None))
    assert time.monotonic() - started < 10
    holder.rollback()
    holder.close()


def test_a_malformed_database_url_is_one_clear_error() -> None:
    with pytest.raises(InvalidInput, match="SONGNGU_DATABASE_URL"):
        open_database("nosuchdriver://x")


def _process_writer(url: str, segment_id: int, text_: str, start, results) -> None:  # type: ignore[no-untyped-def]
    from primitives.errors import Conflict
    from workflow.segments import edit_target
    from workflow.storage import open_database as open_db
    from workflow.users import resolve_actor

    database = open_db(url)
    with database.read() as session:
        actor = resolve_actor(session, "admin")
    start.wait()
    try:
        with database.write() as session:
            edit_target(session, actor, segment_id, text_, expected_version=1)
        results.put(("won", text_))
    except Conflict as error:
        results.put(("conflict", error.current_target))


def test_two_processes_on_one_sqlite_file_exactly_one_wins(
    sqlite_db: Database, songngu_home: Path
) -> None:
    _, (seg,) = seed_project(sqlite_db, ["Câu."])
    url = sqlite_db.url
    context = multiprocessing.get_context("spawn")
    start, results = context.Event(), context.Queue()
    env_home = os.environ["SONGNGU_HOME"]
    assert env_home == str(songngu_home)
    processes = [
        context.Process(target=_process_writer, args=(url, seg, f"process {i}", start, results))
        for i in range(2)
    ]
    for process in processes:
        process.start()
    start.set()
    outcomes = [results.get(timeout=60) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    kinds = sorted(kind for kind, _ in outcomes)
    assert kinds == ["conflict", "won"]
    winner = next(t for k, t in outcomes if k == "won")
    loser_saw = next(t for k, t in outcomes if k == "conflict")
    assert loser_saw == winner  # the loser is shown the text that won
    from workflow.segments import get_segment

    with sqlite_db.read() as session:
        assert get_segment(session, seg).target == winner
