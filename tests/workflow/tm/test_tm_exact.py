"""Exact TM matches for MT: the newest unit of the project or shared TM, and the MT job
takes them instead of translating."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from songngu_testing import seed_project

from primitives.statuses import Origin, Status
from primitives.text_keys import match_key
from translation.engine import MTRequest, MTResult, register_engine
from workflow.jobs import JobState, run_job
from workflow.mt import MTJobOptions, create_mt_job
from workflow.projects import get_project
from workflow.segments import get_segment, list_segments, save_and_confirm, set_status
from workflow.storage import Database
from workflow.tm.exact import exact_tm_targets
from workflow.tm.model import TMUnit
from workflow.tm.settings import set_tm_settings
from workflow.tm.tmx import write_tmx
from workflow.tm.tmx_io import import_tmx
from workflow.users import resolve_actor

HELLO = "Xin chào các bạn."
SOURCES = ["Mở đầu.", HELLO, "Kết thúc.", HELLO]


def _review(database: Database, segment_id: int, target: str) -> None:
    """Translate, confirm and review a segment: its unit goes into the TM."""
    with database.write() as session:
        admin = resolve_actor(session, "admin")
        version = get_segment(session, segment_id).version
        save_and_confirm(session, admin, segment_id, target, expected_version=version)
        set_status(session, admin, segment_id, Status.REVIEWED)


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


def test_exact_targets_take_the_newest_unit_of_project_or_shared_tm(
    any_db: Database,
) -> None:
    project_id, ids = seed_project(any_db, SOURCES)
    other_id, other_ids = seed_project(any_db, [HELLO, "Khác."], name="Other")
    with any_db.write() as session:
        set_tm_settings(
            session, resolve_actor(session, "admin"), get_project(session, other_id), share=True
        )
    _review(any_db, ids[1], "Hello (project).")
    _review(any_db, ids[2], "The end.")
    _review(any_db, other_ids[1], "Other.")  # shared
    with any_db.read() as session:
        project = get_project(session, project_id)
        keys = [match_key(HELLO), match_key("Khác."), match_key("Không có.")]
        assert exact_tm_targets(session, project, keys) == {
            match_key(HELLO): "Hello (project).",
            match_key("Khác."): "Other.",
        }
    _review(any_db, other_ids[0], "Hello (shared, newer).")
    with any_db.read() as session:
        project = get_project(session, project_id)
        assert exact_tm_targets(session, project, [match_key(HELLO)]) == {
            match_key(HELLO): "Hello (shared, newer).",
        }
        # Another project's own TM is not visible; many keys go in chunks.
        many = [f"key {n}" for n in range(1200)] + [match_key("Kết thúc.")]
        assert exact_tm_targets(session, get_project(session, other_id), many) == {}
