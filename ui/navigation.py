"""The app's pages, in menu order; the Users page only for those who may manage users."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui.state import t
from workflow.permissions import Action, allowed
from workflow.users import Actor

SCRIPTS = Path(__file__).resolve().parent / "page_scripts"


def _page(name: str, title_key: str, *, default: bool = False) -> st.Page:
    return st.Page(SCRIPTS / f"{name}.py", title=t(title_key), url_path=name, default=default)


def review_page() -> st.Page:
    """The Review page, as other pages switch to it (``st.switch_page``)."""
    return _page("review", "nav_review")


def pages(actor: Actor | None) -> list[st.Page]:
    """Every page for anyone (signed out, a page shows the sign-in screen instead)."""
    listed = [
        _page("projects", "nav_projects", default=True),
        _page("source", "nav_source"),
        review_page(),
        _page("translate", "nav_translate"),
        _page("qa", "nav_qa"),
        _page("glossary", "nav_glossary"),
        _page("export", "nav_export"),
    ]
    if actor is not None and allowed(actor.role, Action.MANAGE_USERS):
        listed.append(_page("users", "nav_users"))
    return listed
