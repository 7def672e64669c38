"""QA page: is the project ready to deliver, run QA over it, and work through the findings.

The readiness table counts, per document, the segments not approved yet, the open QA
errors and warnings, and the segments not checked as they now are; the partner profile's
export policy says whether these block an export. "Run QA" checks the project (or one
document) as a background job (``workflow.qa.job``), the page polling its progress as
the Machine translation page does. The findings are filtered by check, severity,
document and segment status, a page at a time; the chosen one can be opened on the
Review page, set aside with a reason (errors only by the roles the partner profile
allows), reopened, or its segment checked again.

Findings quote the users' own text: shown in tables or with Markdown escaped.
"""

from __future__ import annotations

import streamlit as st

from primitives.errors import SongnguError
from primitives.excerpts import one_line
from primitives.statuses import Status
from ui.auth import as_signed_in
from ui.components.job_progress import is_active, job_progress
from ui.components.messages import MessageKind, push_message, show_messages
from ui.components.qa_panel import (
    check_label,
    finding_text,
    roles_text,
    set_aside_text,
    severity_label,
)
from ui.components.segment_jump import jump_to_segment
from ui.state import (
    current_project_id,
    database,
    error_text,
    job_runner,
    lang,
    show_error,
    sidebar,
    t,
)
from workflow.jobs import JobState
from workflow.models import Job
from workflow.projects import get_project
from workflow.qa.confirm import recheck_segment
from workflow.qa.findings import (
    FindingFilter,
    StoredFinding,
    checks_found,
    count_findings,
    ignore_finding,
    list_findings,
    reopen_finding,
)
from workflow.qa.job import QAJobResult, create_qa_job, latest_qa_job, resume_qa_job
from workflow.qa.model import Severity
from workflow.qa.policy import BLOCK, may_override, override_roles
from workflow.qa.readiness import export_readiness
from workflow.segments import segments_by_ids
from workflow.users import Actor

MESSAGES = "qa_messages"
PAGE_SIZE = 200


def _push(kind: MessageKind, message: str) -> None:
    push_message(MESSAGES, kind, message)


# --- readiness ------------------------------------------------------------------------


def _readiness(project_id: int) -> None:
    with database().read() as session:
        readiness = export_readiness(session, get_project(session, project_id))
    st.subheader(t("qa_readiness"))
    st.dataframe(
        [
            {
                t("document"): document.title,
                t("segments"): document.segments,
                t("col_not_approved"): document.not_approved,
                t("col_open_errors"): document.open_errors,
                t("col_open_warnings"): document.open_warnings,
                t("col_unchecked"): document.unchecked,
            }
            for document in readiness.documents
        ],
        hide_index=True,
        width="stretch",
    )
    policy = "qa_policy_block" if readiness.policy == BLOCK else "qa_policy_warn"
    st.caption(t(policy, partner=readiness.partner))
    if not readiness.qa_problems:
        st.success(t("qa_ready"))
    elif readiness.blocked:
        st.error(
            t("qa_blocked_export", errors=readiness.open_errors, unchecked=readiness.unchecked)
        )
    else:
        st.warning(t("qa_warn_export", errors=readiness.open_errors, unchecked=readiness.unchecked))


# --- the job --------------------------------------------------------------------------


def _outcome(job: Job, actor: Actor) -> None:
    if job.state == JobState.SUCCEEDED:
        result = QAJobResult.from_dict(job.result)
        st.success(
            t(
                "qa_done",
                id=job.id,
                checked=result.checked,
                errors=result.errors,
                warnings=result.warnings,
                infos=result.infos,
            )
        )
        if result.already_checked or result.moved_on:
            st.caption(t("qa_done_skipped", already=result.already_checked, moved=result.moved_on))
        return
    if job.state == JobState.CANCELLED:
        st.info(t("qa_stopped", id=job.id))
    elif job.state == JobState.FAILED:
        st.error(t("qa_failed", id=job.id, message=job.message))
    else:
        st.warning(t("qa_stalled", id=job.id))
    if st.button(t("qa_resume", id=job.id), key=f"qa_resume_{job.id}"):
        try:
            with database().write() as session:
                resume_qa_job(session, actor, job.id)
        except SongnguError as error:
            show_error(error)
            return
        job_runner().submit(job.id)
        st.rerun()


