"""Flags the intake puts on a segment (``Segment.flags``), and what they mean.

- ``needs_split`` ({"length": n, "limit": m}): the segment is longer than
  SONGNGU_SPLIT_SEGMENT_CHARS (a line with no full stop, a table pasted as one line); it
  is imported, flagged, listed in the import's warnings and shown folded, so a person
  splits it instead of it passing silently as one wall of text.
- ``do_not_translate`` ({"reason": "image_file_name"}): the segment is not text to
  translate (an image's file name such as "hoan2.jpg" on its own line). It is stored
  finished as it is read (``finished_as_source``): its target is its source, copied
  through, and its status approved, so progress, the dashboard and its step indicator,
  readiness and every export count it as done without anyone touching it. MT leaves it
  alone, TM propagation never fills it, QA does not check it, and TM capture keeps no unit
  of it (an image's name is no translation). docs/formats.md ("Statuses") says why.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from primitives.errors import InvalidInput
from primitives.inline import plain
from primitives.statuses import Origin, Status
from workflow import settings

NEEDS_SPLIT_FLAG = "needs_split"
DO_NOT_TRANSLATE_FLAG = "do_not_translate"
SPLIT_SETTING = "SONGNGU_SPLIT_SEGMENT_CHARS"
IMAGE_FILE_NAME = "image_file_name"  # the reason a segment is marked not to translate

# A file name with an image extension, alone on its line: "hoan2.jpg", "Hình 3.PNG",
# "anh/so-do_1.webp". Letters of any script, digits, spaces, dots, dashes, slashes.
_IMAGE_RE = re.compile(
    r"\w(?:[\w .\-/\\()]*[\w)])?\.(?:jpe?g|png|gif|bmp|tiff?|webp|svg|emf|wmf|heic)",
    re.IGNORECASE,
)


def split_limit() -> int:
    """SONGNGU_SPLIT_SEGMENT_CHARS as a whole number of characters (at least 1)."""
    raw = settings.get(SPLIT_SETTING).strip()
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        default = next(known.default for known in settings.SETTINGS if known.env == SPLIT_SETTING)
        raise InvalidInput(
            "settings.limit_not_whole_number",
            "{setting}={value!r} is not valid: set it to a whole number greater than 0 "
            "(default {default}) or unset it",
            setting=SPLIT_SETTING,
            value=raw,
            default=default,
        )
    return value


def is_image_file_name(source: str) -> bool:
    """Whether the segment is only an image's file name ("hoan2.jpg")."""
    return _IMAGE_RE.fullmatch(plain(source).strip()) is not None


INTAKE_FLAGS = (NEEDS_SPLIT_FLAG, DO_NOT_TRANSLATE_FLAG)


def intake_flags(source: str, limit: int | None) -> dict[str, Any]:
    """The flags a newly read segment gets: too long to keep whole, not to translate."""
    flags: dict[str, Any] = {}
    length = len(plain(source))
    if limit is not None and length > limit:
        flags[NEEDS_SPLIT_FLAG] = {"length": length, "limit": limit}
    if is_image_file_name(source):
        flags[DO_NOT_TRANSLATE_FLAG] = {"reason": IMAGE_FILE_NAME}
    return flags


def needs_split(flags: Mapping[str, Any] | None) -> bool:
    return bool(flags and NEEDS_SPLIT_FLAG in flags)


def do_not_translate(flags: Mapping[str, Any] | None) -> bool:
    return bool(flags and DO_NOT_TRANSLATE_FLAG in flags)


def finished_as_source(source: str) -> dict[str, Any]:
    """The stored values of a segment not to translate: finished as it is read.

    Approved rather than left new: nothing a person could do to it would change it, and a
    new segment would hold its document back from every step (translated, reviewed,
    approved) and be listed by every export refusal. Origin NONE says no engine and no
    person wrote the target: it is the source, copied through.
    """
    return {
        "target": source,
        "status": int(Status.APPROVED),
        "origin": int(Origin.NONE),
        "score": None,
    }
