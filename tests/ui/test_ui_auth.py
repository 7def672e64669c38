"""Signing in to the app headless (AppTest through app.py, as a browser session runs it):
the first run, sign-in, sign-out, expiry, OIDC switch, identity and language across pages,
role-dependent actions, and the admins' Users page."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from songngu_testing import REPO, TEST_PASSWORD, add_users, seed_project
from songngu_testing.app_sessions import signed_in_as
from streamlit.testing.v1 import AppTest

from ui.auth import AUTH, oidc_providers
from workflow import auth
from workflow.models import Revision
from workflow.segments import list_segments
from workflow.storage import Database
from workflow.users import OPERATOR, change_role, get_user, list_users, update_profile

OIDC_SECRETS = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a long random string for the identity cookie",
    "office": {
        "client_id": "songngu",
        "client_secret": "not a real secret",
        "server_metadata_url": "https://id.example.org/.well-known/openid-configuration",
    },
}


def _app(lang: str = "en") -> AppTest:
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    app.session_state["lang"] = lang
    return app


def _click(app: AppTest, label: str) -> AppTest:
    (button,) = [b for b in app.button if b.label == label]
    return button.click().run()


def _sign_in(app: AppTest, name: str, password: str) -> AppTest:
    app.text_input(key="sign_in_name").input(name)
    app.text_input(key="sign_in_password").input(password)
    return _click(app, "Sign in")


def _texts(elements) -> list[str]:  # type: ignore[no-untyped-def]
    return [element.value for element in elements]


def _signed_in_caption(app: AppTest) -> str:
    return next(c.value for c in app.sidebar.caption if c.value.startswith("Signed in as"))


# --- first run ----------------------------------------------------------------------------


def test_the_first_run_creates_the_admin_and_signs_them_in(
    sqlite_db_without_users: Database,
) -> None:
    app = _app().run()
    assert not app.exception
    assert app.title[0].value == "Welcome to songngu"
    app.text_input(key="first_run_name").input("thu")
    app.text_input(key="first_run_display_name").input("Trần Thu")
    app.text_input(key="first_run_password").input(TEST_PASSWORD)
    app.text_input(key="first_run_again").input(TEST_PASSWORD)
    _click(app, "Create administrator")
    assert not app.exception
    assert app.title[0].value == "Projects"
    assert _signed_in_caption(app) == "Signed in as thu (admin)"
    with sqlite_db_without_users.read() as session:
        (thu,) = list_users(session)
        assert (thu.name, thu.role, thu.display_name) == ("thu", "admin", "Trần Thu")
        assert thu.password_hash and TEST_PASSWORD not in thu.password_hash
    # Another browser session sees the sign-in screen, never the first run again.
    other = _app().run()
    assert other.title[0].value == "Sign in to songngu"


def test_the_first_run_refuses_differing_or_weak_passwords(
    sqlite_db_without_users: Database,
) -> None:
    app = _app(lang="vi").run()
    assert app.title[0].value == "Chào mừng đến với songngu"
    app.text_input(key="first_run_name").input("thu")
    app.text_input(key="first_run_password").input(TEST_PASSWORD)
    app.text_input(key="first_run_again").input(TEST_PASSWORD + "!")
    _click(app, "Tạo quản trị viên")
    assert _texts(app.error) == ["Hai mật khẩu không giống nhau: hãy nhập lại."]
    app.text_input(key="first_run_password").input("ngắn")
    app.text_input(key="first_run_again").input("ngắn")
    _click(app, "Tạo quản trị viên")
    assert _texts(app.error) == ["mật khẩu phải có ít nhất 10 ký tự"]
    with sqlite_db_without_users.read() as session:
        assert list_users(session) == []
        assert auth.needs_first_admin(session)


# --- sign-in, sign-out, expiry ------------------------------------------------------------


def test_sign_in_refuses_a_wrong_password_and_accepts_the_right_one(sqlite_db: Database) -> None:
    app = _app().run()
    assert app.title[0].value == "Sign in to songngu"
    assert not [element for element in app.sidebar.caption if "Signed in" in element.value]
    _sign_in(app, "admin", "not the password")
    assert _texts(app.error) == ["wrong user name or password"]
    assert app.title[0].value == "Sign in to songngu"
    _sign_in(app, "nobody", TEST_PASSWORD)
    assert _texts(app.error) == ["wrong user name or password"]
    _sign_in(app, "admin", TEST_PASSWORD)
    assert not app.exception and not app.error
    assert app.title[0].value == "Projects"
    assert _signed_in_caption(app) == "Signed in as admin (admin)"


@pytest.mark.parametrize(
    ("lang", "locked"),
    [
        ("en", "too many wrong passwords for 'admin': try again in"),
        ("vi", "nhập sai mật khẩu quá nhiều lần cho 'admin': hãy thử lại sau"),
    ],
)
def test_too_many_wrong_passwords_lock_the_sign_in(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch, lang: str, locked: str
) -> None:
    monkeypatch.setenv("SONGNGU_SIGNIN_MAX_FAILURES", "2")
    app = _app(lang).run()
    button = "Sign in" if lang == "en" else next(b.label for b in app.button)
    for _ in range(2):
        app.text_input(key="sign_in_name").input("admin")
        app.text_input(key="sign_in_password").input("not the password")
        _click(app, button)
    app.text_input(key="sign_in_name").input("admin")
    app.text_input(key="sign_in_password").input(TEST_PASSWORD)
    _click(app, button)
    [error] = _texts(app.error)
    assert error.startswith(locked)
    assert AUTH not in app.session_state
    with sqlite_db.read() as session:
        from workflow.audit import AuditAction, AuditFilter, list_events

        refusals = list_events(session, OPERATOR, AuditFilter(action=AuditAction.SIGN_IN_FAILED))
    assert [(e.detail, e.face) for e in refusals][0] == ("password: auth.locked_out", "app")


def test_sign_out_returns_to_the_sign_in_screen(sqlite_db: Database) -> None:
    app = _app()
    app.session_state[AUTH] = signed_in_as("admin")
    app.run()
    assert app.title[0].value == "Projects"
    app.button(key="auth_sign_out").click().run()
    assert app.title[0].value == "Sign in to songngu"
    assert _texts(app.info) == ["You have signed out."]
    assert AUTH not in app.session_state


@pytest.mark.parametrize(("idle_minutes", "signed_in"), [("60", False), ("180", True)])
def test_an_idle_session_expires(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch, idle_minutes: str, signed_in: bool
) -> None:
    monkeypatch.setenv("SONGNGU_SESSION_IDLE_MINUTES", idle_minutes)
    app = _app()
    two_hours_ago = datetime.now(UTC) - timedelta(hours=2)
    app.session_state[AUTH] = dataclasses.replace(signed_in_as("admin"), last_active=two_hours_ago)
    app.run()
    assert not app.exception
    if signed_in:
        assert app.title[0].value == "Projects"
        assert app.session_state[AUTH].last_active > two_hours_ago  # activity renews it
    else:
        assert app.title[0].value == "Sign in to songngu"
        assert _texts(app.info) == [
            "Your session expired after 60 minutes without activity: sign in again."
        ]


def test_disabling_an_account_ends_its_session_at_the_next_click(sqlite_db: Database) -> None:
    add_users(sqlite_db, "tran")
    app = _app()
    app.session_state[AUTH] = signed_in_as("tran")
    app.run()
    assert app.title[0].value == "Projects"
    with sqlite_db.write() as session:
        from workflow.users import set_disabled

        set_disabled(session, OPERATOR, "tran", True)
    app.run()
    assert app.title[0].value == "Sign in to songngu"
    assert _texts(app.warning) == [
        "your session has ended (the account was disabled or its password changed): sign in again"
    ]


# --- identity and language across pages ---------------------------------------------------


def test_identity_and_language_survive_page_changes(sqlite_db: Database) -> None:
    """Changing pages drops widget state; who signed in and the chosen language are not
    widget state, so an edit made after moving between pages is the signed-in person's."""
    seed_project(sqlite_db, ["Xin chào.", "Hội nghị bế mạc."])
    add_users(sqlite_db, "tran")
    app = _app(lang="vi").run()
    assert app.title[0].value == "Đăng nhập songngu"
    app.selectbox(key="lang_choice").set_value("en").run()  # chosen before signing in
    _sign_in(app, "tran", TEST_PASSWORD)
    assert app.title[0].value == "Projects"
    app.switch_page("ui/page_scripts/glossary.py").run()
    assert not app.exception
    assert _signed_in_caption(app) == "Signed in as tran (translator)"
    assert app.selectbox(key="lang_choice").value == "en"
    app.switch_page("ui/page_scripts/review.py").run()
    assert app.title[0].value == "Translate and review"
    assert _signed_in_caption(app) == "Signed in as tran (translator)"
    with sqlite_db.read() as session:
        from workflow.projects import get_project

        first = list_segments(session, get_project(session, "P"))[0]
    app.text_area(key=f"side-{first.id}-{first.version}").input("Hello.")
    app.button(key="side_save").click().run()
    assert not app.exception and not app.error
    with sqlite_db.read() as session:
        revisions = session.query(Revision).filter_by(segment_id=first.id).all()
    assert [(r.user, r.new) for r in revisions if r.field == "target"] == [("tran", "Hello.")]
    app.switch_page("ui/page_scripts/projects.py").run()
    assert app.title[0].value == "Projects"
    assert app.selectbox(key="lang_choice").value == "en"


