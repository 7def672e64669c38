"""What QA is made of: severities, MQM/ITS categories, findings, the context, the check base.

A check is one small class (Weblate's design): an id in kebab case, a name and a
description in Vietnamese and English, an MQM/ITS category, a default severity, and
``run(unit, context)`` yielding findings. It is pure Python over one unit: no database,
and it never raises on odd text. The registry (``workflow.qa.registry``) lists the checks
and applies project and partner severity overrides.

A finding's signature (segment, check, offending source text) is what "ignore, with a
reason" is keyed by (Okapi keeps disabled issues by such a signature): a re-run or a
re-import brings an ignored finding back only when the offending text changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, ClassVar

from primitives.excerpts import one_line
from primitives.units import Unit
from workflow.glossary.matcher import TermMatcher
from workflow.qa.consistency import ConsistencyIndex

# Longest message a finding carries (a quoted segment is cut with …).
MESSAGE_LIMIT = 300


class Severity(StrEnum):
    """How much a finding matters: an error blocks confirming (unless a role may override
    it), a warning is shown, an info is a hint."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def rank(self) -> int:
        """Higher is more severe: sort findings by ``-severity.rank()``."""
        return _RANKS[self]


_RANKS = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1}


class Category(StrEnum):
    """MQM Core dimensions the checks fall under; ITS_ISSUE_TYPES gives each its ITS 2.0
    localization quality issue type (locQualityIssueType) for exports."""

    ACCURACY = "accuracy"
    TERMINOLOGY = "terminology"
    LOCALE_CONVENTION = "locale-convention"
    MARKUP = "markup"
    FLUENCY = "fluency"
    STYLE = "style"


# ITS 2.0 locQualityIssueType values (https://www.w3.org/TR/its20/#lqissue-typevalues).
ITS_ISSUE_TYPES: dict[Category, str] = {
    Category.ACCURACY: "mistranslation",
    Category.TERMINOLOGY: "terminology",
    Category.LOCALE_CONVENTION: "locale-violation",
    Category.MARKUP: "markup",
    Category.FLUENCY: "typographical",
    Category.STYLE: "style",
}

CATEGORY_NAMES: dict[Category, dict[str, str]] = {
    Category.ACCURACY: {"vi": "Độ chính xác", "en": "Accuracy"},
    Category.TERMINOLOGY: {"vi": "Thuật ngữ", "en": "Terminology"},
    Category.LOCALE_CONVENTION: {"vi": "Quy ước ngôn ngữ", "en": "Locale convention"},
    Category.MARKUP: {"vi": "Mã định dạng", "en": "Markup"},
    Category.FLUENCY: {"vi": "Trình bày", "en": "Fluency"},
    Category.STYLE: {"vi": "Văn phong", "en": "Style"},
}


@dataclass(frozen=True)
class Finding:
    """One problem a check found in one unit.

    ``message`` is one line in each language, already formatted. Spans are offsets in the
    unit's source and target as stored (tags included); None where the finding has no
    place on that side. ``offending`` is the source text at fault, or for a problem only
    the target has (an added number, a forbidden term), that target text: it keys the
    signature, so editing it away and back gives a new finding.
    """

    check: str
    severity: Severity
    message: dict[str, str]
    source_span: tuple[int, int] | None = None
    target_span: tuple[int, int] | None = None
    offending: str = ""

    def signature(self, segment_id: int | str | None) -> str:
        """sha1 of (segment id, check, offending text): stable across re-runs."""
        key = "\x1f".join((str(segment_id), self.check, self.offending))
        return hashlib.sha1(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class QAContext:
    """What a check may know beyond the unit.

    ``partner_settings`` are the partner profile's (``english_variant``, ``date_style``,
    ``country_name``, ``name_diacritics``, ...): a style check whose setting is absent does
    not run. ``glossary`` is the project's effective glossary, ``consistency`` the index
    of the project's (or file's) translations; checks needing them skip without them.
    ``allowed_untranslated`` are words that may stay Vietnamese in the target.
    """

    source_lang: str = "vi"
    target_lang: str = "en"
    document_date: date | None = None
    partner_settings: Mapping[str, Any] = field(default_factory=dict)
    glossary: TermMatcher | None = None
    consistency: ConsistencyIndex | None = None
    allowed_untranslated: frozenset[str] = frozenset()


class Check:
    """One check; subclasses set the class variables and implement ``run``."""

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
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of this check with its message in both languages."""
        return Finding(
            check=self.id,
            severity=severity or self.default_severity,
            message={"vi": one_line(vi, MESSAGE_LIMIT), "en": one_line(en, MESSAGE_LIMIT)},
            source_span=source_span,
            target_span=target_span,
            offending=offending,
        )
