"""One DOCX paragraph → segment text with inline codes, plus the codes mapping.

The intake reads a source paragraph this way; the target DOCX reads the same original
paragraph again, so it knows the paragraph's base formatting and which element each code
number stands for (``ParagraphCodes.nodes``: a node keeps the source elements of its
object), and re-reads what it wrote to count it.

Runs are read into nodes (text, standalone objects, hyperlinks). Rendering picks the
paragraph's dominant formatting as its base: text in that formatting carries no code,
adjacent runs with the same other formatting merge into one paired code, so "<g1>bold
words</g1>" gets one code however many runs Word split it into. Breaks and tabs stay in
their run's formatting; fields, images and note references are "neutral" standalone codes
that never split or open a formatting code.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from exporters.docx.names import MATH, MCN, RN, WN, W
from exporters.docx.package import run_font
from primitives.inline import CodeNumbering, close_tag, open_tag, standalone_tag

FormatKey = tuple[tuple[str, tuple[tuple[str, str], ...]], ...]

# Run properties that do not change how Latin text looks (proofing language, complex-script
# and East Asian variants); runs differing only in these merge.
_IGNORED_RPR = frozenset(
    f"{W}{name}"
    for name in ("lang", "noProof", "szCs", "bCs", "iCs", "cs", "webHidden", "specVanish")
) | frozenset({WN.eastAsianLayout})
_FONT_ATTRS = (WN.ascii, WN.hAnsi)
_TOGGLE_NAMES = {
    "b": "bold",
    "i": "italic",
    "strike": "strikethrough",
    "dstrike": "double_strikethrough",
    "caps": "caps",
    "smallCaps": "small_caps",
    "vanish": "hidden",
}
_SIMPLE_KINDS = frozenset(
    {"bold", "italic", "underline", "superscript", "subscript", "strikethrough"}
)
_CONTAINERS = frozenset(
    f"{W}{name}"
    for name in ("smartTag", "sdt", "sdtContent", "ins", "moveTo", "customXml", "dir", "bdo")
)
_DELETED = frozenset({f"{W}del", WN.moveFrom})
_MATH = frozenset({f"{MATH}oMath", f"{MATH}oMathPara"})
_OBJECTS = frozenset({WN.drawing, WN.pict, WN.object, MCN.AlternateContent})


def xml_string(element: etree._Element | None) -> str:
    """The element as standalone XML, declaring only the namespaces it uses."""
    if element is None:
        return ""
    copy = deepcopy(element)
    etree.cleanup_namespaces(copy)
    # Interned: a document repeats the same few run properties thousands of times.
    return sys.intern(etree.tostring(copy, encoding="unicode"))


def format_key(rpr: etree._Element | None) -> FormatKey:
    """A comparable summary of run properties, ignoring invisible differences."""
    if rpr is None:
        return ()
    entries = []
    for child in rpr:
        tag = child.tag
        if not isinstance(tag, str) or tag in _IGNORED_RPR or tag == WN.rPrChange:
            continue
        if tag == WN.rFonts:
            attrs = tuple((name, child.get(name)) for name in _FONT_ATTRS if child.get(name))
            if not attrs:
                continue
        else:
            attrs = tuple(sorted(child.attrib.items()))
        entries.append((etree.QName(tag).localname, attrs))
    return tuple(sorted(entries))


def _is_on(attrs: tuple[tuple[str, str], ...] | None, off_values: frozenset[str]) -> bool:
    if attrs is None:
        return False
    value = dict(attrs).get(WN.val)
    return value is None or value not in off_values


def describe_difference(key: FormatKey, base: FormatKey) -> list[str]:
    """Names of what a run's formatting changes relative to the base formatting."""
    mine, theirs = dict(key), dict(base)
    labels: list[str] = []
    for name in sorted(set(mine) | set(theirs)):
        if mine.get(name) == theirs.get(name):
            continue
        if name in _TOGGLE_NAMES or name == "u":
            off = frozenset({"0", "false", "off"}) | (
                frozenset({"none"}) if name == "u" else frozenset()
            )
            label = _TOGGLE_NAMES.get(name, "underline")
            on_here, on_base = _is_on(mine.get(name), off), _is_on(theirs.get(name), off)
            if on_here != on_base:
                labels.append(label if on_here else f"not_{label}")
            elif on_here:
                labels.append(f"{label}_variant")  # e.g. double instead of single underline
        elif name == "vertAlign":
            value = dict(mine.get(name) or ()).get(WN.val, "baseline")
            labels.append(value if value in ("superscript", "subscript") else "baseline")
        elif name == "rFonts":
            labels.append("font")
        elif name == "rStyle":
            labels.append(f"style:{dict(mine.get(name) or ()).get(f'{W}val', '')}")
        elif name == "sz":
            labels.append("size")
        else:
            labels.append(name)
    return labels