# --- what each role sees ------------------------------------------------------------------


def test_a_translator_does_not_see_admin_actions(
    sqlite_db: Database, run_page: Callable[..., AppTest]
) -> None:
    project_id, _ = seed_project(sqlite_db, ["Xin chào."])
    add_users(sqlite_db, "tran")
    app = _app()
    app.session_state[AUTH] = signed_in_as("tran")
    app.run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("ui/page_scripts/users.py")  # not in a translator's menu
    assert not [t for t in app.text_input if t.label == "Project name"]
    translate = run_page("translate", project_id, user="tran")
    assert "model_install" not in [b.key for b in translate.button]
    assert "Only an administrator can install models." in _texts(translate.caption)
    users = run_page("users", user="tran")
    assert _texts(users.warning) == ["Only administrators manage users."]
    assert not users.main.text_input and not users.main.button
    review = run_page("review", project_id, user="tran")
    assert review.selectbox(key="side_status").options == ["translated"]

    admin = _app()
    admin.session_state[AUTH] = signed_in_as("admin")
    admin.run()
    assert [t for t in admin.text_input if t.label == "Project name"]
    admin.switch_page("ui/page_scripts/users.py").run()
    assert admin.title[0].value == "Users and roles"
    assert "model_install" in [b.key for b in run_page("translate", project_id).button]


