"""DOCX → blocks: body, tables, text boxes, headers/footers, footnotes/endnotes, comments.

Each part is streamed with lxml's iterparse through the zip guards; a top-level paragraph or
table is dropped from memory as soon as it has been read, so memory stays bounded by the
largest single table, not by the document. Every ``w:p`` of a part is counted in document
order, which gives the stable reference ``"<part>#p<index>"``.
"""

from __future__ import annotations

import zipfile
import zlib

from lxml import etree

from primitives.errors import InvalidInput
from workflow.intake.docx_inline import (
    CodeNumbering,
    ParagraphReader,
    PartState,
    dominant_key,
    render,
    xml_string,
)
from workflow.intake.docx_package import (
    MCN,
    RN,
    W_NS,
    WN,
    DocxPackage,
    Relationship,
    StyleInfo,
    W,
)
from workflow.intake.limits import PARAGRAPHS_SETTING, IntakeLimits
from workflow.intake.model import SourceBlock, SourceDocument, is_translatable
from workflow.intake.repair import RunRepairer
from workflow.intake.safety import open_vetted_zip

_PART_KINDS = {
    "header": "header",
    "footer": "footer",
    "footnotes": "footnote",
    "endnotes": "endnote",
}
_STORY_TAGS = frozenset({WN.body, WN.hdr, WN.ftr, WN.footnote, WN.endnote})
_SKIPPED_NOTE_TYPES = frozenset({"separator", "continuationSeparator", "continuationNotice"})


class _ParagraphCounter:
    def __init__(self, filename: str, limits: IntakeLimits) -> None:
        self.count = 0
        self._filename = filename
        self._limit = limits.max_paragraphs

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


def read_docx(data: bytes, filename: str, limits: IntakeLimits) -> SourceDocument:
    """Read a DOCX into blocks, or raise InvalidInput without returning anything partial."""
    archive = open_vetted_zip(data, filename, limits)
    with archive:
        try:
            return _DocxReader(DocxPackage(archive, filename, limits)).read()
        except (zipfile.BadZipFile, zlib.error, EOFError) as error:
            # Raised while inflating: a member's data does not match its header (CRC,
            # size) or is cut short.
            raise InvalidInput(
                "intake.docx_damaged",
                "{file} is a damaged DOCX ({reason}); open it in Word and save it again as .docx",
                file=filename,
                reason=str(error),
            ) from error


class _DocxReader:
    def __init__(self, package: DocxPackage) -> None:
        self.package = package
        self.filename = package.filename
        self.repairer = RunRepairer()
        self.blocks: list[SourceBlock] = []
        self.warnings: dict[str, None] = {}
        self.counter = _ParagraphCounter(package.filename, package.limits)

    def read(self) -> SourceDocument:
        document_part = self.package.main_document()
        styles = self.package.styles(document_part)
        rels = self.package.relationships(document_part)
        comments = self._comments(rels)
        section_parts: list[str] = []
        self._read_part(document_part, "body", styles, comments, section_parts)
        # Headers and footers in the order the sections name them, then any unreferenced
        # ones. A section reference to another kind of part (a damaged or hostile file)
        # is not a header: ignored, like a reference to a missing part.
        headers_footers = [rel for rel in rels.values() if rel.kind in ("header", "footer")]
        ordered = [rels[rel_id] for rel_id in section_parts if rel_id in rels] + headers_footers
        done: set[str] = set()
        for rel in ordered:
            if rel.kind not in ("header", "footer") or rel.target in done:
                continue
            if not self.package.has_part(rel.target):  # a dangling reference: nothing to read
                continue
            done.add(rel.target)
            self._read_part(rel.target, _PART_KINDS[rel.kind], styles, comments, [])
        for kind in ("footnotes", "endnotes"):
            for rel in rels.values():
                if rel.kind == kind and self.package.has_part(rel.target):
                    self._read_part(rel.target, _PART_KINDS[kind], styles, comments, [])
        return SourceDocument(
            format="docx",
            blocks=self.blocks,
            repair_lines=self.repairer.lines(),
            warnings=list(self.warnings),
        )

    def _comments(self, rels: dict[str, Relationship]) -> dict[str, str]:
        """Comment id → "Author: text" for the comments part, if any."""
        found: dict[str, str] = {}
        for rel in rels.values():
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
                repaired = self.repairer.repair(text, None)
                found[element.get(WN.id, "")] = f"{author}: {repaired}" if author else repaired
                element.clear()
        return found

    def _read_part(
        self,
        part: str,
        kind: str,
        styles: dict[str, StyleInfo],
        comments: dict[str, str],
        section_parts: list[str],
    ) -> None:
        targets = {
            rel.rel_id: rel.target
            for rel in self.package.relationships(part).values()
            if rel.kind == "hyperlink"
        }

        def style_font(style_id: str | None) -> str | None:
            info = styles.get(style_id or "")
            return info.font if info else None

        state = PartState(targets, comments, style_font)
        index_stack: list[int] = []
        next_index = 0
        held = 0  # elements parsed since memory was last released
        held_limit = self.package.limits.max_held_elements
        for event, element in self.package.stream(part):
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
                self._paragraph(element, f"{part}#p{index}", kind, styles, state)
                if not index_stack:
                    _release(element)
                    held = 0
            elif event == "end" and tag == WN.tbl and not index_stack:
                _release(element)
                held = 0
            elif event == "end" and tag in (WN.headerReference, WN.footerReference):
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
        ref: str,
        part_kind: str,
        styles: dict[str, StyleInfo],
        state: PartState,
    ) -> None:
        block_kind = part_kind
        for ancestor in paragraph.iterancestors():
            tag = ancestor.tag
            if tag == MCN.Fallback:
                return  # duplicate of the mc:Choice content (old-Word text box copy)
            if tag == WN.footnote or tag == WN.endnote:
                if ancestor.get(WN.type) in _SKIPPED_NOTE_TYPES:
                    return
            if tag in _STORY_TAGS:
                break
            if part_kind == "body" and tag == WN.txbxContent:
                block_kind = "textbox"
            elif part_kind == "body" and tag == WN.tc and block_kind == "body":
                block_kind = "table_cell"
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
            return
        base, base_rpr = dominant_key(nodes)
        numbering = CodeNumbering()
        text = render(nodes, base, numbering, self.repairer.repair)
        if not is_translatable(text):
            return
        self.blocks.append(
            SourceBlock(
                ref=ref,
                kind=block_kind,
                text=text,
                codes=numbering.codes,
                notes=tuple(reader.notes),
                style=style.name if style is not None and style_id else None,
                base_rpr=xml_string(base_rpr) or None,
            )
        )


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
