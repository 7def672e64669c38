"""What an import would make of a file: its segments, repairs and warnings, stored nowhere.

It reads and segments exactly as ``workflow.importing`` does (same reader, same
``segment_blocks``), so a project's rules can be tried on a file before importing it.
"""

from __future__ import annotations

from dataclasses import dataclass

from primitives.block_ref import BlockRef
from workflow.importing import segment_blocks
from workflow.intake import read_source
from workflow.vietnamese.segmentation_rules import SegmentationRules


@dataclass(frozen=True)
class PreviewSentence:
    """One segment an import would create."""

    paragraph: int  # 0-based index of the source block (for .txt: of the lines with text)
    block_ref: str  # where the block is in the file: "line:3", "word/document.xml#p12", …
    kind: str
    start: int  # span in the block's text
    end: int
    text: str


@dataclass(frozen=True)
class SegmentationPreview:
    format: str
    paragraphs: int
    sentences: list[PreviewSentence]
    repair_lines: list[str]
    warnings: list[str]


def preview_segmentation(
    data: bytes, filename: str, rules: SegmentationRules | None = None
) -> SegmentationPreview:
    """Read and segment a file exactly as an import would, without storing anything."""
    document = read_source(data, filename)
    sentences = []
    for draft in segment_blocks(document.blocks, rules or SegmentationRules.default()):
        ref = BlockRef.parse(draft.ref)
        sentences.append(
            PreviewSentence(
                paragraph=draft.block,
                block_ref=ref.block,
                kind=ref.kind,
                start=ref.start or 0,
                end=len(draft.source) if ref.end is None else ref.end,
                text=draft.source,
            )
        )
    return SegmentationPreview(
        format=document.format,
        paragraphs=len(document.blocks),
        sentences=sentences,
        repair_lines=list(document.repair_lines),
        warnings=list(document.warnings),
    )
