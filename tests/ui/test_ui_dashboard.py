"""The Projects page's dashboard, headless in both languages: counts, bars, the step
indicator per document, recent activity; titles shown as text."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from songngu_testing import ADMIN
from streamlit.testing.v1 import AppTest

from primitives.statuses import Status
from workflow.importing import import_document
from workflow.projects import create_project
from workflow.segments import edit_target, list_segments, set_status
from workflow.storage import Database
from workflow.users import resolve_actor


@pytest.fixture
def project(sqlite_db: Database) -> Database:
    with sqlite_db.write() as session:
        admin = resolve_actor(session, ADMIN.name)
        project = create_project(session, admin, "Bảng", "USAID")
        import_document(
            session, admin, project, "Báo cáo năm 2025.\n\nHội nghị bế mạc.\n".encode(), "a.txt"
        )
        import_document(
            session, admin, project, "Phụ lục một.\n".encode(), "annex.txt", title="<b>x</b>"
        )
        annex = list_segments(session, project)[-1]
        edit_target(session, admin, annex.id, "Annex one.")
        set_status(session, admin, annex.id, Status.TRANSLATED)
        st_project_id = project.id
    sqlite_db.project_id = st_project_id  # type: ignore[attr-defined]
    return sqlite_db


def _captions(app: AppTest) -> list[str]:
    return [caption.value for caption in app.caption]


@pytest.mark.parametrize(
    ("lang", "header", "bar", "step", "activity"),
    [
        ("vi", "Tổng quan dự án", "Đã dịch: 1/3 câu", "✓ đã nhập → ● đã dịch", "chuyển sang đã dịch"),
        ("en", "Project dashboard", "Translated: 1/3 segments", "✓ imported → ● translated",
         "set to translated"),
    ],
)  # fmt: skip
def test_the_dashboard_in_both_languages(
    project: Database,
    run_page: Callable[..., AppTest],
    lang: str,
    header: str,
    bar: str,
    step: str,
    activity: str,
) -> None:
    app = run_page("projects", project.project_id, lang=lang)  # type: ignore[attr-defined]
    assert not app.exception
    assert header in [sub.value for sub in app.subheader]
    bars = [element.proto.text for element in app.get("progress")]
    assert bar in bars
    captions = _captions(app)
    # The first document is imported; the annex (its one segment confirmed) translated.
    assert any(c.startswith(step) for c in captions)
    steps = [c.split(" → ") for c in captions if "→" in c]
    assert [[part[0] for part in parts] for parts in steps] == [list("✓●○○○"), list("✓✓●○○")]
    # The title with markup is shown as its text (escaped markdown, no HTML).
    assert r"**\<b\>x\</b\>**" in [m.value for m in app.markdown]
    recent = app.dataframe[-1].value
    assert activity in recent.iloc[:, 2].tolist()
    assert "admin" in recent.iloc[:, 1].tolist()


def test_one_segment_reads_singular_in_english(
    sqlite_db: Database, run_page: Callable[..., AppTest]
) -> None:
    with sqlite_db.write() as session:
        admin = resolve_actor(session, ADMIN.name)
        project = create_project(session, admin, "Một", "USAID")
        import_document(session, admin, project, "Phụ lục một.\n".encode(), "one.txt")
        project_id = project.id
    app = run_page("projects", project_id, lang="en")
    assert not app.exception
    assert "Translated: 0/1 segment" in [e.proto.text for e in app.get("progress")]
    assert any(c.startswith("1 segment, 3 words") for c in _captions(app))


def test_an_image_file_name_does_not_hold_the_step_back(
    sqlite_db: Database, run_page: Callable[..., AppTest]
) -> None:
    """A segment not to translate is finished as it is read: the document reaches approved
    when its one sentence is approved, and the bar counts the file name as done."""
    with sqlite_db.write() as session:
        admin = resolve_actor(session, ADMIN.name)
        project = create_project(session, admin, "Ảnh", "USAID")
        import_document(session, admin, project, "Phụ lục một.\n\nhoan2.jpg\n".encode(), "a.txt")
        text = list_segments(session, project)[0]
        edit_target(session, admin, text.id, "Annex one.")
        for status in (Status.TRANSLATED, Status.REVIEWED, Status.APPROVED):
            set_status(session, admin, text.id, status)
        project_id = project.id
    app = run_page("projects", project_id, lang="en")
    assert not app.exception
    assert "Translated: 2/2 segments" in [e.proto.text for e in app.get("progress")]
    steps = [c.split(" → ") for c in _captions(app) if "→" in c]
    assert [[part[0] for part in parts] for parts in steps] == [list("✓✓✓✓●")]  # export next
