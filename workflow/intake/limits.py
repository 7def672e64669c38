"""Size limits applied while reading source files, so a hostile file cannot exhaust memory.

The defaults admit a report of a few thousand pages and refuse bombs; the main ones can be
changed with the SONGNGU_MAX_* settings. Every limit is checked before the corresponding
data is read (from declared sizes) and again while streaming (from the bytes actually
produced), since zip headers can lie.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Literal

from exporters.docx.limits import (
    KIB,
    MIB,
    PARAGRAPHS_SETTING,
    UPLOAD_MB_SETTING,
    ZIP_RATIO_SETTING,
    DocxLimits,
)
from primitives.errors import InvalidInput
from workflow import settings

__all__ = [
    "DEFAULT_LIMITS",
    "KIB",
    "MIB",
    "PARAGRAPHS_SETTING",
    "TEXT_MB_SETTING",
    "UPLOAD_MB_SETTING",
    "ZIP_RATIO_SETTING",
    "IntakeLimits",
]

# The settings that change the limits, named in refusals so an admin knows what to raise
# (those of the DOCX package limits are defined with them, in exporters.docx.limits).
TEXT_MB_SETTING = "SONGNGU_MAX_TEXT_MB"


@dataclass(frozen=True)
class IntakeLimits(DocxLimits):
    """Limits for one imported file: those of a DOCX package (see
    :class:`exporters.docx.limits.DocxLimits`: zip members, inflated sizes, compression
    ratio, paragraphs, XML elements) and these.

    max_file_bytes: size of the uploaded file itself (100 MiB).
    max_text_bytes: size of a .txt/.md file (20 MiB, about 3,000 pages of dense report text).

    ``max_paragraphs`` also bounds the lines with text of a TXT/Markdown file, which may
    have at most four times as many lines counting blank ones.
    """

    max_file_bytes: int = 100 * MIB
    max_text_bytes: int = 20 * MIB

    @classmethod
    def from_settings(cls) -> IntakeLimits:
        """The default limits with the SONGNGU_MAX_* settings applied.

        SONGNGU_MAX_UPLOAD_MB also sets how far a DOCX may inflate: one part as much as the
        upload limit, all parts together three times it (the defaults' proportions), so
        raising it admits a bigger DOCX and not only a bigger zip. A bad value raises
        InvalidInput naming the variable.
        """
        upload = _megabytes(UPLOAD_MB_SETTING)
        return replace(
            DEFAULT_LIMITS,
            max_file_bytes=upload,
            max_part_bytes=upload,
            max_total_bytes=3 * upload,
            max_text_bytes=_megabytes(TEXT_MB_SETTING),
            max_compression_ratio=_positive_number(ZIP_RATIO_SETTING),
            max_paragraphs=int(_positive_number(PARAGRAPHS_SETTING, "whole")),
        )


DEFAULT_LIMITS = IntakeLimits()


_Unit = Literal["number", "whole", "megabytes"]


def _invalid_setting(setting: str, raw: str, unit: _Unit) -> InvalidInput:
    """The refusal of a limit setting's value; one code per unit, so each language words it."""
    default = next(known.default for known in settings.SETTINGS if known.env == setting)
    if unit == "megabytes":
        return InvalidInput(
            "settings.limit_not_megabytes",
            "{setting}={value!r} is not valid: set it to a number of megabytes greater than 0 "
            "(default {default}) or unset it",
            setting=setting,
            value=raw,
            default=default,
        )
    if unit == "whole":
        return InvalidInput(
            "settings.limit_not_whole_number",
            "{setting}={value!r} is not valid: set it to a whole number greater than 0 "
            "(default {default}) or unset it",
            setting=setting,
            value=raw,
            default=default,
        )
    return InvalidInput(
        "settings.limit_not_number",
        "{setting}={value!r} is not valid: set it to a number greater than 0 "
        "(default {default}) or unset it",
        setting=setting,
        value=raw,
        default=default,
    )


def _positive_number(setting: str, unit: _Unit = "number") -> float:
    """The setting's value as a positive finite number, or InvalidInput naming the variable.

    unit: "number", "whole" (an integer) or "megabytes" (a number, named so in the refusal).
    """
    raw = settings.get(setting).strip()
    try:
        value = float(int(raw)) if unit == "whole" else float(raw)
    except ValueError:
        value = math.nan
    # 1e12 is far beyond any sane limit and keeps byte counts exact integers.
    if not (0 < value <= 1e12):
        raise _invalid_setting(setting, raw, unit)
    return value


def _megabytes(setting: str) -> int:
    # A fraction of a megabyte is allowed (0.5) so small servers and tests can set tight limits.
    return max(1, int(_positive_number(setting, "megabytes") * MIB))
