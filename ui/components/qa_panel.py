"""QA beside the segment editor: the selected segment's findings, and going past errors.

The findings shown are the stored ones (``workflow.qa.findings``), made by the last save
or confirm of the segment or by the project's QA job; the panel says when the segment
changed since, and offers to check it again. When QA errors refused a status change, the
editor records it (``remember_blocked``) and the panel offers the roles the partner
profile allows to go on anyway, with a reason that is recorded.

Findings quote the users' own text: they are shown with Markdown escaped, never as HTML.
"""

from __future__ import annotations

import streamlit as st

from primitives.errors import NotFound, SongnguError
from primitives.statuses import Status
from ui.auth import as_signed_in
from ui.components.glossary_panel import escape_markdown
from ui.components.messages import push_message
from ui.state import database, error_text, lang, t
from workflow.permissions import Role
from workflow.projects import get_project
from workflow.qa.confirm import QABlocked, QAReport, recheck_segment
from workflow.qa.findings import StoredFinding, checked_reason, checked_version, segment_findings
from workflow.qa.model import Severity
from workflow.qa.policy import may_override, override_roles
from workflow.qa.registry import get_check
from workflow.segments import get_segment, set_status
from workflow.users import Actor

BLOCKED = "qa_blocked"  # {segment_id, status}: the last status change QA errors refused


def check_label(check_id: str) -> str:
    """A check's name in the interface language (its id for a check this songngu lacks)."""
    try:
        return get_check(check_id).name.get(lang(), check_id)
    except NotFound:
        return check_id


def severity_label(severity: Severity) -> str:
    return t(f"severity_{severity.value}")


def finding_text(finding: StoredFinding) -> str:
    """'Check name: message' in the interface language, Markdown escaped."""
    return escape_markdown(f"{check_label(finding.check)}: {finding.text(lang())}")


def set_aside_text(finding: StoredFinding) -> str:
    """Who set the finding aside, when and why ("" for an open finding)."""
    ignored = finding.ignored
    if ignored is None:
        return ""
    key = "qa_overridden_by" if ignored.kind == "override" else "qa_ignored_by"
    return t(key, user=ignored.by, at=ignored.at[:16].replace("T", " "), reason=ignored.reason)


def roles_text(roles: tuple[Role, ...]) -> str:
    return ", ".join(t(f"role_{role.value}") for role in roles) or "—"


def show_finding(finding: StoredFinding) -> None:
    if not finding.is_open:
        st.caption(f"~~{finding_text(finding)}~~ — {escape_markdown(set_aside_text(finding))}")
        return
    shown = f"**{severity_label(finding.severity)}** · {finding_text(finding)}"
    {Severity.ERROR: st.error, Severity.WARNING: st.warning}.get(finding.severity, st.info)(shown)


def remember_blocked(error: QABlocked, segment_id: int, status: Status) -> None:
    """After QA errors refused a status change: say so, and offer to go on."""
    st.session_state[BLOCKED] = {"segment_id": segment_id, "status": int(status)}
    push_message("review_messages", "error", escape_markdown(error_text(error)))


def report_messages(queue: str, report: QAReport | None) -> None:
    """What QA said after a status change, queued for the next run of the page."""
    if report is None:
        return
    if report.overridden:
        push_message(queue, "warning", t("qa_overrode", count=len(report.overridden)))
    if report.open:
        push_message(
            queue, "warning", t("qa_report_found", count=len(report.open), id=report.segment_id)
        )


@as_signed_in
def _go_past(actor: Actor, project_id: int, segment_id: int, status: Status, seen: int) -> None:
    try:
        # Refused here when empty: without a reason, set_status would only refuse again.
        reason = checked_reason(st.session_state.get("side_qa_override_reason", ""))
        with database().write() as session:
            change = set_status(
                session,
                actor,
                segment_id,
                status,
                expected_version=seen,
                project=get_project(session, project_id),
                qa_override=reason,
            )
    except SongnguError as error:
        push_message("review_messages", "error", escape_markdown(error_text(error)))
        return
    st.session_state.pop(BLOCKED, None)
    st.session_state[f"side-shown-{segment_id}"] = (change.segment.version, change.segment.target)
    push_message(
        "review_messages",
        "success",
        t("qa_went_past", id=segment_id, status=t(f"status_{status.label}")),
    )
    report_messages("review_messages", change.report(QAReport))


@as_signed_in
def _recheck(actor: Actor, project_id: int, segment_id: int) -> None:
    try:
        with database().write() as session:
            report = recheck_segment(session, actor, get_project(session, project_id), segment_id)
    except SongnguError as error:
        push_message("review_messages", "error", escape_markdown(error_text(error)))
        return
    push_message(
        "review_messages", "info", t("qa_rechecked", id=segment_id, count=len(report.open))
    )


def qa_panel(segment_id: int, seen_version: int, actor: Actor, project_id: int) -> None:
    """The segment's stored findings, checking it again, and going past refused errors."""
    st.markdown(f"**{t('qa_panel')}**")
    try:
        with database().read() as session:
            project = get_project(session, project_id)
            segment = get_segment(session, segment_id, project)
            findings = segment_findings(session, segment_id)
            checked = checked_version(session, segment_id)
            allowed = may_override(actor, project)
            roles = override_roles(project)
    except SongnguError as error:
        st.error(error_text(error))
        return
    if checked is None:
        st.caption(t("qa_not_checked"))
    elif checked != segment.version:
        st.caption(t("qa_changed_since", version=checked))
    elif not findings:
        st.caption(t("qa_panel_none"))
    for finding in findings:
        show_finding(finding)
    st.button(
        t("qa_recheck"),
        key=f"qa-recheck-{segment_id}",
        on_click=_recheck,
        args=(actor, project_id, segment_id),
    )
    blocked = st.session_state.get(BLOCKED)
    if not blocked or blocked.get("segment_id") != segment_id:
        return
    status = Status(blocked["status"])
    if not allowed:
        st.info(t("qa_override_not_allowed", roles=roles_text(roles)))
        return
    st.text_input(t("qa_override_reason"), key="side_qa_override_reason")
    st.button(
        t("qa_override", status=t(f"status_{status.label}")),
        key="side_qa_override",
        on_click=_go_past,
        args=(actor, project_id, segment_id, status, seen_version),
    )
