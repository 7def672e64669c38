"""What a source reader returns: translatable blocks with their structural references.

A block is one unit the translator works on (a paragraph, a table cell's paragraph, a
Markdown list item …). Its ``ref`` says exactly where it came from so an exporter can put
the translation back in the same place:

- DOCX: ``"<part name>#p<index>"``, e.g. ``"word/document.xml#p12"``; the index counts
  every ``w:p`` element of that part in document order (``part_root.iter(w:p)``),
  including paragraphs in tables and text boxes.
- TXT: ``"line:<n>"`` (1-based line number in the decoded text).
- Markdown: ``"lines:<first>-<last>"`` (1-based, inclusive), ``"#c<i>"`` appended for the
  i-th cell (0-based) of a table row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from primitives.inline import plain

BLOCK_KINDS = frozenset(
    {
        "paragraph",
        "heading",
        "list_item",
        "table_cell",
        "header",
        "footer",
        "footnote",
        "endnote",
        "textbox",
        "quote",
    }
)


@dataclass(frozen=True)
class SourceBlock:
    """One translatable unit of a source document.

    ``text`` is NFC with inline codes (``<g1>…</g1>``, ``<x2/>``); ``codes`` maps each code
    number (as a string, "1", "2", …) to a dict describing it: ``type`` ("paired" or
    "standalone"), ``kind`` (bold, italic, underline, superscript, subscript, formatting,
    hyperlink, line_break, tab, page_break, field, image, textbox, footnote_ref, code, …)
    and what an exporter needs to write it back (``rpr``: the run properties XML for DOCX,
    ``url`` for links, ``xml`` for protected objects, ``markdown_open``/``markdown_close``
    or ``markdown`` for Markdown). ``notes`` holds reviewer comments attached to the
    block; ``style`` the paragraph style name (DOCX) or the line's marker (Markdown);
    ``base_rpr`` the run properties XML of the block's unformatted text (DOCX only).
    """

    ref: str
    kind: str
    text: str
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    style: str | None = None
    base_rpr: str | None = None


@dataclass
class SourceDocument:
    """A whole source file read into blocks, plus what happened while reading it."""

    format: str
    blocks: list[SourceBlock]
    repair_lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def is_translatable(text: str) -> bool:
    """True if the text (inline codes removed) contains at least one letter.

    Empty paragraphs and those holding only numbers, punctuation or codes (page numbers,
    "1.2.3", "—") are not given to translators.
    """
    return any(char.isalpha() for char in plain(text))
