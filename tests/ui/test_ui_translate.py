"""The Machine translation page headless (AppTest): models panel, start, progress, stop."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from songngu_testing import add_users, seed_project
from sqlalchemy import update
from streamlit.testing.v1 import AppTest

from primitives.statuses import Origin, Status
from translation.packages import install_package, installed_packages
from translation.shortlist_build import build_shortlist
from translation.threads import available_cores
from workflow.jobs import JobState, get_job, run_job
from workflow.models import Job
from workflow.mt import create_mt_job
from workflow.projects import get_project
from workflow.segments import list_segments
from workflow.storage import Database
from workflow.users import resolve_actor

SOURCES = ["Chào bạn.", "Chúng tôi đã đi bộ rất nhiều.", "Hội nghị bế mạc.", "Chào bạn."]


@pytest.fixture
def project(sqlite_db: Database, packages: Path) -> tuple[Database, int]:
    project_id, _ = seed_project(sqlite_db, SOURCES)
    add_users(sqlite_db)
    return sqlite_db, project_id


def _wait_for(database: Database, job_id: int, timeout: float = 60.0) -> Job:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with database.read() as session:
            job = get_job(session, job_id)
        if job.state in (JobState.SUCCEEDED, JobState.FAILED, JobState.CANCELLED):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish in {timeout} s")


def test_without_a_model_the_page_says_how_to_install_one(
    project: tuple[Database, int], run_page: Callable[..., AppTest]
) -> None:
    _, project_id = project
    app = run_page("translate", project_id)
    assert not app.exception
    assert "no Vietnamese→English package is installed" in app.error[0].value
    assert "songngu models install FILE.argosmodel" in app.error[0].value
    assert app.button(key="mt_start").disabled
    vietnamese = run_page("translate", project_id, lang="vi")
    assert "chưa cài gói dịch Việt→Anh" in vietnamese.error[0].value


def test_download_offline_gives_instructions(
    project: tuple[Database, int], run_page: Callable[..., AppTest]
) -> None:
    _, project_id = project
    app = run_page("translate", project_id)
    app.button(key="model_download").click().run()
    assert not app.exception
    assert any("cannot reach the Argos package index" in info.value for info in app.info)


def test_an_admin_installs_an_uploaded_model_then_translates(
    project: tuple[Database, int],
    tiny_package_file: Path,
    packages: Path,
    run_page: Callable[..., AppTest],
) -> None:
    database, project_id = project
    app = run_page("translate", project_id)
    upload = (tiny_package_file.name, tiny_package_file.read_bytes(), "application/zip")
    app.file_uploader(key="model_upload").set_value(upload).run()
    app.button(key="model_install").click().run()
    assert not app.exception
    assert [p.from_code + p.to_code for p in installed_packages(packages)] == ["vien"]
    assert any("Installed translate-vi_en" in s.value for s in app.success)
    assert not app.error
    assert any("4 segments nobody has worked on" in c.value for c in app.caption)

    app.number_input(key="mt_beam").set_value(2)
    app.button(key="mt_start").click().run()
    assert not app.exception
    job = _wait_for(database, 1)
    assert job.state == JobState.SUCCEEDED, job.message
    assert job.params["beam_size"] == 2
    app.run()
    assert any(
        "Job 1 finished: 4 segments machine-translated (3 unique" in s.value for s in app.success
    )
    with database.read() as session:
        segments = list_segments(session, get_project(session, project_id))
    assert all((s.status, s.origin) == (Status.DRAFT, Origin.MT) for s in segments)


def test_a_bad_upload_is_refused_in_one_line(
    project: tuple[Database, int], packages: Path, run_page: Callable[..., AppTest]
) -> None:
    _, project_id = project
    app = run_page("translate", project_id)
    app.file_uploader(key="model_upload").set_value(
        ("x.argosmodel", b"not a zip", "application/zip")
    )
    app.run()
    app.button(key="model_install").click().run()
    assert not app.exception
    assert any("x.argosmodel is not an Argos package" in e.value for e in app.error)
    assert installed_packages(packages) == []


def test_only_an_admin_may_install_models(
    project: tuple[Database, int], run_page: Callable[..., AppTest]
) -> None:
    _, project_id = project
    app = run_page("translate", project_id, user="ed")
    assert not app.exception
    assert not app.file_uploader
    assert any("Only an administrator can install models." == c.value for c in app.caption)


def test_a_running_job_shows_progress_and_can_be_stopped(
    project: tuple[Database, int],
    tiny_package_file: Path,
    packages: Path,
    run_page: Callable[..., AppTest],
) -> None:
    database, project_id = project
    install_package(tiny_package_file, directory=packages)
    with database.write() as session:
        job = create_mt_job(
            session, resolve_actor(session, "tran"), get_project(session, project_id)
        )
        job_id = job.id
        # As a worker thread reports it mid-way, without running it.
        session.execute(
            update(Job).values(
                state=JobState.RUNNING, done=3, total=10, heartbeat_at=job.created_at
            )
        )
    app = run_page("translate", project_id, user="tran")
    assert not app.exception
    assert "Job 1: 3 of 10 segments" in app.get("progress")[0].proto.text
    assert "mt_start" not in [button.key for button in app.button]  # one job at a time
    app.button(key=f"mt_cancel_{job_id}").click().run()
    assert not app.exception
    with database.read() as session:
        assert get_job(session, job_id).cancel_requested
    assert any("Stopping after the current chunk" in info.value for info in app.info)


def test_a_stopped_job_can_be_resumed(
    project: tuple[Database, int],
    tiny_package_file: Path,
    packages: Path,
    run_page: Callable[..., AppTest],
) -> None:
    database, project_id = project
    install_package(tiny_package_file, directory=packages)
    with database.write() as session:
        job = create_mt_job(
            session, resolve_actor(session, "admin"), get_project(session, project_id)
        )
        session.execute(update(Job).values(state=JobState.CANCELLED))
        job_id = job.id
    app = run_page("translate", project_id)
    assert any(f"Job {job_id} was stopped" in info.value for info in app.info)
    app.button(key=f"mt_resume_{job_id}").click().run()
    assert not app.exception
    assert _wait_for(database, job_id).state == JobState.SUCCEEDED
    with database.read() as session:
        segments = list_segments(session, get_project(session, project_id))
    assert all(s.status == Status.DRAFT for s in segments)


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        (
            "vi",
            "Lần dịch {job} thất bại: chưa thể dịch máy: chưa cài gói dịch Việt→Anh trong "
            "{folder}; quản trị viên có thể cài một gói trong mục Mô hình dịch máy",
        ),
        (
            "en",
            "Job {job} failed: machine translation is not available: no Vietnamese→English "
            "package is installed in {folder}; an administrator can install one under "
            "Translation models",
        ),
    ],
)
def test_a_failed_job_says_why_in_the_user_language(
    project: tuple[Database, int],
    tiny_package_file: Path,
    packages: Path,
    run_page: Callable[..., AppTest],
    lang: str,
    shown: str,
) -> None:
    database, project_id = project
    install_package(tiny_package_file, directory=packages)
    with database.write() as session:
        job_id = create_mt_job(
            session, resolve_actor(session, "admin"), get_project(session, project_id)
        ).id
    for package in packages.iterdir():  # removed after the job was queued
        (package / "model" / "model.bin").unlink()
    assert run_job(database, job_id) == JobState.FAILED
    app = run_page("translate", project_id, lang=lang)
    assert not app.exception
    assert shown.format(job=job_id, folder=packages) in [error.value for error in app.error]


def test_the_models_panel_and_a_finished_job_say_whether_the_shortlist_is_used(
    project: tuple[Database, int],
    copy_package_file: Path,
    packages: Path,
    run_page: Callable[..., AppTest],
) -> None:
    database, project_id = project
    package = install_package(copy_package_file, directory=packages)
    app = run_page("translate", project_id)
    assert list(app.dataframe[0].value["Vocabulary shortlist"]) == ["none"]

    corpus = [f"Câu {i}: {source}" for i, source in enumerate(SOURCES * 20)]
    build_shortlist(package, corpus, corpus_name="corpus.txt", size=40)
    app = run_page("translate", project_id)
    shown = list(app.dataframe[0].value["Vocabulary shortlist"])
    assert shown == [
        "used: 100% of test sentences identical to the full vocabulary's (threshold 99%)"
    ]
    vietnamese = run_page("translate", project_id, lang="vi")
    assert list(vietnamese.dataframe[0].value["Danh sách từ rút gọn"]) == [
        "đang dùng: 100% câu thử giống hệt bản dịch đủ từ vựng (ngưỡng 99%)"
    ]

    with database.write() as session:
        job_id = create_mt_job(
            session, resolve_actor(session, "admin"), get_project(session, project_id)
        ).id
    assert run_job(database, job_id) == JobState.SUCCEEDED
    app = run_page("translate", project_id)
    captions = [caption.value for caption in app.caption]
    assert (
        "The model ran 3 decodes for 3 sources (1.00 each); retries: 0 cut at the length "
        "limit (with a higher limit), 0 looping (with a repetition penalty), 0 with "
        "placeholders lost (unprotected)." in captions
    )
    cores = available_cores()
    assert (
        f"Threads 1×{cores}, batches of 32 sentences; vocabulary shortlist: used: 100% of "
        "test sentences identical to the full vocabulary's (threshold 99%)." in captions
    )
    vietnamese = run_page("translate", project_id, lang="vi")
    assert any(
        c.value.startswith("Mô hình chạy 3 lượt cho 3 câu nguồn (1,00 lượt")
        for c in vietnamese.caption
    )
    assert any(
        f"Luồng 1×{cores}, lô 32 câu; danh sách từ rút gọn: đang dùng" in c.value
        for c in vietnamese.caption
    )


def test_a_shortlist_below_the_threshold_shows_as_not_used(
    project: tuple[Database, int],
    tiny_package_file: Path,
    packages: Path,
    run_page: Callable[..., AppTest],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, project_id = project
    package = install_package(tiny_package_file, directory=packages)
    corpus = [f"Câu {i}: {source}" for i, source in enumerate(SOURCES * 20)]
    build_shortlist(package, corpus, corpus_name="corpus.txt", size=40)
    monkeypatch.setenv("SONGNGU_MT_SHORTLIST_MIN_IDENTICAL", "100")
    app = run_page("translate", project_id)
    (shown,) = app.dataframe[0].value["Vocabulary shortlist"]
    assert shown.startswith("not used: only ")
    assert shown.endswith(
        " of test sentences identical to the full vocabulary's, below the 100% threshold"
    )


def test_a_bad_mt_setting_is_one_clear_line_on_the_page(
    project: tuple[Database, int],
    copy_package_file: Path,
    packages: Path,
    run_page: Callable[..., AppTest],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, project_id = project
    install_package(copy_package_file, directory=packages)
    monkeypatch.setenv("SONGNGU_MT_THREADS", "9x9")
    app = run_page("translate", project_id)
    assert not app.exception
    (error,) = app.error
    assert error.value.startswith("SONGNGU_MT_THREADS='9x9' is not valid: MT threads 9×9 need 81")
    assert app.button(key="mt_start").disabled
    vietnamese = run_page("translate", project_id, lang="vi")
    assert vietnamese.error[0].value.startswith(
        "SONGNGU_MT_THREADS='9x9' không hợp lệ: số luồng dịch máy 9×9 cần 81 luồng"
    )
