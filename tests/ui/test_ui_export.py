"""The Export page headless through AppTest, in both languages and for each role: the
metadata form (saved, refused when stale, read-only for translators), the readiness
checklist, a file built on click for download, and the review table imported back."""

from __future__ import annotations

import io
from collections.abc import Callable

import docx
import pytest
from songngu_testing import add_users
from songngu_testing.rich_docx import rich_report
from streamlit.testing.v1 import AppTest

from primitives.statuses import Status
from workflow.document_metadata import document_metadata, set_document_metadata
from workflow.exports import ExportRequest, build_export
from workflow.importing import import_document
from workflow.intake import read_source
from workflow.models import Document, Segment
from workflow.partners import update_partner
from workflow.projects import create_project, get_project
from workflow.segments import edit_target, list_segments, set_status
from workflow.storage import Database
from workflow.users import OPERATOR, resolve_actor

PageRunner = Callable[..., AppTest]


@pytest.fixture
def project(sqlite_db: Database) -> tuple[Database, int, int]:
    add_users(sqlite_db)
    with sqlite_db.write() as session:
        admin = resolve_actor(session, "admin")
        found = create_project(session, admin, "Báo cáo 2026", "USAID")
        outcome = import_document(
            session,
            admin,
            found,
            "Nhấn **Lưu** để ghi.\n\nBáo cáo năm 2025.\n".encode(),
            "bao-cao.md",
        )
        first = list_segments(session, found)[0]
        edit_target(session, admin, first.id, "Press <g1>Save</g1> to write.")
        set_status(session, admin, first.id, Status.TRANSLATED)
        return sqlite_db, found.id, outcome.document_id


def _texts(elements) -> list[str]:  # type: ignore[no-untyped-def]
    return [element.value for element in elements]


