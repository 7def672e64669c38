"""Translate a document's segments through a token-level model, the way songngu needs.

Engine-independent logic, for the requests given (the caller has already dropped
repeats): protected spans become placeholders; a source too long for the model is split
at clause punctuation; every text of the call goes to the model in one order sorted by
length (longest first, as CTranslate2 sorts), cut into batches, each with an output
limit proportional to its input. A batch's faults are retried as soon as it is back,
each in the way that fits it: a looping output with a repetition penalty, an output cut
at its limit with a higher limit; a segment whose placeholders did not survive is
decoded again without protection inside the next batch submitted. Then the segments that
batch finished are yielded, so a caller stores (and shows) results batch by batch. A
model that decodes asynchronously (``submit``) gets the next batches while the caller
stores the last one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from primitives.errors import InvalidInput
from primitives.inline import plain, tag_signature
from translation.engine import (
    FLAG_LONG_INPUT_SPLIT,
    FLAG_OUTPUT_TRUNCATED,
    FLAG_PLACEHOLDER_LOST,
    FLAG_REPETITION,
    FLAG_TAGS_MOVED,
    RETRY_PLACEHOLDER_LOST,
    RETRY_REPETITION,
    RETRY_TRUNCATED,
    MTRequest,
    MTResult,
)
from translation.protection import (
    PLACEHOLDER_RE,
    ProtectedText,
    ProtectionOptions,
    TermSpan,
    find_spans,
    protect,
    restore,
)

_CLAUSE_END_RE = re.compile(r"(?<=[,;:])\s+|\s+(?=[–—-]\s)")
BATCH_TYPES = ("examples", "tokens")
Outputs = list[tuple[list[str], float]]


class TokenModel(Protocol):
    """A sentence-level model working on subword pieces (e.g. SentencePiece + CTranslate2)."""

    def encode(self, texts: list[str]) -> list[list[str]]: ...

    def decode(self, pieces: list[list[str]]) -> list[str]: ...

    def translate(
        self, batch: list[list[str]], *, max_decoding_length: int, guard_repetition: bool
    ) -> Outputs:
        """Best hypothesis per input and its length-normalised log-probability."""
        ...


@runtime_checkable
class AsyncTokenModel(TokenModel, Protocol):
    """A TokenModel that can decode batches in the background, parallel_batches at a time."""

    parallel_batches: int

    def submit(
        self, batch: list[list[str]], *, max_decoding_length: int, guard_repetition: bool
    ) -> Callable[[], Outputs]:
        """Start decoding batch; the returned function waits for and returns its outputs."""
        ...


@dataclass(frozen=True)
class PipelineSettings:
    batch_size: int = 32  # per model call, after sorting by length: sentences, or tokens
    batch_type: str = "examples"  # "tokens": sentences × longest input ≤ batch_size
    max_input_tokens: int = 200  # longer sources are split at clause punctuation
    decoding_ratio: float = 2.0  # output limit = ratio × input tokens + extra
    decoding_extra: int = 10
    max_decoding_length: int = 512  # upper cap of every limit, retries included
    retry_repetition: bool = True  # a looping output is redone with a repetition penalty
    retry_truncated: bool = True  # an output cut at its limit is redone with a higher one
    truncated_retry_factor: float = 2.0  # how much higher

    def check(self) -> None:
        if self.batch_type not in BATCH_TYPES:
            raise InvalidInput(
                "mt.unknown_batch_type",
                "unknown batch type {batch_type!r}; choose one of: {choices}",
                batch_type=self.batch_type,
                choices=", ".join(BATCH_TYPES),
            )
        if self.batch_size < 1:
            raise InvalidInput(
                "mt.bad_batch_size",
                "the batch size must be at least 1, not {batch_size}",
                batch_size=self.batch_size,
            )

    def describe_batch(self) -> str:
        return f"{self.batch_size} {self.batch_type}"

    def limit(self, source_tokens: int) -> int:
        """The output limit for a batch whose longest input has source_tokens pieces."""
        proportional = math.ceil(self.decoding_ratio * source_tokens)
        return min(self.max_decoding_length, proportional + self.decoding_extra)

    def batches(self, lengths: Sequence[int]) -> list[list[int]]:
        """Indexes of inputs of these lengths, longest first, cut into batches.

        "examples": batch_size inputs a batch; "tokens": as many as fit batch_size
        padded pieces (inputs × the longest, the batch's first), at least one. Longest
        first, as CTranslate2 orders its own batches: the one short batch is the last,
        so with batches decoded in parallel the work left at the end is the least.
        """
        ordered = sorted(range(len(lengths)), key=lambda index: -lengths[index])
        size = self.batch_size
        if self.batch_type == "examples":
            return [ordered[start : start + size] for start in range(0, len(ordered), size)]
        batches: list[list[int]] = []
        current: list[int] = []
        for index in ordered:
            if current and (len(current) + 1) * max(lengths[current[0]], 1) > size:
                batches.append(current)
                current = []
            current.append(index)
        return batches + ([current] if current else [])


@dataclass
class _Unit:
    """One text sent to the model: a whole segment or one clause group of a long one."""

    segment: int
    text: str
    pieces: list[str]
    target: str = ""
    log_probability: float = 0.0
    output_tokens: int = 0
    flags: set[str] = field(default_factory=set)
    decodes: int = 0
    retries: list[str] = field(default_factory=list)


@dataclass
class _Segment:
    request: MTRequest
    leading: str
    trailing: str
    protected: ProtectedText | None
    units: list[_Unit] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    decodes: int = 0  # of an earlier protected attempt this segment replaces
    retries: list[str] = field(default_factory=list)


def repeats(pieces: Sequence[str], *, max_ngram: int = 4) -> bool:
    """True if an n-gram (n ≤ max_ngram) repeats back to back: 4 times for n=1, else 3.

    An n-gram repeated k times from s means pieces[i] == pieces[i + n] for every i in
    s … s + (k − 1)·n − 1, so a run of that many equal pairs is enough (one pass per n).
    """
    for n in range(1, max_ngram + 1):
        needed = ((4 if n == 1 else 3) - 1) * n
        run = 0
        for index in range(len(pieces) - n):
            run = run + 1 if pieces[index] == pieces[index + n] else 0
            if run >= needed:
                return True
    return False


def split_long_text(text: str, pieces_of: TokenModel, max_tokens: int) -> list[str]:
    """Split text into parts of at most max_tokens pieces, at clause punctuation if possible."""
    clauses = [c for c in _CLAUSE_END_RE.split(text) if c]
    counts = [len(p) for p in pieces_of.encode(clauses)]
    parts: list[str] = []
    fitting: list[str] = []
    fitting_counts: list[int] = []
    for clause, count in zip(clauses, counts, strict=True):
        if count <= max_tokens:
            fitting.append(clause)
            fitting_counts.append(count)
            continue
        # A clause with no punctuation to split at: pack whole words up to the limit.
        parts += _pack(fitting, fitting_counts, max_tokens)
        fitting, fitting_counts = [], []
        words = clause.split()
        parts += _pack(words, [len(p) for p in pieces_of.encode(words)], max_tokens)
    return parts + _pack(fitting, fitting_counts, max_tokens)


def _pack(items: list[str], counts: list[int], max_tokens: int) -> list[str]:
    """Consecutive items joined by spaces into parts of at most max_tokens pieces each."""
    parts: list[str] = []
    current: list[str] = []
    current_count = 0
    for item, count in zip(items, counts, strict=True):
        if current and current_count + count > max_tokens:
            parts.append(" ".join(current))
            current, current_count = [], 0
        current.append(item)
        current_count += count
    if current:
        parts.append(" ".join(current))
    return parts


class DocumentTranslator:
    """Runs the segment pipeline over a TokenModel."""

    def __init__(self, model: TokenModel, settings: PipelineSettings | None = None) -> None:
        self.model = model
        self.settings = settings or PipelineSettings()
        self.settings.check()

    def translate(self, requests: Sequence[MTRequest]) -> Iterator[list[MTResult]]:
        """TranslationEngine.translate over the model: a group per batch decoded.

        Segments with nothing to translate come first; then a group per batch, longest
        first: the segments that batch finished (if none, no group). A segment whose
        placeholders the model lost is decoded again without protection inside the next
        batch submitted (small batches of its own are what makes per-sentence decoding
        slow), so its result comes with the group of the batch that carried it; the last
        batches' losses are decoded together after them, within the last group. A caller
        that stops iterating stops the work.
        """
        segments = [self._prepare(request, protected_on=True) for request in requests]
        units = self._split(segments)
        waiting = [len(segment.units) for segment in segments]
        empty = [index for index, count in enumerate(waiting) if count == 0]
        if empty:
            yield self._results(segments, empty)
        redo: list[_Unit] = []  # plain units of lost segments, for the next batch submitted
        held: list[int] = []  # the last batch's finished segments, until the redo is done
        for batch, last in self._decoded_batches(units, redo):
            finished: list[int] = []
            for unit in batch:
                waiting[unit.segment] -= 1
                if waiting[unit.segment] == 0:
                    finished.append(unit.segment)
            done = held + [
                index
                for index in finished
                if not self._replace_if_lost(segments, index, redo, waiting)
            ]
            if last and redo:
                held = done  # the losses of the last batches are decoded just below
                continue
            held = []
            if done:
                yield self._results(segments, done)
        if held:
            yield self._results(segments, held)

    def _replace_if_lost(
        self, segments: list[_Segment], index: int, redo: list[_Unit], waiting: list[int]
    ) -> bool:
        """If the segment lost placeholders, replace it by its plain form, queued in redo."""
        before = segments[index]
        if before.protected is None or self._final(before) is not None:
            return False
        # The model dropped or mangled a placeholder: translate the plain text instead.
        segment = self._prepare(before.request, protected_on=False)
        segment.flags |= before.flags | {FLAG_PLACEHOLDER_LOST}
        segment.decodes = before.decodes + sum(unit.decodes for unit in before.units)
        segment.retries = [
            *before.retries,
            *(reason for unit in before.units for reason in unit.retries),
            RETRY_PLACEHOLDER_LOST,
        ]
        segments[index] = segment
        units = self._split([segment])
        for unit in units:
            unit.segment = index
        waiting[index] = len(units)
        redo.extend(units)
        return bool(units)

    def _prepare(self, request: MTRequest, protected_on: bool) -> _Segment:
        stripped = request.source.strip()
        leading = request.source[: len(request.source) - len(request.source.lstrip())]
        trailing = request.source[len(request.source.rstrip()) :]
        protected: ProtectedText | None = None
        if protected_on:
            options = ProtectionOptions(
                names=request.names,
                strip_name_diacritics=request.strip_name_diacritics,
                detect_do_not_translate=request.protect_patterns,
                date_style=request.date_style,
            )
            shift = len(leading)
            terms = tuple(
                TermSpan(term.start - shift, term.end - shift, term.replacement, term.kind)
                for term in request.terms
                if term.start >= shift and term.end <= shift + len(stripped)
            )
            protected = protect(stripped, find_spans(stripped, terms, options))
        return _Segment(request, leading, trailing, protected, [])

    def _results(self, segments: list[_Segment], indexes: list[int]) -> list[MTResult]:
        return [self._result(segments[index], self._final(segments[index])) for index in indexes]

    def _source_text(self, segment: _Segment) -> str:
        if segment.protected is not None:
            return segment.protected.text
        return plain(segment.request.source).strip()

    def _split(self, segments: list[_Segment]) -> list[_Unit]:
        """Each segment's texts for the model (none if nothing needs translating)."""
        texts: list[tuple[int, str]] = []
        for index, segment in enumerate(segments):
            text = self._source_text(segment)
            if not any(c.isalpha() for c in PLACEHOLDER_RE.sub("", text)):
                continue  # nothing to translate: only placeholders, digits or punctuation
            texts.append((index, text))
        encoded = self.model.encode([text for _, text in texts])
        units: list[_Unit] = []
        for (index, text), pieces in zip(texts, encoded, strict=True):
            segment = segments[index]
            if len(pieces) > self.settings.max_input_tokens:
                parts = split_long_text(text, self.model, self.settings.max_input_tokens)
                segment.flags.add(FLAG_LONG_INPUT_SPLIT)
                for part, part_pieces in zip(parts, self.model.encode(parts), strict=True):
                    segment.units.append(_Unit(index, part, part_pieces))
            else:
                segment.units.append(_Unit(index, text, pieces))
            units.extend(segment.units)
        return units

    def _submit(
        self, units: list[_Unit], limit: int, guard_repetition: bool
    ) -> Callable[[], Outputs]:
        batch = [unit.pieces for unit in units]
        if isinstance(self.model, AsyncTokenModel):
            return self.model.submit(
                batch, max_decoding_length=limit, guard_repetition=guard_repetition
            )
        outputs = self.model.translate(
            batch, max_decoding_length=limit, guard_repetition=guard_repetition
        )
        return lambda: outputs

    def _decoded_batches(
        self, units: list[_Unit], redo: list[_Unit]
    ) -> Iterator[tuple[list[_Unit], bool]]:
        """Each batch of units once decoded and retried, longest first, and if it is last.

        Units the caller puts in redo while handling a batch join the next batch
        submitted (and are handed back with it). Once every batch is out, redo units go
        out as a batch of their own as soon as the model has a worker free (with
        parallel batches, beside those still decoding), else after the last batch.
        An asynchronous model is kept busy: while one batch is retried and handed to the
        caller, the next ones (as many as it decodes in parallel) are being decoded.
        """
        cut = self.settings.batches([len(unit.pieces) for unit in units])
        batches = [[units[index] for index in batch] for batch in cut]
        parallel = self.model.parallel_batches if isinstance(self.model, AsyncTokenModel) else 0
        pending: list[tuple[list[_Unit], int, Callable[[], Outputs]]] = []

        def submit(batch: list[_Unit]) -> None:
            batch = batch + redo
            redo.clear()
            limit = self.settings.limit(max(len(unit.pieces) for unit in batch))
            pending.append((batch, limit, self._submit(batch, limit, False)))

        for number, batch in enumerate(batches, start=1):
            submit(batch)
            if len(pending) > parallel:
                finished = self._finish_batch(*pending.pop(0))
                yield finished, number == len(batches) and not pending
        while pending or redo:
            if redo and len(pending) < max(parallel, 1):
                # No batch is left to carry the redo and a worker is free: decode it now,
                # beside the batches still running (with parallel batches), not after them.
                submit([])
            finished = self._finish_batch(*pending.pop(0))
            yield finished, not pending

    def _finish_batch(
        self, batch: list[_Unit], limit: int, result: Callable[[], Outputs]
    ) -> list[_Unit]:
        self._store(batch, result(), limit)
        loops = [unit for unit in batch if FLAG_REPETITION in unit.flags]
        cut = [
            unit
            for unit in batch
            if FLAG_OUTPUT_TRUNCATED in unit.flags and FLAG_REPETITION not in unit.flags
        ]
        if loops and self.settings.retry_repetition:
            # A loop is a fault of the search, not of room: same limit, a penalty on repeats.
            self._store(loops, self._submit(loops, limit, True)(), limit)
            for unit in loops:
                unit.flags.add(FLAG_REPETITION)
                unit.retries.append(RETRY_REPETITION)
        higher = min(
            self.settings.max_decoding_length,
            math.ceil(limit * self.settings.truncated_retry_factor),
        )
        if cut and self.settings.retry_truncated and higher > limit:
            # A sentence that needed more tokens: the same search with more room.
            self._store(cut, self._submit(cut, higher, False)(), higher)
            for unit in cut:
                unit.retries.append(RETRY_TRUNCATED)
        return batch

    def _store(self, units: list[_Unit], outputs: Outputs, limit: int) -> None:
        targets = self.model.decode([pieces for pieces, _ in outputs])
        for unit, (pieces, score), target in zip(units, outputs, targets, strict=True):
            unit.flags = set()
            unit.target = target.strip()
            unit.log_probability = score
            unit.output_tokens = len(pieces)
            unit.decodes += 1
            if len(pieces) >= limit:
                unit.flags.add(FLAG_OUTPUT_TRUNCATED)
            if repeats(pieces) and not repeats(unit.pieces):
                unit.flags.add(FLAG_REPETITION)

    def _joined(self, segment: _Segment) -> str:
        if not segment.units:
            return self._source_text(segment)
        return " ".join(unit.target for unit in segment.units if unit.target)

    def _final(self, segment: _Segment) -> str | None:
        """The restored target, or None if placeholders were lost."""
        joined = self._joined(segment)
        if segment.protected is None:
            tags = "".join(tag_signature(segment.request.source))
            if tags:
                segment.flags.add(FLAG_TAGS_MOVED)
            return joined + tags
        return restore(joined, segment.protected)

    def _result(self, segment: _Segment, target: str | None) -> MTResult:
        assert target is not None  # segments with lost placeholders were replaced
        flags = set(segment.flags)
        total_tokens = 0
        total_log_probability = 0.0
        decodes = segment.decodes
        retries = list(segment.retries)
        for unit in segment.units:
            flags |= unit.flags
            weight = max(unit.output_tokens, 1)
            total_tokens += weight
            total_log_probability += unit.log_probability * weight
            decodes += unit.decodes
            retries += unit.retries
        score = math.exp(total_log_probability / total_tokens) if total_tokens else 1.0
        return MTResult(
            key=segment.request.key,
            target=segment.leading + target + segment.trailing,
            score=min(1.0, max(0.0, score)),
            flags=tuple(sorted(flags)),
            decodes=decodes,
            retries=tuple(retries),
        )