# --- the Users page -----------------------------------------------------------------------


def test_an_admin_adds_a_user_changes_the_role_and_resets_the_password(
    sqlite_db: Database, run_page: Callable[..., AppTest]
) -> None:
    app = run_page("users")
    assert app.title[0].value == "Users and roles"
    app.text_input(key="users_add_name").input("lan")
    app.text_input(key="users_add_email").input("lan@example.org")
    app.selectbox(key="users_add_role").set_value("reviewer")
    app.text_input(key="users_add_password").input(TEST_PASSWORD)
    app.text_input(key="users_add_again").input(TEST_PASSWORD)
    _click(app, "Add")
    assert not app.exception
    assert _texts(app.success) == ["Added lan."]
    with sqlite_db.read() as session:
        lan = get_user(session, "lan")
    assert (lan.role, lan.email, lan.version) == ("reviewer", "lan@example.org", 1)

    app.selectbox(key="users_pick").set_value("lan").run()
    app.selectbox(key=f"users_{lan.id}_1_role").set_value("editor")
    _click(app, "Save changes")
    assert _texts(app.success) == ["Saved the changes to lan."]
    app.text_input(key=f"users_{lan.id}_2_password").input("a new passphrase")
    app.text_input(key=f"users_{lan.id}_2_again").input("a new passphrase")
    _click(app, "Set password")
    assert _texts(app.success) == ["Set a new password for lan; their earlier sessions have ended."]
    app.button(key=f"users_{lan.id}_3_toggle").click().run()
    assert _texts(app.success) == ["Disabled lan."]
    with sqlite_db.read() as session:
        lan = get_user(session, "lan")
    assert (lan.role, lan.disabled, lan.version) == ("editor", True, 4)
    with pytest.raises(auth.PermissionDenied), sqlite_db.write() as session:
        auth.authenticate(session, "lan", "a new passphrase")
    app.button(key=f"users_{lan.id}_4_toggle").click().run()
    with sqlite_db.write() as session:
        assert auth.authenticate(session, "lan", "a new passphrase").actor.name == "lan"


