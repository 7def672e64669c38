"""Find glossary terms in Vietnamese source text.

One Aho-Corasick automaton over the entries' matching keys (``match_key``: NFC/NFD, both
tone-mark placements and case fold to one key) finds every candidate in a single pass.
A candidate counts only on syllable boundaries (no letter or digit on either side, so
"TS" is not found in "TSKH", nor "GS.TS" inside "PGS.TS"), only with the right capitals
for case-sensitive entries ("Sở" the Department, not "cơ sở"), and overlaps resolve
leftmost-longest ("Ủy ban nhân dân thành phố" wins over "Ủy ban").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from primitives.terms import GlossaryEntry, TermStatus
from primitives.text_keys import match_key
from workflow.glossary.text_view import make_view

# Dashes people type between words of a name ("Lao động – Thương binh"): one key for all.
# One character each way, so keys keep the text's length.
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2010": "-", "\u2011": "-"})


def term_key(text: str) -> str:
    """Matching key of a term or text: ``match_key`` with every dash as "-"."""
    return match_key(text).translate(_DASHES)


# Alternatives for one span are reported in this order: what to use before what to avoid.
_STATUS_ORDER = {
    TermStatus.PREFERRED: 0,
    TermStatus.DO_NOT_TRANSLATE: 1,
    TermStatus.ADMITTED: 2,
    TermStatus.FORBIDDEN: 3,
}


@dataclass(frozen=True)
class TermHit:
    """A glossary term found in a text: [start, end) in the original text, as written.

    Several hits with the same span are alternatives for the same words (a preferred
    target and a forbidden one, say); they come out preferred first.
    """

    start: int
    end: int
    text: str
    entry: GlossaryEntry


class TermMatcher:
    """Recognises a fixed set of entries; build once, call ``find`` per segment."""

    def __init__(self, entries: Iterable[GlossaryEntry]) -> None:
        by_key: dict[str, list[GlossaryEntry]] = {}
        for entry in entries:
            by_key.setdefault(term_key(entry.source), []).append(entry)
        self._entries_by_key: list[tuple[GlossaryEntry, ...]] = []
        self._automaton = ahocorasick.Automaton()
        for key, group in by_key.items():
            ordered = tuple(sorted(dict.fromkeys(group), key=lambda e: _STATUS_ORDER[e.status]))
            self._automaton.add_word(key, (len(self._entries_by_key), len(key)))
            self._entries_by_key.append(ordered)
        self.entry_count: int = sum(len(group) for group in self._entries_by_key)
        if self._entries_by_key:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[TermHit]:
        """Every term in text, leftmost-longest, without overlaps, in text order."""
        if not self._entries_by_key or not text:
            return []
        view = make_view(text)
        shown = view.text
        key = term_key(shown)
        if len(key) != len(shown):  # match_key keeps NFC length; guard the offset contract
            raise AssertionError("match_key changed the text length")
        candidates: list[tuple[int, int, tuple[GlossaryEntry, ...]]] = []
        for last, (group_index, length) in self._automaton.iter(key):
            start, end = last - length + 1, last + 1
            if start > 0 and shown[start - 1].isalnum():
                continue
            if end < len(shown) and shown[end].isalnum():
                continue
            found = shown[start:end]
            group = tuple(e for e in self._entries_by_key[group_index] if e.case_matches(found))
            if group:
                candidates.append((start, end, group))
        candidates.sort(key=lambda c: (c[0], -c[1]))
        hits: list[TermHit] = []
        covered_until = 0
        for start, end, group in candidates:
            if start < covered_until:
                continue
            covered_until = end
            original_start, original_end = view.original_span(start, end)
            found_text = text[original_start:original_end]
            hits.extend(TermHit(original_start, original_end, found_text, e) for e in group)
        return hits
