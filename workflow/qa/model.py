"""What a QA check is and what it finds (the interface every check and caller shares).

A check is one small class (Weblate style): an id, a name and a description in
Vietnamese and English, an MQM/ITS category, a default severity and ``run(unit,
context)``, which yields findings. A finding knows the offending source text, which with
the segment and the check makes its signature: the key under which a person's "ignore"
outlives re-runs and re-imports, and which changes only when that text changes.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

from primitives.excerpts import one_line
from primitives.units import Unit

# Longest message a finding carries (a quoted segment is cut with …).
MESSAGE_LIMIT = 300

if TYPE_CHECKING:
    from workflow.glossary.matcher import TermMatcher
    from workflow.qa.consistency import ConsistencyIndex


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def rank(self) -> int:
        """Higher is more severe: sort findings by ``-severity.rank()``."""
        return _RANKS[self]


_RANKS = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1}


class Category(StrEnum):
    """MQM dimensions the checks fall under (ITS 2.0 issue types in ITS_ISSUE_TYPES)."""

    ACCURACY = "accuracy"
    TERMINOLOGY = "terminology"
    LOCALE_CONVENTION = "locale-convention"
    MARKUP = "markup"
    FLUENCY = "fluency"
    STYLE = "style"


# ITS 2.0 localization quality issue types (https://www.w3.org/TR/its20/#lqissue-typevalues).
ITS_ISSUE_TYPES: dict[Category, str] = {
    Category.ACCURACY: "mistranslation",
    Category.TERMINOLOGY: "terminology",
    Category.LOCALE_CONVENTION: "locale-violation",
    Category.MARKUP: "markup",
    Category.FLUENCY: "grammar",
    Category.STYLE: "style",
}


@dataclass(frozen=True)
class Finding:
    """One problem a check found in one unit.

    ``message`` is one line per language ({"vi": …, "en": …}), already formatted. Spans are
    offsets in the unit's tagged source and target text. ``offending`` is the source text
    the finding is about ("" when it is about no particular source text).
    """

    check: str
    severity: Severity
    message: dict[str, str]
    source_span: tuple[int, int] | None = None
    target_span: tuple[int, int] | None = None
    offending: str = ""

    def signature(self, segment_id: int) -> str:
        """sha1 of (segment id, check, offending source text in NFC), as 40 hex digits."""
        offending = unicodedata.normalize("NFC", self.offending)
        key = f"{segment_id}\x1f{self.check}\x1f{offending}"
        return hashlib.sha1(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class QAContext:
    """What checks may know besides the unit: languages, date, partner, glossary, project."""

    source_lang: str = "vi"
    target_lang: str = "en"
    document_date: date | None = None  # picks the official names valid on that date
    partner_settings: Mapping[str, Any] = field(default_factory=dict)
    glossary: TermMatcher | None = None
    consistency: ConsistencyIndex | None = None
    allowed_untranslated: frozenset[str] = frozenset()


class Check:
    """One QA check; subclasses set the class attributes and implement ``run``."""

    id: ClassVar[str]
    name: ClassVar[dict[str, str]]
    description: ClassVar[dict[str, str]]
    category: ClassVar[Category]
    default_severity: ClassVar[Severity]
    # An untranslated unit makes every other finding noise (FIELD-NOTES §1): the registry
    # drops the others when a check marked so finds something.
    suppresses_others: ClassVar[bool] = False

    def run(self, unit: Unit, context: QAContext) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(
        self,
        vi: str,
        en: str,
        *,
        source_span: tuple[int, int] | None = None,
        target_span: tuple[int, int] | None = None,
        offending: str = "",
    ) -> Finding:
        """A finding of this check at its default severity, its message in both languages."""
        return Finding(
            self.id,
            self.default_severity,
            {"vi": one_line(vi, MESSAGE_LIMIT), "en": one_line(en, MESSAGE_LIMIT)},
            source_span,
            target_span,
            offending,
        )
