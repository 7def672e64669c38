"""What a translation memory holds and what a lookup returns."""

from __future__ import annotations

from dataclasses import dataclass, field

# Scores of the match kinds that do not come from a similarity measure.
IN_CONTEXT_SCORE = 101.0
EXACT_SCORE = 100.0

MatchKind = str  # "in-context" | "exact" | "fuzzy"


@dataclass(frozen=True)
class TMUnit:
    """One Vietnamese source sentence and its English translation.

    prev_source/next_source are the neighbouring source segments the translation was made
    in; a lookup with the same neighbours is an in-context (101%) match. created_at is an
    ISO 8601 timestamp ("2024-05-01T09:30:00Z") or "" when unknown.
    """

    source: str
    target: str
    unit_id: int | str | None = None
    prev_source: str = ""
    next_source: str = ""
    origin: str = ""
    created_by: str = ""
    created_at: str = ""
    note: str = ""


@dataclass(frozen=True)
class TMMatch:
    """A unit found for a query, best first in lookup results.

    score is what the translator sees (0..101, after penalties); similarity is the raw
    similarity of the two matching keys (0..100) before any penalty. penalties name what
    differs beyond the words: "number-mismatch", "inline-code-mismatch".
    """

    unit: TMUnit
    score: float
    kind: MatchKind
    similarity: float
    penalties: tuple[str, ...] = field(default=())
