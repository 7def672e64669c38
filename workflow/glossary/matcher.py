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
from typing import Generic, Protocol, TypeVar

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


T = TypeVar("T")

# Alternatives for one span are reported in this order: what to use before what to avoid.
_STATUS_ORDER = {
    TermStatus.PREFERRED: 0,
    TermStatus.DO_NOT_TRANSLATE: 1,
    TermStatus.ADMITTED: 2,
    TermStatus.FORBIDDEN: 3,
}


@dataclass(frozen=True)
class PhraseHit(Generic[T]):
    """A phrase found in a text: [start, end) in the original text, with its payloads."""

    start: int
    end: int
    text: str
    payloads: tuple[T, ...]


class PhraseMatcher(Generic[T]):
    """Finds fixed phrases in segment text, each carrying payloads; build once, call often.

    One Aho-Corasick automaton over ``term_key`` keys; a candidate counts on syllable
    boundaries, and a case-sensitive payload only where the text has the capitals of the
    phrase it was added with. The glossary's TermMatcher and the gazetteer's place finder
    are both built on it, so NFD text, tags and spacing are handled once.
    """

    def __init__(self, phrases: Iterable[tuple[str, T, bool]]) -> None:
        """phrases: (phrase, payload, case_sensitive); payloads of one key keep their order."""
        by_key: dict[str, list[tuple[str, T, bool]]] = {}
        for phrase, payload, case_sensitive in phrases:
            by_key.setdefault(term_key(phrase), []).append((phrase, payload, case_sensitive))
        self._groups: list[tuple[tuple[str, T, bool], ...]] = []
        self._automaton = ahocorasick.Automaton()
        for key, group in by_key.items():
            self._automaton.add_word(key, (len(self._groups), len(key)))
            self._groups.append(tuple(group))
        self.payload_count: int = sum(len(group) for group in self._groups)
        if self._groups:
            self._automaton.make_automaton()

    def candidates(self, text: str) -> list[PhraseHit[T]]:
        """Every phrase found in text, overlapping ones too, by start then longest first."""
        if not self._groups or not text:
            return []
        view = make_view(text)
        shown = view.text
        key = term_key(shown)
        if len(key) != len(shown):  # match_key keeps NFC length; guard the offset contract
            raise AssertionError("match_key changed the text length")
        found: list[tuple[int, int, tuple[T, ...]]] = []
        for last, (group_index, length) in self._automaton.iter(key):
            start, end = last - length + 1, last + 1
            if start > 0 and shown[start - 1].isalnum():
                continue
            if end < len(shown) and shown[end].isalnum():
                continue
            written = shown[start:end]
            payloads = tuple(
                payload
                for phrase, payload, case_sensitive in self._groups[group_index]
                if not case_sensitive or same_capitals(written, phrase)
            )
            if payloads:
                found.append((start, end, payloads))
        found.sort(key=lambda candidate: (candidate[0], -candidate[1]))
        hits: list[PhraseHit[T]] = []
        for start, end, payloads in found:
            original_start, original_end = view.original_span(start, end)
            hits.append(
                PhraseHit(original_start, original_end, text[original_start:original_end], payloads)
            )
        return hits

    def find(self, text: str) -> list[PhraseHit[T]]:
        """Phrases in text, leftmost-longest, without overlaps, in text order."""
        return leftmost_longest(self.candidates(text))


def same_capitals(found: str, phrase: str) -> bool:
    """found (NFC, as written) has exactly the capitals of phrase, letter for letter."""
    return len(found) == len(phrase) and all(
        a.isupper() == b.isupper() for a, b in zip(found, phrase, strict=True)
    )


class Located(Protocol):
    """Anything found at [start, end) of a text."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


H = TypeVar("H", bound=Located)


def leftmost_longest(hits: Iterable[H]) -> list[H]:
    """Hits without overlaps: at each place the one starting first, longest of those."""
    kept: list[H] = []
    covered_until = -1
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if hit.start < covered_until:
            continue
        kept.append(hit)
        covered_until = hit.end
    return kept


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
        grouped: dict[str, list[GlossaryEntry]] = {}
        for entry in entries:
            grouped.setdefault(term_key(entry.source), []).append(entry)
        ordered = (
            entry
            for group in grouped.values()
            for entry in sorted(dict.fromkeys(group), key=lambda e: _STATUS_ORDER[e.status])
        )
        self._phrases: PhraseMatcher[GlossaryEntry] = PhraseMatcher(
            (entry.source, entry, entry.case_sensitive) for entry in ordered
        )
        self.entry_count: int = self._phrases.payload_count

    @staticmethod
    def _hits(phrase_hits: Iterable[PhraseHit[GlossaryEntry]]) -> list[TermHit]:
        return [
            TermHit(found.start, found.end, found.text, entry)
            for found in phrase_hits
            for entry in found.payloads
        ]

    def find_all(self, text: str) -> list[TermHit]:
        """Every term in text, overlapping ones too (what compound names are built from)."""
        return self._hits(self._phrases.candidates(text))

    def find(self, text: str) -> list[TermHit]:
        """Every term in text, leftmost-longest, without overlaps, in text order."""
        return self._hits(self._phrases.find(text))
