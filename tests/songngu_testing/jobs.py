"""Job kinds for tests of the job runner, and a runner process for claim races.

Handlers are found by name through workflow.job_kinds.JOB_KINDS, so tests list these
there (``use_test_job_kinds``); a runner in another process lists them itself.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from primitives.errors import InvalidInput, NotFound
from workflow.job_kinds import JOB_KINDS
from workflow.jobs import JobContext, JobState, run_job
from workflow.storage import open_database

TEST_JOB_KINDS = {
    "test-count": f"{__name__}:count_job",
    "test-fail": f"{__name__}:failing_job",
    "test-race": f"{__name__}:race_job",
}

# State of test-count jobs in this process: released by tests that hold a job mid-way.
release = threading.Event()
chunks_done: list[int] = []


def use_test_job_kinds(kinds: dict[str, str] | None = None) -> None:
    """List the test kinds beside the real ones (tests undo it with monkeypatch)."""
    JOB_KINDS.update(TEST_JOB_KINDS if kinds is None else kinds)


def count_job(context: JobContext, params: dict[str, Any]) -> dict[str, Any]:
    total = params["total"]
    start = len(chunks_done)  # resumable: chunks already done are skipped
    for index in range(start, total):
        if params.get("wait_at") == index:
            release.wait(10)
        context.check_cancel()
        chunks_done.append(index)
        context.progress(index + 1, total, f"chunk {index + 1}")
    return {"chunks": total}


def failing_job(context: JobContext, params: dict[str, Any]) -> dict[str, Any]:
    context.progress(1, 3)
    if params["kind"] == "user":  # a user error around another one, as handlers raise them
        raise InvalidInput(
            "test.bad_input",
            "the input {name!r} was bad: {detail}",
            name="terms.csv",
            detail=NotFound("test.no_line", "no line {line}", line=3),
        )
    raise RuntimeError("boom")


def race_job(context: JobContext, params: dict[str, Any]) -> dict[str, Any]:
    """Appends this runner's id to params["log"], holds the job a while, reports twice."""
    with Path(params["log"]).open("a", encoding="utf-8") as log:
        log.write(context.runner + "\n")
    context.progress(0, 1)
    time.sleep(params.get("hold", 0.5))
    context.progress(1, 1)
    return {"runner": context.runner}


def race_runner(url: str, job_id: int, barrier: Any, states: Any) -> None:
    """A runner process: wait for the others at the barrier, then try to run the job."""
    use_test_job_kinds()
    database = open_database(url, migrate=False)
    barrier.wait(60)
    state: JobState = run_job(database, job_id)
    states.put(str(state))
