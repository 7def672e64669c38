"""Segment edits and status changes on both databases: revisions, locks, the version guard."""

from __future__ import annotations

import threading

import pytest
from songngu_testing import add_users, seed_project

from primitives.errors import Conflict, InvalidInput, InvalidTransition, PermissionDenied
from primitives.statuses import Origin, Status
from workflow.segments import (
    Fill,
    apply_fills,
    edit_target,
    get_segment,
    list_comments,
    list_revisions,
    progress,
    save_and_confirm,
    set_status,
)
from workflow.storage import Database
from workflow.users import resolve_actor


def _actor(db: Database, name: str):  # type: ignore[no-untyped-def]
    with db.read() as session:
        return resolve_actor(session, name)


def test_full_workflow_writes_revisions(any_db: Database) -> None:
    add_users(any_db)
    _, (seg,) = seed_project(any_db, ["Xin chào."])
    tran, rev, ed = (_actor(any_db, n) for n in ("tran", "rev", "ed"))
    with any_db.write() as s:
        assert edit_target(s, tran, seg, "Hello.", expected_version=1).status == Status.DRAFT
    with any_db.write() as s:
        set_status(s, tran, seg, "translated")
    with any_db.write() as s:
        set_status(s, rev, seg, "reviewed")
    with any_db.write() as s:
        with pytest.raises(PermissionDenied):
            set_status(s, rev, seg, "approved")
    with any_db.write() as s:
        segment = set_status(s, ed, seg, "approved").segment
        assert segment.version == 5
    with any_db.write() as s, pytest.raises(InvalidTransition, match="locked"):
        edit_target(s, ed, seg, "Hi.")
    with any_db.read() as s:
        revisions = list_revisions(s, seg)
        assert [(r.field, r.old, r.new, r.user) for r in revisions] == [
            ("target", "", "Hello.", "tran"),
            ("status", "new", "draft", "tran"),
            ("status", "draft", "translated", "tran"),
            ("status", "translated", "reviewed", "rev"),
            ("status", "reviewed", "approved", "ed"),
        ]
        assert get_segment(s, seg).target == "Hello."


def test_reject_needs_reason_and_leaves_a_comment(any_db: Database) -> None:
    add_users(any_db)
    _, (seg,) = seed_project(any_db, ["Một câu."])
    tran, rev = _actor(any_db, "tran"), _actor(any_db, "rev")
    with any_db.write() as s:
        save_and_confirm(s, tran, seg, "One sentence.", expected_version=1)
    with any_db.write() as s, pytest.raises(InvalidInput, match="reason"):
        set_status(s, rev, seg, "rejected")
    with any_db.write() as s:
        rejected = set_status(s, rev, seg, "rejected", reason="wrong tense").segment
        assert rejected.status == Status.REJECTED
    with any_db.read() as s:
        assert [c.text for c in list_comments(s, seg)] == ["Rejected: wrong tense"]
        assert list_revisions(s, seg)[-1].reason == "wrong tense"


def test_confirm_without_target_is_refused(any_db: Database) -> None:
    _, (seg,) = seed_project(any_db, ["Trống."])
    with any_db.write() as s, pytest.raises(InvalidTransition, match="no target"):
        set_status(s, _actor(any_db, "admin"), seg, "translated")


def test_stale_edit_is_refused_with_both_texts_and_nothing_is_lost(any_db: Database) -> None:
    _, (seg,) = seed_project(any_db, ["Câu."])
    admin = _actor(any_db, "admin")
    with any_db.write() as s:
        edit_target(s, admin, seg, "First writer.", expected_version=1)
    with any_db.write() as s, pytest.raises(Conflict) as caught:
        edit_target(s, admin, seg, "Second writer.", expected_version=1)
    assert caught.value.current_target == "First writer."
    assert caught.value.attempted_target == "Second writer."
    assert "First writer." in str(caught.value) and "Second writer." in str(caught.value)
    with any_db.read() as s:
        segment = get_segment(s, seg)
        assert (segment.target, segment.version) == ("First writer.", 2)
        assert len(list_revisions(s, seg)) == 2  # target + status of the one winning edit


