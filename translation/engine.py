"""The MT engine interface and registry: workflow, UI and CLI never care which engine runs.

An engine translates the requests it is given, each one: deciding what is worth sending
(repeated sources, exact TM matches) and where work is committed belongs to the caller,
the MT job (workflow/mt.py).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from primitives.errors import InvalidInput
from translation.dates import MONTH_DAY_YEAR
from translation.protection import TermSpan

# Flags an MTResult can carry; a reviewer should look at any flagged segment.
FLAG_PLACEHOLDER_LOST = "placeholder_lost"  # retranslated without protection
FLAG_TAGS_MOVED = "tags_moved"  # inline codes could not be placed; appended at the end
FLAG_LONG_INPUT_SPLIT = "long_input_split"  # source split at clause punctuation for MT
FLAG_REPETITION = "repetition"  # output looped; redone with a repetition penalty
FLAG_OUTPUT_TRUNCATED = "output_truncated"  # output reached its length limit (even on retry)
# A bound so a typo (--beam 500) cannot exhaust memory; NMT output stops improving with
# beams far narrower than this.
MAX_BEAM_SIZE = 16
ALL_FLAGS = (
    FLAG_PLACEHOLDER_LOST,
    FLAG_TAGS_MOVED,
    FLAG_LONG_INPUT_SPLIT,
    FLAG_REPETITION,
    FLAG_OUTPUT_TRUNCATED,
)
# Why a text was decoded again; each retry fits its fault.
RETRY_TRUNCATED = "truncated"  # output reached its limit: redone with a higher limit
RETRY_REPETITION = "repetition"  # output looped: redone with a repetition penalty
RETRY_PLACEHOLDER_LOST = "placeholder_lost"  # placeholders lost: redone without protection
RETRY_REASONS = (RETRY_TRUNCATED, RETRY_REPETITION, RETRY_PLACEHOLDER_LOST)


@dataclass(frozen=True)
class MTRequest:
    """One segment to translate; key is the caller's id (e.g. a segment id)."""

    key: str | int
    source: str
    # Spans the caller fixed (offsets in source): enforced glossary terms, places, names
    # and titles, each with its English and kind.
    terms: tuple[TermSpan, ...] = ()
    names: tuple[str, ...] = ()  # personal names given as text, kept out of MT
    strip_name_diacritics: bool = False  # partner style for names given as text
    protect_patterns: bool = True  # URLs, e-mails, codes, dates, numbers, acronyms
    date_style: str = MONTH_DAY_YEAR  # partner style: "August 9, 2022" or "9 August 2022"


@dataclass(frozen=True)
class MTResult:
    """Machine translation of one request; score is the MT confidence, 0..1.

    decodes counts the model runs this request took (a long source split in two parts
    takes two, each retry one more); retries names the reason of each retry
    (RETRY_REASONS), so a caller can say where the time went.
    """

    key: str | int
    target: str
    score: float
    flags: tuple[str, ...] = ()
    decodes: int = 1
    retries: tuple[str, ...] = ()


# What an engine's shortlist (a reduced target vocabulary) does for its translations.
SHORTLIST_NONE = "none"  # no shortlist built: the full vocabulary
SHORTLIST_USED = "used"  # built, and its measured fidelity meets the threshold
SHORTLIST_BELOW_THRESHOLD = "below_threshold"  # built, fidelity too low: not used
SHORTLIST_CHANGED = "changed"  # its vocabulary map no longer matches its measurement: not used


@dataclass(frozen=True)
class EngineSetup:
    """How an engine will translate: recorded with each job and shown to people."""

    engine: str
    threads: str = ""  # e.g. "1×2": batches decoded in parallel × threads per batch
    batch: str = ""  # e.g. "32 examples"
    shortlist: str = SHORTLIST_NONE
    shortlist_identical: float | None = None  # share of held-out sentences unchanged, 0..1
    shortlist_token_agreement: float | None = None  # share of tokens unchanged, 0..1
    shortlist_threshold: float | None = None  # identical share needed to use it, 0..1

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


@runtime_checkable
class TranslationEngine(Protocol):
    """A machine translation engine for Vietnamese → English segments."""

    name: str

    def available(self) -> bool:
        """True if the engine can translate now (its model is installed)."""
        ...

    def translate(self, requests: Sequence[MTRequest]) -> Iterator[list[MTResult]]:
        """Translate every request as given, yielding results in groups as they are final.

        Each request gets one result carrying its key; requests are not merged, even
        when equal. A group is ready to store as soon as it is yielded; groups come in
        no promised order (an engine may finish short sentences first), and a caller that
        stops iterating stops the work. Keys must be unique within one call.
        """
        ...


def engine_setup(engine: TranslationEngine) -> EngineSetup:
    """What engine says about its setup (EngineSetup(name) if it says nothing)."""
    describe = getattr(engine, "setup", None)
    return describe() if callable(describe) else EngineSetup(engine.name)


def translate_all(engine: TranslationEngine, requests: Sequence[MTRequest]) -> list[MTResult]:
    """Every result of engine.translate(requests), in the order of the requests."""
    by_key = {result.key: result for group in engine.translate(requests) for result in group}
    return [by_key[request.key] for request in requests if request.key in by_key]


EngineFactory = Callable[..., TranslationEngine]
_factories: dict[str, EngineFactory] = {}
# Built-in engines, imported only when asked for (engines load heavy libraries).
_BUILTIN = {"argos": "translation.argos_engine:ArgosEngine"}


def register_engine(name: str, factory: EngineFactory) -> None:
    """Make an engine available to get_engine(name, **options)."""
    _factories[name] = factory


def engine_names() -> list[str]:
    return sorted(set(_factories) | set(_BUILTIN))


def get_engine(name: str = "argos", **options: object) -> TranslationEngine:
    """A new engine by registered name, configured with its options."""
    if name not in _factories and name in _BUILTIN:
        module_name, _, class_name = _BUILTIN[name].partition(":")
        register_engine(name, getattr(importlib.import_module(module_name), class_name))
    if name not in _factories:
        raise InvalidInput(
            "mt.unknown_engine",
            "unknown MT engine {name!r}; choose one of: {choices}",
            name=name,
            choices=", ".join(engine_names()),
        )
    return _factories[name](**options)
