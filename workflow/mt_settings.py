"""The machine's MT settings (threads, batches, shortlist threshold) as engine options.

translation/ reads no settings: the MT job and the CLI read them here and pass them to
the engine. A bad value is one clear refusal naming its variable.
"""

from __future__ import annotations

from dataclasses import dataclass

from primitives.errors import InvalidInput
from translation.pipeline import BATCH_TYPES, PipelineSettings
from translation.threads import ThreadLayout, available_cores
from workflow import settings

THREADS_SETTING = "SONGNGU_MT_THREADS"
BATCH_SIZE_SETTING = "SONGNGU_MT_BATCH_SIZE"
BATCH_TYPE_SETTING = "SONGNGU_MT_BATCH_TYPE"
SHORTLIST_SETTING = "SONGNGU_MT_SHORTLIST_MIN_IDENTICAL"
_MAX_BATCH_SIZE = 100_000  # a typo, not a batch: far beyond any useful size in tokens


def _default(setting: str) -> str:
    return next(known.default for known in settings.SETTINGS if known.env == setting)


@dataclass(frozen=True)
class MTRuntime:
    """How this machine runs MT: the thread layout, the batch layout, the shortlist gate."""

    layout: ThreadLayout
    batch_size: int
    batch_type: str
    shortlist_threshold: float  # 0..1

    @classmethod
    def from_settings(cls) -> MTRuntime:
        return cls(_layout(), _batch_size(), _batch_type(), shortlist_threshold())

    def pipeline(self, **overrides: object) -> PipelineSettings:
        return PipelineSettings(
            batch_size=self.batch_size,
            batch_type=self.batch_type,
            **overrides,  # type: ignore[arg-type]
        )

    def engine_options(self) -> dict[str, object]:
        """Options every engine factory is given (get_engine(name, **options))."""
        return {
            "inter_threads": self.layout.inter,
            "intra_threads": self.layout.intra,
            "pipeline": self.pipeline(),
            "shortlist_threshold": self.shortlist_threshold,
        }


def _layout() -> ThreadLayout:
    raw = settings.get(THREADS_SETTING)
    try:
        return ThreadLayout.parse(raw, available_cores())
    except InvalidInput as error:
        raise InvalidInput(
            "settings.mt_threads_invalid",
            "{setting}={value!r} is not valid: {detail}",
            setting=THREADS_SETTING,
            value=raw,
            detail=error,
        ) from None


def _batch_size() -> int:
    raw = settings.get(BATCH_SIZE_SETTING).strip()
    if raw.isdigit() and 1 <= int(raw) <= _MAX_BATCH_SIZE:
        return int(raw)
    raise InvalidInput(
        "settings.mt_batch_size_invalid",
        "{setting}={value!r} is not valid: set it to a whole number from 1 to {maximum} "
        "(default {default}) or unset it",
        setting=BATCH_SIZE_SETTING,
        value=raw,
        maximum=_MAX_BATCH_SIZE,
        default=_default(BATCH_SIZE_SETTING),
    )


def _batch_type() -> str:
    raw = settings.get(BATCH_TYPE_SETTING).strip().lower()
    if raw in BATCH_TYPES:
        return raw
    raise InvalidInput(
        "settings.mt_batch_type_invalid",
        "{setting}={value!r} is not valid: set it to {choices} (default {default}) or unset it",
        setting=BATCH_TYPE_SETTING,
        value=raw,
        choices=" or ".join(BATCH_TYPES),
        default=_default(BATCH_TYPE_SETTING),
    )


def shortlist_threshold() -> float:
    raw = settings.get(SHORTLIST_SETTING).strip().rstrip("%").strip()
    try:
        percent = float(raw)
    except ValueError:
        percent = -1.0
    if 0 <= percent <= 100:
        return percent / 100
    raise InvalidInput(
        "settings.mt_shortlist_threshold_invalid",
        "{setting}={value!r} is not valid: set it to a percentage from 0 to 100 "
        "(default {default}) or unset it",
        setting=SHORTLIST_SETTING,
        value=settings.get(SHORTLIST_SETTING),
        default=_default(SHORTLIST_SETTING),
    )
