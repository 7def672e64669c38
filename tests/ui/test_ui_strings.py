"""Every interface string exists in Vietnamese and English, and every key used exists."""

from __future__ import annotations

import re
from pathlib import Path

from primitives.statuses import Status
from translation.engine import ALL_FLAGS
from ui.strings import STRINGS

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
