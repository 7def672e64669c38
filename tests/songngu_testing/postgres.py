"""A throwaway PostgreSQL server on a free loopback port: for the tests and benchmarks.

initdb into a temporary folder, start with fsync off (nothing here must survive a power
cut), stop immediately and delete the folder at the end.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# True on the PostgreSQL half of `make test`, where every test's default database is a
# PostgreSQL one (tests/conftest.py checks the variable's value).
ON_POSTGRES_HALF = os.environ.get("SONGNGU_TEST_DATABASE", "").strip().lower() == "postgresql"


class PostgresMissing(RuntimeError):
    """PostgreSQL's programs are not installed."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pg_binary(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))), None
    )
    if found is None:
        raise PostgresMissing(
            f"PostgreSQL's {name} is not installed: run .ci/run or apt-get install postgresql"
        )
    return found


@contextmanager
def postgres_cluster(options: str = "") -> Iterator[str]:
    """A running server; yields the SQLAlchemy URL of its "postgres" database."""
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
    try:
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
                f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off {options}",
            ],  # fmt: skip
            check=True,
            capture_output=True,
        )
        yield f"postgresql+psycopg://songngu@127.0.0.1:{port}/postgres"
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                [*prefix, _pg_binary("pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                capture_output=True,
            )
        shutil.rmtree(base, ignore_errors=True)
