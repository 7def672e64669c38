"""Backing up, restoring and moving an office's database (`songngu backup`, `restore`,
`migrate-db`): admins only, each recorded in the audit log.

SQLite is copied with its online backup API: one step under a read transaction, so the
copy is one consistent moment even while the app writes (WAL lets the writer go on).
PostgreSQL is dumped and restored by Debian's `pg_dump`/`pg_restore`; the URL's
credentials reach them through the environment (PGPASSWORD, …), never their command line.
A backup is written to a temporary file beside OUT and renamed into place, so OUT is
either the whole backup or untouched.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import URL, Connection, make_url

from primitives.errors import InvalidInput
from workflow import audit
from workflow.audit import AuditAction
from workflow.models import Base
from workflow.permissions import Action
from workflow.storage import MIGRATIONS_DIR, Database, _shown, forget_databases, open_database
from workflow.users import Actor

COPY_BATCH_ROWS = 1000
PG_DUMP_MAGIC = b"PGDMP"


@dataclass(frozen=True)
class TableCount:
    table: str
    rows: int


def _sqlite_path(database: Database) -> Path:
    name = make_url(database.url).database
    if not name or name == ":memory:":
        raise InvalidInput(
            "operations.no_database_file",
            "the database {url} is not a file: only a SQLite file or PostgreSQL can be "
            "backed up or restored",
            url=_shown(database.url),
        )
    return Path(name)


def pg_binary(name: str) -> str:
    """pg_dump or pg_restore: on PATH, else the newest of Debian's /usr/lib/postgresql/N."""
    found = shutil.which(name)
    if found:
        return found
    candidates = glob.glob(f"/usr/lib/postgresql/*/bin/{name}")

    def version(path: str) -> int:
        match = re.search(r"/postgresql/(\d+)/", path)
        return int(match.group(1)) if match else 0

    if not candidates:
        raise InvalidInput(
            "operations.pg_tool_missing",
            "PostgreSQL's {tool} is not installed on this machine",
            tool=name,
        )
    return max(candidates, key=version)


def _pg_environment(url: URL) -> dict[str, str]:
    """libpq's variables for the URL: the password never appears in a process list."""
    environment = dict(os.environ)
    for variable, value in (
        ("PGHOST", url.host),
        ("PGPORT", str(url.port) if url.port else None),
        ("PGUSER", url.username),
        ("PGPASSWORD", url.password),
        ("PGDATABASE", url.database),
    ):
        if value:
            environment[variable] = str(value)
        else:
            environment.pop(variable, None)
    return environment


def _run_pg_tool(tool: str, arguments: list[str], url: URL) -> subprocess.CompletedProcess[bytes]:
    completed = subprocess.run(
        [pg_binary(tool), *arguments],
        env=_pg_environment(url),
        capture_output=True,
        check=False,
    )
    if completed.returncode != 0:
        lines = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = lines[0] if lines else f"exit status {completed.returncode}"
        if url.password:
            reason = reason.replace(str(url.password), "***")
        raise InvalidInput(
            "operations.pg_tool_failed",
            "{tool} failed on {url}: {reason}",
            tool=tool,
            url=url.render_as_string(hide_password=True),
            reason=reason,
        )
    return completed


@contextmanager
def _temporary_beside(out: Path) -> Iterator[Path]:
    """A temporary file in OUT's folder (so the rename is atomic), removed on failure."""
    descriptor, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent)
    os.close(descriptor)
    temporary = Path(name)
    try:
        yield temporary
    finally:
        temporary.unlink(missing_ok=True)


def _check_out(out: Path, force: bool) -> None:
    if out.is_dir():
        raise InvalidInput(
            "operations.backup_is_folder", "{path} is a folder: name a backup file", path=str(out)
        )
    if out.exists() and not force:
        raise InvalidInput(
            "operations.backup_exists",
            "{path} exists already: the backup would replace it",
            path=str(out),
        )
    if not out.parent.is_dir():
        raise InvalidInput(
            "operations.backup_folder_missing",
            "the folder of {path} does not exist",
            path=str(out),
        )


