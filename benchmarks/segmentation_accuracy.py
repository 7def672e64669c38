"""Sentence segmentation: accuracy on the hand-written gold set, Tatoeba sanity run, speed.

Scores boundary precision/recall/F1 of ``workflow.vietnamese.segmenter`` on the gold files
``tests/workflow/vietnamese/data/segmentation_gold_*.txt`` (Vietnamese written for songngu;
``||`` marks a boundary) and, in the same run, of a naive splitter (end punctuation, space,
capital letter: what a user would write first). Then splits the Vietnamese column of the
Tatoeba pairs (CC-BY 2.0 FR, Tatoeba/manythings) and times 10,000 gold paragraphs. Run:

    .venv/bin/python -m benchmarks.segmentation_accuracy [--show-errors]
"""

from __future__ import annotations

import argparse
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from songngu_testing.segmentation_gold import GoldParagraph, load_gold

from benchmarks import CORPUS
from workflow.vietnamese.segmenter import split_spans

_NAIVE_BOUNDARY_RE = re.compile(r"[.!?…]+[\"”’)]*\s+(?=[\"“(]?[^\W\d_])")


@dataclass(frozen=True)
class Score:
    true_positive: int
    false_positive: int
    false_negative: int
    errors: tuple[str, ...]

    @property
    def precision(self) -> float:
        return self.true_positive / max(1, self.true_positive + self.false_positive)

    @property
    def recall(self) -> float:
        return self.true_positive / max(1, self.true_positive + self.false_negative)

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def naive_starts(text: str) -> set[int]:
    """Baseline: a boundary after . ! ? … (and a closing quote) + space + capital letter."""
    return {
        match.end() for match in _NAIVE_BOUNDARY_RE.finditer(text) if _capital_at(text, match.end())
    }


def _capital_at(text: str, index: int) -> bool:
    while index < len(text) and text[index] in '"“(':
        index += 1
    return index < len(text) and text[index].isupper()


def songngu_starts(text: str) -> set[int]:
    return {start for start, _ in split_spans(text)[1:]}


def score(paragraphs: list[GoldParagraph], starts_of: Callable[[str], set[int]]) -> Score:
    true_positive = false_positive = false_negative = 0
    errors: list[str] = []
    for paragraph in paragraphs:
        predicted = starts_of(paragraph.text)
        gold = set(paragraph.starts)
        true_positive += len(gold & predicted)
        false_positive += len(predicted - gold)
        false_negative += len(gold - predicted)
        text = paragraph.text
        errors += [f"extra  …{text[max(0, s - 40) : s + 20]}…" for s in sorted(predicted - gold)]
        errors += [f"missed …{text[max(0, s - 40) : s + 20]}…" for s in sorted(gold - predicted)]
    return Score(true_positive, false_positive, false_negative, tuple(errors))


def tatoeba_split_counts() -> tuple[int, int, int]:
    """(lines, lines split into 2+ sentences, sentences) for the Vietnamese column."""
    lines = [row.split("\t", 1)[0] for row in CORPUS.read_text(encoding="utf-8").splitlines()]
    sentence_counts = [len(split_spans(line)) for line in lines if line.strip()]
    return len(sentence_counts), sum(1 for n in sentence_counts if n > 1), sum(sentence_counts)


def time_paragraphs(paragraphs: list[str], count: int) -> float:
    """Seconds to split `count` paragraphs (cycling through the given ones)."""
    batch = [paragraphs[i % len(paragraphs)] for i in range(count)]
    split_spans(batch[0])
    start = time.perf_counter()
    for text in batch:
        split_spans(text)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-errors", action="store_true", help="print each wrong boundary")
    args = parser.parse_args()

    gold = load_gold()
    boundaries = sum(len(p.starts) for p in gold)
    dots = sum(p.text.count(".") for p in gold)
    print(f"cores (os.cpu_count): {os.cpu_count()}")
    print(
        f"gold: {len(gold)} paragraphs, {boundaries} boundaries, "
        f"{dots - boundaries} non-boundary dots (of {dots})"
    )
    for name, starts_of in (("songngu", songngu_starts), ("naive", naive_starts)):
        result = score(gold, starts_of)
        print(
            f"{name:8s} P={result.precision:.4f} R={result.recall:.4f} F1={result.f1:.4f} "
            f"(tp={result.true_positive} fp={result.false_positive} fn={result.false_negative})"
        )
        if args.show_errors:
            for error in result.errors:
                print(f"    {error}")
    for source in sorted({p.source for p in gold}):
        part = [p for p in gold if p.source == source]
        result = score(part, songngu_starts)
        print(
            f"  {source}: {sum(len(p.starts) for p in part)} boundaries, "
            f"P={result.precision:.4f} R={result.recall:.4f} F1={result.f1:.4f}"
        )
    lines, split_lines, sentences = tatoeba_split_counts()
    print(
        f"tatoeba vi: {lines} lines, {split_lines} split into 2+ sentences, {sentences} sentences"
    )
    texts = [p.text for p in gold]
    chars = sum(len(texts[i % len(texts)]) for i in range(10_000))
    elapsed = time_paragraphs(texts, 10_000)
    print(f"speed: 10,000 gold paragraphs ({chars:,} chars) in {elapsed:.3f} s")


if __name__ == "__main__":
    main()
