"""Re-importing a document updates it in place, on both databases.

Unchanged and moved segments keep their id, version, target, status, history and
comments; edited sentences keep their id as flagged drafts; removed ones are deleted and
recorded; added ones are new or reuse a translation of the same source. Every import
leaves a DocumentImport row; a failing one changes nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from songngu_testing import add_users
from sqlalchemy import func, select

from primitives.errors import Conflict, InvalidInput
from primitives.statuses import Status
from primitives.text_keys import match_key
from workflow import reimport
from workflow.importing import ImportOutcome, import_document
from workflow.models import Comment, Document, DocumentImport, Revision, Segment
from workflow.projects import create_project, get_project
from workflow.reimport import SOURCE_CHANGED_FLAG
from workflow.segment_structure import merge_segments
from workflow.segments import add_comment, edit_target, list_segments, set_status
from workflow.storage import Database
from workflow.users import resolve_actor

A = "Mở đầu hội nghị."
B = "Kinh tế tăng trưởng 6,5%."
C = "Lạm phát được kiểm soát."
D = "Xuất khẩu tăng mạnh."
E = "Kết thúc lúc 5 giờ."
TITLE = "Báo cáo"


def _file(*lines: str) -> bytes:
    """A .txt file with one sentence per line (each line is a block)."""
    return ("\n".join(lines) + "\n").encode("utf-8")


def _import(db: Database, data: bytes, user: str = "admin") -> ImportOutcome:
    with db.write() as session:
        actor = resolve_actor(session, user)
        project = get_project(session, "P")
        return import_document(session, actor, project, data, "bao-cao.txt", title=TITLE)


def _segments(db: Database) -> list[Segment]:
    with db.read() as session:
        return list_segments(session, get_project(session, "P"))


def _by_source(db: Database) -> dict[str, Segment]:
    return {segment.source: segment for segment in _segments(db)}


def _revisions(db: Database, segment_id: int) -> list[tuple[str, str, str, int, str]]:
    with db.read() as session:
        rows = session.scalars(
            select(Revision).where(Revision.segment_id == segment_id).order_by(Revision.id)
        )
        return [(r.field, r.old, r.new, r.version, r.reason) for r in rows]


def _comments(db: Database, segment_id: int) -> list[tuple[str, str]]:
    with db.read() as session:
        rows = session.scalars(
            select(Comment).where(Comment.segment_id == segment_id).order_by(Comment.id)
        )
        return [(c.user, c.text) for c in rows]


def _imports(db: Database) -> list[DocumentImport]:
    with db.read() as session:
        return list(session.scalars(select(DocumentImport).order_by(DocumentImport.revision)))


def _work(db: Database, source: str, target: str, *statuses: str) -> None:
    """Translate one segment and take it through statuses, as the admin."""
    segment_id = _by_source(db)[source].id
    with db.write() as session:
        admin = resolve_actor(session, "admin")
        edit_target(session, admin, segment_id, target)
        for status in statuses:
            set_status(session, admin, segment_id, status)


def _assert_positions(db: Database, sources: list[str]) -> None:
    segments = _segments(db)
    assert [s.source for s in segments] == sources
    assert [s.position for s in segments] == list(range(len(sources)))


def _snapshot(db: Database) -> dict[str, Any]:
    """Everything a re-import may write, to compare before and after a failed one."""
    with db.read() as session:
        document = session.scalar(select(Document).where(Document.title == TITLE))
        assert document is not None

        def count(table: Any) -> int:
            return session.scalar(select(func.count()).select_from(table)) or 0

        return {
            "document": (document.revision, document.original, document.repair_report),
            "segments": [
                (s.id, s.position, s.block, s.ref, s.source, s.target, s.status, s.version, s.flags)
                for s in list_segments(session, get_project(session, "P"))
            ],
            "revisions": count(Revision),
            "comments": count(Comment),
            "imports": count(DocumentImport),
        }


@pytest.fixture
def db(any_db: Database) -> Database:
    """Project P with the document 'Báo cáo': A B C D E, one sentence per line."""
    add_users(any_db)
    with any_db.write() as session:
        create_project(session, resolve_actor(session, "admin"), "P")
    outcome = _import(any_db, _file(A, B, C, D, E))
    assert (outcome.revision, outcome.added, outcome.unchanged) == (1, 5, 0)
    return any_db


def test_the_first_import_is_recorded_as_all_added(db: Database) -> None:
    (first,) = _imports(db)
    assert (first.revision, first.added, first.unchanged, first.removed) == (1, 5, 0, 0)
    assert first.imported_by == "admin" and first.filename == "bao-cao.txt"
    assert first.changes == []


def test_unchanged_segments_keep_id_version_status_history_and_comments(db: Database) -> None:
    _work(db, B, "The economy grew 6.5%.", "translated", "reviewed")
    before = _by_source(db)[B]
    with db.write() as session:
        add_comment(session, resolve_actor(session, "rev"), before.id, "Kiểm tra số liệu")
    history = _revisions(db, before.id)
    assert len(history) == 4  # target, status draft, translated, reviewed

    outcome = _import(db, _file("Câu mở đầu mới.", A, B, C, D, E))
    assert (outcome.revision, outcome.unchanged, outcome.changed) == (2, 5, 0)
    assert (outcome.added, outcome.removed, outcome.moved) == (1, 0, 0)
    assert outcome.reused_translations == 1
    _assert_positions(db, ["Câu mở đầu mới.", A, B, C, D, E])
    after = _by_source(db)[B]
    assert (after.id, after.version, after.target) == (before.id, before.version, before.target)
    assert Status(after.status) is Status.REVIEWED and after.position == before.position + 1
    assert _revisions(db, after.id) == history
    assert _comments(db, after.id) == [("rev", "Kiểm tra số liệu")]
    added = _by_source(db)["Câu mở đầu mới."]
    assert (Status(added.status), added.target, added.version) == (Status.NEW, "", 1)


def test_an_edited_sentence_keeps_its_id_as_a_flagged_draft(db: Database) -> None:
    _work(db, C, "Inflation was kept in check.", "translated")
    c_before, e_before = _by_source(db)[C], _by_source(db)[E]
    edited_c = "Lạm phát được kiểm soát tốt."
    edited_e = "Kết thúc lúc 5 Giờ."  # a case fix: same matching key, still changed

    outcome = _import(db, _file(A, B, edited_c, D, edited_e))
    assert (outcome.unchanged, outcome.changed, outcome.added, outcome.removed) == (3, 2, 0, 0)
    _assert_positions(db, [A, B, edited_c, D, edited_e])
    c_after, e_after = _by_source(db)[edited_c], _by_source(db)[edited_e]
    assert c_after.id == c_before.id and c_after.version == c_before.version + 1
    assert c_after.target == "Inflation was kept in check."
    assert Status(c_after.status) is Status.DRAFT and c_after.score is None
    assert c_after.source_key == match_key(edited_c)
    assert c_after.flags[SOURCE_CHANGED_FLAG] == {"previous": C, "revision": 2}
    reason = "re-import, revision 2"
    assert _revisions(db, c_after.id)[-2:] == [
        ("source", C, edited_c, c_before.version + 1, reason),
        ("status", "translated", "draft", c_before.version + 1, reason),
    ]
    # Without a target it stays new: a source revision only.
    assert e_after.id == e_before.id and e_after.version == e_before.version + 1
    assert Status(e_after.status) is Status.NEW and e_after.source_key == match_key(E)
    assert _revisions(db, e_after.id) == [("source", E, edited_e, 2, reason)]

    latest = _imports(db)[-1]
    assert (latest.revision, latest.changed) == (2, 2)
    assert [(c["kind"], c["segment_id"], c["before"], c["after"]) for c in latest.changes] == [
        ("changed", c_before.id, C, edited_c),
        ("changed", e_before.id, E, edited_e),
    ]


def test_removed_segments_go_with_their_history_and_added_ones_reuse_translations(
    db: Database,
) -> None:
    _work(db, A, "Opening of the conference.", "translated", "reviewed", "approved")
    _work(db, D, "Exports rose sharply.", "translated")
    a_before, d_before = _by_source(db)[A], _by_source(db)[D]
    with db.write() as session:
        add_comment(session, resolve_actor(session, "admin"), d_before.id, "Số liệu quý?")
    same_key = A.lower()  # another text with A's matching key

    outcome = _import(db, _file(A, B, C, E, A, same_key))
    assert (outcome.unchanged, outcome.changed, outcome.added, outcome.removed) == (4, 0, 2, 1)
    assert outcome.reused_translations == 3  # A kept, and reused by both added copies
    _assert_positions(db, [A, B, C, E, A, same_key])
    with db.read() as session:
        assert session.get(Segment, d_before.id) is None
        for table in (Revision, Comment):
            rows = session.scalars(select(table).where(table.segment_id == d_before.id)).all()
            assert rows == []

    segments = _segments(db)
    kept_a, copy_a, key_copy = segments[0], segments[4], segments[5]
    # The document changed around the approved A: it is reviewed again, with a revision.
    assert kept_a.id == a_before.id and Status(kept_a.status) is Status.REVIEWED
    assert kept_a.version == a_before.version + 1
    assert _revisions(db, kept_a.id)[-1][:3] == ("status", "approved", "reviewed")
    # An added copy of the same source reuses the translation, at most reviewed.
    assert copy_a.target == "Opening of the conference." and copy_a.version == 1
    assert Status(copy_a.status) is Status.REVIEWED
    # The same matching key but another text: reused as a draft to check.
    assert key_copy.target == "Opening of the conference."
    assert Status(key_copy.status) is Status.DRAFT

    latest = _imports(db)[-1]
    assert (latest.added, latest.removed, latest.reused_translations) == (2, 1, 3)
    assert latest.changes[0] == {
        "kind": "removed",
        "segment_id": d_before.id,
        "position": 3,
        "before": D,
        "target": "Exports rose sharply.",
    }
    assert [(c["kind"], c["segment_id"], c["position"]) for c in latest.changes[1:]] == [
        ("added", copy_a.id, 4),
        ("added", key_copy.id, 5),
    ]


def test_a_moved_sentence_keeps_its_segment_without_a_new_version(db: Database) -> None:
    _work(db, E, "It ended at 5.", "translated")
    before = _by_source(db)[E]
    outcome = _import(db, _file(E, A, B, C, D))
    assert (outcome.unchanged, outcome.moved, outcome.changed) == (4, 1, 0)
    assert (outcome.added, outcome.removed) == (0, 0)
    _assert_positions(db, [E, A, B, C, D])
    after = _by_source(db)[E]
    assert (after.id, after.version, after.target) == (before.id, before.version, before.target)
    assert Status(after.status) is Status.TRANSLATED
    assert _imports(db)[-1].changes == [
        {"kind": "moved", "segment_id": before.id, "position": 0, "from_position": 4, "after": E}
    ]


def test_an_identical_text_keeps_approved_segments_approved(db: Database) -> None:
    _work(db, B, "The economy grew 6.5%.", "translated", "reviewed", "approved")
    before = _by_source(db)[B]
    outcome = _import(db, _file(A, B, C, D, E))
    assert (outcome.revision, outcome.unchanged, outcome.reused_translations) == (2, 5, 1)
    after = _by_source(db)[B]
    assert Status(after.status) is Status.APPROVED and after.version == before.version
    assert _imports(db)[-1].changes == []


def test_edits_racing_a_reimport_meet_the_version_guard(db: Database) -> None:
    c_seen, d_seen = _by_source(db)[C], _by_source(db)[D]
    _import(db, _file(A, B, "Lạm phát tăng nhẹ.", D, E))
    with db.write() as session, pytest.raises(Conflict, match="you edited version 1"):
        edit_target(session, resolve_actor(session, "tran"), c_seen.id, "Late.", expected_version=1)
    # An unchanged segment someone had open is still theirs to save: no false conflict.
    with db.write() as session:
        saved = edit_target(
            session, resolve_actor(session, "tran"), d_seen.id, "Exports.", expected_version=1
        )
        assert saved.version == 2


def test_a_file_that_fails_leaves_the_document_as_it_was(db: Database) -> None:
    _work(db, B, "The economy grew 6.5%.", "translated")
    before = _snapshot(db)
    with db.write() as session, pytest.raises(InvalidInput, match="bao-cao.docx"):
        import_document(
            session,
            resolve_actor(session, "admin"),
            get_project(session, "P"),
            b"not a zip file",
            "bao-cao.docx",
            title=TITLE,
        )
    assert _snapshot(db) == before


def test_a_reimport_failing_half_way_rolls_everything_back(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _work(db, D, "Exports rose sharply.", "translated", "reviewed", "approved")
    before = _snapshot(db)

    def refuse(**_: Any) -> DocumentImport:  # after every segment has been written
        raise RuntimeError("disk full")

    monkeypatch.setattr(reimport, "DocumentImport", refuse)
    with pytest.raises(RuntimeError, match="disk full"):
        _import(db, _file("Mới.", A, "Kinh tế tăng 7%.", D))
    assert _snapshot(db) == before


def test_a_translator_edit_between_read_and_write_fails_the_reimport(
    postgres_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # PostgreSQL only: on SQLite the edit would wait for the import's write lock.
    add_users(postgres_db)
    with postgres_db.write() as session:
        create_project(session, resolve_actor(session, "admin"), "P")
    _import(postgres_db, _file(A, B, C, D, E))
    c_id = _by_source(postgres_db)[C].id
    before = _snapshot(postgres_db)
    aligned = reimport.align_sources

    def align_then_someone_edits(old: Any, new: Any) -> Any:
        def edit() -> None:
            with postgres_db.write() as session:
                edit_target(session, resolve_actor(session, "tran"), c_id, "Their text.")

        editor = threading.Thread(target=edit)
        editor.start()
        editor.join(timeout=30)
        return aligned(old, new)

    monkeypatch.setattr(reimport, "align_sources", align_then_someone_edits)
    with pytest.raises(Conflict, match=f"segment {c_id} of 'Báo cáo' was changed"):
        _import(postgres_db, _file(A, B, "Lạm phát tăng nhẹ.", D, E))
    after = _snapshot(postgres_db)
    assert after["document"] == before["document"] and after["imports"] == before["imports"]
    segment = _by_source(postgres_db)[C]
    assert (segment.id, segment.target, segment.version) == (c_id, "Their text.", 2)


def _race(*jobs: Callable[[], object]) -> list[BaseException]:
    barrier = threading.Barrier(len(jobs))
    failures: list[BaseException] = []

    def run(job: Callable[[], object]) -> None:
        barrier.wait()
        try:
            job()
        except BaseException as error:  # reported by the caller
            failures.append(error)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures


def test_two_reimports_at_once_run_one_after_the_other(db: Database) -> None:
    first, second = _file("Một.", A, B, C, D, E), _file(A, B, C, "Hai.", E, D)
    failures = _race(lambda: _import(db, first), lambda: _import(db, second))
    assert failures == []
    assert [row.revision for row in _imports(db)] == [1, 2, 3]
    segments = _segments(db)
    # Whichever ran last decided the text; neither saw a half-done state of the other.
    assert [s.source for s in segments] in ([A, B, C, "Hai.", E, D], ["Một.", A, B, C, D, E])
    assert [s.position for s in segments] == list(range(len(segments)))
    with db.read() as session:
        assert session.scalar(select(Document.revision).where(Document.title == TITLE)) == 3


def test_a_reimport_and_a_merge_at_once_keep_positions_unique(db: Database) -> None:
    _import(db, _file(f"{A} {B}", C, D, E))  # two sentences in one line can be merged
    first = _by_source(db)[A]

    def merge() -> None:
        with db.write() as session:
            merge_segments(session, resolve_actor(session, "admin"), first.id)

    failures = _race(merge, lambda: _import(db, _file(f"{A} {B}", C, "Mới.", D, E)))
    assert all(isinstance(error, Conflict) for error in failures), failures
    segments = _segments(db)
    positions = [s.position for s in segments]  # a merge leaves a gap; never a repeat
    assert positions == sorted(set(positions)) and positions[0] >= 0
    assert [s.source for s in segments][-3:] == ["Mới.", D, E]
