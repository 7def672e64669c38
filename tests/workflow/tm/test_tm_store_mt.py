"""The MT job takes exact matches from the stored TM instead of translating them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from songngu_testing import seed_project

from primitives.statuses import Origin
from translation.engine import MTRequest, MTResult, register_engine
from workflow.jobs import JobState, run_job
from workflow.mt import MTJobOptions, create_mt_job
from workflow.projects import get_project
from workflow.segments import list_segments
from workflow.storage import Database
from workflow.tm.model import TMUnit
from workflow.tm.store import import_tmx
from workflow.tm.tmx import write_tmx
from workflow.users import resolve_actor


class RecordingEngine:
    """Translates every request as "EN <source>" and records what it was asked."""

    name = "tm-test"

    def __init__(self, seen: list[str]) -> None:
        self.seen = seen

    def available(self) -> bool:
        return True

    def translate(self, requests: Sequence[MTRequest]) -> Iterator[list[MTResult]]:
        self.seen.extend(r.source for r in requests)
        yield [MTResult(r.key, f"EN {r.source}", 0.5) for r in requests]


def test_exact_tm_units_skip_machine_translation(any_db: Database) -> None:
    seen: list[str] = []
    register_engine("tm-test", lambda **options: RecordingEngine(seen))
    project_id, _ = seed_project(any_db, ["Xin chào.", "Tạm biệt.", "XIN CHÀO."])
    units = [
        TMUnit("xin chào.", "Hello (old).", created_at="2020-01-01T00:00:00Z"),
        TMUnit("Xin chào.", "Hello.", created_at="2024-01-01T00:00:00Z"),
    ]
    with any_db.write() as session:
        admin = resolve_actor(session, "admin")
        project = get_project(session, project_id)
        import_tmx(session, admin, project, write_tmx(units, tool_version="1"), "m.tmx")
        job = create_mt_job(session, admin, project, options=MTJobOptions(engine="tm-test"))
    assert run_job(any_db, job.id) == JobState.SUCCEEDED
    assert seen == ["Tạm biệt."]
    with any_db.read() as session:
        segments = list_segments(session, get_project(session, project_id))
        filled = [(s.target, Origin(s.origin)) for s in segments]
    assert filled == [
        ("Hello.", Origin.TM),  # the newer unit wins
        ("EN Tạm biệt.", Origin.MT),
        ("Hello.", Origin.TM),
    ]
