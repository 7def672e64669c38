"""Opening a segment on the Review page from another page (the QA page's "go to").

A page cannot set the Review page's widgets: they do not exist in its run. It leaves a
request in the session and switches page; the Review page takes the request before it
draws its widgets and sets their state: the segment's document, every filter off, the
grid page holding the segment, and the segment in the side editor.
"""

from __future__ import annotations

from typing import NoReturn

import streamlit as st

from ui.state import database
from workflow.segments import get_segment, segment_index

JUMP = "review_jump"  # {"segment_id": id}: set by a page, taken by the Review page


def jump_to_segment(segment_id: int) -> NoReturn:
    st.session_state[JUMP] = {"segment_id": segment_id}
    from ui.navigation import review_page  # the navigation imports every page

    st.switch_page(review_page())


def take_jump(all_statuses_label: str, page_size: int) -> None:
    """Set the Review page's widgets to show the requested segment (before they are drawn)."""
    request = st.session_state.pop(JUMP, None)
    if request is None:
        return
    with database().read() as session:
        segment = get_segment(session, request["segment_id"])
        index = segment_index(session, segment)
    # Every filter off, so the segment is in the list and on the page computed here.
    st.session_state["review_document"] = segment.document_id
    st.session_state["review_status"] = all_statuses_label
    st.session_state["review_qa"] = False
    st.session_state["review_low_mt"] = False
    st.session_state["review_text"] = ""
    st.session_state["review_page"] = index // page_size + 1
    st.session_state["side_segment"] = segment.id
