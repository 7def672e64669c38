"""Users page (admins): add accounts, change roles and details, set passwords, disable;
the audit log below them.

Every change runs in a button callback with the version of the account the page showed,
so a change made by someone else meanwhile is refused (workflow.users), never overwritten.
"""

from __future__ import annotations

import streamlit as st

from primitives.errors import SongnguError
from ui.auth import AUTH, AppSession, as_signed_in
from ui.components.audit_log import audit_section
from ui.components.messages import push_message, show_messages
from ui.state import database, error_text, sidebar, t
from workflow.auth import SignedIn, credential_stamp
from workflow.models import User
from workflow.permissions import Action, Role, allowed
from workflow.users import (
    Actor,
    account_state,
    add_user,
    change_role,
    list_users,
    set_disabled,
    set_password,
    update_profile,
)

MESSAGES = "users-messages"
_ADD_FIELDS = ("name", "display_name", "email", "password", "again")


def _role_labels() -> dict[str, Role]:
    # Options are the labels themselves: a format_func reading the session's language would
    # be re-run outside the session (AppTest does that).
    return {t(f"role_{role.value}"): role for role in Role}


def _state_label(user: User) -> str:
    return t(f"users_state_{account_state(user).name.lower()}")


def _fail(error: SongnguError) -> None:
    push_message(MESSAGES, "error", error_text(error))


@as_signed_in
def _add(actor: Actor, role_labels: dict[str, Role]) -> None:
    values = {field: st.session_state.get(f"users_add_{field}", "") for field in _ADD_FIELDS}
    st.session_state["users_add_password"] = st.session_state["users_add_again"] = ""
    if values["password"] != values["again"]:
        push_message(MESSAGES, "error", t("auth_passwords_differ"))
        return
    role = role_labels[st.session_state["users_add_role"]]
    try:
        with database().write() as session:
            user = add_user(
                session,
                actor,
                values["name"],
                role.value,
                values["password"],
                display_name=values["display_name"],
                email=values["email"],
            )
    except SongnguError as error:
        _fail(error)
        return
    for field in ("name", "display_name", "email"):
        st.session_state[f"users_add_{field}"] = ""
    push_message(MESSAGES, "success", t("users_added", name=user.name))


def _add_form(actor: Actor) -> None:
    role_labels = _role_labels()
    with st.form("users_add"):
        st.subheader(t("users_add_header"))
        st.text_input(t("auth_user_name"), key="users_add_name")
        st.text_input(t("auth_display_name"), key="users_add_display_name")
        st.text_input(t("users_col_email"), key="users_add_email")
        st.selectbox(t("users_col_role"), list(role_labels), key="users_add_role")
        st.text_input(t("auth_password"), type="password", key="users_add_password")
        st.text_input(t("auth_password_again"), type="password", key="users_add_again")
        st.form_submit_button(t("users_add"), on_click=_add, args=(actor, role_labels))


@as_signed_in
def _save(
    actor: Actor, user_id: int, seen: int, keys: dict[str, str], roles: dict[str, Role]
) -> None:
    role = roles[st.session_state[keys["role"]]]
    display_name, email = st.session_state[keys["display_name"]], st.session_state[keys["email"]]
    try:
        with database().write() as session:
            user = session.get(User, user_id)
            assert user is not None  # accounts are never deleted
            version, changed = seen, False
            if role.value != user.role:
                version = change_role(
                    session, actor, user.name, role.value, expected_version=version
                ).version
                changed = True
            if display_name != user.display_name or email.strip().lower() != user.email:
                update_profile(
                    session,
                    actor,
                    user.name,
                    display_name=display_name,
                    email=email,
                    expected_version=version,
                )
                changed = True
            name = user.name
    except SongnguError as error:
        _fail(error)
        return
    push_message(MESSAGES, "success" if changed else "info", _saved_text(name, changed))


def _saved_text(name: str, changed: bool) -> str:
    return t("users_saved", name=name) if changed else t("users_nothing_changed")


@as_signed_in
def _set_password(actor: Actor, name: str, seen: int, keys: dict[str, str]) -> None:
    password, again = st.session_state[keys["password"]], st.session_state[keys["again"]]
    st.session_state[keys["password"]] = st.session_state[keys["again"]] = ""
    if password != again:
        push_message(MESSAGES, "error", t("auth_passwords_differ"))
        return
    try:
        with database().write() as session:
            user = set_password(session, actor, name, password, expected_version=seen)
            stamp = credential_stamp(user)
    except SongnguError as error:
        _fail(error)
        return
    current: AppSession | None = st.session_state.get(AUTH)
    if current is not None and current.signed_in.actor.name == name:
        # The admin set their own password: this session goes on with it, the others end.
        st.session_state[AUTH] = AppSession(
            SignedIn(current.signed_in.actor, stamp), current.via, current.last_active
        )
    push_message(MESSAGES, "success", t("users_password_set", name=name))


@as_signed_in
def _toggle(actor: Actor, name: str, seen: int, disable: bool) -> None:
    try:
        with database().write() as session:
            set_disabled(session, actor, name, disable, expected_version=seen)
    except SongnguError as error:
        _fail(error)
        return
    push_message(
        MESSAGES, "success", t("users_disabled" if disable else "users_enabled", name=name)
    )


def _change_section(actor: Actor, users: list[User]) -> None:
    st.subheader(t("users_change_header"))
    by_name = {user.name: user for user in users}
    name = st.selectbox(t("users_pick"), list(by_name), key="users_pick")
    user = by_name[name]
    roles = _role_labels()
    # Keys carry the version shown: after any change the fields start from the new values.
    prefix = f"users_{user.id}_{user.version}"
    keys = {
        field: f"{prefix}_{field}"
        for field in ("role", "display_name", "email", "password", "again")
    }
    labels = list(roles)
    with st.form(f"{prefix}_details"):
        st.selectbox(
            t("users_col_role"),
            labels,
            index=labels.index(t(f"role_{user.role}")),
            key=keys["role"],
        )
        st.text_input(
            t("users_col_display_name"), value=user.display_name, key=keys["display_name"]
        )
        st.text_input(t("users_col_email"), value=user.email, key=keys["email"])
        st.form_submit_button(
            t("users_save"), on_click=_save, args=(actor, user.id, user.version, keys, roles)
        )
    with st.form(f"{prefix}_password"):
        st.markdown(f"**{t('users_reset_header')}**")
        st.text_input(t("auth_password"), type="password", key=keys["password"])
        st.text_input(t("auth_password_again"), type="password", key=keys["again"])
        st.form_submit_button(
            t("users_reset"), on_click=_set_password, args=(actor, user.name, user.version, keys)
        )
    disable = not user.disabled
    st.button(
        t("users_disable" if disable else "users_enable"),
        key=f"{prefix}_toggle",
        on_click=_toggle,
        args=(actor, user.name, user.version, disable),
    )


def render() -> None:
    actor = sidebar()
    st.title(t("users_header"))
    if not allowed(actor.role, Action.MANAGE_USERS):
        st.warning(t("users_admin_only"))
        return
    show_messages(MESSAGES)
    with database().read() as session:
        users = list_users(session)
    st.dataframe(
        [
            {
                t("users_col_name"): user.name,
                t("users_col_display_name"): user.display_name,
                t("users_col_role"): t(f"role_{user.role}"),
                t("users_col_state"): _state_label(user),
                t("users_col_email"): user.email,
            }
            for user in users
        ],
        hide_index=True,
        width="stretch",
    )
    _add_form(actor)
    if users:
        _change_section(actor, users)
    audit_section(actor)
