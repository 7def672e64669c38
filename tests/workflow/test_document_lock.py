"""The document lock: merge, split and re-import take it through one function."""

from __future__ import annotations

from pathlib import Path

from songngu_testing import seed_project

from workflow.document_lock import lock_document
from workflow.models import Segment
from workflow.storage import Database

WORKFLOW = Path(__file__).resolve().parents[2] / "workflow"


def test_a_document_is_locked_if_it_exists(any_db: Database) -> None:
    _, (segment_id,) = seed_project(any_db, ["Câu."])
    with any_db.write() as session:
        segment = session.get(Segment, segment_id)
        assert segment is not None
        assert lock_document(session, segment.document_id) is True
        assert lock_document(session, 10**6) is False


def test_row_locks_are_taken_only_by_the_lock_and_the_version_guard() -> None:
    """One owner each: a new SELECT … FOR UPDATE elsewhere is a second document lock."""
    takers = sorted(
        path.relative_to(WORKFLOW).as_posix()
        for path in WORKFLOW.rglob("*.py")
        if "with_for_update(" in path.read_text("utf-8")
    )
    # QA's findings lock the segment rows they replace (qa/findings.py): row locks, not a
    # document lock, with that one owner.
    assert takers == ["document_lock.py", "qa/findings.py", "versioning.py"]
