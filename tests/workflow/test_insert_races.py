"""Two transactions that both read "missing" and both insert store one row, on PostgreSQL.

Each test runs one write path in two threads, each in its own transaction, and holds
both at the insert (a barrier in front of workflow.insert_missing) until both have done
their read: without the unique identity and ON CONFLICT DO NOTHING both would store the
row (or the second would fail with an IntegrityError that ends its transaction). SQLite
runs write transactions one at a time (BEGIN IMMEDIATE), so the race is PostgreSQL's.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from songngu_testing import seed_project
from songngu_testing.qa import finding, qa_project
from sqlalchemy import delete, func, select

from primitives.errors import SongnguError
from primitives.terms import GlossaryEntry
from workflow import glossary, importing, insert_missing, partners, projects, users
from workflow.glossary.store import add_term, import_terms
from workflow.importing import import_document
from workflow.models import (
    Document,
    GlossaryTerm,
    PartnerProfile,
    Project,
    QAIgnore,
    Segment,
    TMUnitRow,
)
from workflow.qa import findings as qa_findings
from workflow.qa.findings import CheckedSegment, ignore_finding, store_findings
from workflow.storage import Database
from workflow.tm import tmx_io
from workflow.tm.model import TMUnit
from workflow.tm.tmx import write_tmx
from workflow.users import OPERATOR, add_user, resolve_actor

pytestmark = pytest.mark.postgres

TERMS = [
    GlossaryEntry("Ủy ban nhân dân", "People's Committee"),
    GlossaryEntry("Sở Y tế", "Department of Health"),
    GlossaryEntry("Bộ Tài chính", "Ministry of Finance"),
]


def _race(
    monkeypatch: pytest.MonkeyPatch,
    module: Any,
    database: Database,
    write: Callable[[Any], Any],
) -> list[Any]:
    """Run write(session) in two threads held together at module's insert_missing; each
    thread's result (or the SongnguError it raised), in thread order."""
    barrier = threading.Barrier(2, timeout=30)
    real = insert_missing.insert_missing

    def held(*args: Any, **kwargs: Any) -> list[Any]:
        barrier.wait()  # both transactions have read "missing" by now
        return real(*args, **kwargs)

    monkeypatch.setattr(module, "insert_missing", held)
    results: list[Any] = [None, None]

    def run(index: int) -> None:
        try:
            with database.write() as session:
                results[index] = write(session)
        except SongnguError as error:
            results[index] = error
        except BaseException as error:  # surfaced by the assertion below, not lost
            results[index] = error
            barrier.abort()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not any(thread.is_alive() for thread in threads), "a racer never finished"
    for result in results:
        assert not isinstance(result, BaseException) or isinstance(result, SongnguError), result
    return results


def _count(database: Database, model: Any, *where: Any) -> int:
    with database.read() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def _errors(results: list[Any]) -> list[SongnguError]:
    return [result for result in results if isinstance(result, SongnguError)]