def _button(app: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(button for button in app.button if button.label == label)


@pytest.mark.parametrize(
    ("lang", "title", "header", "not_approved", "qa_open", "policy"),
    [
        (
            "vi",
            "Xuất bản dịch",
            "Thông tin tài liệu (Dublin Core)",
            "Còn 2 câu chưa",
            "Còn 0 lỗi QA chưa xử lý và 1 câu chưa được kiểm tra",
            "Chính sách QA của hồ sơ đối tác: cảnh báo",
        ),
        (
            "en",
            "Export",
            "Document metadata (Dublin Core)",
            "2 segments are not",
            "0 QA errors are still open and 1 segments are not checked",
            "The partner profile's QA policy: warn",
        ),
    ],
)
def test_the_page_in_both_languages(
    project: tuple[Database, int, int],
    run_page: PageRunner,
    lang: str,
    title: str,
    header: str,
    not_approved: str,
    qa_open: str,
    policy: str,
) -> None:
    _, project_id, _ = project
    app = run_page("export", project_id, lang=lang)
    assert not app.exception
    assert app.title[0].value == title
    assert header in [element.value for element in app.subheader]
    assert any(text.startswith(not_approved) for text in _texts(app.warning))
    # QA checked the stored target; the empty one is not checked yet.
    assert any(text.startswith(qa_open) for text in _texts(app.warning))
    assert any(text.startswith(policy) for text in _texts(app.caption))
    (row,) = app.dataframe[0].value.to_dict("records")
    assert list(row.values())[-3:] == [0, 0, 1]  # QA errors, warnings, not checked
    prepare = [
        button for button in app.button if button.key and button.key.startswith("export-prepare-")
    ]
    assert [button.key for button in prepare] == [
        "export-prepare-tmx",
        "export-prepare-xliff12",
        "export-prepare-xliff21",
        "export-prepare-tsv-pairs",
        "export-prepare-bilingual-docx",
        "export-prepare-report-xml",
        "export-prepare-tbx",
        "export-prepare-csv",
        "export-prepare-tsv",
        "export-prepare-docx",
    ]


@pytest.mark.parametrize(
    ("lang", "blocked", "columns", "policy", "refused"),
    [
        (
            "vi",
            "Còn 1 lỗi QA chưa xử lý và 0 câu chưa được kiểm tra theo nội dung hiện tại: hồ sơ "
            "đối tác chặn",
            ["Lỗi QA còn mở", "Cảnh báo QA", "Chưa kiểm tra QA"],
            "Chính sách QA của hồ sơ đối tác: chặn",
            "dự án 'Báo cáo 2026' chưa được xuất: còn 1 lỗi chưa xử lý",
        ),
        (
            "en",
            "1 QA errors are still open and 0 segments are not checked as they now are: the "
            "partner profile blocks",
            ["Open QA errors", "QA warnings", "Not QA-checked"],
            "The partner profile's QA policy: block",
            "project 'Báo cáo 2026' is not exported: 1 open QA error(s)",
        ),
    ],
)
def test_a_real_qa_error_and_a_blocking_partner_in_both_languages(
    project: tuple[Database, int, int],
    run_page: PageRunner,
    lang: str,
    blocked: str,
    columns: list[str],
    policy: str,
    refused: str,
) -> None:
    database, project_id, _ = project
    with database.write() as session:
        update_partner(session, OPERATOR, "USAID", {"qa_export_policy": "block"})
        second = list_segments(session, get_project(session, project_id))[1]
        # A number changed in the target: QA's number-mismatch error.
        edit_target(session, resolve_actor(session, "admin"), second.id, "The 2024 report.")
    app = run_page("export", project_id, lang=lang)
    assert not app.exception
    assert any(text.startswith(blocked) for text in _texts(app.error))
    assert any(text.startswith(policy) for text in _texts(app.caption))
    (row,) = app.dataframe[0].value.to_dict("records")
    assert [row[column] for column in columns] == [1, 0, 0]
    app.button(key="export-prepare-report-xml").click().run()
    assert not app.exception
    assert any(text.startswith(refused) for text in _texts(app.error))
    assert "export_prepared" not in app.session_state  # nothing was built
    app.button(key="export-prepare-xliff12").click().run()  # not a final deliverable
    assert "xliff12" in app.session_state["export_prepared"]


def test_the_target_docx_is_offered_on_the_page(sqlite_db: Database, run_page: PageRunner) -> None:
    with sqlite_db.write() as session:
        admin = resolve_actor(session, "admin")
        found = create_project(session, admin, "Báo cáo DOCX")
        import_document(session, admin, found, rich_report(), "bao-cao.docx")
        project_id = found.id
    app = run_page("export", project_id, lang="vi")
    assert "Giữ câu tiếng Việt" in app.radio(key="export_pending").options
    app.radio(key="export_pending").set_value("source").run()
    app.button(key="export-prepare-docx").click().run()
    assert not app.exception
    choice, name, data, notes = app.session_state["export_prepared"]["docx"]
    assert (choice.format, choice.pending, name) == ("docx", "source", "bao-cao-en.docx")
    back = read_source(data, name)
    assert back.blocks[0].text == "Báo cáo tổng kết năm 2024"  # nothing approved: Vietnamese
    assert len(back.blocks) == len(read_source(rich_report(), "bao-cao.docx").blocks)
    assert len(list(app.get("download_button"))) == 1


def test_metadata_is_saved_from_the_form(
    project: tuple[Database, int, int], run_page: PageRunner
) -> None:
    database, project_id, document_id = project
    app = run_page("export", project_id)
    app.text_area(key=f"meta-{document_id}-title-0").input("Báo cáo tổng kết năm 2025")
    app.text_input(key=f"meta-{document_id}-date-0").input("2022-08-09")
    _button(app, "Save metadata").click().run()
    assert not app.exception
    assert "Saved the document's metadata." in _texts(app.success)
    with database.read() as session:
        metadata = document_metadata(session.get(Document, document_id))
    assert (metadata.title, metadata.date) == ("Báo cáo tổng kết năm 2025", "2022-08-09")
    # The form now shows what is stored, under fresh keys.
    assert app.text_area(key=f"meta-{document_id}-title-1").value == "Báo cáo tổng kết năm 2025"


def test_a_bad_date_is_refused_in_vietnamese(
    project: tuple[Database, int, int], run_page: PageRunner
) -> None:
    database, project_id, document_id = project
    app = run_page("export", project_id, lang="vi")
    app.text_input(key=f"meta-{document_id}-date-0").input("9/8/2022")
    _button(app, "Lưu thông tin").click().run()
    assert not app.exception
    assert any("không phải ngày viết theo dạng YYYY-MM-DD" in text for text in _texts(app.error))
    with database.read() as session:
        assert document_metadata(session.get(Document, document_id)).date == ""


def test_a_stale_metadata_edit_is_refused_not_overwritten(
    project: tuple[Database, int, int], run_page: PageRunner
) -> None:
    database, project_id, document_id = project
    app = run_page("export", project_id)
    with database.write() as session:  # someone else saves while the form is open
        set_document_metadata(
            session, resolve_actor(session, "ed"), document_id, {"title": "Tên của Ed"}
        )
    app.text_area(key=f"meta-{document_id}-title-0").input("Tên của admin")
    _button(app, "Save metadata").click().run()
    assert not app.exception
    assert any(
        "was changed by someone else meanwhile (title)" in text for text in _texts(app.error)
    )
    with database.read() as session:
        assert document_metadata(session.get(Document, document_id)).title == "Tên của Ed"
    assert app.text_area(key=f"meta-{document_id}-title-1").value == "Tên của Ed"


def test_a_translator_sees_the_metadata_read_only(
    project: tuple[Database, int, int], run_page: PageRunner
) -> None:
    _, project_id, document_id = project
    app = run_page("export", project_id, user="tran")
    assert not app.exception
    assert app.text_area(key=f"meta-{document_id}-title-0").disabled
    assert _button(app, "Save metadata").disabled
    assert "Only editors and admins may change a document's metadata." in _texts(app.caption)
    assert not app.button(key="export-prepare-xliff12").disabled  # translators export


def test_a_file_is_built_on_click_and_offered_for_download(
    project: tuple[Database, int, int], run_page: PageRunner
) -> None:
    _, project_id, _ = project
    app = run_page("export", project_id)
    assert list(app.get("download_button")) == []  # nothing is built before it is asked for
    app.button(key="export-prepare-xliff12").click().run()
    assert not app.exception
    assert "Built bao-cao-2026.xlf" in " ".join(_texts(app.success))
    choice, name, data, notes = app.session_state["export_prepared"]["xliff12"]
    assert name == "bao-cao-2026.xlf" and data.startswith(b"<?xml") and notes == []
    assert len(list(app.get("download_button"))) == 1
    # Another scope: the prepared file no longer matches, no download is offered.
    app.selectbox(key="export_scope").select_index(1).run()
    assert not app.exception and list(app.get("download_button")) == []


def _review_file(database: Database) -> bytes:
    with database.read() as session:
        found = get_project(session, "Báo cáo 2026")
        data = build_export(
            session, resolve_actor(session, "admin"), found, ExportRequest("bilingual-docx")
        ).data
    document = docx.Document(io.BytesIO(data))
    document.tables[0].rows[3].cells[2].text = "Click <1>Save</1> to write."
    document.tables[0].rows[4].cells[2].text = "Bad <1>tag."
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_the_review_table_is_imported_back_dry_run_first(
    project: tuple[Database, int, int], run_page: PageRunner
) -> None:
    database, project_id, _ = project
    app = run_page("export", project_id, user="rev")
    app.file_uploader(key="review_upload").set_value(
        ("bao-cao-review.docx", _review_file(database), "application/octet-stream")
    )
    app.checkbox(key="review_dry_run").check()
    app.button(key="review_import").click().run()
    assert not app.exception
    (line,) = [text for text in _texts(app.warning) if "bao-cao-review.docx" in text]
    assert "1 applied, 0 unchanged, 1 conflicts" in line
    assert "Dry run: nothing was stored." in " ".join(_texts(app.info))
    conflicts = app.dataframe[-1].value
    assert list(conflicts["Conflict"]) == ["tags broken"]
    with database.read() as session:
        first = min(session.query(Segment).all(), key=lambda segment: segment.id)
        assert first.target == "Press <g1>Save</g1> to write."
    app.checkbox(key="review_dry_run").uncheck()
    app.button(key="review_import").click().run()
    with database.read() as session:
        first = min(session.query(Segment).all(), key=lambda segment: segment.id)
        assert (first.target, Status(first.status)) == (
            "Click <g1>Save</g1> to write.",
            Status.REVIEWED,
        )


def test_a_file_that_is_not_a_review_table_is_refused_in_vietnamese(
    project: tuple[Database, int, int], run_page: PageRunner
) -> None:
    _, project_id, _ = project
    plain = docx.Document()
    plain.add_paragraph("Không phải bảng duyệt.")
    buffer = io.BytesIO()
    plain.save(buffer)
    app = run_page("export", project_id, lang="vi")
    app.file_uploader(key="review_upload").set_value(
        ("khac.docx", buffer.getvalue(), "application/octet-stream")
    )
    app.button(key="review_import").click().run()
    assert not app.exception
    assert any(
        text.startswith("khac.docx không phải bảng duyệt song ngữ") for text in _texts(app.error)
    )


def test_the_source_page_shows_the_title(
    project: tuple[Database, int, int], run_page: PageRunner
) -> None:
    database, project_id, document_id = project
    with database.write() as session:
        set_document_metadata(
            session, resolve_actor(session, "admin"), document_id, {"title": "Báo cáo tổng kết"}
        )
    app = run_page("source", project_id)
    assert not app.exception
    assert any(
        expander.label.startswith("Báo cáo tổng kết (bao-cao) — 2") for expander in app.expander
    )
