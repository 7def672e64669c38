"""Translation memory lookup: in-context, exact and fuzzy matches with a candidate index.

A fuzzy lookup must not scan the whole memory. Every unit is indexed by the words of its
matching key and by pairs of neighbouring words (an inverted index stored as one
compressed-sparse-row array). A query adds up the IDF weights of the features it shares
with each unit, reading only postings of units whose length allows the minimum score
(postings are sorted by key length within each feature), ranks them by shared weight over
summed lengths and scores the best few hundred with rapidfuzz. Very common features are
skipped once the rarer ones give enough postings, and nothing passes over all units, which
is what keeps lookup time flat as the memory grows.
"""

from __future__ import annotations

import heapq
import math
import threading
from array import array
from collections.abc import Iterable

import numpy as np
from rapidfuzz import fuzz, process

from primitives.errors import InvalidInput
from workflow.tm.keys import code_signature, key_words, numbers_in, tm_key
from workflow.tm.model import EXACT_SCORE, IN_CONTEXT_SCORE, TMMatch, TMUnit

# A match whose numbers or inline codes differ is never shown as 100% or more.
PENALISED_CAP = 99.0
NUMBER_PENALTY = 2.0  # per number that differs
CODE_PENALTY = 1.0
# Units scored with rapidfuzz per query; more costs time, fewer loses recall.
DEFAULT_CANDIDATES = 400
# Postings read per query, rarest features first; common words beyond this are skipped.
DEFAULT_POSTINGS_BUDGET = 30_000
_KIND_ORDER = {"in-context": 0, "exact": 1, "fuzzy": 2}


def _features(key: str) -> set[str]:
    words = key_words(key)
    features = set(words)
    features.update(f"{first} {second}" for first, second in zip(words, words[1:], strict=False))
    return features


def _min_length_ratio(min_similarity: float) -> float:
    """Shortest/longest length ratio below which rapidfuzz's ratio cannot reach the minimum."""
    share = min(max(min_similarity, 1.0), 100.0) / 100.0
    return share / (2.0 - share)