def test_the_users_page_refuses_a_stale_change(
    sqlite_db: Database, run_page: Callable[..., AppTest]
) -> None:
    add_users(sqlite_db, "tran")
    app = run_page("users", lang="vi")
    app.selectbox(key="users_pick").set_value("tran").run()
    with sqlite_db.write() as session:  # someone else, after the page was drawn
        update_profile(session, OPERATOR, "tran", display_name="Trần Văn A")
    with sqlite_db.read() as session:
        tran_id = get_user(session, "tran").id
    app.selectbox(key=f"users_{tran_id}_1_role").set_value("biên tập viên")
    _click(app, "Lưu thay đổi")
    (error,) = _texts(app.error)
    assert error.startswith("local-operator đã sửa người dùng 'tran' (nay là phiên bản 2")
    with sqlite_db.read() as session:
        assert get_user(session, "tran").role == "translator"


def test_an_admin_resetting_their_own_password_stays_signed_in(
    sqlite_db: Database, run_page: Callable[..., AppTest]
) -> None:
    app = run_page("users")
    with sqlite_db.read() as session:
        admin = get_user(session, "admin")
    app.text_input(key=f"users_{admin.id}_1_password").input("a new passphrase")
    app.text_input(key=f"users_{admin.id}_1_again").input("a new passphrase")
    _click(app, "Set password")
    assert app.title[0].value == "Users and roles"
    app.run()
    assert app.title[0].value == "Users and roles"  # this session goes on


def test_a_demoted_admin_loses_the_users_page_at_once(
    sqlite_db: Database, run_page: Callable[..., AppTest]
) -> None:
    add_users(sqlite_db, "ed")
    with sqlite_db.write() as session:
        change_role(session, OPERATOR, "ed", "admin")
    app = run_page("users", user="ed")
    assert app.title[0].value == "Users and roles"
    with sqlite_db.write() as session:
        change_role(session, OPERATOR, "ed", "editor")
    app.run()
    assert _texts(app.warning) == ["Only administrators manage users."]


# --- OIDC through st.login ----------------------------------------------------------------


def test_oidc_providers_are_read_from_the_auth_section() -> None:
    assert oidc_providers(None) == []
    assert oidc_providers({}) == []
    assert oidc_providers(OIDC_SECRETS) == ["office"]
    assert oidc_providers({**OIDC_SECRETS, "client_id": "x", "expose_tokens": ["id"]}) == [
        None,
        "office",
    ]


