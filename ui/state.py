"""Session state and shared resources of the app: database, language, acting user."""

from __future__ import annotations

import streamlit as st

from primitives.errors import SongnguError
from ui.strings import LANGUAGES, error_label, error_template, text
from workflow import settings
from workflow.jobs import ThreadJobRunner
from workflow.projects import list_projects
from workflow.storage import Database, open_database
from workflow.users import Actor, list_users, resolve_actor


@st.cache_resource
def database() -> Database:
    return open_database()


@st.cache_resource
def _job_runner(database_url: str) -> ThreadJobRunner:
    return ThreadJobRunner(open_database(database_url))


def job_runner() -> ThreadJobRunner:
    """The app's background job runner for its database: its threads outlive a page run."""
    return _job_runner(database().url)


def lang() -> str:
    if "lang" not in st.session_state:
        configured = settings.get("SONGNGU_LANG")
        st.session_state["lang"] = configured if configured in LANGUAGES else "vi"
    return st.session_state["lang"]


def t(key: str, **values: object) -> str:
    return text(key, lang(), **values)


def sidebar() -> Actor:
    """Language switch and acting user, shown on every page; returns the actor."""
    lang()
    st.sidebar.selectbox(
        t("language"),
        options=list(LANGUAGES),
        format_func=LANGUAGES.__getitem__,
        key="lang",
    )
    with database().read() as session:
        names = [user.name for user in list_users(session)]
    default = settings.get("SONGNGU_USER")
    if st.session_state.get("user") not in names:
        st.session_state["user"] = default if default in names else names[0]
    st.sidebar.selectbox(t("acting_as"), options=names, key="user")
    with database().read() as session:
        return resolve_actor(session, st.session_state["user"])


def current_project_id() -> int | None:
    """The project being worked on; the first one when none was chosen yet."""
    if st.session_state.get("project_id") is None:
        with database().read() as session:
            projects = list_projects(session)
        if projects:
            st.session_state["project_id"] = projects[0].id
    return st.session_state.get("project_id")


def error_text(error: SongnguError) -> str:
    """A domain error in the interface language (its English message if not translated)."""
    language = lang()
    return error.render(
        lambda e: error_template(e.code, language) if e.code else None,
        lambda name, value: error_label(name, value, language),
    )


def show_error(error: SongnguError) -> None:
    st.error(error_text(error))
