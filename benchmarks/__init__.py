"""Measured runs; figures go to BENCHMARKS.md. Run one with `python -m benchmarks.NAME`.

Benchmarks use the tests' tooling (tests/songngu_testing: synthetic MT packages, seeded
projects, the segmentation gold set), which is never installed with songngu: tests/ is put
on the import path here, as pytest's pythonpath does for the tests.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TESTS_DIR = REPO / "tests"
if str(TESTS_DIR) not in sys.path:
    sys.path.insert(0, str(TESTS_DIR))
# ../shared beside the checkout, as CI lays it out, unless SONGNGU_SHARED_DIR says otherwise.
SHARED = Path(os.environ.get("SONGNGU_SHARED_DIR", REPO.parent / "shared"))
CORPUS = SHARED / "corpora" / "tatoeba-vi-en.tsv"  # Tatoeba via manythings.org, CC-BY 2.0 FR
