"""Every QA check, in documentation order, and running them over a unit or a store.

Severities can be overridden per partner profile (``qa_severities``) and per project:
``validate_severities`` turns such a mapping (check id -> "error" | "warning" | "info" |
"off") into what ``check_unit`` takes, refusing unknown checks and severities. A check
marked ``suppresses_others`` (empty target, untranslated) that finds something is the only
finding of its unit: every other check would repeat that nothing was translated
(FIELD-NOTES §1).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any

from primitives.errors import InvalidInput, NotFound
from primitives.units import Store, Unit
from workflow.qa.checks.completeness import EmptyTarget, Untranslated
from workflow.qa.model import Check, Finding, QAContext, Severity

CHECKS: tuple[Check, ...] = (EmptyTarget(), Untranslated())
_BY_ID: dict[str, Check] = {check.id: check for check in CHECKS}
_SUPPRESSING = tuple(check for check in CHECKS if check.suppresses_others)
_OTHERS = tuple(check for check in CHECKS if not check.suppresses_others)
OFF = "off"  # the value that turns a check off in an override mapping
SEVERITY_CHOICES = (*(severity.value for severity in Severity), OFF)

# check id -> severity, None for a check turned off.
Severities = Mapping[str, Severity | None]


def get_check(check_id: str) -> Check:
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


def _run(
    checks: Iterable[Check], unit: Unit, context: QAContext, severities: Severities
) -> list[Finding]:
    found: list[Finding] = []
    for check in checks:
        if check.id in severities and severities[check.id] is None:
            continue
        override = severities.get(check.id)
        for finding in check.run(unit, context):
            if override is not None and finding.severity is not override:
                finding = replace(finding, severity=override)
            found.append(finding)
    return found


def check_unit(
    unit: Unit, context: QAContext, *, severities: Severities | None = None
) -> list[Finding]:
    """Every check's findings for one unit, in check order, overrides applied (None: the
    check is off). An empty-target or untranslated finding is returned alone."""
    levels = severities or {}
    return _run(_SUPPRESSING, unit, context, levels) or _run(_OTHERS, unit, context, levels)


def check_store(
    store: Store,
    context_for_unit: Callable[[Unit], QAContext],
    *,
    severities: Severities | None = None,
) -> dict[str | int, list[Finding]]:
    """Findings of every unit of a store that has any, by unit id (row number if none)."""
    results: dict[str | int, list[Finding]] = {}
    for number, unit in enumerate(store, start=1):
        findings = check_unit(unit, context_for_unit(unit), severities=severities)
        if findings:
            results[unit.id if unit.id is not None else number] = findings
    return results
