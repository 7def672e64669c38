"""Build a package's shortlist from the model's own translations, then measure it.

The corpus is split: four sentences in five are translated with the full vocabulary and
give the map, every fifth is held out to measure it. A batch may then produce:
- the `size` pieces the model produced most often (one rule for every batch);
- every piece that is not a word: digits, punctuation, placeholders like ``[1]``;
- the pieces of the glossary's English targets the caller passes;
- for each source piece, itself (copy-through: names, numbers, codes, foreign words)
  with a capital or small first letter and without Vietnamese diacritics (how a name
  comes out in English), and the pieces that most often came out of sentences holding
  it (its likely translations).
The held-out sentences are translated twice, with and without the map, in the same
batches as a job sends; the record says how many came out identical.
"""

from __future__ import annotations

import difflib
import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from primitives.errors import InvalidInput
from translation.argos_engine import DecodingSettings, SentencePieceCT2Model
from translation.packages import InstalledPackage
from translation.pipeline import PipelineSettings, split_long_text
from translation.protection import ProtectionOptions, find_spans, protect, strip_diacritics
from translation.shortlist import (
    Fidelity,
    ShortlistRecord,
    file_sha256,
    vmap_path,
    write_record,
    write_vmap,
)

DEFAULT_SIZE = 4000  # most frequent output pieces allowed in every batch
PER_SOURCE = 20  # most co-occurring output pieces kept for each source piece
MIN_COOCCURRENCE = 2  # sentences a source and an output piece must share to be paired
MIN_SHARE = 0.05  # …and the share of the source piece's sentences that must hold both
HELD_OUT_EVERY = 5  # every fifth distinct sentence measures, the others build
MIN_HELD_OUT = 10
_SPECIALS = ("<unk>", "<s>", "</s>", "<blank>", "<pad>")
Progress = Callable[[str], None]


def split_corpus(sentences: Sequence[str]) -> tuple[list[str], list[str]]:
    """(training, held-out) distinct non-empty sentences, every fifth one held out."""
    distinct = list(dict.fromkeys(line.strip() for line in sentences if line.strip()))
    held_out = distinct[HELD_OUT_EVERY - 1 :: HELD_OUT_EVERY]
    chosen = set(held_out)
    return [line for line in distinct if line not in chosen], held_out


def _vocabulary(model_dir: Path, side: str) -> list[str]:
    """A CTranslate2 model's target or source vocabulary (shared, or its own file)."""
    for name in ("shared_vocabulary", f"{side}_vocabulary"):
        json_file = model_dir / f"{name}.json"
        if json_file.is_file():
            return [str(token) for token in json.loads(json_file.read_text(encoding="utf-8"))]
        text_file = model_dir / f"{name}.txt"
        if text_file.is_file():
            return text_file.read_text(encoding="utf-8").splitlines()
    raise InvalidInput(
        "shortlist.no_vocabulary",
        "the package's model folder {folder} has no vocabulary file",
        folder=str(model_dir),
    )


def _model_inputs(
    model: SentencePieceCT2Model, sentences: Sequence[str], pipeline: PipelineSettings
) -> list[list[list[str]]]:
    """Each sentence's pieces as the engine gives them to the model.

    Protected spans are placeholders, and a sentence longer than the pipeline's input
    limit is cut at clause punctuation into several inputs.
    """
    options = ProtectionOptions()
    texts = [protect(text, find_spans(text, (), options)).text for text in sentences]
    inputs: list[list[list[str]]] = []
    for text, pieces in zip(texts, model.encode(texts), strict=True):
        if len(pieces) <= pipeline.max_input_tokens:
            inputs.append([pieces])
        else:
            parts = split_long_text(text, model, pipeline.max_input_tokens)
            inputs.append(model.encode(parts))
    return inputs


def _translate(
    model: SentencePieceCT2Model,
    pipeline: PipelineSettings,
    inputs: list[list[str]],
    *,
    use_vmap: bool,
) -> tuple[list[list[str]], float]:
    """Each input's output pieces, in the engine's batches; and the seconds it took."""
    decoding = model.with_shortlist(use_vmap)
    started = time.perf_counter()
    waiting = []
    for batch in pipeline.batches([len(pieces) for pieces in inputs]):
        limit = pipeline.limit(max(len(inputs[index]) for index in batch))
        pieces = [inputs[index] for index in batch]
        waiting.append(
            (batch, decoding.submit(pieces, max_decoding_length=limit, guard_repetition=False))
        )
    outputs: list[list[str]] = [[] for _ in inputs]
    for batch, result in waiting:
        for index, (pieces, _) in zip(batch, result(), strict=True):
            outputs[index] = pieces
    return outputs, time.perf_counter() - started


def _word_like(piece: str) -> bool:
    return any(character.isalpha() for character in piece)


def _recapitalised(piece: str) -> set[str]:
    """The piece, and with its first letter in capitals and in small letters."""
    body = piece.lstrip("▁")
    marker = piece[: len(piece) - len(body)]
    if not body:
        return {piece}
    return {piece, marker + body[:1].upper() + body[1:], marker + body[:1].lower() + body[1:]}


def _copy_through(
    pieces: list[str], encode: Callable[[list[str]], list[list[str]]]
) -> dict[str, set[str]]:
    """What each source piece can come out as when copied: recapitalised, without marks."""
    found = {piece: _recapitalised(piece) for piece in pieces}
    stripped: list[tuple[str, str]] = []
    for piece in pieces:
        body = piece.lstrip("▁")
        plain_body = strip_diacritics(body)
        if plain_body and plain_body != body:
            stripped.append((piece, (" " if body != piece else "") + plain_body))
    encoded = encode([text for _, text in stripped])
    for (piece, _), plain_pieces in zip(stripped, encoded, strict=True):
        for plain_piece in plain_pieces:
            found[piece] |= _recapitalised(plain_piece)
    return found


