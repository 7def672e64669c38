"""Shared fixtures: an isolated SONGNGU_HOME per test and a real PostgreSQL server.

SONGNGU_TEST_DATABASE picks the database the tests' default fixtures use (`make test`
runs the suite once with each):
- unset: SQLite, and `any_db` tests run on both SQLite and PostgreSQL;
- `sqlite`: SQLite only (`any_db` runs its SQLite case);
- `postgresql`: every test's default database -- `sqlite_db`, `open_database()` and the
  CLI in a subprocess through SONGNGU_DATABASE_URL -- is a fresh PostgreSQL database,
  copied from a migrated template (about 30 ms a test); `any_db` runs its PostgreSQL case
  and tests marked `sqlite_only` are skipped with their reason.

Tests marked `database_free` never open a database: `make test` runs them in its SQLite
half only (`-m "not database_free"` on the PostgreSQL half), and wherever they run their
SONGNGU_DATABASE_URL names no database, so a marked test that opens one fails.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from songngu_testing.postgres import ON_POSTGRES_HALF, PostgresMissing, postgres_cluster
from songngu_testing.queue import RedisServer, Workers
from songngu_testing.users import add_users

from workflow.storage import Database, forget_databases, open_database

_TEST_DATABASE_CHOICES = {
    "": ("sqlite", "postgres"),
    "sqlite": ("sqlite",),
    "postgresql": ("postgres",),
}
TEST_DATABASE = os.environ.get("SONGNGU_TEST_DATABASE", "").strip().lower()
if TEST_DATABASE not in _TEST_DATABASE_CHOICES:
    raise pytest.UsageError(
        f"SONGNGU_TEST_DATABASE={TEST_DATABASE!r} is not a test database: "
        "set it to sqlite or postgresql, or unset it"
    )
ON_POSTGRES = ON_POSTGRES_HALF
_ANY_DB_BACKENDS = list(_TEST_DATABASE_CHOICES[TEST_DATABASE])
# The database URL a `database_free` test sees: no driver has this scheme.
DATABASE_FREE_URL = "database-free-test://marked-database_free"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On the PostgreSQL half, skip what is SQLite by nature (the marker says why)."""
    if not ON_POSTGRES:
        return
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is None:
            continue
        reason = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "")
        if not reason:
            raise pytest.UsageError(f"{item.nodeid}: sqlite_only needs a reason")
        item.add_marker(pytest.mark.skip(reason=f"SQLite by nature: {reason}"))


@pytest.fixture(autouse=True)
def songngu_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[Path]:
    """Every test gets its own SONGNGU_HOME and its own default database.

    The default database is the SQLite file in that home, or on the PostgreSQL half a
    fresh PostgreSQL database named by SONGNGU_DATABASE_URL (subprocesses inherit it).
    """
    home = tmp_path / "songngu-home"
    monkeypatch.setenv("SONGNGU_HOME", str(home))
    monkeypatch.delenv("SONGNGU_DATABASE_URL", raising=False)
    default_url = ""
    postgres: PostgresDatabases | None = None
    if request.node.get_closest_marker("database_free") is not None:
        # Holds the marker to its word: open_database() refuses this URL.
        monkeypatch.setenv("SONGNGU_DATABASE_URL", DATABASE_FREE_URL)
    elif ON_POSTGRES and request.node.get_closest_marker("sqlite_only") is None:
        postgres = request.getfixturevalue("postgres_databases")
        default_url = postgres.create()
        monkeypatch.setenv("SONGNGU_DATABASE_URL", default_url)
    monkeypatch.delenv("SONGNGU_USER", raising=False)
    # The cheapest argon2 songngu accepts: hashing a password takes ~1 ms, not ~180 ms.
    # Subprocesses (the CLI, the app server) inherit it.
    monkeypatch.setenv("SONGNGU_PASSWORD_HASH_MEMORY_KIB", "1024")
    monkeypatch.setenv("SONGNGU_PASSWORD_HASH_TIME_COST", "1")
    forget_databases()
    yield home
    forget_databases()
    if postgres is not None:
        postgres.drop(default_url)


@pytest.fixture
def sqlite_db_without_users(songngu_home: Path) -> Database:
    """The test's default database as a new office has it: no account at all.

    SQLite, or PostgreSQL on the PostgreSQL half (SONGNGU_TEST_DATABASE=postgresql).
    """
    return open_database()


