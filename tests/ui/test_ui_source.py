"""Source page through AppTest: segmentation preview, project rules, merge and split."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from songngu_testing import add_users
from songngu_testing.app_sessions import signed_in_as
from streamlit.testing.v1 import AppTest

from primitives.statuses import Status
from ui.auth import AUTH
from workflow.importing import import_document
from workflow.project_rules import RulesChange, change_project_rules
from workflow.projects import create_project, get_project
from workflow.segments import edit_target, list_segments
from workflow.storage import Database
from workflow.users import resolve_actor

TEXT = "Do KTS. Long thiết kế. Hết.\nĐoạn **hai** có một câu.\n"


@pytest.fixture
def project(sqlite_db: Database) -> tuple[Database, int]:
    """A project with one imported Markdown document (two paragraphs, four segments)."""
    add_users(sqlite_db)
    with sqlite_db.write() as session:
        admin = resolve_actor(session, "admin")
        found = create_project(session, admin, "Nguồn")
        import_document(session, admin, found, TEXT.replace("\n", "\n\n").encode(), "a.md")
        project_id = found.id
    return sqlite_db, project_id


def _sources(database: Database, project_id: int) -> list[str]:
    with database.read() as session:
        return [s.source for s in list_segments(session, get_project(session, project_id))]


def _texts(elements) -> list[str]:  # type: ignore[no-untyped-def]
    return [element.value for element in elements]


def test_preview_uses_the_project_rules_then_imports(
    project: tuple[Database, int], run_page: Callable[..., AppTest]
) -> None:
    database, project_id = project
    with database.write() as session:
        change_project_rules(
            session,
            resolve_actor(session, "admin"),
            get_project(session, project_id),
            RulesChange(add_abbreviations=("KTS",)),
        )
    app = run_page("source", project_id)
    app.text_input(key="paste_title").input("Dán")
    app.text_area(key="paste_text").input(TEXT).run()
    assert not app.exception
    assert "Segmentation preview" in _texts(app.subheader)
    assert any("2 paragraphs → 3 segments" in c for c in _texts(app.caption))
    preview = app.dataframe[0].value
    assert list(preview["Source (Vietnamese)"]) == [
        "Do KTS. Long thiết kế.",
        "Hết.",
        "Đoạn **hai** có một câu.",
    ]
    assert list(preview["Paragraph"]) == [1, 1, 2]
    app.button[0].click().run()
    assert any("Imported Dán: 3 segments" in s for s in _texts(app.success))
    with database.read() as session:
        documents = get_project(session, project_id).documents
        assert [d.title for d in documents] == ["a", "Dán"]


def test_a_bad_upload_is_an_error_in_the_preview_not_a_traceback(
    project: tuple[Database, int], run_page: Callable[..., AppTest]
) -> None:
    _, project_id = project
    app = run_page("source", project_id)
    app.file_uploader[0].set_value(("report.docx", b"not a zip file", "application/zip")).run()
    assert not app.exception
    assert len(app.error) == 1 and "report.docx" in app.error[0].value
    app.button[0].click().run()
    assert not app.exception and all("report.docx" in e for e in _texts(app.error))


def test_rules_editor_saves_refuses_bad_patterns_and_checks_the_role(
    project: tuple[Database, int], run_page: Callable[..., AppTest]
) -> None:
    database, project_id = project
    app = run_page("source", project_id)
    abbreviations = app.text_area(key="rules-abbreviations-0")
    assert "TS" in abbreviations.value.splitlines()
    abbreviations.input(abbreviations.value + "\nKTS.")
    app.button(key="rules_save").click().run()
    assert not app.exception
    assert "Saved the segmentation rules; new imports use them." in _texts(app.success)
    assert any("abbreviations: +KTS" in c for c in _texts(app.caption))
    with database.read() as session:
        stored = get_project(session, project_id).settings["segmentation"]
        assert "KTS" in stored["abbreviations"]

    app.text_area(key="rules-no_break_patterns-1").input("(unclosed")
    app.button(key="rules_save").click().run()
    assert not app.exception
    assert any("not a valid regular expression" in e for e in _texts(app.error))

    translator = run_page("source", project_id, user="tran")
    translator.button(key="rules_reset").click().run()
    assert any("may not manage project" in e for e in _texts(translator.error))
    with database.read() as session:
        assert "segmentation" in get_project(session, project_id).settings


def test_merge_with_next_and_a_stale_merge(
    project: tuple[Database, int], run_page: Callable[..., AppTest]
) -> None:
    database, project_id = project
    app = run_page("source", project_id)
    ids = [option for option in app.selectbox(key="tools_segment").options]
    assert len(ids) == 4
    app.button(key="merge_next").click().run()
    assert not app.exception
    assert any(s.startswith("Merged into segment") for s in _texts(app.success))
    assert _sources(database, project_id)[0] == "Do KTS. Long thiết kế."

    # Someone edits the next segment after the page was drawn: the merge is refused.
    with database.read() as session:
        segments = list_segments(session, get_project(session, project_id))
    with database.write() as session:
        edit_target(session, resolve_actor(session, "admin"), segments[1].id, "The end.")
    app.button(key="merge_next").click().run()
    assert any("you saw version 1" in e for e in _texts(app.error))
    assert len(_sources(database, project_id)) == 3

    # The last segment of a paragraph cannot be merged into the next paragraph.
    app.selectbox(key="tools_segment").set_value(segments[1].id).run()
    app.button(key="merge_next").click().run()
    assert any("different paragraphs" in e for e in _texts(app.error))


def test_split_before_text_at_offset_and_refusals(
    project: tuple[Database, int], run_page: Callable[..., AppTest]
) -> None:
    database, project_id = project
    with database.read() as session:
        last = list_segments(session, get_project(session, project_id))[-1]
    assert last.source == "Đoạn <g1>hai</g1> có một câu."
    app = run_page("source", project_id, lang="vi")
    app.selectbox(key="tools_segment").set_value(last.id).run()
    app.button(key="split").click().run()
    assert _texts(app.error) == ["Hãy gõ đoạn chữ mở đầu phần sau, hoặc một vị trí lớn hơn 0."]

    app.number_input(key=f"split-at-{last.id}-1").set_value(7).run()
    app.button(key="split").click().run()
    assert any("rơi vào giữa thẻ <g1>" in e for e in _texts(app.error))

    app.text_input(key=f"split-before-{last.id}-1").input("HAI").run()
    app.button(key="split").click().run()
    assert not app.exception
    assert any(f"Đã tách câu {last.id}" in s for s in _texts(app.success))
    assert _sources(database, project_id)[-2:] == ["Đoạn", "<g1>hai</g1> có một câu."]
    with database.read() as session:
        first, rest = list_segments(session, get_project(session, project_id))[-2:]
        assert Status(first.status) is Status.NEW and first.version == 2

    # An offset counts tags too: split the new segment right after the bold word.
    app.selectbox(key="tools_segment").set_value(rest.id).run()
    app.number_input(key=f"split-at-{rest.id}-1").set_value(len("<g1>hai</g1>")).run()
    app.button(key="split").click().run()
    assert not app.exception and len(app.success) == 1
    assert _sources(database, project_id)[-3:] == ["Đoạn", "<g1>hai</g1>", "có một câu."]


def test_a_reimport_reports_its_changes_and_review_shows_the_changed_source(
    project: tuple[Database, int], run_page: Callable[..., AppTest]
) -> None:
    database, project_id = project
    with database.read() as session:
        before = list_segments(session, get_project(session, project_id))
    app = run_page("source", project_id)
    app.text_input(key="paste_title").input("a")
    app.text_area(key="paste_text").input("Do KTS. Long thiết kế. Hết.\nĐoạn hai có hai câu.\n")
    app.run()
    app.button[0].click().run()
    assert not app.exception
    assert "Revision 2: 3 unchanged, 1 changed, 0 added, 0 removed." in _texts(app.info)
    assert any(c.startswith("Last import: revision 2, admin, ") for c in _texts(app.caption))
    with database.read() as session:
        after = list_segments(session, get_project(session, project_id))
    assert [s.id for s in after] == [s.id for s in before]
    assert after[-1].source == "Đoạn hai có hai câu."

    vietnamese = run_page("source", project_id, lang="vi")
    assert any(
        c.startswith("Lần nhập gần nhất: phiên bản 2, admin, ") for c in _texts(vietnamese.caption)
    )

    source = "import importlib\nimportlib.import_module('ui.pages.review').render()\n"
    review = AppTest.from_string(source, default_timeout=30)
    review.session_state["lang"] = "en"
    review.session_state[AUTH] = signed_in_as("admin")
    review.session_state["project_id"] = project_id
    review.run()
    review.selectbox(key="side_segment").set_value(after[-1].id).run()
    assert not review.exception
    assert (
        "The source changed at re-import (revision 2); the translation is of the previous "
        "source: «Đoạn <g1>hai</g1> có một câu.». Check the translation." in _texts(review.warning)
    )


def test_an_xliff_upload_round_trips_with_a_dry_run_first(
    project: tuple[Database, int], run_page: Callable[..., AppTest]
) -> None:
    from exporters.registry import get_format
    from workflow.stores import document_store

    database, project_id = project
    with database.read() as session:
        document = get_project(session, project_id).documents[0]
        data = get_format("xliff21").write(document_store(session, document.id))
    edited = data.replace(
        "<source>Hết.</source>".encode(), "<source>Hết.</source><target>End.</target>".encode()
    )
    app = run_page("source", project_id)
    app.file_uploader[0].set_value(("a.xlf", edited, "application/xml")).run()
    assert not app.exception  # units are segments: no segmentation preview
    assert "Segmentation preview" not in _texts(app.subheader)
    app.checkbox(key="xliff_dry_run").check().run()
    app.button[0].click().run()
    assert not app.exception
    assert any("a: 1 applied, 3 unchanged, 0 conflicts." in s for s in _texts(app.success))
    assert any("Dry run" in s for s in _texts(app.info))
    assert "End." not in _sources_and_targets(database, project_id)
    app.checkbox(key="xliff_dry_run").uncheck().run()
    app.button[0].click().run()
    assert "End." in _sources_and_targets(database, project_id)


def _sources_and_targets(database: Database, project_id: int) -> list[str]:
    with database.read() as session:
        return [s.target for s in list_segments(session, get_project(session, project_id))]


def test_a_long_line_is_flagged_and_shown_folded_and_image_names_marked(
    sqlite_db: Database, run_page: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SONGNGU_SPLIT_SEGMENT_CHARS", "700")
    add_users(sqlite_db)
    with sqlite_db.write() as session:
        project_id = create_project(session, resolve_actor(session, "admin"), "Dài").id
    long_line = "Danh sách đại biểu " + "Nguyễn Văn An, " * 100  # 1,518 characters once stripped
    app = run_page("source", project_id)
    app.text_input(key="paste_title").input("Dài")
    app.text_area(key="paste_text").input(f"Mở đầu.\n\n{long_line}\n\nhoan2.jpg\n").run()
    next(b for b in app.button if b.label == "Import").click().run()
    assert not app.exception
    warnings = _texts(app.warning)
    assert any("1 segment is longer than 700 characters" in w for w in warnings)
    assert any("1 line is an image file name" in i for i in _texts(app.info))
    table = app.dataframe[-1].value
    assert table["Flag"].tolist() == ["", "needs a split", "do not translate"]
    assert max(len(cell) for cell in table["Source (Vietnamese)"]) == 300  # folded cell
    # The segment tools show the long one folded, with its length.
    app = run_page("source", project_id)
    with sqlite_db.read() as session:
        long_id = list_segments(session, get_project(session, project_id))[1].id
    app.selectbox(key="tools_segment").set_value(long_id).run()
    assert not app.exception
    folded = f"{len(long_line.strip()):,} characters, over the limit of 700"
    assert any(folded in w for w in _texts(app.warning))
    shown = [text.value for text in app.text]
    assert shown[0].endswith("…") and len(shown[0]) == 601
    assert long_line.strip() in shown  # the whole, inside the closed expander
