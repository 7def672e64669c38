"""Documents as stores of units, read from the database in a few queries."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from exporters.registry import get_format
from primitives.block_ref import BlockRef
from primitives.errors import NotFound
from primitives.statuses import Origin, Status
from primitives.units import Note
from workflow.document_metadata import checked_metadata
from workflow.importing import import_document
from workflow.models import Comment, Segment
from workflow.projects import get_project
from workflow.segments import add_comment, edit_target, list_segments, set_status
from workflow.storage import Database
from workflow.stores import document_store, project_stores
from workflow.users import resolve_actor

REPORT = "Báo cáo **năm** 2025. Doanh thu tăng.\n\nKết luận.\n"
NOTES = "Phụ lục một.\n\nPhụ lục hai.\n"


def _project(database: Database) -> None:
    from workflow.projects import create_project

    with database.write() as session:
        admin = resolve_actor(session, "admin")
        project = create_project(session, admin, "P")
        meta = checked_metadata(
            {"creator": "Sở KH&CN", "date": "2026-10-14", "description": "Năm 2025"}
        )
        import_document(session, admin, project, REPORT.encode(), "bao-cao.md", meta=meta)
        import_document(session, admin, project, NOTES.encode(), "phu-luc.txt")
        first = list_segments(session, project)[0]
        edit_target(session, admin, first.id, "Report for <g1>year</g1> 2025.")
        set_status(session, admin, first.id, Status.TRANSLATED)
        add_comment(session, admin, first.id, "Kiểm tra năm")
        add_comment(session, admin, first.id, "Đã kiểm tra")


@contextmanager
def _counted(session: Session) -> Iterator[list[str]]:
    statements: list[str] = []
    engine = session.get_bind()

    def count(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_a_document_store_holds_its_segments_in_order_with_everything_formats_need(
    sqlite_db: Database,
) -> None:
    _project(sqlite_db)
    with sqlite_db.read() as session:
        project = get_project(session, "P")
        segments = list_segments(session, project)
        first = segments[0]
        store = document_store(session, first.document_id)
    assert (store.source_lang, store.target_lang) == ("vi", "en")
    assert store.metadata == {
        "title": "bao-cao",
        "source": "bao-cao.md",
        "creator": "Sở KH&CN",
        "date": "2026-10-14",
        "description": "Năm 2025",
        "language": "vi",
    }
    assert store.props["target_language"] == "en-US"  # the generic partner writes US English
    assert store.props["project"] == "P" and store.props["format"] == "md"
    assert [unit.source for unit in store] == [
        "Báo cáo <g1>năm</g1> 2025.",
        "Doanh thu tăng.",
        "Kết luận.",
    ]
    unit = store.units[0]
    assert unit.id == first.id and store.get(first.id) is unit
    assert unit.target == "Report for <g1>year</g1> 2025."
    assert unit.target_content.well_formed
    assert unit.codes == first.codes and unit.codes["1"]["kind"] == "bold"
    assert (unit.status, unit.origin, unit.version) == (Status.TRANSLATED, Origin.HUMAN, 3)
    assert unit.ref == BlockRef.parse(first.ref) and unit.ref.block == "lines:1-1"
    assert [(note.text, note.author) for note in unit.notes] == [
        ("Kiểm tra năm", "admin"),
        ("Đã kiểm tra", "admin"),
    ]
    assert all(note.date.endswith("Z") for note in unit.notes)
    assert unit.changed_by == "admin" and unit.changed_at.endswith("Z")
    untouched = store.units[1]
    assert (untouched.target, untouched.status, untouched.notes) == ("", Status.NEW, [])


def test_the_project_is_one_store_per_document_in_three_queries(sqlite_db: Database) -> None:
    _project(sqlite_db)
    with sqlite_db.write() as session:
        # Many more segments and comments must not mean more queries.
        project = get_project(session, "P")
        segment = list_segments(session, project)[-1]
        session.add_all(
            Segment(
                document_id=segment.document_id,
                position=100 + n,
                source=f"Câu {n}.",
                source_key=f"câu {n}.",
            )
            for n in range(50)
        )
        session.add_all(Comment(segment_id=segment.id, user="lan", text=f"#{n}") for n in range(20))
    with sqlite_db.read() as session:
        project = get_project(session, "P")
        with _counted(session) as statements:
            stores = project_stores(session, project)
    assert len(statements) == 3, statements
    assert [store.title for store in stores] == ["bao-cao", "phu-luc"]
    assert [len(store) for store in stores] == [3, 52]
    assert len(stores[1].units[1].notes) == 20
    assert stores[1].units[-1].source == "Câu 49."


def test_a_store_from_the_database_writes_as_tmx(sqlite_db: Database) -> None:
    _project(sqlite_db)
    with sqlite_db.read() as session:
        (store, _) = project_stores(session, get_project(session, "P"))
    tmx = get_format("tmx", "bilingual")
    back = tmx.read(tmx.write(store), "p.tmx")
    (unit,) = back.units  # units without a target are left out of a TM
    assert (unit.id, unit.source, unit.target) == (
        str(store.units[0].id),
        "Báo cáo <g1>năm</g1> 2025.",
        "Report for <g1>year</g1> 2025.",
    )
    assert unit.notes == [Note("Kiểm tra năm"), Note("Đã kiểm tra")]


def test_the_imported_file_is_loaded_only_when_asked(sqlite_db: Database) -> None:
    _project(sqlite_db)
    with sqlite_db.read() as session:
        project = get_project(session, "P")
        document_id = list_segments(session, project)[0].document_id
        assert document_store(session, document_id).original is None
        assert document_store(session, document_id, with_original=True).original == (
            REPORT.encode()
        )
        assert [s.original for s in project_stores(session, project, with_original=True)] == [
            REPORT.encode(),
            NOTES.encode(),
        ]


def test_unknown_document_and_empty_project(sqlite_db: Database) -> None:
    from workflow.projects import create_project

    with sqlite_db.write() as session:
        project = create_project(session, resolve_actor(session, "admin"), "Empty")
        assert project_stores(session, project) == []
        with pytest.raises(NotFound, match="no document 999"):
            document_store(session, 999)


def test_a_docx_document_store_with_its_original_rebuilds_the_target_docx(
    sqlite_db: Database,
) -> None:
    from songngu_testing.rich_docx import ENGLISH, rich_report

    from exporters.docx_target import TargetOptions
    from workflow.intake import read_source
    from workflow.projects import create_project

    with sqlite_db.write() as session:
        admin = resolve_actor(session, "admin")
        project = create_project(session, admin, "Báo cáo")
        outcome = import_document(session, admin, project, rich_report(), "bao-cao.docx")
        for segment in list_segments(session, project):
            edit_target(session, admin, segment.id, ENGLISH[segment.source])
            for status in (Status.TRANSLATED, Status.REVIEWED, Status.APPROVED):
                set_status(session, admin, segment.id, status)
    with sqlite_db.read() as session:
        without = document_store(session, outcome.document_id)
        store = document_store(session, outcome.document_id, with_original=True)
    assert without.original is None and store.props["format"] == "docx"
    built = get_format("docx", "bilingual").build(store, TargetOptions(language="en-GB"))
    back = read_source(built.data, "target.docx")
    assert back.blocks[1].text == "Revenue <g1>rose sharply</g1> in <g2>2024</g2>."
    assert len(back.blocks) == len(read_source(rich_report(), "x.docx").blocks)
    assert sum(count.segments_found for count in built.report.parts) == len(store)
