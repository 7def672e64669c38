"""Run-time dependencies are what runs: every one is imported by songngu, every import is one.

A library only the tests or benchmarks use (python-docx, for DOCX files written by another
program) belongs to the test extra; a run-time dependency nothing imports is a download
and an attack surface for every user, and one that is imported but not declared breaks a
plain `pip install`.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

import pytest
from songngu_testing import REPO

# Pure code: SQLite half only (tests/conftest.py).
pytestmark = pytest.mark.database_free

PRODUCTION = ("primitives", "workflow", "translation", "exporters", "cli", "ui")
# Declared, used without an import statement of their own: SQLAlchemy loads the
# PostgreSQL driver named in a database URL (postgresql+psycopg://...).
USED_WITHOUT_IMPORT = {"psycopg"}
# Installed by the Makefile without its dependencies (torch, stanza, spaCy...), and only
# its settings module is used; not a dependency pip could resolve.
INSTALLED_APART = {"argostranslate"}


def _declared(group: str | None = None) -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = project["dependencies"] if group is None else project["optional-dependencies"][group]
    return {re.split(r"[\[<>=!~ ;]", spec, maxsplit=1)[0].lower() for spec in specs}


def _imported_modules() -> set[str]:
    """Top-level modules imported anywhere in the production packages (and app.py)."""
    files = [REPO / "app.py"] + [
        path for name in PRODUCTION for path in (REPO / name).rglob("*.py")
    ]
    modules: set[str] = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return modules


def _third_party_distributions() -> set[str]:
    distributions = packages_distributions()
    own = set(PRODUCTION) | {"app"}
    found: set[str] = set()
    for module in _imported_modules() - own - set(sys.stdlib_module_names):
        assert module in distributions, f"{module} is imported but no installed package has it"
        found |= {name.lower() for name in distributions[module]}
    return found


def test_every_run_time_dependency_is_imported_and_every_import_is_declared() -> None:
    declared = _declared()
    used = _third_party_distributions()
    assert declared - used - USED_WITHOUT_IMPORT == set(), "declared but never imported"
    assert used - declared - INSTALLED_APART == set(), "imported but not declared"


def test_test_only_libraries_stay_in_the_test_extra() -> None:
    assert {"python-docx", "translate-toolkit"} <= _declared("test")
    assert {"python-docx", "pandas", "sacremoses", "translate-toolkit"}.isdisjoint(_declared())
