"""Boundary precision/recall on the hand-written Vietnamese gold set (F1 must stay >= 0.98)."""

from __future__ import annotations

import re

from songngu_testing.segmentation_gold import gold_files, load_gold

from workflow.vietnamese.segmenter import split_spans

# Places where a naive splitter would cut: end punctuation before a space, a code or a capital.
_PUNCTUATION_SITE_RE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s|<x\d+/>|</g\d+>|$)")


def test_gold_set_is_large_and_covers_non_boundaries() -> None:
    paragraphs = load_gold()
    boundaries = sum(len(p.starts) for p in paragraphs)
    punctuation_sites = sum(len(_PUNCTUATION_SITE_RE.findall(p.text)) for p in paragraphs)
    assert len(gold_files()) >= 5
    assert boundaries >= 300
    # Every dot in PGS.TS., TP., v.v., 1.000 … that is not a boundary is a trap for the splitter.
    assert sum(p.text.count(".") for p in paragraphs) - boundaries >= 400
    assert punctuation_sites - boundaries >= 250


def test_boundary_f1_on_gold_set_is_at_least_098() -> None:
    true_positive = false_positive = false_negative = 0
    errors: list[str] = []
    for paragraph in load_gold():
        text, gold = paragraph.text, paragraph.starts
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
    for text in (paragraph.text for paragraph in load_gold()):
        spans = split_spans(text)
        assert spans, text
        edges = [0] + [offset for span in spans for offset in span] + [len(text)]
        assert edges == sorted(edges), text
        assert all(start < end for start, end in spans), text
        outside = [text[edges[i] : edges[i + 1]] for i in range(0, len(edges), 2)]
        assert all(gap.strip() == "" for gap in outside), text
