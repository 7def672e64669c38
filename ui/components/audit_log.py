"""The audit log on the Users page (admins): filters by user, action, dates and project.

The filters are widgets; the records are read again on every run (``workflow.audit``
refuses anyone but an admin, whatever this page shows).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import streamlit as st

from primitives.errors import SongnguError
from ui.state import database, show_error, t
from workflow.audit import AuditAction, AuditFilter, event_row, list_events
from workflow.projects import list_projects
from workflow.users import Actor

SHOWN = 500  # newest records shown; the CLI's `songngu audit --limit` shows more


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def _action_labels() -> dict[str, AuditAction | None]:
    labels: dict[str, AuditAction | None] = {t("audit_all_actions"): None}
    labels.update({t(f"audit_action_{action.value}"): action for action in AuditAction})
    return labels


def audit_section(actor: Actor) -> None:
    st.subheader(t("audit_header"))
    with database().read() as session:
        projects = {project.name: project.id for project in list_projects(session)}
    actions = _action_labels()
    all_projects = t("audit_all_projects")
    first, second = st.columns(2)
    user = first.text_input(t("audit_user"), key="audit_user")
    action_label = second.selectbox(t("audit_action"), list(actions), key="audit_action")
    project_label = first.selectbox(
        t("audit_project"), [all_projects, *projects], key="audit_project"
    )
    today = datetime.now(UTC).date()
    days = second.date_input(
        t("audit_dates"), value=(today - timedelta(days=30), today), key="audit_dates"
    )
    since = until = None
    if isinstance(days, tuple) and days:
        since = _day_start(days[0])
        until = _day_start(days[-1]) + timedelta(days=1)  # the last day included
    wanted = AuditFilter(
        user=user,
        action=actions[action_label],
        since=since,
        until=until,
        project_id=None if project_label == all_projects else projects[project_label],
        limit=SHOWN,
    )
    try:
        with database().read() as session:
            rows = [event_row(event) for event in list_events(session, actor, wanted)]
    except SongnguError as error:
        show_error(error)
        return
    if not rows:
        st.caption(t("audit_none"))
        return
    names = {project_id: name for name, project_id in projects.items()}
    st.dataframe(
        [
            {
                t("audit_col_at"): row["at"],
                t("audit_col_user"): row["user"],
                t("audit_col_face"): t(f"audit_face_{row['face']}"),
                t("audit_col_action"): t(f"audit_action_{row['action']}"),
                t("audit_col_project"): names.get(row["project_id"], row["project_id"] or ""),
                t("audit_col_object"): f"{row['object_type']} {row['object_id']}".strip(),
                t("audit_col_detail"): row["detail"],
            }
            for row in rows
        ],
        hide_index=True,
        width="stretch",
        key="audit_table",
    )
    st.caption(t("audit_shown", count=len(rows), most=SHOWN))
