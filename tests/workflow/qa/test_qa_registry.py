"""The QA registry: ids and names, severity overrides, suppression, signatures, stores."""

from __future__ import annotations

import re

import pytest

from primitives.errors import InvalidInput, NotFound
from primitives.units import Store, Unit
from workflow.qa.model import ITS_ISSUE_TYPES, Category, Finding, QAContext, Severity
from workflow.qa.registry import (
    CHECKS,
    check_store,
    check_unit,
    get_check,
    merge_severities,
    validate_severities,
)

CONTEXT = QAContext()


def test_every_check_is_declared_in_both_languages() -> None:
    ids = [check.id for check in CHECKS]
    assert len(ids) == len(set(ids)) >= 30
    for check in CHECKS:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", check.id), check.id
        for text in (check.name, check.description):
            assert set(text) == {"vi", "en"} and all(text.values()), check.id
        assert isinstance(check.category, Category) and isinstance(check.default_severity, Severity)
    assert set(ITS_ISSUE_TYPES) == set(Category)


def test_severities_rank_error_first() -> None:
    ranked = sorted(Severity, key=lambda s: -s.rank())
    assert ranked == [Severity.ERROR, Severity.WARNING, Severity.INFO]


def test_unknown_check_ids_and_severities_are_refused() -> None:
    with pytest.raises(NotFound) as caught:
        get_check("no-such-check")
    assert caught.value.code == "qa.check_not_found"
    with pytest.raises(NotFound):
        validate_severities({"no-such-check": "warning"})
    with pytest.raises(InvalidInput) as bad:
        validate_severities({"number-mismatch": "fatal"})
    assert bad.value.code == "qa.bad_severity"
    assert validate_severities({"number-mismatch": " Warning ", "double-space": "off"}) == {
        "number-mismatch": Severity.WARNING,
        "double-space": None,
    }


def test_overrides_replace_severities_and_off_disables() -> None:
    unit = Unit("Có 5 người  ở đây", "There were 6 people here.")
    default = {(f.check, f.severity) for f in check_unit(unit, CONTEXT)}
    assert ("number-mismatch", Severity.ERROR) in default
    assert ("end-punctuation", Severity.WARNING) in default
    partner = validate_severities({"number-mismatch": "warning", "end-punctuation": "off"})
    project = validate_severities({"number-mismatch": "info"})
    overridden = check_unit(unit, CONTEXT, severities=merge_severities(partner, project))
    checks = {f.check: f.severity for f in overridden}
    assert checks["number-mismatch"] is Severity.INFO
    assert "end-punctuation" not in checks


def test_an_empty_or_untranslated_target_is_the_only_finding() -> None:
    assert [f.check for f in check_unit(Unit("Có 5 người (ở đây).", ""), CONTEXT)] == [
        "empty-target"
    ]
    same = "Có 5 người (ở đây"
    assert [f.check for f in check_unit(Unit(same, same), CONTEXT)] == ["untranslated"]
    # Turned off, it no longer hides the rest.
    off = validate_severities({"untranslated": "off"})
    assert "untranslated" not in {
        f.check for f in check_unit(Unit(same, same), CONTEXT, severities=off)
    }


def test_a_signature_changes_only_with_the_offending_text() -> None:
    first = check_unit(Unit("Có 5 người, thu 7 tỷ.", "There were 6 people, VND7 billion."), CONTEXT)
    again = check_unit(Unit("Có 5 người, thu 7 tỷ.", "6 people, and VND7 billion."), CONTEXT)
    assert [f.signature(12) for f in first] == [f.signature(12) for f in again]
    assert first[0].signature(12) != first[0].signature(13)
    moved = check_unit(Unit("Có 8 người, thu 7 tỷ.", "There were 6 people, VND7 billion."), CONTEXT)
    assert moved[0].signature(12) != first[0].signature(12)
    assert len(first[0].signature(12)) == 40


def test_a_store_is_checked_unit_by_unit() -> None:
    store = Store(
        [
            Unit("Xin chào.", "Hello.", id="a"),
            Unit("Có 5 người.", "There were 6 people.", id="b"),
            Unit("Có 5 người.", "", id=None),
        ]
    )
    found = check_store(store, lambda unit: CONTEXT)
    assert set(found) == {"b", 3}
    assert all(isinstance(f, Finding) for findings in found.values() for f in findings)
