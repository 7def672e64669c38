"""No page without sign-in, and no action from a session that is no longer signed in as
the person (or the role) its buttons were drawn for.

Streamlit runs a widget's callback before the page script, so before the page's sign-in
check: these tests click buttons drawn for a session that has since expired, whose
account was disabled, or whose role was lowered, and check nothing was stored.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from songngu_testing import add_users, seed_project
from streamlit.testing.v1 import AppTest

from ui.auth import AUTH
from workflow.storage import Database
from workflow.users import OPERATOR, change_role, get_user, list_users, set_disabled

PAGES = ["projects", "source", "review", "translate", "qa", "glossary", "export", "users"]
SIGN_IN = "Sign in to songngu"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_only_the_sign_in_screen_without_a_session(
    sqlite_db: Database, run_page: Callable[..., AppTest], page: str
) -> None:
    """What a deep link to the page, or a session whose user was dropped, runs."""
    add_users(sqlite_db, "tran")
    with sqlite_db.read() as session:
        assert len(list_users(session)) > 1
    project_id, _ = seed_project(sqlite_db, ["Xin chào."])
    app = run_page(page, project_id, user=None)
    assert not app.exception
    assert [title.value for title in app.title] == [SIGN_IN]
    assert not app.get("dataframe") and not app.get("download_button")
    keys = {button.key for button in app.button} | {b.key for b in app.get("form_submit_button")}
    assert keys == {"FormSubmitter:auth_sign_in-Sign in"}


def _disabled(database: Database, name: str) -> bool:
    with database.read() as session:
        return get_user(session, name).disabled


def _users_page_of(database: Database, run_page: Callable[..., AppTest], admin: str) -> AppTest:
    """The Users page drawn for admin, with tran picked (its disable button shown)."""
    app = run_page("users", user=admin)
    assert app.title[0].value == "Users and roles"
    app.selectbox(key="users_pick").select("tran").run()
    return app


def _disable_button(app: AppTest):  # type: ignore[no-untyped-def]
    (button,) = [b for b in app.button if b.key and b.key.endswith("_toggle")]
    return button


def test_a_click_after_the_session_expired_does_nothing(
    sqlite_db: Database, run_page: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SONGNGU_SESSION_IDLE_MINUTES", "60")
    add_users(sqlite_db, "tran")
    app = _users_page_of(sqlite_db, run_page, "admin")
    two_hours_ago = datetime.now(UTC) - timedelta(hours=2)
    app.session_state[AUTH] = dataclasses.replace(
        app.session_state[AUTH], last_active=two_hours_ago
    )
    _disable_button(app).click().run()
    assert not _disabled(sqlite_db, "tran")
    assert [title.value for title in app.title] == [SIGN_IN]


def test_a_click_after_the_account_was_disabled_does_nothing(
    sqlite_db: Database, run_page: Callable[..., AppTest]
) -> None:
    add_users(sqlite_db, "tran", "ed")
    with sqlite_db.write() as session:
        change_role(session, OPERATOR, "ed", "admin")
    app = _users_page_of(sqlite_db, run_page, "ed")
    with sqlite_db.write() as session:
        set_disabled(session, OPERATOR, "ed", True)
    _disable_button(app).click().run()
    assert not _disabled(sqlite_db, "tran")
    assert [title.value for title in app.title] == [SIGN_IN]


def test_a_click_after_the_role_was_lowered_acts_with_the_new_role(
    sqlite_db: Database, run_page: Callable[..., AppTest]
) -> None:
    add_users(sqlite_db, "tran", "ed")
    with sqlite_db.write() as session:
        change_role(session, OPERATOR, "ed", "admin")
    app = _users_page_of(sqlite_db, run_page, "ed")
    with sqlite_db.write() as session:
        change_role(session, OPERATOR, "ed", "editor")
    _disable_button(app).click().run()
    assert not _disabled(sqlite_db, "tran")
    assert [w.value for w in app.warning] == ["Only administrators manage users."]
