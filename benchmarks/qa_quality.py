"""QA quality: false positives per 100 correct pairs and recall of injected errors.

    .venv/bin/python -m benchmarks.qa_quality

Prints Markdown tables for BENCHMARKS.md: findings per 100 correct pairs by check and
severity for the news tuning set, the held-out set and Tatoeba, then recall by injected
kind on each. The measurement itself is tests/songngu_testing/qa_quality.py, which the
tests assert on.
"""

from __future__ import annotations

import time

from songngu_testing import CORPUS
from songngu_testing.qa_quality import (
    NEWS_HELDOUT,
    NEWS_TUNING,
    false_positives,
    read_pairs,
    recall,
)

import benchmarks  # noqa: F401  (puts tests/ on the import path)
from workflow.qa.model import Severity

SETS = (
    ("news, tuning", NEWS_TUNING),
    ("news, held-out", NEWS_HELDOUT),
    ("Tatoeba", CORPUS),
)


def _false_positive_tables() -> None:
    print("| set | pairs | errors / 100 | warnings / 100 | info / 100 | findings by check |")
    print("|---|---:|---:|---:|---:|---|")
    for label, path in SETS:
        result = false_positives(read_pairs(path))
        by_check = ", ".join(
            f"{check} ({severity}) {count}"
            for (check, severity), count in result.by_check.most_common()
        )
        print(
            f"| {label} | {result.pairs:,} | {result.per_100(Severity.ERROR):.2f} | "
            f"{result.per_100(Severity.WARNING):.2f} | {result.per_100(Severity.INFO):.2f} | "
            f"{by_check or 'none'} |"
        )


def _recall_tables() -> None:
    measured = {label: recall(read_pairs(path)) for label, path in SETS}
    labels = [label for label, _ in SETS]
    print("| injected error | " + " | ".join(labels) + " | checks that caught it (news) |")
    print("|---|" + "---:|" * len(labels) + "---|")
    for kind in measured[labels[0]]:
        cells = []
        for label in labels:
            result = measured[label][kind]
            cells.append(
                f"{result.caught}/{result.injected} ({result.rate:.1%})" if result.injected else "—"
            )
        news = measured[labels[0]][kind].by_check + measured[labels[1]][kind].by_check
        caught_by = ", ".join(f"{check} {n}" for check, n in news.most_common(3))
        print(f"| {kind} | " + " | ".join(cells) + f" | {caught_by} |")
    for label in labels:
        for kind, result in measured[label].items():
            for source, target in result.missed[:3]:
                print(f"- missed ({label}, {kind}): {source[:80]!r} → {target[:80]!r}")


def main() -> None:
    started = time.process_time()
    _false_positive_tables()
    print()
    _recall_tables()
    print(f"\n({time.process_time() - started:.1f} s CPU)")


if __name__ == "__main__":
    main()
