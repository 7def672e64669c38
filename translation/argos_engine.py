"""ArgosEngine: the embedded offline engine, an installed Argos package run directly.

argostranslate's own translate path splits sentences with a model it downloads at run
time, pulls torch in through stanza, calls the model once per sentence and turns every
"_" into a space when decoding. This engine uses only the package files: the
SentencePiece tokenizer (decoded properly) and the CTranslate2 model, loaded once per
process and shared, fed whole documents in batches sorted by length, decoded in the
background while the caller stores the last batch. Threads are always given to
CTranslate2 explicitly (translation/threads.py), and a package's shortlist is used only
when its measured fidelity meets the threshold (translation/shortlist.py).

CTranslate2 is imported when the first model loads, after OMP_NUM_THREADS is set: its
OpenMP library reads that variable once, when it is loaded.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING

import sentencepiece

from primitives.errors import InvalidInput, NotFound
from translation.engine import (
    MAX_BEAM_SIZE,
    SHORTLIST_USED,
    EngineSetup,
    MTRequest,
    MTResult,
)
from translation.packages import InstalledPackage, find_package
from translation.pipeline import DocumentTranslator, Outputs, PipelineSettings
from translation.shortlist import DEFAULT_THRESHOLD, ShortlistStatus, shortlist_status, vmap_stamp
from translation.threads import ThreadLayout, available_cores, limit_openmp

if TYPE_CHECKING:
    import ctranslate2

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
    intra_threads: int = 0  # threads per batch; 0: the cores left for each batch
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
        self.layout().check(available_cores())
        if self.compute_type not in _COMPUTE_TYPES:
            raise InvalidInput(
                "mt.unknown_compute_type",
                "unknown compute type {compute_type!r}; choose one of: {choices}",
                compute_type=self.compute_type,
                choices=", ".join(sorted(_COMPUTE_TYPES)),
            )

    def layout(self) -> ThreadLayout:
        """The threads CTranslate2 gets: intra 0 shares the cores among the inter batches."""
        intra = self.intra_threads or max(1, available_cores() // self.inter_threads)
        return ThreadLayout(self.inter_threads, intra)


class SentencePieceCT2Model:
    """An asynchronous TokenModel over an installed package's sentencepiece.model and model/.

    The model folder's vmap.txt, if any, is loaded with it; batches use it only when
    use_vmap is set (with_shortlist).
    """

    use_vmap = False

    def __init__(self, package: InstalledPackage, decoding: DecodingSettings) -> None:
        self.package = package
        self.decoding = decoding
        layout = decoding.layout()
        self.parallel_batches = layout.inter
        limit_openmp(layout)
        import ctranslate2

        try:
            self.tokenizer = sentencepiece.SentencePieceProcessor(
                model_file=str(package.tokenizer_file)
            )
            self.translator = ctranslate2.Translator(
                str(package.model_dir),
                device=decoding.device,
                compute_type=decoding.compute_type,
                inter_threads=layout.inter,
                intra_threads=layout.intra,
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

    def with_shortlist(self, use_vmap: bool = True) -> SentencePieceCT2Model:
        """The same loaded model, each batch's vocabulary restricted by its vmap.txt."""
        clone = copy.copy(self)
        clone.use_vmap = use_vmap
        return clone

    def encode(self, texts: list[str]) -> list[list[str]]:
        return self.tokenizer.encode(texts, out_type=str)

    def decode(self, pieces: list[list[str]]) -> list[str]:
        # SentencePiece's own decoder: "▁" becomes a space and "_" stays "_".
        return [self.tokenizer.decode_pieces(list(item)) for item in pieces]

    def translate(
        self, batch: list[list[str]], *, max_decoding_length: int, guard_repetition: bool
    ) -> Outputs:
        return self.submit(
            batch, max_decoding_length=max_decoding_length, guard_repetition=guard_repetition
        )()

    def submit(
        self, batch: list[list[str]], *, max_decoding_length: int, guard_repetition: bool
    ) -> Callable[[], Outputs]:
        """Queue batch on CTranslate2's workers; the function returned waits for its outputs."""
        if not batch:
            return list
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
            use_vmap=self.use_vmap,
            asynchronous=True,
            **guard,
        )
        return lambda: [self._output(pending.result()) for pending in results]

    def _output(self, result: ctranslate2.TranslationResult) -> tuple[list[str], float]:
        pieces = list(result.hypotheses[0])
        if self.target_prefix and pieces[: len(self.target_prefix)] == self.target_prefix:
            pieces = pieces[len(self.target_prefix) :]
        return pieces, float(result.scores[0])


# One loaded model per process per package file and load settings (not per beam size):
# loading the real model takes seconds and its memory should not be paid twice.
_models: dict[tuple[object, ...], SentencePieceCT2Model] = {}
_models_lock = threading.Lock()


def load_model(package: InstalledPackage, decoding: DecodingSettings) -> SentencePieceCT2Model:
    """The shared model for a package and decoding settings (loaded on first use).

    A changed model.bin or vmap.txt (a new shortlist) loads the model again and lets the
    cache forget the old one (batches still running on it keep it alive until they end).
    """
    path = str(package.path.resolve())
    files = (package.version, (package.model_dir / "model.bin").stat().st_mtime_ns)
    load = tuple(getattr(decoding, name) for name in DecodingSettings.LOAD_FIELDS)
    key = (path, load, files, vmap_stamp(package))
    with _models_lock:
        model = _models.get(key)
        if model is None:
            for old in [k for k in _models if k[:2] == key[:2]]:
                del _models[old]
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
        shortlist_threshold: float = DEFAULT_THRESHOLD,
        **decoding_options: object,
    ) -> None:
        """decoding_options override single DecodingSettings fields (beam_size=2, …).

        shortlist_threshold: the share of held-out sentences a package's shortlist must
        translate exactly as the full vocabulary does before it is used (0..1).
        """
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
        self.pipeline.check()
        self.shortlist_threshold = shortlist_threshold

    def package(self) -> InstalledPackage:
        """The installed package this engine uses (NotFound says how to install one)."""
        return find_package(self.from_code, self.to_code, self.packages_dir)

    def available(self) -> bool:
        try:
            self.package()
        except NotFound:
            return False
        return True

    def shortlist(self) -> ShortlistStatus:
        """Whether this engine's translations use the package's shortlist, and why."""
        return shortlist_status(self.package(), self.shortlist_threshold)

    def setup(self) -> EngineSetup:
        status = self.shortlist()
        fidelity = status.record.fidelity if status.record else None
        return EngineSetup(
            engine=self.name,
            threads=self.decoding.layout().describe(),
            batch=self.pipeline.describe_batch(),
            shortlist=status.state,
            shortlist_identical=fidelity.identical_share if fidelity else None,
            shortlist_token_agreement=fidelity.token_agreement if fidelity else None,
            shortlist_threshold=self.shortlist_threshold,
        )

    def translate(self, requests: Sequence[MTRequest]) -> Iterator[list[MTResult]]:
        package = self.package()
        model = load_model(package, self.decoding)
        if shortlist_status(package, self.shortlist_threshold).state == SHORTLIST_USED:
            model = model.with_shortlist()
        yield from DocumentTranslator(model, self.pipeline).translate(requests)
