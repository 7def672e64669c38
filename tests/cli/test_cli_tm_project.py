"""`songngu tm import|export|lookup|settings PROJECT`, run as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree
from songngu_testing import SCHEMAS_DIR, add_users, run_cli, seed_project

from workflow.projects import get_project
from workflow.storage import Database
from workflow.tm.model import TMUnit
from workflow.tm.settings import tm_settings
from workflow.tm.store import list_units
from workflow.tm.tmx import read_tmx, write_tmx

UNITS = [
    TMUnit("Năm 2021, Bộ Tài chính họp tại Hà Nội.", "In 2021 the MOF met in Hanoi."),
    TMUnit("Xin chào.", "Hello.", prev_source="Mở đầu."),
    TMUnit("xin chào.", "Hello."),
]


@pytest.fixture
def memory(tmp_path: Path) -> Path:
    path = tmp_path / "memory.tmx"
    path.write_bytes(write_tmx(UNITS, tool_version="1"))
    return path


def _one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("songngu: error: ")
    return lines[0]


def test_import_lookup_and_export_round_trip(
    sqlite_db: Database, memory: Path, tmp_path: Path
) -> None:
    seed_project(sqlite_db, ["Xin chào."])
    imported = run_cli("tm", "import", "P", str(memory))
    assert imported.returncode == 0, imported.stderr
    assert "project TM: 2 added, 0 updated, 1 duplicates" in imported.stdout
    shared = run_cli("tm", "import", "P", str(memory), "--shared")
    assert "shared TM: 2 added" in shared.stdout

    found = run_cli(
        "tm", "lookup", "P", "Năm 2022, Bộ Tài chính họp tại Hà Nội.", "--format", "jsonl"
    )
    assert found.returncode == 0, found.stderr
    records = [json.loads(line) for line in found.stdout.splitlines()]
    assert {(r["target"], r["kind"], r["shared"]) for r in records} == {
        ("In 2021 the MOF met in Hanoi.", "fuzzy", False),
        ("In 2021 the MOF met in Hanoi.", "fuzzy", True),
    }
    assert all(r["penalties"] == ["number-mismatch"] and r["score"] < 99 for r in records)
    assert set(records[0]) >= {"source", "target", "score", "kind", "penalties"}
    in_context = run_cli("tm", "lookup", "P", "Xin chào.", "--prev", "Mở đầu.", "--limit", "1")
    assert in_context.stdout.splitlines()[0].startswith("101.0% in-context")
    text = run_cli("tm", "lookup", "P", "Năm 2022, Bộ Tài chính họp tại Hà Nội.").stdout
    headings = [line for line in text.splitlines() if not line.startswith("  ")]
    assert sorted(line.endswith("(shared TM)") for line in headings) == [False, True], text

    out = tmp_path / "out.tmx"
    exported = run_cli("tm", "export", "P", str(out))
    assert exported.returncode == 0, exported.stderr
    assert "2 units of the TM of P" in exported.stdout
    dtd = etree.DTD(str(SCHEMAS_DIR / "tmx-1.4" / "tmx14.dtd"))
    assert dtd.validate(etree.fromstring(out.read_bytes())), dtd.error_log.filter_from_errors()
    assert [u.target for u in read_tmx(out.read_bytes(), "out.tmx").units] == [
        "In 2021 the MOF met in Hanoi.",
        "Hello.",
    ]
    to_stdout = run_cli("tm", "export", "P", "-", "--shared")
    assert to_stdout.stdout.startswith("<?xml") and "<tu" in to_stdout.stdout


def test_user_errors_are_one_line_and_store_nothing(sqlite_db: Database, tmp_path: Path) -> None:
    seed_project(sqlite_db, ["Xin chào."])
    broken = tmp_path / "broken.tmx"
    broken.write_text("<tmx><body><tu>", encoding="utf-8")
    cases = [
        (("tm", "import", "P", str(broken)), "broken.tmx"),
        (("tm", "import", "P", str(tmp_path / "none.tmx")), "does not exist"),
        (("tm", "import", "Nope", str(broken)), "no project 'Nope'"),
        (("tm", "export", "P", str(tmp_path)), "is a folder"),
        (("tm", "lookup", "P", "x", "--min-score", "200"), None),
    ]
    for args, expected in cases:
        result = run_cli(*args)
        assert result.returncode != 0, args
        if expected is not None:
            assert expected in _one_error_line(result.stderr), result.stderr
    with sqlite_db.read() as session:
        assert list_units(session, get_project(session, "P")) == []


def test_settings_show_and_change_with_permission(sqlite_db: Database) -> None:
    seed_project(sqlite_db, ["Xin chào."])
    add_users(sqlite_db)
    shown = run_cli("tm", "settings", "P")
    assert "propagate to repeated segments: yes" in shown.stdout
    assert "units in the project TM: 0" in shown.stdout
    refused = run_cli("tm", "settings", "P", "--share", "--as", "tran")
    assert "may not manage project" in _one_error_line(refused.stderr)
    changed = run_cli("tm", "settings", "P", "--share", "--no-propagate", "--as", "ed")
    assert changed.returncode == 0, changed.stderr
    assert "share reviewed units with the office: yes" in changed.stdout
    with sqlite_db.read() as session:
        assert tm_settings(get_project(session, "P")).propagate is False
