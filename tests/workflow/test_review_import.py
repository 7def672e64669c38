"""Review import: the bilingual DOCX exported, edited with python-docx the way a reviewer
would, and imported back; one test per conflict kind, and the refusals that apply nothing."""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime

import docx
import pytest
from songngu_testing import add_users

from primitives.errors import InvalidInput, PermissionDenied
from primitives.statuses import Status
from workflow.exports import ExportRequest, build_export
from workflow.importing import import_document
from workflow.models import Comment, Revision, Segment
from workflow.projects import create_project, get_project
from workflow.review_import import ReviewImportOutcome, import_review, out_of_order
from workflow.segments import edit_target, list_segments, set_status
from workflow.storage import Database
from workflow.target_updates import ConflictKind
from workflow.users import resolve_actor

REPORT = (
    "Nhấn **Lưu** để ghi lại.\n\n"
    "Báo cáo năm 2025 đã hoàn thành.\n\n"
    "Doanh thu tăng mạnh.\n\n"
    "Hội nghị bế mạc lúc 17 giờ.\n"
)
TARGETS = [
    "Press <g1>Save</g1> to record.",
    "The 2025 report is complete.",
    "Revenue rose sharply.",
    "The conference closed at 5 pm.",
]
NOW = datetime(2026, 5, 14, 9, 30, tzinfo=UTC)
Edit = Callable[[docx.table.Table], None]


@pytest.fixture
def project(sqlite_db: Database) -> Database:
    add_users(sqlite_db)  # tran, rev, ed
    with sqlite_db.write() as session:
        admin = resolve_actor(session, "admin")
        project = create_project(session, admin, "Báo cáo 2026")
        import_document(session, admin, project, REPORT.encode(), "bao-cao.md")
        for segment, target in zip(list_segments(session, project), TARGETS, strict=True):
            edit_target(session, admin, segment.id, target)
            set_status(session, admin, segment.id, Status.TRANSLATED)
    return sqlite_db


def _segments(database: Database) -> list[Segment]:
    with database.read() as session:
        segments = list_segments(session, get_project(session, "Báo cáo 2026"))
        session.expunge_all()
        return segments


def _export(database: Database, project: str = "Báo cáo 2026") -> bytes:
    with database.read() as session:
        found = get_project(session, project)
        return build_export(
            session,
            resolve_actor(session, "admin"),
            found,
            ExportRequest("bilingual-docx"),
            now=NOW,
        ).data


def _edit(data: bytes, edit: Edit) -> bytes:
    document = docx.Document(io.BytesIO(data))
    edit(document.tables[0])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _row(table: docx.table.Table, index: int) -> docx.table._Row:
    """The index-th segment row (after the first row, the header and the document row)."""
    return table.rows[3 + index]


def _import(
    database: Database, data: bytes, user: str = "rev", **options: bool
) -> ReviewImportOutcome:
    with database.write() as session:
        return import_review(
            session,
            resolve_actor(session, user),
            get_project(session, "Báo cáo 2026"),
            data,
            "bao-cao-review.docx",
            **options,
        )


def _kinds(outcome: ReviewImportOutcome) -> list[tuple[ConflictKind, int | None]]:
    return [(conflict.kind, conflict.segment_id) for conflict in outcome.report.conflicts]


def test_edited_targets_and_new_comments_are_a_review_round_by_the_importer(
    project: Database,
) -> None:
    first, second, *_ = _segments(project)

    def edit(table: docx.table.Table) -> None:
        _row(table, 0).cells[2].text = "Click <1>Save</1> to record it."
        _row(table, 1).cells[4].add_paragraph("Nên viết «the 2025 annual report»")

    outcome = _import(project, _edit(_export(project), edit))
    assert outcome.export_id and outcome.exported_at == "2026-05-14T09:30:00Z"
    assert [(row.segment_id, row.new_target, row.new_status) for row in outcome.report.applied] == [
        (first.id, "Click <g1>Save</g1> to record it.", Status.REVIEWED),
        (second.id, TARGETS[1], Status.TRANSLATED),
    ]
    assert outcome.report.conflicts == [] and outcome.report.unchanged == 2
    with project.read() as session:
        segment = session.get(Segment, first.id)
        assert (segment.target, Status(segment.status), segment.updated_by) == (
            "Click <g1>Save</g1> to record it.",
            Status.REVIEWED,
            "rev",
        )
        revisions = session.query(Revision).filter_by(segment_id=first.id, user="rev").all()
        assert [(r.field, r.new) for r in revisions][:1] == [
            ("target", "Click <g1>Save</g1> to record it.")
        ]
        assert [r.new for r in revisions if r.field == "status"][-1] == "reviewed"
        comments = session.query(Comment).filter_by(segment_id=second.id).all()
        assert [(c.user, c.text) for c in comments] == [
            ("rev", "Nên viết «the 2025 annual report»")
        ]
    # The same file again changes nothing: its comment is already there.
    again = _import(project, _edit(_export(project), lambda table: None))
    assert again.report.applied == [] and again.report.conflicts == []


