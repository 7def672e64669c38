"""Precision and recall of what MT keeps fixed, on the hand-written gold set.

Usage: python -m benchmarks.protection_accuracy [--show-errors]

Each sentence of tests/workflow/data/protection_gold_*.txt is analysed by
workflow.protect with the shipped glossaries, the sentence's document date and partner
style. A predicted span counts when a gold span has exactly its offsets; a counted span
whose English differs from the gold's is a wrong replacement. Reported per part (tuning,
held-out) and per kind.
"""

from __future__ import annotations

import argparse
import time

from songngu_testing.protection_gold import Score, load_gold, score

from workflow.glossary import TermMatcher, load_default_glossary
from workflow.protect import KINDS, Protector, report


def table(name: str, result: Score) -> list[str]:
    lines = [
        f"{name}: precision {result.precision():.4f}, recall {result.recall():.4f}, "
        f"{sum(result.gold.values())} gold spans, {sum(result.predicted.values())} predicted, "
        f"{sum(result.wrong.values())} wrong replacements "
        f"({result.wrong['place']} of places)",
        "| kind | gold | predicted | precision | recall | wrong replacements |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for kind in KINDS:
        if result.gold[kind] or result.predicted[kind]:
            lines.append(
                f"| {kind} | {result.gold[kind]} | {result.predicted[kind]} | "
                f"{result.precision(kind):.4f} | {result.recall(kind):.4f} | {result.wrong[kind]} |"
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-errors", action="store_true", help="List every miss and extra.")
    args = parser.parse_args()
    matcher = TermMatcher(load_default_glossary())
    for part in ("tuning", "heldout"):
        sentences = load_gold(part)
        started = time.perf_counter()
        result = score(sentences, matcher)
        seconds = time.perf_counter() - started
        print(f"\n{part}: {len(sentences)} sentences, {seconds:.2f} s")
        print("\n".join(table(part, result)))
        if args.show_errors:
            print("\n".join(f"  {error}" for error in result.errors))
    everything = load_gold("tuning") + load_gold("heldout")
    protector = Protector(matcher)
    # CPU time of this process: on a shared machine wall time measures the neighbours.
    started = time.process_time()
    passes = 10
    for _ in range(passes):
        for sentence in everything:
            report(protector, sentence.text)
    seconds = time.process_time() - started
    count = passes * len(everything)
    print(
        f"\nspeed: {count} sentences in {seconds:.2f} CPU s, {count / seconds:,.0f} per CPU second"
    )


if __name__ == "__main__":
    main()
