"""The Projects page's dashboard: progress bars, counts, a step indicator per document
and recent activity, from ``workflow.dashboard``. Document titles are user text: shown
through escape_markdown or in a dataframe, never as HTML."""

from __future__ import annotations

import streamlit as st

from primitives.statuses import Status
from ui.components.glossary_panel import escape_markdown
from ui.state import database, t
from ui.strings import STRINGS
from workflow.dashboard import STEPS, Activity, DocumentDashboard, project_dashboard
from workflow.models import iso_utc
from workflow.projects import get_project

DONE, NEXT, LATER = "✓", "●", "○"


def step_indicator(document: DocumentDashboard) -> str:
    """ "✓ imported → ✓ translated → ● reviewed → ○ approved → ○ exported": done, the one
    being worked on, the ones after."""
    reached = STEPS.index(document.step)
    marks = []
    for index, step in enumerate(STEPS):
        mark = DONE if index <= reached else NEXT if index == reached + 1 else LATER
        marks.append(f"{mark} {t(f'step_{step.value}')}")
    return " → ".join(marks)


def _bars(done: dict[str, int], total: int) -> None:
    for key, count in done.items():
        st.progress(count / total if total else 0.0, text=t(key, done=count, total=total))


def _qa_text(errors: int | None) -> str:
    return t("dashboard_qa_not_installed") if errors is None else str(errors)


def _document(document: DocumentDashboard) -> None:
    with st.container(border=True):
        st.markdown(f"**{escape_markdown(document.title)}**")
        st.caption(step_indicator(document))
        st.caption(
            t(
                "dashboard_document_line",
                segments=document.segments,
                words=document.words,
                errors=_qa_text(document.open_qa_errors),
                mt=f"{document.mt_coverage:.0%}",
            )
        )
        _bars(
            {
                "dashboard_bar_translated": document.at_least(Status.TRANSLATED),
                "dashboard_bar_approved": document.at_least(Status.APPROVED),
            },
            document.segments,
        )


def _activity_what(activity: Activity) -> str:
    if activity.field == "status":
        key = f"status_{activity.new}"
        status = t(key) if key in STRINGS else activity.new
        return t("dashboard_activity_status", status=status)
    return t("dashboard_activity_target")


def render_dashboard(project_id: int) -> None:
    with database().read() as session:
        dashboard = project_dashboard(session, get_project(session, project_id))
    st.subheader(t("dashboard_header"))
    columns = st.columns(4)
    columns[0].metric(t("dashboard_segments"), f"{dashboard.segments:,}")
    columns[1].metric(t("dashboard_words"), f"{dashboard.words:,}")
    columns[2].metric(t("dashboard_qa_errors"), _qa_text(dashboard.open_qa_errors))
    coverage = dashboard.mt_segments / dashboard.segments if dashboard.segments else 0.0
    columns[3].metric(t("dashboard_mt_coverage"), f"{coverage:.0%}")
    _bars(
        {
            "dashboard_bar_translated": dashboard.at_least(Status.TRANSLATED),
            "dashboard_bar_reviewed": dashboard.at_least(Status.REVIEWED),
            "dashboard_bar_approved": dashboard.at_least(Status.APPROVED),
        },
        dashboard.segments,
    )
    st.dataframe(
        [
            {
                t("col_status"): t(f"status_{status.label}"),
                t("segments"): dashboard.total(status).segments,
                t("words"): dashboard.total(status).words,
            }
            for status in Status
        ],
        hide_index=True,
    )
    st.subheader(t("dashboard_documents"))
    if not dashboard.documents:
        st.info(t("dashboard_no_documents"))
    for document in dashboard.documents:
        _document(document)
    st.subheader(t("dashboard_recent"))
    if not dashboard.recent:
        st.caption(t("dashboard_no_activity"))
        return
    st.dataframe(
        [
            {
                t("dashboard_col_when"): iso_utc(activity.at).replace("T", " ").rstrip("Z"),
                t("dashboard_col_who"): activity.user,
                t("dashboard_col_what"): _activity_what(activity),
                t("dashboard_col_document"): activity.document_title,
                t("dashboard_col_segment"): activity.position + 1,
            }
            for activity in dashboard.recent
        ],
        hide_index=True,
        width="stretch",
    )
