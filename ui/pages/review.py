"""Review page: source | target | status, a page of segments at a time.

Edits are saved from the grid's widget state ("edited_rows") with the version each row was
shown with, so a stale edit becomes a visible conflict with both texts, never an overwrite.
They are saved when the fragment reruns after the edit, before the grid is drawn again (the
same moment an on_change callback runs, and also reachable from AppTest). After a save the
grid gets a new key so it is rebuilt from the database: the editor's own returned frame is
never fed back in (that loses every second edit).
"""

from __future__ import annotations

import streamlit as st

from primitives.errors import Conflict, SongnguError
from primitives.statuses import Status
from ui.components.conflicts import show_conflict
from ui.components.glossary_panel import glossary_panel
from ui.components.messages import push_message, show_messages
from ui.components.qa_panel import BLOCKED, qa_panel, remember_blocked, report_messages
from ui.components.segment_jump import take_jump
from ui.components.tm_panel import tm_panel
from ui.state import current_project_id, database, error_text, sidebar, t
from ui.strings import STRINGS
from workflow.models import Revision
from workflow.permissions import TRANSITIONS, allowed
from workflow.projects import get_project
from workflow.qa.confirm import QABlocked, QAReport
from workflow.qa.findings import open_counts
from workflow.qa.model import Severity
from workflow.reimport import SOURCE_CHANGED_FLAG
from workflow.segments import (
    SegmentChange,
    add_comment,
    count_segments,
    edit_target,
    get_segment,
    list_comments,
    list_revisions,
    list_segments,
    save_and_confirm,
    set_status,
)
from workflow.tm.capture import repeats_filled
from workflow.users import Actor

PAGE_SIZE = 100
MESSAGES = "review_messages"


def _grid_key(document_id: int, status: Status | None, page: int) -> str:
    generation = st.session_state.get("grid_generation", 0)
    return f"grid-{document_id}-{status}-{page}-{generation}"


def _save_grid_edits(key: str, actor: Actor) -> None:
    """Save what the user typed into the grid drawn under key, if anything."""
    edited = (st.session_state.get(key) or {}).get("edited_rows", {})
    shown: list[tuple[int, int]] = st.session_state.get(f"{key}-shown", [])
    if not edited or not shown:
        return
    for row, changes in edited.items():
        if "target" not in changes:
            continue
        segment_id, version = shown[int(row)]
        try:
            with database().write() as session:
                segment = edit_target(
                    session, actor, segment_id, changes["target"] or "", expected_version=version
                )
                push_message(
                    MESSAGES, "success", t("saved", id=segment.id, version=segment.version)
                )
        except SongnguError as error:  # a stale edit too: its message quotes both texts
            push_message(MESSAGES, "error", error_text(error))
    st.session_state.pop(f"{key}-shown", None)
    st.session_state["grid_generation"] = st.session_state.get("grid_generation", 0) + 1


@st.fragment
def _grid(
    project_id: int, document_id: int, status: Status | None, page: int, actor: Actor
) -> None:
    _save_grid_edits(_grid_key(document_id, status, page), actor)
    show_messages(MESSAGES)
    with database().read() as session:
        project = get_project(session, project_id)
        segments = list_segments(
            session,
            project,
            document_id=document_id,
            status=status,
            offset=page * PAGE_SIZE,
            limit=PAGE_SIZE,
        )
        qa_counts = open_counts(session, [s.id for s in segments])
    shown = [(s.id, s.version) for s in segments]
    rows = [
        {
            "id": s.id,
            "source": s.source,
            "target": s.target,
            "status": t(f"status_{Status(s.status).label}"),
            "score": None if s.score is None else round(100 * s.score),
            "flags": ", ".join(t(f"flag_{flag}") for flag in (s.flags or {}).get("mt", [])),
            "qa": qa_cell(qa_counts.get(s.id, {})),
            "version": s.version,
        }
        for s in segments
    ]
    key = _grid_key(document_id, status, page)
    st.session_state[f"{key}-shown"] = shown
    st.data_editor(
        rows,
        key=key,
        hide_index=True,
        width="stretch",
        disabled=["id", "source", "status", "score", "flags", "qa", "version"],
        column_config={
            "id": st.column_config.NumberColumn(t("col_id"), width="small"),
            "source": st.column_config.TextColumn(t("col_source"), width="large"),
            "target": st.column_config.TextColumn(t("col_target"), width="large"),
            "status": st.column_config.TextColumn(t("col_status"), width="small"),
            "score": st.column_config.NumberColumn(t("col_score"), width="small"),
            "flags": st.column_config.TextColumn(t("col_flags"), width="medium"),
            "qa": st.column_config.TextColumn(t("col_qa"), width="small"),
            "version": st.column_config.NumberColumn(t("col_version"), width="small"),
        },
    )
    if segments:
        _side_editor(project_id, [s.id for s in segments], actor)


