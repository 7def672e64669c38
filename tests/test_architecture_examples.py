"""docs/architecture.md's examples run as written."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _python_blocks(section: str) -> list[str]:
    text = (REPO / "docs" / "architecture.md").read_text("utf-8")
    body = text.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    return [block.split("```", 1)[0] for block in body.split("```python\n")[1:]]


def test_architecture_examples_run() -> None:
    for section in ("Inline codes", "Units and stores", "Formats"):
        blocks = _python_blocks(section)
        assert blocks, section
        for block in blocks:
            exec(compile(block, f"architecture.md: {section}", "exec"), {})


def test_the_sign_in_example_runs(sqlite_db_without_users: object) -> None:
    (block,) = _python_blocks("Who acts: accounts, sign-in and the local operator")
    namespace = {"database": sqlite_db_without_users}
    exec(compile(block, "architecture.md: who acts", "exec"), namespace)
    assert namespace["actor"].name == "lan"
