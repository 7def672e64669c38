"""The segmentation preview gives exactly the segments an import stores."""

from __future__ import annotations

import json

from workflow.import_preview import preview_segmentation
from workflow.importing import import_document
from workflow.projects import create_project, get_project
from workflow.segments import list_segments
from workflow.storage import Database
from workflow.users import resolve_actor

# One Markdown paragraph (three sentences, formatting codes, a double space before the
# third) and a second paragraph.
MARKDOWN = "**Đậm một.** Hai câu [liên kết](http://x.y) ba.  Bốn *câu* nữa.\n\nĐoạn hai. Cuối.\n"


def _import(db: Database, data: str, name: str) -> int:
    with db.write() as session:
        actor = resolve_actor(session, "admin")
        project = create_project(session, actor, "P")
        import_document(session, actor, project, data.encode("utf-8"), name)
        return project.id


def test_preview_matches_what_an_import_stores(sqlite_db: Database) -> None:
    preview = preview_segmentation(MARKDOWN.encode("utf-8"), "doc.md")
    project_id = _import(sqlite_db, MARKDOWN, "doc.md")
    with sqlite_db.read() as session:
        stored = list_segments(session, get_project(session, project_id))
        assert [s.source for s in stored] == [p.text for p in preview.sentences]
        assert [s.block for s in stored] == [p.paragraph for p in preview.sentences]
        for segment, sentence in zip(stored, preview.sentences, strict=True):
            ref = json.loads(segment.ref)
            assert (ref["start"], ref["end"]) == (sentence.start, sentence.end)
    assert preview.paragraphs == 2 and preview.format == "md"
