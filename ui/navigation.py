"""The app's pages, in menu order."""

from __future__ import annotations

import streamlit as st

from ui.pages import export, glossary, projects, review, source, translate
from ui.state import t


def pages() -> list[st.Page]:
    return [
        st.Page(projects.render, title=t("nav_projects"), url_path="projects", default=True),
        st.Page(source.render, title=t("nav_source"), url_path="source"),
        st.Page(review.render, title=t("nav_review"), url_path="review"),
        st.Page(translate.render, title=t("nav_translate"), url_path="translate"),
        st.Page(glossary.render, title=t("nav_glossary"), url_path="glossary"),
        st.Page(export.render, title=t("nav_export"), url_path="export"),
    ]