@dataclass
class TextNode:
    text: str
    key: FormatKey
    rpr: etree._Element | None
    font: str | None


@dataclass
class StandaloneNode:
    """A protected object; key None means it takes no part in formatting groups.

    ``elements`` are the source elements the object is, for a writer that moves them into
    a rebuilt paragraph: the run and its object child (image, text box, embedded object,
    positional tab), the math or simple-field element, or the runs of a complex field; ()
    for what a writer builds from the code alone (tabs, breaks, symbols, note references).
    """

    code: dict[str, Any]
    key: FormatKey | None
    elements: tuple[etree._Element, ...] = ()


@dataclass
class LinkNode:
    code: dict[str, Any]
    children: list[TextNode | StandaloneNode | LinkNode]
    element: etree._Element | None = None  # the source w:hyperlink


Node = TextNode | StandaloneNode | LinkNode


@dataclass
class _FieldFrame:
    instruction: list[str] = field(default_factory=list)
    in_result: bool = False


@dataclass
class FieldCapture:
    """The runs of an outermost field (its nested fields included) being collected."""

    outer: _FieldFrame
    xml: list[str] = field(default_factory=list)
    elements: list[etree._Element] = field(default_factory=list)
    result: list[str] = field(default_factory=list)
    continued: bool = False

    def add(self, element: etree._Element) -> None:
        self.xml.append(xml_string(element))
        self.elements.append(element)

    def to_node(self, continues: bool) -> StandaloneNode:
        code = {
            "type": "standalone",
            "kind": "field",
            "instruction": "".join(self.outer.instruction).strip(),
            "result": "".join(self.result),
            "xml": "".join(self.xml),
            "continued": self.continued,
            "continues": continues,
        }
        return StandaloneNode(code, None, tuple(self.elements))


@dataclass
class PartState:
    """Reading state that spans paragraphs of one part (open fields, notes, warnings)."""

    hyperlink_targets: dict[str, str]
    comments: dict[str, str]
    style_font: Callable[[str | None], str | None]
    field_stack: list[_FieldFrame] = field(default_factory=list)
    capture: FieldCapture | None = None
    warnings: set[str] = field(default_factory=set)


