"""Messages a button callback leaves for the page run that follows it.

A callback runs before the page is drawn again, so it cannot draw its own outcome: it
queues (kind, message) in the session under the page's queue name, and the page shows
and drops the queue where its messages belong.
"""

from __future__ import annotations

from typing import Literal

import streamlit as st

MessageKind = Literal["success", "info", "warning", "error"]


def push_message(queue: str, kind: MessageKind, message: str) -> None:
    """Queue a message for the next run of the page that owns queue."""
    st.session_state.setdefault(queue, []).append((kind, message))


def show_messages(queue: str) -> None:
    """Draw the queued messages (st.success, st.error, ...) once, oldest first."""
    for kind, message in st.session_state.pop(queue, []):
        getattr(st, kind)(message)
