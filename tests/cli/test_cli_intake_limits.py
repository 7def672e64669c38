"""Intake limits seen from the CLI: import, segment and app follow the SONGNGU_MAX_* settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from songngu_testing import run_cli

from workflow.intake.limits import (
    PARAGRAPHS_SETTING,
    TEXT_MB_SETTING,
    UPLOAD_MB_SETTING,
    ZIP_RATIO_SETTING,
)


@pytest.fixture(autouse=True)
def no_limit_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (UPLOAD_MB_SETTING, TEXT_MB_SETTING, ZIP_RATIO_SETTING, PARAGRAPHS_SETTING):
        monkeypatch.delenv(name, raising=False)


def test_cli_import_over_a_lowered_limit_is_one_line_and_stores_nothing(tmp_path: Path) -> None:
    source = tmp_path / "bao-cao.txt"
    source.write_text("Hội thảo khai mạc.\nĐại biểu thảo luận.\nBế mạc.\n", encoding="utf-8")
    assert run_cli("project", "create", "P").returncode == 0

    refused = run_cli("import", "P", str(source), env={"SONGNGU_MAX_PARAGRAPHS": "2"})
    assert refused.returncode != 0
    assert refused.stderr.splitlines() == [
        "songngu: error: bao-cao.txt has 3 lines of text, more than the import limit of 2; "
        "split it into smaller files, or raise SONGNGU_MAX_PARAGRAPHS if such files are expected"
    ]
    too_big = run_cli("import", "P", str(source), env={"SONGNGU_MAX_UPLOAD_MB": "0.00001"})
    assert too_big.returncode != 0 and len(too_big.stderr.splitlines()) == 1
    assert "more than the import limit of 10 bytes" in too_big.stderr
    assert "raise SONGNGU_MAX_UPLOAD_MB" in too_big.stderr
    bad_value = run_cli("import", "P", str(source), env={"SONGNGU_MAX_UPLOAD_MB": "lots"})
    assert bad_value.stderr.splitlines() == [
        "songngu: error: SONGNGU_MAX_UPLOAD_MB='lots' is not valid: set it to a number of "
        "megabytes greater than 0 (default 100) or unset it"
    ]
    listed = run_cli("segments", "P", "--format", "jsonl")
    assert listed.returncode == 0 and listed.stdout == ""

    assert run_cli("import", "P", str(source), env={"SONGNGU_MAX_PARAGRAPHS": "3"}).returncode == 0
    rows = [
        json.loads(line)
        for line in run_cli("segments", "P", "--format", "jsonl").stdout.splitlines()
    ]
    assert len(rows) == 3


def test_app_upload_limit_follows_the_import_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from cli.commands import app
    from cli.main import cli

    started: list[list[str]] = []
    monkeypatch.setattr(app.subprocess, "call", lambda command, **_: started.append(command) or 0)
    monkeypatch.setenv("SONGNGU_MAX_UPLOAD_MB", "350.5")
    # Through the root group, as a user runs it: invoked alone, click would cache the command's
    # help option without the root's -h, and docs/cli.md would then differ in this process.
    result = CliRunner().invoke(cli, ["app", "--port", "8600"])
    assert result.exit_code == 0, result.output
    (command,) = started
    assert command[command.index("--server.maxUploadSize") + 1] == "351"
    assert command[command.index("--server.port") + 1] == "8600"


def test_segment_reads_standard_input_only_up_to_the_limit() -> None:
    refused = run_cli(
        "segment", "-", input="Xin chào. " * 200, env={"SONGNGU_MAX_UPLOAD_MB": "0.001"}
    )
    assert refused.returncode != 0
    assert refused.stderr.splitlines() == [
        "songngu: error: standard input has more than 1,048 bytes, the import limit; split it "
        "into smaller files, or raise SONGNGU_MAX_UPLOAD_MB if such files are expected"
    ]
    accepted = run_cli("segment", "-", input="Xin chào. Tôi đi.\n")
    assert accepted.returncode == 0 and accepted.stdout.splitlines() == ["Xin chào.", "Tôi đi."]
