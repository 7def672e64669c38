"""Glossary entries: validation, cleaning, statuses given as stored strings."""

from __future__ import annotations

import pytest

from primitives.errors import SongnguError
from primitives.terms import GlossaryEntry, InvalidGlossaryEntry, TermStatus

# Pure code: SQLite half only (tests/conftest.py).
pytestmark = pytest.mark.database_free


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"source": " ", "target": "x"}, "empty source term"),
        ({"source": "Bộ", "target": ""}, "empty target term"),
        ({"source": "Bộ", "target": "x", "scope": "team"}, "unknown scope 'team'"),
        ({"source": "Bộ", "target": "x", "pos": "name"}, "unknown part of speech 'name'"),
        ({"source": "Bộ", "target": "x", "date": "9/7/2009"}, "date '9/7/2009' is not YYYY-MM-DD"),
    ],
)
def test_bad_entry_is_a_user_error(kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(InvalidGlossaryEntry, match=message) as caught:
        GlossaryEntry(**kwargs)  # type: ignore[arg-type]
    assert isinstance(caught.value, SongnguError) and isinstance(caught.value, ValueError)


def test_entry_is_cleaned_and_do_not_translate_defaults_target() -> None:
    entry = GlossaryEntry(
        "  Hà   Nội ", "", variants=("Hanoi", "Hà Nội", " "), status=TermStatus.DO_NOT_TRANSLATE
    )
    assert (entry.source, entry.target, entry.variants) == ("Hà Nội", "Hà Nội", ("Hanoi",))
    assert entry.target_forms == ("Hà Nội", "Hanoi")


def test_status_given_as_stored_string_is_accepted() -> None:
    entry = GlossaryEntry("Hà Nội", "", status="do-not-translate")  # type: ignore[arg-type]
    assert (entry.status, entry.target) == (TermStatus.DO_NOT_TRANSLATE, "Hà Nội")
    deprecated = GlossaryEntry("A", "B", status="deprecated")  # type: ignore[arg-type]
    assert deprecated.status is TermStatus.FORBIDDEN
    with pytest.raises(InvalidGlossaryEntry, match="unknown status 'best'"):
        GlossaryEntry("A", "B", status="best")  # type: ignore[arg-type]
