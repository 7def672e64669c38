"""songngu split-sentences / segmentation-rules: the console script and main() in-process."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from workflow.cli.main import main

SONGNGU = str(Path(sys.executable).with_name("songngu"))
REPORT = "PGS.TS. Lê An phát biểu tại TP. Huế. Hết.\n\nDo KTS. Long thiết kế.\n"


def _main(
    args: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    stdin: str = "",
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    status = main(args)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_console_script_splits_a_file_and_reports_a_missing_one(tmp_path: Path) -> None:
    source = tmp_path / "report.txt"
    source.write_text(REPORT, encoding="utf-8")
    result = subprocess.run(
        [SONGNGU, "split-sentences", str(source)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "PGS.TS. Lê An phát biểu tại TP. Huế.",
        "Hết.",
        "",
        "Do KTS.",
        "Long thiết kế.",
    ]
    missing = subprocess.run(
        [SONGNGU, "split-sentences", str(tmp_path / "missing.txt")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert missing.returncode != 0
    assert missing.stderr.strip().splitlines() == [
        f"songngu: error: input file {tmp_path / 'missing.txt'} does not exist; "
        "give a UTF-8 text file or '-'"
    ]


def test_jsonl_from_stdin_with_an_extra_abbreviation(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, out, err = _main(
        ["split-sentences", "--format", "jsonl", "--abbreviation", "KTS.", "-"],
        capsys,
        monkeypatch,
        REPORT,
    )
    assert status == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert [(r["paragraph"], r["text"]) for r in records] == [
        (1, "PGS.TS. Lê An phát biểu tại TP. Huế."),
        (1, "Hết."),
        (3, "Do KTS. Long thiết kế."),
    ]
    assert (records[1]["start"], records[1]["end"]) == (37, 41)


def test_project_rules_file_round_trips(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, printed, _ = _main(["segmentation-rules", "--abbreviation", "KTS"], capsys, monkeypatch)
    assert status == 0
    assert "KTS" in json.loads(printed)["abbreviations"]
    rules_file = tmp_path / "rules.json"
    rules_file.write_text(printed, encoding="utf-8")
    status, out, _ = _main(
        ["split-sentences", "--rules", str(rules_file), "-"],
        capsys,
        monkeypatch,
        "Do KTS. Long vẽ.\n",
    )
    assert status == 0 and out.splitlines() == ["Do KTS. Long vẽ."]


def test_bad_input_and_bad_rules_are_one_line_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("Hội nghị.".encode("utf-16"))
    status, _, err = _main(["split-sentences", str(utf16)], capsys, monkeypatch)
    assert status != 0
    assert len(err.strip().splitlines()) == 1 and "is not UTF-8 text" in err

    bad_rules = tmp_path / "rules.json"
    bad_rules.write_text('{"abbreviations": [], "no_break_patterns": ["[a-"]}', encoding="utf-8")
    status, _, err = _main(
        ["split-sentences", "--rules", str(bad_rules), "-"], capsys, monkeypatch, "Một.\n"
    )
    assert status != 0
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("songngu: error:") and "'[a-'" in lines[0]
