"""Merging and splitting segments on both databases: texts, refs, codes, positions, guards."""

from __future__ import annotations

import threading

import pytest
from songngu_testing import seed_project
from sqlalchemy import select

from primitives.block_ref import BlockRef
from primitives.errors import Conflict, InvalidInput, InvalidTransition
from primitives.statuses import Origin, Status
from primitives.text_keys import match_key
from workflow.importing import import_document
from workflow.models import Comment, Revision, Segment
from workflow.projects import create_project, get_project
from workflow.segment_structure import merge_segments, split_segment
from workflow.segments import add_comment, edit_target, get_segment, list_segments, set_status
from workflow.storage import Database
from workflow.users import Actor, resolve_actor

# One Markdown paragraph (three sentences, formatting codes, a double space before the
# third) and a second paragraph.
MARKDOWN = "**Đậm một.** Hai câu [liên kết](http://x.y) ba.  Bốn *câu* nữa.\n\nĐoạn hai. Cuối.\n"


def _actor(db: Database, name: str = "admin") -> Actor:
    with db.read() as session:
        return resolve_actor(session, name)


def _import(db: Database, data: str = MARKDOWN, name: str = "doc.md") -> tuple[int, list[int]]:
    with db.write() as session:
        actor = resolve_actor(session, "admin")
        project = create_project(session, actor, "P")
        import_document(session, actor, project, data.encode("utf-8"), name)
        return project.id, [s.id for s in list_segments(session, project)]


def _rows(db: Database, project_id: int) -> list[tuple[int, int, str]]:
    with db.read() as session:
        segments = list_segments(session, get_project(session, project_id))
        return [(s.id, s.position, s.source) for s in segments]


def _revisions(db: Database, segment_id: int) -> list[tuple[str, str, str]]:
    with db.read() as session:
        rows = session.scalars(
            select(Revision).where(Revision.segment_id == segment_id).order_by(Revision.id)
        )
        return [(r.field, r.old, r.new) for r in rows]


def test_merge_keeps_the_original_space_and_both_codes(any_db: Database) -> None:
    project_id, ids = _import(any_db)
    with any_db.write() as session:
        merged = merge_segments(session, _actor(any_db), ids[1], expected_versions=(1, 1))
        assert merged.source == "Hai câu <g2>liên kết</g2> ba.  Bốn <g3>câu</g3> nữa."
        assert merged.source_key == match_key(merged.source)
        assert set(merged.codes) == {"2", "3"}
        assert Status(merged.status) is Status.NEW and merged.version == 2
        ref = BlockRef.parse(merged.ref)
        assert (ref.block, ref.start, ref.end) == ("lines:1-1", 18, 70)
    assert [row[0] for row in _rows(any_db, project_id)] == [ids[0], ids[1], ids[3], ids[4]]
    assert _revisions(any_db, ids[1]) == [("merge", "Hai câu <g2>liên kết</g2> ba.", merged.source)]


def test_merge_joins_targets_as_a_draft_and_keeps_comments(any_db: Database) -> None:
    project_id, ids = _import(any_db)
    admin = _actor(any_db)
    with any_db.write() as session:
        edit_target(session, admin, ids[0], "<g1>Bold one.</g1>")
        set_status(session, admin, ids[0], "translated")
        edit_target(session, admin, ids[1], "  Two <g2>link</g2> three.")
        add_comment(session, admin, ids[1], "check the link")
    with any_db.write() as session:
        merged = merge_segments(session, admin, ids[0], second_id=ids[1])
        assert merged.target == "<g1>Bold one.</g1> Two <g2>link</g2> three."
        assert Status(merged.status) is Status.DRAFT
        assert Origin(merged.origin) is Origin.HUMAN
        assert merged.score is None
    with any_db.read() as session:
        assert session.get(Segment, ids[1]) is None
        comments = session.scalars(select(Comment).where(Comment.segment_id == ids[0]))
        assert [c.text for c in comments] == ["check the link"]
    fields = [row[0] for row in _revisions(any_db, ids[0])]
    # its own history, the merged segment's history, then the merge itself
    assert fields[-3:] == ["merge", "target", "status"]
    assert "target" in fields[:-3] and fields.count("merge") == 1
    assert _revisions(any_db, ids[0])[-1] == ("status", "translated", "draft")


