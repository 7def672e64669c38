"""Domain errors in the app: every code has Vietnamese and English strings with the fields of
its template, no CLI syntax, and the pages show a refusal in the user's language."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from error_sites import cli_syntax_in, coded_sites, domain_codes, fields
from songngu_testing import add_users, seed_project
from songngu_testing.app_sessions import signed_in_as
from streamlit.testing.v1 import AppTest

from primitives.errors import LABEL_PARAMETERS, InvalidInput, InvalidTransition, PermissionDenied
from primitives.statuses import Status
from primitives.terms import SCOPES
from ui.auth import AUTH
from ui.strings import ERROR_STRINGS, STRINGS, error_label, error_template
from workflow.permissions import Action, Role, require, transition_action
from workflow.projects import get_project
from workflow.segments import edit_target, list_segments
from workflow.storage import Database
from workflow.users import resolve_actor

LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


def _without_fields(template: str) -> str:
    return re.sub(r"\{[^{}]*\}", "", template)


# --- the strings --------------------------------------------------------------------------


def test_every_domain_code_has_both_languages_with_the_template_fields() -> None:
    problems = []
    for code, template in sorted(domain_codes().items()):
        entry = ERROR_STRINGS.get(code)
        if entry is None:
            problems.append(f"{code}: no ERROR_STRINGS entry")
            continue
        for lang in ("vi", "en"):
            if not entry.get(lang):
                problems.append(f"{code}: no {lang!r}")
            elif fields(entry[lang]) != fields(template):
                problems.append(
                    f"{code} {lang}: fields {sorted(fields(entry[lang]))}, template has {sorted(fields(template))}"
                )
    assert problems == []


def test_there_are_no_strings_for_codes_nobody_raises() -> None:
    assert sorted(set(ERROR_STRINGS) - set(domain_codes())) == []


def test_cli_codes_have_no_app_strings() -> None:
    """The CLI's own errors (its options) never reach the app."""
    cli_codes = {site.code for site in coded_sites() if (site.code or "").startswith("cli.")}
    assert cli_codes, "the scan found no CLI codes: it is out of date"
    assert sorted(cli_codes & set(ERROR_STRINGS)) == []


def test_no_app_string_names_a_command_or_option() -> None:
    offending = [
        f"{code} {lang}: {template!r}"
        for code, entry in ERROR_STRINGS.items()
        for lang, template in entry.items()
        if cli_syntax_in(template)
    ]
    assert offending == []


def test_the_vietnamese_strings_are_translated() -> None:
    """A Vietnamese string may equal the English one only when it has no words of its own."""
    untranslated = [
        code
        for code, entry in ERROR_STRINGS.items()
        if entry["vi"] == entry["en"] and LETTERS.search(_without_fields(entry["vi"]))
    ]
    assert untranslated == []


def test_every_role_action_and_status_has_a_label() -> None:
    kinds = set(LABEL_PARAMETERS.values())
    assert kinds == {"role", "action", "status", "glossary_scope"}
    names = [f"role_{role.value}" for role in Role] + [
        f"action_{action.value}" for action in Action
    ]
    names += [f"status_{status.label}" for status in Status]
    names += [f"glossary_scope_{scope}" for scope in SCOPES]
    assert [name for name in names if name not in STRINGS] == []
    for action in Action:  # an error names an action by its words, as STRINGS does in English
        assert STRINGS[f"action_{action.value}"]["en"] == action.value.replace("_", " ")
    for scope in SCOPES:  # and a scope by its name
        assert STRINGS[f"glossary_scope_{scope}"]["en"] == scope


def test_labels_translate_workflow_names_and_leave_other_values() -> None:
    assert error_label("role", "translator", "vi") == "biên dịch viên"
    assert error_label("action", "manage project", "vi") == "quản lý dự án"
    assert error_label("statuses", "reviewed, rejected", "vi") == "đã duyệt, bị trả lại"
    assert error_label("statuses", "reviewed, rejected", "en") == "reviewed, rejected"
    assert error_label("role", "overlord", "vi") == "overlord"  # no label: as raised
    assert error_label("file", "translator", "vi") == "translator"  # not a label parameter
    assert error_label("role", 3, "vi") == 3
    assert error_label("scope", "project", "vi") == "của dự án"
    assert error_label("scope", "team", "vi") == "team"  # an unknown scope, as typed


def test_a_refusal_reads_as_vietnamese() -> None:
    with pytest.raises(PermissionDenied) as denied:
        require(Role.TRANSLATOR, Action.MANAGE_PROJECT, "tran")
    shown = denied.value.render(
        lambda e: error_template(e.code, "vi"), lambda n, v: error_label(n, v, "vi")
    )
    assert shown == (
        "tran (biên dịch viên) không được phép quản lý dự án: hãy nhờ người có vai trò được "
        "phép làm việc này"
    )
    with pytest.raises(InvalidTransition) as refused:
        transition_action(Status.NEW, Status.APPROVED)
    shown = refused.value.render(
        lambda e: error_template(e.code, "vi"), lambda n, v: error_label(n, v, "vi")
    )
    assert shown == (
        "không thể chuyển trạng thái từ mới sang đã phê duyệt; từ mới chỉ chuyển được sang: đã dịch"
    )


