"""Ids and versions beyond the INTEGER columns are "no such ..." / a conflict on both back ends."""

from __future__ import annotations

import pytest
from songngu_testing import seed_project

from primitives.errors import Conflict, NotFound
from workflow.jobs import get_job
from workflow.projects import get_document, get_project
from workflow.segments import edit_target, get_segment, set_status
from workflow.storage import Database
from workflow.stored_ints import MAX_STORED_INT, fits_integer_column
from workflow.users import resolve_actor

# Just past PostgreSQL's 32-bit INTEGER, and past SQLite's 64-bit one.
TOO_BIG = (MAX_STORED_INT + 1, 10**20)


def test_the_range_is_that_of_a_32_bit_column() -> None:
    assert fits_integer_column(MAX_STORED_INT) and fits_integer_column(-(2**31))
    assert not fits_integer_column(2**31) and not fits_integer_column(-(2**31) - 1)


@pytest.mark.parametrize("number", TOO_BIG)
def test_huge_ids_are_not_found(any_db: Database, number: int) -> None:
    project_id, _ = seed_project(any_db, ["Xin chào."])
    with any_db.read() as session:
        project = get_project(session, project_id)
        for lookup in (
            lambda: get_project(session, str(number)),
            lambda: get_project(session, number),
            lambda: get_document(session, project, str(number)),
            lambda: get_segment(session, number, project),
            lambda: get_job(session, number),
        ):
            with pytest.raises(NotFound):
                lookup()


@pytest.mark.parametrize("number", TOO_BIG)
def test_a_huge_expected_version_is_a_conflict(any_db: Database, number: int) -> None:
    _, (segment_id,) = seed_project(any_db, ["Xin chào."])
    with pytest.raises(Conflict), any_db.write() as session:
        admin = resolve_actor(session, "admin")
        edit_target(session, admin, segment_id, "Hello.", expected_version=number)
    with any_db.write() as session:
        admin = resolve_actor(session, "admin")
        edit_target(session, admin, segment_id, "Hello.")
    with pytest.raises(Conflict), any_db.write() as session:
        admin = resolve_actor(session, "admin")
        set_status(session, admin, segment_id, "translated", expected_version=number)
    with any_db.read() as session:
        segment = get_segment(session, segment_id)
        assert (segment.target, segment.version) == ("Hello.", 2)
