"""Review page: a paged side-by-side list of segments, and the side editor for one of them.

The list is drawn row by row (not a data grid, whose single-line cells cut text off): each
row shows its source and target in full and wrapped, with status, where the target came
from (MT, TM, a person) and its score, open QA findings, glossary terms and MT flags. A
row's ✎ opens it in the side editor beside the list (TM matches, glossary, QA findings,
history and comments), where every write names the version the editor showed, so a stale
edit becomes a visible conflict with both texts, never an overwrite.

The list and the editor live in one fragment: moving to another page of the list or
opening a row reruns only the fragment, not the whole app. The filters sit outside it (a
new filter is a new list). User text is drawn with st.text or escaped Markdown, never as
HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import streamlit as st

from primitives.errors import Conflict, SongnguError
from primitives.statuses import Origin, Status
from ui.auth import as_signed_in
from ui.components.conflicts import PendingConflict, conflict_dialog, remember_conflict
from ui.components.glossary_panel import add_term_form, escape_markdown, glossary_panel
from ui.components.messages import push_message, show_messages
from ui.components.qa_panel import BLOCKED, qa_panel, remember_blocked, report_messages
from ui.components.segment_flow import (
    CONFIRM_NEXT_KEYS,
    NEXT_KEYS,
    PREVIOUS_KEYS,
    keys_caption,
    open_in_editor,
)
from ui.components.segment_jump import take_jump
from ui.components.tm_panel import tm_panel
from ui.state import current_project_id, database, error_text, sidebar, t
from ui.strings import STRINGS
from workflow.models import Document, Revision, Segment
from workflow.permissions import TRANSITIONS, Action, allowed, allowed_moves
from workflow.projects import get_project
from workflow.protect import Protector, project_protector
from workflow.qa.checks.mt import LOW_CONFIDENCE
from workflow.qa.confirm import QABlocked, QAReport
from workflow.qa.findings import open_counts
from workflow.qa.model import Severity
from workflow.qa.project_index import warm_in_background
from workflow.reimport import SOURCE_CHANGED_FLAG
from workflow.review_filter import (
    SegmentFilter,
    count_filtered,
    filtered_segments,
    glossary_terms,
    neighbour,
    next_unconfirmed,
    page_size,
)
from workflow.segments import (
    MT_FLAGS_KEY,
    SegmentChange,
    add_comment,
    edit_target,
    get_segment,
    list_comments,
    list_revisions,
    save_and_confirm,
    set_status,
)
from workflow.tm.capture import repeats_filled
from workflow.users import Actor

MESSAGES = "review_messages"
# A row longer than this shows its start only (the editor shows it all): one 3 MB line
# would otherwise draw a wall of text thousands of pixels tall.
FOLD_CHARS = 1500
LIST_HEIGHT = 900  # pixels


def _open_row(segment_id: int) -> None:
    """A row's ✎: the side editor shows that segment on the rerun the click causes."""
    st.session_state["side_segment"] = segment_id


def _turn_page(page: int) -> None:
    st.session_state["review_page"] = page


def _pager(total: int, pages: int, page: int, rows: int) -> None:
    first = page * rows + 1 if total else 0
    last = min(total, (page + 1) * rows)
    back, number, forward, where = st.columns([2, 2, 2, 3], vertical_alignment="bottom")
    back.button(
        t("review_prev"),
        key="review_prev",
        disabled=page == 0,
        on_click=_turn_page,
        args=(page,),  # the widget counts from 1: page is the previous one
    )
    # No value=: a jump from the QA page sets the page through the session state.
    number.number_input(t("page"), min_value=1, max_value=pages, key="review_page")
    forward.button(
        t("review_next"),
        key="review_next",
        disabled=page + 1 >= pages,
        on_click=_turn_page,
        args=(page + 2,),
    )
    where.caption(t("review_range", page=page + 1, pages=pages, first=first, last=last))
    where.caption(t("segment_count", count=total))


def _label_or_name(prefix: str, name: str) -> str:
    """The app's word for a stored name (a revision's field, a status), else the name."""
    return t(f"{prefix}_{name}") if f"{prefix}_{name}" in STRINGS else name


def origin_text(segment: Segment) -> str:
    """Where the target came from, with its score: 'MT 42%', 'TM 100%', 'Person'."""
    origin = _label_or_name("origin", Origin(segment.origin).label)
    if segment.score is None:
        return origin
    return t("review_score", origin=origin, score=round(100 * segment.score))