def test_concurrent_threads_exactly_one_wins(any_db: Database) -> None:
    _, (seg,) = seed_project(any_db, ["Câu."])
    admin = _actor(any_db, "admin")
    barrier = threading.Barrier(8)
    outcomes: list[str] = []

    def writer(index: int) -> None:
        barrier.wait()
        try:
            with any_db.write() as s:
                edit_target(s, admin, seg, f"text {index}", expected_version=1)
            outcomes.append(f"won {index}")
        except Conflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [o for o in outcomes if o.startswith("won")]
    assert len(winners) == 1 and outcomes.count("conflict") == 7
    with any_db.read() as s:
        assert get_segment(s, seg).target == f"text {winners[0].split()[1]}"


def test_machine_fills_never_overwrite_people(any_db: Database) -> None:
    _, (a, b, c) = seed_project(any_db, ["Một.", "Hai.", "Ba."])
    admin = _actor(any_db, "admin")
    with any_db.write() as s:
        save_and_confirm(s, admin, a, "One.", expected_version=1)
        edit_target(s, admin, b, "Two (edited after MT read it).", expected_version=1)
    with any_db.write() as s:
        outcome = apply_fills(
            s,
            admin,
            [
                Fill(a, 1, "MT one", Origin.MT, 0.5),
                Fill(b, 1, "MT two", Origin.MT, 0.5),
                Fill(c, 1, "MT three", Origin.MT, 0.9, {"mt": "argos"}),
            ],
        )
    assert outcome.confirmed == [a] and outcome.stale == [b] and outcome.written == [c]
    with any_db.read() as s:
        assert get_segment(s, a).target == "One."
        assert get_segment(s, b).target == "Two (edited after MT read it)."
        third = get_segment(s, c)
        assert (third.target, third.status, third.origin, third.score) == (
            "MT three",
            Status.DRAFT,
            Origin.MT,
            0.9,
        )


def test_machine_fills_written_together_keep_one_revision_each(any_db: Database) -> None:
    _, (a, b, c) = seed_project(any_db, ["Một.", "Hai.", "Ba."])
    admin = _actor(any_db, "admin")
    with any_db.write() as s:
        outcome = apply_fills(
            s,
            admin,
            [
                Fill(c, 1, "MT three", Origin.MT, 0.9, {"mt": ["truncated"]}),
                Fill(a, 1, "TM one", Origin.TM, 1.0),
                Fill(c, 1, "MT three again", Origin.MT, 0.8),  # the version moved on: stale
                Fill(b + 1000, 1, "gone", Origin.MT, 0.5),  # no such segment: left out
                Fill(b, 2, "MT two", Origin.MT, 0.5),  # saw a version the row never had
            ],
        )
    assert (outcome.written, outcome.stale, outcome.confirmed) == ([c, a], [c, b], [])
    with any_db.read() as s:
        third = get_segment(s, c)
        assert (third.target, third.version, third.flags) == ("MT three", 2, {"mt": ["truncated"]})
        assert (get_segment(s, a).target, get_segment(s, a).origin) == ("TM one", Origin.TM)
        assert (get_segment(s, b).target, get_segment(s, b).version) == ("", 1)
        assert [(r.new, r.version) for r in list_revisions(s, c)] == [("MT three", 2)]
        assert [r.reason for r in list_revisions(s, a)] == [Origin.TM.label]


def test_control_characters_are_refused(any_db: Database) -> None:
    _, (seg,) = seed_project(any_db, ["Câu."])
    with any_db.write() as s, pytest.raises(InvalidInput, match="U\\+0007"):
        edit_target(s, _actor(any_db, "admin"), seg, "bell\x07")
    with any_db.read() as s:
        assert get_segment(s, seg).version == 1