class ParagraphReader:
    """Collects the nodes and comment notes of one paragraph."""

    def __init__(self, state: PartState, paragraph_font: str | None) -> None:
        self.state = state
        self.paragraph_font = paragraph_font
        self.notes: dict[str, None] = {}

    def read(self, paragraph: etree._Element) -> list[Node]:
        nodes: list[Node] = []
        self._collect(paragraph, nodes)
        capture = self.state.capture
        if capture is not None:  # a field (e.g. a TOC) runs on into the next paragraph
            nodes.append(capture.to_node(continues=True))
            self.state.capture = FieldCapture(capture.outer, continued=True)
        return nodes

    def _note(self, comment_id: str | None) -> None:
        text = self.state.comments.get(comment_id or "")
        if text:
            self.notes[text] = None

    def _collect(self, parent: etree._Element, out: list[Node]) -> None:
        for child in parent:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == WN.r:
                self._run(child, out)
            elif tag == WN.hyperlink:
                self._hyperlink(child, out)
            elif tag == WN.fldSimple:
                self._simple_field(child, out)
            elif tag in _CONTAINERS:
                self._collect(child, out)
            elif tag == MCN.AlternateContent:
                choice = child.find(MCN.Choice)
                if choice is not None:
                    self._collect(choice, out)
            elif tag in _DELETED:
                self.state.warnings.add(
                    "the document has tracked changes: deleted text was left out, "
                    "inserted text was kept; accept or reject changes in Word to be sure"
                )
            elif tag == WN.commentRangeStart:
                self._note(child.get(WN.id))
            elif tag in _MATH:
                out.append(StandaloneNode(_object_code("math", child), None, (child,)))

    def _hyperlink(self, link: etree._Element, out: list[Node]) -> None:
        if self.state.capture is not None:
            self._collect(link, out)
            return
        rel_id = link.get(RN.id)
        code: dict[str, Any] = {
            "type": "paired",
            "kind": "hyperlink",
            "url": self.state.hyperlink_targets.get(rel_id or ""),
            "anchor": link.get(WN.anchor),
            "attributes": {etree.QName(k).localname: v for k, v in link.attrib.items()},
        }
        children: list[Node] = []
        self._collect(link, children)
        out.append(LinkNode(code, children, link))

    def _simple_field(self, element: etree._Element, out: list[Node]) -> None:
        result = "".join(t.text or "" for t in element.iter(WN.t))
        if self.state.capture is not None:
            self.state.capture.add(element)
            self.state.capture.result.append(result)
            return
        code = {
            "type": "standalone",
            "kind": "field",
            "instruction": (element.get(WN.instr) or "").strip(),
            "result": result,
            "xml": xml_string(element),
            "continued": False,
            "continues": False,
        }
        out.append(StandaloneNode(code, None, (element,)))

    def _run(self, run: etree._Element, out: list[Node]) -> None:
        if self.state.capture is not None or run.find(WN.fldChar) is not None:
            self._field_run(run, out)
            return
        rpr = run.find(WN.rPr)
        key = format_key(rpr)
        font: str | None = None
        for child in run:
            tag = child.tag
            if tag == WN.t:
                if font is None:
                    font = self._font(rpr)
                out.append(TextNode(child.text or "", key, rpr, font))
            elif tag == WN.rPr or not isinstance(tag, str):
                continue
            else:
                self._run_child(child, run, rpr, key, out)

    def _font(self, rpr: etree._Element | None) -> str | None:
        direct = run_font(rpr)
        if direct:
            return direct
        style = rpr.find(WN.rStyle) if rpr is not None else None
        from_style = self.state.style_font(style.get(WN.val)) if style is not None else None
        return from_style or self.paragraph_font

    def _run_child(
        self,
        child: etree._Element,
        run: etree._Element,
        rpr: etree._Element | None,
        key: FormatKey,
        out: list[Node],
    ) -> None:
        tag = child.tag
        if tag in (WN.tab, WN.ptab):
            code = {"type": "standalone", "kind": "tab", "rpr": xml_string(rpr)}
            # A positional tab (right-aligned page numbers in footers) has alignment
            # attributes a plain w:tab would lose: a writer moves the element itself.
            sources = (run, child) if tag == WN.ptab else ()
            out.append(StandaloneNode(code, key, sources))
        elif tag == WN.cr or (tag == WN.br and child.get(WN.type) in (None, "textWrapping")):
            code = {"type": "standalone", "kind": "line_break", "rpr": xml_string(rpr)}
            if child.get(WN.clear):
                code["clear"] = child.get(WN.clear)
            out.append(StandaloneNode(code, key))
        elif tag == WN.br:
            kind = f"{child.get(f'{W}type')}_break"
            out.append(
                StandaloneNode({"type": "standalone", "kind": kind, "rpr": xml_string(rpr)}, None)
            )
        elif tag == WN.noBreakHyphen:
            out.append(TextNode("\u2011", key, rpr, self._font(rpr)))
        elif tag == WN.sym:
            code = {
                "type": "standalone",
                "kind": "symbol",
                "char": child.get(WN.char),
                "font": child.get(WN.font),
                "rpr": xml_string(rpr),
            }
            out.append(StandaloneNode(code, key))
        elif tag in _OBJECTS:
            if next(child.iter(WN.txbxContent), None) is not None:
                # The text box's paragraphs are blocks of their own (see their refs); the
                # target DOCX moves this anchor element, with them, where its code stands.
                code = {"type": "standalone", "kind": "textbox", "rpr": xml_string(rpr)}
            else:
                kind = "object" if tag == WN.object else "image"
                code = _object_code(kind, run)
            out.append(StandaloneNode(code, None, (run, child)))
        elif tag in (WN.footnoteReference, WN.endnoteReference):
            kind = "footnote_ref" if tag == WN.footnoteReference else "endnote_ref"
            code = {
                "type": "standalone",
                "kind": kind,
                "note_id": child.get(WN.id),
                "rpr": xml_string(rpr),
            }
            out.append(StandaloneNode(code, None))
        elif tag in (WN.footnoteRef, WN.endnoteRef):
            kind = "footnote_mark" if tag == WN.footnoteRef else "endnote_mark"
            out.append(
                StandaloneNode({"type": "standalone", "kind": kind, "rpr": xml_string(rpr)}, None)
            )
        elif tag == WN.commentReference:
            self._note(child.get(WN.id))
        elif tag == WN.contentPart:
            out.append(StandaloneNode(_object_code("object", run), None, (run, child)))

    def _field_run(self, run: etree._Element, out: list[Node]) -> None:
        """A run inside (or starting/ending) a complex field: captured, never translated."""
        state = self.state
        captured = False
        for child in run:
            tag = child.tag
            if tag == WN.fldChar:
                field_type = child.get(WN.fldCharType)
                if field_type == "begin":
                    frame = _FieldFrame()
                    if state.capture is None:
                        state.capture = FieldCapture(frame)
                    state.field_stack.append(frame)
                elif field_type == "separate" and state.field_stack:
                    state.field_stack[-1].in_result = True
                elif field_type == "end" and state.field_stack:
                    state.field_stack.pop()
                    if not state.field_stack and state.capture is not None:
                        if not captured:
                            state.capture.add(run)
                            captured = True
                        out.append(state.capture.to_node(continues=False))
                        state.capture = None
            elif state.capture is None:
                # Ordinary content after a field ended inside the same run.
                if tag == WN.t:
                    rpr = run.find(WN.rPr)
                    out.append(TextNode(child.text or "", format_key(rpr), rpr, self._font(rpr)))
            elif tag == WN.instrText and state.field_stack:
                if not state.field_stack[-1].in_result:
                    state.field_stack[-1].instruction.append(child.text or "")
            elif tag == WN.t and state.field_stack and state.field_stack[-1].in_result:
                state.capture.result.append(child.text or "")
            if state.capture is not None and not captured:
                state.capture.add(run)
                captured = True


