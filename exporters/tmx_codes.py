"""Inline codes between TMX segments and songngu's <gN>…</gN> / <xN/> tags, both ways.

Reading turns a ``<seg>``'s bpt/ept, ph/it/ut and hi elements into tagged text; writing
walks a text's inline-code tree (:mod:`primitives.inline`) and writes paired codes as
bpt/ept, standalone codes as ph and tags without a partner as it, so a TMX written by
songngu is valid against tmx14.dtd whatever a translator did to the tags.
"""

from __future__ import annotations

import html.entities
import re
from dataclasses import dataclass, field

from lxml import etree

from primitives.inline import (
    Content,
    Paired,
    Standalone,
    Stray,
    Visitor,
    close_tag,
    open_tag,
    standalone_tag,
    walk,
)

# OmegaT keeps its own short tags (<b0>…</b0>, <f1/>) as plain text in project TMX files.
OMEGAT_TAG_RE = re.compile(r"<(/?)([a-zA-Z]+)(\d+)(/?)>")


@dataclass
class CodeNumbers:
    """Numbers given to a unit's codes, shared by its source and target segments.

    A code is known by a key (its kind plus its TMX x attribute, or its i attribute, or
    its text); the same key in the target gets the source's number, so the two sides of
    a unit keep matching tags. The x attribute is kept as the number when it is free.
    """

    numbers: dict[tuple[str, str], int] = field(default_factory=dict)
    used: set[int] = field(default_factory=set)

    def number_for(self, key: tuple[str, str], preferred: str | None) -> int:
        known = self.numbers.get(key)
        if known is not None:
            return known
        number = int(preferred) if preferred and preferred.isdigit() else 0
        if number < 1 or number in self.used:
            number = max(self.used, default=0) + 1
        self.numbers[key] = number
        self.used.add(number)
        return number


