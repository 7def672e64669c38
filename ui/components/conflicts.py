"""How the app shows a stale edit (a Conflict): in the user's language, with both texts.

The message is the error's own (ERROR_STRINGS by its code, as every domain error): it
names who changed what and quotes both texts, cut to one line. The dialog
(``conflict_dialog``) then shows the two texts in full side by side, the stored one with
who saved it and when, so a translator can merge them by hand, and offers a choice: keep mine (written again over the version the dialog showed, through the version
guard, so a third edit meanwhile is a new conflict, never an overwrite), take theirs (the
editor re-reads the stored text), or cancel (the editor keeps the typed text and its
"changed meanwhile" notice). The write to retry stays the page's: it passes it in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

import streamlit as st

from primitives.errors import Conflict
from ui.components.messages import push_message
from ui.state import database, error_text, t
from workflow.segments import get_segment

PENDING = "review_conflict"  # the PendingConflict the dialog shows, until a choice


@dataclass(frozen=True)
class PendingConflict:
    """A refused write of the side editor, waiting for the user's choice.

    ``write`` names what was refused ("save", "confirm", or a status label); ``attempted``
    is the text that write wanted stored. ``seen_version`` and the texts are what the
    dialog drew (set on its first draw): keep mine names that version, not a fresher one.
    """

    segment_id: int
    write: str
    attempted: str
    reason: str
    shown_key: str
    message: str
    seen_version: int | None = None
    their_text: str = ""
    their_user: str = ""
    their_time: str = ""


def remember_conflict(
    error: Conflict, segment_id: int, write: str, attempted: str, shown_key: str, reason: str = ""
) -> None:
    """Keep a refused write for the dialog the page opens (also from a button callback)."""
    st.session_state[PENDING] = PendingConflict(
        segment_id=segment_id,
        write=write,
        attempted=attempted,
        reason=reason,
        shown_key=shown_key,
        message=error_text(error),
    )


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "?"


def _drawn(pending: PendingConflict) -> PendingConflict:
    """The pending conflict with the stored text as this dialog first shows it."""
    if pending.seen_version is not None:
        return pending
    with database().read() as session:
        stored = get_segment(session, pending.segment_id)
        drawn = replace(
            pending,
            seen_version=stored.version,
            their_text=stored.target,
            their_user=stored.updated_by or "?",
            their_time=_when(stored.updated_at),
        )
    st.session_state[PENDING] = drawn
    return drawn


def _dismissed() -> None:
    st.session_state.pop(PENDING, None)


KeepMine = Callable[[PendingConflict], None]


@st.dialog(" ", width="large", on_dismiss=_dismissed)
def _dialog(keep_mine: KeepMine, queue: str) -> None:
    pending = _drawn(st.session_state[PENDING])
    st.subheader(t("conflict_title", id=pending.segment_id))
    st.error(pending.message)
    theirs, yours = st.columns(2)
    theirs.text_area(
        t(
            "conflict_theirs",
            user=pending.their_user,
            when=pending.their_time,
            version=pending.seen_version,
        ),
        pending.their_text,
        disabled=True,
        key=f"conflict-dialog-theirs-{pending.seen_version}",
    )
    yours.text_area(
        t("conflict_yours"),
        pending.attempted,
        disabled=True,
        key=f"conflict-dialog-yours-{pending.seen_version}",
    )
    mine_col, theirs_col, cancel_col = st.columns(3)
    if mine_col.button(t("conflict_keep_mine"), key="conflict_keep_mine", type="primary"):
        try:
            keep_mine(pending)
        except Conflict as again:  # changed once more since the dialog drew: show that
            remember_conflict(
                again,
                pending.segment_id,
                pending.write,
                pending.attempted,
                pending.shown_key,
                pending.reason,
            )
            st.rerun()  # the dialog opens again with the newer text
        st.session_state.pop(PENDING, None)
        st.rerun()
    if theirs_col.button(t("conflict_take_theirs"), key="conflict_take_theirs"):
        st.session_state.pop(PENDING, None)
        st.session_state.pop(pending.shown_key, None)  # the editor reads the stored text
        push_message(queue, "info", t("conflict_took_theirs", id=pending.segment_id))
        st.rerun()
    if cancel_col.button(t("conflict_cancel"), key="conflict_cancel"):
        st.session_state.pop(PENDING, None)
        st.rerun()


def conflict_dialog(keep_mine: KeepMine, queue: str) -> None:
    """Open the dialog of the pending conflict, if there is one; keep_mine writes the
    user's text (or status) again over pending.seen_version and raises Conflict if that
    is stale too; queue is the page's message queue."""
    if PENDING in st.session_state:
        _dialog(keep_mine, queue)
