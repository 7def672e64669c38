"""One paragraph rebuilt around its English text: runs from the inline-code tree.

A paragraph is translated whole, never run by run: its runs are removed and new ones are
written from each segment's tagged text (:mod:`primitives.inline`'s tree). Text outside
codes takes the paragraph's base run properties (the dominant formatting, as the intake
computed it), text inside ``<gN>`` takes code N's run properties, a hyperlink code becomes
a ``w:hyperlink`` with the original attributes (its ``r:id`` among them), and a standalone
code becomes its original object again: the very elements of the source paragraph (a
field's runs, an image, a text box whose own paragraphs are rebuilt where they are), or,
for tabs, breaks, symbols and note references, a run built from the code.

What the paragraph holds besides runs survives: its properties (``w:pPr``), bookmarks,
comment ranges and comment references, permissions. Their place inside the sentence
cannot be known in the English, so a start marker found among the text moves to the
paragraph's start and an end marker to its end, so ranges cover the whole paragraph.
Codes a translator dropped that stand for an object (a footnote reference, an image, a
field) are put back at the end of their sentence, with a warning; a missing tab or line
break is only reported.

Characters XML forbids never reach the file: ``\\x0b`` (Word's manual line break, as
pasted) becomes ``w:br`` like ``\\n``, ``\\t`` a ``w:tab``, and the others are dropped and
reported.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from exporters import safe_xml
from exporters.docx.names import MATH, MCN, RN, W_NS, WN, XML_SPACE, W
from exporters.docx.properties import set_highlight, set_run_language
from exporters.docx.reader import ReadParagraph
from exporters.docx.runs import LinkNode, StandaloneNode, xml_string
from primitives.inline import Paired, Standalone, Stray, Visitor, parse, tags, walk

# Characters XML 1.0 forbids, and lone surrogates (\x0b among them, but it is written as a
# line break before this applies; tab, newline and carriage return are allowed).
FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
LINE_BREAK_CHARACTERS = frozenset("\n\x0b")

_START_MARKERS = frozenset(
    W + name
    for name in (
        "bookmarkStart",
        "commentRangeStart",
        "permStart",
        "moveFromRangeStart",
        "moveToRangeStart",
        "customXmlInsRangeStart",
        "customXmlDelRangeStart",
        "customXmlMoveFromRangeStart",
        "customXmlMoveToRangeStart",
    )
)
_END_MARKERS = frozenset(
    W + name
    for name in (
        "bookmarkEnd",
        "commentRangeEnd",
        "permEnd",
        "moveFromRangeEnd",
        "moveToRangeEnd",
        "customXmlInsRangeEnd",
        "customXmlDelRangeEnd",
        "customXmlMoveFromRangeEnd",
        "customXmlMoveToRangeEnd",
    )
)
# Paragraph content the English replaces (its objects come back through their codes).
_CONTENT = frozenset(
    {
        WN.r,
        WN.hyperlink,
        WN.fldSimple,
        WN.smartTag,
        WN.sdt,
        WN.ins,
        WN.moveTo,
        getattr(WN, "del"),
        WN.moveFrom,
        WN.customXml,
        WN.dir,
        WN.bdo,
        f"{MATH}oMath",
        f"{MATH}oMathPara",
        MCN.AlternateContent,
    }
)
# Content holding further content, searched for markers and comment references.
_CONTAINERS = frozenset(
    {
        WN.hyperlink,
        WN.smartTag,
        WN.sdt,
        WN.sdtContent,
        WN.ins,
        WN.moveTo,
        getattr(WN, "del"),
        WN.moveFrom,
        WN.customXml,
        WN.dir,
        WN.bdo,
    }
)
_DROPPED = frozenset({WN.proofErr})
# Codes a dropped tag loses nothing structural with: reported, not put back.
_LAYOUT_KINDS = frozenset({"tab", "line_break"})
# Objects that may stand once only: a second note reference or text box would be invalid
# or would add paragraphs the source does not have.
_ONCE_ONLY_KINDS = frozenset(
    {"footnote_ref", "endnote_ref", "footnote_mark", "endnote_mark", "textbox"}
)
_NOTE_REFERENCES = {
    "footnote_ref": WN.footnoteReference,
    "endnote_ref": WN.endnoteReference,
}
_NOTE_MARKS = {"footnote_mark": WN.footnoteRef, "endnote_mark": WN.endnoteRef}
_RUN_OBJECT_KINDS = frozenset({"image", "object", "textbox"})


@dataclass(frozen=True)
class Piece:
    """One segment's share of a paragraph.

    ``text`` is the tagged text written (the target, or the source when it is kept),
    ``source`` the segment's source (the codes it holds must all come out), ``codes`` the
    segment's codes mapping, ``marked`` whether its runs are highlighted, and
    ``space_after`` the text between it and the next segment of the paragraph.
    """

    unit_id: str | int | None
    text: str
    source: str
    codes: Mapping[str, dict[str, Any]]
    marked: bool = False
    space_after: str = ""


@dataclass
class RebuildNotes:
    """What rebuilding changed or could not keep, for the export's report."""

    warnings: list[str] = field(default_factory=list)
    dropped: list[tuple[str | int | None, str]] = field(default_factory=list)
    line_breaks: int = 0  # \x0b characters written as w:br