@dataclass
class SegText:
    """Text built from one <seg>, with notes on what could not be kept."""

    parts: list[str] = field(default_factory=list)
    dropped_sub_flows: int = 0
    entities: set[str] = field(default_factory=set)
    unknown_elements: set[str] = field(default_factory=set)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _local_name(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""  # a comment or processing instruction
    return etree.QName(tag).localname


def seg_to_text(
    seg: etree._Element, numbers: CodeNumbers, *, omegat_shortcuts: bool = False
) -> SegText:
    """Text of a TMX <seg> with its inline elements turned into songngu tags.

    omegat_shortcuts: also turn OmegaT's short tags written as text (<b0>) into tags.
    """
    result = SegText()

    def add_text(text: str | None) -> None:
        if text:
            result.parts.append(omegat_tags_to_codes(text, numbers) if omegat_shortcuts else text)

    pair_numbers: dict[str, int] = {}  # bpt i -> number, for the matching ept
    occurrences: dict[tuple[str, str], int] = {}

    def occurrence_key(kind: str, text: str) -> tuple[str, str]:
        count = occurrences.get((kind, text), 0) + 1
        occurrences[(kind, text)] = count
        return (kind, f"{text}\x00{count}")

    def walk(element: etree._Element) -> None:
        add_text(element.text)
        for child in element:
            name = _local_name(child)
            if isinstance(child, etree._Entity):
                # &nbsp; and the like under a DOCTYPE whose DTD is never loaded: HTML's
                # character names are kept as their character, anything else as written.
                result.entities.add(child.text)
                add_text(html.entities.html5.get(f"{child.name};", child.text))
            elif name == "bpt":
                pair_id = child.get("i", "")
                key = ("g", child.get("x") or f"i{pair_id}")
                number = numbers.number_for(key, child.get("x") or pair_id)
                pair_numbers[pair_id] = number
                result.parts.append(open_tag(number))
                result.dropped_sub_flows += len(child.findall("sub"))
            elif name == "ept":
                pair_id = child.get("i", "")
                number = pair_numbers.pop(pair_id, None)
                if number is None:
                    # An ept whose bpt is not in this segment: a lone closing code.
                    key = occurrence_key("ept", pair_id)
                    number = numbers.number_for(key, None)
                    result.parts.append(standalone_tag(number))
                else:
                    result.parts.append(close_tag(number))
                result.dropped_sub_flows += len(child.findall("sub"))
            elif name in ("ph", "it", "ut"):
                x = child.get("x")
                native = "".join(child.itertext())
                key = ("x", x) if x else occurrence_key(name, native)
                number = numbers.number_for(key, x)
                result.parts.append(standalone_tag(number))
                result.dropped_sub_flows += len(child.findall("sub"))
            elif name == "hi":
                x = child.get("x")
                key = ("hi", x) if x else occurrence_key("hi", child.get("type", ""))
                number = numbers.number_for(key, x)
                result.parts.append(open_tag(number))
                walk(child)
                result.parts.append(close_tag(number))
            elif name:
                # Not TMX 1.4 inline markup: keep what a reader sees.
                result.unknown_elements.add(name)
                walk(child)
            add_text(child.tail)

    walk(seg)
    # A bpt without its ept in this segment cannot be a pair: leave it standalone.
    text = result.text
    for number in pair_numbers.values():
        text = text.replace(open_tag(number), standalone_tag(number), 1)
    result.parts = [text]
    return result


def omegat_tags_to_codes(text: str, numbers: CodeNumbers) -> str:
    """Turn OmegaT's plain-text short tags (<b0>, </b0>, <f1/>) into songngu tags."""

    def replace(match: re.Match[str]) -> str:
        closing, letters, digits, empty = match.groups()
        if empty:
            return standalone_tag(numbers.number_for(("omegat-x", letters + digits), None))
        number = numbers.number_for(("omegat-g", letters + digits), None)
        return close_tag(number) if closing else open_tag(number)

    return OMEGAT_TAG_RE.sub(replace, text)


# ---------------------------------------------------------------------------------------
# Writing

# Characters XML 1.0 cannot hold. Word's manual line break (\x0b) and page break (\x0c)
# become a newline; the other control characters carry no text and are left out.
_BREAKS_RE = re.compile("[\x0b\x0c]")
_NOT_XML_RE = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text with the characters XML 1.0 forbids replaced or removed."""
    return _NOT_XML_RE.sub("", _BREAKS_RE.sub("\n", text))


class _SegWriter(Visitor):
    """Builds a flat <seg>: TMX bpt/ept are paired by their i attribute, not by nesting,
    so crossed pairs (linked strays) stay pairs; a tag without any partner is an it."""

    def __init__(self) -> None:
        self.seg = etree.Element("seg")
        self.pairs = 0
        self.open_pairs: list[int] = []  # i of each paired code being walked
        self.linked: dict[int, int] = {}  # a stray pair's link -> its i

    def _append(self, tag: str, native: str, **attributes: str) -> None:
        element = etree.SubElement(self.seg, tag, **attributes)
        # The native code is our own tag, as OmegaT does, so other tools show something.
        element.text = native

    def text(self, text: str) -> None:
        if not text:
            return
        text = xml_safe(text)
        if len(self.seg):
            last = self.seg[-1]
            last.tail = (last.tail or "") + text
        else:
            self.seg.text = (self.seg.text or "") + text

    def _begin(self, code_id: int, native: str) -> int:
        self.pairs += 1
        self._append("bpt", native, i=str(self.pairs), x=str(code_id))
        return self.pairs

    def start(self, code: Paired) -> None:
        self.open_pairs.append(self._begin(code.id, open_tag(code.id)))

    def end(self, code: Paired) -> None:
        self._append("ept", close_tag(code.id), i=str(self.open_pairs.pop()))

    def standalone(self, code: Standalone) -> None:
        self._append("ph", standalone_tag(code.id), x=str(code.id))

    def stray(self, code: Stray) -> None:
        if code.link is not None and code.kind == "open":
            self.linked[code.link] = self._begin(code.id, code.tag)
        elif code.link is not None and code.link in self.linked:
            self._append("ept", code.tag, i=str(self.linked.pop(code.link)))
        else:
            position = "begin" if code.kind == "open" else "end"
            self._append("it", code.tag, pos=position, x=str(code.id))


def content_to_seg(content: Content) -> etree._Element:
    """A <seg> for a text's inline-code tree: <gN>…</gN> become bpt/ept, <xN/> ph, tags
    without a partner it."""
    writer = _SegWriter()
    walk(content, writer)
    return writer.seg