def test_merge_refusals(any_db: Database) -> None:
    project_id, ids = _import(any_db)
    admin = _actor(any_db)
    with any_db.write() as session, pytest.raises(InvalidInput, match="different paragraphs"):
        merge_segments(session, admin, ids[2])
    with any_db.write() as session, pytest.raises(InvalidInput, match="last of its document"):
        merge_segments(session, admin, ids[4])
    with any_db.write() as session, pytest.raises(Conflict, match="you saw version 3"):
        merge_segments(session, admin, ids[0], expected_versions=(1, 3))
    with any_db.write() as session, pytest.raises(Conflict, match="no longer follows segment"):
        merge_segments(session, admin, ids[0], second_id=ids[2])
    with any_db.write() as session:
        edit_target(session, admin, ids[1], "Two.")
        for status in ("translated", "reviewed", "approved"):
            # The target drops the link's code on purpose: QA's error is overridden.
            set_status(session, admin, ids[1], status, qa_override="test: no link wanted")
    with any_db.write() as session, pytest.raises(InvalidTransition, match="approved and locked"):
        merge_segments(session, admin, ids[0])
    with any_db.write() as session, pytest.raises(Exception, match="no segment"):
        merge_segments(session, admin, ids[0], project=_other_project(session))
    # nothing changed by any refusal
    assert len(_rows(any_db, project_id)) == 5


def _other_project(session):  # type: ignore[no-untyped-def]
    return create_project(session, resolve_actor(session, "admin"), "Other")


def test_split_shifts_later_positions_and_merge_restores_the_source(any_db: Database) -> None:
    project_id, ids = _import(any_db)
    admin = _actor(any_db)
    with any_db.write() as session:
        edit_target(session, admin, ids[1], "Two link three, four.")
        # The target drops the link's code on purpose: QA's error is overridden.
        set_status(session, admin, ids[1], "translated", qa_override="test: no link wanted")
    with any_db.read() as session:
        original = get_segment(session, ids[1])
    with any_db.write() as session:
        first, second = split_segment(session, admin, ids[1], before="liên kết", expected_version=3)
        first_id, second_id = first.id, second.id
        assert (first.source, second.source) == ("Hai câu", "<g2>liên kết</g2> ba.")
        assert first.target == "Two link three, four." and Status(first.status) is Status.DRAFT
        assert (second.target, Status(second.status), second.version) == ("", Status.NEW, 1)
        assert first.codes == {} and set(second.codes) == {"2"}
        assert (BlockRef.parse(first.ref).end, BlockRef.parse(second.ref).start) == (25, 26)
    rows = _rows(any_db, project_id)
    assert [row[0] for row in rows] == [ids[0], first_id, second_id, ids[2], ids[3], ids[4]]
    positions = [row[1] for row in rows]
    assert positions == sorted(set(positions)) and min(positions) == 0
    assert _revisions(any_db, second_id) == [("split", original.source, "<g2>liên kết</g2> ba.")]
    assert _revisions(any_db, first_id)[-2:] == [
        ("split", original.source, "Hai câu"),
        ("status", "translated", "draft"),
    ]
    # Split again at an offset; the three pieces merge back into the exact original.
    with any_db.write() as session:
        _, third = split_segment(session, admin, second_id, offset=len("<g2>liên kết</g2>"))
        assert third.source == "ba."
    with any_db.write() as session:
        merge_segments(session, admin, second_id)
        merged = merge_segments(session, admin, first_id)
        assert merged.source == original.source
        assert BlockRef.parse(merged.ref) == BlockRef.parse(original.ref)
        assert merged.codes == original.codes
    assert len(_rows(any_db, project_id)) == 5


