"""Tooling the tests and benchmarks share (import as `from songngu_testing import ...`).

Never installed with songngu: tests find it through pytest's pythonpath, benchmarks through
benchmarks/__init__.py. Modules: projects (seeded databases), users (accounts), synthetic (random-weight MT
packages), docx_builder (DOCX files part by part), segmentation_gold (the gold set), jobs
(job kinds for runner tests).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from songngu_testing.projects import seed_project
from songngu_testing.users import ADMIN, TEST_PASSWORD, add_users

TESTS_DIR = Path(__file__).resolve().parents[1]
REPO = TESTS_DIR.parent
SONGNGU = str(REPO / ".venv" / "bin" / "songngu")
# ../shared beside the checkout (CI lays it there too), unless told otherwise.
SHARED = Path(os.environ.get("SONGNGU_SHARED_DIR", REPO.parent / "shared"))
SCHEMAS_DIR = Path(os.environ.get("SONGNGU_SCHEMAS_DIR", SHARED / "schemas"))
CORPUS = SHARED / "corpora" / "tatoeba-vi-en.tsv"  # Tatoeba via manythings.org, CC-BY 2.0 FR

__all__ = [
    "ADMIN",
    "CORPUS",
    "REPO",
    "SCHEMAS_DIR",
    "SHARED",
    "SONGNGU",
    "TESTS_DIR",
    "TEST_PASSWORD",
    "add_users",
    "run_cli",
    "seed_project",
]


def run_cli(
    *args: str, env: dict[str, str] | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed songngu command as a user would."""
    return subprocess.run(
        [SONGNGU, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        input=input,
        timeout=120,
    )
