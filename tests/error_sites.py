"""Every place the production code builds a user error, found by reading its source (AST).

A site is a call of :class:`primitives.errors.SongnguError` or of any class derived from
it anywhere in the production packages (``raise X(...)``, ``return X(...)``, ``error =
X(...)``), or of an error factory (:data:`ERROR_FACTORIES`: a code and template stored to
be raised later with fields the factory fills). A coded site passes a literal code and a
literal English template, then the parameters by keyword; a legacy site passes one English
message. The tests of errors, of the CLI hints and of the app strings all check these
sites.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from exporters.safe_xml import Refusal
from primitives.errors import template_fields

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION_PACKAGES = ("primitives", "translation", "exporters", "workflow", "cli", "ui")
# Keyword arguments of the error classes that are not template parameters.
NOT_PARAMETERS = frozenset({"detail", "details", "current_target", "attempted_target"})
# Classes that hold a code and a template an error is raised from later: class name ->
# (the error class raised, the parameters the factory passes). The factory's own call of
# the error class (with its stored code and template) is not a site.
ERROR_FACTORIES: dict[str, tuple[str, frozenset[str]]] = {
    "Refusal": ("InvalidInput", Refusal.FIELDS),  # exporters/safe_xml.py
}


@dataclass(frozen=True)
class ErrorSite:
    path: str  # relative to the repository, with "/"
    line: int
    class_name: str
    code: str | None  # None: a legacy site (one literal English message)
    template: str | None
    params: frozenset[str]  # keyword parameters passed (template fields must be among them)
    has_detail: bool
    has_details: bool  # several inner errors, listed in {details}
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
        "has_details": "details" in keywords,
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


def _factory_site(path: str, call: ast.Call, factory: str) -> ErrorSite:
    class_name, params = ERROR_FACTORIES[factory]
    site = _site(path, call, class_name)
    return ErrorSite(**{**site.__dict__, "params": params, "open_params": False})


def _inside_factories(tree: ast.Module) -> set[int]:
    """The calls in the factories' own class bodies (they raise what they were given)."""
    return {
        id(node)
        for definition in ast.walk(tree)
        if isinstance(definition, ast.ClassDef) and definition.name in ERROR_FACTORIES
        for node in ast.walk(definition)
        if isinstance(node, ast.Call)
    }


def _sites_of(path: str, tree: ast.Module, classes: frozenset[str]) -> Iterator[ErrorSite]:
    skipped = _inside_factories(tree)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or id(node) in skipped:
            continue
        name = _name(node.func)
        if name in classes:
            yield _site(path, node, name)
        elif name in ERROR_FACTORIES:
            yield _factory_site(path, node, name)


@cache
def error_sites() -> tuple[ErrorSite, ...]:
    classes = error_classes()
    return tuple(site for path, tree in _trees() for site in _sites_of(path, tree, classes))


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


# --- what a CLI hint looks like ----------------------------------------------------------

# An option, wherever it stands ("--reason", "'--", "(--show)").
OPTION_MARKERS = (" --", "'--", "`--", '"--', "(--")
_PRODUCT_THEN_WORD = re.compile(r"(?<![\w-])songngu\s+([a-z][a-z-]*)")


@cache
def cli_command_names() -> frozenset[str]:
    """The names of the CLI's top-level commands and groups ("segments", "project", ...)."""
    from cli.main import cli

    return frozenset(cli.commands)


def cli_syntax_in(text: str) -> list[str]:
    """What in text tells the user what to type: an option, or "songngu" followed by one of
    the CLI's commands ("songngu segments"). The product's name in a sentence ("songngu
    does not read …", "phiên bản songngu này") is not CLI syntax."""
    padded = f" {text.lower()}"
    found = [marker for marker in OPTION_MARKERS if marker in padded]
    commands = cli_command_names()
    found += [f"songngu {word}" for word in _PRODUCT_THEN_WORD.findall(padded) if word in commands]
    return found
