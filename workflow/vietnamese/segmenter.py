"""Rule-based sentence segmentation for Vietnamese (and mixed English) paragraphs.

How a boundary is found, on the paragraph with its inline code tags taken out:

1. A candidate is a run of ``. ! ? …`` plus any closing quotes/brackets after it (the
   closing quote belongs to the sentence it ends: ``… hàng đầu!” Đoàn`` splits after ``”``).
2. The candidate ends a sentence only if whitespace (or a standalone code such as a line
   break) follows and the next sentence starts with a capital letter or a digit, after any
   opening quotes/brackets/dashes. Capitals are tested with ``str.isupper()`` (the regex
   range ``[À-Ỹ]`` also holds lowercase letters). An ellipsis followed directly by a
   capital ("chờ…Cuối cùng") also ends a sentence.
3. A single dot does not end a sentence after a listed abbreviation (``PGS.TS.``, ``TP.``,
   ``Mr.``) unless a bare number precedes it ("có 45 PGS. Đây …" counts people), after an
   initial that follows a capitalised word or another initial (``John F. Smith``,
   ``Nguyễn, V. A.``) or a run of capital initials (``U.S.``), after a list marker (``1.``,
   ``a.``, ``II.``) that opens the sentence or follows ``:`` / ``;`` / a line-break code, or
   after the number of a heading that opens the sentence (``Điều 1.``, ``Chương II.``; a
   reference such as "tại Điều 5." ends normally). A word that may end a sentence ("v.v.")
   ends it when a capital follows.
4. No-break patterns (URLs, e-mail addresses, project patterns), matched on the text
   without tags, veto candidates strictly inside a match; break patterns, matched on the
   text as given (so they can name a code such as ``<x3/>``), add a boundary at the end of
   each match.

Inline codes (``<g1>…</g1>``, ``<x2/>``, see :mod:`primitives.inline`) are zero-width to
the rules, a tag is never cut, and no boundary falls while a paired ``<gN>`` is open, so a
formatted stretch that spans sentences keeps them together. At a boundary, closing tags
(and standalone codes written without a space) stay with the sentence before and opening
tags go with the sentence after. A standalone code, such as a manual line break, is not a
boundary by itself; add the break pattern ``<x\\d+/>`` to a project's rules to make it one.
Newlines inside the text are whitespace, not boundaries.

Spans are ``(start, end)`` offsets into the input with outer whitespace trimmed, so the
paragraph is rebuilt exactly from the spans and the whitespace between them.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from primitives.inline import has_tags, paired_ranges, tag_at, tags
from workflow.vietnamese.segmentation_rules import SegmentationRules

__all__ = ["SegmentationRules", "split_sentences", "split_spans"]

CLOSING_PUNCTUATION = "\"'”’»)]}"
OPENING_PUNCTUATION = "\"'“‘«([{-–—•"
_CANDIDATE_RE = re.compile(r"[.!?…]+[" + re.escape(CLOSING_PUNCTUATION) + r"]*")
# "1.", "a.", "II." and sub-numbers "1.2.", "II.3.", "a.1."; a later part of one or two
# digits only, so "1.000" (a thousand) is never a marker.
_LIST_MARKER_RE = re.compile(r"(?:\d{1,3}|[IVXLCDM]{1,6}|[a-zđ])(?:\.\d{1,2})*")
_COUNT_RE = re.compile(r"\d{1,3}(?:\.\d{3})*")
_HEADING_NUMBER_RE = re.compile(r"(?:\d{1,3}[a-zđ]?|[IVXLCDM]{1,8}|[A-Z])(?:\.\d{1,2})*")
# Tokens longer than this are not abbreviations or markers; capping the backward scan
# keeps the segmenter linear on pathological lines with no spaces.
_MAX_TOKEN = 64
_MAX_HEADING_WORDS = 3


@dataclass(frozen=True)
class _CompiledRules:
    abbreviations: frozenset[str]
    heading_words: frozenset[str]
    no_break: tuple[re.Pattern[str], ...]
    breaks: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=64)
def _compiled(rules: SegmentationRules) -> _CompiledRules:
    return _CompiledRules(
        abbreviations=rules.abbreviations,
        heading_words=rules.heading_words,
        no_break=tuple(re.compile(p) for p in rules.no_break_patterns),
        breaks=tuple(re.compile(p) for p in rules.break_patterns),
    )


@dataclass
class _PlainView:
    """The text without tags, with a map back to input offsets."""

    text: str
    # Input offset of each plain character (None when the input has no tags: identity).
    origin: list[int] | None
    # Plain offsets where a standalone code sits just before the character at that offset.
    standalone_before: frozenset[int]

    def to_input(self, plain_offset: int) -> int:
        return plain_offset if self.origin is None else self.origin[plain_offset]


def _plain_view(text: str) -> _PlainView:
    if not has_tags(text):
        return _PlainView(text, None, frozenset())
    pieces: list[str] = []
    origin: list[int] = []
    standalone: set[int] = set()
    plain_length = 0
    cursor = 0
    for tag in tags(text):
        piece = text[cursor : tag.start]
        pieces.append(piece)
        origin.extend(range(cursor, tag.start))
        plain_length += len(piece)
        if tag.kind == "standalone":
            standalone.add(plain_length)
        cursor = tag.end
    pieces.append(text[cursor:])
    origin.extend(range(cursor, len(text)))
    origin.append(len(text))  # one past the end, for offsets at the very end
    return _PlainView("".join(pieces), origin, frozenset(standalone))


def _is_sentence_start(plain: str, index: int) -> bool:
    """True if a sentence may start at plain[index] (after openers): capital or digit."""
    length = len(plain)
    while index < length and plain[index] in OPENING_PUNCTUATION:
        index += 1
    while index < length and plain[index].isspace():
        index += 1  # "– Chúng tôi": a dash then a space before the capital
    if index >= length:
        return False
    char = plain[index]
    return char.isupper() or char.isdigit()


def _strip_openers(start: int, token: str) -> tuple[int, str]:
    stripped = token.lstrip(OPENING_PUNCTUATION)
    return start + len(token) - len(stripped), stripped


class _Scanner:
    """Decides boundaries in one paragraph; sequential because list markers and headings
    depend on where the current sentence started."""

    def __init__(self, view: _PlainView, rules: _CompiledRules) -> None:
        self.view = view
        self.plain = view.text
        self.rules = rules

    def _token_before(self, end: int) -> tuple[int, str]:
        """(start, token) of the word ending at end, at most _MAX_TOKEN long.

        A word ends at whitespace, at a standalone code (a line break between "gồm:" and
        "1." in the tagged text) and after ':' or ';' (as in "gồm:1.").
        """
        plain = self.plain
        start = end
        limit = max(0, end - _MAX_TOKEN)
        while (
            start > limit
            and not plain[start - 1].isspace()
            and plain[start - 1] not in ":;"
            and start not in self.view.standalone_before
        ):
            start -= 1
        return start, plain[start:end]

    def _opens_sentence(self, token_start: int, sentence_start: int) -> bool:
        """True if only whitespace separates token_start from the sentence start, a
        newline, a standalone code, or a ':' / ';' that introduces a list."""
        index = token_start
        while index > sentence_start:
            if index in self.view.standalone_before:
                return True
            previous = self.plain[index - 1]
            if previous == "\n":
                return True
            if not previous.isspace():
                return previous in ":;" or previous in OPENING_PUNCTUATION
            index -= 1
        return True

    def _is_heading_number(self, token_start: int, sentence_start: int) -> bool:
        """True for "Điều 1." / "Chương II." / "Tiểu mục 2." opening the sentence."""
        words: list[str] = []
        cursor = token_start
        for _ in range(_MAX_HEADING_WORDS):
            while cursor > sentence_start and self.plain[cursor - 1] in " \t":
                cursor -= 1
            if cursor <= sentence_start or self.plain[cursor - 1].isspace():
                return False
            word_start, word = self._token_before(cursor)
            word_start, word = _strip_openers(word_start, word)
            if not word:
                return False
            words.insert(0, unicodedata.normalize("NFC", word))
            cursor = word_start
            if " ".join(words) in self.rules.heading_words and self._opens_sentence(
                cursor, sentence_start
            ):
                return True
        return False

    def _dot_keeps_sentence(self, dot: int, sentence_start: int) -> bool:
        """True if the single dot at plain[dot] belongs to an abbreviation, initial,
        list marker or heading number rather than ending the sentence."""
        token_start, token = self._token_before(dot)
        token_start, token = _strip_openers(token_start, token)
        if not token:
            return False
        abbreviations = self.rules.abbreviations
        parts = token.split(".")
        if (token in abbreviations or (len(parts) > 1 and parts[-1] in abbreviations)) and (
            not self._follows_count(token_start)
        ):
            return True  # TS., PGS.TS., GS.TSKH.: the last title decides
        if all(len(part) == 1 and part.isupper() for part in parts) and len(parts) > 1:
            return True  # U.S., U.K.: capital initials
        if len(token) == 1 and token.isupper() and self._follows_capitalised_word(token_start):
            return True  # John F. Smith
        if _LIST_MARKER_RE.fullmatch(token) and self._opens_sentence(token_start, sentence_start):
            return True  # "gồm: 1. …; 2. …", "a. …" at the start of an item
        return bool(
            _HEADING_NUMBER_RE.fullmatch(token)
            and self._is_heading_number(token_start, sentence_start)
        )

    def _word_before(self, token_start: int) -> str:
        """The word before the token, openers stripped ('' if none on this line)."""
        cursor = token_start
        while cursor > 0 and self.plain[cursor - 1] in " \t":
            cursor -= 1
        if cursor == token_start or cursor == 0:
            return ""
        word_start, word = self._token_before(cursor)
        return _strip_openers(word_start, word)[1]

    def _follows_count(self, token_start: int) -> bool:
        """True after a bare number: "45 PGS." counts people, so it may end a sentence."""
        return bool(_COUNT_RE.fullmatch(self._word_before(token_start)))

    def _follows_capitalised_word(self, token_start: int) -> bool:
        """True after a capitalised name word or another initial ("John F.", "V. A.")."""
        word = self._word_before(token_start)
        if not word or not word[0].isupper():
            return False
        return word[-1] not in ".!?…:;" or (len(word) == 2 and word[1] == ".")

    def boundaries(self) -> list[tuple[int, int]]:
        """(end of sentence, start of next sentence) pairs in plain offsets."""
        plain = self.plain
        length = len(plain)
        found: list[tuple[int, int]] = []
        sentence_start = len(plain) - len(plain.lstrip())
        for match in _CANDIDATE_RE.finditer(plain):
            end = match.end()
            next_start = end
            while next_start < length and plain[next_start].isspace():
                next_start += 1
            if next_start >= length:
                break
            punctuation = match.group().rstrip(CLOSING_PUNCTUATION)
            is_ellipsis = "…" in punctuation or ".." in punctuation
            separated = next_start > end or end in self.view.standalone_before
            if not separated and not (is_ellipsis and plain[next_start].isupper()):
                continue
            if not _is_sentence_start(plain, next_start):
                continue
            if punctuation == "." and self._dot_keeps_sentence(match.start(), sentence_start):
                continue
            found.append((end, next_start))
            sentence_start = next_start
        return found


def _merged_ranges(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted ranges with overlapping ones merged (touching ones are kept apart)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _no_break_ranges(plain: str, patterns: tuple[re.Pattern[str], ...]) -> list[tuple[int, int]]:
    return _merged_ranges(
        [(m.start(), m.end()) for p in patterns for m in p.finditer(plain) if m.end() > m.start()]
    )


def _strictly_inside(position: int, starts: list[int], ranges: list[tuple[int, int]]) -> bool:
    """True if start < position < end for a range of merged, sorted ranges."""
    index = bisect_right(starts, position - 1) - 1
    return index >= 0 and position < ranges[index][1]


def _tag_ranges(text: str) -> list[tuple[int, int]]:
    return [(tag.start, tag.end) for tag in tags(text)]


def _cut_in_gap(text: str, gap_start: int, gap_end: int) -> int:
    """Where the first sentence ends inside a gap of whitespace and tags.

    Closing tags belong to the sentence before; a standalone code written right after the
    sentence (a footnote mark, a line break) too; opening tags go with the sentence after.
    """
    cut = gap_start
    cursor = gap_start
    glued = True  # no whitespace yet since the last thing that belongs before
    while cursor < gap_end:
        if text[cursor].isspace():
            glued = False
            cursor += 1
            continue
        tag = tag_at(text, cursor)
        if tag is None:  # a gap holds only whitespace and tags; stop safely if not
            break
        if tag.kind == "close" or (tag.kind == "standalone" and glued):
            cut = tag.end
            glued = True
        cursor = tag.end
    return cut


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_spans(text: str, rules: SegmentationRules | None = None) -> list[tuple[int, int]]:
    """Sentence spans (start, end) over text, outer whitespace trimmed, in order.

    Joining ``text[start:end]`` of every span with the text between spans gives back
    the input exactly; only whitespace lies between and around the spans.
    """
    compiled = _compiled(rules if rules is not None else SegmentationRules.default())
    view = _plain_view(text)

    vetoes = _no_break_ranges(view.text, compiled.no_break)
    veto_starts = [start for start, _ in vetoes]
    cuts: set[int] = set()
    for plain_end, plain_next in _Scanner(view, compiled).boundaries():
        if vetoes and _strictly_inside(plain_end, veto_starts, vetoes):
            continue
        gap_start = view.to_input(plain_end - 1) + 1
        cuts.add(_cut_in_gap(text, gap_start, view.to_input(plain_next)))
    # Break patterns see the tags too, so a project can break at a code such as <x3/>.
    for pattern in compiled.breaks:
        cuts.update(match.end() for match in pattern.finditer(text))

    # A cut never falls inside a tag or between a <gN> and its </gN>.
    forbidden: list[tuple[int, int]] = []
    if view.origin is not None:  # the text has tags
        pairs = [(start, end) for start, end, _ in paired_ranges(text)]
        forbidden = _merged_ranges(_tag_ranges(text) + pairs)
    forbidden_starts = [start for start, _ in forbidden]
    spans: list[tuple[int, int]] = []
    sentence_start = 0
    for cut in sorted(cuts):
        if forbidden and _strictly_inside(cut, forbidden_starts, forbidden):
            continue
        start, end = _trimmed(text, sentence_start, cut)
        if end > start:
            spans.append((start, end))
            sentence_start = cut
    start, end = _trimmed(text, sentence_start, len(text))
    if end > start:
        spans.append((start, end))
    return spans


def split_sentences(text: str, rules: SegmentationRules | None = None) -> list[str]:
    """The sentences of text, outer whitespace trimmed (inline code tags kept)."""
    return [text[start:end] for start, end in split_spans(text, rules)]
