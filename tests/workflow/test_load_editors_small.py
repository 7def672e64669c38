"""The editors-and-MT load run (benchmarks/load_editors.py) at test size: 4 editor
processes × 100 mixed writes on one project while an MT job writes it too, on SQLite and
PostgreSQL. The run's checks must all hold: no lost update (every version made by exactly
one accepted write), every accepted write's revision recorded, the final targets equal
the replay of the accepted writes, and no error but a reported conflict reaching an editor
(no "database is locked")."""

from __future__ import annotations

import sys

from songngu_testing import REPO

from workflow.storage import Database

if str(REPO) not in sys.path:  # benchmarks/ is beside tests/, not installed
    sys.path.insert(0, str(REPO))

from benchmarks.load_editors import run  # noqa: E402


def test_four_editors_and_an_mt_job_lose_nothing(any_db: Database) -> None:
    report = run(any_db.url, "test", editors=4, ops=400, segments=20, mt=True)
    assert report.problems == []
    assert len(report.writes) == 400
    outcomes = {w.outcome for w in report.writes}
    # "refused": a move the rules forbid at that moment (a user error, said in one line).
    assert outcomes <= {"accepted", "conflict", "duplicate", "refused"}, outcomes
    assert sum(w.outcome == "accepted" for w in report.writes) > 200
    assert not any("locked" in w.detail for w in report.writes)
