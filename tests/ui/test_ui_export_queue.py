"""The Export page with the Redis runner: a file is built by a `songngu worker` as an
export job, the page follows the job, then offers the file like one built in the app; a
job that fails says why in the interface language."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from songngu_testing import add_users
from songngu_testing.queue import Workers
from streamlit.testing.v1 import AppTest

from primitives.statuses import Status
from workflow.importing import import_document
from workflow.jobs import get_job
from workflow.projects import create_project
from workflow.segments import edit_target, list_segments, set_status
from workflow.storage import Database
from workflow.users import resolve_actor

PageRunner = Callable[..., AppTest]


def _project(database: Database) -> int:
    add_users(database)
    with database.write() as session:
        admin = resolve_actor(session, "admin")
        found = create_project(session, admin, "Báo cáo 2026")
        import_document(session, admin, found, "Báo cáo năm 2025.\n".encode(), "bao-cao.txt")
        first = list_segments(session, found)[0]
        edit_target(session, admin, first.id, "The 2025 report.")
        set_status(session, admin, first.id, Status.TRANSLATED)
        return found.id


def _state(app: AppTest, key: str) -> dict:  # type: ignore[type-arg]
    return app.session_state[key] if key in app.session_state else {}


def _until(app: AppTest, done: Callable[[AppTest], bool], timeout: float = 60) -> AppTest:
    deadline = time.monotonic() + timeout
    while not done(app):
        assert time.monotonic() < deadline, [e.value for e in app.markdown]
        time.sleep(0.5)
        app.run()
    return app


def test_a_worker_builds_the_file_and_the_page_offers_it(
    sqlite_db: Database, workers: Workers, run_page: PageRunner
) -> None:
    workers.start(1)
    app = run_page("export", _project(sqlite_db), lang="vi")
    assert "máy chạy tác vụ" in " ".join(caption.value for caption in app.caption)
    app.button(key="export-prepare-xliff12").click().run()
    assert not app.exception
    _, job_id = app.session_state["export_queued"]["xliff12"]
    _until(app, lambda page: "xliff12" in _state(page, "export_prepared"))
    assert not app.exception
    _, name, data, _ = app.session_state["export_prepared"]["xliff12"]
    assert name == "bao-cao-2026.xlf" and b"The 2025 report." in data
    assert "Đã tạo bao-cao-2026.xlf" in " ".join(message.value for message in app.success)
    assert len(list(app.get("download_button"))) == 1
    assert "xliff12" not in app.session_state["export_queued"]
    with sqlite_db.read() as session:  # built by the worker, not by the app's process
        claim = get_job(session, job_id).claimed_by
    assert "pid" in claim and f"pid {os.getpid()} " not in claim, claim


def test_a_failed_export_job_says_why_in_vietnamese(
    sqlite_db: Database, workers: Workers, run_page: PageRunner
) -> None:
    workers.start(1)
    app = run_page("export", _project(sqlite_db), lang="vi")
    app.button(key="export-prepare-docx").click().run()  # a text source has no DOCX to rebuild
    _until(app, lambda page: "docx" not in _state(page, "export_queued"))
    assert not app.exception
    errors = " ".join(message.value for message in app.error)
    assert "DOCX" in errors and "Traceback" not in errors
    assert list(app.get("download_button")) == []
