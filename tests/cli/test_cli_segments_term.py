"""`songngu segments --term`: the Review page's glossary-term filter on the command line."""

from __future__ import annotations

import json
import unicodedata

from songngu_testing import run_cli, seed_project

from workflow.storage import Database


def test_segments_lists_those_whose_source_holds_the_term(sqlite_db: Database) -> None:
    seed_project(
        sqlite_db,
        [
            "Xã có nhiều hộ nghèo.",
            unicodedata.normalize("NFD", "Số hộ nghèo giảm."),
            "Những hộ nghèonàn.",
            "Trời mưa.",
        ],
    )
    added = run_cli("glossary", "add", "P", "hộ nghèo", "poor household")
    assert added.returncode == 0, added.stderr
    listed = run_cli("segments", "P", "--term", "Hộ Nghèo", "--format", "jsonl")
    assert listed.returncode == 0, listed.stderr
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [row["order"] for row in rows] == [0, 1]
    combined = run_cli("segments", "P", "--term", "hộ nghèo", "--status", "draft")
    assert combined.returncode == 0 and "nghèo" not in combined.stdout
    unknown = run_cli("segments", "P", "--term", "mưa")
    assert unknown.returncode == 2
    assert unknown.stderr.splitlines() == [
        "songngu: error: 'mưa' is not a term of the glossaries of project 'P'; "
        "see 'songngu glossary list P --scope effective'"
    ]