def build_shortlist(
    package: InstalledPackage,
    sentences: Sequence[str],
    *,
    corpus_name: str,
    size: int = DEFAULT_SIZE,
    extra_targets: Sequence[str] = (),
    decoding: DecodingSettings | None = None,
    pipeline: PipelineSettings | None = None,
    progress: Progress | None = None,
) -> ShortlistRecord:
    """Build, store and measure the package's shortlist; the record says what it is worth."""
    decoding = decoding or DecodingSettings()
    pipeline = pipeline or PipelineSettings()
    say = progress or (lambda message: None)
    if size < 1:
        raise InvalidInput(
            "shortlist.bad_size", "the shortlist size must be at least 1, not {size}", size=size
        )
    training, held_out = split_corpus(sentences)
    if len(held_out) < MIN_HELD_OUT:
        raise InvalidInput(
            "shortlist.corpus_too_small",
            "the corpus has {count} distinct sentences; a shortlist needs at least {minimum} "
            "(one in five is kept aside to measure it)",
            count=len(training) + len(held_out),
            minimum=MIN_HELD_OUT * HELD_OUT_EVERY,
        )
    model = SentencePieceCT2Model(package, decoding)
    target_vocabulary = _vocabulary(package.model_dir, "target")
    source_vocabulary = _vocabulary(package.model_dir, "source")
    in_target = set(target_vocabulary)

    say(f"translating {len(training)} sentences with the full vocabulary")
    inputs = [part for parts in _model_inputs(model, training, pipeline) for part in parts]
    outputs, _ = _translate(model, pipeline, inputs, use_vmap=False)
    frequency: Counter[str] = Counter()
    sentences_with: Counter[str] = Counter()
    together: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for source, output in zip(inputs, outputs, strict=True):
        frequency.update(output)
        produced = set(output)
        for piece in set(source):
            sentences_with[piece] += 1
            together[piece].update(produced)

    always = {piece for piece, _ in frequency.most_common(size)}
    always |= {
        piece for piece in target_vocabulary if piece not in _SPECIALS and not _word_like(piece)
    }
    for pieces in model.encode([text for text in extra_targets if text.strip()]):
        always |= set(pieces)
    always |= set(model.target_prefix)
    always &= in_target

    rules: dict[str, set[str]] = {}
    copyable = [piece for piece in source_vocabulary if piece not in _SPECIALS]
    for piece, found in _copy_through(copyable, model.encode).items():
        rules[piece] = found
    for piece, counts in together.items():
        seen = sentences_with[piece]
        likely = [
            target
            for target, count in counts.most_common()
            if count >= MIN_COOCCURRENCE and count / seen >= MIN_SHARE and target not in always
        ][:PER_SOURCE]
        rules.setdefault(piece, set()).update(likely)
    lines = ["\t" + " ".join(sorted(always))]
    map_entries = 0
    for piece in sorted(rules):
        targets = sorted(target for target in rules[piece] - always if target in in_target)
        if not targets or any(c.isspace() for c in piece):
            continue
        map_entries += len(targets)
        lines.append(piece + "\t" + " ".join(targets))

    say(f"measuring on {len(held_out)} held-out sentences")
    write_vmap(package, lines)
    try:
        measuring = SentencePieceCT2Model(package, decoding)  # loads the new vmap.txt
    except InvalidInput:
        vmap_path(package).unlink(missing_ok=True)  # a map CTranslate2 refuses breaks loading
        raise
    held_parts = _model_inputs(measuring, held_out, pipeline)
    held_inputs = [part for parts in held_parts for part in parts]
    full, seconds_full = _translate(measuring, pipeline, held_inputs, use_vmap=False)
    short, seconds_short = _translate(measuring, pipeline, held_inputs, use_vmap=True)
    identical, start = 0, 0
    for parts in held_parts:  # a sentence is identical if every part of it is
        end = start + len(parts)
        identical += full[start:end] == short[start:end]
        start = end
    agreeing = 0
    for a, b in zip(full, short, strict=True):
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        agreeing += 2 * sum(block.size for block in matcher.get_matching_blocks())
    candidates = []
    fixed = len(always | {"<unk>", "<s>", "</s>"})
    for batch in pipeline.batches([len(pieces) for pieces in held_inputs]):
        mapped: set[str] = set()
        for index in batch:
            for piece in set(held_inputs[index]):
                mapped |= rules.get(piece, set())
        candidates.append(fixed + len(mapped - always))
    record = ShortlistRecord(
        built_at=datetime.now(UTC).isoformat(timespec="seconds"),
        corpus=corpus_name,
        training_sentences=len(training),
        held_out_sentences=len(held_out),
        size=size,
        always_pieces=len(always),
        map_entries=map_entries,
        mean_candidates=round(sum(candidates) / len(candidates), 1) if candidates else 0.0,
        vocabulary=len(target_vocabulary),
        beam_size=decoding.beam_size,
        fidelity=Fidelity(
            sentences=len(held_out),
            identical=identical,
            tokens=sum(len(a) + len(b) for a, b in zip(full, short, strict=True)),
            agreeing_tokens=agreeing,
        ),
        seconds_full=round(seconds_full, 2),
        seconds_shortlist=round(seconds_short, 2),
        vmap_sha256=file_sha256(vmap_path(package)),
    )
    write_record(package, record)
    return record
