"""``songngu protect FILE``: what MT keeps fixed in each line, as text or JSON lines."""

from __future__ import annotations

import io
import json
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from songngu_testing.seed_article import SEED_DATE, SEED_PARTNER, SEED_SPANS

from cli.main import cli, main
from workflow.demo import demo_source

Runner = Callable[..., tuple[int, str, str]]
ISSUE_LINES = [
    "Ngày 9/8/2022, tại thành phố Hải Phòng, ông Nguyễn Huy Dũng Thứ trưởng Bộ Thông tin và "
    "Truyền thông dự hội thảo.",
    "Về phía thành phố, ông Lê Tiến Châu, Bí thư Thành ủy Hải Phòng phát biểu.",
]


@pytest.fixture
def protect(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., tuple[int, str, str]]:
    """Run `songngu protect ARGS` as the console script does: (status, stdout, stderr)."""

    def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
        if stdin is not None:
            monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
        status = main(["protect", *args])
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return run


def _jsonl(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def test_the_seed_article_comes_out_right(tmp_path: Path, protect: Runner) -> None:
    article = tmp_path / "demo_report.md"
    article.write_bytes(demo_source())
    status, out, err = protect(
        str(article), "--date", SEED_DATE, "--partner", SEED_PARTNER, "--format", "jsonl"
    )
    assert status == 0, err
    rows = _jsonl(out)
    assert [(r["line"], r["text"], r["kind"], r["replacement"]) for r in rows] == SEED_SPANS
    lines = demo_source().decode("utf-8").splitlines()
    for row in rows:  # 1-based lines, offsets in the NFC line
        line = unicodedata.normalize("NFC", lines[int(row["line"]) - 1])  # type: ignore[call-overload]
        assert line[row["start"] : row["end"]] == row["text"]  # type: ignore[misc]
    assert list(rows[0]) == ["line", "start", "end", "text", "kind", "replacement"]
    assert err.strip() == (
        f"{len(SEED_SPANS)} spans kept fixed on 6 lines (partner {SEED_PARTNER}, {SEED_DATE})"
    )


def test_the_issue_sentences_on_their_date_and_after_the_mergers(
    tmp_path: Path, protect: Runner
) -> None:
    source = tmp_path / "hai-phong.txt"
    source.write_text("\n".join(ISSUE_LINES) + "\n", encoding="utf-8")
    status, out, _ = protect(str(source), "--date", "2022-08-09", "--format", "jsonl")
    assert status == 0
    found = [(r["line"], r["text"], r["kind"], r["replacement"]) for r in _jsonl(out)]
    assert found == [
        (1, "9/8/2022", "date", "August 9, 2022"),
        (1, "thành phố Hải Phòng", "place", "Hai Phong City"),
        (1, "Nguyễn Huy Dũng", "name", "Nguyen Huy Dung"),
        (
            1,
            "Thứ trưởng Bộ Thông tin và Truyền thông",
            "title",
            "Deputy Minister of Information and Communications",
        ),
        (2, "Lê Tiến Châu", "name", "Le Tien Chau"),
        (2, "Bí thư Thành ủy Hải Phòng", "title", "Secretary of the Hai Phong Party Committee"),
    ]
    # After 1 March 2025 the ministry's old name is history: only the title is fixed.
    status, out, _ = protect(str(source), "--date", "2026-01-05", "--format", "jsonl")
    first_line = [(r["text"], r["replacement"]) for r in _jsonl(out) if r["line"] == 1]
    assert ("Thứ trưởng", "Deputy Minister") in first_line
    assert all("Information" not in str(english) for _, english in first_line)


def test_text_output_is_a_table_and_stdin_works(protect: Runner) -> None:
    status, out, err = protect("-", "--partner", "USAID", stdin="Ngày 9/8/2022 tại TP.HCM\n")
    assert status == 0
    assert out.splitlines() == [
        "line  kind   text      english",
        "1     date   9/8/2022  August 9, 2022",
        "1     place  TP.HCM    Ho Chi Minh City",
    ]
    assert err.strip() == (
        "2 spans kept fixed on 1 lines (partner USAID, no date: historic names are not enforced)"
    )


def test_the_partner_profile_decides_date_and_name_style(tmp_path: Path, protect: Runner) -> None:
    source = tmp_path / "uk.txt"
    source.write_text("Ngày 9/8/2022, bà Lê Thị Hồng Vân đến Việt Nam.\n", encoding="utf-8")
    runner = CliRunner()
    for args in (
        ["partner", "set", "USAID", "date_style", "day_month_year"],
        ["partner", "set", "USAID", "name_diacritics", "keep"],
        ["partner", "set", "USAID", "country_name", "Viet Nam"],
    ):
        assert runner.invoke(cli, args).exit_code == 0
    status, out, _ = protect(str(source), "--partner", "USAID", "--format", "jsonl")
    assert status == 0
    assert [r["replacement"] for r in _jsonl(out)] == [
        "9 August 2022",
        "Lê Thị Hồng Vân",
        "Viet Nam",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "9/8/2022"], "--date '9/8/2022' is not a date: write it as YYYY-MM-DD"),
        (["--partner", "nobody"], "no partner profile 'nobody': choose one of"),
    ],
)
def test_bad_options_are_one_line(
    tmp_path: Path, protect: Runner, args: list[str], message: str
) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Hà Nội\n", encoding="utf-8")
    status, out, err = protect(str(source), *args)
    assert status == 2
    assert out == ""
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_missing_or_binary_file_is_one_line(tmp_path: Path, protect: Runner) -> None:
    status, _, err = protect(str(tmp_path / "none.txt"))
    assert status == 2 and "file not found" in err
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    status, _, err = protect(str(binary))
    assert status == 2 and err.startswith(f"songngu: error: {binary}:")
