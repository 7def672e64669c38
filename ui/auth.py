"""Who is signed in to this browser session: first run, sign-in, OIDC, sign-out, expiry.

The sign-in lives in ``st.session_state[AUTH]``, a key no widget owns, so changing pages
never drops it (widget state is dropped when its page is left). Every run asks the
database again (``workflow.auth.session_actor``): a disabled account, a new role or a
reset password take effect on the next click. A session idle longer than
SONGNGU_SESSION_IDLE_MINUTES ends. A local sign-in lasts as long as the browser tab's
session: reloading the page asks again (Streamlit keeps no cookie of its own for it);
an OIDC sign-in (``st.login``) is remembered by Streamlit's identity cookie.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Concatenate, Literal, ParamSpec

import streamlit as st

from primitives.errors import SongnguError
from ui.components.messages import push_message, show_messages
from ui.state import database, error_text, show_error, t
from workflow.audit import Face, act_from
from workflow.auth import (
    SignedIn,
    create_first_admin,
    expired,
    idle_timeout,
    needs_first_admin,
    session_actor,
    sign_in_with_identity,
    sign_in_with_password,
)
from workflow.users import Actor

AUTH = "auth"  # the AppSession of this browser session
REFUSAL = "auth_refusal"  # why an OIDC identity was not let in, shown on the sign-in screen
REFUSED_IDENTITY = "auth_refused_identity"  # not asked again (nor recorded again) every run
NOTICES = "auth_notices"  # messages for the sign-in screen (expired, ended, signed out)

Via = Literal["password", "oidc"]
P = ParamSpec("P")
# Keys of an [auth] section that are settings, not providers ([auth.NAME] tables are).
_AUTH_SETTINGS = {"redirect_uri", "cookie_secret", "expose_tokens"}


@dataclass(frozen=True)
class AppSession:
    """A sign-in as this browser session keeps it."""

    signed_in: SignedIn
    via: Via
    last_active: datetime

    @classmethod
    def start(cls, signed_in: SignedIn, via: Via) -> AppSession:
        return cls(signed_in, via, datetime.now(UTC))


# --- OIDC through st.login ---------------------------------------------------------------


def oidc_providers(auth_section: Mapping[str, Any] | None) -> list[str | None]:
    """The providers an [auth] secrets section configures: each [auth.NAME] table, and
    None (st.login()'s default) when client_id sits in [auth] itself."""
    if not auth_section:
        return []
    providers: list[str | None] = [None] if "client_id" in auth_section else []
    providers += [
        name
        for name, value in auth_section.items()
        if name not in _AUTH_SETTINGS and isinstance(value, Mapping)
    ]
    return providers


def configured_providers() -> list[str | None]:
    """OIDC providers of the app's secrets; none when there is no secrets file or [auth]."""
    try:
        section = st.secrets.get("auth") if "auth" in st.secrets else None
    except FileNotFoundError:  # no secrets.toml at all (StreamlitSecretNotFoundError)
        return []
    return oidc_providers(section)


def _oidc_identity() -> tuple[str | None, str | None] | None:
    """(e-mail, user name) of the identity Streamlit's cookie holds, if signed in to one."""
    if not st.user.get("is_logged_in"):
        return None
    email = st.user.get("email")
    username = st.user.get("preferred_username")
    return (
        email if isinstance(email, str) else None,
        username if isinstance(username, str) else None,
    )


def _oidc_sign_in() -> AppSession | None:
    identity = _oidc_identity()
    if identity is None or st.session_state.get(REFUSED_IDENTITY) == identity:
        return None
    try:
        signed_in = sign_in_with_identity(database(), *identity)
    except SongnguError as error:
        st.session_state[REFUSAL] = error
        st.session_state[REFUSED_IDENTITY] = identity
        return None
    st.session_state.pop(REFUSAL, None)
    st.session_state.pop(REFUSED_IDENTITY, None)
    return AppSession.start(signed_in, "oidc")


# --- the session ---------------------------------------------------------------------------


def _end(notice: str | None) -> None:
    app_session: AppSession | None = st.session_state.pop(AUTH, None)
    if notice:
        push_message(NOTICES, "info", notice)
    if app_session is not None and app_session.via == "oidc" and configured_providers():
        st.logout()  # else Streamlit's identity cookie signs the person straight back in


def current_actor() -> Actor | None:
    """Who is signed in now (their role as stored now), or None; ends a session that is
    idle too long or whose account was disabled or given a new password."""
    act_from(Face.APP)  # every run and fragment asks here first: what it records is the app's
    app_session: AppSession | None = st.session_state.get(AUTH)
    if app_session is None and configured_providers():
        app_session = _oidc_sign_in()
    if app_session is None:
        return None
    try:
        if expired(app_session.last_active):
            minutes = int(idle_timeout().total_seconds() // 60)
            _end(t("auth_expired", minutes=minutes))
            return None
        with database().read() as session:
            actor = session_actor(session, app_session.signed_in)
    except SongnguError as error:
        st.session_state.pop(AUTH, None)
        push_message(NOTICES, "warning", error_text(error))
        return None
    st.session_state[AUTH] = replace(
        app_session,
        signed_in=SignedIn(actor, app_session.signed_in.stamp),
        last_active=datetime.now(UTC),
    )
    return actor


def as_signed_in(
    callback: Callable[Concatenate[Actor, P], None],
) -> Callable[Concatenate[Actor, P], None]:
    """A widget callback that acts for the person signed in when it runs.

    Streamlit runs callbacks before the page script, so before ``require_actor``: the actor
    captured when the button was drawn may since have gone idle too long, been disabled,
    been given another role or signed out. The callback gets the actor as stored now,
    and does nothing when that is nobody or someone else (the run then draws the sign-in
    screen). Checking here also makes what the callback records the app's.
    """

    @functools.wraps(callback)
    def run(drawn_for: Actor, *args: P.args, **kwargs: P.kwargs) -> None:
        actor = current_actor()
        if actor is None or actor.name != drawn_for.name:
            return
        callback(actor, *args, **kwargs)

    return run


def sign_out() -> None:
    _end(t("auth_signed_out"))


def require_actor() -> Actor:
    """The signed-in person; otherwise draw the first-run or sign-in screen and stop."""
    actor = current_actor()
    if actor is None:
        sign_in_screen()
        st.stop()
    return actor


def account_panel(actor: Actor) -> None:
    """Who is signed in, with the sign-out button, in the sidebar."""
    st.sidebar.caption(t("auth_signed_in_as", name=actor.name, role=t(f"role_{actor.role.value}")))
    if st.sidebar.button(t("auth_sign_out"), key="auth_sign_out"):
        sign_out()
        st.rerun()


# --- screens -------------------------------------------------------------------------------


def sign_in_screen() -> None:
    """The first-run screen while no account has a password, else the sign-in screen."""
    with database().read() as session:
        first_run = needs_first_admin(session)
    if first_run:
        _first_run_form()
    else:
        _sign_in_form()


def _first_run_form() -> None:
    st.title(t("auth_first_run_header"))
    st.write(t("auth_first_run_intro"))
    with st.form("auth_first_run"):
        name = st.text_input(t("auth_user_name"), key="first_run_name")
        display_name = st.text_input(t("auth_display_name"), key="first_run_display_name")
        password = st.text_input(t("auth_password"), type="password", key="first_run_password")
        again = st.text_input(t("auth_password_again"), type="password", key="first_run_again")
        submitted = st.form_submit_button(t("auth_create_admin"), type="primary")
    if not submitted:
        return
    if password != again:
        st.error(t("auth_passwords_differ"))
        return
    try:
        with database().write() as session:
            signed_in = create_first_admin(session, name, password, display_name=display_name)
    except SongnguError as error:
        show_error(error)
        return
    st.session_state[AUTH] = AppSession.start(signed_in, "password")
    st.rerun()


def _sign_in_form() -> None:
    st.title(t("auth_sign_in_header"))
    show_messages(NOTICES)
    refusal: SongnguError | None = st.session_state.get(REFUSAL)
    if refusal is not None:
        show_error(refusal)
        if st.button(t("auth_oidc_sign_out"), key="auth_oidc_sign_out"):
            st.session_state.pop(REFUSAL, None)
            st.session_state.pop(REFUSED_IDENTITY, None)
            st.logout()
    for provider in configured_providers():
        label = t("auth_oidc_sign_in", provider=provider or t("auth_oidc_default_provider"))
        if st.button(label, key=f"auth_oidc_{provider or 'default'}"):
            if provider is None:
                st.login()
            else:
                st.login(provider)
    with st.form("auth_sign_in", clear_on_submit=True):
        name = st.text_input(t("auth_user_name"), key="sign_in_name")
        password = st.text_input(t("auth_password"), type="password", key="sign_in_password")
        submitted = st.form_submit_button(t("auth_sign_in"), type="primary")
    if not submitted:
        return
    try:
        signed_in = sign_in_with_password(database(), name, password)
    except SongnguError as error:
        show_error(error)
        return
    st.session_state[AUTH] = AppSession.start(signed_in, "password")
    st.rerun()
