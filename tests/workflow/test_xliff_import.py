"""XLIFF import: a round trip of songngu's export (edited as OmegaT and Trados would) with
each conflict kind, other tools' files as new documents, dry runs and bad files."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from songngu_testing import add_users
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "exporters"))
from xliff_fixtures import MEMOQ, TRADOS_SDLXLIFF  # noqa: E402

from exporters.registry import get_format  # noqa: E402
from primitives.errors import InvalidInput  # noqa: E402
from primitives.statuses import Origin, Status  # noqa: E402
from workflow.importing import import_document, import_file  # noqa: E402
from workflow.models import Comment, Revision, Segment  # noqa: E402
from workflow.projects import create_project, get_project  # noqa: E402
from workflow.segments import edit_target, list_segments, set_status  # noqa: E402
from workflow.storage import Database  # noqa: E402
from workflow.stores import document_store  # noqa: E402
from workflow.target_updates import ConflictKind  # noqa: E402
from workflow.users import resolve_actor  # noqa: E402
from workflow.xliff_import import XliffImportOutcome  # noqa: E402

REPORT = "Báo cáo **năm** 2025.\n\nDoanh thu tăng.\n\nChi phí giảm.\n\nKết luận.\n\nPhụ lục.\n"


@pytest.fixture
def exported(sqlite_db: Database) -> Database:
    """Project P with one document of five segments, the first two translated."""
    add_users(sqlite_db)
    with sqlite_db.write() as session:
        admin = resolve_actor(session, "admin")
        project = create_project(session, admin, "P")
        import_document(session, admin, project, REPORT.encode(), "bao-cao.md")
        first, second, *_ = list_segments(session, project)
        edit_target(session, admin, first.id, "Report for <g1>year</g1> 2025.")
        set_status(session, admin, first.id, Status.TRANSLATED)
        edit_target(session, admin, second.id, "Revenue rose.")
    return sqlite_db


def _export(database: Database, name: str) -> str:
    with database.read() as session:
        document = get_project(session, "P").documents[0]
        return get_format(name).write(document_store(session, document.id)).decode()


def _import(
    database: Database, text: str, *, user: str = "admin", dry_run: bool = False
) -> XliffImportOutcome:
    with database.write() as session:
        actor = resolve_actor(session, user)
        outcome = import_file(
            session, actor, get_project(session, "P"), text.encode(), "edited.xlf", dry_run=dry_run
        )
    assert isinstance(outcome, XliffImportOutcome)
    return outcome


def _segments(database: Database) -> list[Segment]:
    with database.read() as session:
        return list_segments(session, get_project(session, "P"))


def test_omegat_edits_of_an_xliff12_export_come_back(exported: Database) -> None:
    ids = [segment.id for segment in _segments(exported)]
    text = _export(exported, "xliff12")
    # OmegaT: a target rewritten and confirmed, an untranslated one filled, a note added.
    text = text.replace("Revenue rose.", "Revenue increased.")
    text = text.replace(
        '<target state="new"/>',
        '<target state="translated">Costs fell.</target><note from="OmegaT">kiểm tra số</note>',
        1,
    )
    (document,) = _import(exported, text).documents
    assert document.round_trip
    report = document.report
    assert sorted(row.segment_id for row in report.applied) == ids[1:3]
    assert report.conflicts == [] and report.unchanged == 3
    after = _segments(exported)
    assert (after[1].target, Status(after[1].status)) == ("Revenue increased.", Status.DRAFT)
    assert (after[2].target, Status(after[2].status)) == ("Costs fell.", Status.TRANSLATED)
    assert Origin(after[2].origin) == Origin.HUMAN
    with exported.read() as session:
        comments = session.scalars(select(Comment.text).where(Comment.segment_id == ids[2]))
        assert list(comments) == ["kiểm tra số"]
        assert session.scalar(
            select(Revision).where(Revision.segment_id == ids[2], Revision.field == "target")
        )
    # The same file again: nothing new to apply, not a conflict.
    again = _import(exported, text).documents[0].report
    assert again.applied == [] and again.unchanged == 5
    assert again.count(ConflictKind.CHANGED_SINCE_EXPORT) == 0


def test_trados_state_changes_of_an_xliff21_export_follow_the_role(exported: Database) -> None:
    text = _export(exported, "xliff21")
    # Trados signs off the translated segment and confirms the draft.
    text = text.replace('state="translated" subState="songngu:translated"', 'state="final"', 1)
    text = text.replace('state="initial" subState="songngu:draft"', 'state="translated"', 1)
    report = _import(exported, text, user="tran").documents[0].report
    (refused,) = report.conflicts
    assert refused.kind is ConflictKind.REFUSED and "may not review" in refused.detail
    (confirmed,) = report.applied
    assert confirmed.new_status == Status.TRANSLATED
    statuses = [Status(segment.status) for segment in _segments(exported)]
    assert statuses[:2] == [Status.TRANSLATED, Status.TRANSLATED]
    report = (
        _import(
            exported,
            _export(exported, "xliff21").replace(
                'state="translated" subState="songngu:translated"', 'state="final"'
            ),
            user="ed",
        )
        .documents[0]
        .report
    )
    assert [row.new_status for row in report.applied] == [Status.APPROVED, Status.APPROVED]


def test_every_conflict_kind_is_reported_and_the_rest_applied(exported: Database) -> None:
    segments = _segments(exported)
    text = _export(exported, "xliff12")
    first, second, third, fourth, fifth = (segment.id for segment in segments)
    with exported.write() as session:
        admin = resolve_actor(session, "admin")
        edit_target(session, admin, first, "Report of <g1>year</g1> 2025.")  # since export
        session.get(Segment, third).source = "Chi phí giảm mạnh."  # the source changed
    by_id = {
        found.group(1): found.group(0)
        for found in re.finditer(r'<trans-unit id="(\d+)".*?</trans-unit>', text, re.DOTALL)
    }

    def unit(segment_id: int) -> str:
        return by_id[str(segment_id)]

    edited = text
    edited = edited.replace(unit(first), unit(first).replace("Report for", "The report for"))
    edited = edited.replace(
        unit(second), unit(second).replace("Revenue rose.", 'Rev <bx id="1"/>rose')
    )
    edited = edited.replace(
        unit(third), unit(third).replace('<target state="new"/>', "<target>Costs.</target>")
    )
    edited = edited.replace(unit(fourth), unit(fourth) + unit(fourth))  # duplicated
    edited = edited.replace(unit(fifth), "")  # missing
    stray = (
        unit(fifth).replace(f'"{fifth}"', '"99999"').replace(f"segment={fifth}", "segment=99999")
    )
    edited = edited.replace(
        "</body>", stray.replace("</trans-unit>", "</trans-unit>\n") + "</body>"
    )
    report = _import(exported, edited).documents[0].report
    kinds = {conflict.kind: conflict for conflict in report.conflicts}
    assert (
        kinds[ConflictKind.CHANGED_SINCE_EXPORT].current_target == "Report of <g1>year</g1> 2025."
    )
    assert (
        kinds[ConflictKind.CHANGED_SINCE_EXPORT].file_target == "The report for <g1>year</g1> 2025."
    )
    assert kinds[ConflictKind.TAGS_BROKEN].segment_id == second
    assert kinds[ConflictKind.SOURCE_CHANGED].segment_id == third
    assert report.count(ConflictKind.DUPLICATED) == 2
    assert kinds[ConflictKind.MISSING].segment_id == fifth
    assert kinds[ConflictKind.ADDED].segment_id == 99999
    assert report.applied == []
    after = {segment.id: segment.target for segment in _segments(exported)}
    assert after[first] == "Report of <g1>year</g1> 2025." and after[second] == "Revenue rose."


def test_renumbered_tags_and_locked_segments_are_not_applied(exported: Database) -> None:
    first, second, *_ = (segment.id for segment in _segments(exported))
    with exported.write() as session:
        editor = resolve_actor(session, "admin")
        set_status(session, editor, first, Status.REVIEWED)
        set_status(session, editor, first, Status.APPROVED)
    text = _export(exported, "xliff12")
    text = text.replace("Report for", "Changed report for").replace(
        "Revenue rose.", 'Revenue <g id="7">rose</g>.'
    )
    report = _import(exported, text).documents[0].report
    kinds = {conflict.kind: conflict for conflict in report.conflicts}
    assert kinds[ConflictKind.REFUSED].segment_id == first
    assert "approved" in kinds[ConflictKind.REFUSED].detail
    assert kinds[ConflictKind.TAGS_RENUMBERED].segment_id == second


def test_dry_run_reports_and_stores_nothing(exported: Database) -> None:
    before = [(s.id, s.target, s.version) for s in _segments(exported)]
    text = _export(exported, "xliff21").replace("Revenue rose.", "Revenue grew.")
    report = _import(exported, text, dry_run=True).documents[0].report
    assert [row.new_target for row in report.applied] == ["Revenue grew."]
    assert [(s.id, s.target, s.version) for s in _segments(exported)] == before


def test_a_file_of_another_project_or_unreadable_stores_nothing(exported: Database) -> None:
    before = [(s.id, s.target, s.version) for s in _segments(exported)]
    text = _export(exported, "xliff12")
    other = text.replace("project=P;", "project=Q;")
    with pytest.raises(InvalidInput) as caught:
        _import(exported, other.replace("Revenue rose.", "X"))
    assert caught.value.code == "xliff.other_project"
    with pytest.raises(InvalidInput):
        _import(exported, text.replace("Revenue rose.", "X")[: len(text) // 2])
    assert [(s.id, s.target, s.version) for s in _segments(exported)] == before


def test_other_tools_files_become_documents_with_states_the_role_allows(
    exported: Database,
) -> None:
    outcome = _import(exported, MEMOQ, user="tran")
    (document,) = outcome.documents
    assert not document.round_trip and document.title == "bao-cao-memoq"
    with exported.read() as session:
        segments = list(
            session.scalars(
                select(Segment)
                .where(Segment.document_id == document.document_id)
                .order_by(Segment.position)
            )
        )
    assert [Status(s.status) for s in segments] == [
        Status.TRANSLATED,
        Status.DRAFT,
        Status.DRAFT,
        Status.TRANSLATED,  # Proofread, but a translator may not review or approve
        Status.NEW,
    ]
    assert [Origin(s.origin) for s in segments[1:3]] == [Origin.TM, Origin.MT]
    assert segments[1].source == "Ủy ban nhân dân <g1>tỉnh</g1>."
    trados = _import(exported, TRADOS_SDLXLIFF).documents[0]
    assert trados.stored is not None and trados.stored.segments == 3
    assert [row.new_status for row in trados.report.applied] == [
        Status.REVIEWED,
        Status.DRAFT,
        Status.DRAFT,  # rejected, but it was never confirmed here: a draft to redo
    ]