def _start(actor: Actor, project_id: int, document_id: int | None) -> None:
    try:
        with database().write() as session:
            job = create_qa_job(
                session, actor, get_project(session, project_id), document=document_id
            )
            job_id = job.id
    except SongnguError as error:
        show_error(error)
        return
    job_runner().submit(job_id)
    st.rerun()


def _run_panel(actor: Actor, project_id: int, documents: dict[int, str]) -> bool:
    """Run QA, or the running job's progress; True while a job runs."""
    with database().read() as session:
        last = latest_qa_job(session, get_project(session, project_id))
    if last is not None and is_active(last):
        job_progress(actor, last.id, "qa")
        return True
    if last is not None:
        _outcome(last, actor)
    choices = {t("all"): None, **{title: document_id for document_id, title in documents.items()}}
    run_col, button_col = st.columns([3, 1])
    scope = choices[run_col.selectbox(t("qa_run_scope"), list(choices), key="qa_run_document")]
    if button_col.button(t("qa_run"), key="qa_run", type="primary"):
        _start(actor, project_id, scope)
    return False


# --- findings -------------------------------------------------------------------------


def _filters(project_id: int, documents: dict[int, str]) -> FindingFilter:
    with database().read() as session:
        found_checks = checks_found(session, get_project(session, project_id))
    # Options are the labels themselves (see the Review page: no session-reading format_func).
    checks = {t("all"): None, **{f"{check_label(c)} ({c})": c for c in found_checks}}
    severities = {t("all"): None, **{severity_label(s): s for s in Severity}}
    titles = {t("all"): None, **{title: document_id for document_id, title in documents.items()}}
    statuses = {t("all"): None, **{t(f"status_{s.label}"): s for s in Status}}
    check_col, severity_col, document_col, status_col = st.columns(4)
    check = checks[check_col.selectbox(t("qa_filter_check"), list(checks), key="qa_check")]
    severity = severities[
        severity_col.selectbox(t("qa_filter_severity"), list(severities), key="qa_severity")
    ]
    document = titles[document_col.selectbox(t("document"), list(titles), key="qa_document")]
    status = statuses[status_col.selectbox(t("status_filter"), list(statuses), key="qa_status")]
    include_ignored = st.checkbox(t("qa_show_ignored"), key="qa_show_ignored")
    return FindingFilter(document, check, severity, status, include_ignored)


def _table(findings: list[StoredFinding], documents: dict[int, str]) -> None:
    with database().read() as session:
        segments = segments_by_ids(session, sorted({f.segment_id for f in findings}))
    st.dataframe(
        [
            {
                t("col_id"): finding.segment_id,
                t("document"): documents.get(finding.document_id, ""),
                t("col_status"): t(f"status_{finding.segment_status.label}"),
                t("col_severity"): severity_label(finding.severity),
                t("col_check"): check_label(finding.check),
                t("col_message"): finding.text(lang()),
                t("col_source"): one_line(segments[finding.segment_id].source, 120)
                if finding.segment_id in segments
                else "",
                t("col_target"): one_line(segments[finding.segment_id].target, 120)
                if finding.segment_id in segments
                else "",
                t("col_ignored"): set_aside_text(finding),
            }
            for finding in findings
        ],
        hide_index=True,
        width="stretch",
    )


@as_signed_in
def _ignore(actor: Actor, project_id: int, finding: StoredFinding) -> None:
    reason = st.session_state.get("qa_ignore_reason", "")
    try:
        with database().write() as session:
            ignore_finding(
                session,
                actor,
                get_project(session, project_id),
                finding.segment_id,
                finding.signature,
                reason,
            )
    except SongnguError as error:
        _push("error", error_text(error))
        return
    st.session_state["qa_ignore_reason"] = ""
    _push("success", t("qa_ignored", id=finding.segment_id))


