"""Boundary precision/recall on the hand-written Vietnamese gold set (F1 must stay >= 0.98)."""

from __future__ import annotations

import re
from pathlib import Path

from workflow.vietnamese.segmenter import split_spans

GOLD_DIR = Path(__file__).with_name("data")
GOLD_FILES = sorted(GOLD_DIR.glob("segmentation_gold_*.txt"))
BOUNDARY_MARK = "||"
# Places where a naive splitter would cut: end punctuation before a space, a code or a capital.
_PUNCTUATION_SITE_RE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s|<x\d+/>|</g\d+>|$)")


def _gold_paragraphs() -> list[tuple[str, set[int]]]:
    """(paragraph, offsets where a gold sentence after the first starts) per gold line."""
    paragraphs: list[tuple[str, set[int]]] = []
    for path in GOLD_FILES:
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
            paragraphs.append((text, starts))
    return paragraphs


def test_gold_set_is_large_and_covers_non_boundaries() -> None:
    paragraphs = _gold_paragraphs()
    boundaries = sum(len(starts) for _, starts in paragraphs)
    punctuation_sites = sum(len(_PUNCTUATION_SITE_RE.findall(text)) for text, _ in paragraphs)
    assert len(GOLD_FILES) >= 5
    assert boundaries >= 300
    # Every dot in PGS.TS., TP., v.v., 1.000 … that is not a boundary is a trap for the splitter.
    assert sum(text.count(".") for text, _ in paragraphs) - boundaries >= 400
    assert punctuation_sites - boundaries >= 250


def test_boundary_f1_on_gold_set_is_at_least_098() -> None:
    true_positive = false_positive = false_negative = 0
    errors: list[str] = []
    for text, gold in _gold_paragraphs():
        predicted = {start for start, _ in split_spans(text)[1:]}
        true_positive += len(gold & predicted)
        false_positive += len(predicted - gold)
        false_negative += len(gold - predicted)
        errors.extend(f"extra: {text[max(0, s - 30) : s + 15]!r}" for s in predicted - gold)
        errors.extend(f"missed: {text[max(0, s - 30) : s + 15]!r}" for s in gold - predicted)
    precision = true_positive / (true_positive + false_positive)
    recall = true_positive / (true_positive + false_negative)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.98, f"P={precision:.4f} R={recall:.4f} F1={f1:.4f}\n" + "\n".join(errors)


def test_gold_sentences_rebuild_their_paragraphs() -> None:
    # Guards the spans contract on real-looking text: only whitespace between spans.
    # Ordered, non-empty, non-overlapping spans with only whitespace outside them rebuild
    # the paragraph exactly when joined with the text between them.
    for text, _ in _gold_paragraphs():
        spans = split_spans(text)
        assert spans, text
        edges = [0] + [offset for span in spans for offset in span] + [len(text)]
        assert edges == sorted(edges), text
        assert all(start < end for start, end in spans), text
        outside = [text[edges[i] : edges[i + 1]] for i in range(0, len(edges), 2)]
        assert all(gap.strip() == "" for gap in outside), text
