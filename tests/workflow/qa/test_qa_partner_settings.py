"""A partner profile's qa_severities are validated against the QA registry."""

from __future__ import annotations

import pytest

from primitives.errors import InvalidInput, NotFound
from workflow.partners import shipped_profiles, validate_settings


def test_known_checks_and_severities_are_accepted() -> None:
    settings = validate_settings(
        {"qa_severities": {"end-punctuation": "off", "term-missing": "error"}}
    )
    assert settings["qa_severities"] == {"end-punctuation": "off", "term-missing": "error"}
    for profile in shipped_profiles():
        validate_settings(profile["settings"])


def test_an_unknown_check_or_severity_is_refused() -> None:
    with pytest.raises(NotFound) as unknown:
        validate_settings({"qa_severities": {"spell-chek": "warning"}})
    assert unknown.value.code == "qa.check_not_found"
    with pytest.raises(InvalidInput) as bad:
        validate_settings({"qa_severities": {"term-missing": "critical"}})
    assert bad.value.code == "qa.bad_severity"
    with pytest.raises(InvalidInput) as not_object:
        validate_settings({"qa_severities": ["term-missing"]})
    assert not_object.value.code == "partner.not_a_json_object"
