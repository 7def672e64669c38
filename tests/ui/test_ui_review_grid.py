"""The Review grid headless: rows in full and wrapped, paging, filters, click-to-edit, and
the refused confirmation of an emptied target, in both languages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from songngu_testing.qa import qa_project
from streamlit.testing.v1 import AppTest

from primitives.statuses import Origin, Status
from workflow.segments import Fill, apply_fills, edit_target, get_segment
from workflow.storage import Database
from workflow.users import resolve_actor

PageRunner = Callable[..., AppTest]
REVIEW = Path(__file__).resolve().parents[2] / "ui" / "pages" / "review.py"


def _texts(elements: object) -> list[str]:
    return [element.value for element in elements]  # type: ignore[attr-defined]


def _open_buttons(app: AppTest) -> list[str]:
    return [b.key for b in app.button if b.key and b.key.startswith("review-open-")]


@pytest.mark.parametrize(
    ("lang", "status", "origin"), [("en", "draft", "MT 42%"), ("vi", "nháp", "Máy dịch 42%")]
)
def test_rows_show_source_and_target_in_full_with_their_markers(
    sqlite_db: Database, run_page: PageRunner, lang: str, status: str, origin: str
) -> None:
    long_source = "Thành phố đẩy mạnh chuyển đổi số trong mọi lĩnh vực của đời sống. " * 12
    long_source = long_source.strip()
    script = "<script>alert('x')</script> <b>đậm</b>"
    project_id, (long_id, html_id) = qa_project(sqlite_db, [long_source, script])
    long_target = ("The city pushes digital transformation in every area of life. " * 12).strip()
    with sqlite_db.write() as session:
        apply_fills(
            session,
            resolve_actor(session, "admin"),
            [Fill(long_id, 1, long_target, Origin.MT, 0.42, {"mt": ["repetition"]})],
        )
    app = run_page("review", project_id, lang=lang)
    assert not app.exception
    shown = _texts(app.text)
    # Every character of both texts, in st.text (wrapped, never parsed as Markdown/HTML).
    assert long_source in shown and long_target in shown and script in shown
    assert not app.get("arrow_data_frame") or all(
        long_source not in str(frame.value) for frame in app.get("arrow_data_frame")
    )
    marks = app.button(key=f"review-open-{long_id}").label  # the row's header
    assert marks.startswith(f"✎ {long_id} · ")
    assert status in marks and origin in marks and "⚑ " in marks
    assert _open_buttons(app) == [f"review-open-{long_id}", f"review-open-{html_id}"]


@pytest.mark.parametrize(
    ("lang", "warning"),
    [
        ("en", "Long segment of 3,000 characters: only its start is shown; open it to see it all."),
        ("vi", "Câu dài 3000 ký tự: chỉ hiện phần đầu; mở câu để xem toàn bộ."),
    ],
)
def test_a_very_long_segment_is_folded_with_a_warning(
    sqlite_db: Database, run_page: PageRunner, lang: str, warning: str
) -> None:
    wall = "a" * 3000  # one line with no full stop
    project_id, _ = qa_project(sqlite_db, [wall])
    app = run_page("review", project_id, lang=lang)
    assert not app.exception
    assert wall[:1500] + " …" in _texts(app.text)
    assert warning in _texts(app.warning)


def test_the_review_page_never_renders_user_text_as_html() -> None:
    assert "unsafe_allow_html" not in REVIEW.read_text("utf-8")


@pytest.mark.parametrize(
    ("lang", "first_page", "second_page", "count"),
    [
        ("en", "Page 1 of 3 · rows 1–100", "Page 2 of 3 · rows 101–200", "250 segments"),
        ("vi", "Trang 1/3 · câu 1–100", "Trang 2/3 · câu 101–200", "250 câu"),
    ],
)
def test_the_list_is_paged_a_hundred_rows_at_a_time(
    sqlite_db: Database,
    run_page: PageRunner,
    lang: str,
    first_page: str,
    second_page: str,
    count: str,
) -> None:
    project_id, ids = qa_project(sqlite_db, [f"Câu số {n} ở đây." for n in range(250)])
    app = run_page("review", project_id, lang=lang)
    captions = _texts(app.caption)
    assert first_page in captions and count in captions
    assert _open_buttons(app) == [f"review-open-{i}" for i in ids[:100]]
    app.button(key="review_next").click().run()
    assert not app.exception
    assert second_page in _texts(app.caption)
    assert _open_buttons(app) == [f"review-open-{i}" for i in ids[100:200]]
    assert app.selectbox(key="side_segment").value == ids[100]  # the editor follows the page
    assert app.button(key=f"review-open-{ids[100]}").proto.type == "primary"
    app.number_input(key="review_page").set_value(3).run()
    assert _open_buttons(app) == [f"review-open-{i}" for i in ids[200:]]
    assert app.button(key="review_next").disabled
    app.button(key="review_prev").click().run()
    assert _open_buttons(app) == [f"review-open-{i}" for i in ids[100:200]]


def test_the_page_size_is_a_setting(
    sqlite_db: Database, run_page: PageRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    project_id, ids = qa_project(sqlite_db, [f"Câu số {n} ở đây." for n in range(25)])
    monkeypatch.setenv("SONGNGU_REVIEW_PAGE_SIZE", "10")
    app = run_page("review", project_id)
    assert "Page 1 of 3 · rows 1–10" in _texts(app.caption)
    assert _open_buttons(app) == [f"review-open-{i}" for i in ids[:10]]
    app.button(key="review_next").click().run()
    assert _open_buttons(app) == [f"review-open-{i}" for i in ids[10:20]]


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "SONGNGU_REVIEW_PAGE_SIZE='5' must be a whole number from 10 to 200"),
        ("vi", "SONGNGU_REVIEW_PAGE_SIZE='5' phải là số nguyên từ 10 đến 200"),
    ],
)
def test_a_bad_page_size_is_one_clear_message(
    sqlite_db: Database,
    run_page: PageRunner,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    message: str,
) -> None:
    project_id, _ = qa_project(sqlite_db, ["Câu một."])
    monkeypatch.setenv("SONGNGU_REVIEW_PAGE_SIZE", "5")
    app = run_page("review", project_id, lang=lang)
    assert not app.exception
    (error,) = _texts(app.error)
    assert error.startswith(message), error
    assert _open_buttons(app) == []


def test_filters_narrow_the_list(sqlite_db: Database, run_page: PageRunner) -> None:
    sources = ["Hội nghị bế mạc.", "Tỉnh có nhiều hộ dân.", "Đoàn về thăm Huế.", "Trời mưa."]
    project_id, (closed, homes, hue, rain) = qa_project(sqlite_db, sources)
    with sqlite_db.write() as session:
        admin = resolve_actor(session, "admin")
        apply_fills(
            session,
            admin,
            [
                Fill(homes, 1, "The province has many homes.", Origin.MT, 0.3),
                Fill(hue, 1, "The delegation visits Hue.", Origin.MT, 0.9),
            ],
        )
        edit_target(session, admin, rain, sources[3])  # left in Vietnamese: a QA error
    app = run_page("review", project_id)
    assert len(_open_buttons(app)) == 4
    app.selectbox(key="review_status").set_value("draft").run()
    assert _open_buttons(app) == [f"review-open-{i}" for i in (homes, hue, rain)]
    app.checkbox(key="review_low_mt").check().run()
    assert _open_buttons(app) == [f"review-open-{homes}"]
    app.checkbox(key="review_low_mt").uncheck()
    app.selectbox(key="review_status").set_value("All").run()
    app.checkbox(key="review_qa").check().run()
    assert _open_buttons(app) == [f"review-open-{rain}"]
    app.checkbox(key="review_qa").uncheck()
    app.text_input(key="review_text").input("HUE").run()  # the target, any case
    assert _open_buttons(app) == [f"review-open-{hue}"]
    app.text_input(key="review_text").input("bế mạc").run()  # the source
    assert _open_buttons(app) == [f"review-open-{closed}"]
    app.text_input(key="review_text").input("100%").run()  # a LIKE wildcard, taken literally
    assert _open_buttons(app) == [] and "No segment matches the filters." in _texts(app.info)


def test_a_click_on_a_row_opens_it_in_the_side_editor(
    sqlite_db: Database, run_page: PageRunner
) -> None:
    project_id, ids = qa_project(sqlite_db, ["Câu một.", "Câu hai.", "Câu ba."])
    app = run_page("review", project_id)
    assert app.selectbox(key="side_segment").value == ids[0]
    app.button(key=f"review-open-{ids[2]}").click().run()
    assert not app.exception
    assert app.selectbox(key="side_segment").value == ids[2]
    assert app.button(key=f"review-open-{ids[2]}").proto.type == "primary"
    app.text_area(key=f"side-{ids[2]}-1").input("Sentence three.")
    app.button(key="side_confirm").click().run()
    assert not app.exception
    with sqlite_db.read() as session:
        third = get_segment(session, ids[2])
        assert (third.target, Status(third.status)) == ("Sentence three.", Status.TRANSLATED)


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "segment {id} has no target text to confirm"),
        ("vi", "câu {id} chưa có bản dịch nên không thể xác nhận bản dịch"),
    ],
)
def test_save_and_confirm_of_an_emptied_target_is_refused_not_saved(
    sqlite_db: Database, run_page: PageRunner, lang: str, message: str
) -> None:
    project_id, (segment_id,) = qa_project(sqlite_db, ["Câu một."])
    with sqlite_db.write() as session:
        edit_target(session, resolve_actor(session, "admin"), segment_id, "Sentence one.")
    app = run_page("review", project_id, lang=lang)
    app.text_area(key=f"side-{segment_id}-2").input("  ")
    app.button(key="side_confirm").click().run()
    assert not app.exception
    assert message.format(id=segment_id) in _texts(app.error)
    assert not app.success
    with sqlite_db.read() as session:
        segment = get_segment(session, segment_id)
        assert (segment.target, segment.version) == ("Sentence one.", 2)


HOSTILE_MARKUP = "<script>alert(1)</script><b>x</b> & <img src=x onerror=alert(2)>"


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_user_text_with_html_and_script_is_shown_as_literal_text(
    sqlite_db: Database, run_page: PageRunner, lang: str
) -> None:
    """Issue 13, hostile input: markup in a segment is shown as the characters typed."""
    project_id, _ = qa_project(sqlite_db, [HOSTILE_MARKUP])
    app = run_page("review", project_id, lang=lang)
    assert not app.exception
    assert any(HOSTILE_MARKUP in text for text in _texts(app.text)), _texts(app.text)
    for element in [*app.markdown, *app.caption]:
        if "<script>" in element.value or "<b>" in element.value:
            assert not element.proto.allow_html, element.value


def test_a_comment_is_shown_as_typed_not_as_markdown(
    sqlite_db: Database, run_page: PageRunner
) -> None:
    project_id, (segment_id,) = qa_project(sqlite_db, ["Câu một."])
    app = run_page("review", project_id)
    typed = "**bold** [a link](http://example.org) <b>x</b>"
    app.text_input(key=f"comment-{segment_id}").input(typed)
    app.button(key="comment_add").click().run()
    assert not app.exception
    (shown,) = [m.value for m in app.markdown if m.value.startswith("**admin**: ")]
    assert shown == (r"**admin**: \*\*bold\*\* \[a link\]\(http\://example\.org\) \<b\>x\</b\>")
    assert app.text_input(key=f"comment-{segment_id}").value == ""  # ready for the next
