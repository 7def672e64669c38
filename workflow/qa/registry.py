"""Every QA check, in documentation order, and how a unit or a whole store is checked.

Severity overrides come from the partner profile (``qa_severities``, validated here when
profiles are validated) and from the project; each maps a check id to "error",
"warning", "info" or "off". A check marked ``suppresses_others`` (empty target,
untranslated) that finds something is the only finding of its unit: every other check
would only repeat that nothing was translated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from primitives.errors import InvalidInput, NotFound
from primitives.units import Store, Unit
from workflow.qa.checks.completeness import EmptyTarget, Untranslated, VietnameseInTarget
from workflow.qa.checks.consistency import InconsistentSource, InconsistentTarget
from workflow.qa.checks.dates import AmbiguousDate, DateMismatch, TimeMismatch
from workflow.qa.checks.fluency import (
    Capitalisation,
    DoubleSpace,
    EdgeWhitespace,
    EndPunctuation,
    RepeatedWord,
    UnbalancedBrackets,
)
from workflow.qa.checks.identifiers import DocumentCode, LinkChanged
from workflow.qa.checks.length import LengthRatio, RepeatedPhrase
from workflow.qa.checks.markup import TagsBroken, TagsExtra, TagsMissing, TagsOrder
from workflow.qa.checks.mt import MTLowConfidence, MTUnedited
from workflow.qa.checks.numbers import (
    CurrencyMismatch,
    NumberMismatch,
    PercentagePoints,
    ScaleWord,
)
from workflow.qa.checks.style import CountryName, DateStyle, NameDiacritics, SpellingVariant
from workflow.qa.checks.terms import DoNotTranslate, OutdatedName, TermForbidden, TermMissing
from workflow.qa.model import Check, Finding, QAContext, Severity

CHECKS: tuple[Check, ...] = (
    EmptyTarget(),
    Untranslated(),
    VietnameseInTarget(),
    NumberMismatch(),
    ScaleWord(),
    CurrencyMismatch(),
    PercentagePoints(),
    DateMismatch(),
    TimeMismatch(),
    AmbiguousDate(),
    DocumentCode(),
    LinkChanged(),
    TermMissing(),
    TermForbidden(),
    DoNotTranslate(),
    OutdatedName(),
    InconsistentTarget(),
    InconsistentSource(),
    TagsMissing(),
    TagsExtra(),
    TagsOrder(),
    TagsBroken(),
    UnbalancedBrackets(),
    EdgeWhitespace(),
    DoubleSpace(),
    EndPunctuation(),
    RepeatedWord(),
    Capitalisation(),
    LengthRatio(),
    RepeatedPhrase(),
    MTUnedited(),
    MTLowConfidence(),
    SpellingVariant(),
    CountryName(),
    NameDiacritics(),
    DateStyle(),
)
_BY_ID: dict[str, Check] = {check.id: check for check in CHECKS}
if len(_BY_ID) != len(CHECKS):  # a programming error: two checks share an id
    raise RuntimeError("two QA checks have the same id")
_SUPPRESSING = tuple(check for check in CHECKS if check.suppresses_others)
_OTHERS = tuple(check for check in CHECKS if not check.suppresses_others)

# The value that turns a check off in an override mapping.
OFF = "off"
SEVERITY_CHOICES = (*(severity.value for severity in Severity), OFF)


def get_check(check_id: str) -> Check:
    """The check of that id; NotFound lists the known ids."""
    check = _BY_ID.get(check_id)
    if check is None:
        raise NotFound(
            "qa.check_not_found",
            "no QA check {check_id!r}: known checks are {known}",
            check_id=check_id,
            known=", ".join(_BY_ID),
        )
    return check


def validate_severities(overrides: Mapping[str, Any]) -> dict[str, Severity | None]:
    """Overrides (check id -> "error", "warning", "info" or "off") as severities, None for
    a check turned off; unknown ids and values are refused."""
    result: dict[str, Severity | None] = {}
    for check_id, value in overrides.items():
        get_check(str(check_id))
        choice = str(value).strip().lower()
        if choice not in SEVERITY_CHOICES:
            raise InvalidInput(
                "qa.bad_severity",
                "QA severity {value!r} for {check_id} is not one of {allowed}",
                value=str(value),
                check_id=str(check_id),
                allowed=", ".join(SEVERITY_CHOICES),
            )
        result[str(check_id)] = None if choice == OFF else Severity(choice)
    return result


def merge_severities(
    *overrides: Mapping[str, Severity | None] | None,
) -> dict[str, Severity | None]:
    """Several override mappings in order (partner, then project): later ones win."""
    merged: dict[str, Severity | None] = {}
    for mapping in overrides:
        if mapping:
            merged.update(mapping)
    return merged


def _run(
    checks: Iterable[Check],
    unit: Unit,
    context: QAContext,
    severities: Mapping[str, Severity | None],
) -> list[Finding]:
    findings: list[Finding] = []
    for check in checks:
        if check.id in severities and severities[check.id] is None:
            continue
        override = severities.get(check.id)
        for finding in check.run(unit, context):
            if override is not None and finding.severity is not override:
                finding = Finding(
                    finding.check,
                    override,
                    finding.message,
                    finding.source_span,
                    finding.target_span,
                    finding.offending,
                )
            findings.append(finding)
    return findings


def check_unit(
    unit: Unit,
    context: QAContext,
    *,
    severities: Mapping[str, Severity | None] | None = None,
) -> list[Finding]:
    """Every check's findings for one unit, in check order.

    ``severities`` replace the checks' default severities (None: the check is off). An
    empty-target or untranslated finding is returned alone (FIELD-NOTES §1).
    """
    levels = severities or {}
    first = _run(_SUPPRESSING, unit, context, levels)
    if first:
        return first
    return _run(_OTHERS, unit, context, levels)


def check_store(
    store: Store | Iterable[Unit],
    context_for_unit: Callable[[Unit], QAContext],
    *,
    severities: Mapping[str, Severity | None] | None = None,
) -> dict[str | int, list[Finding]]:
    """Findings of every unit that has any, keyed by unit id (a unit without an id by its
    1-based position); findings of units sharing an id are listed together."""
    results: dict[str | int, list[Finding]] = {}
    for position, unit in enumerate(store, start=1):
        findings = check_unit(unit, context_for_unit(unit), severities=severities)
        if findings:
            key = unit.id if unit.id is not None else position
            results.setdefault(key, []).extend(findings)
    return results
