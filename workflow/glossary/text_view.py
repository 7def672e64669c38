"""A matchable view of segment text, with a map back to the original offsets.

Segment text may be NFD, may carry inline tags (``<g1>``, ``</g1>``, ``<x2/>``) and may
have runs of spaces, tabs or no-break spaces between words. The view is NFC, drops paired
formatting tags (so a term half in bold is still found), turns standalone tags into a
space (a line break or footnote mark never glues two words together) and collapses
whitespace to one space. ``starts[i]``/``ends[i]`` give the original span of view char i.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from primitives.inline import has_tags, tokens

# Whitespace that forces the slow path (as a tag does): runs, tabs, no-break spaces.
_SPACING_TO_REWRITE_RE = re.compile(r"\s{2,}|[^\S ]")
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class TextView:
    """NFC text to match in, and the original span of each of its characters."""

    text: str
    starts: list[int] | None  # None: the view is the original text, offsets are identical
    ends: list[int] | None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the view's [start, end) (end > start)."""
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


def _append_chunk(
    chunk: str, offset: int, out: list[str], starts: list[int], ends: list[int]
) -> None:
    """Append chunk's NFC form, mapping each output char to the cluster it came from."""
    if unicodedata.is_normalized("NFC", chunk):
        out.append(chunk)
        starts.extend(range(offset, offset + len(chunk)))
        ends.extend(range(offset + 1, offset + len(chunk) + 1))
        return
    cluster_start = 0
    for index in range(1, len(chunk) + 1):
        # A cluster is a base character and the combining marks after it.
        if index < len(chunk) and unicodedata.combining(chunk[index]):
            continue
        composed = unicodedata.normalize("NFC", chunk[cluster_start:index])
        out.append(composed)
        starts.extend([offset + cluster_start] * len(composed))
        ends.extend([offset + index] * len(composed))
        cluster_start = index


def _pieces(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, is_paired_tag) of each tag and whitespace run of text, in order."""
    pieces: list[tuple[int, int, bool]] = []
    for token in tokens(text):
        if token.is_tag:
            pieces.append((token.start, token.end, token.kind != "standalone"))
            continue
        for match in _SPACE_RE.finditer(token.text):
            pieces.append((token.start + match.start(), token.start + match.end(), False))
    return pieces


def make_view(text: str) -> TextView:
    """The matchable view of text (identity when text is already plain NFC)."""
    if (
        unicodedata.is_normalized("NFC", text)
        and not _SPACING_TO_REWRITE_RE.search(text)
        and not has_tags(text)
    ):
        return TextView(text, None, None)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    last_is_space = False
    for piece_start, piece_end, is_paired_tag in _pieces(text):
        if piece_start > position:
            _append_chunk(text[position:piece_start], position, out, starts, ends)
            last_is_space = False
        if not is_paired_tag:
            # One space stands for the whole whitespace run / standalone tag; collapse it
            # with a space already emitted so "a <x1/> b" gives "a b".
            if last_is_space:
                ends[-1] = piece_end
            else:
                out.append(" ")
                starts.append(piece_start)
                ends.append(piece_end)
                last_is_space = True
        position = piece_end
    if position < len(text):
        _append_chunk(text[position:], position, out, starts, ends)
    return TextView("".join(out), starts, ends)
