"""The QA page and the editor's QA panel, headless through AppTest: readiness, findings
and their filters, setting findings aside by role, Run QA as a background job, going to a
segment, a confirmation QA refuses and the override the partner profile allows."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest
from songngu_testing.app_sessions import signed_in_as
from songngu_testing.qa import SOURCES, UNTRANSLATED, qa_project, set_partner_settings
from streamlit.testing.v1 import AppTest

from primitives.statuses import Status
from ui.auth import AUTH
from workflow.jobs import FINISHED, get_job
from workflow.models import QAIgnore, Segment
from workflow.projects import get_project
from workflow.qa.findings import list_findings, segment_findings
from workflow.qa.job import latest_qa_job
from workflow.segments import edit_target
from workflow.storage import Database
from workflow.users import resolve_actor

ROLES = ["tran", "rev", "ed", "admin"]


@pytest.fixture
def project(sqlite_db: Database) -> tuple[Database, int, list[int]]:
    """The first segment holds its source as the target: an open untranslated error."""
    project_id, ids = qa_project(sqlite_db)
    with sqlite_db.write() as session:
        edit_target(session, resolve_actor(session, "tran"), ids[0], SOURCES[0])
    return sqlite_db, project_id, ids


def _texts(elements) -> list[str]:  # type: ignore[no-untyped-def]
    """The elements' texts without Markdown escapes (findings quote users' text escaped)."""
    return [re.sub(r"\\(.)", r"\1", element.value) for element in elements]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("user", ROLES)
def test_the_page_shows_readiness_and_findings_in_each_language_and_role(
    project: tuple[Database, int, list[int]],
    run_page: Callable[..., AppTest],
    user: str,
    lang: str,
) -> None:
    _, project_id, ids = project
    app = run_page("qa", project_id, user=user, lang=lang)
    assert not app.exception
    title = {"vi": "Kiểm tra chất lượng bản dịch", "en": "Translation quality check"}[lang]
    assert app.title[0].value == title
    readiness, findings = app.dataframe[0].value, app.dataframe[1].value
    unchecked = {"vi": "Chưa kiểm tra", "en": "Not checked"}[lang]
    assert list(readiness[unchecked]) == [2]
    assert list(findings.iloc[:, 0]) == [ids[0]]
    message = {"vi": "chưa được dịch", "en": "not translated"}[lang]
    assert message in findings.iloc[0].to_list()[5]
    may_set_errors_aside = user in ("ed", "admin")
    assert app.button(key="qa_ignore").disabled is not may_set_errors_aside
    roles = {"vi": "biên tập viên, quản trị viên", "en": "editor, admin"}[lang]
    shown_roles = any(roles in caption for caption in _texts(app.caption))
    assert shown_roles is not may_set_errors_aside
    assert not app.button(key="qa_run").disabled


def test_an_editor_sets_an_error_aside_with_a_reason_and_reopens_it(
    project: tuple[Database, int, list[int]], run_page: Callable[..., AppTest]
) -> None:
    database, project_id, ids = project
    app = run_page("qa", project_id, user="ed")
    app.button(key="qa_ignore").click().run()
    assert not app.exception
    assert "say why: a QA finding is set aside only with a reason" in _texts(app.error)
    app.text_input(key="qa_ignore_reason").input("the name of a ship, kept").run()
    app.button(key="qa_ignore").click().run()
    assert any(f"Set aside the finding of segment {ids[0]}" in s for s in _texts(app.success))
    assert any("No finding matches the filters." in i for i in _texts(app.info))
    assert any("Open QA errors: 0." in w for w in _texts(app.warning))  # 2 still unchecked
    app.checkbox(key="qa_show_ignored").check().run()
    assert any("set aside by ed at" in c for c in _texts(app.caption))
    app.button(key="qa_reopen").click().run()
    assert not app.exception
    with database.read() as session:
        assert session.query(QAIgnore).count() == 0
        assert [f.is_open for f in segment_findings(session, ids[0])] == [True]


def test_a_translator_sets_a_warning_aside(
    project: tuple[Database, int, list[int]], run_page: Callable[..., AppTest]
) -> None:
    database, project_id, ids = project
    set_partner_settings(database, qa_severities={UNTRANSLATED: "warning"})
    with database.write() as session:  # checked again under the new severity
        edit_target(session, resolve_actor(session, "tran"), ids[1], SOURCES[1])
    app = run_page("qa", project_id, user="tran", lang="vi")
    app.selectbox(key="qa_severity").set_value("cảnh báo").run()
    assert list(app.dataframe[1].value.iloc[:, 0]) == [ids[1]]
    app.text_input(key="qa_ignore_reason").input("tên riêng").run()
    app.button(key="qa_ignore").click().run()
    assert not app.exception
    assert any(f"Đã bỏ qua phát hiện ở câu {ids[1]}" in s for s in _texts(app.success))


def test_filters_narrow_the_findings(
    project: tuple[Database, int, list[int]], run_page: Callable[..., AppTest]
) -> None:
    _, project_id, _ = project
    app = run_page("qa", project_id)
    app.selectbox(key="qa_status").set_value("approved").run()
    assert any("No finding matches the filters." in i for i in _texts(app.info))
    app.selectbox(key="qa_status").set_value("draft").run()
    app.selectbox(key="qa_check").set_value("Untranslated (same as source) (untranslated)").run()
    assert len(app.dataframe[1].value) == 1


def test_run_qa_checks_the_project_in_the_background(
    project: tuple[Database, int, list[int]], run_page: Callable[..., AppTest]
) -> None:
    database, project_id, ids = project
    app = run_page("qa", project_id, user="tran")
    app.button(key="qa_run").click().run()
    assert not app.exception
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with database.read() as session:
            job = latest_qa_job(session, get_project(session, project_id))
            if job is not None and get_job(session, job.id).state in FINISHED:
                break
        time.sleep(0.1)
    app.run()
    assert not app.exception, _texts(app.success)
    # The edit before the job was a check too, but an older one: a new job checks it again.
    assert "Job 1 finished: 3 segments checked; 3 errors, 0 warnings, 0 notes." in _texts(
        app.success
    )
    assert any(
        "Open QA errors: 3. Segments not checked as they now are: 0." in w
        for w in _texts(app.warning)
    )
    with database.read() as session:
        assert len(list_findings(session, get_project(session, project_id))) == 3


def test_go_to_opens_the_segment_on_the_review_page(
    sqlite_db: Database,
) -> None:
    sources = [f"Câu số {number} ở đây." for number in range(150)]
    project_id, ids = qa_project(sqlite_db, sources)
    with sqlite_db.write() as session:
        edit_target(session, resolve_actor(session, "tran"), ids[120], sources[120])
    script = (
        "import streamlit as st\n"
        "from ui.auth import current_actor\n"
        "from ui.navigation import pages\n"
        "listed = pages(current_actor())\n"
        "navigation = st.navigation(listed)\n"
        "if not st.session_state.get('opened'):\n"
        "    st.session_state['opened'] = True\n"
        "    st.switch_page(next(p for p in listed if p.url_path == 'qa'))\n"
        "navigation.run()\n"
    )
    app = AppTest.from_string(script, default_timeout=30)
    app.session_state["lang"], app.session_state[AUTH] = "en", signed_in_as("tran")
    app.session_state["project_id"] = project_id
    app.run()
    assert app.title[0].value == "Translation quality check"
    app.button(key="qa_goto").click().run()
    assert not app.exception
    assert app.title[0].value == "Translate and review"
    assert app.selectbox(key="side_segment").value == ids[120]
    assert app.number_input(key="review_page").value == 2  # 100 segments a page
    assert app.selectbox(key="review_status").value == "All"


def test_the_editor_panel_shows_the_segments_findings(
    project: tuple[Database, int, list[int]], run_page: Callable[..., AppTest]
) -> None:
    _, project_id, ids = project
    app = run_page("review", project_id, lang="vi")
    assert not app.exception
    assert app.selectbox(key="side_segment").value == ids[0]
    assert any("chưa được dịch" in e for e in _texts(app.error))
    app.selectbox(key="side_segment").set_value(ids[1]).run()
    assert "Câu này chưa được kiểm tra." in _texts(app.caption)
    app.button(key=f"qa-recheck-{ids[1]}").click().run()
    assert any(f"Đã kiểm tra lại câu {ids[1]}: 1 phát hiện" in i for i in _texts(app.info))


def test_a_refused_confirmation_keeps_the_text_and_a_translator_cannot_go_past(
    project: tuple[Database, int, list[int]], run_page: Callable[..., AppTest]
) -> None:
    database, project_id, ids = project
    app = run_page("review", project_id, user="tran")
    app.selectbox(key="side_segment").set_value(ids[1]).run()
    app.text_area(key=f"side-{ids[1]}-1").input(SOURCES[1]).run()
    app.button(key="side_confirm").click().run()
    assert not app.exception
    assert any("was not made translated: QA found 1 error(s)" in e for e in _texts(app.error))
    assert any(
        "Only these roles may go past QA errors: editor, admin" in i for i in _texts(app.info)
    )
    assert "side_qa_override" not in [button.key for button in app.button]
    with database.read() as session:
        segment = session.get(Segment, ids[1])
        assert (segment.target, Status(segment.status)) == (SOURCES[1], Status.DRAFT)


def test_an_editor_goes_past_a_refused_confirmation_with_a_reason(
    project: tuple[Database, int, list[int]], run_page: Callable[..., AppTest]
) -> None:
    database, project_id, ids = project
    app = run_page("review", project_id, user="ed")
    app.button(key="side_confirm").click().run()  # the first segment, untranslated
    assert any("QA found 1 error(s)" in e for e in _texts(app.error))
    app.button(key="side_qa_override").click().run()  # without a reason
    assert any("say why" in e for e in _texts(app.error))
    app.text_input(key="side_qa_override_reason").input("a title kept in Vietnamese").run()
    app.button(key="side_qa_override").click().run()
    assert not app.exception
    assert any(f"Segment {ids[0]} is now translated" in s for s in _texts(app.success))
    with database.read() as session:
        assert Status(session.get(Segment, ids[0]).status) is Status.TRANSLATED
        (record,) = session.query(QAIgnore).all()
        assert (record.kind, record.ignored_by) == ("override", "ed")
