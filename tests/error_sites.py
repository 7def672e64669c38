"""Every place the production code builds a user error, found by reading its source (AST).

A site is a call of :class:`primitives.errors.SongnguError` or of any class derived from
it anywhere in the production packages (``raise X(...)``, ``return X(...)``, ``error =
X(...)``). A coded site passes a literal code and a literal English template, then the
parameters by keyword; a legacy site passes one English message (allowed only in the files
the tests list as still to convert). The tests of errors, of the CLI hints and of the app
strings all check these sites.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from primitives.errors import template_fields

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION_PACKAGES = ("primitives", "translation", "exporters", "workflow", "cli", "ui")
# Keyword arguments of the error classes that are not template parameters.
NOT_PARAMETERS = frozenset({"detail", "current_target", "attempted_target"})


@dataclass(frozen=True)
class ErrorSite:
    path: str  # relative to the repository, with "/"
    line: int
    class_name: str
    code: str | None  # None: a legacy site (one literal English message)
    template: str | None
    params: frozenset[str]  # keyword parameters passed (template fields must be among them)
    has_detail: bool
    open_params: bool  # **mapping passed: the parameters cannot be read from the source
    problem: str | None = None  # why a site with a code cannot be checked

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    @property
    def in_cli(self) -> bool:
        return self.path.startswith("cli/")


def production_files() -> list[Path]:
    files = [ROOT / "app.py"]
    for package in PRODUCTION_PACKAGES:
        files += sorted((ROOT / package).rglob("*.py"))
    return [path for path in files if path.is_file()]


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@cache
def _trees() -> tuple[tuple[str, ast.Module], ...]:
    return tuple(
        (_relative(path), ast.parse(path.read_text("utf-8"), filename=str(path)))
        for path in production_files()
    )


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


@cache
def error_classes() -> frozenset[str]:
    """SongnguError and the names of every production class derived from it."""
    bases_of: dict[str, set[str]] = {}
    for _, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases = {name for base in node.bases if (name := _name(base))}
                bases_of.setdefault(node.name, set()).update(bases)
    found = {"SongnguError"}
    while True:
        more = {name for name, bases in bases_of.items() if bases & found} - found
        if not more:
            return frozenset(found)
        found |= more


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _site(path: str, call: ast.Call, class_name: str) -> ErrorSite:
    keywords = {keyword.arg for keyword in call.keywords if keyword.arg is not None}
    open_params = any(keyword.arg is None for keyword in call.keywords)
    common = {
        "path": path,
        "line": call.lineno,
        "class_name": class_name,
        "params": frozenset(keywords - NOT_PARAMETERS),
        "has_detail": "detail" in keywords,
        "open_params": open_params,
    }
    args = call.args
    if len(args) == 1 and not any(isinstance(arg, ast.Starred) for arg in args):
        return ErrorSite(code=None, template=None, **common)
    code, template = (_literal(args[0]), _literal(args[1])) if len(args) == 2 else (None, None)
    if code is None or template is None:
        return ErrorSite(
            code=code or "?",
            template=template,
            problem="give the code and the English template as two literal strings",
            **common,
        )
    return ErrorSite(code=code, template=template, **common)


def _calls(tree: ast.Module, classes: frozenset[str]) -> Iterator[tuple[ast.Call, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (name := _name(node.func)) in classes:
            yield node, name


@cache
def error_sites() -> tuple[ErrorSite, ...]:
    classes = error_classes()
    return tuple(
        _site(path, call, name) for path, tree in _trees() for call, name in _calls(tree, classes)
    )


def coded_sites() -> list[ErrorSite]:
    return [site for site in error_sites() if site.code is not None and site.problem is None]


def legacy_sites() -> list[ErrorSite]:
    return [site for site in error_sites() if site.code is None]


def templates_by_code() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for site in coded_sites():
        assert site.template is not None
        found.setdefault(site.code or "", set()).add(site.template)
    return found


def domain_codes() -> dict[str, str]:
    """Code -> English template for every code raised outside cli/ (the app may show it)."""
    return {
        site.code: site.template
        for site in coded_sites()
        if site.code and site.template is not None and not site.code.startswith("cli.")
    }


def fields(template: str) -> set[str]:
    return template_fields(template)
