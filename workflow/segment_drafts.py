"""Segments before they are stored: a source document's blocks cut into sentences."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from primitives.block_ref import BlockRef
from primitives.inline import codes_used
from workflow.intake import SourceBlock
from workflow.segment_flags import intake_flags
from workflow.vietnamese.segmenter import SegmentationRules, split_spans


@dataclass(frozen=True)
class SegmentDraft:
    """A segment before it is stored: which block it came from and where in it."""

    block: int
    ref: str
    source: str
    codes: dict[str, Any]
    notes: tuple[str, ...] = ()  # the source's comments, on the block's first segment
    # The intake's flags (workflow.segment_flags): too long to keep whole, not to translate.
    flags: dict[str, Any] = field(default_factory=dict)


def segment_blocks(
    blocks: list[SourceBlock], rules: SegmentationRules, *, split_limit: int | None = None
) -> Iterator[SegmentDraft]:
    """The blocks' sentences, each flagged when longer than split_limit characters or
    only an image's file name (:func:`workflow.segment_flags.intake_flags`)."""
    for index, block in enumerate(blocks):
        spans = split_spans(block.text, rules)
        for number, (start, end) in enumerate(spans):
            following = spans[number + 1][0] if number + 1 < len(spans) else end
            text = block.text[start:end]
            if not text.strip():
                continue
            codes = codes_used(block.codes, text)
            # space_after: what separates it from the next sentence, so a merge needs no re-read.
            ref = BlockRef(block.ref, block.kind, start, end, block.text[end:following]).dump()
            first_of_block = number == 0
            notes = block.notes if first_of_block else ()
            yield SegmentDraft(index, ref, text, codes, notes, intake_flags(text, split_limit))