@pytest.fixture
def sqlite_db(sqlite_db_without_users: Database) -> Database:
    """The test's default database with the test admin account (songngu_testing.users).

    SQLite, or PostgreSQL on the PostgreSQL half (SONGNGU_TEST_DATABASE=postgresql).
    """
    add_users(sqlite_db_without_users, "admin")
    return sqlite_db_without_users


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A real PostgreSQL server on a free loopback port for this test session."""
    try:
        with postgres_cluster() as url:
            yield url
    except PostgresMissing as missing:
        pytest.fail(str(missing))


class PostgresDatabases:
    """Fresh databases on the session's server, each a copy of one migrated template.

    Copying a template (FILE_COPY: the server copies the files) takes ~20 ms where
    migrating an empty database takes ~500 ms.
    """

    TEMPLATE = "songngu_template"

    def __init__(self, server_url: str) -> None:
        import psycopg

        self._base = server_url.rsplit("/", 1)[0]
        admin_url = server_url.replace("postgresql+psycopg://", "postgresql://")
        self._admin = psycopg.connect(admin_url, autocommit=True)
        self._admin.execute(f'CREATE DATABASE "{self.TEMPLATE}"')
        template_url = f"{self._base}/{self.TEMPLATE}"
        open_database(template_url)  # migrated and seeded as a new office's database
        forget_databases()  # a template is copied only while nobody is connected to it

    def create(self) -> str:
        """The URL of a new database: the template's schema and seed data, no account."""
        name = f"t{time.time_ns()}"
        self._admin.execute(
            f'CREATE DATABASE "{name}" TEMPLATE "{self.TEMPLATE}" STRATEGY FILE_COPY'
        )
        return f"{self._base}/{name}"

    def drop(self, url: str) -> None:
        """Drop a database made by create (connections still open are cut)."""
        forget_databases()
        name = url.rsplit("/", 1)[1]
        self._admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        self._admin.close()


@pytest.fixture(scope="session")
def postgres_databases(postgres_server: str) -> Iterator[PostgresDatabases]:
    databases = PostgresDatabases(postgres_server)
    yield databases
    databases.close()


@pytest.fixture
def postgres_db_without_users(postgres_databases: PostgresDatabases) -> Iterator[Database]:
    """A fresh database on the session's server for one test, with no account."""
    url = postgres_databases.create()
    yield open_database(url)
    postgres_databases.drop(url)


@pytest.fixture
def postgres_db(postgres_db_without_users: Database) -> Database:
    """A fresh PostgreSQL database with the test admin account."""
    add_users(postgres_db_without_users, "admin")
    return postgres_db_without_users


@pytest.fixture
def empty_postgres(postgres_server: str) -> Iterator[str]:
    """The URL of a new PostgreSQL database with nothing in it: no schema, no rows (not a
    copy of the migrated template), dropped after the test."""
    import psycopg

    admin_url = postgres_server.replace("postgresql+psycopg://", "postgresql://")
    name = f"empty{time.time_ns()}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield postgres_server.rsplit("/", 1)[0] + f"/{name}"
    forget_databases()
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=_ANY_DB_BACKENDS)
def any_db(request: pytest.FixtureRequest) -> Database:
    """Run a test on both storage back ends (each with the test admin account)."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_db")
    return request.getfixturevalue("postgres_db")


@pytest.fixture(params=_ANY_DB_BACKENDS)
def any_db_without_users(request: pytest.FixtureRequest) -> Database:
    """Both storage back ends as a new office has them: no account at all."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_db_without_users")
    return request.getfixturevalue("postgres_db_without_users")


@pytest.fixture(scope="session")
def tiny_package_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real vi→en .argosmodel with random weights, trained on the demo report's text.

    Built once per test session (per xdist worker); its output is nonsense but every
    loading and decoding path is real.
    """
    from songngu_testing.synthetic import build_package

    from workflow.demo import demo_source

    lines = [line for line in demo_source().decode("utf-8").splitlines() if line.strip()]
    folder = tmp_path_factory.mktemp("synthetic")
    return build_package(folder / "translate-vi_en-1_9.argosmodel", training_lines=lines * 5)


@pytest.fixture(scope="session")
def copy_package_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny real vi→en package whose model copies its source and stops at its end.

    Its output is the source (ratio 1), piece for piece for the seed article's text: it emits end-of-sentence, keeps placeholders and
    never loops, as a good model does, so no retry is needed (songngu_testing.synthetic).
    """
    from songngu_testing.synthetic import TINY_COPY_SHAPE, build_package

    from workflow.demo import demo_source

    lines = [line for line in demo_source().decode("utf-8").splitlines() if line.strip()]
    folder = tmp_path_factory.mktemp("synthetic-copy")
    return build_package(
        folder / "translate-vi_en-1_9.argosmodel",
        training_lines=lines * 5,
        shape=TINY_COPY_SHAPE,
        copy_ratio=1.0,
    )


@pytest.fixture
def packages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty ARGOS_PACKAGES_DIR; the package index points nowhere (no network in tests)."""
    folder = tmp_path / "packages"
    folder.mkdir()
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(folder))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/index.json")
    return folder


@pytest.fixture
def redis_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[RedisServer]:
    """A redis-server of this test's own on 127.0.0.1, named by SONGNGU_REDIS_URL (so the
    faces queue jobs on it, and `songngu worker` processes inherit it)."""
    server = RedisServer()
    server.start()
    monkeypatch.setenv("SONGNGU_REDIS_URL", server.url)
    monkeypatch.setenv("SONGNGU_WORKER_SILENT_SECONDS", "2")
    try:
        yield server
    finally:
        server.remove()


@pytest.fixture
def workers(redis_server: RedisServer, tmp_path: Path) -> Iterator[Workers]:
    """`songngu worker` processes on that Redis (none until ``workers.start(n)``)."""
    started = Workers(redis_server.url, tmp_path)
    try:
        yield started
    finally:
        started.stop()