def qa_cell(counts: dict[Severity, int]) -> str:
    """A row's open QA findings in a few characters: '⛔ 2 · ⚠ 1'."""
    marks = {Severity.ERROR: "⛔", Severity.WARNING: "⚠", Severity.INFO: "ℹ"}
    return " · ".join(f"{marks[s]} {counts[s]}" for s in marks if counts.get(s))


def _confirmed(change: SegmentChange, shown_key: str) -> None:
    """After a save and confirm, or a status change: the messages, and the new version."""
    saved = change.segment
    st.session_state[shown_key] = (saved.version, saved.target)
    if isinstance(change.refused, QABlocked):
        push_message(MESSAGES, "success", t("saved", id=saved.id, version=saved.version))
        remember_blocked(change.refused, saved.id, Status.TRANSLATED)
        return
    if change.refused is not None:
        push_message(MESSAGES, "success", t("saved", id=saved.id, version=saved.version))
        push_message(MESSAGES, "error", error_text(change.refused))
        return
    st.session_state.pop(BLOCKED, None)
    push_message(MESSAGES, "success", t("saved", id=saved.id, version=saved.version))
    filled = repeats_filled(change)
    if filled:
        push_message(MESSAGES, "info", t("tm_repeats_filled", count=filled))
    report_messages(MESSAGES, change.report(QAReport))


