"""Comments in a source DOCX reach the translators as comments on the segment."""

from __future__ import annotations

from songngu_testing import seed_project

from workflow.importing import SOURCE_NOTE_AUTHOR, import_document
from workflow.projects import get_project
from workflow.segments import list_comments, list_segments
from workflow.storage import Database
from workflow.users import resolve_actor


def test_source_comments_become_segment_comments(sqlite_db: Database, make_docx, make_part) -> None:  # type: ignore[no-untyped-def]
    body = (
        "<w:p><w:r><w:t>Mở đầu.</w:t></w:r></w:p>"
        '<w:p><w:commentRangeStart w:id="7"/><w:r><w:t>Tăng trưởng 6,5%. Câu sau.</w:t></w:r>'
        '<w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r></w:p>'
    )
    comments = make_part(
        "comments",
        '<w:comment w:id="7" w:author="Lan"><w:p><w:r><w:t>Kiểm tra số liệu</w:t></w:r></w:p>'
        "</w:comment>",
    )
    data = make_docx(
        body, parts={"word/comments.xml": comments}, rels=[("rC", "comments", "comments.xml")]
    )
    project_id, _ = seed_project(sqlite_db, ["x"])
    with sqlite_db.write() as session:
        project = get_project(session, project_id)
        import_document(session, resolve_actor(session, "admin"), project, data, "bao-cao.docx")
    with sqlite_db.read() as session:
        project = get_project(session, project_id)
        segments = [s for s in list_segments(session, project) if s.source != "x"]
        notes = {
            s.source: [(c.user, c.text) for c in list_comments(session, s.id)] for s in segments
        }
    assert notes == {
        "Mở đầu.": [],
        "Tăng trưởng 6,5%.": [(SOURCE_NOTE_AUTHOR, "Lan: Kiểm tra số liệu")],
        "Câu sau.": [],
    }


def test_a_reimport_does_not_repeat_the_source_comments(
    sqlite_db: Database, make_docx, make_part
) -> None:  # type: ignore[no-untyped-def]
    def docx(note: str, extra: str = "") -> bytes:
        body = (
            f"{extra}"
            '<w:p><w:commentRangeStart w:id="7"/><w:r><w:t>Tăng trưởng 6,5%.</w:t></w:r>'
            '<w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r></w:p>'
        )
        comments = make_part(
            "comments",
            f'<w:comment w:id="7" w:author="Lan"><w:p><w:r><w:t>{note}</w:t></w:r></w:p>'
            "</w:comment>",
        )
        return make_docx(
            body, parts={"word/comments.xml": comments}, rels=[("rC", "comments", "comments.xml")]
        )

    project_id, _ = seed_project(sqlite_db, ["x"])

    def import_and_read(data: bytes) -> list[tuple[str, str]]:
        with sqlite_db.write() as session:
            project = get_project(session, project_id)
            import_document(session, resolve_actor(session, "admin"), project, data, "bc.docx")
        with sqlite_db.read() as session:
            project = get_project(session, project_id)
            (segment,) = [
                s for s in list_segments(session, project) if s.source == "Tăng trưởng 6,5%."
            ]
            return [(c.user, c.text) for c in list_comments(session, segment.id)]

    note = (SOURCE_NOTE_AUTHOR, "Lan: Kiểm tra số liệu")
    assert import_and_read(docx("Kiểm tra số liệu")) == [note]
    # Again, with a paragraph before it: the segment is kept, its comment not repeated.
    assert import_and_read(docx("Kiểm tra số liệu", "<w:p><w:r><w:t>Mở.</w:t></w:r></w:p>")) == [
        note
    ]
    # A comment changed in the file is added beside the one the segment already has.
    assert import_and_read(docx("Số liệu đã kiểm tra")) == [
        note,
        (SOURCE_NOTE_AUTHOR, "Lan: Số liệu đã kiểm tra"),
    ]