def test_two_glossary_imports_at_once_store_each_term_once(
    postgres_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_project(postgres_db, ["Xin chào."])

    def imports(session: Any) -> Any:
        actor, project = resolve_actor(session, "admin"), projects.get_project(session, "P")
        return import_terms(session, actor, project, TERMS, scope="project")

    first, second = _race(monkeypatch, glossary.store, postgres_db, imports)
    assert _count(postgres_db, GlossaryTerm) == len(TERMS)
    outcomes = sorted([first, second], key=lambda outcome: outcome.added)
    assert [(o.added, o.unchanged, o.updated) for o in outcomes] == [(0, 3, 0), (3, 0, 0)]


def test_a_concurrent_import_of_a_changed_term_updates_the_one_stored(
    postgres_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_project(postgres_db, ["Xin chào."])
    noted = [GlossaryEntry("Ủy ban nhân dân", "People's Committee", note="the executive")]
    batches = iter([TERMS[:1], noted])
    lock = threading.Lock()

    def imports(session: Any) -> Any:
        with lock:
            entries = next(batches)
        actor, project = resolve_actor(session, "admin"), projects.get_project(session, "P")
        return import_terms(session, actor, project, entries, scope="project")

    _race(monkeypatch, glossary.store, postgres_db, imports)
    with postgres_db.read() as session:
        (row,) = session.scalars(select(GlossaryTerm))
    # One row; whichever import came second either added the note or found it there.
    assert row.source == "Ủy ban nhân dân" and row.version in (1, 2)


def test_two_adds_of_one_term_at_once_store_it_once_and_refuse_the_other(
    postgres_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_project(postgres_db, ["Xin chào."])

    def adds(session: Any) -> Any:
        actor, project = resolve_actor(session, "admin"), projects.get_project(session, "P")
        return add_term(session, actor, project, TERMS[0], scope="project")

    results = _race(monkeypatch, glossary.store, postgres_db, adds)
    assert [error.code for error in _errors(results)] == ["glossary.duplicate_term"]
    assert _count(postgres_db, GlossaryTerm) == 1


def test_two_projects_of_one_name_at_once_make_one(
    postgres_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    results = _race(
        monkeypatch,
        projects,
        postgres_db,
        lambda session: projects.create_project(session, resolve_actor(session, "admin"), "Q").id,
    )
    assert [error.code for error in _errors(results)] == ["project.exists"]
    assert _count(postgres_db, Project, Project.name == "Q") == 1


def test_two_accounts_of_one_name_at_once_make_one(
    postgres_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    results = _race(
        monkeypatch,
        users,
        postgres_db,
        lambda session: add_user(session, OPERATOR, "lan", "translator", "a long password 1").id,
    )
    assert [error.code for error in _errors(results)] == ["user.exists"]
    with postgres_db.read() as session:
        assert session.scalar(select(func.count()).where(users.User.name == "lan")) == 1


def test_two_processes_seeding_one_new_database_store_each_profile_once(
    postgres_db_without_users: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with postgres_db_without_users.write() as session:
        session.execute(delete(PartnerProfile))  # a new database, before its first seed
    _race(monkeypatch, partners, postgres_db_without_users, partners.ensure_shipped_profiles)
    assert _count(postgres_db_without_users, PartnerProfile) == len(partners.shipped_profiles())


def test_two_people_setting_one_finding_aside_at_once_keep_the_first_reason(
    postgres_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    project_id, ids = qa_project(postgres_db)
    with postgres_db.write() as session:
        version = session.get(Segment, ids[0]).version
        store_findings(session, [CheckedSegment(ids[0], version, [finding()])], "qa")
        (stored,) = qa_findings.segment_findings(session, ids[0])
    reasons = iter(["first", "second"])
    lock = threading.Lock()

    def ignores(session: Any) -> Any:
        with lock:
            reason = next(reasons)
        actor, project = resolve_actor(session, "admin"), projects.get_project(session, project_id)
        return ignore_finding(session, actor, project, ids[0], stored.signature, reason)

    results = _race(monkeypatch, qa_findings, postgres_db, ignores)
    assert [error.code for error in _errors(results)] == ["qa.already_ignored"]
    assert _count(postgres_db, QAIgnore) == 1


def test_two_imports_of_one_new_title_at_once_make_one_document(
    postgres_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_project(postgres_db, ["Xin chào."])

    def imports(session: Any) -> Any:
        actor, project = resolve_actor(session, "admin"), projects.get_project(session, "P")
        return import_document(session, actor, project, "Một câu. Hai câu.".encode(), "new.txt")

    first, second = _race(monkeypatch, importing, postgres_db, imports)
    assert sorted([first.revision, second.revision]) == [1, 2]  # the second re-imports it
    assert _count(postgres_db, Document, Document.title == "new") == 1


def test_two_tmx_imports_at_once_store_each_unit_once(
    postgres_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_project(postgres_db, ["Xin chào."])
    data = write_tmx(
        [TMUnit("Xin chào.", "Hello."), TMUnit("Tạm biệt.", "Goodbye.")], tool_version="1"
    )

    def imports(session: Any) -> Any:
        actor, project = resolve_actor(session, "admin"), projects.get_project(session, "P")
        return tmx_io.import_tmx(session, actor, project, data, "mem.tmx")

    first, second = _race(monkeypatch, tmx_io, postgres_db, imports)
    assert _count(postgres_db, TMUnitRow) == 2
    assert sorted([first.added, second.added]) == [0, 2]
    assert sorted([first.duplicates, second.duplicates]) == [0, 2]
