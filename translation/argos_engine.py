"""ArgosEngine: the embedded offline engine, an installed Argos package run directly.

argostranslate's own translate path splits sentences with a model it downloads at run
time, pulls torch in through stanza, calls the model once per sentence and turns every
"_" into a space when decoding. This engine uses only the package files: the
SentencePiece tokenizer (decoded properly) and the CTranslate2 model, loaded once per
process and shared, fed whole documents in batches sorted by length.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path

import ctranslate2
import sentencepiece

from primitives.errors import InvalidInput, NotFound
from translation.engine import (
    MAX_BEAM_SIZE,
    MTRequest,
    MTResult,
)
from translation.packages import InstalledPackage, find_package
from translation.pipeline import DocumentTranslator, PipelineSettings

_COMPUTE_TYPES = frozenset(
    {"auto", "default", "int8", "int8_float32", "int8_float16", "int16", "float32"}
)


@dataclass(frozen=True)
class DecodingSettings:
    """How CTranslate2 decodes (and its threads)."""

    # Fields the loaded model is built with; the others are passed with each batch.
    LOAD_FIELDS = ("device", "compute_type", "inter_threads", "intra_threads")

    beam_size: int = 4
    inter_threads: int = 1  # batches decoded in parallel
    intra_threads: int = 0  # threads per batch; 0 lets CTranslate2 choose
    compute_type: str = "auto"
    device: str = "cpu"
    repetition_penalty: float = 1.2  # used only when retrying a looping output
    no_repeat_ngram_size: int = 4  # likewise

    def check(self) -> None:
        if not 1 <= self.beam_size <= MAX_BEAM_SIZE:
            raise InvalidInput(
                "mt.beam_size_out_of_range",
                "beam size must be between 1 and {maximum}, not {beam_size}",
                maximum=MAX_BEAM_SIZE,
                beam_size=self.beam_size,
            )
        if self.inter_threads < 1 or self.intra_threads < 0:
            raise InvalidInput(
                "mt.bad_thread_counts", "threads must be inter ≥ 1 and intra ≥ 0 (0 = automatic)"
            )
        if self.compute_type not in _COMPUTE_TYPES:
            raise InvalidInput(
                "mt.unknown_compute_type",
                "unknown compute type {compute_type!r}; choose one of: {choices}",
                compute_type=self.compute_type,
                choices=", ".join(sorted(_COMPUTE_TYPES)),
            )


class SentencePieceCT2Model:
    """A TokenModel over an installed package's sentencepiece.model and model/."""

    def __init__(self, package: InstalledPackage, decoding: DecodingSettings) -> None:
        self.package = package
        self.decoding = decoding
        try:
            self.tokenizer = sentencepiece.SentencePieceProcessor(
                model_file=str(package.tokenizer_file)
            )
            self.translator = ctranslate2.Translator(
                str(package.model_dir),
                device=decoding.device,
                compute_type=decoding.compute_type,
                inter_threads=decoding.inter_threads,
                intra_threads=decoding.intra_threads,
            )
        except (OSError, RuntimeError, ValueError) as error:
            raise InvalidInput(
                "mt.package_unloadable",
                "the translation package {package} cannot be loaded ({reason})",
                package=package.name,
                reason=str(error),
            ) from error
        self.target_prefix = [package.target_prefix] if package.target_prefix else []

    def with_decoding(self, decoding: DecodingSettings) -> SentencePieceCT2Model:
        """The same loaded model, decoding each batch with other per-call settings."""
        clone = copy.copy(self)
        clone.decoding = decoding
        return clone

    def encode(self, texts: list[str]) -> list[list[str]]:
        return self.tokenizer.encode(texts, out_type=str)

    def decode(self, pieces: list[list[str]]) -> list[str]:
        # SentencePiece's own decoder: "▁" becomes a space and "_" stays "_".
        return [self.tokenizer.decode_pieces(list(item)) for item in pieces]

    def translate(
        self, batch: list[list[str]], *, max_decoding_length: int, guard_repetition: bool
    ) -> list[tuple[list[str], float]]:
        if not batch:
            return []
        prefix = [list(self.target_prefix)] * len(batch) if self.target_prefix else None
        guard = {}
        if guard_repetition:
            guard = {
                "repetition_penalty": self.decoding.repetition_penalty,
                "no_repeat_ngram_size": self.decoding.no_repeat_ngram_size,
            }
        results = self.translator.translate_batch(
            batch,
            target_prefix=prefix,
            beam_size=self.decoding.beam_size,
            max_batch_size=len(batch),
            # Lengths are managed by the pipeline (long inputs are split), never cut here.
            max_input_length=0,
            max_decoding_length=max_decoding_length + len(self.target_prefix),
            return_scores=True,
            # With length_penalty 1 the score is the log-probability divided by the output
            # length: a per-token average, whose exp() is the confidence in 0..1.
            length_penalty=1.0,
            replace_unknowns=True,
            **guard,
        )
        outputs: list[tuple[list[str], float]] = []
        for result in results:
            pieces = list(result.hypotheses[0])
            if self.target_prefix and pieces[: len(self.target_prefix)] == self.target_prefix:
                pieces = pieces[len(self.target_prefix) :]
            outputs.append((pieces, float(result.scores[0])))
        return outputs