def _side_editor(project_id: int, segment_ids: list[int], actor: Actor) -> None:
    """Edit one (long) segment in a text area; change its status; comments and history."""
    st.subheader(t("edit_selected"))
    chosen = st.selectbox(t("col_id"), segment_ids, key="side_segment")
    with database().read() as session:
        segment = get_segment(session, chosen)
        comments = list_comments(session, chosen)
        revisions = list_revisions(session, chosen)
    # The version (and text) the user is looking at is remembered from the render that drew
    # the text area, not re-read on the rerun a click causes: otherwise a save would carry
    # the fresh version and silently overwrite what someone else saved meanwhile.
    shown_key = f"side-shown-{chosen}"
    if shown_key not in st.session_state:
        st.session_state[shown_key] = (segment.version, segment.target)
    seen_version, seen_target = st.session_state[shown_key]
    st.markdown(f"**{t('col_source')}**")
    st.text(segment.source)
    for flag in (segment.flags or {}).get("mt", []):
        st.warning(f"{t('col_flags')}: {t(f'flag_{flag}')} — {t(f'flag_{flag}_help')}")
    # Until a reviewer has accepted the translation again, say why it may be out of date.
    source_change = (segment.flags or {}).get(SOURCE_CHANGED_FLAG)
    if isinstance(source_change, dict) and Status(segment.status) < Status.REVIEWED:
        st.warning(
            t(
                "source_changed",
                revision=source_change.get("revision", "?"),
                previous=source_change.get("previous", ""),
            )
        )
    target = st.text_area(
        t("col_target"), value=seen_target, key=f"side-{chosen}-{seen_version}", height=120
    )
    glossary_panel(segment.source, target, current_project_id(), segment.document_id)
    tm_panel(chosen, seen_version, actor, shown_key)
    qa_panel(chosen, seen_version, actor, project_id)
    save_col, confirm_col, reload_col = st.columns(3)
    try:
        if save_col.button(t("save"), key="side_save"):
            with database().write() as session:
                saved = edit_target(session, actor, chosen, target, expected_version=seen_version)
            st.session_state[shown_key] = (saved.version, saved.target)
            push_message(MESSAGES, "success", t("saved", id=saved.id, version=saved.version))
            st.rerun()
        if confirm_col.button(t("save_confirm"), key="side_confirm", type="primary"):
            with database().write() as session:
                change = save_and_confirm(
                    session, actor, chosen, target, expected_version=seen_version
                )
            _confirmed(change, shown_key)
            st.rerun()
    except Conflict as error:
        show_conflict(error, f"conflict-save-{chosen}")
    except SongnguError as error:
        st.error(error_text(error))
    if segment.version != seen_version:
        st.warning(t("changed_meanwhile", user=segment.updated_by, version=segment.version))
    if reload_col.button(t("reload"), key="side_reload"):
        del st.session_state[shown_key]
        st.rerun()

    status_col, reason_col, apply_col = st.columns([2, 3, 1])
    # Options are the translated labels themselves: a format_func that reads the session's
    # language would be re-run outside the session (AppTest does that).
    # Only the statuses this person's role can set (workflow refuses the others anyway).
    reachable = {new for (_, new), action in TRANSITIONS.items() if allowed(actor.role, action)}
    by_label = {t(f"status_{s.label}"): s for s in Status if s in reachable}
    new_status = by_label[status_col.selectbox(t("set_status"), list(by_label), key="side_status")]
    reason = reason_col.text_input(t("reason"), key="side_reason")
    if apply_col.button(t("apply"), key="side_apply"):
        try:
            with database().write() as session:
                change = set_status(
                    session, actor, chosen, new_status, reason=reason, expected_version=seen_version
                )
            _confirmed(change, shown_key)
            st.rerun()
        except QABlocked as error:
            remember_blocked(error, chosen, new_status)
            st.rerun()
        except Conflict as error:
            show_conflict(error, f"conflict-status-{chosen}")
        except SongnguError as error:
            st.error(error_text(error))

    with st.expander(f"{t('comments')} ({len(comments)}) · {t('history')} ({len(revisions)})"):
        for comment in comments:
            st.write(f"**{comment.user}**: {comment.text}")
        new_comment = st.text_input(t("add_comment"), key=f"comment-{chosen}")
        if st.button(t("add_comment"), key="comment_add") and new_comment.strip():
            try:
                with database().write() as session:
                    add_comment(session, actor, chosen, new_comment)
                st.rerun()
            except SongnguError as error:
                st.error(error_text(error))
        for revision in revisions:
            st.caption(_revision_line(revision))


def _label_or_name(prefix: str, name: str) -> str:
    """The app's word for a stored name (a revision's field, a status), else the name."""
    return t(f"{prefix}_{name}") if f"{prefix}_{name}" in STRINGS else name


def _revision_line(revision: Revision) -> str:
    old, new = revision.old, revision.new
    if revision.field == "status":  # stored as status labels ("draft")
        old, new = _label_or_name("status", old), _label_or_name("status", new)
    return t(
        "revision_line",
        version=revision.version,
        user=revision.user,
        field=_label_or_name("revision_field", revision.field),
        old=old,
        new=new,
        reason=revision.reason,
    )


def render() -> None:
    actor = sidebar()
    st.title(t("review_header"))
    take_jump(t("all"), PAGE_SIZE)
    project_id = current_project_id()
    if project_id is None:
        st.warning(t("choose_project_first"))
        return
    with database().read() as session:
        project = get_project(session, project_id)
        documents = {d.id: d.title for d in project.documents}
    if not documents:
        st.info(t("no_documents"))
        return
    document_id = st.selectbox(
        t("document"), list(documents), format_func=documents.__getitem__, key="review_document"
    )
    filters: dict[str, Status | None] = {t("all"): None}
    filters.update({t(f"status_{s.label}"): s for s in Status})
    status = filters[st.selectbox(t("status_filter"), list(filters), key="review_status")]
    with database().read() as session:
        total = count_segments(
            session, get_project(session, project_id), document_id=document_id, status=status
        )
    pages = max(1, -(-total // PAGE_SIZE))
    # No value=: a jump from the QA page sets the page through the session state.
    page = st.number_input(t("page"), min_value=1, max_value=pages, key="review_page") - 1
    st.caption(t("segment_count", count=total))
    _grid(project_id, document_id, status, int(page), actor)
