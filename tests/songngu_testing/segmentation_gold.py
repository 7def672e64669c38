"""The hand-written Vietnamese segmentation gold set (tests/workflow/vietnamese/data/).

Each non-empty line not starting with "#" is one paragraph; "||" marks a sentence boundary.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

GOLD_DIR = Path(__file__).resolve().parents[1] / "workflow" / "vietnamese" / "data"
BOUNDARY_MARK = "||"


@dataclass(frozen=True)
class GoldParagraph:
    source: str  # gold file name
    text: str
    # Offsets where a sentence after the first starts (after the spaces between them).
    starts: frozenset[int]


def gold_files(directory: Path = GOLD_DIR) -> list[Path]:
    return sorted(directory.glob("segmentation_gold_*.txt"))


def load_gold(directory: Path = GOLD_DIR) -> list[GoldParagraph]:
    paragraphs: list[GoldParagraph] = []
    for path in gold_files(directory):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            pieces = line.split(BOUNDARY_MARK)
            text = "".join(pieces)
            starts: set[int] = set()
            offset = 0
            for piece in pieces[:-1]:
                offset += len(piece)
                start = offset
                while start < len(text) and text[start].isspace():
                    start += 1
                starts.add(start)
            paragraphs.append(GoldParagraph(path.name, text, frozenset(starts)))
    return paragraphs
