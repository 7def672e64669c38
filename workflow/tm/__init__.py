"""Translation memory: units, lookup (in-context, exact, fuzzy), TMX, diffs, propagation.

The names below are imported from their modules on first use (PEP 562), so a command
that needs one submodule (the MT job's exact matches, workflow.tm.exact) does not load
the fuzzy index and numpy with it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workflow.tm.diff import DiffSpan, diff_words, same_words
    from workflow.tm.index import FuzzyIndex
    from workflow.tm.model import TMMatch, TMUnit
    from workflow.tm.propagation import Propagation, SegmentText, propagations
    from workflow.tm.tmx import TMXHeader, TMXReadResult, read_tmx, write_tmx

_MODULE_OF = {
    "DiffSpan": "diff",
    "diff_words": "diff",
    "same_words": "diff",
    "FuzzyIndex": "index",
    "TMMatch": "model",
    "TMUnit": "model",
    "Propagation": "propagation",
    "SegmentText": "propagation",
    "propagations": "propagation",
    "TMXHeader": "tmx",
    "TMXReadResult": "tmx",
    "read_tmx": "tmx",
    "write_tmx": "tmx",
}

__all__ = [
    "DiffSpan",
    "FuzzyIndex",
    "Propagation",
    "SegmentText",
    "TMMatch",
    "TMUnit",
    "TMXHeader",
    "TMXReadResult",
    "diff_words",
    "propagations",
    "read_tmx",
    "same_words",
    "write_tmx",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # found directly next time
    return value
