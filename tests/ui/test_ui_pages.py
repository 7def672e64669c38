"""Each page headless through Streamlit's AppTest, on a database with the demo project."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from songngu_testing import ADMIN, REPO
from songngu_testing.app_sessions import signed_in_as
from streamlit.testing.v1 import AppTest

from primitives.statuses import Status
from ui.auth import AUTH
from workflow.demo import DEMO_PROJECT, create_demo
from workflow.projects import get_project
from workflow.segments import get_segment, list_segments
from workflow.storage import Database


@pytest.fixture
def demo(sqlite_db: Database) -> tuple[Database, int]:
    create_demo(sqlite_db, ADMIN)
    with sqlite_db.read() as session:
        project_id = get_project(session, DEMO_PROJECT).id
    return sqlite_db, project_id


def test_router_opens_the_projects_page(demo: tuple[Database, int]) -> None:
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    app.session_state[AUTH] = signed_in_as("admin")
    app.run()
    assert not app.exception
    assert app.title[0].value in ("Dự án", "Projects")


def test_projects_page_lists_and_creates(
    demo: tuple[Database, int], run_page: Callable[..., AppTest]
) -> None:
    app = run_page("projects", lang="vi")
    assert not app.exception
    assert app.title[0].value == "Dự án"
    app.text_input[0].input("Dự án mới")
    app.button[0].click().run()
    assert not app.exception
    assert any("Dự án mới" in s.value for s in app.success) or app.session_state["project_id"]


def test_projects_page_refuses_a_duplicate_name(
    demo: tuple[Database, int], run_page: Callable[..., AppTest]
) -> None:
    app = run_page("projects")
    app.text_input[0].input(DEMO_PROJECT)
    app.button[0].click().run()
    assert not app.exception
    assert any("already exists" in e.value for e in app.error)


def test_source_page_imports_pasted_text(
    demo: tuple[Database, int], run_page: Callable[..., AppTest]
) -> None:
    database, project_id = demo
    app = run_page("source", project_id)
    assert not app.exception
    app.text_input(key="paste_title").input("Pasted")
    app.text_area(key="paste_text").input("Câu thứ nhất. Câu thứ hai.\nDòng khác.")
    app.button[0].click().run()
    assert not app.exception
    assert any("Pasted" in s.value and "3" in s.value for s in app.success)


def test_source_page_shows_bad_input_as_a_message(
    demo: tuple[Database, int], run_page: Callable[..., AppTest]
) -> None:
    _, project_id = demo
    app = run_page("source", project_id)
    app.button[0].click().run()
    assert [e.value for e in app.error] == ["There is no file or text to import."]


def test_review_page_saves_an_edit_and_refuses_a_stale_one(
    demo: tuple[Database, int], run_page: Callable[..., AppTest]
) -> None:
    database, project_id = demo
    with database.read() as session:
        first, second = list_segments(session, get_project(session, project_id))[:2]
    app = run_page("review", project_id)
    assert not app.exception
    # Someone else saves the first segment after this page was drawn.
    from workflow.segments import edit_target
    from workflow.users import resolve_actor

    with database.write() as session:
        edit_target(session, resolve_actor(session, "admin"), first.id, "Their text.")
    app.text_area(key=f"side-{first.id}-1").input("My text.")
    app.button(key="side_save").click().run()
    assert not app.exception
    errors = " ".join(e.value for e in app.error)
    assert "Their text." in errors and "My text." in errors
    app.button(key=f"review-open-{second.id}").click().run()
    app.text_area(key=f"side-{second.id}-1").input("Second segment.")
    app.button(key="side_save").click().run()
    assert not app.exception
    assert any("Saved segment" in s.value for s in app.success)
    with database.read() as session:
        segments = list_segments(session, get_project(session, project_id))
        assert segments[0].target == "Their text."
        assert segments[1].target == "Second segment."
        assert Status(get_segment(session, segments[1].id).status) is Status.DRAFT


def test_pages_ask_for_a_project_first(
    sqlite_db: Database, run_page: Callable[..., AppTest]
) -> None:
    for page in ("source", "review"):
        app = run_page(page)
        assert not app.exception
        assert app.warning[0].value == "Choose a project on the Projects page first."


def test_partner_profiles_are_editable_on_the_projects_page(
    demo: tuple[Database, int], run_page: Callable[..., AppTest]
) -> None:
    database, _ = demo
    app = run_page("projects")
    app.selectbox(key="partner_edit_name").set_value("USAID").run()
    country = next(s for s in app.selectbox if s.label.startswith("country_name"))
    country.set_value("Viet Nam")
    next(b for b in app.button if b.label == "Save").click().run()
    assert not app.exception
    assert any("USAID" in s.value for s in app.success)
    from workflow.partners import get_partner

    with database.read() as session:
        assert get_partner(session, "USAID").settings["country_name"] == "Viet Nam"


@pytest.mark.parametrize(
    ("lang", "count", "history"),
    [
        ("en", "1 segment", "v2 · admin · status: 'new' → 'draft'"),
        ("vi", "1 câu", "v2 · admin · trạng thái: 'mới' → 'nháp'"),
    ],
)
def test_counts_and_history_read_in_the_user_language(
    sqlite_db: Database, run_page: Callable[..., AppTest], lang: str, count: str, history: str
) -> None:
    from songngu_testing import seed_project

    from workflow.segments import edit_target
    from workflow.users import resolve_actor

    project_id, (segment_id,) = seed_project(sqlite_db, ["Chào bạn."])
    with sqlite_db.write() as session:
        edit_target(session, resolve_actor(session, "admin"), segment_id, "Hello.")
    app = run_page("review", project_id, lang=lang)
    assert not app.exception
    captions = [caption.value for caption in app.caption]
    assert count in captions  # never "1 segments"
    assert history in captions
    assert any(
        f"{count}" in expander.label
        for expander in run_page("source", project_id, lang=lang).expander
    )
