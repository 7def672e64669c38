"""After writing: each part's segments and words, as a reader finds them, against the store.

The target DOCX is read again with the intake's reader (:class:`exporters.docx.reader.
DocxReader`), and every paragraph the export wrote is compared with what it was meant to
hold: a segment is found when its text (as written: tags, tabs and breaks out, characters
XML forbids dropped, spaces collapsed) appears in its paragraph in order; the words of the
paragraphs are counted on both sides. A part where either count differs is a mismatch,
reported instead of shipping a silently short file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from exporters.docx.reader import ReadParagraph
from primitives.inline import plain

# What a reader never finds as text: characters written as tabs and breaks (read back as
# codes) or dropped because XML forbids them.
_NOT_READ_AS_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\t\n\r\ufffe\uffff\ud800-\udfff]")

NO_PARAGRAPH = "(no paragraph)"  # the part of segments whose reference names no DOCX paragraph


def written_text(tagged: str) -> str:
    """The text of tagged text as a reader of the written file finds it, spaces collapsed."""
    return " ".join(_NOT_READ_AS_TEXT.sub("", plain(tagged)).split())


@dataclass(frozen=True)
class PartCount:
    """One part's segments and words: expected (the store) and found (the written file)."""

    part: str
    segments_expected: int
    segments_found: int
    words_expected: int
    words_found: int

    @property
    def matches(self) -> bool:
        return (
            self.segments_expected == self.segments_found
            and self.words_expected == self.words_found
        )

    def describe(self) -> str:
        return (
            f"{self.part}: {self.segments_found:,} of {self.segments_expected:,} segments, "
            f"{self.words_found:,} of {self.words_expected:,} words"
        )


@dataclass
class ExpectedParagraph:
    """What one paragraph was written with: its segments' texts and the gaps between them."""

    segments: list[str]
    text: str  # the whole paragraph, as written_text gives it


def count_parts(
    expected: Mapping[str, Mapping[int, ExpectedParagraph]],
    written: Iterable[ReadParagraph],
) -> list[PartCount]:
    """The counts of every part that was written into, in the order of ``expected``."""
    found: dict[str, dict[int, str]] = {}
    for paragraph in written:
        if paragraph.part in expected and paragraph.index in expected[paragraph.part]:
            found.setdefault(paragraph.part, {})[paragraph.index] = written_text(paragraph.text)
    counts = []
    for part, paragraphs in expected.items():
        segments_expected = segments_found = words_expected = words_found = 0
        for index, wanted in paragraphs.items():
            text = found.get(part, {}).get(index)
            segments_expected += len(wanted.segments)
            words_expected += len(wanted.text.split())
            if text is None:
                continue
            words_found += len(text.split())
            segments_found += _segments_in(wanted.segments, text)
        counts.append(
            PartCount(part, segments_expected, segments_found, words_expected, words_found)
        )
    return counts


def _segments_in(segments: list[str], text: str) -> int:
    """How many of the segments' texts appear in text, in order, without overlapping."""
    found = 0
    cursor = 0
    for segment in segments:
        position = text.find(segment, cursor)
        if position < 0:
            continue
        found += 1
        cursor = position + len(segment)
    return found
