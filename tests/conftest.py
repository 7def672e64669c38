"""Shared fixtures: an isolated SONGNGU_HOME per test and a real PostgreSQL server."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from workflow.storage import Database, forget_databases, open_database

REPO = Path(__file__).resolve().parents[1]
SONGNGU = str(REPO / ".venv" / "bin" / "songngu")


@pytest.fixture(autouse=True)
def songngu_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own SONGNGU_HOME (and so its own SQLite database)."""
    home = tmp_path / "songngu-home"
    monkeypatch.setenv("SONGNGU_HOME", str(home))
    monkeypatch.delenv("SONGNGU_DATABASE_URL", raising=False)
    monkeypatch.delenv("SONGNGU_USER", raising=False)
    forget_databases()
    yield home
    forget_databases()


@pytest.fixture
def sqlite_db(songngu_home: Path) -> Database:
    return open_database()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pg_binary(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))), None
    )
    if found is None:
        pytest.fail(
            f"PostgreSQL's {name} is not installed: run .ci/run or apt-get install postgresql"
        )
    return found


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A real PostgreSQL server on a free loopback port for this test session."""
    # Not under pytest's tmp dir: that is private to root, and the server runs as postgres.
    base = Path(tempfile.mkdtemp(prefix="songngu-pg-"))
    data, sockets = base / "data", base / "sockets"
    data.mkdir()
    sockets.mkdir()
    prefix: list[str] = []
    if os.geteuid() == 0:  # postgres refuses to run as root
        user = pwd.getpwnam("postgres")
        for path in (base, data, sockets):
            os.chown(path, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    subprocess.run(
        [
            *prefix,
            _pg_binary("initdb"),
            "-D",
            str(data),
            "-U",
            "songngu",
            "--auth=trust",
            "-E",
            "UTF8",
        ],
        check=True,
        capture_output=True,
    )
    log = base / "server.log"
    subprocess.run(
        [
            *prefix,
            _pg_binary("pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(log),
            "-w",
            "start",
            "-o",
            f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off",
        ],  # fmt: skip
        check=True,
        capture_output=True,
    )
    url = f"postgresql+psycopg://songngu@127.0.0.1:{port}/postgres"
    try:
        yield url
    finally:
        subprocess.run(
            [*prefix, _pg_binary("pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgres_db(postgres_server: str) -> Iterator[Database]:
    """A fresh database on the session's server for one test."""
    import psycopg

    name = f"t{time.time_ns()}"
    admin_url = postgres_server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    url = postgres_server.rsplit("/", 1)[0] + f"/{name}"
    yield open_database(url)
    forget_databases()


@pytest.fixture(params=["sqlite", "postgres"])
def any_db(request: pytest.FixtureRequest) -> Database:
    """Run a test on both storage back ends."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_db")
    return request.getfixturevalue("postgres_db")


def run_cli(
    *args: str, env: dict[str, str] | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed songngu command as a user would."""
    return subprocess.run(
        [SONGNGU, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        input=input,
        timeout=120,
    )


def seed_project(database: Database, sources: list[str], name: str = "P") -> tuple[int, list[int]]:
    """A project with one document holding these source segments; returns ids."""
    from workflow.models import Document, Segment
    from workflow.projects import create_project
    from workflow.users import resolve_actor
    from workflow.vietnamese.keys import match_key

    with database.write() as session:
        project = create_project(session, resolve_actor(session, "admin"), name)
        document = Document(
            project_id=project.id, title="doc", filename="doc.txt", format="txt", original=b""
        )
        session.add(document)
        session.flush()
        segments = [
            Segment(document_id=document.id, position=i, source=s, source_key=match_key(s))
            for i, s in enumerate(sources)
        ]
        session.add_all(segments)
        session.flush()
        return project.id, [s.id for s in segments]


def add_users(database: Database) -> None:
    """One user of each role: tran (translator), rev (reviewer), ed (editor)."""
    from workflow.users import add_user, resolve_actor

    with database.write() as session:
        admin = resolve_actor(session, "admin")
        add_user(session, admin, "tran", "translator")
        add_user(session, admin, "rev", "reviewer")
        add_user(session, admin, "ed", "editor")
