"""Lookups through the cached per-project index: in context, shared units, cache upkeep."""

from __future__ import annotations

from songngu_testing import seed_project
from sqlalchemy import update

from primitives.statuses import Status
from workflow.models import TMUnitRow
from workflow.projects import get_project
from workflow.segments import get_segment, save_and_confirm, set_status
from workflow.storage import Database
from workflow.tm.lookup import clear_index_cache, lookup, project_tm, segment_matches
from workflow.tm.model import TMUnit
from workflow.tm.settings import set_tm_settings
from workflow.tm.tmx import write_tmx
from workflow.tm.tmx_io import import_tmx
from workflow.users import resolve_actor

SOURCES = ["Mở đầu.", "Hội nghị bắt đầu lúc 9 giờ.", "Kết thúc.", "Hội nghị bắt đầu lúc 9 giờ."]


def _review(database: Database, segment_id: int, target: str) -> None:
    with database.write() as session:
        admin = resolve_actor(session, "admin")
        version = get_segment(session, segment_id).version
        save_and_confirm(session, admin, segment_id, target, expected_version=version)
        set_status(session, admin, segment_id, Status.REVIEWED)


def test_matches_beside_a_segment_are_in_context_and_leave_out_its_own_unit(
    any_db: Database,
) -> None:
    clear_index_cache()
    _, ids = seed_project(any_db, SOURCES)
    _review(any_db, ids[1], "The conference starts at 9.")
    with any_db.read() as session:
        own = segment_matches(session, get_segment(session, ids[1]))
        repeat = segment_matches(session, get_segment(session, ids[3]))
    assert own == []
    assert [(m.kind, m.score, m.unit.target) for m in repeat] == [
        ("exact", 100.0, "The conference starts at 9.")  # neighbours differ: not in context
    ]
    with any_db.read() as session:
        project = get_project(session, "P")
        in_context = lookup(
            session, project, SOURCES[1], prev_source="Mở đầu.", next_source="Kết thúc."
        )
        fuzzy = lookup(session, project, "Hội nghị bắt đầu lúc 10 giờ.")
    assert [(m.kind, m.score) for m in in_context] == [("in-context", 101.0)]
    assert [(m.kind, m.penalties) for m in fuzzy] == [("fuzzy", ("number-mismatch",))]
    assert fuzzy[0].score < 99


def test_other_projects_see_only_the_shared_units(any_db: Database) -> None:
    clear_index_cache()
    _, ids = seed_project(any_db, SOURCES)
    seed_project(any_db, ["Khác."], name="Other")
    _review(any_db, ids[0], "Opening.")
    with any_db.write() as session:
        admin = resolve_actor(session, "admin")
        set_tm_settings(session, admin, get_project(session, "P"), share=True)
    _review(any_db, ids[2], "The end.")
    with any_db.read() as session:
        other = get_project(session, "Other")
        assert lookup(session, other, "Mở đầu.") == []
        found = lookup(session, other, "Kết thúc.")
        assert [m.unit.target for m in found] == ["The end."]
        assert project_tm(session, other).is_shared(found[0].unit)


def test_added_units_extend_the_cached_index_and_changes_rebuild_it(any_db: Database) -> None:
    clear_index_cache()
    _, ids = seed_project(any_db, SOURCES)
    _review(any_db, ids[0], "Opening.")
    with any_db.read() as session:
        first = project_tm(session, get_project(session, "P"))
        assert project_tm(session, get_project(session, "P")) is first  # nothing changed
    _review(any_db, ids[2], "The end.")
    with any_db.write() as session:  # an import adds rows with old dates: still an addition
        admin = resolve_actor(session, "admin")
        old = TMUnit("Cũ.", "Old.", created_at="2001-01-01T00:00:00Z")
        import_tmx(
            session, admin, get_project(session, "P"), write_tmx([old], tool_version="1"), "a.tmx"
        )
    with any_db.read() as session:
        second = project_tm(session, get_project(session, "P"))
        assert second is first and len(second) == 3
        assert [m.unit.target for m in lookup(session, get_project(session, "P"), "Cũ.")] == [
            "Old."
        ]
    _review(any_db, ids[0], "Beginning.")  # the same segment's unit, updated in place
    with any_db.read() as session:
        third = project_tm(session, get_project(session, "P"))
        assert third is not first and len(third) == 3
        assert [m.unit.target for m in lookup(session, get_project(session, "P"), "Mở đầu.")] == [
            "Beginning."
        ]


def test_a_unit_with_only_codes_is_never_indexed(any_db: Database) -> None:
    clear_index_cache()
    seed_project(any_db, SOURCES)
    with any_db.write() as session:
        admin = resolve_actor(session, "admin")
        units = [TMUnit("Xin chào.", "Hello."), TMUnit("Tạm biệt.", "Bye.")]
        import_tmx(
            session, admin, get_project(session, "P"), write_tmx(units, tool_version="1"), "a.tmx"
        )
        # A row left by older software whose source has no words: lookups must still work.
        session.execute(update(TMUnitRow).where(TMUnitRow.target == "Bye.").values(source="<x1/>"))
    with any_db.read() as session:
        project = get_project(session, "P")
        assert len(project_tm(session, project)) == 1
        assert [m.unit.target for m in lookup(session, project, "Xin chào.")] == ["Hello."]


def test_replacing_the_newest_unit_is_seen_even_when_its_id_is_reused(any_db: Database) -> None:
    # SQLite gives a deleted highest rowid to the next row: count and highest id stay equal.
    clear_index_cache()
    _, ids = seed_project(any_db, SOURCES)
    _review(any_db, ids[0], "Opening.")
    with any_db.read() as session:
        assert [m.unit.target for m in lookup(session, get_project(session, "P"), "Mở đầu.")] == [
            "Opening."
        ]
    _review(any_db, ids[0], "Beginning.")
    with any_db.read() as session:
        assert [m.unit.target for m in lookup(session, get_project(session, "P"), "Mở đầu.")] == [
            "Beginning."
        ]
