"""`songngu glossary scan`: through the installed console script and click's runner."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from cli.main import cli, main

SONGNGU = Path(sys.executable).parent / "songngu"
SOURCE = "Ủy ban nhân dân tỉnh họp.\n\n   \nChủ tịch UBND gặp PGS.TS An về chuyển đổi số.\n"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SONGNGU), *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_scan_prints_one_json_object_per_term(tmp_path: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_bytes(codecs.BOM_UTF8 + SOURCE.encode())
    result = _run("glossary", "scan", str(source))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["segment"], r["start"], r["end"], r["source"], r["target"]) for r in records] == [
        (0, 0, 15, "Ủy ban nhân dân", "People's Committee"),
        (0, 16, 20, "tỉnh", "Province"),
        (1, 0, 13, "Chủ tịch UBND", "Chairman of the People's Committee"),
        (1, 18, 24, "PGS.TS", "Assoc. Prof. Dr."),
        (1, 31, 44, "chuyển đổi số", "digital transformation"),
    ]
    assert records[0]["status"] == "preferred"


def test_scan_with_extra_glossary_and_table_format(tmp_path: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_text("Sở Công Thương tỉnh\n", encoding="utf-16")
    glossary = tmp_path / "extra.csv"
    glossary.write_text("source,target\nSở Công Thương,Department of Industry and Trade\n")
    result = CliRunner().invoke(
        cli,
        ["glossary", "scan", str(source), "--glossary", str(glossary), "--format", "table"],
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1].split() == [
        "0", "0-14", "Sở", "Công", "Thương", "→", "Department", "of", "Industry", "and",
        "Trade", "[preferred]",
    ]  # fmt: skip


def test_a_term_inside_a_place_name_is_not_a_term(tmp_path: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_text("Phòng Tài chính thành phố Hải Phòng\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["glossary", "scan", str(source)])
    assert result.exit_code == 0, result.output
    found = [(r["source"], r["target"]) for r in map(json.loads, result.output.splitlines())]
    # The first "Phòng" is the division; "thành phố Hải Phòng" is one place, whole.
    assert found == [("Phòng", "Division")]


def test_missing_file_is_one_error_line(tmp_path: Path) -> None:
    result = _run("glossary", "scan", str(tmp_path / "nope.txt"))
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        f"songngu: error: file {tmp_path / 'nope.txt'} does not exist"
    ]


def test_bad_glossary_file_is_one_error_line(tmp_path: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_text("Ủy ban\n", encoding="utf-8")
    glossary = tmp_path / "g.csv"
    glossary.write_text("source,target,status\nỦy ban,Committee,prefered\n", encoding="utf-8")
    result = _run("glossary", "scan", str(source), "--glossary", str(glossary))
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "songngu: error: g.csv line 2: unknown status 'prefered' (use preferred, admitted, "
        "forbidden, do-not-translate); nothing was imported"
    ]


def test_scan_reads_docx_blocks_with_inline_codes(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Ủy ban nhân dân tỉnh")
    document.add_paragraph("")
    paragraph = document.add_paragraph("Báo cáo của ")
    paragraph.add_run("Bộ Tài chính").bold = True
    path = tmp_path / "report.docx"
    document.save(str(path))
    result = CliRunner().invoke(cli, ["glossary", "scan", str(path)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["segment"], r["source"], r["target"]) for r in records] == [
        (0, "Ủy ban nhân dân", "People's Committee"),
        (0, "tỉnh", "Province"),
        (1, "Bộ Tài chính", "Ministry of Finance"),
    ]
    assert records[2]["ref"].startswith("word/document.xml#p")
    assert records[2]["start"] == len("Báo cáo của <g1>")


def test_text_records_name_the_physical_line(tmp_path: Path) -> None:
    source = tmp_path / "s.txt"
    source.write_text("\n\nchuyển đổi số\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["glossary", "scan", str(source)])
    (record,) = [json.loads(line) for line in result.output.splitlines()]
    assert (record["segment"], record["ref"]) == (0, "line 3")


def test_unreadable_paths_are_one_error_line(tmp_path: Path, capsys: Any) -> None:
    too_long = tmp_path / ("a" * 300 + ".txt")  # the OS refuses the name (ENAMETOOLONG)
    source = tmp_path / "source.txt"
    source.write_text("Ủy ban\n", encoding="utf-8")
    for args in (
        ["glossary", "scan", str(too_long)],
        ["glossary", "scan", str(source), "--glossary", str(too_long)],
    ):
        assert main(args) != 0
        assert capsys.readouterr().err.splitlines() == [
            f"songngu: error: cannot read {too_long}: File name too long"
        ]