# One loaded model per process per package file and load settings (not per beam size):
# loading the real model takes seconds and its memory should not be paid twice.
_models: dict[tuple[object, ...], SentencePieceCT2Model] = {}
_models_lock = threading.Lock()


def load_model(package: InstalledPackage, decoding: DecodingSettings) -> SentencePieceCT2Model:
    """The shared model for a package and decoding settings (loaded on first use)."""
    key = (
        str(package.path.resolve()),
        package.version,
        (package.model_dir / "model.bin").stat().st_mtime_ns,
        *(getattr(decoding, name) for name in DecodingSettings.LOAD_FIELDS),
    )
    with _models_lock:
        model = _models.get(key)
        if model is None:
            model = SentencePieceCT2Model(package, decoding)
            _models[key] = model
    return model if model.decoding == decoding else model.with_decoding(decoding)


def loaded_model_count() -> int:
    """How many models this process holds (the cache is per process)."""
    return len(_models)


class ArgosEngine:
    """The default engine: an installed Argos vi→en package, run by songngu's pipeline."""

    name = "argos"

    def __init__(
        self,
        *,
        packages_dir: Path | None = None,
        from_code: str = "vi",
        to_code: str = "en",
        decoding: DecodingSettings | None = None,
        pipeline: PipelineSettings | None = None,
        **decoding_options: object,
    ) -> None:
        """decoding_options override single DecodingSettings fields (beam_size=2, …)."""
        self.packages_dir = Path(packages_dir) if packages_dir else None
        self.from_code = from_code
        self.to_code = to_code
        unknown = set(decoding_options) - {f.name for f in fields(DecodingSettings)}
        if unknown:
            raise InvalidInput(
                "mt.unknown_engine_options",
                "unknown Argos engine option(s) {options}; choose from: {choices}",
                options=", ".join(sorted(unknown)),
                choices=", ".join(f.name for f in fields(DecodingSettings)),
            )
        self.decoding = replace(decoding or DecodingSettings(), **decoding_options)  # type: ignore[arg-type]
        self.decoding.check()
        self.pipeline = pipeline or PipelineSettings()

    def package(self) -> InstalledPackage:
        """The installed package this engine uses (NotFound says how to install one)."""
        return find_package(self.from_code, self.to_code, self.packages_dir)

    def available(self) -> bool:
        try:
            self.package()
        except NotFound:
            return False
        return True

    def translate(self, requests: Sequence[MTRequest]) -> Iterator[list[MTResult]]:
        model = load_model(self.package(), self.decoding)
        yield from DocumentTranslator(model, self.pipeline).translate(requests)
