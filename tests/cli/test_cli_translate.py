"""`songngu translate` and `songngu jobs resume` of an MT job, run as a user runs them."""

from __future__ import annotations

from pathlib import Path

import pytest
from songngu_testing import run_cli, seed_project

from cli.commands.jobs import follow_job
from primitives.errors import Conflict
from primitives.statuses import Origin, Status
from translation.packages import install_package
from workflow.jobs import JobState, claim_job, get_job, list_jobs, request_cancel
from workflow.mt import create_mt_job
from workflow.projects import get_project
from workflow.segments import list_segments, save_and_confirm
from workflow.storage import Database
from workflow.users import OPERATOR, resolve_actor

SOURCES = ["Chào bạn.", "Chúng tôi đã đi bộ rất nhiều.", "Chào bạn.", "Hội nghị bế mạc."]


def _segments(database: Database, project_id: int) -> list:
    with database.read() as session:
        return list_segments(session, get_project(session, project_id))


def test_translate_fills_new_segments_and_reports(
    sqlite_db: Database, packages: Path, tiny_package_file: Path
) -> None:
    install_package(tiny_package_file, directory=packages)
    project_id, ids = seed_project(sqlite_db, SOURCES)
    with sqlite_db.write() as session:
        admin = resolve_actor(session, "admin")
        save_and_confirm(session, admin, ids[3], "The conference closed.", expected_version=1)
    done = run_cli("translate", "P", "--beam", "2")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("job 1: 3 segments machine-translated (2 unique sources)")
    assert "left alone: 1 confirmed" in done.stdout
    segments = _segments(sqlite_db, project_id)
    assert [(s.status, s.origin) for s in segments[:3]] == [(Status.DRAFT, Origin.MT)] * 3
    assert segments[0].target == segments[2].target
    assert segments[3].target == "The conference closed."
    with sqlite_db.read() as session:
        assert get_job(session, 1).params["beam_size"] == 2

    again = run_cli("translate", "P")
    assert again.returncode == 0, again.stderr
    assert "0 segments machine-translated" in again.stdout
    assert "3 already pre-filled" in again.stdout


def test_jobs_resume_finishes_a_stopped_mt_job(
    sqlite_db: Database, packages: Path, tiny_package_file: Path
) -> None:
    install_package(tiny_package_file, directory=packages)
    project_id, _ = seed_project(sqlite_db, SOURCES)
    with sqlite_db.write() as session:
        project = get_project(session, project_id)
        job = create_mt_job(session, resolve_actor(session, "admin"), project)
        request_cancel(session, OPERATOR, job.id)
    resumed = run_cli("jobs", "resume", str(job.id))
    assert resumed.returncode == 0, resumed.stderr
    assert f"job {job.id} succeeded" in resumed.stdout
    assert all(s.status == Status.DRAFT for s in _segments(sqlite_db, project_id))
    with sqlite_db.read() as session:
        assert get_job(session, job.id).state == JobState.SUCCEEDED


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("P",),
            "songngu: error: machine translation is not available: no vi→en translation "
            "package is installed in {packages}; install one with `songngu models install "
            "FILE.argosmodel` or `songngu models download vi en`",
        ),
        (("P", "--beam", "0"), "songngu: error: beam size must be between 1 and 16, not 0"),
        (("P", "--document", "nope"), "songngu: error: no document 'nope' in project 'P'"),
        (("Q",), "songngu: error: no project 'Q'; see 'songngu project list'"),
    ],
)
def test_user_errors_are_one_line(
    sqlite_db: Database, packages: Path, args: tuple[str, ...], message: str
) -> None:
    project_id, _ = seed_project(sqlite_db, SOURCES)
    failed = run_cli("translate", *args)
    assert failed.returncode != 0
    lines = failed.stderr.strip().splitlines()
    assert len(lines) == 1, failed.stderr
    assert lines[0].startswith(message.format(packages=packages))
    assert all(s.status == Status.NEW for s in _segments(sqlite_db, project_id))
    with sqlite_db.read() as session:
        assert list_jobs(session) == []  # nothing was queued


