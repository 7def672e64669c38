"""Measured runs; figures go to BENCHMARKS.md. Run one with `python -m benchmarks.NAME`."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# ../shared beside the checkout, as CI lays it out, unless SONGNGU_SHARED_DIR says otherwise.
SHARED = Path(os.environ.get("SONGNGU_SHARED_DIR", REPO.parent / "shared"))
CORPUS = SHARED / "corpora" / "tatoeba-vi-en.tsv"  # Tatoeba via manythings.org, CC-BY 2.0 FR
