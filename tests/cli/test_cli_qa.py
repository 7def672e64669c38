"""`songngu qa`, and QA through `edit` and `set-status`, run as a user runs them: the
findings printed, exit 1 with open errors, one line for bad input, overrides by role."""

from __future__ import annotations

import json

import pytest
from songngu_testing import run_cli
from songngu_testing.qa import SOURCES, UNTRANSLATED, qa_project

from primitives.statuses import Status
from workflow.models import Segment
from workflow.storage import Database

# Seeded by qa_project: segments 1, 2, 3 of project "P", document "doc".


def _one_line(result, code: int) -> str:  # type: ignore[no-untyped-def]
    assert result.returncode == code, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.fixture
def project(sqlite_db: Database) -> Database:
    qa_project(sqlite_db)
    return sqlite_db


def test_qa_prints_the_findings_and_exits_1_while_errors_are_open(project: Database) -> None:
    edited = run_cli("edit", "P", "1", "--target", SOURCES[0], "--as", "tran")
    assert edited.returncode == 0, edited.stderr
    assert f"QA error {UNTRANSLATED}: The target is the same as the source" in edited.stdout

    text = run_cli("qa", "P")
    assert text.returncode == 1, text.stderr
    lines = text.stdout.strip().splitlines()
    assert lines[0].startswith(f"segment 1: error {UNTRANSLATED}: ")
    assert lines[1].startswith("segment 2: error empty-target: ")
    assert "3 segments checked: 3 errors" in lines[-1] and "3 open findings, 3 errors" in lines[-1]

    as_json = run_cli("qa", "P", "--format", "json")
    assert as_json.returncode == 1
    rows = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert rows[0] == {
        "segment": 1,
        "check": UNTRANSLATED,
        "severity": "error",
        "message": "The target is the same as the source: the segment is not translated.",
    }
    assert [row["segment"] for row in rows] == [1, 2, 3]
    assert "open findings" in as_json.stderr  # the summary stays out of the JSON


def test_qa_exits_0_when_no_error_is_open(project: Database) -> None:
    for segment_id, target in (
        (1, "The conference closed at 5 p.m."),
        (2, "120,000 households."),
        (3, "The delegation visited Hue."),
    ):
        assert run_cli("edit", "P", str(segment_id), "--target", target).returncode == 0
    done = run_cli("qa", "P", "--document", "doc", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert all(json.loads(line)["severity"] != "error" for line in done.stdout.splitlines())


def test_bad_input_is_one_line(project: Database) -> None:
    assert "no project 'Nope'" in _one_line(run_cli("qa", "Nope"), 2)
    assert "no document 'x' in project 'P'" in _one_line(run_cli("qa", "P", "--document", "x"), 2)
    assert "'yaml' is not one of" in run_cli("qa", "P", "--format", "yaml").stderr


def test_set_status_is_refused_over_errors_and_goes_past_for_an_allowed_role(
    project: Database,
) -> None:
    assert run_cli("edit", "P", "1", "--target", SOURCES[0]).returncode == 0
    refused = _one_line(run_cli("set-status", "P", "1", "translated", "--as", "tran"), 2)
    assert refused.startswith(
        f"songngu: error: segment 1 was not made translated: QA found 1 error(s): {UNTRANSLATED}:"
    )
    assert "--qa-override 'why'" in refused  # the hint says what to type

    denied = run_cli(
        "set-status", "P", "1", "translated", "--qa-override", "a name", "--as", "tran"
    )
    line = _one_line(denied, 3)
    assert "tran (translator) may not go past QA errors" in line and "editor, admin" in line

    went = run_cli("set-status", "P", "1", "translated", "--qa-override", "a name", "--as", "ed")
    assert went.returncode == 0, went.stderr
    assert "segment 1 is translated" in went.stdout
    assert f"went on over 1 QA error(s) ({UNTRANSLATED}): recorded" in went.stdout
    with project.read() as session:
        assert Status(session.get(Segment, 1).status) is Status.TRANSLATED


def test_partner_qa_settings_from_the_command_line(project: Database) -> None:
    bad = _one_line(run_cli("partner", "set", "generic", "qa_override_roles", "editor,boss"), 2)
    assert "unknown role 'boss'" in bad
    ok = run_cli("partner", "set", "generic", "qa_override_roles", "translator, editor")
    assert ok.returncode == 0 and "['translator', 'editor']" in ok.stdout
    assert "qa_export_policy (warn | block)" in run_cli("partner", "settings").stdout
    went = run_cli("set-status", "P", "2", "translated", "--as", "tran")
    assert "has no target text" in _one_line(went, 2)
