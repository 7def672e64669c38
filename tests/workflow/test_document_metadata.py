"""Document metadata: defaults, filled from a DOCX's core properties, checked, edited under
a guard, and carried by the stores every export reads."""

from __future__ import annotations

import datetime
import io

import docx
import pytest
from songngu_testing import add_users

from exporters.docx_core_properties import core_properties_xml, read_core_properties
from primitives.errors import Conflict, InvalidInput, PermissionDenied
from workflow.document_metadata import (
    DocumentMetadata,
    checked_metadata,
    document_date,
    document_metadata,
    metadata_from_file,
    set_document_metadata,
)
from workflow.importing import import_document
from workflow.models import Document
from workflow.projects import create_project, get_project
from workflow.storage import Database
from workflow.stores import document_store
from workflow.users import resolve_actor


def _word_file(**properties: object) -> bytes:
    """A DOCX written by python-docx (as Word would: core properties in docProps/core.xml)."""
    document = docx.Document()
    document.add_paragraph("Báo cáo tổng kết năm 2022 của Sở Khoa học và Công nghệ.")
    document.core_properties.comments = ""  # python-docx's template says who generated it
    for name, value in properties.items():
        setattr(document.core_properties, name, value)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _project(database: Database, partner: str | None = None) -> int:
    with database.write() as session:
        return create_project(session, resolve_actor(session, "admin"), "P", partner).id


def _import(database: Database, data: bytes, filename: str = "bao-cao.docx", **kwargs) -> int:
    with database.write() as session:
        project = get_project(session, "P")
        outcome = import_document(
            session, resolve_actor(session, "admin"), project, data, filename, **kwargs
        )
        return outcome.document_id


def test_a_document_without_metadata_has_its_name_and_the_project_languages(
    sqlite_db: Database,
) -> None:
    _project(sqlite_db, partner="USAID")
    document_id = _import(sqlite_db, "Một câu.\n".encode(), "ghi-chu.txt")
    with sqlite_db.read() as session:
        metadata = document_metadata(session.get(Document, document_id))
    assert metadata == DocumentMetadata(
        title="ghi-chu", source_language="vi", target_language="en-US"
    )
    assert metadata.source_date is None


def test_a_docx_fills_title_creator_date_and_more_from_its_core_properties(
    sqlite_db: Database,
) -> None:
    _project(sqlite_db)
    data = _word_file(
        title="Báo cáo tổng kết năm 2022",
        author="Sở KH&CN Đà Nẵng",
        subject="Khoa học\ncông nghệ",  # a property on two lines becomes one
        comments="Bản trình Hội đồng nhân dân",
        language="vi-VN",
        created=datetime.datetime(2022, 8, 9, 3, 0, 0),
    )
    assert read_core_properties(data)["date"].startswith("2022-08-09T03:00:00")
    document_id = _import(sqlite_db, data)
    with sqlite_db.read() as session:
        document = session.get(Document, document_id)
        metadata = document_metadata(document)
        assert document.title == "bao-cao"  # the project's name for it stays the file's
        assert document_date(document) == datetime.date(2022, 8, 9)
    assert (metadata.title, metadata.creator, metadata.date) == (
        "Báo cáo tổng kết năm 2022",
        "Sở KH&CN Đà Nẵng",
        "2022-08-09",
    )
    assert (metadata.subject, metadata.description) == (
        "Khoa học công nghệ",
        "Bản trình Hội đồng nhân dân",
    )
    assert (metadata.source_language, metadata.target_language) == ("vi-VN", "en-US")


def test_a_reimport_never_overwrites_what_someone_set(sqlite_db: Database) -> None:
    _project(sqlite_db)
    document_id = _import(sqlite_db, _word_file(title="Tên trong Word", author="Phòng A"))
    with sqlite_db.write() as session:
        set_document_metadata(
            session, resolve_actor(session, "admin"), document_id, {"title": "Tên đã sửa"}
        )
    again = _import(sqlite_db, _word_file(title="Tên trong Word", author="Phòng B"))
    assert again == document_id
    with sqlite_db.read() as session:
        metadata = document_metadata(session.get(Document, document_id))
    assert (metadata.title, metadata.creator) == ("Tên đã sửa", "Phòng A")


def test_given_metadata_wins_over_the_file_and_old_author_keys_still_read(
    sqlite_db: Database,
) -> None:
    _project(sqlite_db)
    meta = checked_metadata({"creator": "UBND tỉnh", "date": "2026-10-14"})
    document_id = _import(sqlite_db, _word_file(author="Ai đó"), meta=meta)
    with sqlite_db.write() as session:
        document = session.get(Document, document_id)
        assert document_metadata(document).creator == "UBND tỉnh"
        document.meta = {"author": "Sở cũ", "date": "2020-01-02"}  # as stored before
        assert document_metadata(document).creator == "Sở cũ"
        set_document_metadata(
            session, resolve_actor(session, "admin"), document_id, {"creator": "Sở mới"}
        )
        assert document.meta == {"creator": "Sở mới", "date": "2020-01-02"}


