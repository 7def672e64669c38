"""The DOCX layer both sides share: one definition of "paragraph N of part P", whether a
part is streamed (intake) or walked in memory (the target DOCX)."""

from __future__ import annotations

import pytest
from songngu_testing.rich_docx import rich_report

from exporters.docx.container import open_vetted_zip
from exporters.docx.limits import DEFAULT_DOCX_LIMITS
from exporters.docx.names import WN
from exporters.docx.package import DocxPackage
from exporters.docx.reader import DocxReader, paragraph_ref, split_paragraph_ref

# Pure code: SQLite half only (tests/conftest.py).
pytestmark = pytest.mark.database_free


def test_streamed_and_walked_parts_give_the_same_paragraphs_numbered_in_document_order() -> None:
    data = rich_report()
    with open_vetted_zip(data, "r.docx", DEFAULT_DOCX_LIMITS) as archive:
        package = DocxPackage(archive, "r.docx", DEFAULT_DOCX_LIMITS)
        streamed = [
            (p.ref, p.kind, p.text, p.codes.codes) for p in DocxReader(package).paragraphs()
        ]
        reader = DocxReader(package)
        walked = []
        stories = reader.story_parts()
        assert set(stories.values()) == {"body", "header", "footer", "footnote", "endnote"}
        for part, kind in stories.items():
            root = package.parse(part)
            every_paragraph = list(root.iter(WN.p))
            for paragraph in reader.read_part(part, kind, tree=root):
                assert every_paragraph[paragraph.index] is paragraph.element
                walked.append(
                    (paragraph.ref, paragraph.kind, paragraph.text, paragraph.codes.codes)
                )
    assert sorted(walked, key=repr) == sorted(streamed, key=repr)
    # The text box's paragraph is read once (the mc:Choice), its fallback copy counted.
    refs = [ref for ref, *_ in streamed]
    assert "word/document.xml#p14" in refs and "word/document.xml#p15" not in refs


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ("word/document.xml#p12", ("word/document.xml", 12)),
        ("word/footer2.xml#p0", ("word/footer2.xml", 0)),
        ("line:3", None),
        ("lines:4-6#c1", None),
        ("word/document.xml#p", None),
        ("#p3", None),
        ("", None),
    ],
)
def test_paragraph_references_are_read_back_only_when_they_name_a_docx_paragraph(
    block: str, expected: tuple[str, int] | None
) -> None:
    assert split_paragraph_ref(block) == expected
    if expected is not None:
        assert paragraph_ref(*expected) == block
