"""Session state and shared resources of the app: database, language, the sidebar.

The language lives in ``st.session_state["lang"]``, a key no widget owns: the switch's
own key is ``lang_choice``, copied in by its on_change. Widget state is dropped when its
page is left, so a widget-owned key would fall back to its default on every page change.
"""

from __future__ import annotations

import streamlit as st

from primitives.errors import SongnguError
from ui.strings import LANGUAGES, error_label, error_template, text
from workflow import settings
from workflow.jobs import JobRunner
from workflow.projects import list_projects
from workflow.runners import job_runner as runner_for
from workflow.runners import redis_url
from workflow.storage import Database, open_database
from workflow.users import Actor


@st.cache_resource
def database() -> Database:
    return open_database()


@st.cache_resource
def _job_runner(database_url: str, redis_url: str) -> JobRunner:
    return runner_for(open_database(database_url))


def job_runner() -> JobRunner:
    """The app's job runner for its database (threads that outlive a page run, or the
    Redis queue when SONGNGU_REDIS_URL is set)."""
    return _job_runner(database().url, redis_url())


def lang() -> str:
    if "lang" not in st.session_state:
        configured = settings.get("SONGNGU_LANG")
        st.session_state["lang"] = configured if configured in LANGUAGES else "vi"
    return st.session_state["lang"]


def t(key: str, **values: object) -> str:
    return text(key, lang(), **values)


def _choose_language() -> None:
    st.session_state["lang"] = st.session_state["lang_choice"]


def language_switch() -> None:
    languages = list(LANGUAGES)
    st.sidebar.selectbox(
        t("language"),
        options=languages,
        index=languages.index(lang()),
        format_func=LANGUAGES.__getitem__,
        key="lang_choice",
        on_change=_choose_language,
    )


def sidebar() -> Actor:
    """Language switch and who is signed in, on every page; returns the signed-in actor.

    Nobody signed in: the page shows the first-run or sign-in screen instead and stops.
    """
    # ui.auth draws with this module's helpers, so it is imported when first needed.
    from ui.auth import account_panel, require_actor

    language_switch()
    actor = require_actor()
    account_panel(actor)
    return actor


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