def backup(database: Database, actor: Actor, out: Path, *, force: bool = False) -> int:
    """Write a consistent copy of the database to out; returns its size in bytes.

    The audit record is written first, in its own transaction, so the backup holds it.
    """
    actor.require(Action.MANAGE_DATABASE)
    _check_out(out, force)
    with database.write() as session:
        audit.record(session, actor, AuditAction.BACKUP, object_type="file", detail=str(out))
    with _temporary_beside(out) as temporary:
        if database.is_sqlite:
            source = sqlite3.connect(_sqlite_path(database))
            target = sqlite3.connect(temporary)
            try:
                source.backup(target)  # all pages in one step: one consistent snapshot
            finally:
                target.close()
                source.close()
        else:
            url = make_url(database.url)
            _run_pg_tool("pg_dump", ["--format=custom", "--file", str(temporary)], url)
        os.replace(temporary, out)
    return out.stat().st_size


def known_revisions() -> set[str]:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return {revision.revision for revision in ScriptDirectory.from_config(config).walk_revisions()}


def _unreadable(path: Path, reason: str) -> InvalidInput:
    return InvalidInput(
        "operations.backup_unreadable",
        "cannot read the backup {path}: {reason}",
        path=str(path),
        reason=reason,
    )


def _not_songngu(path: Path, reason: str) -> InvalidInput:
    return InvalidInput(
        "operations.not_songngu_backup",
        "{path} is not a songngu database backup: {reason}",
        path=str(path),
        reason=reason,
    )


def _check_revision(path: Path, revision: str | None) -> str:
    if revision is None:
        raise _not_songngu(path, "it has no schema version (alembic_version)")
    if revision not in known_revisions():
        raise _not_songngu(
            path, f"its schema version {revision} is unknown to this songngu (a newer one?)"
        )
    return revision


def check_sqlite_backup(path: Path) -> str:
    """The schema revision of a SQLite backup that passes integrity_check."""
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as error:
        raise _unreadable(path, error.strerror or str(error)) from None
    if header != b"SQLite format 3\x00":
        raise _not_songngu(path, "it is not a SQLite database")
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        (result,) = connection.execute("PRAGMA integrity_check").fetchone()
        if result != "ok":
            raise _not_songngu(path, f"integrity_check says {result}")
        try:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError:
            row = None
    except sqlite3.DatabaseError as error:
        raise _not_songngu(path, str(error)) from None
    finally:
        connection.close()
    return _check_revision(path, row[0] if row else None)


