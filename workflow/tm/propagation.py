"""Auto-propagation: which repeated segments a confirmed translation can fill."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from primitives.inline import plain
from workflow.tm.keys import code_signature, tm_key


@dataclass(frozen=True)
class SegmentText:
    """What propagation needs to know of a segment."""

    segment_id: int
    source: str
    target: str = ""


@dataclass(frozen=True)
class Propagation:
    """Fill segment_id with target. exact_source is False when the repeat differs from the
    confirmed source in case, spacing or Unicode form only: worth a reviewer's look."""

    segment_id: int
    target: str
    exact_source: bool


def propagations(segments: Iterable[SegmentText], confirmed: SegmentText) -> list[Propagation]:
    """Untranslated segments whose source is the confirmed one's (same matching key and the
    same inline codes, so the target's tags fit), in the order given."""
    if not plain(confirmed.target).strip():
        return []
    key = tm_key(confirmed.source)
    codes = code_signature(confirmed.source)
    found: list[Propagation] = []
    for segment in segments:
        if segment.segment_id == confirmed.segment_id or plain(segment.target).strip():
            continue
        if tm_key(segment.source) != key or code_signature(segment.source) != codes:
            continue
        found.append(
            Propagation(
                segment_id=segment.segment_id,
                target=confirmed.target,
                exact_source=segment.source == confirmed.source,
            )
        )
    return found