def _glossary_terms(protector: Protector | None, source: str) -> int:
    if protector is None:
        return 0
    return sum(1 for finding in protector.findings(source) if finding.kind != "name")


def _folded(text: str) -> str:
    return text if len(text) <= FOLD_CHARS else text[:FOLD_CHARS] + " …"


def row_marks(segment: Segment, qa: dict[Severity, int], terms: int) -> str:
    """A row's header: '✎ 12 · draft · MT 42% · QA [error] 1 · [book] 2 terms · ⚑ Repetition'.

    Ids, the app's labels and counts only, never user text: it is the label of the row's
    open button (Streamlit draws a button's label as Markdown)."""
    marks = [
        t("review_open_short", id=segment.id),
        t(f"status_{Status(segment.status).label}"),
        origin_text(segment),
    ]
    if qa:
        marks.append(f"{t('col_qa')} {qa_cell(qa)}")
    if terms:
        marks.append(t("review_glossary_marker", count=terms))
    marks += [
        "⚑ " + _label_or_name("flag", flag) for flag in (segment.flags or {}).get(MT_FLAGS_KEY, [])
    ]
    return " · ".join(marks)


def _row(segment: Segment, qa: dict[Severity, int], terms: int, chosen: int | None) -> None:
    st.button(
        row_marks(segment, qa, terms),
        key=f"review-open-{segment.id}",
        type="primary" if segment.id == chosen else "tertiary",
        on_click=_open_row,
        args=(segment.id,),
    )
    # Source and target side by side in one bordered horizontal box: three elements to
    # draw where a bordered row of columns took nine (the browser's time grows with them);
    # not wrapped, so long texts stay side by side instead of one under the other.
    with st.container(border=True, horizontal=True, wrap=False):
        st.text(_folded(segment.source), width="stretch")
        st.text(_folded(segment.target) or "—", width="stretch")
    longest = max(len(segment.source), len(segment.target))
    if longest > FOLD_CHARS:
        st.warning(t("review_folded", chars=longest))


