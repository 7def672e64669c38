"""The Review page's glossary-term filter and the side editor's "Add a term" form, headless,
in both languages."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pytest
from songngu_testing.qa import qa_project
from streamlit.testing.v1 import AppTest

from primitives.terms import GlossaryEntry
from workflow.glossary.store import add_term, list_terms
from workflow.projects import get_project
from workflow.storage import Database
from workflow.users import resolve_actor

PageRunner = Callable[..., AppTest]
SOURCES = [
    "Xã có nhiều hộ nghèo.",
    unicodedata.normalize("NFD", "Số hộ nghèo giảm."),
    "Những hộ nghèonàn.",
    "Trường có cơ sở vật chất tốt.",
]


def _open_buttons(app: AppTest) -> list[str]:
    return [b.key for b in app.button if b.key and b.key.startswith("review-open-")]


def _project(database: Database) -> tuple[int, list[int]]:
    project_id, ids = qa_project(database, SOURCES)
    with database.write() as session:
        add_term(
            session,
            resolve_actor(session, "admin"),
            get_project(session, project_id),
            GlossaryEntry("hộ nghèo", "poor household"),
            scope="project",
        )
    return project_id, ids


def _terms(database: Database, project_id: int) -> list[tuple[str, str]]:
    with database.read() as session:
        found = list_terms(session, get_project(session, project_id))
        return [(term.entry.source, term.entry.target) for term in found]


def test_the_glossary_term_filter_narrows_the_list(
    sqlite_db: Database, run_page: PageRunner
) -> None:
    project_id, ids = _project(sqlite_db)
    app = run_page("review", project_id)
    assert len(_open_buttons(app)) == 4
    assert "hộ nghèo" in app.selectbox(key="review_term").options
    app.selectbox(key="review_term").set_value("hộ nghèo").run()
    assert not app.exception
    assert _open_buttons(app) == [f"review-open-{i}" for i in ids[:2]]
    app.text_input(key="review_text").input("xã").run()  # combined with the text filter
    assert _open_buttons(app) == [f"review-open-{ids[0]}"]
    app.text_input(key="review_text").input("").run()
    app.selectbox(key="review_term").set_value(None).run()
    assert len(_open_buttons(app)) == 4


@pytest.mark.parametrize(
    ("lang", "added", "absent", "duplicate"),
    [
        (
            "en",
            "Added term",
            "is not in the source of segment",
            "the project glossary already has «cơ sở vật chất → facilities»",
        ),
        (
            "vi",
            "Đã thêm thuật ngữ",
            "không có trong câu nguồn",
            "bảng thuật ngữ của dự án đã có «cơ sở vật chất → facilities»",
        ),
    ],
)
def test_a_term_is_added_from_a_phrase_of_the_segment(
    sqlite_db: Database,
    run_page: PageRunner,
    lang: str,
    added: str,
    absent: str,
    duplicate: str,
) -> None:
    project_id, ids = _project(sqlite_db)
    app = run_page("review", project_id, lang=lang)
    app.button(key=f"review-open-{ids[3]}").click().run()
    phrase, target = f"add-term-phrase-{ids[3]}", f"add-term-target-{ids[3]}"

    app.text_input(key=phrase).input("vật chất xấu")
    app.text_input(key=target).input("bad facilities")
    app.button(key=f"add-term-{ids[3]}").click().run()
    assert not app.exception
    assert any(absent in error.value for error in app.error)
    assert app.text_input(key=phrase).value == "vật chất xấu"  # kept to correct it

    app.text_input(key=phrase).input("cơ sở vật chất")
    app.text_input(key=target).input("facilities")
    app.button(key=f"add-term-{ids[3]}").click().run()
    assert any(added in message.value for message in app.success)
    assert app.text_input(key=phrase).value == ""
    assert ("cơ sở vật chất", "facilities") in _terms(sqlite_db, project_id)
    # The glossary panel of the same segment finds the new term at once.
    assert any("facilities" in str(frame.value) for frame in app.dataframe)

    app.text_input(key=phrase).input("cơ sở vật chất")
    app.text_input(key=target).input("facilities")
    app.button(key=f"add-term-{ids[3]}").click().run()
    assert any(duplicate in error.value for error in app.error), [e.value for e in app.error]
    assert _terms(sqlite_db, project_id).count(("cơ sở vật chất", "facilities")) == 1


def test_a_translator_is_not_offered_the_form(sqlite_db: Database, run_page: PageRunner) -> None:
    project_id, ids = _project(sqlite_db)
    app = run_page("review", project_id, user="tran")
    assert not app.exception
    assert not [b for b in app.button if b.key and b.key.startswith("add-term-")]