def test_a_translator_confirms_and_draft_keeps_a_draft(project: Database) -> None:
    first, second, *_ = _segments(project)

    def edit(table: docx.table.Table) -> None:
        _row(table, 0).cells[2].text = "Click <1>Save</1>."

    by_translator = _import(project, _edit(_export(project), edit), user="tran")
    assert by_translator.report.applied[0].new_status == Status.TRANSLATED

    def edit_second(table: docx.table.Table) -> None:
        _row(table, 1).cells[2].text = "The report for 2025 is done."

    drafted = _import(project, _edit(_export(project), edit_second), as_draft=True)
    assert drafted.report.applied[0].new_status == Status.DRAFT
    assert drafted.report.applied[0].segment_id == second.id


def test_a_segment_changed_in_songngu_since_the_export_is_a_conflict(project: Database) -> None:
    first, *_ = _segments(project)
    exported = _export(project)
    with project.write() as session:
        edit_target(session, resolve_actor(session, "ed"), first.id, "Press <g1>Save</g1> now.")

    def edit(table: docx.table.Table) -> None:
        _row(table, 0).cells[2].text = "Click <1>Save</1>."

    outcome = _import(project, _edit(exported, edit))
    (conflict,) = outcome.report.conflicts
    assert (conflict.kind, conflict.segment_id) == (ConflictKind.CHANGED_SINCE_EXPORT, first.id)
    assert (conflict.current_target, conflict.file_target) == (
        "Press <g1>Save</g1> now.",
        "Click <g1>Save</g1>.",
    )
    assert outcome.report.applied == []


def test_a_source_changed_by_a_reimport_is_a_conflict_and_the_export_is_older(
    project: Database,
) -> None:
    exported = _export(project)
    with project.write() as session:
        import_document(
            session,
            resolve_actor(session, "admin"),
            get_project(session, "Báo cáo 2026"),
            REPORT.replace("tăng mạnh", "tăng rất mạnh").encode(),
            "bao-cao.md",
        )
    third = _segments(project)[2]

    def edit(table: docx.table.Table) -> None:
        _row(table, 2).cells[2].text = "Revenue rose very sharply."

    outcome = _import(project, _edit(exported, edit))
    assert (ConflictKind.SOURCE_CHANGED, third.id) in _kinds(outcome)
    (older,) = outcome.older
    assert (older.exported_revision, older.current_revision) == (1, 2)


def test_deleted_rows_are_missing(project: Database) -> None:
    fourth = _segments(project)[3]

    def edit(table: docx.table.Table) -> None:
        row = _row(table, 3)._tr
        row.getparent().remove(row)

    outcome = _import(project, _edit(_export(project), edit))
    assert _kinds(outcome) == [(ConflictKind.MISSING, fourth.id)]


def test_an_added_row_is_reported_not_applied(project: Database) -> None:
    second = _segments(project)[1]

    def edit(table: docx.table.Table) -> None:
        added = table.add_row()
        added.cells[0].text = str(second.id)  # typed like a real one, but without its key
        added.cells[2].text = "A translation nobody asked for."

    outcome = _import(project, _edit(_export(project), edit))
    (conflict,) = outcome.report.conflicts
    assert (conflict.kind, conflict.segment_id) == (ConflictKind.ADDED, None)
    assert f"Segment ID {second.id}" in conflict.row
    assert conflict.file_target == "A translation nobody asked for."
    with project.read() as session:
        assert session.get(Segment, second.id).target == TARGETS[1]


def test_a_duplicated_row_is_reported_every_time(project: Database) -> None:
    second = _segments(project)[1]

    def edit(table: docx.table.Table) -> None:
        row = _row(table, 1)._tr
        copied = copy.deepcopy(row)
        row.addnext(copied)
        table.rows[5].cells[2].text = "Another version of the 2025 report."

    outcome = _import(project, _edit(_export(project), edit))
    assert _kinds(outcome) == [
        (ConflictKind.DUPLICATED, second.id),
        (ConflictKind.DUPLICATED, second.id),
    ]