def test_progress_counts_segments_and_words(any_db: Database) -> None:
    project_id, (a, _) = seed_project(any_db, ["Một hai ba.", "Bốn năm."])
    with any_db.write() as s:
        save_and_confirm(s, _actor(any_db, "admin"), a, "One two three.", expected_version=1)
    with any_db.read() as s:
        from workflow.projects import get_project

        rows = {r.status: (r.segments, r.words) for r in progress(s, get_project(s, project_id))}
    assert rows[Status.TRANSLATED] == (1, 3)
    assert rows[Status.NEW] == (1, 2)
    assert rows[Status.APPROVED] == (0, 0)


def test_long_segments_are_stored_and_edited(any_db: Database) -> None:
    long_source = "Đây là một câu rất dài về chuyển đổi số của thành phố. " * 200  # ~11 kB
    _, (seg,) = seed_project(any_db, [long_source])
    with any_db.write() as s:
        segment = edit_target(s, _actor(any_db, "admin"), seg, "A long translation. " * 200)
        assert segment.version == 2


def _mt_filled(db: Database, sources: list[str], targets: list[str]) -> list[int]:
    """Segments filled by MT with the engine's flags (and a flag MT did not set)."""
    _, ids = seed_project(db, sources)
    admin = _actor(db, "admin")
    with db.write() as s:
        for segment_id in ids:
            segment = get_segment(s, segment_id)
            segment.flags = {"source_changed": {"revision": 2, "previous": "Cũ."}}
        s.flush()
        apply_fills(
            s,
            admin,
            [
                Fill(segment_id, 1, target, Origin.MT, 0.3, {"mt": ["repetition"], "other": 1})
                for segment_id, target in zip(ids, targets, strict=True)
            ],
        )
    return ids


def test_a_person_who_rewrote_and_confirmed_clears_the_mt_flags(any_db: Database) -> None:
    rewritten, kept = _mt_filled(
        any_db, ["Xin chào.", "Tạm biệt."], ["Hello hello hello.", "Goodbye."]
    )
    admin = _actor(any_db, "admin")
    with any_db.write() as s:
        save_and_confirm(s, admin, rewritten, "Hello.", expected_version=2)
        # Confirmed as MT wrote it: nobody dealt with the engine's warnings.
        set_status(s, admin, kept, "translated", expected_version=2)
    with any_db.read() as s:
        assert get_segment(s, rewritten).flags == {"other": 1}
        assert get_segment(s, kept).flags == {"mt": ["repetition"], "other": 1}


def test_a_rewrite_alone_keeps_the_mt_flags_until_it_is_confirmed(any_db: Database) -> None:
    (seg,) = _mt_filled(any_db, ["Xin chào."], ["Hello hello hello."])
    admin = _actor(any_db, "admin")
    with any_db.write() as s:
        edit_target(s, admin, seg, "Hello.", expected_version=2)
    with any_db.read() as s:
        assert get_segment(s, seg).flags["mt"] == ["repetition"]
    with any_db.write() as s:
        set_status(s, admin, seg, "translated", expected_version=3)
    with any_db.read() as s:
        assert "mt" not in get_segment(s, seg).flags


def test_save_and_confirm_of_an_emptied_target_is_refused_and_stores_nothing(
    any_db: Database,
) -> None:
    _, (seg,) = seed_project(any_db, ["Xin chào."])
    admin = _actor(any_db, "admin")
    with any_db.write() as s:
        edit_target(s, admin, seg, "Hello.", expected_version=1)
    with any_db.write() as s, pytest.raises(InvalidTransition, match="no target text to confirm"):
        save_and_confirm(s, admin, seg, "   ", expected_version=2)
    with any_db.read() as s:
        segment = get_segment(s, seg)
        assert (segment.target, segment.status, segment.version) == ("Hello.", Status.DRAFT, 2)
