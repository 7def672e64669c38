"""Glossary page and the editor's glossary panel, headless through AppTest."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from songngu_testing import add_users, seed_project
from streamlit.testing.v1 import AppTest

from primitives.terms import GlossaryEntry
from workflow.audit import AuditAction, AuditFilter, list_events
from workflow.glossary.files import read_glossary_bytes
from workflow.glossary.store import add_term, edit_term, list_terms
from workflow.projects import get_project
from workflow.storage import Database
from workflow.users import OPERATOR, resolve_actor

SOURCES = ["Ủy ban nhân dân tỉnh họp.", "Câu khác."]


@pytest.fixture
def project(sqlite_db: Database) -> tuple[Database, int]:
    add_users(sqlite_db)
    project_id, _ = seed_project(sqlite_db, SOURCES)
    return sqlite_db, project_id


def _add(database: Database, entry: GlossaryEntry) -> int:
    with database.write() as session:
        admin = resolve_actor(session, "admin")
        return add_term(session, admin, get_project(session, "P"), entry, scope="project").id


def _stored(database: Database) -> list[tuple[str, str, int]]:
    with database.read() as session:
        terms = list_terms(session, get_project(session, "P"), scope="project")
    return [(t.entry.source, t.entry.target, t.version) for t in terms]


def _table_rows(app: AppTest) -> list[tuple[str, str]]:
    frame = app.dataframe[0].value
    return list(zip(frame["Source term"], frame["Target term"], strict=True))


def _texts(elements) -> str:  # type: ignore[no-untyped-def]
    return " ".join(element.value for element in elements)


def test_add_then_search_the_table(
    project: tuple[Database, int], run_page: Callable[..., AppTest]
) -> None:
    database, project_id = project
    app = run_page("glossary", project_id)
    assert not app.exception
    assert [info.value for info in app.info] == ["This glossary has no terms yet."]
    app.text_input(key="glossary-add-project-source").input("Sở Y tế")
    app.text_input(key="glossary-add-project-target").input("Department of Health")
    app.text_input(key="glossary-add-project-variants").input("Health Department | DoH")
    app.button(key="glossary_add_button").click().run()
    assert not app.exception
    assert _texts(app.success) == "Added term 1: Sở Y tế → Department of Health."
    assert _table_rows(app) == [("Sở Y tế", "Department of Health")]
    assert app.text_input(key="glossary-add-project-source").value == ""  # ready for the next
    _add(database, GlossaryEntry("Bộ Tài chính", "Ministry of Finance"))
    app.text_input(key="glossary_search").input("so y").run()
    assert _table_rows(app) == [("Sở Y tế", "Department of Health")]

    app.text_input(key="glossary-add-project-source").input("Sở Y tế")
    app.text_input(key="glossary-add-project-target").input("department of health")
    app.button(key="glossary_add_button").click().run()
    assert "already has «Sở Y tế → Department of Health» as term 1" in _texts(app.error)


def test_a_stale_edit_is_shown_as_a_conflict_then_reload_and_save(
    project: tuple[Database, int], run_page: Callable[..., AppTest]
) -> None:
    database, project_id = project
    term_id = _add(database, GlossaryEntry("Sở Y tế", "Department of Health"))
    app = run_page("glossary", project_id)
    target_key = f"glossary-edit-{term_id}-1-target"
    assert app.text_input(key=target_key).value == "Department of Health"
    with database.write() as session:  # someone else saves after the form was drawn
        reviewer = resolve_actor(session, "rev")
        edit_term(
            session,
            reviewer,
            get_project(session, "P"),
            term_id,
            GlossaryEntry("Sở Y tế", "Health Department"),
            expected_version=1,
        )
    app.text_input(key=target_key).input("Provincial Health Department")
    app.button(key="glossary_save").click().run()
    assert not app.exception
    assert _texts(app.error) == (
        "Glossary term 1 was changed by rev (now version 2, you saw version 1); not saved. "
        "Current: «Sở Y tế → Health Department» | yours: «Sở Y tế → Provincial Health "
        "Department». Reload the glossary and try again."
    )
    assert "rev changed this term (version 2)" in _texts(app.warning)
    assert _stored(database) == [("Sở Y tế", "Health Department", 2)]

    app.button(key="glossary_reload").click().run()
    assert app.text_input(key=f"glossary-edit-{term_id}-2-target").value == "Health Department"
    app.text_input(key=f"glossary-edit-{term_id}-2-target").input("Department of Health")
    app.button(key="glossary_save").click().run()
    assert _texts(app.success) == "Saved term 1 (version 3)."
    assert _stored(database) == [("Sở Y tế", "Department of Health", 3)]

    app.button(key="glossary_delete").click().run()
    assert _texts(app.success) == "Deleted term 1."
    assert _stored(database) == []


def test_import_shows_bad_lines_and_imports_nothing(
    project: tuple[Database, int], run_page: Callable[..., AppTest]
) -> None:
    database, project_id = project
    app = run_page("glossary", project_id, lang="vi")
    bad = "source,target\nBộ Y tế,Ministry of Health\nSở,\n".encode()
    app.file_uploader(key="glossary_upload").set_value(("terms.csv", bad, "text/csv")).run()
    app.button(key="glossary_import_button").click().run()
    assert not app.exception
    assert _texts(app.error) == "terms.csv dòng 3: thiếu thuật ngữ đích; chưa nhập gì"
    assert _stored(database) == []
    good = "source,target\nBộ Y tế,Ministry of Health\nSở Y tế,Department of Health\n".encode()
    app.file_uploader(key="glossary_upload").set_value(("terms.csv", good, "text/csv")).run()
    app.button(key="glossary_import_button").click().run()
    assert _texts(app.success) == ("Đã nhập terms.csv: thêm 2, cập nhật 0, không đổi 0, bỏ qua 0.")
    assert len(_stored(database)) == 2


def test_export_is_built_on_click(
    project: tuple[Database, int], run_page: Callable[..., AppTest]
) -> None:
    database, project_id = project
    _add(database, GlossaryEntry("Sở Y tế", "Department of Health"))
    app = run_page("glossary", project_id)
    assert len(app.get("download_button")) == 0  # nothing is built before the click
    app.selectbox(key="glossary_export_format").select("tbx").run()
    app.button(key="glossary_prepare").click().run()
    assert not app.exception
    [download] = app.get("download_button")
    assert download.proto.label == "Download P-project-glossary.tbx"
    from ui.pages.glossary import EXPORT

    choice, name, data = app.session_state[EXPORT]
    assert choice == ("project", "tbx")
    assert [(e.source, e.target) for e in read_glossary_bytes(data, name)] == [
        ("Sở Y tế", "Department of Health")
    ]
    with database.read() as session:  # recorded like any other export, from the app
        [event] = list_events(session, OPERATOR, AuditFilter(action=AuditAction.EXPORT))
    assert (event.actor, event.face, event.object_type, event.project_id) == (
        "admin",
        "app",
        "glossary",
        project_id,
    )
    assert event.detail == "glossary: P-project-glossary.tbx"


def test_translators_see_the_glossary_read_only(
    project: tuple[Database, int], run_page: Callable[..., AppTest]
) -> None:
    database, project_id = project
    _add(database, GlossaryEntry("Sở Y tế", "Department of Health"))
    app = run_page("glossary", project_id, user="tran")
    assert not app.exception
    assert "reviewers, editors and admins change it" in _texts(app.info)
    assert _table_rows(app) == [("Sở Y tế", "Department of Health")]
    keys = {button.key for button in app.button}
    assert "glossary_add_button" not in keys and "glossary_save" not in keys
    assert "glossary_prepare" in keys  # exporting is open to everyone
    assert "also uses the shipped official-names glossary (" in _texts(app.caption)


def test_editor_panel_shows_terms_and_checks_the_target(
    project: tuple[Database, int], run_page: Callable[..., AppTest]
) -> None:
    database, project_id = project
    _add(database, GlossaryEntry("tỉnh", "Region", status="forbidden"))
    app = run_page("review", project_id)
    assert not app.exception
    panel = next(frame.value for frame in app.dataframe if "Source term" in frame.value.columns)
    # The body and its unit word are one compound name in English order; the project's
    # forbidden wording for the word inside it stays in view.
    assert list(zip(panel["Source term"], panel["Target term"], panel["Status"], strict=True)) == [
        ("Ủy ban nhân dân tỉnh", "provincial People's Committee", ""),
        ("tỉnh", "Region", "FORBIDDEN"),
    ]
    assert list(panel["In MT"]) == [
        "kept fixed: composed of «Ủy ban nhân dân» + «tỉnh»",
        "forbidden",
    ]
    segment_id = app.selectbox(key="side_segment").value
    app.text_area(key=f"side-{segment_id}-1").input("The Region committee met.").run()
    warnings = [w.value for w in app.warning]
    assert (
        r"«Ủy ban nhân dân tỉnh» should be translated as «provincial People's Committee»\."
        in warnings
    )
    assert r"Forbidden term «Region» for «tỉnh»\." in warnings
    app.text_area(key=f"side-{segment_id}-1").input("The provincial People's Committee met.").run()
    assert not app.warning
    assert "The target uses the glossary terms." in _texts(app.caption)


def test_shipped_official_names_are_searchable_read_only(
    sqlite_db: Database, run_page: Callable[..., AppTest]
) -> None:
    from songngu_testing import ADMIN

    from workflow.demo import create_demo

    create_demo(sqlite_db, ADMIN)
    app = run_page("glossary")
    app.radio(key="glossary_scope").set_value("Shipped official names (read-only)").run()
    app.text_input(key="glossary_search").input("uy ban nhan dan").run()
    assert not app.exception
    table = app.dataframe[0].value
    assert "People's Committee" in " ".join(table["Target term"].astype(str))
    assert not [b for b in app.button if b.label == "Add"]
