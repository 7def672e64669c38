"""songngu export with the Redis runner, as an office with worker machines runs it: a
worker builds the file, the command writes it where it was asked; songngu jobs fetch
writes a kept file again; what is wrong is said in one line before anything is queued."""

from __future__ import annotations

from pathlib import Path

from songngu_testing import run_cli
from songngu_testing.queue import Workers
from sqlalchemy import func, select

from workflow.models import Job
from workflow.storage import open_database


def _ok(*args: str) -> str:
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _one_line_error(*args: str) -> str:
    result = run_cli(*args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("songngu: error: ") and "Traceback" not in result.stderr
    return line


def _jobs() -> int:
    with open_database().read() as session:
        return session.scalar(select(func.count()).select_from(Job)) or 0


def test_a_worker_builds_the_file_the_command_writes(tmp_path: Path, workers: Workers) -> None:
    workers.start(1)
    source = tmp_path / "bao-cao.txt"
    source.write_text("Báo cáo năm 2025.\n\nHội nghị bế mạc.\n", encoding="utf-8")
    _ok("project", "create", "Báo cáo")
    _ok("import", "Báo cáo", str(source))
    _ok("edit", "Báo cáo", "1", "--target", "The 2025 report.")
    out = tmp_path / "out.xlf"
    printed = _ok("export", "Báo cáo", "--format", "xliff12", "--out", str(out))
    assert f"wrote {out} (XLIFF 1.2" in printed and "built by job 1" in printed
    assert b"The 2025 report." in out.read_bytes()
    again = tmp_path / "again.xlf"
    assert "built by job 1" in _ok("jobs", "fetch", "1", "--out", str(again))
    assert again.read_bytes() == out.read_bytes()
    # Said before a job is queued: an output folder that does not exist.
    line = _one_line_error(
        "export", "Báo cáo", "--format", "tmx", "--out", str(tmp_path / "none" / "x.tmx")
    )
    assert "does not exist: create it first" in line
    assert _jobs() == 1
    # A job that is not an export has no file to fetch (QA runs on the worker too; it
    # exits 1 here for the untranslated segment's error).
    assert "job 2: 2 segments checked" in run_cli("qa", "Báo cáo").stdout
    assert "is a 'qa' job, not an export" in _one_line_error(
        "jobs", "fetch", "2", "--out", str(tmp_path / "qa.out")
    )