class FuzzyIndex:
    """An in-memory translation memory that answers lookups without a full scan."""

    def __init__(
        self,
        units: Iterable[TMUnit] = (),
        *,
        candidates: int = DEFAULT_CANDIDATES,
        postings_budget: int = DEFAULT_POSTINGS_BUDGET,
    ) -> None:
        self._candidates = candidates
        # Lookups reuse scratch arrays and may repack the index: one caller at a time, so
        # one index can be shared by every session of the app.
        self._lock = threading.Lock()
        self._postings_budget = postings_budget
        self._units: list[TMUnit] = []
        self._keys: list[str] = []
        # None for the many units stored without neighbours (saves a tuple each).
        self._context_keys: list[tuple[str, str] | None] = []
        self._lengths = array("i")
        self._exact: dict[str, list[int]] = {}
        self._feature_ids: dict[str, int] = {}
        self._document_frequency = array("i")
        # (feature, unit) pairs added since the CSR arrays were last packed.
        self._pair_features = array("i")
        self._pair_units = array("i")
        self._offsets = np.zeros(1, dtype=np.int64)
        self._postings = np.zeros(0, dtype=np.int32)
        self._lengths_array = np.zeros(0, dtype=np.int32)
        self._posting_lengths = np.zeros(0, dtype=np.int32)
        self._owner = np.zeros(0, dtype=np.int32)
        self._pending: dict[int, list[int]] = {}
        self._unit_facts: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        for unit in units:
            self._add(unit, findable_now=False)
        if self._units:
            self._compact()

    def __len__(self) -> int:
        return len(self._units)

    @property
    def units(self) -> list[TMUnit]:
        """The units in the order they were added (a copy)."""
        return list(self._units)

    def add(self, unit: TMUnit) -> None:
        """Add one unit; it is found by the next lookup."""
        with self._lock:
            self._add(unit, findable_now=True)

    def _add(self, unit: TMUnit, *, findable_now: bool) -> None:
        """Index a unit; unless findable_now, it waits for the next packing of the CSR."""
        key = tm_key(unit.source)
        if not key:
            raise InvalidInput(
                "tm.unit_without_source",
                "a TM unit needs source text: give the unit a Vietnamese source",
            )
        position = len(self._units)
        self._units.append(unit)
        self._keys.append(key)
        context = (tm_key(unit.prev_source), tm_key(unit.next_source))
        self._context_keys.append(context if any(context) else None)
        self._lengths.append(len(key))
        self._exact.setdefault(key, []).append(position)
        for feature in _features(key):
            feature_id = self._feature_ids.get(feature)
            if feature_id is None:
                feature_id = len(self._feature_ids)
                self._feature_ids[feature] = feature_id
                self._document_frequency.append(0)
            self._document_frequency[feature_id] += 1
            self._pair_features.append(feature_id)
            self._pair_units.append(position)
            if findable_now:
                self._pending.setdefault(feature_id, []).append(position)

    def lookup(
        self,
        source: str,
        *,
        prev_source: str = "",
        next_source: str = "",
        min_score: float = 70.0,
        limit: int = 5,
    ) -> list[TMMatch]:
        """The best matches for a source segment, best first, each scoring min_score or more.

        Same key and same neighbours (at least one given) is in-context (101); same key is
        exact (100); otherwise rapidfuzz's ratio of the keys. Differing numbers or inline
        codes cap the score at 99 and take off a penalty, and are named in the match.
        """
        if limit < 1:
            raise InvalidInput("tm.bad_limit", "limit must be 1 or more, not {limit}", limit=limit)
        if not 0 <= min_score <= IN_CONTEXT_SCORE:
            raise InvalidInput(
                "tm.bad_min_score",
                "min_score must be between 0 and 101, not {min_score:g}",
                min_score=min_score,
            )
        with self._lock:
            return self._lookup(source, prev_source, next_source, min_score, limit)

    def _lookup(
        self, source: str, prev_source: str, next_source: str, min_score: float, limit: int
    ) -> list[TMMatch]:
        key = tm_key(source)
        if not key or not self._units:
            return []
        context = (tm_key(prev_source), tm_key(next_source))
        has_context = any(context)
        query_numbers = tuple(sorted(numbers_in(source)))
        query_codes = code_signature(source)
        exact_positions = self._exact.get(key, [])
        kept: list[TMMatch] = []
        for position in exact_positions:
            in_context = has_context and (self._context_keys[position] or ("", "")) == context
            base = IN_CONTEXT_SCORE if in_context else EXACT_SCORE
            score, penalties = self._penalised(position, base, query_numbers, query_codes)
            if score >= min_score:
                kind = "in-context" if in_context else "exact"
                kept.append(TMMatch(self._units[position], score, kind, 100.0, penalties))
        best_scores = sorted(match.score for match in kept)[-limit:]
        heapq.heapify(best_scores)
        exact_set = set(exact_positions)
        # Candidates come best similarity first and a penalty only lowers a score, so once
        # `limit` matches score at least the next similarity, no later one can enter.
        # A fuzzy match is below 100 by definition (100 means the keys are equal).
        fuzzy = self._fuzzy_candidates(key, min_score) if min_score < EXACT_SCORE else []
        for position, similarity in fuzzy:
            full = len(best_scores) >= limit
            if full and similarity < best_scores[0]:
                break
            if position in exact_set:
                continue
            score, penalties = self._penalised(position, similarity, query_numbers, query_codes)
            if score < min_score or (full and score < best_scores[0]):
                continue
            rounded = round(similarity, 1)
            kept.append(TMMatch(self._units[position], score, "fuzzy", rounded, penalties))
            if full:
                heapq.heapreplace(best_scores, score)
            else:
                heapq.heappush(best_scores, score)
        kept.sort(
            key=lambda match: (
                -match.score,
                _KIND_ORDER[match.kind],
                # Newer translations first.
                _descending(match.unit.created_at),
            )
        )
        return kept[:limit]

    def nearest(self, source: str, *, min_similarity: float = 70.0) -> list[tuple[TMUnit, float]]:
        """Units whose key similarity reaches min_similarity among the indexed candidates."""
        if not 0 <= min_similarity <= 100:
            raise InvalidInput(
                "tm.bad_min_similarity",
                "min_similarity must be between 0 and 100, not {min_similarity:g}",
                min_similarity=min_similarity,
            )
        key = tm_key(source)
        if not key:
            return []
        with self._lock:
            found = self._fuzzy_candidates(key, min_similarity)
        return [(self._units[position], similarity) for position, similarity in found]

    def _penalised(
        self,
        position: int,
        base: float,
        query_numbers: tuple[str, ...],
        query_codes: tuple[str, ...],
    ) -> tuple[float, tuple[str, ...]]:
        """The score after number and inline-code penalties, and the penalties' names."""
        unit_numbers, unit_codes = self._facts(position)
        penalties: list[str] = []
        score = base
        if unit_numbers != query_numbers:
            differing = max(len(unit_numbers), len(query_numbers)) - _common_count(
                unit_numbers, query_numbers
            )
            penalties.append("number-mismatch")
            score = min(score, PENALISED_CAP) - NUMBER_PENALTY * max(differing, 1)
        if unit_codes != query_codes:
            penalties.append("inline-code-mismatch")
            score = min(score, PENALISED_CAP) - CODE_PENALTY
        return round(max(score, 0.0), 1), tuple(penalties)

    def _facts(self, position: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """A unit's numbers (sorted) and inline codes, kept once a lookup needed them."""
        facts = self._unit_facts.get(position)
        if facts is None:
            source = self._units[position].source
            # The key keeps every digit and separator and has no codes to strip.
            numbers = tuple(sorted(numbers_in(self._keys[position])))
            facts = (numbers, code_signature(source) if "<" in source else ())
            self._unit_facts[position] = facts
        return facts

    def _compact(self) -> None:
        """Pack the CSR postings with the pairs added since, sorted by feature then length."""
        packed_counts = np.diff(self._offsets)
        packed_features = np.repeat(
            np.arange(len(packed_counts), dtype=np.int32), packed_counts.astype(np.int64)
        )
        features = np.concatenate(
            [packed_features, np.frombuffer(self._pair_features, dtype=np.int32)]
        )
        positions = np.concatenate(
            [self._postings, np.frombuffer(self._pair_units, dtype=np.int32)]
        )
        self._lengths_array = np.frombuffer(self._lengths, dtype=np.int32).copy()
        pair_lengths = self._lengths_array[positions]
        order = np.lexsort((pair_lengths, features))
        self._postings = positions[order]
        self._posting_lengths = pair_lengths[order]
        counts = np.bincount(features, minlength=len(self._feature_ids))
        self._offsets = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(counts, out=self._offsets[1:])
        self._pair_features = array("i")
        self._pair_units = array("i")
        self._pending = {}

    def _postings_in_range(self, feature_id: int, shortest: float, longest: float) -> np.ndarray:
        """Units holding the feature whose key length lies in [shortest, longest]."""
        in_range = self._postings[:0]
        if feature_id + 1 < len(self._offsets):
            start, end = self._offsets[feature_id], self._offsets[feature_id + 1]
            if start < end:
                lengths = self._posting_lengths[start:end]
                low = start + np.searchsorted(lengths, shortest, side="left")
                high = start + np.searchsorted(lengths, longest, side="right")
                in_range = self._postings[low:high]
        pending = self._pending.get(feature_id)
        if pending:
            recent = [p for p in pending if shortest <= self._lengths[p] <= longest]
            if recent:
                in_range = np.concatenate([in_range, np.asarray(recent, dtype=np.int32)])
        return in_range

    def _fuzzy_candidates(self, key: str, min_similarity: float) -> list[tuple[int, float]]:
        """Units whose similarity reaches min_similarity among the candidates, best first."""
        if len(self._pair_features) > max(2_000, len(self._postings) // 50):
            self._compact()
        unit_count = len(self._units)
        ratio = _min_length_ratio(min_similarity)
        # rapidfuzz's ratio cannot reach the minimum outside these lengths.
        shortest, longest = len(key) * ratio, len(key) / ratio
        known = [
            (self._document_frequency[feature_id], feature_id)
            for feature in _features(key)
            if (feature_id := self._feature_ids.get(feature)) is not None
        ]
        if not known:
            return []
        # Rarest features first: they carry the most weight and the fewest postings.
        known.sort()
        postings: list[np.ndarray] = []
        weights: list[float] = []
        read = 0
        for frequency, feature_id in known:
            found = self._postings_in_range(feature_id, shortest, longest)
            if postings and read + len(found) > self._postings_budget:
                break
            postings.append(found)
            weights.append(math.log((unit_count + 1) / frequency))
            read += len(found)
        if not read:
            return []
        entries = np.concatenate(postings)
        totals = np.bincount(
            entries,
            weights=np.repeat(np.asarray(weights), [len(found) for found in postings]),
            minlength=unit_count,
        )
        if len(self._owner) < unit_count:
            self._owner = np.zeros(max(unit_count, 2 * len(self._owner)), dtype=np.int32)
        # One entry per unit: after the scatter, owner[unit] names exactly one of its
        # entries (whichever numpy wrote last), so no pass over all units is needed.
        entry_numbers = np.arange(len(entries), dtype=np.int32)
        self._owner[entries] = entry_numbers
        unit_positions = entries[self._owner[entries] == entry_numbers]
        if len(unit_positions) > self._candidates:
            unit_lengths = self._unit_lengths()[unit_positions]
            # Shared weight over summed lengths ranks units the way rapidfuzz's ratio
            # (twice the common part over the summed lengths) does.
            ranking = totals[unit_positions] / (unit_lengths + len(key))
            cut = len(ranking) - self._candidates
            unit_positions = unit_positions[np.argpartition(ranking, cut)[cut:]]
        candidates = unit_positions.tolist()
        scored = process.extract(
            key,
            [self._keys[position] for position in candidates],
            scorer=fuzz.ratio,
            score_cutoff=min_similarity,
            limit=None,
        )
        return [(candidates[choice], similarity) for _, similarity, choice in scored]

    def _unit_lengths(self) -> np.ndarray:
        if len(self._lengths_array) < len(self._lengths):
            return np.frombuffer(self._lengths, dtype=np.int32)
        return self._lengths_array


def _common_count(first: tuple[str, ...], second: tuple[str, ...]) -> int:
    """How many items two sorted tuples share, counting repeats."""
    common = i = j = 0
    while i < len(first) and j < len(second):
        if first[i] == second[j]:
            common += 1
            i += 1
            j += 1
        elif first[i] < second[j]:
            i += 1
        else:
            j += 1
    return common


def _descending(text: str) -> tuple[int, tuple[int, ...]]:
    """Sort key that puts later ISO timestamps first and unknown ones last."""
    return (0 if text else 1, tuple(-ord(char) for char in text))
