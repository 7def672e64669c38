"""Inline codes inside segment text: the one parser, its tree and the walk formats write from.

Formatting and protected objects from the source live in the segment text as tags, the
way OmegaT shows them: a paired code ``<g1>…</g1>`` wraps formatted words (bold, italic,
hyperlink, …) and a standalone code ``<x2/>`` stands for a line break, tab, field, image
or footnote reference. What each number means is kept beside the segment (its ``codes``
mapping), so an exporter can put the formatting back on the right words.

Text parses once into a small tree (:func:`parse`): :class:`Text`, :class:`Paired` (a code
number and the nodes it wraps) and :class:`Standalone`. Parsing is tolerant, because a
translator's target may be broken: an opening tag without its closing tag, a closing tag
without its opening tag, or pairs that cross, stay in the tree as :class:`Stray` nodes,
and the content lists the pairing problems in words. :func:`tagged` writes the tree back
exactly (``tagged(parse(text)) == text`` for any text); :func:`walk` hands the nodes to a
:class:`Visitor` in document order, so each format writes its own form (TMX bpt/ept,
XLIFF g/x or pc/ph, DOCX runs, the ``<1>…</1>`` display text) from the same walk.

A tag's number is written as songngu writes it: digits without leading zeros (``<g01>``
is text, not a tag). This module is the only place that knows the tag syntax.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal, TypeVar

_TAG_RE = re.compile(r"<g(0|[1-9]\d*)>|</g(0|[1-9]\d*)>|<x(0|[1-9]\d*)/>")

TokenKind = Literal["text", "open", "close", "standalone"]
TagKind = Literal["open", "close", "standalone"]


def open_tag(code_id: int) -> str:
    """The opening tag of paired code code_id: ``<g1>``."""
    return f"<g{code_id}>"


def close_tag(code_id: int) -> str:
    """The closing tag of paired code code_id: ``</g1>``."""
    return f"</g{code_id}>"


def standalone_tag(code_id: int) -> str:
    """The tag of standalone code code_id: ``<x1/>``."""
    return f"<x{code_id}/>"


class CodeNumbering:
    """Hands out code numbers in text order and keeps the codes mapping of one block
    (number as a string, "1", "2", … → what the code stands for), as readers build it."""

    def __init__(self) -> None:
        self.codes: dict[str, dict[str, Any]] = {}

    def add(self, code: dict[str, Any]) -> int:
        number = len(self.codes) + 1
        self.codes[str(number)] = code
        return number


# ---------------------------------------------------------------------------------------
# Tokens: the text cut into stretches of text and tags, with their offsets


@dataclass(frozen=True)
class Token:
    """A stretch of the text: plain text (``code_id`` None) or one tag, at [start, end)."""

    kind: TokenKind
    start: int
    end: int
    text: str
    code_id: int | None = None

    @property
    def is_tag(self) -> bool:
        return self.kind != "text"


def _tag_token(match: re.Match[str]) -> Token:
    opening, closing, standalone = match.groups()
    kind: TagKind = "open" if opening is not None else "close" if closing else "standalone"
    number = opening if opening is not None else closing if closing is not None else standalone
    return Token(kind, match.start(), match.end(), match.group(0), int(number))


def tags(text: str) -> list[Token]:
    """Every tag of text, in order."""
    if "<" not in text:
        return []
    return [_tag_token(match) for match in _TAG_RE.finditer(text)]


def tokens(text: str) -> Iterator[Token]:
    """The text as tokens in order: stretches of text between tags, and the tags."""
    cursor = 0
    for tag in tags(text):
        if tag.start > cursor:
            yield Token("text", cursor, tag.start, text[cursor : tag.start])
        yield tag
        cursor = tag.end
    if cursor < len(text):
        yield Token("text", cursor, len(text), text[cursor:])


def has_tags(text: str, start: int = 0, end: int | None = None) -> bool:
    """True if a whole tag lies within text[start:end]."""
    if "<" not in text:
        return False
    return _TAG_RE.search(text, start, len(text) if end is None else end) is not None


def tag_at(text: str, offset: int) -> Token | None:
    """The tag that starts exactly at offset, if one does."""
    match = _TAG_RE.match(text, offset)
    return _tag_token(match) if match else None


def replace_tags(text: str, replacement: str | Callable[[Token], str]) -> str:
    """Text with every tag replaced by a string, or by what replacement(tag) returns."""
    if "<" not in text:
        return text
    if isinstance(replacement, str):
        return _TAG_RE.sub(replacement.replace("\\", "\\\\"), text)
    return _TAG_RE.sub(lambda match: replacement(_tag_token(match)), text)


def tag_signature(text: str) -> tuple[str, ...]:
    """The tags of text in order, as written: equal signatures mean the same codes."""
    return tuple(tag.text for tag in tags(text))


def opening_tags_before(text: str, offset: int) -> int:
    """Start of the run of opening tags that ends exactly at offset (offset if none)."""
    start = offset
    for tag in reversed([tag for tag in tags(text[:offset]) if tag.kind == "open"]):
        if tag.end != start:
            break
        start = tag.start
    return start


V = TypeVar("V")


def codes_used(codes: Mapping[str, V], *texts: str) -> dict[str, V]:
    """The entries of a codes mapping (keyed "1", "2", …) whose numbers occur in texts."""
    used = {str(tag.code_id) for text in texts for tag in tags(text)}
    return {key: value for key, value in codes.items() if key in used}


# ---------------------------------------------------------------------------------------
# The tree


@dataclass(frozen=True)
class Text:
    """Text between tags (it holds no tag)."""

    text: str


@dataclass(frozen=True)
class Paired:
    """A paired code ``<gN>…</gN>`` and the nodes it wraps."""

    id: int
    children: tuple[Node, ...] = ()


@dataclass(frozen=True)
class Standalone:
    """A standalone code ``<xN/>``."""

    id: int


@dataclass(frozen=True)
class Stray:
    """An opening or closing tag without a partner it nests with.

    ``link`` joins a stray opening tag and a later stray closing tag of the same number
    (pairs that cross other tags, such as ``<g1>a <g2>b</g1> c</g2>``): formats whose codes
    need not nest (TMX bpt/ept, XLIFF 2 sc/ec) can still write them as a pair. It is the
    pair's number, counted from 1 in the order of the opening tags; None when the tag has
    no partner at all.
    """

    kind: Literal["open", "close"]
    id: int
    link: int | None = None

    @property
    def tag(self) -> str:
        return open_tag(self.id) if self.kind == "open" else close_tag(self.id)


Node = Text | Paired | Standalone | Stray


@dataclass(frozen=True)
class Content:
    """Parsed text: the nodes in order and, for broken tags, the problems in words."""

    nodes: tuple[Node, ...] = ()
    problems: tuple[str, ...] = field(default=(), compare=False)

    @property
    def well_formed(self) -> bool:
        """Every tag pairs and nests (no Stray node)."""
        return not self.problems

    def __iter__(self) -> Iterator[Node]:
        return iter(self.nodes)

    def __len__(self) -> int:
        return len(self.nodes)


@dataclass
class _Frame:
    open_index: int  # index of the opening tag among the tags
    code_id: int
    start: int  # offset of the opening tag
    children: list[Node] = field(default_factory=list)


@dataclass
class _Parsed:
    nodes: list[Node]
    # (start, end, code) of each pair, from its opening tag's start to its closing tag's end,
    # in the order the pairs close.
    ranges: list[tuple[int, int, int]]
    stray_tags: list[tuple[int, Stray]]  # (index among the tags, node) of every stray tag


def _build(text: str) -> _Parsed:
    """The tree of text: each closing tag pairs with the nearest unclosed opening tag of its
    number; the opening tags it skips, and closing tags with no opening tag, are strays."""
    stack: list[_Frame] = [_Frame(-1, -1, 0)]  # the bottom frame holds the top-level nodes
    depths: dict[int, list[int]] = {}  # code -> stack depths of its unclosed opening tags
    ranges: list[tuple[int, int, int]] = []
    strays: list[tuple[int, Stray]] = []

    def collapse_above(depth: int) -> None:
        """The opening tags above depth stay unclosed: strays, their children (already in
        document order, each frame's after the one below) go to the frame at depth."""
        into = stack[depth].children
        for frame in stack[depth + 1 :]:
            stray = Stray("open", frame.code_id)
            strays.append((frame.open_index, stray))
            into.append(stray)
            into.extend(frame.children)
            depths[frame.code_id].pop()
        del stack[depth + 1 :]

    for index, token in enumerate(tokens(text)):
        if token.kind == "text":
            stack[-1].children.append(Text(token.text))
            continue
        code_id = token.code_id
        assert code_id is not None
        if token.kind == "standalone":
            stack[-1].children.append(Standalone(code_id))
        elif token.kind == "open":
            depths.setdefault(code_id, []).append(len(stack))
            stack.append(_Frame(index, code_id, token.start))
        elif depths.get(code_id):
            collapse_above(depths[code_id][-1])
            frame = stack.pop()
            depths[code_id].pop()
            stack[-1].children.append(Paired(code_id, tuple(frame.children)))
            ranges.append((frame.start, token.end, code_id))
        else:
            stray = Stray("close", code_id)
            strays.append((index, stray))
            stack[-1].children.append(stray)
    collapse_above(0)
    return _Parsed(stack[0].children, ranges, strays)


def _linked(parsed: _Parsed) -> list[Node]:
    """The nodes with crossed strays linked: each stray closing tag to the latest earlier
    stray opening tag of its number that has no partner yet."""
    if not parsed.stray_tags:
        return parsed.nodes
    waiting: dict[int, list[int]] = {}  # code -> indexes (among tags) of unpartnered opens
    partner_of: dict[int, int] = {}
    for tag_index, stray in sorted(parsed.stray_tags, key=lambda item: item[0]):
        if stray.kind == "open":
            waiting.setdefault(stray.id, []).append(tag_index)
        elif waiting.get(stray.id):
            partner_of[waiting[stray.id].pop()] = tag_index
    links: dict[int, int] = {}
    for number, opener in enumerate(sorted(partner_of), start=1):
        links[opener] = links[partner_of[opener]] = number
    replaced = {
        id(stray): Stray(stray.kind, stray.id, links[tag_index])
        for tag_index, stray in parsed.stray_tags
        if tag_index in links
    }

    def relink(nodes: Iterable[Node]) -> list[Node]:
        result: list[Node] = []
        for node in nodes:
            if isinstance(node, Paired):
                result.append(Paired(node.id, tuple(relink(node.children))))
            else:
                result.append(replaced.get(id(node), node))
        return result

    return relink(parsed.nodes)


def _pairing_problems(text: str) -> list[str]:
    """Problems in words, as a translator reads them: unclosed, unopened, crossed tags."""
    problems: list[str] = []
    open_stack: list[int] = []
    for tag in tags(text):
        code_id = tag.code_id
        assert code_id is not None
        if tag.kind == "open":
            open_stack.append(code_id)
        elif tag.kind == "close":
            if not open_stack:
                problems.append(f"{tag.text} closes a tag that was never opened")
            elif open_stack[-1] != code_id:
                problems.append(f"{tag.text} crosses {open_tag(open_stack[-1])}")
                if code_id in open_stack:
                    open_stack.remove(code_id)
            else:
                open_stack.pop()
    problems.extend(f"{open_tag(code_id)} is never closed" for code_id in open_stack)
    return problems


@lru_cache(maxsize=4096)
def parse(text: str) -> Content:
    """The tree of text (tolerant: broken tags become Stray nodes, listed in problems)."""
    parsed = _build(text)
    problems = tuple(_pairing_problems(text)) if parsed.stray_tags else ()
    return Content(tuple(_linked(parsed)), problems)


def pairing_problems(text: str) -> list[str]:
    """Human-readable problems with tag pairing (unclosed, unopened, crossed); [] if none."""
    return list(parse(text).problems)


def paired_ranges(text: str) -> list[tuple[int, int, int]]:
    """(start, end, code) from just before each paired <gN> to just after its </gN>.

    A cut strictly inside such a range would separate the pair. Strays pair with nothing,
    so one broken tag does not glue the rest of a paragraph together.
    """
    return _build(text).ranges if "<" in text else []


# ---------------------------------------------------------------------------------------
# Walking the tree


class Visitor:
    """What a format does with each node of a walk; every callback does nothing by default.

    :func:`walk` calls ``start`` and ``end`` around a paired code's children, so a writer
    building nested elements opens one in ``start`` and closes it in ``end``; a flat format
    writes a begin and an end marker there.
    """

    def text(self, text: str) -> None:
        pass

    def start(self, code: Paired) -> None:
        pass

    def end(self, code: Paired) -> None:
        pass

    def standalone(self, code: Standalone) -> None:
        pass

    def stray(self, code: Stray) -> None:
        pass


def walk(content: Content | Iterable[Node], visitor: Visitor) -> None:
    """Hand every node to visitor in document order (children between start and end)."""
    for node in content:
        if isinstance(node, Text):
            visitor.text(node.text)
        elif isinstance(node, Paired):
            visitor.start(node)
            walk(node.children, visitor)
            visitor.end(node)
        elif isinstance(node, Standalone):
            visitor.standalone(node)
        else:
            visitor.stray(node)


class TextWriter(Visitor):
    """A visitor that writes a text form: override the tag forms (and escape); write()."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def escape(self, text: str) -> str:
        return text

    def open_form(self, code: Paired) -> str:
        return open_tag(code.id)

    def close_form(self, code: Paired) -> str:
        return close_tag(code.id)

    def standalone_form(self, code: Standalone) -> str:
        return standalone_tag(code.id)

    def stray_form(self, code: Stray) -> str:
        return code.tag

    def text(self, text: str) -> None:
        self.parts.append(self.escape(text))

    def start(self, code: Paired) -> None:
        self.parts.append(self.open_form(code))

    def end(self, code: Paired) -> None:
        self.parts.append(self.close_form(code))

    def standalone(self, code: Standalone) -> None:
        self.parts.append(self.standalone_form(code))

    def stray(self, code: Stray) -> None:
        self.parts.append(self.stray_form(code))

    def write(self, content: Content | Iterable[Node]) -> str:
        self.parts = []
        walk(content, self)
        return "".join(self.parts)


class _DisplayWriter(TextWriter):
    def open_form(self, code: Paired) -> str:
        return f"<{code.id}>"

    def close_form(self, code: Paired) -> str:
        return f"</{code.id}>"

    def standalone_form(self, code: Standalone) -> str:
        return f"<{code.id}/>"

    def stray_form(self, code: Stray) -> str:
        return f"<{code.id}>" if code.kind == "open" else f"</{code.id}>"


def tagged(content: Content | Iterable[Node]) -> str:
    """The content as songngu text (``<g1>…</g1>``, ``<x2/>``): parse's exact inverse."""
    return TextWriter().write(content)


def display(content: Content | Iterable[Node]) -> str:
    """The content with short numbered tags (``<1>…</1>``, ``<2/>``) for a reader's eyes,
    as in a bilingual Word table."""
    return _DisplayWriter().write(content)


@dataclass(frozen=True)
class DisplayPiece:
    """A stretch of the display form: text, or one tag as a reader sees it (``<1>``)."""

    text: str
    is_tag: bool = False


class _DisplayPieces(_DisplayWriter):
    """The display form cut into pieces, so a writer can style tags apart from text."""

    def __init__(self) -> None:
        super().__init__()
        self.pieces: list[DisplayPiece] = []

    def _add(self, text: str, is_tag: bool) -> None:
        if text:
            self.pieces.append(DisplayPiece(text, is_tag))

    def text(self, text: str) -> None:
        self._add(text, False)

    def start(self, code: Paired) -> None:
        self._add(self.open_form(code), True)

    def end(self, code: Paired) -> None:
        self._add(self.close_form(code), True)

    def standalone(self, code: Standalone) -> None:
        self._add(self.standalone_form(code), True)

    def stray(self, code: Stray) -> None:
        self._add(self.stray_form(code), True)


def display_pieces(content: Content | Iterable[Node]) -> list[DisplayPiece]:
    """The display form (see :func:`display`) as text and tag pieces, in order."""
    writer = _DisplayPieces()
    walk(content, writer)
    return writer.pieces


# The display form's tags: <1> opens, </1> closes, <2/> stands alone (numbers as written
# by display: no leading zeros).
_DISPLAY_TAG_RE = re.compile(r"<(0|[1-9]\d*)>|</(0|[1-9]\d*)>|<(0|[1-9]\d*)/>")


def _undisplayed(match: re.Match[str]) -> str:
    opening, closing, standalone = match.groups()
    if opening is not None:
        return open_tag(int(opening))
    if closing is not None:
        return close_tag(int(closing))
    return standalone_tag(int(standalone))


def from_display(text: str) -> str:
    """songngu text from the display form a reader edited: ``<1>…</1>`` becomes
    ``<g1>…</g1>`` and ``<2/>`` becomes ``<x2/>`` (display's inverse).

    Text that looks like a display tag is read as one, wherever it stands: a reviewer
    who retyped a tag meant the tag. Tags already in songngu's form are left as they are.
    """
    if "<" not in text:
        return text
    return _DISPLAY_TAG_RE.sub(_undisplayed, text)


class _PlainWriter(TextWriter):
    def open_form(self, code: Paired) -> str:
        return ""

    def close_form(self, code: Paired) -> str:
        return ""

    def standalone_form(self, code: Standalone) -> str:
        return ""

    def stray_form(self, code: Stray) -> str:
        return ""


def plain(content: Content | Iterable[Node] | str) -> str:
    """The text without any tag (what a reader sees)."""
    if isinstance(content, str):
        return _TAG_RE.sub("", content) if "<" in content else content
    return _PlainWriter().write(content)
