"""Every interface string exists in Vietnamese and English, and every key used exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from primitives.statuses import Status
from translation.engine import ALL_FLAGS
from ui.strings import PLURAL_SPEC, STRINGS, plural, text

UI = Path(__file__).resolve().parents[2] / "ui"


def test_every_string_has_both_languages() -> None:
    incomplete = [
        key for key, entry in STRINGS.items() if not entry.get("vi") or not entry.get("en")
    ]
    assert not incomplete


def test_every_literal_key_used_by_the_pages_exists() -> None:
    used: set[str] = set()
    for path in UI.rglob("*.py"):
        used |= set(re.findall(r"\bt\(\s*\"([a-z0-9_]+)\"", path.read_text("utf-8")))
    assert used, "the scan found no keys: the pattern is out of date"
    assert sorted(used - set(STRINGS)) == []


def test_statuses_and_mt_flags_have_labels() -> None:
    for status in Status:
        assert f"status_{status.label}" in STRINGS
    for flag in ALL_FLAGS:
        assert f"flag_{flag}" in STRINGS and f"flag_{flag}_help" in STRINGS


def _fields(template: str) -> list[tuple[str, str]]:
    return [(name, spec or "") for _, name, spec, _ in string.Formatter().parse(template) if name]


def test_both_languages_fill_the_same_fields() -> None:
    differ = [
        key
        for key, entry in STRINGS.items()
        if {name for name, _ in _fields(entry["vi"])} != {name for name, _ in _fields(entry["en"])}
    ]
    assert differ == []


@pytest.mark.parametrize(
    ("count", "english", "vietnamese"),
    [(1, "1 segment", "1 câu"), (2, "2 segments", "2 câu"), (0, "0 segments", "0 câu")],
)
def test_english_counts_take_the_plural_vietnamese_marks_none(
    count: int, english: str, vietnamese: str
) -> None:
    assert text("segment_count", "en", count=count) == english
    assert text("segment_count", "vi", count=count) == vietnamese
    assert text("segment_count", "en", count=1200) == "1,200 segments"
    assert plural(count, "term", "terms") == ("term" if count == 1 else "terms")


def test_plural_choices_are_well_formed_and_english_only() -> None:
    problems = []
    for key, entry in STRINGS.items():
        for lang, template in entry.items():
            for name, spec in _fields(template):
                if "|" not in spec:
                    continue
                if lang == "vi":
                    problems.append(f"{key} vi: Vietnamese marks no plural ({name})")
                elif not PLURAL_SPEC.fullmatch(spec):
                    problems.append(f"{key} en: {{{name}:{spec}}} is not |one|other")
    assert problems == []
    shown = text("mt_done", "en", id=3, written=1, sources=1, tm=0, flagged=2)
    assert shown.startswith("Job 3 finished: 1 segment machine-translated (1 unique source)")


def test_every_partner_setting_has_help_in_both_languages() -> None:
    from workflow.partners import PARTNER_SETTINGS

    for setting in PARTNER_SETTINGS:
        assert STRINGS[f"partner_help_{setting.key}"]["en"] == setting.help
