"""The index the consistency checks read: which targets each source has, and the reverse.

Built once over a project or a file (``ConsistencyIndex.from_units``), so each unit's
check is two dictionary look-ups. Sources meet on their matching key (NFC/NFD, tone-mark
placement and case do not separate them; tags are left out); targets on their NFC text
with tags left out and spaces collapsed. Units without a target are not indexed.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable

from primitives.inline import plain
from primitives.text_keys import match_key
from primitives.units import Unit


def source_key(source: str) -> str:
    return match_key(" ".join(plain(source).split()))


def target_key(target: str) -> str:
    return unicodedata.normalize("NFC", " ".join(plain(target).split()))


class ConsistencyIndex:
    """Targets by source key and sources by target key, with how often each occurs."""

    def __init__(self) -> None:
        self._targets: dict[str, Counter[str]] = {}
        self._sources: dict[str, Counter[str]] = {}
        self._source_text: dict[str, str] = {}

    @classmethod
    def from_units(cls, units: Iterable[Unit]) -> ConsistencyIndex:
        index = cls()
        for unit in units:
            index.add(unit.source, unit.target)
        return index

    def add(self, source: str, target: str) -> None:
        """Index one translated pair (an empty target is not a translation)."""
        shown_target, key = target_key(target), source_key(source)
        if not shown_target or not key:
            return
        self._targets.setdefault(key, Counter())[shown_target] += 1
        self._sources.setdefault(shown_target, Counter())[key] += 1
        self._source_text.setdefault(key, " ".join(plain(source).split()))

    def other_targets(self, source: str, target: str) -> list[tuple[str, int]]:
        """The other translations of this source, most frequent first, with counts."""
        mine = target_key(target)
        counts = self._targets.get(source_key(source), Counter())
        return [(text, count) for text, count in counts.most_common() if text != mine]

    def other_sources(self, source: str, target: str) -> list[tuple[str, int]]:
        """The other sources translated by this same target, most frequent first."""
        mine = source_key(source)
        counts = self._sources.get(target_key(target), Counter())
        return [
            (self._source_text[key], count) for key, count in counts.most_common() if key != mine
        ]
