"""Markdown → blocks: headings, paragraphs (wrapped lines joined), list items, block quotes
and table cells. Code blocks, HTML blocks, front matter and rules are kept out (never
translated); the exporter copies every line outside a block's ``lines:a-b`` ref verbatim.
A block's ``style`` is the Markdown marker that starts it ("## ", "- ", "1. ", "> ", "|").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from primitives.inline import CodeNumbering
from workflow.intake.limits import IntakeLimits
from workflow.intake.markdown_inline import HARD_BREAK, render_inline
from workflow.intake.model import SourceBlock, SourceDocument, is_translatable
from workflow.intake.repair import RunRepairer
from workflow.intake.text_reader import split_lines

_QUOTE = re.compile(r"^(?: {0,3}> ?)+")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_LIST = re.compile(r"^( *)([-*+]|\d{1,9}[.)])([ \t]+)(.*)$")
_HTML_BLOCK = re.compile(r"^ {0,3}(?:<!--|<\?|<![A-Z]|</?[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$))")
_TABLE_DELIMITER = re.compile(r"^ {0,3}\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


@dataclass
class _OpenBlock:
    kind: str
    style: str | None
    first_line: int
    last_line: int
    lines: list[str] = field(default_factory=list)


class _MarkdownReader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.repairer = RunRepairer()
        self.blocks: list[SourceBlock] = []
        self.open: _OpenBlock | None = None
        self.last_kind: str | None = None

    def read(self) -> SourceDocument:
        index = self._skip_front_matter()
        fence: str | None = None
        in_html = False
        while index < len(self.lines):
            number = index + 1
            raw = self.lines[index]
            quote_match = _QUOTE.match(raw)
            quote = quote_match.group(0) if quote_match else ""
            rest = raw[len(quote) :]
            index += 1
            if fence is not None:
                if rest.strip().startswith(fence) and not rest.strip().strip(fence[0]):
                    fence = None
                continue
            if not rest.strip():
                self._flush()
                in_html = False
                continue
            if in_html:
                continue
            fence_match = _FENCE.match(rest)
            if fence_match:
                self._flush()
                fence = fence_match.group(1)
                continue
            if self.open is None and _HTML_BLOCK.match(rest):
                in_html = True
                continue
            setext = _SETEXT.match(rest)
            if setext and self.open is not None and self.open.kind in ("paragraph", "quote"):
                level = 1 if setext.group(1).startswith("=") else 2
                self.open.kind, self.open.style = "heading", quote + "#" * level + " "
                self.open.last_line = number
                self._flush()
                continue
            if _RULE.match(rest):
                self._flush()
                continue
            atx = _ATX.match(rest)
            if atx:
                self._flush()
                style = quote + atx.group(1) + " "
                self._start("heading", style, number, atx.group(2) or "")
                self._flush()
                continue
            if (
                self.open is None
                and "|" in rest
                and index < len(self.lines)
                and _TABLE_DELIMITER.match(self.lines[index])
                and "-" in self.lines[index]
            ):
                index = self._table(index - 1)
                continue
            item = _LIST.match(rest)
            if item:
                self._flush()
                style = quote + item.group(1) + item.group(2) + item.group(3)
                self._start("list_item", style, number, item.group(4))
                continue
            if (
                self.open is None
                and rest.startswith(("    ", "\t"))
                and self.last_kind != "list_item"
            ):
                continue  # indented code block
            if self.open is not None:
                self.open.lines.append(rest)
                self.open.last_line = number
            else:
                self._start("quote" if quote else "paragraph", quote or None, number, rest)
        self._flush()
        return SourceDocument(format="md", blocks=self.blocks, repair_lines=self.repairer.lines())

    def _skip_front_matter(self) -> int:
        if not self.lines or self.lines[0].strip() != "---":
            return 0
        for index in range(1, len(self.lines)):
            if self.lines[index].strip() in ("---", "..."):
                return index + 1
        return 0

    def _start(self, kind: str, style: str | None, number: int, content: str) -> None:
        self.open = _OpenBlock(kind, style, number, number, [content])

    def _flush(self) -> None:
        block = self.open
        self.open = None
        if block is None:
            return
        self.last_kind = block.kind
        pieces: list[str] = []
        last = len(block.lines) - 1
        for position, line in enumerate(block.lines):
            content = line.strip()
            # A line ending in two spaces or a backslash ends with a hard line break.
            hard = position < last and (line.endswith("  ") or content.endswith("\\"))
            if hard and content.endswith("\\"):
                content = content[:-1].rstrip()
            pieces.append(content)
            if position < last:
                pieces.append(HARD_BREAK if hard else " ")
        source = "".join(pieces)
        self._emit(f"lines:{block.first_line}-{block.last_line}", block.kind, block.style, source)

    def _emit(self, ref: str, kind: str, style: str | None, source: str) -> None:
        numbering = CodeNumbering()
        text = render_inline(source, numbering, self.repairer.repair)
        if is_translatable(text):
            self.blocks.append(
                SourceBlock(ref=ref, kind=kind, text=text, codes=numbering.codes, style=style)
            )

    def _table(self, header_index: int) -> int:
        """Emit every cell of a pipe table starting at header_index; return the next index."""
        self._flush()
        index = header_index
        while index < len(self.lines) and "|" in self.lines[index] and self.lines[index].strip():
            number = index + 1
            line = self.lines[index]
            index += 1
            if number == header_index + 2:
                continue  # the delimiter row
            body = line.strip()
            body = body[1:] if body.startswith("|") else body
            body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
            for cell_index, cell in enumerate(_CELL_SPLIT.split(body)):
                self._emit(
                    f"lines:{number}-{number}#c{cell_index}", "table_cell", "|", cell.strip()
                )
        self.last_kind = "table_cell"
        return index


def read_markdown(text: str, filename: str, limits: IntakeLimits) -> SourceDocument:
    """Blocks of a decoded Markdown text."""
    return _MarkdownReader(split_lines(text, filename, limits)).read()