def test_a_moved_row_is_reordered_and_only_it(project: Database) -> None:
    first = _segments(project)[0]

    def edit(table: docx.table.Table) -> None:
        _row(table, 3)._tr.addnext(_row(table, 0)._tr)  # the first row moved to the end
        _row(table, 3).cells[2].text = "Click <1>Save</1>."

    outcome = _import(project, _edit(_export(project), edit))
    assert _kinds(outcome) == [(ConflictKind.REORDERED, first.id)]
    assert outcome.report.conflicts[0].file_target == "Click <g1>Save</g1>."


def test_broken_and_renumbered_tags_are_conflicts(project: Database) -> None:
    first = _segments(project)[0]

    def broken(table: docx.table.Table) -> None:
        _row(table, 0).cells[2].text = "Press <1>Save to record."

    def renumbered(table: docx.table.Table) -> None:
        _row(table, 0).cells[2].text = "Press <2>Save</2> to record."

    assert _kinds(_import(project, _edit(_export(project), broken))) == [
        (ConflictKind.TAGS_BROKEN, first.id)
    ]
    assert _kinds(_import(project, _edit(_export(project), renumbered))) == [
        (ConflictKind.TAGS_RENUMBERED, first.id)
    ]


def test_a_source_edited_in_the_file_is_reported(project: Database) -> None:
    second = _segments(project)[1]

    def edit(table: docx.table.Table) -> None:
        _row(table, 1).cells[1].text = "Báo cáo năm 2026 đã hoàn thành."
        _row(table, 1).cells[2].text = "The 2026 report is complete."

    outcome = _import(project, _edit(_export(project), edit))
    assert _kinds(outcome) == [(ConflictKind.SOURCE_EDITED, second.id)]


def test_a_changed_segment_id_is_a_damaged_row(project: Database) -> None:
    first, second, *_ = _segments(project)

    def edit(table: docx.table.Table) -> None:
        _row(table, 0).cells[0].paragraphs[0].runs[0].text = str(second.id)
        _row(table, 0).cells[2].text = "Click <1>Save</1>."

    outcome = _import(project, _edit(_export(project), edit))
    assert _kinds(outcome) == [(ConflictKind.ROW_DAMAGED, first.id)]


def test_an_approved_segment_is_locked(project: Database) -> None:
    fourth = _segments(project)[3]
    with project.write() as session:
        editor = resolve_actor(session, "ed")
        set_status(session, editor, fourth.id, Status.REVIEWED)
        set_status(session, editor, fourth.id, Status.APPROVED)

    def edit(table: docx.table.Table) -> None:
        _row(table, 3).cells[2].text = "The conference ended at 5 pm."

    outcome = _import(project, _edit(_export(project), edit))
    (conflict,) = outcome.report.conflicts
    assert (conflict.kind, conflict.segment_id) == (ConflictKind.REFUSED, fourth.id)
    assert conflict.error is not None and "approved and locked" in str(conflict.error)


def test_a_word_comment_becomes_a_comment_with_its_author(project: Database) -> None:
    third = _segments(project)[2]
    document = docx.Document(io.BytesIO(_export(project)))
    paragraph = _row(document.tables[0], 2).cells[2].paragraphs[0]
    document.add_comment(paragraph.runs, text="Dùng 'surged'?", author="Mai (USAID)")
    buffer = io.BytesIO()
    document.save(buffer)
    outcome = _import(project, buffer.getvalue())
    assert [(row.segment_id, row.comment) for row in outcome.report.applied] == [
        (third.id, "Mai (USAID): Dùng 'surged'?")
    ]


def test_a_dry_run_reports_the_same_and_stores_nothing(project: Database) -> None:
    first = _segments(project)[0]

    def edit(table: docx.table.Table) -> None:
        _row(table, 0).cells[2].text = "Click <1>Save</1>."
        _row(table, 1).cells[2].text = "Bad <1>tag."

    data = _edit(_export(project), edit)
    dry = _import(project, data, dry_run=True)
    assert dry.dry_run and [row.segment_id for row in dry.report.applied] == [first.id]
    assert [kind for kind, _ in _kinds(dry)] == [ConflictKind.TAGS_BROKEN]
    with project.read() as session:
        assert session.get(Segment, first.id).target == TARGETS[0]
    real = _import(project, data)
    assert [row.segment_id for row in real.report.applied] == [first.id]


def test_another_projects_file_is_refused_whole(project: Database) -> None:
    with project.write() as session:
        admin = resolve_actor(session, "admin")
        other = create_project(session, admin, "Dự án khác")
        import_document(session, admin, other, "Một câu khác.\n".encode(), "khac.txt")
    data = _export(project, "Dự án khác")
    with pytest.raises(InvalidInput) as refused:
        _import(project, data)
    assert refused.value.code == "review.other_project"
    assert "Dự án khác" in str(refused.value) and "\n" not in str(refused.value)


