"""songngu segment / segmentation-rules / merge / split / project rules, and re-import.

Most cases call main() in-process (fast, same error handling as the console script);
one test runs the installed console script as a user would.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from songngu_testing import TEST_PASSWORD, run_cli

from cli.main import main

REPORT = "PGS.TS. Lê An phát biểu tại TP. Huế.  Hết.\n\n123\nDo KTS. Long thiết kế.\n"


class Cli:
    """main() with captured output; stdin as given."""

    def __init__(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
        self.capsys, self.monkeypatch = capsys, monkeypatch

    def run(self, *args: str, stdin: str = "") -> tuple[int, str, str]:
        self.monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
        status = main(list(args))
        captured = self.capsys.readouterr()
        return status, captured.out, captured.err

    def ok(self, *args: str, stdin: str = "") -> str:
        status, out, err = self.run(*args, stdin=stdin)
        assert status == 0, err
        return out

    def error(self, *args: str, code: int | None = None) -> str:
        status, _, err = self.run(*args)
        assert status != 0 and (code is None or status == code)
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("songngu: error: "), err
        return lines[0]

    def segments(self, project: str) -> list[dict[str, object]]:
        out = self.ok("segments", project, "--format", "jsonl")
        return [json.loads(line) for line in out.splitlines()]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    return Cli(capsys, monkeypatch)


def test_console_script_segments_a_file_and_reports_a_missing_one(tmp_path: Path) -> None:
    source = tmp_path / "report.txt"
    source.write_text(REPORT, encoding="utf-8")
    result = run_cli("segment", str(source))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "PGS.TS. Lê An phát biểu tại TP. Huế.",
        "Hết.",
        "",
        "Do KTS.",
        "Long thiết kế.",
    ]
    missing = run_cli("segment", str(tmp_path / "missing.txt"))
    assert missing.returncode != 0
    assert missing.stderr.splitlines() == [
        f"songngu: error: {tmp_path / 'missing.txt'}: no such file"
    ]


def test_jsonl_from_stdin_with_an_extra_abbreviation(cli: Cli) -> None:
    out = cli.ok("segment", "--format", "jsonl", "--abbreviation", "KTS.", "-", stdin=REPORT)
    records = [json.loads(line) for line in out.splitlines()]
    assert [(r["paragraph"], r["block"], r["text"]) for r in records] == [
        (0, "line:1", "PGS.TS. Lê An phát biểu tại TP. Huế."),
        (0, "line:1", "Hết."),
        (1, "line:4", "Do KTS. Long thiết kế."),
    ]
    assert (records[1]["start"], records[1]["end"]) == (38, 42)
    assert REPORT.splitlines()[0][38:42] == "Hết."


def test_docx_and_markdown_are_read_like_an_import(cli: Cli, tmp_path: Path) -> None:
    markdown = tmp_path / "notes.md"
    markdown.write_text("# Tiêu đề\n\nCâu **một**. Câu hai.\n", encoding="utf-8")
    out = cli.ok("segment", "--format", "jsonl", str(markdown))
    records = [json.loads(line) for line in out.splitlines()]
    assert [(r["paragraph"], r["kind"], r["text"]) for r in records] == [
        (0, "heading", "Tiêu đề"),
        (1, "paragraph", "Câu <g1>một</g1>."),
        (1, "paragraph", "Câu hai."),
    ]
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    assert "PDF is not supported" in cli.error("segment", str(pdf))


def test_rules_file_round_trips_and_bad_rules_are_one_line(cli: Cli, tmp_path: Path) -> None:
    printed = cli.ok("segmentation-rules", "--abbreviation", "KTS")
    assert "KTS" in json.loads(printed)["abbreviations"]
    rules_file = tmp_path / "rules.json"
    rules_file.write_text(printed, encoding="utf-8")
    out = cli.ok("segment", "--rules", str(rules_file), "-", stdin="Do KTS. Long vẽ.\n")
    assert out.splitlines() == ["Do KTS. Long vẽ."]

    rules_file.write_text('{"abbreviations": [], "no_break_patterns": ["[a-"]}', "utf-8")
    assert "'[a-'" in cli.error("segment", "--rules", str(rules_file), "-")
    cli.ok("project", "create", "P")
    assert "give one of them" in cli.error(
        "segment", "--rules", str(rules_file), "--project", "P", "-"
    )


def test_project_rules_are_edited_shown_and_used(cli: Cli, tmp_path: Path) -> None:
    cli.ok("project", "create", "P")
    cli.ok("user", "add", "tran", "--role", "translator", "--password-stdin", stdin=TEST_PASSWORD)
    assert cli.ok("project", "rules", "P") == "project 'P' uses the default segmentation rules\n"
    out = cli.ok(
        "project", "rules", "P", "--add-abbreviation", "KTS.", "--add-no-break", r"\d+\.\d+\.",
        "--remove-abbreviation", "Mr",
    )  # fmt: skip
    assert out.splitlines() == [
        "saved the segmentation rules of project 'P'; new imports use them",
        "abbreviations: +KTS -Mr",
        r"no break patterns: +\d+\.\d+\.",
    ]
    shown = json.loads(cli.ok("project", "rules", "P", "--show"))
    assert "KTS" in shown["abbreviations"] and "Mr" not in shown["abbreviations"]
    assert cli.ok("segment", "--project", "P", "-", stdin="Do KTS. Long vẽ.\n") == (
        "Do KTS. Long vẽ.\n"
    )
    assert "may not manage project" in cli.error(
        "project", "rules", "P", "--add-abbreviation", "X", "--as", "tran", code=3
    )
    assert "is not in project 'P'" in cli.error("project", "rules", "P", "--remove-break", "x")
    assert "not a valid regular expression" in cli.error(
        "project", "rules", "P", "--add-no-break", "(unclosed"
    )
    source = tmp_path / "a.txt"
    source.write_text("Do KTS. Long thiết kế. Hết.\n", encoding="utf-8")
    assert "2 segments" in cli.ok("import", "P", str(source))
    assert "default" in cli.ok("project", "rules", "P", "--reset")
    assert "3 segments" in cli.ok("import", "P", str(source), "--title", "again")


def test_merge_and_split_through_the_cli(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "bao-cao.txt"
    source.write_text(REPORT, encoding="utf-8")
    cli.ok("project", "create", "P")
    cli.ok("import", "P", str(source))
    first, second, third, _ = (row["id"] for row in cli.segments("P"))
    cli.ok("edit", "P", str(first), "--target", "Mr Le An spoke in Hue.")

    assert "different paragraphs" in cli.error("merge", "P", str(second))
    stale = cli.error("merge", "P", str(first), "--expect-versions", "1,1", code=4)
    assert (
        f"segment {first} was changed by local-operator (now version 2, you saw version 1)" in stale
    )
    assert "two versions" in cli.error("merge", "P", str(first), "--expect-versions", "2")
    out = cli.ok("merge", "P", str(first), "--expect-versions", "2,1")
    assert out == (
        f"merged into segment {first} (version 3, draft): "
        "PGS.TS. Lê An phát biểu tại TP. Huế.  Hết.\n"
    )
    assert [row["id"] for row in cli.segments("P")] == [first, third, third + 1]

    out = cli.ok("split", "P", str(first), "--before", "hết", "--expect-version", "3")
    assert out.splitlines() == [
        f"segment {first} (version 4): PGS.TS. Lê An phát biểu tại TP. Huế.",
        f"segment {third + 2} (new, version 1): Hết.",
    ]
    cli.ok("merge", "P", str(third))
    out = cli.ok("split", "P", str(third), "7")
    assert out.splitlines()[1] == f"segment {third + 3} (new, version 1): Long thiết kế."
    rows = cli.segments("P")
    assert [(r["source"], r["target"], r["status"]) for r in rows] == [
        ("PGS.TS. Lê An phát biểu tại TP. Huế.", "Mr Le An spoke in Hue.", "draft"),
        ("Hết.", "", "new"),
        ("Do KTS.", "", "new"),
        ("Long thiết kế.", "", "new"),
    ]
    assert [r["order"] for r in rows] == sorted({r["order"] for r in rows})

    assert "an OFFSET or --before" in cli.error("split", "P", str(third))
    assert "an OFFSET or --before" in cli.error("split", "P", str(third), "3", "--before", "KTS")
    assert "from 1 to 6" in cli.error("split", "P", str(third), "99")
    assert "you saw version 1" in cli.error(
        "split", "P", str(third), "3", "--expect-version", "1", code=4
    )
    assert "no project 'Other'" in cli.error("split", "Other", str(third), "3")
    cli.ok("project", "create", "Other")
    assert f"no segment {third} in project 'Other'" in cli.error("split", "Other", str(third), "3")


def test_reimport_keeps_translations_of_unchanged_segments(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "bien-ban.txt"
    source.write_text("Cuộc họp bắt đầu. Mọi người có mặt.\nKết thúc lúc 5 giờ.\n", "utf-8")
    cli.ok("project", "create", "P")
    cli.ok("import", "P", str(source))
    ids = {row["source"]: row["id"] for row in cli.segments("P")}
    cli.ok("edit", "P", str(ids["Cuộc họp bắt đầu."]), "--target", "The meeting began.")
    cli.ok("edit", "P", str(ids["Kết thúc lúc 5 giờ."]), "--target", "It ended at 5.")
    cli.ok("set-status", "P", str(ids["Kết thúc lúc 5 giờ."]), "translated")

    # Corrected source: one sentence changed, one added; the same sentence saved as NFD
    # (as some Mac editors do) still counts as unchanged.
    changed = "Cuộc họp bắt đầu. Mọi người đều có mặt.\nKết thúc lúc 5 giờ. Hết.\n"
    source.write_bytes(changed.replace("Kết", "Ke\u0302\u0301t").encode("utf-8"))
    out = cli.ok("import", "P", str(source))
    assert "(revision 2): 4 segments, 2 translations kept" in out
    assert "\n  revision 2: 2 unchanged, 1 changed, 1 added, 0 removed\n" in out
    rows = cli.segments("P")
    assert [(r["source"], r["target"], r["status"]) for r in rows] == [
        ("Cuộc họp bắt đầu.", "The meeting began.", "draft"),
        ("Mọi người đều có mặt.", "", "new"),
        ("Kết thúc lúc 5 giờ.", "It ended at 5.", "translated"),
        ("Hết.", "", "new"),
    ]


def test_reimport_prints_removed_and_moved_and_keeps_segment_ids(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "bien-ban.txt"
    source.write_text("Một.\nHai.\nBa.\nBốn.\n", "utf-8")
    cli.ok("project", "create", "P")
    out = cli.ok("import", "P", str(source))
    assert "revision 1" in out and "unchanged" not in out  # a first import has no changes
    ids = {row["source"]: row["id"] for row in cli.segments("P")}

    source.write_text("Bốn.\nMột.\nBa.\n", "utf-8")
    out = cli.ok("import", "P", str(source))
    assert "\n  revision 2: 2 unchanged, 0 changed, 0 added, 1 removed, 1 moved\n" in out
    rows = cli.segments("P")
    assert [(r["source"], r["id"], r["order"], r["version"]) for r in rows] == [
        ("Bốn.", ids["Bốn."], 0, 1),
        ("Một.", ids["Một."], 1, 1),
        ("Ba.", ids["Ba."], 2, 1),
    ]