def _object_code(kind: str, element: etree._Element) -> dict[str, Any]:
    return {"type": "standalone", "kind": kind, "xml": xml_string(element)}


class ParagraphCodes(CodeNumbering):
    """The codes of one paragraph, and the node each number was given for (a formatting
    code: the first node of its stretch), so a writer finds the source elements."""

    def __init__(self) -> None:
        super().__init__()
        self.nodes: dict[str, Node] = {}

    def add_node(self, node: Node, code: dict[str, Any] | None = None) -> int:
        """Number a standalone or link node's own code, or the formatting code given."""
        if code is None:
            assert not isinstance(node, TextNode), "a text node's code is a formatting code"
            code = node.code
        number = self.add(code)
        self.nodes[str(number)] = node
        return number


Repair = Callable[[str, str | None], str]


def dominant_key(nodes: list[Node]) -> tuple[FormatKey, etree._Element | None]:
    """The formatting covering most characters of the nodes' own text, and its rPr."""
    weight: dict[FormatKey, int] = {}
    sample: dict[FormatKey, etree._Element | None] = {}
    for node in nodes:
        if isinstance(node, TextNode):
            weight[node.key] = weight.get(node.key, 0) + len(node.text)
            sample.setdefault(node.key, node.rpr)
    if not weight:
        keyed = next((n for n in nodes if isinstance(n, StandaloneNode) and n.key), None)
        return (keyed.key if keyed and keyed.key else ()), None
    best = max(weight, key=lambda k: weight[k])
    return best, sample[best]