@dataclass
class _Container:
    """Where new runs go (the paragraph's new content, or a hyperlink), with the run
    still open for more text of the same properties."""

    element: etree._Element | None
    items: list[etree._Element] = field(default_factory=list)
    open_run: etree._Element | None = None
    open_key: tuple[str, bool] | None = None

    def append(self, item: etree._Element) -> None:
        if self.element is None:
            self.items.append(item)
        else:
            self.element.append(item)
        self.open_run, self.open_key = None, None


class RunProperties:
    """The w:rPr of new runs, from run-properties XML, with the language (and the mark)
    set; parsed once per distinct XML."""

    def __init__(self, language: str, highlight: str) -> None:
        self.language = language
        self.highlight = highlight
        self._templates: dict[tuple[str, bool], etree._Element] = {}

    def new(self, rpr_xml: str, marked: bool) -> etree._Element:
        key = (rpr_xml, marked)
        template = self._templates.get(key)
        if template is None:
            template = self._template(rpr_xml, marked)
            self._templates[key] = template
        return deepcopy(template)

    def _template(self, rpr_xml: str, marked: bool) -> etree._Element:
        rpr: etree._Element | None = None
        if rpr_xml:
            try:
                rpr = etree.fromstring(rpr_xml, safe_xml.parser())
            except etree.XMLSyntaxError:
                rpr = None  # a damaged stored code: the run keeps only its language
            if rpr is not None and rpr.tag != WN.rPr:
                rpr = None
        if rpr is None:
            rpr = etree.Element(WN.rPr, nsmap={"w": W_NS})
        for change in rpr.findall(WN.rPrChange):  # a tracked formatting change of the source
            rpr.remove(change)
        set_run_language(rpr, self.language)
        if marked:
            set_highlight(rpr, self.highlight)
        return rpr


