"""docs/qa-checks.md is generated from the registry and kept current."""

from __future__ import annotations

from songngu_testing import REPO

from workflow.qa.docs import render
from workflow.qa.registry import CHECKS

PAGE = REPO / "docs" / "qa-checks.md"


def test_every_check_is_documented() -> None:
    page = PAGE.read_text("utf-8")
    missing = [
        c.id for c in CHECKS if f"### `{c.id}`" not in page or c.description["en"] not in page
    ]
    assert not missing, (
        f"undocumented checks {missing}: run python -m workflow.qa.docs > docs/qa-checks.md"
    )


def test_the_page_is_up_to_date() -> None:
    assert PAGE.read_text("utf-8") == render(), (
        "run: .venv/bin/python -m workflow.qa.docs > docs/qa-checks.md"
    )