def test_an_inner_error_is_rendered_in_the_same_language() -> None:
    from workflow.intake import read_source

    with pytest.raises(InvalidInput) as error:
        read_source(b"abc\x00def", "a.txt")
    assert str(error.value).startswith("a.txt: input contains NUL bytes")
    assert error.value.render(lambda e: error_template(e.code, "vi")).startswith(
        "a.txt: dữ liệu có byte NUL nên không phải văn bản"
    )


# --- pages --------------------------------------------------------------------------------


@pytest.fixture
def project(sqlite_db: Database, packages: Path) -> Iterator[tuple[Database, int]]:
    from ui import state

    state.database.clear()  # the cached Database belongs to another test's SONGNGU_HOME
    project_id, _ = seed_project(sqlite_db, ["Chào bạn.", "Hội nghị bế mạc."])
    add_users(sqlite_db)
    yield sqlite_db, project_id
    state.database.clear()


def _page(page: str, project_id: int | None, user: str = "admin", lang: str = "vi") -> AppTest:
    source = f"import importlib\nimportlib.import_module('ui.pages.{page}').render()\n"
    app = AppTest.from_string(source, default_timeout=30)
    app.session_state["lang"] = lang
    app.session_state[AUTH] = signed_in_as(user)
    if project_id is not None:
        app.session_state["project_id"] = project_id
    return app.run()


def _errors(app: AppTest) -> list[str]:
    return [element.value for element in app.error]


def test_a_bad_model_upload_is_refused_in_vietnamese(project: tuple[Database, int]) -> None:
    _, project_id = project
    app = _page("translate", project_id)
    app.file_uploader(key="model_upload").set_value(
        ("x.argosmodel", b"not a zip", "application/zip")
    )
    app.run()
    app.button(key="model_install").click().run()
    assert not app.exception
    assert (
        "x.argosmodel không phải gói Argos (không phải tệp zip); hãy dùng tệp .argosmodel từ kho "
        "gói Argos"
    ) in _errors(app)


def test_a_duplicate_project_is_refused_in_vietnamese(project: tuple[Database, int]) -> None:
    app = _page("projects", None)
    app.text_input[0].input("P")
    app.button[0].click().run()
    assert not app.exception
    assert "dự án 'P' đã tồn tại: hãy chọn tên khác" in _errors(app)


def test_pasted_binary_text_is_refused_in_vietnamese(project: tuple[Database, int]) -> None:
    _, project_id = project
    app = _page("source", project_id)
    app.text_area(key="paste_text").input("Chào\x00bạn").run()
    assert not app.exception
    assert any(
        e.startswith("pasted.txt: dữ liệu có byte NUL nên không phải văn bản") for e in _errors(app)
    )


def test_a_translator_is_refused_rules_in_vietnamese(project: tuple[Database, int]) -> None:
    _, project_id = project
    app = _page("source", project_id, user="tran")
    app.button(key="rules_reset").click().run()
    assert not app.exception
    assert any("tran (biên dịch viên) không được phép quản lý dự án" in e for e in _errors(app))


def test_a_bad_rules_pattern_is_refused_in_vietnamese(project: tuple[Database, int]) -> None:
    _, project_id = project
    app = _page("source", project_id)
    app.text_area(key="rules-no_break_patterns-0").input("(unclosed")
    app.button(key="rules_save").click().run()
    assert not app.exception
    assert any(
        e.startswith("mẫu không tách câu '(unclosed' không phải biểu thức chính quy hợp lệ")
        for e in _errors(app)
    )


def test_a_refused_status_change_is_in_vietnamese(project: tuple[Database, int]) -> None:
    database, project_id = project
    app = _page("review", project_id)
    app.selectbox(key="side_status").set_value("đã phê duyệt")
    app.button(key="side_apply").click().run()
    assert not app.exception
    assert (
        "không thể chuyển trạng thái từ mới sang đã phê duyệt; từ mới chỉ chuyển được sang: đã dịch"
    ) in _errors(app)
    with database.read() as session:
        assert all(
            s.status == Status.NEW for s in list_segments(session, get_project(session, project_id))
        )


def test_a_stale_save_shows_both_texts_in_vietnamese(project: tuple[Database, int]) -> None:
    database, project_id = project
    app = _page("review", project_id)
    with database.read() as session:
        first = list_segments(session, get_project(session, project_id))[0]
    with database.write() as session:  # someone else saves after the page was drawn
        edit_target(session, resolve_actor(session, "admin"), first.id, "Their text.")
    app.text_area(key=f"side-{first.id}-1").input("My text.").run()
    app.button(key="side_save").click().run()
    assert not app.exception
    assert (
        f"admin đã sửa câu {first.id} (nay là phiên bản 2, bạn sửa từ phiên bản 1); chưa lưu. "
        "Bản hiện tại: «Their text.» | bản của bạn: «My text.». Hãy tải lại câu rồi hợp nhất."
    ) in _errors(app)
    # The conflict dialog: the stored text with who saved it (and when), and the refused one.
    shown = {area.label: area.value for area in app.text_area if area.disabled}
    (theirs,) = [label for label in shown if label.startswith("Bản đang lưu: admin, ")]
    assert theirs.endswith(", phiên bản 2")
    assert shown == {theirs: "Their text.", "Bản của bạn (chưa lưu)": "My text."}
    with database.read() as session:
        assert list_segments(session, get_project(session, project_id))[0].target == "Their text."
