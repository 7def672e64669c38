"""Database connection: SQLite by default, PostgreSQL for teams.

SQLite allows one writer at a time, and a read-then-write transaction that started as a
reader fails with "database is locked" at once whatever the timeout. So every write
transaction starts with BEGIN IMMEDIATE (it waits its turn up to the busy timeout) and
readers use plain deferred transactions; WAL lets readers run beside the writer.

Durability (docs/operations.md "Durability"): synchronous = FULL, so a commit is on disk
when it returns (NORMAL in WAL mode never corrupts the file either, but a power cut loses
the commits since the last checkpoint: a translator's saved edits). FULL costs one fsync of
the WAL per commit, about 0.5 ms here against 0.04 ms, small beside a save. The WAL is
checkpointed into the database every SQLITE_WAL_AUTOCHECKPOINT_PAGES pages (SQLite's own
default, said on purpose) and cut back to SQLITE_JOURNAL_SIZE_LIMIT bytes afterwards, so
one big import does not leave a WAL file of its size behind.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from primitives.errors import InvalidInput
from workflow import settings

if TYPE_CHECKING:  # alembic is imported when a schema is migrated, not by every command
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE_SYNCHRONOUS = "FULL"
SQLITE_WAL_AUTOCHECKPOINT_PAGES = 1000  # about 4 MB of WAL with 4 KiB pages
SQLITE_JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024
_BEGIN_OPTION = "songngu_sqlite_begin"
_BEGIN_ATTEMPTS = 4  # a write transaction's BEGIN IMMEDIATE, each waiting the busy timeout


def _busy_timeout_ms() -> int:
    raw = settings.get("SONGNGU_SQLITE_BUSY_TIMEOUT_MS")
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if value < 0:
        raise InvalidInput(
            "settings.busy_timeout_not_milliseconds",
            "SONGNGU_SQLITE_BUSY_TIMEOUT_MS={value!r} is not a number of milliseconds: "
            "set it to e.g. 10000 or unset it",
            value=raw,
        )
    return value


def _shown(url: str) -> str:
    """The URL as it may be printed: without its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not even parseable: show nothing of it
        return "(unparseable URL)"


class Database:
    """One database: its engine, a reader and a writer session factory."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            self.engine = create_engine(url, connect_args={"check_same_thread": False})
            self._configure_sqlite(self.engine)
        else:
            self.engine = create_engine(url, pool_pre_ping=True)
        writer_bind = self.engine.execution_options(**{_BEGIN_OPTION: "BEGIN IMMEDIATE"})
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(writer_bind, expire_on_commit=False)

    @staticmethod
    def _configure_sqlite(engine: Engine) -> None:
        timeout_ms = _busy_timeout_ms()

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
            # Take transaction control away from pysqlite so BEGIN is ours to issue.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute(f"PRAGMA busy_timeout = {timeout_ms}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute(f"PRAGMA synchronous = {SQLITE_SYNCHRONOUS}")
            cursor.execute(f"PRAGMA wal_autocheckpoint = {SQLITE_WAL_AUTOCHECKPOINT_PAGES}")
            cursor.execute(f"PRAGMA journal_size_limit = {SQLITE_JOURNAL_SIZE_LIMIT}")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
            begin = connection.get_execution_options().get(_BEGIN_OPTION, "BEGIN")
            for attempt in range(_BEGIN_ATTEMPTS):
                try:
                    connection.exec_driver_sql(begin)
                    return
                except OperationalError as error:
                    if attempt == _BEGIN_ATTEMPTS - 1 or "locked" not in str(error.orig):
                        raise
                # SQLite's busy handler is not fair: with twenty writers waiting, one can
                # miss every free moment for the whole busy timeout although each write
                # is short. Nothing has happened yet (the BEGIN failed), so it is safe to
                # try again after a random pause: every writer gets new chances, and the
                # wait stays bounded (attempts × busy timeout).
                time.sleep(random.uniform(0.05, 0.5) * (attempt + 1))

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; anything it writes is discarded.

        Closing (not rolling back) leaves loaded objects readable after the block.
        """
        session = self._reader()
        try:
            yield session
        finally:
            session.close()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction: committed on success, rolled back on any error."""
        session = self._writer()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def alembic_config(self) -> Config:
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        # Migrations write, so on SQLite they queue like any writer (BEGIN IMMEDIATE): two
        # processes opening a new database at once do not both create the tables.
        config.attributes["engine"] = self.engine.execution_options(
            **{_BEGIN_OPTION: "BEGIN IMMEDIATE"}
        )
        return config

    def migrate(self, revision: str = "head") -> None:
        """Bring the schema to a revision (head by default)."""
        from alembic import command

        command.upgrade(self.alembic_config(), revision)

    def at_head(self) -> bool:
        """Whether the schema is already the newest, asked with a read only.

        Every process opens the database through migrate-if-needed; on SQLite a migration
        takes the one write lock, so twenty editors' processes starting beside a running
        MT job would queue behind its writes (and past the busy timeout) just to learn
        that nothing is to be done.
        """
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        heads = set(ScriptDirectory.from_config(self.alembic_config()).get_heads())
        with self.engine.connect() as connection:
            current = set(MigrationContext.configure(connection).get_current_heads())
        return current == heads

    def seed(self) -> None:
        """Data every database starts with: the shipped partner profiles.

        No account: the app's first-run screen creates the first admin, with a password,
        and the CLI acts as the built-in local operator until told otherwise (workflow.users).
        """
        from workflow.partners import ensure_shipped_profiles, shipped_profiles_missing

        with self.read() as session:  # a write only when one is needed (see at_head)
            if not shipped_profiles_missing(session):
                return
        with self.write() as session:
            ensure_shipped_profiles(session)

    def dispose(self) -> None:
        self.engine.dispose()


_databases: dict[str, Database] = {}
_lock = threading.Lock()


def open_database(url: str | None = None, *, migrate: bool = True) -> Database:
    """The process-wide Database for a URL (the configured one by default), migrated."""
    url = url or settings.database_url()
    with _lock:
        database = _databases.get(url)
        if database is None:
            try:
                database = Database(url)
            except InvalidInput:
                raise
            except Exception as error:  # a malformed URL is a user error
                message = str(error).replace(url, _shown(url))
                raise InvalidInput(
                    "storage.bad_database_url",
                    "cannot use database URL {url}: {reason}; check SONGNGU_DATABASE_URL",
                    url=_shown(url),
                    reason=message,
                ) from None
            if migrate:
                try:
                    if not database.at_head():
                        database.migrate()
                    database.seed()
                except OperationalError as error:  # server down, folder missing, no rights
                    database.dispose()
                    reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
                    raise InvalidInput(
                        "storage.cannot_open_database",
                        "cannot open the database {url}: {reason}; check SONGNGU_DATABASE_URL "
                        "(or SONGNGU_HOME for the default SQLite file)",
                        url=_shown(url),
                        reason=reason,
                    ) from None
            _databases[url] = database
        return database


def forget_databases() -> None:
    """Close and drop cached databases (tests switch SONGNGU_HOME between cases)."""
    with _lock:
        for database in _databases.values():
            database.dispose()
        _databases.clear()