@st.fragment
def _grid(
    project_id: int, document_id: int, wanted: SegmentFilter, actor: Actor, rows: int
) -> None:
    """The list, rows a page, and the side editor (rows: SONGNGU_REVIEW_PAGE_SIZE)."""
    show_messages(MESSAGES)
    with database().read() as session:
        total = count_filtered(session, document_id, wanted)
    pages = max(1, -(-total // rows))
    if st.session_state.get("review_page", 1) > pages:  # a narrower filter: fewer pages
        st.session_state["review_page"] = pages
    page = int(st.session_state.get("review_page", 1)) - 1
    with database().read() as session:
        segments = filtered_segments(session, document_id, wanted, offset=page * rows, limit=rows)
        qa_counts = open_counts(session, [s.id for s in segments])
        try:
            protector: Protector | None = project_protector(
                session, get_project(session, project_id), session.get(Document, document_id)
            )
        except SongnguError:  # the glossary panel says what is wrong with it
            protector = None
    shown_ids = [s.id for s in segments]
    if shown_ids and st.session_state.get("side_segment") not in shown_ids:
        # Another page or filter: the editor opens the list's first row, set through the
        # state so the browser's selection follows (a choice the new options lack would
        # stay drawn there).
        st.session_state["side_segment"] = shown_ids[0]
    list_col, editor_col = st.columns([3, 2])
    with list_col:
        _pager(total, pages, page, rows)
        if not segments:
            st.info(t("review_no_rows"))
        chosen = st.session_state.get("side_segment")
        # The rows scroll in their own box, so the editor beside them stays in view.
        with st.container(height=LIST_HEIGHT, border=False):
            for segment in segments:
                terms = _glossary_terms(protector, segment.source)
                _row(segment, qa_counts.get(segment.id, {}), terms, chosen)
    with editor_col:
        if segments:
            _side_editor(project_id, shown_ids, actor, wanted)
        else:
            st.caption(t("review_pick_row"))


def qa_cell(counts: dict[Severity, int]) -> str:
    """A row's open QA findings in a few characters: '[error] 2 · [warning] 1'.

    Material icons, drawn with Streamlit's own font (the label is Markdown): an emoji such
    as ⛔ needs an emoji font, which a browser without one shows as a box."""
    marks = {
        Severity.ERROR: ":material/block:",
        Severity.WARNING: ":material/warning:",
        Severity.INFO: ":material/info:",
    }
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


def _saved(saved: Segment, shown_key: str) -> None:
    """After a save (a draft): the message, and the version the editor now shows."""
    st.session_state[shown_key] = (saved.version, saved.target)
    push_message(MESSAGES, "success", t("saved", id=saved.id, version=saved.version))


@dataclass(frozen=True)
class _Shown:
    """The segment as the side editor drew it: the version and text a write names."""

    segment_id: int
    document_id: int
    position: int
    version: int
    target: str
    shown_key: str  # session key remembering (version, target) across reruns
    text_key: str  # the target text area's key

    def typed(self) -> str:
        """What the text area handed to the app (its text as drawn, if nothing yet)."""
        return st.session_state.get(self.text_key, self.target)


def _save_typed(actor: Actor, shown: _Shown) -> bool:
    """From a move's callback: save the typed text as a draft if it changed; False (and
    the conflict or error kept for the page) if it was refused."""
    typed = shown.typed()
    if typed == shown.target:
        return True
    try:
        with database().write() as session:
            saved = edit_target(
                session, actor, shown.segment_id, typed, expected_version=shown.version
            )
    except Conflict as error:
        remember_conflict(error, shown.segment_id, "save", typed, shown.shown_key)
        return False
    except SongnguError as error:
        push_message(MESSAGES, "error", error_text(error))
        return False
    _saved(saved, shown.shown_key)
    return True


@as_signed_in
def _move(actor: Actor, shown: _Shown, wanted: SegmentFilter, step: int) -> None:
    """Previous (step -1) or next (1) segment of the list, after saving a changed text."""
    if not _save_typed(actor, shown):
        return
    with database().read() as session:
        found = neighbour(session, shown.document_id, wanted, shown.position, step)
    if found is not None:
        open_in_editor(found, wanted, page_size())


@as_signed_in
def _confirm_and_next(actor: Actor, shown: _Shown, wanted: SegmentFilter) -> None:
    """Save and confirm the typed text; once confirmed, open the next unconfirmed segment."""
    typed = shown.typed()
    try:
        with database().write() as session:
            change = save_and_confirm(
                session, actor, shown.segment_id, typed, expected_version=shown.version
            )
    except Conflict as error:
        remember_conflict(error, shown.segment_id, "confirm", typed, shown.shown_key)
        return
    except SongnguError as error:
        push_message(MESSAGES, "error", error_text(error))
        return
    _confirmed(change, shown.shown_key)
    if Status(change.segment.status) < Status.TRANSLATED:
        return  # refused (QA errors): it stays open, with the reason
    with database().read() as session:
        found = next_unconfirmed(session, shown.document_id, wanted, shown.position)
    if found is None:
        push_message(MESSAGES, "info", t("flow_all_confirmed"))
    else:
        open_in_editor(found, wanted, page_size())


def _keep_mine(actor: Actor, pending: PendingConflict) -> None:
    """The conflict dialog's "keep mine": the refused write again, over the version the
    dialog showed (through the version guard: a Conflict if it is stale too)."""
    version = pending.seen_version if pending.seen_version is not None else 0
    try:
        with database().write() as session:
            if pending.write == "save":
                saved = edit_target(
                    session, actor, pending.segment_id, pending.attempted, expected_version=version
                )
            elif pending.write == "confirm":
                change = save_and_confirm(
                    session, actor, pending.segment_id, pending.attempted, expected_version=version
                )
            else:
                change = set_status(
                    session,
                    actor,
                    pending.segment_id,
                    pending.write,
                    reason=pending.reason,
                    expected_version=version,
                )
    except QABlocked as error:
        remember_blocked(error, pending.segment_id, Status.parse(pending.write))
        return
    except Conflict:
        raise
    except SongnguError as error:
        push_message(MESSAGES, "error", error_text(error))
        return
    if pending.write == "save":
        _saved(saved, pending.shown_key)
    else:
        _confirmed(change, pending.shown_key)


@as_signed_in
def _write_target(actor: Actor, shown: _Shown, *, confirm: bool) -> None:
    """The editor's Save, or Save and confirm, from the button's callback: the write
    happens before the run the click causes, which then draws the new version once (a
    write in the run itself needed a second run to show it, drawing the list twice). A
    stale version opens the conflict dialog."""
    target = shown.typed()
    try:
        with database().write() as session:
            if confirm:
                change = save_and_confirm(
                    session, actor, shown.segment_id, target, expected_version=shown.version
                )
            else:
                saved = edit_target(
                    session, actor, shown.segment_id, target, expected_version=shown.version
                )
    except Conflict as error:
        write = "confirm" if confirm else "save"
        remember_conflict(error, shown.segment_id, write, target, shown.shown_key)
        return
    except SongnguError as error:
        push_message(MESSAGES, "error", error_text(error))
        return
    if confirm:
        _confirmed(change, shown.shown_key)
    else:
        _saved(saved, shown.shown_key)


@as_signed_in
def _change_status(actor: Actor, shown: _Shown, new_status: Status | None) -> None:
    """A status move's callback (new_status None: the one chosen in "Set status")."""
    reason = st.session_state.get("side_reason", "")
    if new_status is None:
        new_status = _status_choices(actor)[st.session_state["side_status"]]
    try:
        with database().write() as session:
            change = set_status(
                session,
                actor,
                shown.segment_id,
                new_status,
                reason=reason,
                expected_version=shown.version,
            )
        _confirmed(change, shown.shown_key)
    except QABlocked as error:
        remember_blocked(error, shown.segment_id, new_status)
    except Conflict as error:
        remember_conflict(
            error, shown.segment_id, new_status.label, shown.target, shown.shown_key, reason
        )
    except SongnguError as error:
        push_message(MESSAGES, "error", error_text(error))


def _status_choices(actor: Actor) -> dict[str, Status]:
    """The "Set status" options: translated labels of the statuses this role may reach.
    The labels themselves, not a format_func that reads the session's language: AppTest
    re-runs a format_func outside the session."""
    reachable = {new for (_, new), action in TRANSITIONS.items() if allowed(actor.role, action)}
    return {t(f"status_{s.label}"): s for s in Status if s in reachable}


def _reload(shown_key: str) -> None:
    """Reload: forget the version the editor showed, so the run draws the stored one."""
    st.session_state.pop(shown_key, None)


@as_signed_in
def _comment(actor: Actor, segment_id: int) -> None:
    text = st.session_state.get(f"comment-{segment_id}", "")
    if not text.strip():
        return
    try:
        with database().write() as session:
            add_comment(session, actor, segment_id, text)
    except SongnguError as error:
        push_message(MESSAGES, "error", error_text(error))
        return
    st.session_state[f"comment-{segment_id}"] = ""  # added: the box is ready for the next


def _flow_buttons(actor: Actor, shown: _Shown, wanted: SegmentFilter) -> None:
    """Confirm and go to the next unconfirmed, previous, next: buttons with shortcuts that
    work while the cursor is in the text area (ui/components/segment_flow.py says why)."""
    # Confirm gets a row of its own: beside the other two in the narrow editor column its
    # label and shortcut hint were cut to "Xác nhận, …".
    st.button(
        t("flow_confirm_next"),
        key="flow_confirm_next",
        type="primary",
        shortcut=CONFIRM_NEXT_KEYS,
        on_click=_confirm_and_next,
        args=(actor, shown, wanted),
        width="stretch",
    )
    previous_col, next_col = st.columns(2)
    previous_col.button(
        t("flow_previous"),
        key="flow_previous",
        shortcut=PREVIOUS_KEYS,
        on_click=_move,
        args=(actor, shown, wanted, -1),
        width="stretch",
    )
    next_col.button(
        t("flow_next"),
        key="flow_next",
        shortcut=NEXT_KEYS,
        on_click=_move,
        args=(actor, shown, wanted, 1),
        width="stretch",
    )
    keys_caption()


def _side_editor(
    project_id: int, segment_ids: list[int], actor: Actor, wanted: SegmentFilter
) -> None:
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
    shown = _Shown(
        segment_id=chosen,
        document_id=segment.document_id,
        position=segment.position,
        version=seen_version,
        target=seen_target,
        shown_key=shown_key,
        text_key=f"side-{chosen}-{seen_version}",
    )
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
    target = st.text_area(t("col_target"), value=seen_target, key=shown.text_key, height=120)
    _flow_buttons(actor, shown, wanted)
    glossary_panel(segment.source, target, current_project_id(), segment.document_id)
    add_term_form(chosen, actor)
    tm_panel(chosen, seen_version, actor, shown_key)
    qa_panel(chosen, seen_version, actor, project_id)
    # "Save and confirm" is the longest label: a third of the editor column cut it short.
    save_col, confirm_col, reload_col = st.columns([1, 2, 1])
    save_col.button(
        t("save"),
        key="side_save",
        width="stretch",
        on_click=_write_target,
        args=(actor, shown),
        kwargs={"confirm": False},
    )
    confirm_col.button(
        t("save_confirm"),
        key="side_confirm",
        width="stretch",
        on_click=_write_target,
        args=(actor, shown),
        kwargs={"confirm": True},
    )
    if segment.version != seen_version:
        st.warning(t("changed_meanwhile", user=segment.updated_by, version=segment.version))
    reload_col.button(
        t("reload"), key="side_reload", on_click=_reload, args=(shown_key,), width="stretch"
    )

    # The moves this person's role may make from the segment's status (workflow refuses
    # the others anyway); confirming is "Save and confirm" above.
    st.text_input(t("reason"), key="side_reason")
    moves = [
        (action, new)
        for action, new in allowed_moves(actor.role, Status(segment.status))
        if action is not Action.CONFIRM
    ]
    for column, (action, new) in zip(st.columns(max(1, len(moves))), moves, strict=False):
        column.button(
            t(f"move_{action.value}"),
            key=f"side-{action.value}",
            on_click=_change_status,
            args=(actor, shown, new),
        )
    with st.expander(t("set_status")):
        status_col, apply_col = st.columns([3, 1], vertical_alignment="bottom")
        status_col.selectbox(t("set_status"), list(_status_choices(actor)), key="side_status")
        apply_col.button(
            t("apply"), key="side_apply", on_click=_change_status, args=(actor, shown, None)
        )

    with st.expander(f"{t('comments')} ({len(comments)}) · {t('history')} ({len(revisions)})"):
        for comment in comments:
            # The user's words shown as typed: Markdown escaped, never a link or markup.
            st.markdown(f"**{escape_markdown(comment.user)}**: {escape_markdown(comment.text)}")
        st.text_input(t("add_comment"), key=f"comment-{chosen}")
        st.button(t("add_comment"), key="comment_add", on_click=_comment, args=(actor, chosen))
        for revision in revisions:
            st.caption(_revision_line(revision))
    conflict_dialog(partial(_keep_mine, actor), MESSAGES)


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


def _filters(project_id: int) -> SegmentFilter:
    statuses: dict[str, Status | None] = {t("all"): None}
    statuses.update({t(f"status_{s.label}"): s for s in Status})
    status_col, text_col, term_col, marks_col = st.columns(
        [2, 3, 3, 3], vertical_alignment="bottom"
    )
    status = statuses[status_col.selectbox(t("status_filter"), list(statuses), key="review_status")]
    text = text_col.text_input(t("review_filter_text"), key="review_text")
    # The project's glossary terms; workflow finds them in the sources (review_filter).
    with database().read() as session:
        terms = glossary_terms(session, get_project(session, project_id))
    term = term_col.selectbox(
        t("review_filter_term"),
        terms,
        index=None,
        placeholder=t("review_filter_term_any"),
        key="review_term",
    )
    has_qa = marks_col.checkbox(t("review_filter_qa"), key="review_qa")
    low_mt = marks_col.checkbox(
        t("review_filter_low_mt", percent=round(100 * LOW_CONFIDENCE)), key="review_low_mt"
    )
    return SegmentFilter(
        status=status, has_qa_finding=has_qa, low_mt_confidence=low_mt, text=text, term=term or ""
    )


def render() -> None:
    actor = sidebar()
    st.title(t("review_header"))
    try:
        rows = page_size()
    except SongnguError as error:
        st.error(error_text(error))
        return
    take_jump(t("all"), rows)
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
    # The first save's QA would read every unit of the project: start that now, in a
    # thread, while the browser draws the page.
    warm_in_background(database(), project_id)
    document_id = st.selectbox(
        t("document"), list(documents), format_func=documents.__getitem__, key="review_document"
    )
    _grid(project_id, document_id, _filters(project_id), actor, rows)