class ParagraphRebuilder:
    """Rebuilds one source paragraph (as read by :class:`exporters.docx.reader.DocxReader`)
    with the pieces of its segments; notes what it could not keep."""

    def __init__(
        self, paragraph: ReadParagraph, properties: RunProperties, notes: RebuildNotes
    ) -> None:
        self.paragraph = paragraph
        self.properties = properties
        self.notes = notes
        self.base_rpr = xml_string(paragraph.base_rpr)
        self.live_codes = paragraph.codes.codes
        self.live_nodes = paragraph.codes.nodes
        self.emitted: set[str] = set()  # code numbers written
        self._moved: dict[str, list[etree._Element]] = {}

    def rebuild(self, pieces: list[Piece]) -> None:
        element = self.paragraph.element
        front, back = self._take_content(element)
        out = _Container(None)
        for piece in pieces:
            writer = _PieceWriter(self, out, piece)
            walk(parse(piece.text), writer)
            self._restore_missing(piece, out)
            if piece.space_after:
                walk(parse(piece.space_after), _PieceWriter(self, out, piece, gap=True))
        leading = self._leftover_objects(pieces, out)
        position = 1 if len(element) and element[0].tag == WN.pPr else 0
        for offset, item in enumerate([*front, *leading, *out.items, *back]):
            element.insert(position + offset, item)
        mark = element.find(f"{W}pPr/{W}rPr")
        if mark is not None:
            set_run_language(mark, self.properties.language)

    # -- the old content out, its markers kept ------------------------------------------

    def _take_content(
        self, paragraph: etree._Element
    ) -> tuple[list[etree._Element], list[etree._Element]]:
        children = [child for child in paragraph if child.tag != WN.pPr]
        content = [i for i, child in enumerate(children) if child.tag in _CONTENT]
        first, last = (content[0], content[-1]) if content else (len(children), -1)
        front: list[etree._Element] = []
        back: list[etree._Element] = []
        for position, child in enumerate(children):
            paragraph.remove(child)
            tag = child.tag
            if tag in _CONTENT:
                self._markers_inside(child, front, back)
            elif tag in _DROPPED:
                continue
            elif position < first:
                front.append(child)
            elif position > last:
                back.append(child)
            elif tag in _END_MARKERS:
                back.append(child)
            else:  # a start marker, or something unknown kept where text began
                front.append(child)
        return front, back

    def _markers_inside(
        self, element: etree._Element, front: list[etree._Element], back: list[etree._Element]
    ) -> None:
        if element.tag == WN.r:
            for reference in element.findall(WN.commentReference):
                run = etree.Element(WN.r)
                rpr = element.find(WN.rPr)
                if rpr is not None:
                    run.append(deepcopy(rpr))
                run.append(reference)
                back.append(run)
            return
        if element.tag not in _CONTAINERS:
            return
        for child in list(element):
            tag = child.tag
            if tag in _START_MARKERS:
                front.append(child)
            elif tag in _END_MARKERS:
                back.append(child)
            else:
                self._markers_inside(child, front, back)

    # -- text -------------------------------------------------------------------------------

    def write_text(self, out: _Container, rpr_xml: str, marked: bool, text: str, unit: Any) -> None:
        buffer: list[str] = []
        run: etree._Element | None = None

        def current_run() -> etree._Element:
            nonlocal run
            if run is None:
                run = self._run(out, rpr_xml, marked)
            return run

        def flush() -> None:
            if buffer:
                _append_text(current_run(), "".join(buffer))
                buffer.clear()

        length = len(text)
        for position, character in enumerate(text):
            if character == "\t":
                flush()
                etree.SubElement(current_run(), WN.tab)
            elif character in LINE_BREAK_CHARACTERS or character == "\r":
                if character == "\r" and position + 1 < length and text[position + 1] == "\n":
                    continue  # \r\n is one break
                flush()
                etree.SubElement(current_run(), WN.br)
                if character == "\x0b":
                    self.notes.line_breaks += 1
            elif FORBIDDEN_CHARACTERS.match(character):
                self.notes.dropped.append((unit, character))
            else:
                buffer.append(character)
        flush()

    def _run(self, out: _Container, rpr_xml: str, marked: bool) -> etree._Element:
        key = (rpr_xml, marked)
        if out.open_run is not None and out.open_key == key:
            return out.open_run
        run = etree.Element(WN.r)
        run.append(self.properties.new(rpr_xml, marked))
        out.append(run)
        out.open_run, out.open_key = run, key
        return run

    # -- objects ----------------------------------------------------------------------------

    def write_standalone(
        self, out: _Container, number: str, codes: Mapping[str, dict[str, Any]], piece: Piece
    ) -> None:
        code = codes.get(number) or self.live_codes.get(number)
        if code is None:
            self.notes.warnings.append(
                f"segment {piece.unit_id}: <x{number}/> stands for nothing in the source; left out"
            )
            return
        kind = str(code.get("kind", ""))
        if number in self.emitted and kind in _ONCE_ONLY_KINDS:
            self.notes.warnings.append(
                f"segment {piece.unit_id}: <x{number}/> ({kind.replace('_', ' ')}) appears "
                f"more than once; written once"
            )
            return
        elements = self._live_elements(number, kind)
        if elements is None:
            elements = self._built(code, kind, piece)
        for item in elements:
            out.append(item)
        self.emitted.add(number)

    def _live_elements(self, number: str, kind: str) -> list[etree._Element] | None:
        """The source elements of the object (moved the first time, copied after), or None
        when the source paragraph holds none for this number."""
        node = self.live_nodes.get(number)
        if not isinstance(node, StandaloneNode) or not node.elements:
            return None
        if node.code.get("kind") != kind:
            return None
        moved = self._moved.get(number)
        if moved is not None:
            return [deepcopy(item) for item in moved]
        if (kind in _RUN_OBJECT_KINDS or kind == "tab") and len(node.elements) == 2:
            run, child = node.elements
            wrapper = etree.Element(WN.r)
            rpr = run.find(WN.rPr)
            if rpr is not None:
                wrapper.append(deepcopy(rpr))
            wrapper.append(child)
            items = [wrapper]
        else:
            items = list(node.elements)
        self._moved[number] = items
        return items

    def _built(self, code: dict[str, Any], kind: str, piece: Piece) -> list[etree._Element]:
        """The object written from its code alone."""
        rpr_xml = str(code.get("rpr") or "")
        if kind == "tab" or kind == "line_break" or kind.endswith("_break") or kind == "symbol":
            run = etree.Element(WN.r)
            run.append(self.properties.new(rpr_xml, piece.marked))
            if kind == "tab":
                etree.SubElement(run, WN.tab)
            elif kind == "line_break":
                br = etree.SubElement(run, WN.br)
                if code.get("clear"):
                    br.set(WN.clear, str(code["clear"]))
            elif kind == "symbol":
                symbol = etree.SubElement(run, WN.sym)
                for name in ("char", "font"):
                    if code.get(name):
                        symbol.set(W + name, str(code[name]))
            else:
                etree.SubElement(run, WN.br).set(WN.type, kind.removesuffix("_break"))
            return [run]
        if kind in _NOTE_REFERENCES or kind in _NOTE_MARKS:
            run = etree.Element(WN.r)
            if rpr_xml:
                run.append(self.properties.new(rpr_xml, False))
            if kind in _NOTE_REFERENCES:
                etree.SubElement(run, _NOTE_REFERENCES[kind]).set(
                    WN.id, str(code.get("note_id", ""))
                )
            else:
                etree.SubElement(run, _NOTE_MARKS[kind])
            return [run]
        if code.get("xml"):
            elements = _fragments(str(code["xml"]))
            if elements is not None:
                return elements
        self.notes.warnings.append(
            f"segment {piece.unit_id}: the {kind.replace('_', ' ') or 'object'} of a code "
            f"could not be rebuilt; left out"
        )
        return []

    def start_link(self, out: _Container, number: str, code: dict[str, Any]) -> _Container:
        """A new w:hyperlink for code number, in out; the container for its runs."""
        link = etree.Element(WN.hyperlink)
        node = self.live_nodes.get(number)
        if isinstance(node, LinkNode) and node.element is not None:
            for name, value in node.element.attrib.items():
                link.set(name, value)
        else:
            for name, value in (code.get("attributes") or {}).items():
                link.set(RN.id if name == "id" else W + name, str(value))
        out.append(link)
        self.emitted.add(number)
        return _Container(link)

    def _restore_missing(self, piece: Piece, out: _Container) -> None:
        """Objects of the segment's source that its text left out, put back after it."""
        if piece.text == piece.source:
            return
        written = {str(tag.code_id) for tag in tags(piece.text)}
        for tag in tags(piece.source):
            number = str(tag.code_id)
            if number in written or number in self.emitted:
                continue
            code = piece.codes.get(number) or self.live_codes.get(number) or {}
            kind = str(code.get("kind", ""))
            label = kind.replace("_", " ") or "code"
            if tag.kind == "standalone":
                if kind in _LAYOUT_KINDS:
                    self.notes.warnings.append(
                        f"segment {piece.unit_id}: the English text has no <x{number}/> "
                        f"({label}); left out"
                    )
                    continue
                self.notes.warnings.append(
                    f"segment {piece.unit_id}: the English text has no <x{number}/> "
                    f"({label}); put back at the end of the sentence"
                )
                self.write_standalone(out, number, piece.codes, piece)
            elif tag.kind == "open" and kind == "hyperlink":
                self.notes.warnings.append(
                    f"segment {piece.unit_id}: the English text has no <g{number}> "
                    f"(hyperlink); its words are not linked"
                )

    def _leftover_objects(self, pieces: list[Piece], out: _Container) -> list[etree._Element]:
        """Objects of the paragraph no segment holds (between sentences): those numbered
        before the first segment's codes go first, the others last. Returns the first."""
        first_numbers = [tag.code_id for tag in tags(pieces[0].source)] if pieces else []
        first = min((n for n in first_numbers if n is not None), default=None)
        leading = _Container(None)
        for number, node in self.live_nodes.items():
            if number in self.emitted or not isinstance(node, StandaloneNode):
                continue
            if node.code.get("kind") in _LAYOUT_KINDS:
                continue
            anchor = pieces[0] if pieces else Piece(None, "", "", {})
            target = leading if first is not None and int(number) < first else out
            self.write_standalone(target, number, self.live_codes, anchor)
        return leading.items


