"""Translation memory: units, lookup (in-context, exact, fuzzy), TMX, diffs, propagation."""

from workflow.tm.diff import DiffSpan, diff_words, same_words
from workflow.tm.index import FuzzyIndex
from workflow.tm.model import TMMatch, TMUnit
from workflow.tm.propagation import Propagation, SegmentText, propagations
from workflow.tm.tmx import TMXHeader, TMXReadResult, read_tmx, write_tmx

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
