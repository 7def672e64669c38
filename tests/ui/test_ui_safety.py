"""Safety of the app as shipped: the developer menu hidden (client.toolbarMode) whether it
runs from the checkout or through `songngu app`, and no ui/ code hands Streamlit anything
but its own literal markup to render as HTML, so user text is only ever shown as text."""

from __future__ import annotations

import ast
import tomllib

import pytest
from songngu_testing import REPO

from cli.commands import app as app_command

UI = REPO / "ui"
# Modes that hide the developer options ("developer" and "auto" on a remote host show them).
HIDDEN_MODES = {"viewer", "minimal"}


def test_the_checkout_config_hides_the_developer_menu() -> None:
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["toolbarMode"] in HIDDEN_MODES


def test_songngu_app_passes_the_toolbar_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    """An installed songngu has no .streamlit folder beside it: the command passes it."""
    seen: list[list[str]] = []
    monkeypatch.setattr(app_command, "database", lambda: None)
    monkeypatch.setattr(
        app_command.subprocess, "call", lambda command, **_: seen.append(command) or 0
    )
    with pytest.raises(SystemExit):
        # The callback itself: parsing arguments through click would cache its help option
        # and change the generated CLI reference for later tests (see test_cli_docs).
        app_command.app_command.callback(port=8599, headless=True)
    (command,) = seen
    index = command.index("--client.toolbarMode")
    assert command[index + 1] in HIDDEN_MODES


def _unsafe_html_lines(source: str) -> list[int]:
    """Lines of calls that ask for raw HTML (unsafe_allow_html not literally False, or
    st.html) with anything but a string literal to render: a literal is the code's own
    markup, anything else may carry user text."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        unsafe = any(
            keyword.arg == "unsafe_allow_html"
            and not (isinstance(keyword.value, ast.Constant) and keyword.value.value is False)
            for keyword in node.keywords
        )
        html = (
            isinstance(node.func, ast.Attribute)
            and node.func.attr == "html"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "st"
        )
        literal = bool(node.args) and all(
            isinstance(arg, ast.Constant) and isinstance(arg.value, str) for arg in node.args
        )
        if (unsafe or html) and not literal:
            lines.append(node.lineno)
    return lines


def test_no_ui_code_renders_user_text_as_html() -> None:
    files = sorted(UI.rglob("*.py"))
    assert len(files) > 10  # the scan sees the pages and components
    found = [
        f"{path.relative_to(REPO)}:{line}"
        for path in files
        for line in _unsafe_html_lines(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_scan_finds_what_it_looks_for() -> None:
    sample = (
        "import streamlit as st\n"
        "st.markdown(text, unsafe_allow_html=flag)\n"
        "st.markdown(f'<b>{title}</b>', unsafe_allow_html=True)\n"
        "st.html(text)\n"
        "st.markdown('<style>p {margin: 0}</style>', unsafe_allow_html=True)\n"
        "st.markdown(text, unsafe_allow_html=False)\n"
        "st.markdown(text)\n"
    )
    assert _unsafe_html_lines(sample) == [2, 3, 4]
