"""Source page: upload or paste a Vietnamese document, see the repair report and segments."""

from __future__ import annotations

import streamlit as st

from ui.state import current_project_id, database, show_error, sidebar, t
from workflow.errors import SongnguError
from workflow.importing import import_document
from workflow.projects import get_project
from workflow.segments import list_segments


def _import(actor, data: bytes, filename: str, title: str | None) -> None:  # type: ignore[no-untyped-def]
    try:
        with database().write() as session:
            project = get_project(session, current_project_id())
            outcome = import_document(session, actor, project, data, filename, title=title)
    except SongnguError as error:
        show_error(error)
        return
    st.success(
        t("imported", title=outcome.title, segments=outcome.segments, revision=outcome.revision)
    )
    if outcome.revision > 1:
        st.info(t("kept_translations", count=outcome.reused_translations))
    for line in outcome.repair_lines + outcome.warnings:
        st.write(f"• {line}")


def render() -> None:
    actor = sidebar()
    st.title(t("source_header"))
    if current_project_id() is None:
        st.warning(t("choose_project_first"))
        return
    uploaded = st.file_uploader(t("upload"), type=["docx", "txt", "md"], key="upload")
    with st.expander(t("paste")):
        pasted_title = st.text_input(t("paste_title"), key="paste_title")
        pasted = st.text_area(t("paste"), key="paste_text", height=200)
    if st.button(t("import"), type="primary"):
        if uploaded is not None:
            _import(actor, uploaded.getvalue(), uploaded.name, None)
        elif pasted.strip():
            _import(actor, pasted.encode("utf-8"), "pasted.txt", pasted_title or None)
        else:
            st.error(t("nothing_to_import"))

    with database().read() as session:
        project = get_project(session, current_project_id())
        documents = list(project.documents)
        if not documents:
            st.info(t("no_documents"))
            return
        st.subheader(t("documents"))
        for document in documents:
            segments = list_segments(session, project, document_id=document.id)
            with st.expander(f"{document.title} — {len(segments)} {t('segments').lower()}"):
                lines = document.repair_report.get("lines", []) + document.repair_report.get(
                    "warnings", []
                )
                if lines:
                    st.caption(t("repair_report"))
                    for line in lines:
                        st.write(f"• {line}")
                st.dataframe(
                    [
                        {t("col_id"): s.id, "#": s.position, t("col_source"): s.source}
                        for s in segments
                    ],
                    hide_index=True,
                    width="stretch",
                )