def test_damaged_or_hostile_properties_are_left_out_not_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
        b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        b'metadata/core-properties"/>'
    )
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("docProps/core.xml", bomb)
        archive.writestr("docProps/app.xml", b"<Properties><not closed")
    assert read_core_properties(buffer.getvalue()) == {}
    assert read_core_properties(b"not a zip") == {}
    assert metadata_from_file({"date": "09/08/2022", "language": "en-US", "title": " x "}) == {
        "title": "x"
    }


def test_core_properties_written_read_back() -> None:
    xml = core_properties_xml(
        {"title": "Báo cáo", "creator": "Sở", "language": "vi", "rights": "CC BY"},
        created="2026-05-14T09:30:00Z",
    )
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("docProps/core.xml", xml)
    assert read_core_properties(buffer.getvalue()) == {
        "title": "Báo cáo",
        "creator": "Sở",
        "language": "vi",
        "date": "2026-05-14T09:30:00Z",
    }


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"date": "9/8/2022"}, "metadata.bad_date"),
        ({"date": "2022-02-30"}, "metadata.bad_date"),
        ({"date": "20220809"}, "metadata.bad_date"),
        ({"title": "hai\ndòng"}, "metadata.not_one_line"),
        ({"rights": "tab\there"}, "metadata.not_one_line"),
        ({"creator": "x" * 501}, "metadata.too_long"),
        ({"title": "t" * 301}, "metadata.too_long"),
        ({"target_language": "English"}, "metadata.bad_language"),
        ({"target_language": "fr-FR"}, "metadata.other_language"),
        ({"source_language": "en"}, "metadata.other_language"),
        ({"colour": "xanh"}, "metadata.unknown_field"),
    ],
)
def test_bad_values_are_one_line_refusals(changes: dict[str, str], code: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        checked_metadata(changes)
    assert refused.value.code == code
    assert "\n" not in str(refused.value)


def test_an_edit_is_guarded_by_the_metadata_it_started_from(sqlite_db: Database) -> None:
    _project(sqlite_db, partner="USAID")
    document_id = _import(sqlite_db, "Một câu.\n".encode(), "ghi-chu.txt")
    with sqlite_db.write() as session:
        admin = resolve_actor(session, "admin")
        seen = document_metadata(session.get(Document, document_id))
        after = set_document_metadata(
            session,
            admin,
            document_id,
            {"title": "Ghi chú họp", "date": "2022-08-09", "target_language": "en-GB"},
            seen=seen,
        )
        assert (after.title, after.date, after.target_language) == (
            "Ghi chú họp",
            "2022-08-09",
            "en-GB",
        )
    with sqlite_db.write() as session:
        admin = resolve_actor(session, "admin")
        with pytest.raises(Conflict) as stale:  # someone saved since the form was drawn
            set_document_metadata(session, admin, document_id, {"title": "Khác"}, seen=seen)
        assert stale.value.code == "metadata.changed_meanwhile"
        assert "title, date, target language" in str(stale.value)
    with sqlite_db.write() as session:
        admin = resolve_actor(session, "admin")
        # "" puts a field back to its default; so does the default's own value.
        back = set_document_metadata(
            session, admin, document_id, {"title": "", "target_language": "en-US"}
        )
        assert (back.title, back.target_language) == ("ghi-chu", "en-US")
        assert session.get(Document, document_id).meta == {"date": "2022-08-09"}


def test_only_roles_that_manage_the_project_edit_metadata(sqlite_db: Database) -> None:
    _project(sqlite_db)
    document_id = _import(sqlite_db, "Một câu.\n".encode(), "ghi-chu.txt")
    add_users(sqlite_db, "tran")
    with sqlite_db.write() as session, pytest.raises(PermissionDenied):
        set_document_metadata(session, resolve_actor(session, "tran"), document_id, {"title": "X"})
    with sqlite_db.write() as session, pytest.raises(InvalidInput):
        set_document_metadata(session, resolve_actor(session, "admin"), document_id, {"date": "x"})


def test_the_store_carries_the_metadata_as_dublin_core(sqlite_db: Database) -> None:
    _project(sqlite_db, partner="USAID")
    document_id = _import(
        sqlite_db,
        _word_file(
            title="Báo cáo 2022",
            author="Sở",
            language="vi-VN",
            created=datetime.datetime(2022, 8, 9, 10, 0),
        ),
    )
    with sqlite_db.write() as session:
        set_document_metadata(
            session,
            resolve_actor(session, "admin"),
            document_id,
            {"publisher": "NXB Đà Nẵng", "rights": "© 2022 Sở KH&CN", "target_language": "en-GB"},
        )
    with sqlite_db.read() as session:
        store = document_store(session, document_id)
    assert store.metadata == {
        "title": "Báo cáo 2022",
        "creator": "Sở",
        "publisher": "NXB Đà Nẵng",
        "rights": "© 2022 Sở KH&CN",
        "language": "vi-VN",
        "source": "bao-cao.docx",
        "date": "2022-08-09",
    }
    assert store.props["target_language"] == "en-GB"
