"""Translate a document's segments through a token-level model, the way songngu needs.

Engine-independent logic, for the requests given (the caller has already dropped
repeats): protected spans become placeholders; a source too long for the model is split
at clause punctuation; sentences go to the model in batches sorted by length, each with
an output limit proportional to its input; looping or cut output is retried with a
repetition penalty; a segment whose placeholders did not survive is retranslated without
protection.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from primitives.inline import plain, tag_signature
from translation.engine import (
    FLAG_LONG_INPUT_SPLIT,
    FLAG_OUTPUT_TRUNCATED,
    FLAG_PLACEHOLDER_LOST,
    FLAG_REPETITION,
    FLAG_TAGS_MOVED,
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


class TokenModel(Protocol):
    """A sentence-level model working on subword pieces (e.g. SentencePiece + CTranslate2)."""

    def encode(self, texts: list[str]) -> list[list[str]]: ...

    def decode(self, pieces: list[list[str]]) -> list[str]: ...

    def translate(
        self, batch: list[list[str]], *, max_decoding_length: int, guard_repetition: bool
    ) -> list[tuple[list[str], float]]:
        """Best hypothesis per input and its length-normalised log-probability."""
        ...


@dataclass(frozen=True)
class PipelineSettings:
    batch_size: int = 32  # sentences per model call, after sorting by length
    max_input_tokens: int = 200  # longer sources are split at clause punctuation
    decoding_ratio: float = 2.0  # output limit = ratio × input tokens + extra
    decoding_extra: int = 10
    max_decoding_length: int = 512  # upper cap of the proportional limit
    retry_repetition: bool = True


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


@dataclass
class _Segment:
    request: MTRequest
    leading: str
    trailing: str
    protected: ProtectedText | None
    units: list[_Unit] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)


def repeats(pieces: Sequence[str], *, max_ngram: int = 4) -> bool:
    """True if an n-gram (n ≤ max_ngram) repeats back to back: 4 times for n=1, else 3."""
    for n in range(1, max_ngram + 1):
        needed = 4 if n == 1 else 3
        for start in range(0, len(pieces) - n * needed + 1):
            gram = tuple(pieces[start : start + n])
            if all(
                tuple(pieces[start + k * n : start + (k + 1) * n]) == gram for k in range(needed)
            ):
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

    def translate(self, requests: Sequence[MTRequest]) -> Iterator[list[MTResult]]:
        """TranslationEngine.translate over the model.

        One group today: retries and the unprotected fallback are decided across all the
        requests of a call, so no result is final before the last batch.
        """
        if requests:
            yield self._translate(list(requests))

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

    def _translate(self, requests: list[MTRequest]) -> list[MTResult]:
        segments = [self._prepare(request, protected_on=True) for request in requests]
        self._run(segments)
        targets = [self._final(segment) for segment in segments]
        lost = [index for index, target in enumerate(targets) if target is None]
        if lost:
            # The model dropped or mangled a placeholder: translate the plain text instead.
            fallback = [self._prepare(requests[index], protected_on=False) for index in lost]
            self._run(fallback)
            for index, segment in zip(lost, fallback, strict=True):
                segment.flags |= segments[index].flags | {FLAG_PLACEHOLDER_LOST}
                segments[index] = segment
                targets[index] = self._final(segment)
        return [
            self._result(segment, target) for segment, target in zip(segments, targets, strict=True)
        ]

    def _source_text(self, segment: _Segment) -> str:
        if segment.protected is not None:
            return segment.protected.text
        return plain(segment.request.source).strip()

    def _run(self, segments: list[_Segment]) -> None:
        """Fill each segment's units with model output."""
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
        self._decode_units(units, guard_repetition=False)
        retry = [
            unit
            for unit in units
            if FLAG_REPETITION in unit.flags or FLAG_OUTPUT_TRUNCATED in unit.flags
        ]
        if retry and self.settings.retry_repetition:
            self._decode_units(retry, guard_repetition=True)
            for unit in retry:
                unit.flags.add(FLAG_REPETITION)

    def _limit(self, source_tokens: int) -> int:
        proportional = math.ceil(self.settings.decoding_ratio * source_tokens)
        return min(self.settings.max_decoding_length, proportional + self.settings.decoding_extra)

    def _decode_units(self, units: list[_Unit], *, guard_repetition: bool) -> None:
        ordered = sorted(units, key=lambda unit: len(unit.pieces))
        for start in range(0, len(ordered), self.settings.batch_size):
            batch = ordered[start : start + self.settings.batch_size]
            limit = self._limit(max(len(unit.pieces) for unit in batch))
            outputs = self.model.translate(
                [unit.pieces for unit in batch],
                max_decoding_length=limit,
                guard_repetition=guard_repetition,
            )
            targets = self.model.decode([pieces for pieces, _ in outputs])
            for unit, (pieces, score), target in zip(batch, outputs, targets, strict=True):
                unit.flags = set()
                unit.target = target.strip()
                unit.log_probability = score
                unit.output_tokens = len(pieces)
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
        for unit in segment.units:
            flags |= unit.flags
            weight = max(unit.output_tokens, 1)
            total_tokens += weight
            total_log_probability += unit.log_probability * weight
        score = math.exp(total_log_probability / total_tokens) if total_tokens else 1.0
        return MTResult(
            key=segment.request.key,
            target=segment.leading + target + segment.trailing,
            score=min(1.0, max(0.0, score)),
            flags=tuple(sorted(flags)),
        )
