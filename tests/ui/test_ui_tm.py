"""The editor's TM panel and the Source page's TM section, headless through AppTest."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from songngu_testing import add_users, seed_project
from sqlalchemy import update
from streamlit.testing.v1 import AppTest

from primitives.statuses import Origin, Status
from ui.components.tm_panel import diff_markdown
from workflow.audit import AuditAction, AuditFilter, list_events
from workflow.models import Segment
from workflow.projects import get_project
from workflow.segments import edit_target, get_segment, save_and_confirm, set_status
from workflow.storage import Database
from workflow.tm.diff import diff_words
from workflow.tm.lookup import clear_index_cache
from workflow.tm.model import TMUnit
from workflow.tm.settings import tm_settings
from workflow.tm.store import list_units
from workflow.tm.tmx import write_tmx
from workflow.users import OPERATOR, resolve_actor

SOURCES = ["Hội nghị bắt đầu lúc 10 giờ.", "Hội nghị bắt đầu lúc 9 giờ sáng nay."]


@pytest.fixture
def project(sqlite_db: Database) -> tuple[Database, int, list[int]]:
    clear_index_cache()
    add_users(sqlite_db)
    project_id, ids = seed_project(sqlite_db, SOURCES)
    with sqlite_db.write() as session:  # the second segment, reviewed, is the TM's unit
        admin = resolve_actor(session, "admin")
        save_and_confirm(
            session, admin, ids[1], "The *conference* starts at 9.", expected_version=1
        )
        set_status(session, admin, ids[1], Status.REVIEWED)
    return sqlite_db, project_id, ids


def _markdown(app: AppTest) -> list[str]:
    return [element.value for element in app.markdown]


def test_diff_markup_escapes_text_and_keeps_spaces_outside_marks() -> None:
    spans = diff_words("Giá *1* đồng [x].", "Giá 2 đồng [x].")
    assert diff_markdown(spans) == r"Giá ~~\*1\*~~**2** đồng \[x\]\."
    assert diff_markdown([("insert", " mới "), ("equal", "<g1>")]) == r" **mới** \<g1\>"


def test_panel_shows_the_fuzzy_match_and_use_fills_the_target(
    project: tuple[Database, int, list[int]], run_page: Callable[..., AppTest]
) -> None:
    database, project_id, ids = project
    app = run_page("review", project_id)
    assert not app.exception
    assert app.selectbox(key="side_segment").value == ids[0]
    texts = _markdown(app)
    heading = next(text for text in texts if "fuzzy" in text)
    assert "numbers differ" in heading and heading.startswith("**")
    # What the TM source has that this segment lacks is struck, what is new is bold.
    assert r"Hội nghị bắt đầu lúc ~~9~~**10** giờ ~~sáng nay~~\." in texts
    assert r"The \*conference\* starts at 9\." in texts  # the target, escaped
    assert any(c.value.startswith(r"P / doc · admin · 20") for c in app.caption)
    app.button(key=f"tm-use-{ids[0]}-0").click().run()
    assert not app.exception
    with database.read() as session:
        segment = get_segment(session, ids[0])
        assert (segment.target, Status(segment.status), Origin(segment.origin)) == (
            "The *conference* starts at 9.",
            Status.DRAFT,
            Origin.TM,
        )
    assert app.text_area(key=f"side-{ids[0]}-2").value == "The *conference* starts at 9."
    assert any("Used the TM translation for segment" in s.value for s in app.success)


def test_use_on_a_stale_version_is_a_conflict_with_both_texts(
    project: tuple[Database, int, list[int]], run_page: Callable[..., AppTest]
) -> None:
    database, project_id, ids = project
    app = run_page("review", project_id)
    with database.write() as session:  # someone else saves meanwhile
        session.execute(
            update(Segment)
            .where(Segment.id == ids[0])
            .values(target="Typed by Lan.", status=int(Status.DRAFT), version=2, updated_by="lan")
        )
    app.button(key=f"tm-use-{ids[0]}-0").click().run()
    errors = " ".join(error.value for error in app.error)
    assert f"Segment {ids[0]} was changed by lan (now version 2, you edited version 1)" in errors
    assert "«Typed by Lan.»" in errors and "«The *conference* starts at 9.»" in errors
    with database.read() as session:
        assert get_segment(session, ids[0]).target == "Typed by Lan."


def test_source_page_imports_tmx_and_saves_options(
    project: tuple[Database, int, list[int]], run_page: Callable[..., AppTest]
) -> None:
    database, project_id, _ = project
    app = run_page("source", project_id)
    assert not app.exception
    assert "Project TM: 1 unit · shared TM: 0 units." in [c.value for c in app.caption]
    data = write_tmx([TMUnit("Xin chào.", "Hello.")], tool_version="1")
    app.file_uploader(key="tm_upload").set_value(("memory.tmx", data, "application/xml")).run()
    app.button(key="tm_import_button").click().run()
    assert any("Imported memory.tmx: 1 added" in s.value for s in app.success), app.error
    app.checkbox(key=f"tm_share-{project_id}").check().run()
    app.button(key="tm_save_settings").click().run()
    with database.read() as session:
        project_row = get_project(session, project_id)
        assert tm_settings(project_row).share is True
        assert [u.target for u in list_units(session, project_row)][-1] == "Hello."
    app.button(key="tm_prepare_export").click().run()
    download = app.get("download_button")
    assert download and "P-tm.tmx" in download[0].proto.label
    with database.read() as session:  # recorded like any other export, from the app
        [event] = list_events(session, OPERATOR, AuditFilter(action=AuditAction.EXPORT))
    assert (event.face, event.object_type, event.detail) == ("app", "tm", "TM: P-tm.tmx")


def test_options_are_read_only_without_manage_project(
    project: tuple[Database, int, list[int]], run_page: Callable[..., AppTest]
) -> None:
    _, project_id, _ = project
    app = run_page("source", project_id, user="tran")
    assert app.checkbox(key=f"tm_share-{project_id}").disabled
    assert app.button(key="tm_save_settings").disabled


REPEATS = ["Xin chào.", "Kết thúc.", "Xin chào.", "xin chào."]


def _repeats_message(app: AppTest) -> list[str]:
    return [i.value for i in app.info if "of the project with this translation" in i.value]


def test_save_and_confirm_in_the_editor_says_how_many_repeats_it_filled(
    project: tuple[Database, int, list[int]], run_page: Callable[..., AppTest]
) -> None:
    database, _, _ = project
    project_id, ids = seed_project(database, REPEATS, name="R")
    app = run_page("review", project_id)
    assert app.selectbox(key="side_segment").value == ids[0]
    app.text_area(key=f"side-{ids[0]}-1").input("Hello.").run()
    app.button(key="side_confirm").click().run()
    assert not app.exception
    assert _repeats_message(app) == [
        "Filled 2 repeated segments of the project with this translation."
    ]
    with database.read() as session:
        assert [get_segment(session, i).target for i in ids] == ["Hello.", "", "Hello.", "Hello."]


def test_a_status_change_in_the_editor_says_how_many_repeats_it_filled(
    project: tuple[Database, int, list[int]], run_page: Callable[..., AppTest]
) -> None:
    database, _, _ = project
    project_id, ids = seed_project(database, REPEATS, name="R")
    with database.write() as session:
        edit_target(session, resolve_actor(session, "admin"), ids[0], "Hello.")
    app = run_page("review", project_id)
    app.selectbox(key="side_status").set_value("translated").run()
    app.button(key="side_apply").click().run()
    assert not app.exception
    assert _repeats_message(app) == [
        "Filled 2 repeated segments of the project with this translation."
    ]
    app.selectbox(key="side_status").set_value("reviewed").run()
    app.button(key="side_apply").click().run()  # the repeats hold this text already
    assert not app.exception and _repeats_message(app) == []
    with database.read() as session:
        assert Status(get_segment(session, ids[0]).status) is Status.REVIEWED
