"""A running job's progress bar with its Stop button, shared by the pages that run jobs.

Its strings are the page's own: ``{prefix}_running`` (with id, done, total),
``{prefix}_cancel`` and ``{prefix}_cancel_requested`` in ui/strings.py.
"""

from __future__ import annotations

import streamlit as st

from primitives.errors import SongnguError
from ui.state import database, show_error, t
from workflow.jobs import FINISHED, get_job, is_stalled, request_cancel
from workflow.models import Job
from workflow.users import Actor

POLL_SECONDS = 1.0


def is_active(job: Job) -> bool:
    """Queued or running, and not stalled (a stalled job is offered for resuming)."""
    return job.state not in FINISHED and not is_stalled(job)


@st.fragment(run_every=POLL_SECONDS)
def job_progress(actor: Actor, job_id: int, prefix: str) -> None:
    """Progress of a running job, refreshed every second; the whole page reruns at its end
    (to show the outcome and the controls again)."""
    with database().read() as session:
        job = get_job(session, job_id)
    if not is_active(job):
        st.rerun()
    fraction = job.done / job.total if job.total else 0.0
    st.progress(fraction, text=t(f"{prefix}_running", id=job.id, done=job.done, total=job.total))
    if job.cancel_requested:
        st.info(t(f"{prefix}_cancel_requested"))
    elif st.button(t(f"{prefix}_cancel"), key=f"{prefix}_cancel_{job.id}"):
        try:
            with database().write() as session:
                request_cancel(session, actor, job.id)
        except SongnguError as error:
            show_error(error)
            return
        st.info(t(f"{prefix}_cancel_requested"))
