"""Killing a real `songngu` process at an exact point (kill -9 tests).

The process runs with tests/songngu_testing/pause_hook first on its PYTHONPATH: that
folder's sitecustomize (test tooling, never installed) stops it where SONGNGU_TEST_PAUSE_AT
says and writes a marker file; we then send SIGKILL, as a crash or the OOM killer would.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from songngu_testing import SONGNGU

PAUSE_HOOK = Path(__file__).parent / "pause_hook"


def kill_at(pause_at: str, *args: str, workdir: Path, timeout: float = 300.0) -> str:
    """Run `songngu ARGS`, SIGKILL it where pause_at stops it; what the hook reported.

    Fails if the process ends before reaching that point (its stderr is in the message).
    """
    marker = workdir / f"paused-{time.monotonic_ns()}"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(PAUSE_HOOK), os.environ.get("PYTHONPATH")])
        ),
        "SONGNGU_TEST_PAUSE_AT": pause_at,
        "SONGNGU_TEST_PAUSE_MARKER": str(marker),
    }
    process = subprocess.Popen(
        [SONGNGU, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + timeout
    try:
        while not marker.exists():
            if process.poll() is not None:
                out, err = process.communicate()
                raise AssertionError(
                    f"songngu {' '.join(args)} ended ({process.returncode}) before {pause_at}:"
                    f"\n{out}\n{err}"
                )
            if time.monotonic() > deadline:
                raise AssertionError(f"songngu {' '.join(args)} did not reach {pause_at}")
            time.sleep(0.01)
        where = marker.read_text(encoding="utf-8")
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.communicate()
    assert process.returncode == -signal.SIGKILL, process.returncode
    return where


def sqlite_file_is_sound(path: Path) -> None:
    """The database file passes SQLite's integrity and foreign key checks.

    Opened by a fresh connection, as the next process would: it recovers the WAL.
    """
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()