def test_the_oidc_button_appears_only_when_auth_is_configured(sqlite_db: Database) -> None:
    plain = _app().run()
    assert not [b for b in plain.button if (b.key or "").startswith("auth_oidc")]
    configured = _app()
    configured.secrets["auth"] = OIDC_SECRETS
    configured.run()
    assert not configured.exception
    assert [b.label for b in configured.button if (b.key or "").startswith("auth_oidc")] == [
        "Sign in with office"
    ]
    assert configured.text_input(key="sign_in_name")  # local accounts sign in beside it


def test_an_oidc_identity_signs_in_as_its_account_and_a_stranger_gets_none(
    sqlite_db: Database,
) -> None:
    add_users(sqlite_db, "rev")
    with sqlite_db.write() as session:
        update_profile(session, OPERATOR, "rev", email="rev@example.org")
    known = _app()
    known.secrets["auth"] = OIDC_SECRETS
    known.user = {"is_logged_in": True, "email": "Rev@Example.org", "name": "Rev"}
    known.run()
    assert not known.exception
    assert known.title[0].value == "Projects"
    assert _signed_in_caption(known) == "Signed in as rev (reviewer)"

    stranger = _app()
    stranger.secrets["auth"] = OIDC_SECRETS
    stranger.user = {"is_logged_in": True, "email": "stranger@example.org"}
    stranger.run()
    assert stranger.title[0].value == "Sign in to songngu"
    assert _texts(stranger.error) == [
        "no account for stranger@example.org: ask an administrator to add one with this "
        "e-mail address"
    ]
    assert [b.key for b in stranger.button if b.key == "auth_oidc_sign_out"]
    with sqlite_db.read() as session:
        assert [u.name for u in list_users(session)] == ["admin", "rev"]


# --- the audit log -------------------------------------------------------------------------


def _audit(database: Database) -> list[tuple[str, str, str]]:
    from workflow.audit import AuditFilter, list_events

    with database.read() as session:
        events = list_events(session, OPERATOR, AuditFilter())
    return [(event.actor, event.face, event.action) for event in reversed(events)]


def test_sign_ins_from_the_app_are_recorded_with_their_face(sqlite_db: Database) -> None:
    app = _app().run()
    _sign_in(app, "admin", "not the password")
    _sign_in(app, "admin", TEST_PASSWORD)
    app.run()  # more runs of the signed-in session record nothing more
    assert _audit(sqlite_db) == [
        ("local-operator", "cli", "user_add"),  # the test's account, added by the helper
        ("admin", "app", "sign_in_failed"),
        ("admin", "app", "sign_in"),
    ]


def test_an_unknown_oidc_identity_is_recorded_once_not_every_run(sqlite_db: Database) -> None:
    stranger = _app()
    stranger.secrets["auth"] = OIDC_SECRETS
    stranger.user = {"is_logged_in": True, "email": "stranger@example.org"}
    stranger.run()
    stranger.run()
    assert _audit(sqlite_db)[1:] == [("stranger@example.org", "app", "sign_in_failed")]


def test_the_users_page_shows_the_audit_log_filtered(run_page, sqlite_db: Database) -> None:  # type: ignore[no-untyped-def]
    add_users(sqlite_db, "tran")
    with sqlite_db.write() as session:
        change_role(session, OPERATOR, "tran", "reviewer")
    app = run_page("users")
    assert not app.exception
    assert "Audit log" in [header.value for header in app.subheader]
    (table,) = [frame for frame in app.dataframe if "Action" in frame.value.columns]
    assert list(table.value["Action"]) == ["role changed", "user added", "user added"]
    assert set(table.value["From"]) == {"command line"}
    app.selectbox(key="audit_action").select("role changed").run()
    (table,) = [frame for frame in app.dataframe if "Action" in frame.value.columns]
    assert list(table.value["Detail"]) == ["translator → reviewer"]
    app.text_input(key="audit_user").input("nobody").run()
    assert "No records match." in [caption.value for caption in app.caption]

    vietnamese = run_page("users", lang="vi")
    assert "Nhật ký kiểm tra" in [header.value for header in vietnamese.subheader]