def test_split_refusals_are_one_line_messages(any_db: Database) -> None:
    _, ids = _import(any_db)
    admin = _actor(any_db)
    source = "Hai câu <g2>liên kết</g2> ba."
    cases = [
        ({"offset": 0}, "from 1 to 28"),
        ({"offset": len(source)}, "not inside"),
        ({"offset": 10}, "inside the tag <g2>"),
        ({"offset": 18}, "inside the formatted stretch <g2>…</g2>"),
        ({"before": "không có"}, "does not occur"),
        ({"before": "  "}, "empty"),
        ({}, "either an offset or the text"),
    ]
    for where, message in cases:
        with any_db.write() as session, pytest.raises(InvalidInput, match=message) as error:
            split_segment(session, admin, ids[1], **where)
        assert "\n" not in str(error.value)
    with any_db.write() as session, pytest.raises(InvalidInput, match="inside the formatted"):
        split_segment(session, admin, ids[0], before="một")
    _, (tagged,) = seed_project(any_db, ["<x1/> Câu.<x2/>"], name="Tags")
    for offset, side in ((5, "first"), (10, "second")):
        with any_db.write() as session, pytest.raises(InvalidInput, match=f"the {side} part"):
            split_segment(session, admin, tagged, offset=offset)
    with any_db.write() as session, pytest.raises(Conflict, match="you saw version 7"):
        split_segment(session, admin, ids[1], offset=3, expected_version=7)


def test_split_before_ignores_tone_placement_case_and_nfd(any_db: Database) -> None:
    _, ids = seed_project(any_db, ["Ông ấy hòa giải. Hoà bình lập lại."])
    admin = _actor(any_db)
    with any_db.write() as session:
        first, second = split_segment(session, admin, ids[0], before="HÒA BÌNH")
        assert (first.source, second.source) == ("Ông ấy hòa giải.", "Hoà bình lập lại.")
        # a segment with no recorded position still keeps the space it was split at
        assert BlockRef.parse(first.ref) == BlockRef(space_after=" ")
    with any_db.write() as session:
        assert merge_segments(session, admin, ids[0]).source == "Ông ấy hòa giải. Hoà bình lập lại."


def test_many_splits_keep_positions_unique(any_db: Database) -> None:
    project_id, ids = seed_project(any_db, [f"Câu {n} một. Câu {n} hai." for n in range(6)])
    admin = _actor(any_db)
    with any_db.write() as session:
        for segment_id in reversed(ids[::2]):
            split_segment(session, admin, segment_id, before=" Câu")
        split_segment(session, admin, ids[-1], before="Câu 5 hai")
    sources = [row[2] for row in _rows(any_db, project_id)]
    assert sources == [
        "Câu 0 một.",
        "Câu 0 hai.",
        "Câu 1 một. Câu 1 hai.",
        "Câu 2 một.",
        "Câu 2 hai.",
        "Câu 3 một. Câu 3 hai.",
        "Câu 4 một.",
        "Câu 4 hai.",
        "Câu 5 một.",
        "Câu 5 hai.",
    ]


def test_concurrent_splits_in_one_document_keep_the_order(any_db: Database) -> None:
    sources = [f"Câu {n} một. Câu {n} hai." for n in range(6)]
    project_id, ids = seed_project(any_db, sources)
    admin = _actor(any_db)
    barrier = threading.Barrier(len(ids))
    failures: list[BaseException] = []

    def splitter(segment_id: int) -> None:
        barrier.wait()
        try:
            with any_db.write() as session:
                split_segment(session, admin, segment_id, before="Câu", expected_version=1)
        except BaseException as error:  # reported below, with the thread's error
            failures.append(error)

    threads = [threading.Thread(target=splitter, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    expected = [part for n in range(6) for part in (f"Câu {n} một.", f"Câu {n} hai.")]
    rows = _rows(any_db, project_id)
    assert [row[2] for row in rows] == expected
    assert len({row[1] for row in rows}) == len(rows)
