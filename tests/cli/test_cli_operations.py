"""songngu backup, restore and migrate-db through the console script: what they print,
their one-line refusals and exit statuses; pg_dump's credentials kept off its command
line."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from songngu_testing import TEST_PASSWORD, run_cli
from sqlalchemy import make_url

from primitives.errors import InvalidInput
from workflow import operations
from workflow.storage import Database


def _ok(*args: str, stdin: str | None = None) -> str:
    result = run_cli(*args, input=stdin)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _refused(*args: str, status: int = 2) -> str:
    result = run_cli(*args)
    assert result.returncode == status, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    return line


@pytest.mark.sqlite_only(reason="the backup file is a SQLite file here")
def test_backup_change_restore_round_trip(tmp_path: Path) -> None:
    _ok("project", "create", "Before")
    out = tmp_path / "office.db"
    assert _ok("backup", str(out)).startswith(f"backed up to {out} (")
    _ok("project", "create", "After")
    assert "--force" in _refused("backup", str(out))
    assert _refused("restore", str(out)).endswith("add --yes")
    assert _ok("restore", str(out), "--yes") == f"restored from {out}\n"
    projects = _ok("project", "list")
    assert "Before" in projects and "After" not in projects
    (record,) = json.loads(_ok("audit", "--action", "restore", "--format", "json"))
    assert record["detail"].startswith(str(out))


def test_refusals_are_one_line(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    assert "is not a songngu database backup" in _refused("restore", str(notes), "--yes")
    assert "cannot read the backup" in _refused("restore", str(tmp_path / "no.db"), "--yes")
    _ok("user", "add", "tran", "--role", "translator", "--password-stdin", stdin=TEST_PASSWORD)
    line = _refused("backup", str(tmp_path / "b.db"), "--as", "tran", status=3)
    assert "may not manage database" in line
    assert not (tmp_path / "b.db").exists()


@pytest.mark.sqlite_only(reason="migrate-db moves an office's SQLite database")
def test_migrate_db_refuses_a_target_that_is_not_postgresql() -> None:
    line = _refused("migrate-db", "--to", "mysql://u:secret@host/db")
    assert "is not a PostgreSQL URL" in line and "secret" not in line


def test_migrate_db_refuses_a_source_that_is_not_sqlite(
    postgres_db: Database, empty_postgres: str
) -> None:
    env = {"SONGNGU_DATABASE_URL": postgres_db.url}
    result = run_cli("migrate-db", "--to", empty_postgres, env=env)
    assert result.returncode == 2, (result.stdout, result.stderr)
    (line,) = result.stderr.splitlines()
    assert "is not SQLite: only an office's SQLite database is moved" in line


@pytest.mark.sqlite_only(reason="migrate-db moves an office's SQLite database")
def test_migrate_db_refuses_a_target_with_tables(empty_postgres: str) -> None:
    _ok("project", "create", "P")
    first = _ok("migrate-db", "--to", empty_postgres)
    assert first.splitlines()[-1].startswith("copied ")
    assert "projects: 1 rows" in first
    line = _refused("migrate-db", "--to", empty_postgres)
    assert "is not empty" in line and "createdb" in line


def _fake_tool(folder: Path, name: str, exit_status: int) -> Path:
    """A stand-in that records its arguments and libpq environment, then fails or not."""
    log = folder / f"{name}.log"
    script = folder / name
    script.write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "$@" > {log}\n'
        f'echo "PGPASSWORD=$PGPASSWORD PGUSER=$PGUSER PGHOST=$PGHOST PGDATABASE=$PGDATABASE"'
        f" >> {log}\n"
        'echo "pg_dump: error: connection refused for password s3cret-pw" >&2\n'
        f"exit {exit_status}\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return log


def test_pg_dump_gets_the_password_in_its_environment_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = _fake_tool(tmp_path, "pg_dump", 1)
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    url = make_url("postgresql+psycopg://songngu:s3cret-pw@db-host:5433/office")
    with pytest.raises(InvalidInput) as failed:
        operations._run_pg_tool("pg_dump", ["--format=custom", "--file", "x"], url)
    *arguments, environment = log.read_text().splitlines()
    assert arguments == ["--format=custom", "--file", "x"]
    assert environment == "PGPASSWORD=s3cret-pw PGUSER=songngu PGHOST=db-host PGDATABASE=office"
    message = str(failed.value)
    assert failed.value.code == "operations.pg_tool_failed"
    assert "s3cret-pw" not in message and "db-host" in message


def test_pg_dump_missing_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr(operations.glob, "glob", lambda pattern: [])
    with pytest.raises(InvalidInput) as missing:
        operations.pg_binary("pg_dump")
    assert missing.value.code == "operations.pg_tool_missing"
    monkeypatch.setattr(
        operations.glob,
        "glob",
        lambda pattern: ["/usr/lib/postgresql/9/bin/pg_dump", "/usr/lib/postgresql/17/bin/pg_dump"],
    )
    assert operations.pg_binary("pg_dump") == "/usr/lib/postgresql/17/bin/pg_dump"
