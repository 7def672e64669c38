"""DOCX → paragraphs: body, tables, text boxes, headers/footers, footnotes/endnotes, comments.

The one walk over a DOCX's stories that the intake (reading an upload into blocks) and the
target DOCX (reading its original again, and re-reading what it wrote to count it) share,
so both agree on what "paragraph N of part P" is: every ``w:p`` of a part counts, in
document order (the order of ``part_root.iter(w:p)``: paragraphs in tables, text boxes and
their ``mc:Fallback`` copies included), which gives the stable reference
``"<part>#p<index>"`` (:func:`paragraph_ref`).

A part is streamed with lxml's iterparse through the zip guards, or walked in memory
(``tree=``) with the same events; streaming, a top-level paragraph or table is dropped
from memory as soon as it has been read, so memory stays bounded by the largest single
table, not by the document. Paragraphs are handed out as they end (an inner text box's
paragraphs before the paragraph holding the text box), with the reading state that spans
paragraphs (an open field) carried along as Word's order requires.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lxml import etree

from exporters.docx.limits import PARAGRAPHS_SETTING
from exporters.docx.names import MCN, RN, W_NS, WN, W
from exporters.docx.package import DocxPackage, Relationship, StyleInfo
from exporters.docx.runs import (
    Node,
    ParagraphCodes,
    ParagraphReader,
    PartState,
    dominant_key,
    render,
)
from primitives.errors import InvalidInput

Repair = Callable[[str, str | None], str]

# Story part relationship kinds → the kind of their paragraphs.
PART_KINDS = {
    "header": "header",
    "footer": "footer",
    "footnotes": "footnote",
    "endnotes": "endnote",
}
_STORY_TAGS = frozenset({WN.body, WN.hdr, WN.ftr, WN.footnote, WN.endnote})
_SKIPPED_NOTE_TYPES = frozenset({"separator", "continuationSeparator", "continuationNotice"})


def paragraph_ref(part: str, index: int) -> str:
    """The block reference of the index-th ``w:p`` (from 0) of a part."""
    return f"{part}#p{index}"


def split_paragraph_ref(block: str) -> tuple[str, int] | None:
    """(part, index) of a DOCX block reference, None for anything else."""
    part, sep, index = block.rpartition("#p")
    if not sep or not part or not index.isdigit():
        return None
    return part, int(index)


def keep_text(text: str, font: str | None) -> str:
    """The repair for text that needs none (what songngu wrote itself)."""
    return text


@dataclass
class ReadParagraph:
    """One paragraph with content, read: its tagged text, codes and what it came from.

    ``codes.nodes`` gives, by code number, the node the code was made for (its source
    elements for objects); ``base_rpr`` is the run properties of the paragraph's dominant
    formatting (the text that carries no code), None when that text has none.
    """

    part: str
    index: int
    kind: str
    element: etree._Element
    nodes: list[Node]
    text: str
    codes: ParagraphCodes
    notes: tuple[str, ...]
    style: str | None
    base_rpr: etree._Element | None

    @property
    def ref(self) -> str:
        return paragraph_ref(self.part, self.index)


class _ParagraphCounter:
    def __init__(self, filename: str, limit: int) -> None:
        self.count = 0
        self._filename = filename
        self._limit = limit

    def add(self) -> None:
        self.count += 1
        if self.count > self._limit:
            raise InvalidInput(
                "intake.too_many_paragraphs",
                "{file} has more than {limit:,} paragraphs, the import limit; split it into "
                "smaller files, or raise {setting} if such files are expected",
                file=self._filename,
                limit=self._limit,
                setting=PARAGRAPHS_SETTING,
            )


class DocxReader:
    """Reads the paragraphs of one package's stories (see the module docstring).

    ``repair`` is called once per merged run with the run's font (the intake's legacy
    encoding repair); ``warnings`` collects, in words, what reading left out.
    """

    def __init__(self, package: DocxPackage, repair: Repair = keep_text) -> None:
        self.package = package
        self.filename = package.filename
        self.repair = repair
        self.warnings: dict[str, None] = {}
        self.counter = _ParagraphCounter(package.filename, package.limits.max_paragraphs)
        self.document_part = package.main_document()
        self.styles = package.styles(self.document_part)
        self.rels = package.relationships(self.document_part)
        self._comments: dict[str, str] | None = None

    def paragraphs(self) -> Iterator[ReadParagraph]:
        """Every paragraph with content: the body, then headers and footers in the order
        the sections name them (then any unreferenced ones), then footnotes and endnotes."""
        self.comments()
        section_parts: list[str] = []
        yield from self.read_part(self.document_part, "body", section_parts=section_parts)
        for part, kind in self._notes_and_margins(section_parts):
            yield from self.read_part(part, kind)

    def story_parts(self) -> dict[str, str]:
        """Part name → kind of every story this reader reads (the body and the header,
        footer, footnote and endnote parts that exist)."""
        stories = {self.document_part: "body"}
        for rel in self.rels.values():
            if rel.kind in PART_KINDS and self.package.has_part(rel.target):
                stories.setdefault(rel.target, PART_KINDS[rel.kind])
        return stories

    def _notes_and_margins(self, section_parts: list[str]) -> Iterator[tuple[str, str]]:
        # A section reference to another kind of part (a damaged or hostile file) is not a
        # header: ignored, like a reference to a missing part.
        rels = self.rels
        headers_footers = [rel for rel in rels.values() if rel.kind in ("header", "footer")]
        ordered: list[Relationship] = [
            rels[rel_id] for rel_id in section_parts if rel_id in rels
        ] + headers_footers
        done: set[str] = set()
        for rel in ordered:
            if rel.kind not in ("header", "footer") or rel.target in done:
                continue
            if not self.package.has_part(rel.target):  # a dangling reference: nothing to read
                continue
            done.add(rel.target)
            yield rel.target, PART_KINDS[rel.kind]
        for kind in ("footnotes", "endnotes"):
            for rel in rels.values():
                if rel.kind == kind and self.package.has_part(rel.target):
                    yield rel.target, PART_KINDS[kind]

    def comments(self) -> dict[str, str]:
        """Comment id → "Author: text" for the comments part, if any (read once)."""
        if self._comments is not None:
            return self._comments
        found: dict[str, str] = {}
        for rel in self.rels.values():
            if rel.kind != "comments" or not self.package.has_part(rel.target):
                continue
            for event, element in self.package.stream(rel.target):
                if event == "start" and element.tag == WN.p:
                    self.counter.add()
                if event != "end" or element.tag != WN.comment:
                    continue
                text = " ".join(
                    "".join(t.text or "" for t in p.iter(WN.t)) for p in element.iter(WN.p)
                ).strip()
                author = element.get(WN.author)
                repaired = self.repair(text, None)
                found[element.get(WN.id, "")] = f"{author}: {repaired}" if author else repaired
                element.clear()
        self._comments = found
        return found

    def read_part(
        self,
        part: str,
        kind: str,
        *,
        tree: etree._Element | None = None,
        section_parts: list[str] | None = None,
    ) -> Iterator[ReadParagraph]:
        """The paragraphs with content of one story part, streamed from the package, or
        walked in ``tree`` (the part's root, parsed; nothing is freed) when given.

        section_parts, when given, receives the relationship ids of the header and footer
        references in the order the sections name them.
        """
        targets = {
            rel.rel_id: rel.target
            for rel in self.package.relationships(part).values()
            if rel.kind == "hyperlink"
        }
        styles = self.styles

        def style_font(style_id: str | None) -> str | None:
            info = styles.get(style_id or "")
            return info.font if info else None

        state = PartState(targets, self.comments(), style_font)
        events = (
            self.package.stream(part)
            if tree is None
            else etree.iterwalk(tree, events=("start", "end"))
        )
        release = tree is None
        index_stack: list[int] = []
        next_index = 0
        held = 0  # elements parsed since memory was last released
        held_limit = self.package.limits.max_held_elements
        for event, element in events:
            tag = element.tag
            if event == "start":
                if held == 0 and next_index == 0 and element.getparent() is None:
                    _check_root_namespace(element, self.filename, part)
                held += 1
                if held > held_limit:
                    raise InvalidInput(
                        "intake.docx_paragraph_too_large",
                        "{file}: a paragraph in {part} has more than {limit:,} XML elements; "
                        "the document is malformed, open it in Word and save it again as .docx",
                        file=self.filename,
                        part=part,
                        limit=held_limit,
                    )
            if tag == WN.p:
                if event == "start":
                    self.counter.add()
                    index_stack.append(next_index)
                    next_index += 1
                    continue
                index = index_stack.pop()
                paragraph = self._paragraph(element, part, index, kind, state)
                if paragraph is not None:
                    yield paragraph
                if not index_stack:
                    if release:
                        _release(element)
                    held = 0
            elif event == "end" and tag == WN.tbl and not index_stack:
                if release:
                    _release(element)
                held = 0
            elif event == "end" and tag in (WN.headerReference, WN.footerReference):
                if section_parts is not None:
                    section_parts.append(element.get(RN.id, ""))
        if state.capture is not None:
            state.warnings.add(
                f"a field in {part} is never closed, so the text after it was treated as "
                f"part of the field; open and re-save the file in Word to repair it"
            )
        for warning in sorted(state.warnings):
            self.warnings[warning] = None

    def _paragraph(
        self,
        paragraph: etree._Element,
        part: str,
        index: int,
        part_kind: str,
        state: PartState,
    ) -> ReadParagraph | None:
        block_kind = skipped_or_kind(paragraph, part_kind)
        if block_kind is None:
            return None
        styles = self.styles
        style_id, list_item = _paragraph_style(paragraph)
        style = styles.get(style_id or "")
        if style is None and style_id:
            style = StyleInfo(style_id, style_id.lower().startswith("heading"), None)
        if block_kind == "body":
            if style is not None and style.is_heading:
                block_kind = "heading"
            elif list_item:
                block_kind = "list_item"
            else:
                block_kind = "paragraph"
        paragraph_font = (style or styles.get("") or StyleInfo("", False, None)).font
        reader = ParagraphReader(state, paragraph_font)
        nodes = reader.read(paragraph)
        if not nodes:
            return None
        base, base_rpr = dominant_key(nodes)
        codes = ParagraphCodes()
        text = render(nodes, base, codes, self.repair)
        return ReadParagraph(
            part=part,
            index=index,
            kind=block_kind,
            element=paragraph,
            nodes=nodes,
            text=text,
            codes=codes,
            notes=tuple(reader.notes),
            style=style.name if style is not None and style_id else None,
            base_rpr=base_rpr,
        )


def skipped_or_kind(paragraph: etree._Element, part_kind: str) -> str | None:
    """None for a paragraph no reader takes (a text box's mc:Fallback copy of the
    mc:Choice content, a footnote separator), else its kind before styles are looked at:
    the part's kind, "textbox" or "table_cell" in the body ("body" for the rest)."""
    block_kind = part_kind
    for ancestor in paragraph.iterancestors():
        tag = ancestor.tag
        if tag == MCN.Fallback:
            return None  # duplicate of the mc:Choice content (old-Word text box copy)
        if tag == WN.footnote or tag == WN.endnote:
            if ancestor.get(WN.type) in _SKIPPED_NOTE_TYPES:
                return None
        if tag in _STORY_TAGS:
            break
        if part_kind == "body" and tag == WN.txbxContent:
            block_kind = "textbox"
        elif part_kind == "body" and tag == WN.tc and block_kind == "body":
            block_kind = "table_cell"
    return block_kind


def _check_root_namespace(root: etree._Element, filename: str, part: str) -> None:
    if etree.QName(root).namespace != W_NS:
        raise InvalidInput(
            "intake.docx_not_wordprocessingml",
            "{file}: {part} is not WordprocessingML (namespace {namespace}); if it is a Strict "
            "Open XML file, save it in Word as a normal Word Document (.docx) and import it again",
            file=filename,
            part=part,
            namespace=etree.QName(root).namespace,
        )


def _paragraph_style(paragraph: etree._Element) -> tuple[str | None, bool]:
    ppr = paragraph.find(WN.pPr)
    if ppr is None:
        return None, False
    style = ppr.find(WN.pStyle)
    num_id = ppr.find(f"{W}numPr/{W}numId")
    list_item = num_id is not None and num_id.get(WN.val) not in (None, "0")
    return (style.get(WN.val) if style is not None else None), list_item


def _release(element: etree._Element) -> None:
    """Free a finished top-level paragraph/table and everything before it."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is None:
        return
    while element.getprevious() is not None:
        del parent[0]
