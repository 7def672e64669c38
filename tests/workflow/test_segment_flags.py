"""The intake's flags: a segment over SONGNGU_SPLIT_SEGMENT_CHARS imported flagged as
needing a split (and cleared once split short enough), image file names marked not to
translate, which MT and QA leave alone and exports write as their source; on both
databases."""

from __future__ import annotations

import pytest

from primitives.errors import InvalidInput
from workflow.exports import ExportRequest, build_export
from workflow.importing import import_document
from workflow.mt import count_plan, plan_translation
from workflow.projects import create_project, get_project
from workflow.qa.context import project_qa
from workflow.segment_flags import (
    DO_NOT_TRANSLATE_FLAG,
    NEEDS_SPLIT_FLAG,
    do_not_translate,
    intake_flags,
    is_image_file_name,
    needs_split,
    split_limit,
)
from workflow.segment_structure import split_segment
from workflow.segments import list_segments
from workflow.storage import Database
from workflow.stores import segment_unit
from workflow.users import resolve_actor

LONG_LINE = "Danh sách đại biểu " + "Nguyễn Văn An, " * 20  # 319 characters, no full stop
SOURCE = f"Báo cáo năm 2025.\n\n{LONG_LINE}\n\nhoan2.jpg\n\nHình 3.PNG\n".encode()


@pytest.mark.parametrize(
    "text", ["hoan2.jpg", "Hình 3.PNG", "anh/so-do_1.webp", " chart.jpeg ", "logo.svg"]
)
def test_image_file_names_are_recognised(text: str) -> None:
    assert is_image_file_name(text)


@pytest.mark.parametrize(
    "text", ["Xem hình hoan2.jpg ở trên.", "hoan2.jpg.", "jpg", "Báo cáo.docx", "Tệp .png"]
)
def test_sentences_that_mention_a_file_are_text(text: str) -> None:
    assert not is_image_file_name(text)


def test_the_limit_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SONGNGU_SPLIT_SEGMENT_CHARS", raising=False)
    assert split_limit() == 2000
    monkeypatch.setenv("SONGNGU_SPLIT_SEGMENT_CHARS", "80")
    assert split_limit() == 80
    assert intake_flags("x" * 81, 80) == {NEEDS_SPLIT_FLAG: {"length": 81, "limit": 80}}
    assert intake_flags("x" * 80, 80) == {}
    for bad in ("0", "-5", "many"):
        monkeypatch.setenv("SONGNGU_SPLIT_SEGMENT_CHARS", bad)
        with pytest.raises(InvalidInput) as refused:
            split_limit()
        assert refused.value.code == "settings.limit_not_whole_number"
        assert "SONGNGU_SPLIT_SEGMENT_CHARS" in str(refused.value)


def test_import_flags_long_segments_and_image_names(
    any_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SONGNGU_SPLIT_SEGMENT_CHARS", "200")
    with any_db.write() as session:
        admin = resolve_actor(session, "admin")
        project = create_project(session, admin, "Cờ", "USAID")
        outcome = import_document(session, admin, project, SOURCE, "bao-cao.txt")
    assert outcome.needs_split == [(1, len(LONG_LINE.strip()))]
    assert outcome.do_not_translate == 2
    with any_db.read() as session:
        segments = list_segments(session, get_project(session, "Cờ"))
    assert [needs_split(s.flags) for s in segments] == [False, True, False, False]
    assert [do_not_translate(s.flags) for s in segments] == [False, False, True, True]
    assert segments[2].flags[DO_NOT_TRANSLATE_FLAG] == {"reason": "image_file_name"}
    long_one = segments[1]
    # Split in the middle: both halves are under the limit, so neither needs a split.
    with any_db.write() as session:
        admin = resolve_actor(session, "admin")
        offset = long_one.source.index("Nguyễn Văn An, " * 10) + len("Nguyễn Văn An, " * 10)
        split_segment(session, admin, long_one.id, offset=offset, expected_version=long_one.version)
    with any_db.read() as session:
        segments = list_segments(session, get_project(session, "Cờ"))
    assert len(segments) == 5
    assert not any(needs_split(s.flags) for s in segments)


def test_a_reimport_flags_a_changed_segment_anew(
    any_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SONGNGU_SPLIT_SEGMENT_CHARS", "200")
    with any_db.write() as session:
        admin = resolve_actor(session, "admin")
        project = create_project(session, admin, "Lại", "USAID")
        import_document(session, admin, project, "Báo cáo năm 2025.\n".encode(), "a.txt")
        again = f"Báo cáo năm 2025 {LONG_LINE}\n".encode()
        outcome = import_document(session, admin, project, again, "a.txt")
    assert outcome.needs_split == [(0, len(f"Báo cáo năm 2025 {LONG_LINE}".strip()))]
    with any_db.read() as session:
        (segment,) = list_segments(session, get_project(session, "Lại"))
    assert needs_split(segment.flags)


def test_do_not_translate_is_honoured_by_mt_qa_and_exports(any_db: Database) -> None:
    with any_db.write() as session:
        admin = resolve_actor(session, "admin")
        project = create_project(session, admin, "Ảnh", "USAID")
        import_document(session, admin, project, SOURCE, "bao-cao.txt")
    with any_db.read() as session:
        project = get_project(session, "Ảnh")
        plan = plan_translation(session, project)
        sent = [segment.source for group in plan.groups for segment in group]
        assert "hoan2.jpg" not in sent and "Hình 3.PNG" not in sent and len(sent) == 2
        assert plan.skipped == {"do_not_translate": 2}
        assert count_plan(session, project) == (2, {"do_not_translate": 2})
        image = list_segments(session, project)[2]
        # QA has nothing to say about a file name, even with no target at all.
        assert project_qa(session, project).check(segment_unit(image), None) == []
        admin = resolve_actor(session, "admin")
        exported = build_export(session, admin, project, ExportRequest("xliff21"))
    xliff = exported.data.decode()
    assert "<target>hoan2.jpg</target>" in xliff and "<target>Hình 3.PNG</target>" in xliff
