"""Measured quality (issue 10): false positives on correct pairs, recall on injected errors.

Targets: at most 2 error-severity and 10 warning-severity findings per 100 correct pairs,
and at least 95% of the copies with an injected error flagged as an error or a warning,
for every kind. The figures are in BENCHMARKS.md (`python -m benchmarks.qa_quality`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from songngu_testing import CORPUS
from songngu_testing.qa_quality import (
    INJECTORS,
    NEWS_HELDOUT,
    NEWS_TUNING,
    false_positives,
    read_pairs,
    recall,
)

from workflow.qa.model import Severity

MAX_ERRORS_PER_100 = 2.0
MAX_WARNINGS_PER_100 = 10.0
MIN_RECALL = 0.95
# Below this many injected copies a kind's rate says little (Tatoeba has no codes or URLs).
MIN_INJECTED = 20


def test_the_news_gold_set_is_large_enough() -> None:
    tuning, heldout = read_pairs(NEWS_TUNING), read_pairs(NEWS_HELDOUT)
    assert len(tuning) + len(heldout) >= 200 and len(heldout) >= 60
    assert not {source for source, _ in tuning} & {source for source, _ in heldout}


@pytest.mark.parametrize("path", [NEWS_TUNING, NEWS_HELDOUT, CORPUS], ids=lambda p: Path(p).name)
def test_false_positives_per_100_correct_pairs(path: Path) -> None:
    result = false_positives(read_pairs(path))
    assert result.pairs > 50
    assert result.per_100(Severity.ERROR) <= MAX_ERRORS_PER_100, result.by_check
    assert result.per_100(Severity.WARNING) <= MAX_WARNINGS_PER_100, result.by_check


def test_recall_of_injected_errors_on_the_news_pairs() -> None:
    results = recall(read_pairs(NEWS_TUNING) + read_pairs(NEWS_HELDOUT))
    assert set(results) == set(INJECTORS)
    for kind, result in results.items():
        assert result.injected >= 10, f"{kind}: only {result.injected} rows to inject into"
        assert result.rate >= MIN_RECALL, (kind, result.missed[:3])


def test_recall_of_injected_errors_on_tatoeba() -> None:
    results = recall(read_pairs(CORPUS))
    measured = [r for r in results.values() if r.injected >= MIN_INJECTED]
    assert len(measured) >= 6
    for result in measured:
        assert result.rate >= MIN_RECALL, (result.kind, result.missed[:3])