def check_pg_backup(path: Path, url: URL) -> str:
    """The schema revision held by a pg_dump custom-format archive."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(PG_DUMP_MAGIC))
    except OSError as error:
        raise _unreadable(path, error.strerror or str(error)) from None
    if header != PG_DUMP_MAGIC:
        raise _not_songngu(path, "it is not a pg_dump archive (custom format)")
    listed = _run_pg_tool(
        "pg_restore", ["--data-only", "--table=alembic_version", "--file=-", str(path)], url
    )
    # The COPY block of the table: "COPY public.alembic_version (version_num) FROM stdin;"
    lines = listed.stdout.decode("utf-8", "replace").splitlines()
    revision = None
    for index, line in enumerate(lines):
        if line.startswith("COPY ") and "alembic_version" in line and index + 1 < len(lines):
            value = lines[index + 1].strip()
            revision = value if value and value != "\\." else None
    return _check_revision(path, revision)


def restore(database: Database, actor: Actor, source: Path) -> Database:
    """Replace the database's content by a backup's; returns the database reopened.

    SQLite: the backup API copies the file into the live database in one write
    transaction, so another process sees the old content or the new, never a mix; it waits
    for a writer that is busy (up to the busy timeout), and the app keeps running. A
    backup of an older schema is migrated to this songngu's after it is restored.
    """
    actor.require(Action.MANAGE_DATABASE)
    if database.is_sqlite:
        revision = check_sqlite_backup(source)
        live = _sqlite_path(database)
        url = database.url
        forget_databases()
        database.dispose()
        backup_connection = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        live_connection = sqlite3.connect(live, timeout=30)
        try:
            backup_connection.backup(live_connection)
        except sqlite3.OperationalError as error:
            raise InvalidInput(
                "operations.restore_busy",
                "cannot restore into {url}: {reason}",
                url=_shown(url),
                reason=str(error),
            ) from None
        finally:
            live_connection.close()
            backup_connection.close()
    else:
        pg_url = make_url(database.url)
        revision = check_pg_backup(source, pg_url)
        url = database.url
        forget_databases()
        database.dispose()
        _run_pg_tool(
            "pg_restore",
            [
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                str(pg_url.database),
                str(source),
            ],
            pg_url,
        )
    restored = open_database(url)  # migrates a backup of an older schema
    with restored.write() as session:
        audit.record(
            session,
            actor,
            AuditAction.RESTORE,
            object_type="file",
            detail=f"{source} (schema {revision})",
        )
    return restored


def _songngu_tables() -> list:  # type: ignore[type-arg]
    return [table for table in Base.metadata.sorted_tables]


def _target_tables(connection: Connection) -> list[str]:
    return inspect(connection).get_table_names()


def migrate_to(source: Database, actor: Actor, target_url: str) -> list[TableCount]:
    """Copy a SQLite database into an empty PostgreSQL database; the counts copied.

    Everything happens in one PostgreSQL transaction (DDL included), so a failed copy
    leaves the target as empty as it was and the command can be run again.
    """
    actor.require(Action.MANAGE_DATABASE)
    if not source.is_sqlite:
        raise InvalidInput(
            "operations.migrate_source_not_sqlite",
            "the database {url} is not SQLite: only an office's SQLite database is moved",
            url=_shown(source.url),
        )
    try:
        target_parsed = make_url(target_url)
    except Exception:
        target_parsed = None
    if target_parsed is None or not target_parsed.drivername.startswith("postgresql"):
        raise InvalidInput(
            "operations.migrate_target_not_postgresql",
            "{url} is not a PostgreSQL URL: use postgresql+psycopg://USER@HOST/DATABASE",
            url=_shown(target_url),
        )
    target = open_database(target_url, migrate=False)
    try:
        with target.engine.connect() as connection:
            existing = _target_tables(connection)
    except Exception as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        raise InvalidInput(
            "storage.cannot_open_database",
            "cannot open the database {url}: {reason}; check SONGNGU_DATABASE_URL "
            "(or SONGNGU_HOME for the default SQLite file)",
            url=_shown(target_url),
            reason=reason,
        ) from None
    if existing:
        raise InvalidInput(
            "operations.target_not_empty",
            "the database {url} is not empty (it has {count} tables): move into a new, "
            "empty database",
            url=_shown(target_url),
            count=len(existing),
        )
    from alembic import command

    counts: list[TableCount] = []
    with target.engine.begin() as connection:
        config = target.alembic_config()
        config.attributes["engine"] = None
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        with source.read() as session:
            source_connection = session.connection()
            for table in _songngu_tables():
                key = list(table.primary_key.columns)
                offset = 0
                while True:
                    rows = [
                        _as_stored_in_postgres(row._mapping)
                        for row in source_connection.execute(
                            select(table).order_by(*key).limit(COPY_BATCH_ROWS).offset(offset)
                        )
                    ]
                    if not rows:
                        break
                    connection.execute(table.insert(), rows)
                    offset += len(rows)
                copied = connection.execute(select(func.count()).select_from(table)).scalar_one()
                if copied != offset:
                    raise InvalidInput(
                        "operations.copy_count_mismatch",
                        "table {table}: {source_rows} rows read, {target_rows} in the target",
                        table=table.name,
                        source_rows=offset,
                        target_rows=copied,
                    )
                counts.append(TableCount(table.name, copied))
                _reset_sequence(connection, table)
        from sqlalchemy.orm import Session

        with Session(bind=connection) as session:
            audit.record(
                session,
                actor,
                AuditAction.MIGRATE_DB,
                object_type="database",
                detail=f"from {_shown(source.url)} ({sum(c.rows for c in counts)} rows)",
            )
            session.flush()
    forget_databases()
    return counts


def _as_stored_in_postgres(row: Mapping[str, Any]) -> dict[str, Any]:
    """SQLite hands back naive datetimes, stored as UTC: say so, or PostgreSQL would read
    them in its session's time zone."""
    return {
        key: value.replace(tzinfo=UTC)
        if isinstance(value, datetime) and value.tzinfo is None
        else value
        for key, value in row.items()
    }


def _reset_sequence(connection: Connection, table) -> None:  # type: ignore[no-untyped-def]
    """Move an integer key's sequence past the copied rows (the next insert gets max+1)."""
    for column in table.primary_key.columns:
        if column.autoincrement is not True and not (
            column.autoincrement == "auto" and len(table.primary_key.columns) == 1
        ):
            continue
        sequence = connection.execute(
            text("SELECT pg_get_serial_sequence(:table, :column)"),
            {"table": table.name, "column": column.name},
        ).scalar_one()
        if sequence is None:
            continue
        connection.execute(
            text(
                f'SELECT setval(:sequence, COALESCE(MAX("{column.name}"), 1), '
                f'MAX("{column.name}") IS NOT NULL) FROM "{table.name}"'
            ),
            {"sequence": sequence},
        )
