"""`songngu tm check` and `songngu tm lookup-tmx`, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from songngu_testing import SONGNGU

from cli.commands.tm import tm_group
from cli.main import main
from workflow.tm.model import TMUnit
from workflow.tm.tmx import write_tmx


def songngu(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SONGNGU, *args], capture_output=True, text=True, timeout=60)


def memory(tmp_path: Path) -> Path:
    path = tmp_path / "memory.tmx"
    units = [
        TMUnit("Năm 2021, Bộ Tài chính họp tại Hà Nội.", "In 2021 the MOF met in Hanoi."),
        TMUnit("Xin chào.", "Hello.", unit_id="u2"),
    ]
    path.write_bytes(write_tmx(units, tool_version="0.1.0"))
    return path


def test_check_prints_counts(tmp_path: Path) -> None:
    result = songngu("tm", "check", str(memory(tmp_path)))
    assert result.returncode == 0, result.stderr
    assert "tmx version: 1.4" in result.stdout
    assert "usable units (vi→en): 2" in result.stdout
    assert "skipped, other languages: 0" in result.stdout


def test_lookup_tmx_shows_score_kind_and_penalty(tmp_path: Path) -> None:
    result = songngu(
        "tm", "lookup-tmx", str(memory(tmp_path)), "Năm 2022, Bộ Tài chính họp tại Hà Nội."
    )
    assert result.returncode == 0, result.stderr
    first_line = result.stdout.splitlines()[0]
    assert first_line.endswith("% fuzzy [number-mismatch]")
    assert "  en: In 2021 the MOF met in Hanoi." in result.stdout


def test_lookup_tmx_jsonl(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        tm_group, ["lookup-tmx", str(memory(tmp_path)), "xin chào.", "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.output.splitlines()]
    assert record["kind"] == "exact"
    assert record["score"] == 100.0
    assert record["unit_id"] == "u2"
    assert "shared" not in record  # a TMX file has no shared TM: that key is for stored TMs


def test_lookup_tmx_says_when_nothing_matches(tmp_path: Path) -> None:
    args = ["lookup-tmx", str(memory(tmp_path)), "Hoàn toàn khác.", "--min-score", "95"]
    result = CliRunner().invoke(tm_group, args)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["no match of 95% or more"]


def test_user_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    missing = songngu("tm", "check", str(tmp_path / "none.tmx"))
    assert missing.returncode != 0
    assert missing.stderr.strip().splitlines() == [
        f"songngu: error: {tmp_path / 'none.tmx'} does not exist: give the path of a .tmx file"
    ]
    broken = tmp_path / "broken.tmx"
    broken.write_text("<tmx version='1.4'>\n<header>\n</tmx>", encoding="utf-8")
    result = songngu("tm", "lookup-tmx", str(broken), "xin chào")
    assert result.returncode != 0
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("songngu: error: broken.tmx is not well-formed XML at line 3")


def test_unreadable_path_is_one_error_line(tmp_path: Path, capsys: Any) -> None:
    too_long = tmp_path / ("a" * 300 + ".tmx")  # the OS refuses the name (ENAMETOOLONG)
    assert main(["tm", "check", str(too_long)]) != 0
    assert capsys.readouterr().err.splitlines() == [
        f"songngu: error: {too_long} cannot be read (File name too long)"
    ]
