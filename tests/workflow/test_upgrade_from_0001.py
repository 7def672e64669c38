"""A database made by the first songngu (migration 0001), rows written with raw SQL against
that schema, upgraded to head: the rows survive and today's code reads them."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from songngu_testing import run_cli
from sqlalchemy import create_engine, text

from primitives.statuses import Origin, Status
from workflow import settings
from workflow.jobs import list_jobs
from workflow.projects import get_project
from workflow.segments import list_comments, list_revisions, list_segments
from workflow.storage import Database, forget_databases, open_database
from workflow.users import get_user

_ROWS_0001 = [
    "INSERT INTO partner_profiles (id, name, settings, updated_at) "
    "VALUES (1, 'generic', '{}', :at)",
    "INSERT INTO users (id, name, display_name, role, created_at) "
    "VALUES (1, 'lan', 'Nguyễn Thị Lan', 'reviewer', :at)",
    "INSERT INTO projects (id, name, source_lang, target_lang, partner_id, settings, "
    "created_at, updated_at) VALUES (1, 'Báo cáo 2026', 'vi', 'en', 1, '{}', :at, :at)",
    "INSERT INTO documents (id, project_id, title, filename, format, original, revision, "
    "imported_at, meta, repair_report) VALUES (1, 1, 'bao-cao', 'bao-cao.txt', 'txt', "
    ":original, 1, :at, '{\"date\": \"2026-01-05\"}', '{}')",
    "INSERT INTO segments (id, document_id, position, block, ref, source, source_key, target, "
    "status, origin, score, flags, codes, version, updated_by, updated_at) VALUES "
    "(1, 1, 0, 0, '', 'Hà Nội là thủ đô.', 'ha noi la thu do.', 'Hanoi is the capital.', "
    ":translated, :human, NULL, '{}', '{}', 3, 'lan', :at), "
    "(2, 1, 1, 1, '', 'Nhấn Lưu.', 'nhan luu.', '', :new, :none, NULL, '{}', '{}', 1, '', :at)",
    'INSERT INTO comments (id, segment_id, "user", at, text) '
    "VALUES (1, 1, 'lan', :at, 'Viết Hanoi liền')",
    'INSERT INTO revisions (id, segment_id, "user", at, field, old, new, version, reason) '
    "VALUES (1, 1, 'lan', :at, 'target', '', 'Hanoi is the capital.', 2, '')",
    "INSERT INTO jobs (id, project_id, kind, state, params, result, done, total, message, "
    "cancel_requested, created_by, created_at, started_at, finished_at, heartbeat_at) VALUES "
    "(1, 1, 'mt', 'done', '{\"document_id\": 1}', '{}', 2, 2, '', false, 'lan', :at, :at, "
    ":at, NULL)",
]

_TABLES_0001 = (
    "partner_profiles",
    "users",
    "projects",
    "documents",
    "segments",
    "comments",
    "revisions",
    "jobs",
)


def _make_0001_database(url: str, *, postgres: bool) -> None:
    database = Database(url)
    database.migrate("0001")
    at = "2026-11-27 06:49:42.000000" + ("+00:00" if postgres else "")
    with database.engine.begin() as connection:
        for statement in _ROWS_0001:
            connection.execute(
                text(statement),
                {
                    "at": at,
                    "original": b"Ha Noi la thu do.",
                    "translated": int(Status.TRANSLATED),
                    "human": int(Origin.HUMAN),
                    "new": int(Status.NEW),
                    "none": int(Origin.NONE),
                },
            )
        if postgres:  # the first songngu took its ids from the sequences; these rows name theirs
            for table in _TABLES_0001:
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT MAX(id) FROM {table}))"
                    )
                )
    database.dispose()


def _head() -> str:
    from alembic.script import ScriptDirectory

    config = Database("sqlite://").alembic_config()
    return ScriptDirectory.from_config(config).get_current_head()


def _version(url: str) -> str:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    finally:
        engine.dispose()


def _check_rows_read_by_todays_code(database: Database) -> None:
    with database.read() as session:
        project = get_project(session, "Báo cáo 2026")
        first, second = list_segments(session, project)
        assert (first.source, first.target, first.status, first.origin) == (
            "Hà Nội là thủ đô.",
            "Hanoi is the capital.",
            Status.TRANSLATED,
            Origin.HUMAN,
        )
        assert first.version == 3 and second.status == Status.NEW
        assert [c.text for c in list_comments(session, first.id)] == ["Viết Hanoi liền"]
        assert [r.new for r in list_revisions(session, first.id)] == ["Hanoi is the capital."]
        assert get_user(session, "lan").display_name == "Nguyễn Thị Lan"
        (job,) = list_jobs(session, project)
        assert (job.kind, job.state, job.done) == ("mt", "done", 2)


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_rows_of_a_0001_database_survive_the_upgrade_to_head(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.db'}"
    else:
        url = request.getfixturevalue("empty_postgres")
    _make_0001_database(url, postgres=backend == "postgres")
    assert _version(url) == "0001"

    database = open_database(url)  # what the app and every command do: migrate, seed

    assert _version(url) == _head()
    _check_rows_read_by_todays_code(database)
    forget_databases()
    command.upgrade(Database(url).alembic_config(), "head")  # again: nothing to do
    _check_rows_read_by_todays_code(open_database(url))


def test_a_songngu_command_on_an_old_database_migrates_it(
    songngu_home: Path, request: pytest.FixtureRequest
) -> None:
    """The test's default database as version 0001 left it: SQLite, or PostgreSQL on that
    half of `make test` (an empty database, since the default one is already at head)."""
    url = settings.database_url()
    postgres = not url.startswith("sqlite")
    if postgres:
        url = request.getfixturevalue("empty_postgres")
    else:
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    _make_0001_database(url, postgres=postgres)

    result = run_cli("segments", "Báo cáo 2026", env={"SONGNGU_DATABASE_URL": url})

    assert result.returncode == 0, result.stderr
    assert "Hanoi is the capital." in result.stdout
    assert _version(url) == _head()
