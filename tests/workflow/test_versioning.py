"""The one version guard, used directly on both databases: racing writers, stale versions,
rows deleted meanwhile, narrowed writes and guarded deletes, on two versioned tables."""

from __future__ import annotations

import threading

import pytest
from songngu_testing import seed_project
from sqlalchemy import delete, select

from primitives.errors import Conflict, NotFound, SongnguError
from primitives.statuses import Status
from workflow.glossary.identity import term_identity
from workflow.models import GlossaryTerm, Segment, utcnow
from workflow.projects import get_project
from workflow.segments import stale_edit
from workflow.storage import Database
from workflow.users import resolve_actor
from workflow.versioning import (
    delete_all_if_current,
    delete_if_current,
    require_version,
    update_all_if_current,
    update_if_current,
    write_if_current,
)

WRITERS = 6


def _segment(database: Database, segment_id: int) -> tuple[str, int, str]:
    with database.read() as session:
        segment = session.get(Segment, segment_id)
        assert segment is not None
        return segment.target, segment.version, segment.updated_by


def test_of_writers_racing_from_one_version_exactly_one_wins(any_db: Database) -> None:
    _, (segment_id,) = seed_project(any_db, ["Câu."])
    barrier = threading.Barrier(WRITERS)
    won: list[str] = []
    lost: list[tuple[str, Conflict]] = []
    unexpected: list[BaseException] = []

    def writer(index: int) -> None:
        text = f"text {index}"
        barrier.wait()
        try:
            with any_db.write() as session:
                actor = resolve_actor(session, "admin")
                segment = session.get(Segment, segment_id)
                assert segment is not None
                saved = update_if_current(
                    session,
                    segment,
                    1,
                    actor,
                    {"target": text},
                    stale=stale_edit(segment_id, 1, text),
                )
                assert (saved.target, saved.version) == (text, 2)  # the refreshed row
            won.append(text)
        except Conflict as conflict:
            lost.append((text, conflict))
        except BaseException as error:  # reported below: a lock error would hide here
            unexpected.append(error)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert unexpected == []
    assert len(won) == 1 and len(lost) == WRITERS - 1
    assert _segment(any_db, segment_id) == (won[0], 2, "admin")
    for attempted, conflict in lost:
        assert (conflict.current_target, conflict.attempted_target) == (won[0], attempted)
        assert won[0] in str(conflict) and attempted in str(conflict)
        assert (conflict.expected_version, conflict.current_version) == (1, 2)
        assert conflict.segment_id == segment_id and conflict.code == "segment.changed_meanwhile"


def test_a_stale_version_is_refused_and_nothing_is_written(any_db: Database) -> None:
    _, (segment_id,) = seed_project(any_db, ["Câu."])
    with any_db.write() as session:
        actor = resolve_actor(session, "admin")
        segment = session.get(Segment, segment_id)
        assert segment is not None
        update_if_current(
            session, segment, 1, actor, {"target": "First."}, stale=stale_edit(segment_id, 1)
        )
    for seen in (1, 3, 2**63):  # behind, ahead, and too large for the column
        with any_db.write() as session, pytest.raises(Conflict) as refused:
            segment = session.get(Segment, segment_id)
            assert segment is not None
            update_if_current(
                session,
                segment,
                seen,
                resolve_actor(session, "admin"),
                {"target": "Second."},
                stale=stale_edit(segment_id, seen, "Second."),
            )
        assert "«First.» | your text: «Second.»" in str(refused.value)
        assert refused.value.current_version == 2
    assert _segment(any_db, segment_id) == ("First.", 2, "admin")
    with any_db.read() as session:  # the early check before work, with the same describer
        segment = session.get(Segment, segment_id)
        assert segment is not None
        require_version(segment, 2, stale_edit(segment_id, 2))
        with pytest.raises(Conflict, match="you edited version 1"):
            require_version(segment, 1, stale_edit(segment_id, 1))


def test_a_narrowed_write_matches_only_rows_still_in_that_state(any_db: Database) -> None:
    _, (segment_id,) = seed_project(any_db, ["Câu."])
    untranslated = Segment.status < int(Status.TRANSLATED)
    with any_db.write() as session:
        actor = resolve_actor(session, "admin")
        assert write_if_current(
            session, Segment, segment_id, 1, actor, {"status": int(Status.TRANSLATED)}
        )
        assert not write_if_current(
            session, Segment, segment_id, 2, actor, {"target": "MT."}, where=untranslated
        )
    assert _segment(any_db, segment_id) == ("", 2, "admin")


def test_deletes_are_guarded_and_a_deleted_row_is_described_as_gone(any_db: Database) -> None:
    _, (first_id, second_id) = seed_project(any_db, ["Một.", "Hai."])
    with any_db.write() as session:
        segment = session.get(Segment, second_id)
        assert segment is not None
        with pytest.raises(Conflict, match="you edited version 7"):
            delete_if_current(session, segment, 7, stale=stale_edit(second_id, 7))
        delete_if_current(session, segment, 1, stale=stale_edit(second_id, 1))
        assert segment not in session
    with any_db.write() as session:
        assert session.get(Segment, second_id) is None
        kept = session.get(Segment, first_id)
        assert kept is not None
        # Someone else deletes the row after this writer read it (the ORM object stays).
        session.execute(
            delete(Segment)
            .where(Segment.id == first_id)
            .execution_options(synchronize_session=False)
        )
        with pytest.raises(Conflict, match="merged away or re-imported meanwhile"):
            update_if_current(
                session,
                kept,
                1,
                resolve_actor(session, "admin"),
                {"target": "Late."},
                stale=stale_edit(first_id, 1),
            )