def test_a_job_another_runner_holds_is_neither_resumed_nor_run_here(
    sqlite_db: Database, packages: Path, tiny_package_file: Path
) -> None:
    install_package(tiny_package_file, directory=packages)
    project_id, _ = seed_project(sqlite_db, SOURCES)
    with sqlite_db.write() as session:
        project = get_project(session, project_id)
        job_id = create_mt_job(session, resolve_actor(session, "admin"), project).id
    assert claim_job(sqlite_db, job_id, "worker 7") is not None
    refused = run_cli("jobs", "resume", str(job_id))
    assert refused.returncode == 4
    assert refused.stderr == (
        f"songngu: error: job {job_id} is still running: wait for it or stop it first; "
        f"stop it with 'songngu jobs cancel {job_id}'\n"
    )
    with pytest.raises(Conflict, match=f"job {job_id} is being run by worker 7"):
        follow_job(sqlite_db, OPERATOR, job_id, "translating")
    assert all(s.status == Status.NEW for s in _segments(sqlite_db, project_id))
    shown = run_cli("jobs", "show", str(job_id))
    assert "run by: worker 7" in shown.stdout


def test_a_failed_job_is_shown_with_the_hint_of_its_error(
    sqlite_db: Database, packages: Path, tiny_package_file: Path
) -> None:
    install_package(tiny_package_file, directory=packages)
    project_id, _ = seed_project(sqlite_db, SOURCES)
    with sqlite_db.write() as session:
        project = get_project(session, project_id)
        job_id = create_mt_job(session, resolve_actor(session, "admin"), project).id
    for package in packages.iterdir():  # removed after the job was queued
        (package / "model" / "model.bin").unlink()
    reason = (
        f"machine translation is not available: no vi→en translation package is installed in "
        f"{packages}; install one with `songngu models install FILE.argosmodel` or "
        f"`songngu models download vi en`"
    )
    resumed = run_cli("jobs", "resume", str(job_id))
    assert resumed.returncode == 2
    assert resumed.stderr == (
        f"songngu: error: job {job_id} failed: {reason}; fix that, then run "
        f"'songngu jobs resume {job_id}'\n"
    )
    shown = run_cli("jobs", "show", str(job_id))
    assert shown.returncode == 0, shown.stderr
    assert f"failed: {reason}\n" in shown.stdout


def test_translate_and_jobs_show_say_how_the_model_ran(
    sqlite_db: Database, packages: Path, tiny_package_file: Path
) -> None:
    install_package(tiny_package_file, directory=packages)
    seed_project(sqlite_db, SOURCES)
    done = run_cli("translate", "P", env={"SONGNGU_MT_THREADS": "1", "SONGNGU_MT_BATCH_SIZE": "1"})
    assert done.returncode == 0, done.stderr
    with sqlite_db.read() as session:
        result = get_job(session, 1).result
    # Random weights loop and never copy a placeholder: every source is retried.
    assert result["decodes"] > result["sources_sent"] == 3
    assert result["retries_repetition"] + result["retries_truncated"] > 0
    decoding = next(line for line in done.stdout.splitlines() if line.startswith("decoding: "))
    assert decoding.startswith(f"decoding: {result['decodes']} decodes for 3 sources")
    shown = run_cli("jobs", "show", "1")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert "engine: argos, threads 1×1, batches of 1 examples, no shortlist" in lines
    assert decoding in lines
    assert any(
        line.startswith("translated: 4 segments machine-translated (3 unique") for line in lines
    )


def test_a_bad_mt_setting_stops_the_command_in_one_line(
    sqlite_db: Database, packages: Path, tiny_package_file: Path
) -> None:
    install_package(tiny_package_file, directory=packages)
    seed_project(sqlite_db, SOURCES)
    refused = run_cli("translate", "P", env={"SONGNGU_MT_BATCH_TYPE": "pages"})
    assert refused.returncode == 2
    assert refused.stderr == (
        "songngu: error: SONGNGU_MT_BATCH_TYPE='pages' is not valid: set it to examples or "
        "tokens (default examples) or unset it\n"
    )
    assert all(s.status == Status.NEW for s in _segments(sqlite_db, 1))
