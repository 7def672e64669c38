"""The side editor's keyboard flow: confirm and open the next unconfirmed segment, or move
to the previous or next segment of the list, without leaving the target text area.

Streamlit ignores a shortcut without Ctrl/Cmd or Alt/Option while the cursor is in a text
field (the keys are typing), and reserves C and R. Its text area hands what was typed to
the app only on Ctrl/Cmd+Enter or when it loses focus, so confirm-and-next is Ctrl+Enter:
the run it causes has the text just typed (seen in Chromium with a probe app; Streamlit
1.67). Alt+↑/↓ move without that hand-over: text still being typed when they are
pressed stays unsaved, which the caption says; a click on their buttons (the text area
loses focus first) and any text already handed over is saved as a draft before moving.
"""

from __future__ import annotations

import streamlit as st

from ui.state import database, t
from workflow.models import Segment
from workflow.review_filter import SegmentFilter, filtered_index

CONFIRM_NEXT_KEYS = "Ctrl+Enter"
NEXT_KEYS = "Alt+Down"
PREVIOUS_KEYS = "Alt+Up"


def keys_caption() -> None:
    st.caption(t("flow_keys"))


def open_in_editor(segment: Segment, wanted: SegmentFilter, page_size: int) -> None:
    """From a button's callback: the side editor opens this segment on the grid page that
    lists it, reading its stored text afresh (not a version remembered from an earlier visit)."""
    with database().read() as session:
        index = filtered_index(session, segment.document_id, wanted, segment.position)
    st.session_state["review_page"] = index // page_size + 1
    st.session_state["side_segment"] = segment.id
    st.session_state.pop(f"side-shown-{segment.id}", None)