class _PieceWriter(Visitor):
    """Writes one piece's tree into the paragraph's new content."""

    def __init__(
        self, rebuilder: ParagraphRebuilder, out: _Container, piece: Piece, *, gap: bool = False
    ) -> None:
        self.rebuilder = rebuilder
        self.piece = piece
        self.marked = piece.marked and not gap
        self.stack: list[tuple[_Container, str]] = [(out, rebuilder.base_rpr)]

    def _code(self, number: int) -> dict[str, Any] | None:
        key = str(number)
        return self.piece.codes.get(key) or self.rebuilder.live_codes.get(key)

    def text(self, text: str) -> None:
        container, rpr_xml = self.stack[-1]
        self.rebuilder.write_text(container, rpr_xml, self.marked, text, self.piece.unit_id)

    def start(self, code: Paired) -> None:
        container, rpr_xml = self.stack[-1]
        info = self._code(code.id)
        if info is None:
            self.rebuilder.notes.warnings.append(
                f"segment {self.piece.unit_id}: <g{code.id}> stands for nothing in the source; "
                f"its words are written without it"
            )
            self.stack.append((container, rpr_xml))
            return
        if info.get("kind") == "hyperlink":
            link = self.rebuilder.start_link(container, str(code.id), info)
            self.stack.append((link, str(info.get("rpr", rpr_xml))))
            return
        self.rebuilder.emitted.add(str(code.id))
        self.stack.append((container, str(info.get("rpr", rpr_xml))))

    def end(self, code: Paired) -> None:
        self.stack.pop()

    def standalone(self, code: Standalone) -> None:
        container, _ = self.stack[-1]
        self.rebuilder.write_standalone(container, str(code.id), self.piece.codes, self.piece)

    def stray(self, code: Stray) -> None:
        self.rebuilder.notes.warnings.append(
            f"segment {self.piece.unit_id}: {code.tag} has no partner; its formatting was "
            f"not applied"
        )


def _append_text(run: etree._Element, text: str) -> None:
    last = run[-1] if len(run) else None
    if last is not None and last.tag == WN.t:
        text = (last.text or "") + text
    else:
        last = etree.SubElement(run, WN.t)
    last.text = text
    if text != text.strip() or "  " in text:
        last.set(XML_SPACE, "preserve")
    elif XML_SPACE in last.attrib:
        del last.attrib[XML_SPACE]


def _fragments(xml: str) -> list[etree._Element] | None:
    """The elements of stored XML (one element or several side by side), None if it
    does not parse."""
    try:
        wrapper = etree.fromstring(f"<fragments>{xml}</fragments>", safe_xml.parser())
    except etree.XMLSyntaxError:
        return None
    return list(wrapper)
