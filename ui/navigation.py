"""The app's pages, in menu order."""

from __future__ import annotations

import streamlit as st

from ui.pages import export, glossary, projects, qa, review, source, translate
from ui.state import t


def review_page() -> st.Page:
    """The Review page, as other pages switch to it (``st.switch_page``)."""
    return st.Page(review.render, title=t("nav_review"), url_path="review")


def pages() -> list[st.Page]:
    return [
        st.Page(projects.render, title=t("nav_projects"), url_path="projects", default=True),
        st.Page(source.render, title=t("nav_source"), url_path="source"),
        review_page(),
        st.Page(translate.render, title=t("nav_translate"), url_path="translate"),
        st.Page(qa.render, title=t("nav_qa"), url_path="qa"),
        st.Page(glossary.render, title=t("nav_glossary"), url_path="glossary"),
        st.Page(export.render, title=t("nav_export"), url_path="export"),
    ]