def test_any_versioned_table_with_its_own_describer(any_db: Database) -> None:
    seed_project(any_db, ["Câu."])

    def describe(current: GlossaryTerm | None) -> SongnguError:
        if current is None:
            return NotFound("no such term")
        return Conflict("now «" + current.target + "»", current_target=current.target)

    with any_db.write() as session:
        actor, project = resolve_actor(session, "admin"), get_project(session, "P")
        term = GlossaryTerm(
            scope="project",
            project_id=project.id,
            source="Ủy ban",
            source_key="uy ban",
            target="Committee",
            identity=term_identity("project", None, project.id, "Ủy ban", "Committee"),
            version=1,
            updated_by="admin",
            updated_at=utcnow(),
        )
        session.add(term)
        session.flush()
        update_if_current(session, term, 1, actor, {"target": "Board"}, stale=describe)
        assert (term.target, term.version) == ("Board", 2)
        with pytest.raises(Conflict, match="now «Board»"):
            update_if_current(session, term, 1, actor, {"target": "Council"}, stale=describe)
        with pytest.raises(Conflict, match="now «Board»"):
            delete_if_current(session, term, 1, stale=describe)
        delete_if_current(session, term, 2, stale=describe)
        assert session.get(GlossaryTerm, term.id) is None


# --- many rows at once (a re-import) ------------------------------------------------------


def _batch_stale(segment_id: int, seen: int, now: int | None) -> Conflict:
    return Conflict(
        "test.batch_stale",
        "segment {segment_id}: seen {seen}, now {now}",
        segment_id=segment_id,
        seen=seen,
        now=now,
    )


def _all(database: Database, ids: list[int]) -> list[tuple[str, int, str]]:
    return [_segment(database, segment_id) for segment_id in ids]


def test_many_rows_are_written_each_at_its_version(any_db: Database) -> None:
    _, ids = seed_project(any_db, ["Một.", "Hai.", "Ba."])
    with any_db.write() as session:
        actor = resolve_actor(session, "admin")
        rows = [session.get(Segment, segment_id) for segment_id in ids]
        assert all(row is not None for row in rows)
        writes = [(row, {"target": f"t{i}"}) for i, row in enumerate(rows) if row]
        writes[2] = (writes[2][0], {"target": "t2", "status": int(Status.DRAFT)})  # other columns
        update_all_if_current(session, writes, actor, stale=_batch_stale)
        # The loaded rows are as written, without a read: what revisions record.
        assert [(row.target, row.version) for row, _ in writes] == [("t0", 2), ("t1", 2), ("t2", 2)]
    assert _all(any_db, ids) == [("t0", 2, "admin"), ("t1", 2, "admin"), ("t2", 2, "admin")]


def test_one_stale_row_refuses_the_whole_batch_before_any_write(any_db: Database) -> None:
    _, ids = seed_project(any_db, ["Một.", "Hai.", "Ba."])
    with pytest.raises(Conflict) as refused, any_db.write() as session:
        actor = resolve_actor(session, "admin")
        rows = [session.get(Segment, segment_id) for segment_id in ids]
        # Someone saves the second segment after this writer read it (same transaction
        # here, so the lock does not stand in the way: the version check must).
        assert write_if_current(session, Segment, ids[1], 1, actor, {"target": "theirs"})
        update_all_if_current(
            session, [(row, {"target": "mine"}) for row in rows if row], actor, stale=_batch_stale
        )
    assert str(refused.value) == f"segment {ids[1]}: seen 1, now 2"
    assert [target for target, _, _ in _all(any_db, ids)] == ["", "", ""]  # rolled back


def test_many_rows_are_deleted_each_at_its_version_or_not_at_all(any_db: Database) -> None:
    _, ids = seed_project(any_db, ["Một.", "Hai.", "Ba."])
    with pytest.raises(Conflict) as refused, any_db.write() as session:
        rows = [session.get(Segment, segment_id) for segment_id in ids]
        session.execute(delete(Segment).where(Segment.id == ids[2]))  # gone meanwhile
        delete_all_if_current(session, [row for row in rows if row], stale=_batch_stale)
    assert str(refused.value) == f"segment {ids[2]}: seen 1, now None"
    assert len(_all(any_db, ids)) == 3
    with any_db.write() as session:
        rows = [session.get(Segment, segment_id) for segment_id in ids[:2]]
        delete_all_if_current(session, [row for row in rows if row], stale=_batch_stale)
    with any_db.read() as session:
        assert list(session.scalars(select(Segment.id).where(Segment.id.in_(ids)))) == [ids[2]]