def _merge_text(nodes: list[Node]) -> list[Node]:
    merged: list[Node] = []
    for node in nodes:
        previous = merged[-1] if merged else None
        if (
            isinstance(node, TextNode)
            and isinstance(previous, TextNode)
            and previous.key == node.key
            and previous.font == node.font
        ):
            merged[-1] = TextNode(previous.text + node.text, node.key, previous.rpr, node.font)
        else:
            merged.append(node)
    return merged


def render(nodes: list[Node], base: FormatKey, numbering: ParagraphCodes, repair: Repair) -> str:
    """Tagged text for nodes whose unmarked formatting is ``base``."""
    parts: list[str] = []
    group: list[str] | None = None  # rendered content of the open paired formatting code
    group_key: FormatKey | None = None
    group_number = 0
    waiting: list[StandaloneNode] = []  # neutral codes met while a group is open

    def standalone(node: StandaloneNode) -> str:
        return standalone_tag(numbering.add_node(node))

    def close_group() -> None:
        nonlocal group, group_key
        if group is not None:
            parts.append(open_tag(group_number) + "".join(group) + close_tag(group_number))
        group, group_key = None, None
        parts.extend(standalone(node) for node in waiting)
        waiting.clear()

    for node in _merge_text(nodes):
        if isinstance(node, LinkNode):
            close_group()
            number = numbering.add_node(node)
            inner_base, inner_rpr = dominant_key(node.children)
            node.code["rpr"] = xml_string(inner_rpr)
            inner = render(node.children, inner_base, numbering, repair)
            parts.append(open_tag(number) + inner + close_tag(number))
            continue
        if isinstance(node, StandaloneNode) and node.key is None:
            if group is not None:
                waiting.append(node)
            else:
                parts.append(standalone(node))
            continue
        key = node.key or ()
        if group is not None and key != group_key:
            close_group()
        if group is None and key != base:
            sample_rpr = node.rpr if isinstance(node, TextNode) else None
            group_number = numbering.add_node(node, _format_code(key, base, sample_rpr, node))
            group, group_key = [], key
        target = group if group is not None else parts
        if waiting and group is not None:
            target.extend(standalone(w) for w in waiting)
            waiting.clear()
        if isinstance(node, TextNode):
            target.append(repair(node.text, node.font))
        else:
            target.append(standalone(node))
    close_group()
    return "".join(parts)


def _format_code(
    key: FormatKey, base: FormatKey, rpr: etree._Element | None, node: Node
) -> dict[str, Any]:
    properties = describe_difference(key, base)
    kind = properties[0] if len(properties) == 1 and properties[0] in _SIMPLE_KINDS else None
    if rpr is None and isinstance(node, StandaloneNode):
        rpr_xml = node.code.get("rpr", "")
    else:
        rpr_xml = xml_string(rpr)
    return {
        "type": "paired",
        "kind": kind or "formatting",
        "properties": properties,
        "rpr": rpr_xml,
        "font": node.font if isinstance(node, TextNode) else None,
    }
