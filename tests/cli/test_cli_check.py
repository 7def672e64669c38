"""`songngu check FILE`: JSON lines, table, exit status 0/1/2, settings."""

from __future__ import annotations

import json
from pathlib import Path

from songngu_testing import run_cli

from exporters.registry import get_format
from primitives.units import Store, Unit

GOOD = "Xin chào các bạn.\tHello, everyone.\n"
BAD = "Sáng 9/8/2022, Bộ Tài chính họp.\tOn 9/8/2022 the the Ministry of Finance met.\n"


def test_json_mode_prints_one_object_per_finding_and_exits_1_on_errors(tmp_path: Path) -> None:
    path = tmp_path / "giao-hang.tsv"
    path.write_text(GOOD + BAD, "utf-8")
    result = run_cli("check", str(path), "--format", "json")
    assert result.returncode == 1, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {tuple(sorted(r)) for r in records} == {("check", "message", "segment", "severity")}
    assert [(r["segment"], r["check"], r["severity"]) for r in records] == [
        (2, "ambiguous-date", "error"),
        (2, "repeated-word", "warning"),
    ]
    assert records[0]["message"].startswith("'9/8/2022' reads as September 8 to US readers")


def test_a_clean_file_exits_0_with_a_summary(tmp_path: Path) -> None:
    path = tmp_path / "sach.tsv"
    path.write_text(GOOD, "utf-8")
    result = run_cli("check", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "1 segment checked (tsv-pairs), 0 with findings: 0 errors, 0 warnings, 0 info"
    )


def test_warnings_alone_exit_0_and_the_table_names_each_finding(tmp_path: Path) -> None:
    path = tmp_path / "w.tsv"
    path.write_text("Hội nghị của tỉnh.\tThe conference of of the province.\n", "utf-8")
    result = run_cli("check", str(path))
    assert result.returncode == 0, result.stderr
    header, row, summary = result.stdout.splitlines()
    assert header.split() == ["segment", "severity", "check", "message"]
    assert row.split()[:3] == ["1", "warning", "repeated-word"]
    assert "1 warnings" in summary


def test_tmx_and_settings(tmp_path: Path) -> None:
    store = Store([Unit("Tổ chức họp.", "The organisation met.", id="u1")])
    path = tmp_path / "vendor.tmx"
    path.write_bytes(get_format("tmx", "bilingual").write(store))
    assert run_cli("check", str(path)).returncode == 0
    result = run_cli(
        "check", str(path), "--format", "json", "--setting", "english_variant=US",
        "--setting", 'qa_severities={"spelling-variant": "error"}',
    )  # fmt: skip
    assert result.returncode == 1
    assert [json.loads(line)["check"] for line in result.stdout.splitlines()] == [
        "spelling-variant"
    ]


def test_unreadable_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    cases = [
        (tmp_path / "nope.tsv", None, "does not exist"),
        (tmp_path / "binary.tsv", b"\xff\xfe\x00\x01 junk", "binary.tsv"),
        (tmp_path / "no-tabs.tsv", b"just text\n", "has no tab-separated line"),
        (tmp_path / "report.pdf", b"%PDF-1.7", "no bilingual format reads report.pdf"),
        # A .docx is read as a review table: a broken one is refused as such.
        (tmp_path / "review.docx", b"PK\x03\x04", "review.docx is not a readable DOCX"),
    ]
    for path, data, expected in cases:
        if data is not None:
            path.write_bytes(data)
        result = run_cli("check", str(path))
        assert result.returncode == 2, (path, result.stdout, result.stderr)
        assert result.stderr.count("\n") == 1 and expected in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    bad = run_cli("check", str(tmp_path / "binary.tsv"), "--setting", "english_variant=XX")
    assert bad.returncode == 2 and "english_variant" in bad.stderr
    date = run_cli("check", str(tmp_path / "no-tabs.tsv"), "--date", "9/8/2022")
    assert date.returncode == 2 and "--date 9/8/2022 is not a date" in date.stderr
