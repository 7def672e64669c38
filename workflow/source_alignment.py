"""Which sentence of a document's new source is which sentence of its old one.

A re-import updates a document in place, so every new sentence is either one the document
already had (kept, with its id, translation, history and comments) or a new one. Three
passes decide it:

1. A sequence alignment (``difflib.SequenceMatcher`` over the sources, autojunk off, so a
   sentence repeated many times is still matched) finds the stretches both versions share:
   those sentences are **unchanged**.
2. A sentence outside those stretches whose source occurs, unclaimed, elsewhere in the old
   version was **moved** there: it is re-attached to that old sentence (the earliest one
   first when the source repeats).
3. What is left between two shared stretches was edited. A lone replaced sentence (one old,
   one new) is the same sentence **changed**. In a longer edited stretch, old and new
   sentences are paired in order where they are similar (at least
   :data:`SIMILARITY_THRESHOLD` of their matching keys agree), so a sentence split in two
   keeps its id on the closer part. In a very long edited stretch (more than
   :data:`MAX_PAIRING_CELLS` comparisons) only the n-th old and the n-th new sentence are
   compared, and paired when similar.

Old sentences left over were **removed**; new ones left over were **added**.

"Unchanged" means the exact source in Unicode NFC: the same text saved as NFD is unchanged,
but a source whose matching key is equal while its text differs (a capitalisation or a
tone-mark fix, "hoà" → "hòa") is *changed*, because its translation may need the same fix.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict, deque
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

from primitives.text_keys import match_key

SIMILARITY_THRESHOLD = 0.5  # difflib ratio of the matching keys for a pair in a long hunk
MAX_PAIRING_CELLS = 10_000  # old × new sentences compared in one edited stretch, at most


class Kept(StrEnum):
    """How a new sentence relates to the old sentence it keeps."""

    UNCHANGED = "unchanged"  # the same source, in the shared order
    MOVED = "moved"  # the same source, from elsewhere in the document
    CHANGED = "changed"  # the old sentence, edited


@dataclass(frozen=True)
class Alignment:
    """The old sentence each new one keeps, and what was added and removed (indexes)."""

    kept: dict[int, tuple[int, Kept]]  # new index -> (old index, how)
    added: tuple[int, ...]  # new indexes that keep no old sentence
    removed: tuple[int, ...]  # old indexes no new sentence keeps

    def count(self, how: Kept) -> int:
        return sum(1 for _, kind in self.kept.values() if kind is how)

    @property
    def identical(self) -> bool:
        """Whether the new text is the old one, sentence for sentence, in the same order."""
        return (
            not self.added
            and not self.removed
            and all(kind is Kept.UNCHANGED for _, kind in self.kept.values())
        )


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _similarity(first: str, second: str) -> float:
    """difflib's ratio of two matching keys, 0 as soon as it cannot reach the threshold."""
    matcher = SequenceMatcher(None, first, second, autojunk=False)
    if matcher.real_quick_ratio() < SIMILARITY_THRESHOLD:
        return 0.0
    if matcher.quick_ratio() < SIMILARITY_THRESHOLD:
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= SIMILARITY_THRESHOLD else 0.0


def _pair_edited(
    old_keys: Sequence[str], new_keys: Sequence[str], olds: list[int], news: list[int]
) -> list[tuple[int, int]]:
    """(old, new) pairs of one edited stretch, in order (see the module docstring)."""
    if not olds or not news:
        return []
    if len(olds) == 1 and len(news) == 1:
        return [(olds[0], news[0])]
    if len(olds) * len(news) > MAX_PAIRING_CELLS:
        # Too long to compare all with all: pair the n-th old with the n-th new where they
        # are similar (a change made all through the text, such as a renamed office).
        return [
            (i, j)
            for i, j in zip(olds, news, strict=False)
            if _similarity(old_keys[i], new_keys[j])
        ]
    rows, columns = len(olds), len(news)
    score = [[0.0] * (columns + 1) for _ in range(rows + 1)]
    similar = [[0.0] * columns for _ in range(rows)]
    for r in range(rows):
        for c in range(columns):
            similar[r][c] = _similarity(old_keys[olds[r]], new_keys[news[c]])
            best = max(score[r][c + 1], score[r + 1][c])
            if similar[r][c]:
                best = max(best, score[r][c] + similar[r][c])
            score[r + 1][c + 1] = best
    # Walk back along the best path: a diagonal step where a pair scored is that pair.
    pairs: list[tuple[int, int]] = []
    r, c = rows, columns
    while r and c:
        if similar[r - 1][c - 1] and score[r][c] == score[r - 1][c - 1] + similar[r - 1][c - 1]:
            pairs.append((olds[r - 1], news[c - 1]))
            r, c = r - 1, c - 1
        elif score[r][c] == score[r - 1][c]:
            r -= 1
        else:
            c -= 1
    return pairs[::-1]


def align_sources(old: Sequence[str], new: Sequence[str]) -> Alignment:
    """Align a document's stored sources (in position order) with its new ones."""
    old_texts, new_texts = [_nfc(s) for s in old], [_nfc(s) for s in new]
    matcher = SequenceMatcher(None, old_texts, new_texts, autojunk=False)
    kept: dict[int, tuple[int, Kept]] = {}
    hunks: list[tuple[range, range]] = []
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            for offset in range(old_end - old_start):
                kept[new_start + offset] = (old_start + offset, Kept.UNCHANGED)
        else:
            hunks.append((range(old_start, old_end), range(new_start, new_end)))

    unclaimed: dict[str, deque[int]] = defaultdict(deque)
    for olds, _ in hunks:
        for index in olds:
            unclaimed[old_texts[index]].append(index)
    claimed: set[int] = set()
    for _, news in hunks:
        for index in news:
            waiting = unclaimed.get(new_texts[index])
            if waiting:
                old_index = waiting.popleft()
                kept[index] = (old_index, Kept.MOVED)
                claimed.add(old_index)

    old_keys = [match_key(s) for s in old_texts]
    new_keys = [match_key(s) for s in new_texts]
    for olds, news in hunks:
        pairs = _pair_edited(
            old_keys,
            new_keys,
            [i for i in olds if i not in claimed],
            [j for j in news if j not in kept],
        )
        for old_index, new_index in pairs:
            kept[new_index] = (old_index, Kept.CHANGED)

    used = {old_index for old_index, _ in kept.values()}
    return Alignment(
        kept=kept,
        added=tuple(j for j in range(len(new_texts)) if j not in kept),
        removed=tuple(i for i in range(len(old_texts)) if i not in used),
    )
