"""BlockRef: the one reader and writer of a segment's stored reference."""

from __future__ import annotations

import pytest

from primitives.block_ref import BlockRef

# Pure code: SQLite half only (tests/conftest.py).
pytestmark = pytest.mark.database_free


def test_dump_and_parse_round_trip() -> None:
    ref = BlockRef("word/document.xml#p12", "paragraph", 4, 30, " ")
    stored = ref.dump()
    assert BlockRef.parse(stored) == ref
    assert '"block": "word/document.xml#p12"' in stored


def test_empty_space_after_is_kept_and_an_empty_reference_stores_nothing() -> None:
    assert BlockRef.parse(BlockRef(space_after="").dump()).space_after == ""
    assert BlockRef().dump() == ""
    assert BlockRef.parse("") == BlockRef()


@pytest.mark.parametrize(
    "stored", ["not json", "[1, 2]", '"text"', '{"start": "4", "end": true, "kind": 3}']
)
def test_unreadable_references_say_nothing(stored: str) -> None:
    ref = BlockRef.parse(stored)
    assert (ref.kind, ref.start, ref.end, ref.span) == ("", None, None, None)


def test_span_is_given_only_when_sane() -> None:
    assert BlockRef(start=2, end=9).span == (2, 9)
    assert BlockRef(start=9, end=2).span is None
    assert BlockRef(start=-1, end=2).span is None
    assert BlockRef(start=2).span is None
    moved = BlockRef("line:3", "paragraph", 0, 5).with_span(6, 11).with_space_after("  ")
    assert (moved.block, moved.span, moved.space_after) == ("line:3", (6, 11), "  ")
