"""How the app shows a stale edit (a Conflict): in the user's language, with both texts.

The message is the error's own (ERROR_STRINGS by its code, as every domain error): it
names who changed what and quotes both texts, cut to one line. Where there is room, the
two texts follow in full side by side, so a translator can merge them by hand.
"""

from __future__ import annotations

import streamlit as st

from primitives.errors import Conflict
from ui.state import error_text, t


def show_conflict(error: Conflict, key: str) -> None:
    """The conflict's message, then the current and the refused text in full (when the
    error carries both); key tells this conflict's widgets apart on the page."""
    st.error(error_text(error))
    if error.current_target is None or error.attempted_target is None:
        return
    current, yours = st.columns(2)
    current.text_area(
        t("conflict_current"), error.current_target, disabled=True, key=f"{key}-current"
    )
    yours.text_area(t("conflict_yours"), error.attempted_target, disabled=True, key=f"{key}-yours")
