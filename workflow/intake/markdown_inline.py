"""Inline Markdown → segment text with codes.

``**bold**``, ``*italic*``, ``***both***``, ``~~strike~~`` and ``[links](url)`` become paired
codes that remember their exact Markdown delimiters; ``code``, images, autolinks and
inline HTML become standalone codes (never translated). Backslash escapes become the
literal character.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from primitives.inline import CodeNumbering, close_tag, open_tag, standalone_tag

# Stands for a hard line break inside a paragraph while it is parsed; NUL never reaches
# here because text decoding refuses it.
HARD_BREAK = "\x00"

_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(r"\[((?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]\(([^)\s]*)((?:\s+\"[^\"]*\")?)\)")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>")
_HTML = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", re.DOTALL)
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_EMPHASIS_KINDS = {1: "italic", 2: "bold", 3: "bold_italic"}


@dataclass
class _Paired:
    code: dict[str, Any]
    children: list[_Node] = field(default_factory=list)


@dataclass
class _Standalone:
    code: dict[str, Any]


_Node = str | _Paired | _Standalone


def _standalone(kind: str, markdown: str) -> _Standalone:
    return _Standalone({"type": "standalone", "kind": kind, "markdown": markdown})


def _paired(kind: str, opening: str, closing: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "paired",
        "kind": kind,
        "markdown_open": opening,
        "markdown_close": closing,
        **extra,
    }


def _closing_delimiter(source: str, start: int, delimiter: str) -> int:
    """Index of the run of exactly ``delimiter`` that closes emphasis opened before start."""
    char = delimiter[0]
    position = start
    while True:
        found = source.find(delimiter, position)
        if found < 0:
            return -1
        after = found + len(delimiter)
        run_before = found > 0 and source[found - 1] == char
        run_after = after < len(source) and source[after] == char
        intraword = char == "_" and after < len(source) and source[after].isalnum()
        if (
            found > start
            and not source[found - 1].isspace()
            and not run_before
            and not run_after
            and not intraword
        ):
            return found
        position = found + 1


def parse_inline(source: str) -> list[_Node]:
    nodes: list[_Node] = []
    text: list[str] = []

    def flush() -> None:
        if text:
            nodes.append("".join(text))
            text.clear()

    index = 0
    while index < len(source):
        char = source[index]
        if char == "\\" and index + 1 < len(source) and source[index + 1] in _ESCAPABLE:
            text.append(source[index + 1])
            index += 2
            continue
        if char == HARD_BREAK:
            flush()
            nodes.append(_Standalone({"type": "standalone", "kind": "line_break"}))
            index += 1
            continue
        match = None
        node: _Node | None = None
        if char == "`":
            match = _CODE_SPAN.match(source, index)
            if match:
                node = _standalone("code", match.group(0))
        elif char == "!":
            match = _IMAGE.match(source, index)
            if match:
                node = _standalone("image", match.group(0))
        elif char == "[":
            match = _LINK.match(source, index)
            if match:
                closing = f"]({match.group(2)}{match.group(3)})"
                code = _paired("hyperlink", "[", closing, url=match.group(2))
                node = _Paired(code, parse_inline(match.group(1)))
        elif char == "<":
            match = _AUTOLINK.match(source, index)
            if match:
                node = _standalone("url", match.group(0))
            else:
                match = _HTML.match(source, index)
                if match:
                    node = _standalone("html", match.group(0))
        elif char in "*_~":
            node, consumed = _emphasis(source, index)
            if node is None:
                text.append(source[index : index + consumed])
                index += consumed
                continue
            flush()
            nodes.append(node)
            index += consumed
            continue
        if match is not None and node is not None:
            flush()
            nodes.append(node)
            index = match.end()
            continue
        text.append(char)
        index += 1
    flush()
    return nodes


def _emphasis(source: str, index: int) -> tuple[_Paired | None, int]:
    """Parse emphasis opening at index; returns (node or None, characters consumed)."""
    char = source[index]
    run = len(source) - index - len(source[index:].lstrip(char))
    previous = source[index - 1] if index > 0 else " "
    opening_ok = index + run < len(source) and not source[index + run].isspace()
    if char == "_" and previous.isalnum():
        opening_ok = False  # snake_case words are not emphasis
    if char == "~" and run != 2:
        opening_ok = False
    if not opening_ok or run > 3:
        return None, run
    delimiter = char * run
    close = _closing_delimiter(source, index + run, delimiter)
    if close < 0:
        return None, run
    inner = source[index + run : close]
    kind = "strikethrough" if char == "~" else _EMPHASIS_KINDS[run]
    return _Paired(_paired(kind, delimiter, delimiter), parse_inline(inner)), close + run - index


def render_inline(
    source: str, numbering: CodeNumbering, repair: Callable[[str, str | None], str]
) -> str:
    """Tagged segment text for a Markdown inline source."""
    return _render(parse_inline(source), numbering, repair)


def _render(
    nodes: list[_Node], numbering: CodeNumbering, repair: Callable[[str, str | None], str]
) -> str:
    parts: list[str] = []
    for node in nodes:
        if isinstance(node, str):
            parts.append(repair(node, None))
        elif isinstance(node, _Standalone):
            parts.append(standalone_tag(numbering.add(node.code)))
        else:
            number = numbering.add(node.code)
            inner = _render(node.children, numbering, repair)
            parts.append(open_tag(number) + inner + close_tag(number))
    return "".join(parts)
