"""The layers of docs/architecture.md, checked on every import in the code (lazy ones too).

A lower package importing a higher one fails here with the file, the line and the import,
so a shortcut across the layers cannot land unnoticed.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

# Pure code: SQLite half only (tests/conftest.py).
pytestmark = pytest.mark.database_free

REPO = Path(__file__).resolve().parents[1]
SONGNGU_PACKAGES = ("primitives", "translation", "exporters", "workflow", "cli", "ui")

# package -> the songngu packages it may import (itself always allowed)
ALLOWED: dict[str, set[str]] = {
    "primitives": set(),
    "translation": {"primitives"},
    "exporters": {"primitives"},
    "workflow": {"translation", "exporters", "primitives"},
    "cli": {"workflow", "translation", "exporters", "primitives"},
    "ui": {"workflow", "translation", "exporters", "primitives"},
}
# Third-party libraries that belong to one face only.
FACE_ONLY = {"streamlit": "ui", "click": "cli"}


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, top-level module) of every import in a file, nested ones included."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module.split(".")[0]))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value.split(".")[0]))
    return found


def _violations(root: Path = REPO) -> list[str]:
    problems: list[str] = []
    for package in SONGNGU_PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            for line, module in _imports(path):
                where = f"{path.relative_to(root)}:{line} imports {module}"
                if module in SONGNGU_PACKAGES and module != package:
                    if module not in ALLOWED[package]:
                        problems.append(
                            f"{where} ({package} may import {sorted(ALLOWED[package])})"
                        )
                elif module in FACE_ONLY and FACE_ONLY[module] != package:
                    problems.append(f"{where} (only {FACE_ONLY[module]}/ may)")
    return problems


def test_every_package_imports_only_the_layers_below_it() -> None:
    assert _violations() == []


def test_app_py_only_routes_to_ui() -> None:
    modules = {module for _, module in _imports(REPO / "app.py")}
    assert modules <= {"ui"}


@pytest.mark.parametrize(
    ("package", "bad_line", "expected"),
    [
        ("translation", "from workflow.models import Segment", "translation"),
        ("workflow", "import streamlit as st", "streamlit"),
        ("exporters", "def f():\n    from workflow import storage\n", "exporters"),
    ],
)
def test_the_check_sees_a_violation(
    tmp_path: Path, package: str, bad_line: str, expected: str
) -> None:
    """The scan itself catches top-level and lazy imports (so the test above can fail)."""
    (tmp_path / package).mkdir()
    (tmp_path / package / "bad.py").write_text(bad_line + "\n", encoding="utf-8")
    problems = _violations(tmp_path)
    assert len(problems) == 1 and expected in problems[0]