@as_signed_in
def _reopen(actor: Actor, project_id: int, finding: StoredFinding) -> None:
    try:
        with database().write() as session:
            reopen_finding(
                session,
                actor,
                get_project(session, project_id),
                finding.segment_id,
                finding.signature,
            )
    except SongnguError as error:
        _push("error", error_text(error))
        return
    _push("success", t("qa_reopened", id=finding.segment_id))


@as_signed_in
def _recheck(actor: Actor, project_id: int, segment_id: int) -> None:
    try:
        with database().write() as session:
            report = recheck_segment(session, actor, get_project(session, project_id), segment_id)
    except SongnguError as error:
        _push("error", error_text(error))
        return
    _push("info", t("qa_rechecked", id=segment_id, count=len(report.open)))


def _actions(actor: Actor, project_id: int, findings: list[StoredFinding]) -> None:
    """The chosen finding: open its segment, set it aside or reopen it, check it again."""
    labels = {
        f"{f.segment_id} · {severity_label(f.severity)} · {check_label(f.check)}"
        f"{' (' + str(n + 1) + ')' if n else ''}": f
        for n, f in enumerate(findings)
    }
    label = st.selectbox(t("qa_choose_finding"), list(labels), key="qa_finding")
    finding = labels[label]
    st.markdown(finding_text(finding))
    with database().read() as session:
        project = get_project(session, project_id)
        may_set_errors_aside = may_override(actor, project)
        roles = override_roles(project)
    open_col, recheck_col = st.columns(2)
    if open_col.button(t("qa_goto"), key="qa_goto"):
        jump_to_segment(finding.segment_id)
    recheck_col.button(
        t("qa_recheck"),
        key="qa_recheck",
        on_click=_recheck,
        args=(actor, project_id, finding.segment_id),
    )
    if not finding.is_open:
        st.caption(set_aside_text(finding))
        st.button(
            t("qa_reopen"), key="qa_reopen", on_click=_reopen, args=(actor, project_id, finding)
        )
        return
    allowed = finding.severity is not Severity.ERROR or may_set_errors_aside
    if not allowed:
        st.caption(t("qa_ignore_errors_roles", roles=roles_text(roles)))
    st.text_input(t("qa_ignore_reason"), key="qa_ignore_reason", disabled=not allowed)
    st.button(
        t("qa_ignore"),
        key="qa_ignore",
        on_click=_ignore,
        args=(actor, project_id, finding),
        disabled=not allowed,
    )


def _findings(actor: Actor, project_id: int, documents: dict[int, str]) -> None:
    st.subheader(t("qa_findings"))
    which = _filters(project_id, documents)
    with database().read() as session:
        project = get_project(session, project_id)
        total = count_findings(session, project, which)
    pages = max(1, -(-total // PAGE_SIZE))
    page = st.number_input(t("page"), min_value=1, max_value=pages, key="qa_page") - 1
    with database().read() as session:
        findings = list_findings(
            session,
            get_project(session, project_id),
            which,
            offset=int(page) * PAGE_SIZE,
            limit=PAGE_SIZE,
        )
    st.caption(t("qa_count", shown=len(findings), total=total))
    if not findings:
        st.info(t("qa_no_findings"))
        return
    _table(findings, documents)
    _actions(actor, project_id, findings)


def render() -> None:
    actor = sidebar()
    st.title(t("qa_header"))
    project_id = current_project_id()
    if project_id is None:
        st.warning(t("choose_project_first"))
        return
    with database().read() as session:
        project = get_project(session, project_id)
        documents = {d.id: d.title for d in project.documents}
        name = project.name
    st.caption(name)
    show_messages(MESSAGES)
    if not documents:
        st.info(t("no_documents"))
        return
    running = _run_panel(actor, project_id, documents)
    _readiness(project_id)
    if running:
        st.info(t("qa_wait_for_job"))
        return
    _findings(actor, project_id, documents)