def test_a_file_of_a_removed_document_is_refused_whole(project: Database) -> None:
    data = _export(project)
    with project.write() as session:
        found = get_project(session, "Báo cáo 2026")
        for document in list(found.documents):
            session.delete(document)
        import_document(session, resolve_actor(session, "admin"), found, b"Mot.\n", "moi.txt")
    with pytest.raises(InvalidInput) as refused:
        _import(project, data)
    assert refused.value.code == "review.document_not_in_project"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "bilingual_docx.empty"),
        (b"PK\x03\x04 not really", "bilingual_docx.damaged"),
        (b"<html>a web page</html>", "bilingual_docx.damaged"),
    ],
)
def test_unreadable_files_apply_nothing(project: Database, data: bytes, code: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        _import(project, data)
    assert refused.value.code == code


def _padded(data: bytes, padding: bytes) -> bytes:
    """The file with a comment before document.xml's root: read the same, inflates more."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    document = parts["word/document.xml"]
    root = document.index(b"<w:document")
    parts["word/document.xml"] = document[:root] + b"<!--" + padding + b"-->" + document[root:]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_the_intake_zip_ratio_setting_guards_the_review_import(
    project: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    edited = _edit(
        _export(project), lambda t: setattr(_row(t, 1).cells[2], "text", "The 2025 report is done.")
    )
    # about 400 KiB of numbers: inflates a few times its size, as text does
    padded = _padded(edited, " ".join(str(n * 7919 % 100_003) for n in range(70_000)).encode())
    monkeypatch.setenv("SONGNGU_MAX_ZIP_RATIO", "2")
    with pytest.raises(InvalidInput) as refused:
        _import(project, padded)
    assert refused.value.code == "bilingual_docx.zip_bomb"
    assert [segment.target for segment in _segments(project)] == TARGETS
    monkeypatch.delenv("SONGNGU_MAX_ZIP_RATIO")
    applied = _import(project, padded).report.applied
    assert [row.new_target for row in applied] == ["The 2025 report is done."]


def test_a_cut_file_and_a_plain_docx_apply_nothing(project: Database) -> None:
    edited = _edit(_export(project), lambda t: setattr(_row(t, 0).cells[2], "text", "Hi."))
    with pytest.raises(InvalidInput):
        _import(project, edited[: len(edited) * 2 // 3])
    plain = docx.Document()
    plain.add_paragraph("Not a review table.")
    buffer = io.BytesIO()
    plain.save(buffer)
    with pytest.raises(InvalidInput) as refused:
        _import(project, buffer.getvalue())
    assert refused.value.code == "bilingual_docx.not_review_file"
    assert [segment.target for segment in _segments(project)] == TARGETS


def test_a_user_who_may_not_edit_is_refused(project: Database, monkeypatch) -> None:  # noqa: ANN001
    from workflow import permissions
    from workflow.permissions import Action, Role

    reduced = dict(permissions.PERMISSIONS)
    reduced[Role.TRANSLATOR] = frozenset(reduced[Role.TRANSLATOR] - {Action.EDIT})
    monkeypatch.setattr(permissions, "PERMISSIONS", reduced)
    with pytest.raises(PermissionDenied):
        _import(project, _export(project), user="tran")


def test_out_of_order_keeps_the_longest_run() -> None:
    assert out_of_order([1, 2, 3, 4]) == set()
    assert out_of_order([2, 3, 4, 1]) == {3}
    assert out_of_order([1, 4, 2, 3]) == {1}
    assert out_of_order([None, 2, 1, None]) in ({1}, {2})
    assert out_of_order([]) == set()


def test_an_applied_review_file_is_in_the_audit_log_and_a_dry_run_is_not(
    project: Database,
) -> None:
    from workflow.audit import AuditAction, AuditFilter, list_events
    from workflow.users import OPERATOR

    def edit(table: docx.table.Table) -> None:
        _row(table, 0).cells[2].text = "Click <1>Save</1> to record it."

    data = _edit(_export(project), edit)
    _import(project, data, dry_run=True)
    outcome = _import(project, data)
    with project.read() as session:
        events = list_events(session, OPERATOR, AuditFilter(action=AuditAction.REVIEW_IMPORT))
        found = get_project(session, "Báo cáo 2026")
    assert [(e.actor, e.project_id, e.object_id) for e in events] == [
        ("rev", found.id, outcome.export_id)
    ]
    assert events[0].detail.startswith("bao-cao-review.docx: 1 applied, 0 conflicts")
