"""The app's pages, in menu order; the Users page only for those who may manage users.

Streamlit serves its default page at "/" only: a default Projects page would make
/projects "Page not found". So the default is a page of its own (``home_page``: the
Projects page at "/"), kept out of the menu, and Projects is listed at /projects like
every other page; the menu is drawn from :func:`pages` (``menu``)."""

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


def home_page() -> st.Page:
    """The Projects page at "/", the address the app opens on."""
    return st.Page(SCRIPTS / "projects.py", title=t("nav_projects"), url_path="home", default=True)


def menu(listed: list[st.Page]) -> None:
    """The sidebar's menu: a link per page (the home page is Projects, listed once)."""
    for page in listed:
        st.sidebar.page_link(page)


def pages(actor: Actor | None) -> list[st.Page]:
    """Every page of the menu for anyone (signed out, a page shows the sign-in screen)."""
    listed = [
        _page("projects", "nav_projects"),
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
