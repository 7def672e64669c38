"""The Review side editor headless: the keyboard flow's buttons (confirm and go to the next
unconfirmed, previous, next), the status buttons each role sees, and the conflict dialog.
AppTest clicks the buttons; it cannot press their shortcuts."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from songngu_testing.qa import qa_project
from streamlit.testing.v1 import AppTest

from primitives.statuses import Status
from workflow.segments import edit_target, get_segment, list_comments, set_status
from workflow.storage import Database
from workflow.users import resolve_actor

PageRunner = Callable[..., AppTest]
SOURCES = ["Câu một.", "Câu hai.", "Câu ba.", "Câu bốn."]
STATUS_BUTTONS = ("side-review", "side-reject", "side-approve", "side-reopen")


def _stored(database: Database, segment_id: int) -> tuple[str, Status, int]:
    with database.read() as session:
        segment = get_segment(session, segment_id)
        return segment.target, Status(segment.status), segment.version


def _move(database: Database, segment_id: int, *statuses: Status, user: str = "admin") -> None:
    """Give the segment a target, then walk it through the statuses (as admin)."""
    with database.write() as session:
        actor = resolve_actor(session, user)
        edit_target(session, actor, segment_id, f"Sentence {segment_id}.")
        for status in statuses:
            set_status(session, actor, segment_id, status)


def _status_buttons(app: AppTest) -> list[str]:
    return [b.key for b in app.button if b.key in STATUS_BUTTONS]


def _texts(elements: object) -> list[str]:
    return [element.value for element in elements]  # type: ignore[attr-defined]


def test_confirm_and_next_confirms_the_text_and_opens_the_next_unconfirmed(
    sqlite_db: Database, run_page: PageRunner
) -> None:
    project_id, (one, two, three, four) = qa_project(sqlite_db, SOURCES)
    _move(sqlite_db, two, Status.TRANSLATED)  # confirmed already: skipped
    app = run_page("review", project_id, user="tran")
    assert "Ctrl+Enter" in " ".join(_texts(app.caption))
    assert app.button(key="flow_confirm_next").proto.shortcut == "ctrl+enter"
    app.text_area(key=f"side-{one}-1").input("Sentence one.")
    app.button(key="flow_confirm_next").click().run()
    assert not app.exception
    assert _stored(sqlite_db, one) == ("Sentence one.", Status.TRANSLATED, 3)
    assert app.selectbox(key="side_segment").value == three
    app.text_area(key=f"side-{three}-1").input("Sentence three.")
    app.button(key="flow_confirm_next").click().run()
    assert app.selectbox(key="side_segment").value == four
    app.text_area(key=f"side-{four}-1").input("Sentence four.")
    app.button(key="flow_confirm_next").click().run()
    # Nothing unconfirmed is left anywhere: it stays on the last one and says so.
    assert app.selectbox(key="side_segment").value == four
    assert "Every segment in the list is confirmed." in _texts(app.info)
    assert [_stored(sqlite_db, s)[1] for s in (one, two, three, four)] == [Status.TRANSLATED] * 4


def test_confirm_and_next_goes_round_to_the_start_and_not_on_a_refusal(
    sqlite_db: Database, run_page: PageRunner
) -> None:
    project_id, (one, two, three, _four) = qa_project(sqlite_db, SOURCES)
    app = run_page("review", project_id, user="tran")
    app.button(key=f"review-open-{three}").click().run()
    app.text_area(key=f"side-{three}-1").input("  ")  # nothing to confirm: refused
    app.button(key="flow_confirm_next").click().run()
    assert f"segment {three} has no target text to confirm" in _texts(app.error)
    assert app.selectbox(key="side_segment").value == three
    _move(sqlite_db, _four, Status.TRANSLATED)
    app.text_area(key=f"side-{three}-1").input("Sentence three.")
    app.button(key="flow_confirm_next").click().run()
    assert app.selectbox(key="side_segment").value == one  # after four: from the start
    assert _stored(sqlite_db, two)[1] is Status.NEW


def test_previous_and_next_move_and_save_a_changed_text_as_a_draft_first(
    sqlite_db: Database, run_page: PageRunner
) -> None:
    project_id, (one, two, _three, _four) = qa_project(sqlite_db, SOURCES)
    app = run_page("review", project_id, user="tran", lang="vi")
    assert app.button(key="flow_next").proto.shortcut == "alt+down"
    assert app.button(key="flow_previous").proto.shortcut == "alt+up"
    app.button(key="flow_previous").click().run()  # the first: nowhere to go
    assert app.selectbox(key="side_segment").value == one
    app.button(key="flow_next").click().run()
    assert app.selectbox(key="side_segment").value == two
    assert _stored(sqlite_db, one) == ("", Status.NEW, 1)  # unchanged: nothing written
    app.text_area(key=f"side-{two}-1").input("Sentence two.")
    app.button(key="flow_previous").click().run()
    assert not app.exception
    assert app.selectbox(key="side_segment").value == one
    assert _stored(sqlite_db, two) == ("Sentence two.", Status.DRAFT, 2)
    assert f"Đã lưu câu {two} (phiên bản 2)." in _texts(app.success)


def test_the_status_buttons_are_those_of_the_role_and_they_work(
    sqlite_db: Database, run_page: PageRunner
) -> None:
    project_id, (one, two, _three, _four) = qa_project(sqlite_db, SOURCES)
    _move(sqlite_db, one, Status.TRANSLATED)
    _move(sqlite_db, two, Status.TRANSLATED, Status.REVIEWED)
    # A translator confirms (the editor's buttons): no review, reject or approve.
    translator = run_page("review", project_id, user="tran")
    assert _status_buttons(translator) == []
    assert translator.button(key="side_confirm") and translator.button(key="flow_confirm_next")
    translator.button(key=f"review-open-{two}").click().run()
    assert _status_buttons(translator) == []

    reviewer = run_page("review", project_id, user="rev")
    assert _status_buttons(reviewer) == ["side-review", "side-reject"]
    reviewer.button(key="side-reject").click().run()  # a rejection needs a reason
    assert "a rejection needs a reason: write what to fix" in _texts(reviewer.error)
    assert _stored(sqlite_db, one)[1] is Status.TRANSLATED
    reviewer.text_input(key="side_reason").input("Sai tên riêng.")
    reviewer.button(key="side-reject").click().run()
    assert not reviewer.exception
    assert _stored(sqlite_db, one)[1] is Status.REJECTED
    with sqlite_db.read() as session:
        assert [c.text for c in list_comments(session, one)] == ["Rejected: Sai tên riêng."]
    reviewer.button(key=f"review-open-{two}").click().run()
    assert _status_buttons(reviewer) == ["side-reject"]  # reviewed: only an editor approves

    editor = run_page("review", project_id, user="ed", lang="vi")
    editor.button(key=f"review-open-{two}").click().run()
    assert _status_buttons(editor) == ["side-reject", "side-approve"]
    assert editor.button(key="side-approve").label == "Phê duyệt"
    editor.button(key="side-approve").click().run()
    assert not editor.exception
    assert _stored(sqlite_db, two)[1] is Status.APPROVED
    assert _status_buttons(editor) == ["side-reopen"]


def test_accept_as_reviewed_by_a_reviewer(sqlite_db: Database, run_page: PageRunner) -> None:
    project_id, (one, *_rest) = qa_project(sqlite_db, SOURCES)
    _move(sqlite_db, one, Status.TRANSLATED)
    app = run_page("review", project_id, user="rev")
    app.button(key="side-review").click().run()
    assert not app.exception
    assert _stored(sqlite_db, one)[1] is Status.REVIEWED


@pytest.fixture
def stale(sqlite_db: Database, run_page: PageRunner) -> tuple[Database, AppTest, int]:
    """The Review page drawn, then someone else saves its first segment; the translator
    then saves their own text over the version they saw: the conflict dialog is open."""
    project_id, (one, *_rest) = qa_project(sqlite_db, SOURCES)
    app = run_page("review", project_id, user="tran")
    with sqlite_db.write() as session:
        edit_target(session, resolve_actor(session, "rev"), one, "Their text.")
    app.text_area(key=f"side-{one}-1").input("My text.")
    app.button(key="flow_confirm_next").click().run()
    assert not app.exception
    return sqlite_db, app, one


def test_a_stale_edit_opens_the_dialog_with_both_texts_and_stores_nothing(
    stale: tuple[Database, AppTest, int],
) -> None:
    database, app, one = stale
    shown = {area.label: area.value for area in app.text_area if area.disabled}
    (theirs,) = [label for label in shown if label.startswith("Stored now: rev, ")]
    assert theirs.endswith(", version 2") and " UTC" in theirs
    assert shown == {theirs: "Their text.", "Your text (not saved)": "My text."}
    assert any("was changed by rev" in e and "My text." in e for e in _texts(app.error))
    assert app.selectbox(key="side_segment").value == one  # it did not move on
    assert _stored(database, one) == ("Their text.", Status.DRAFT, 2)


def test_keep_mine_saves_over_the_version_the_dialog_showed(
    stale: tuple[Database, AppTest, int],
) -> None:
    database, app, one = stale
    app.button(key="conflict_keep_mine").click().run()
    assert not app.exception
    assert _stored(database, one) == ("My text.", Status.TRANSLATED, 4)
    assert not [b for b in app.button if b.key == "conflict_keep_mine"]  # closed
    assert f"Saved segment {one} (version 4)." in _texts(app.success)


def test_keep_mine_after_yet_another_edit_is_a_new_conflict_not_an_overwrite(
    stale: tuple[Database, AppTest, int],
) -> None:
    database, app, one = stale
    with database.write() as session:  # a third person, while the dialog is open
        edit_target(session, resolve_actor(session, "ed"), one, "Third text.")
    app.button(key="conflict_keep_mine").click().run()
    assert not app.exception
    assert _stored(database, one) == ("Third text.", Status.DRAFT, 3)
    shown = {area.label: area.value for area in app.text_area if area.disabled}
    (theirs,) = [label for label in shown if label.startswith("Stored now: ed, ")]
    assert shown[theirs] == "Third text." and theirs.endswith(", version 3")
    app.button(key="conflict_keep_mine").click().run()
    assert _stored(database, one) == ("My text.", Status.TRANSLATED, 5)


def test_take_theirs_shows_the_stored_text_and_cancel_keeps_both(
    stale: tuple[Database, AppTest, int],
) -> None:
    database, app, one = stale
    app.button(key="conflict_cancel").click().run()
    assert not [b for b in app.button if b.key == "conflict_cancel"]
    assert _stored(database, one) == ("Their text.", Status.DRAFT, 2)
    # Still the version the translator saw, with the notice that it changed meanwhile.
    assert app.text_area(key=f"side-{one}-1").value == "My text."
    assert any("rev changed this segment (version 2)" in w for w in _texts(app.warning))

    app.button(key="side_save").click().run()  # the same stale save: the dialog again
    app.button(key="conflict_take_theirs").click().run()
    assert not app.exception
    assert app.text_area(key=f"side-{one}-2").value == "Their text."
    assert f"Segment {one}: showing the stored text; yours was not saved." in _texts(app.info)
    assert _stored(database, one) == ("Their text.", Status.DRAFT, 2)
