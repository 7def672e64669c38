"""The core CLI through a subprocess, as a user runs it: output, exit status, error lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from songngu_testing import TEST_PASSWORD, run_cli


def _ok(*args: str, input: str | None = None) -> str:
    result = run_cli(*args, input=input)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _error(*args: str, code: int | None = None) -> str:
    result = run_cli(*args)
    assert result.returncode != 0
    if code is not None:
        assert result.returncode == code
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr  # one clear line, never a traceback
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.fixture
def project_with_text(tmp_path: Path) -> tuple[str, Path]:
    source = tmp_path / "bao-cao.txt"
    source.write_text(
        "Hội thảo chuyển đổi số diễn ra ngày 14/10/2026.\n\n"
        "PGS.TS. Lê Thị Hồng Vân phát biểu khai mạc. Đại biểu thảo luận sôi nổi.\n",
        encoding="utf-8",
    )
    _ok("project", "create", "Báo cáo", "--partner", "USAID")
    return "Báo cáo", source


def test_project_create_and_list() -> None:
    assert "created project 'Báo cáo'" in _ok("project", "create", "Báo cáo")
    rows = [json.loads(line) for line in _ok("project", "list", "--format", "jsonl").splitlines()]
    assert [(r["name"], r["partner"]) for r in rows] == [("Báo cáo", "generic")]
    assert "already exists" in _error("project", "create", "Báo cáo")
    assert "no partner profile 'Nobody'" in _error("project", "create", "X", "--partner", "Nobody")


def test_import_segments_edit_and_status(project_with_text: tuple[str, Path]) -> None:
    project, source = project_with_text
    out = _ok("import", project, str(source))
    assert "3 segments" in out
    rows = [json.loads(line) for line in _ok("segments", project, "--format", "jsonl").splitlines()]
    assert [r["source"] for r in rows] == [
        "Hội thảo chuyển đổi số diễn ra ngày 14/10/2026.",
        "PGS.TS. Lê Thị Hồng Vân phát biểu khai mạc.",
        "Đại biểu thảo luận sôi nổi.",
    ]
    assert {k for k in rows[0]} >= {
        "id",
        "document",
        "order",
        "source",
        "target",
        "status",
        "version",
    }
    first = rows[0]["id"]
    # A target QA passes (the date is there): this test is about editing, not QA.
    workshop = "The workshop took place on October 14, 2026."
    assert "version 2, draft" in _ok(
        "edit", project, str(first), "--target", workshop, "--expect-version", "1"
    )
    stale = _error(
        "edit", project, str(first), "--target", "Another.", "--expect-version", "1", code=4
    )
    assert workshop in stale and "Another." in stale
    assert "translated" in _ok("set-status", project, str(first), "translated")
    progress = [
        json.loads(line) for line in _ok("progress", project, "--format", "jsonl").splitlines()
    ]
    assert {r["status"]: r["segments"] for r in progress}["translated"] == 1
    translated = _ok(
        "segments", project, "--status", "translated", "--format", "jsonl"
    ).splitlines()
    assert len(translated) == 1


def test_roles_are_enforced_in_the_cli(project_with_text: tuple[str, Path]) -> None:
    project, source = project_with_text
    _ok("import", project, str(source))
    _ok("user", "add", "lan", "--role", "translator", "--password-stdin", input=TEST_PASSWORD)
    first = json.loads(_ok("segments", project, "--format", "jsonl").splitlines()[0])["id"]
    workshop = "The digital transformation workshop took place on October 14, 2026."
    _ok("edit", project, str(first), "--target", workshop, "--as", "lan")
    _ok("set-status", project, str(first), "translated", "--as", "lan")
    assert "may not review" in _error(
        "set-status", project, str(first), "reviewed", "--as", "lan", code=3
    )
    assert "may not manage users" in _error("user", "add", "x", "--role", "admin", "--as", "lan")
    assert "no user 'ghost'" in _error(
        "edit", project, str(first), "--target", "x", "--as", "ghost"
    )
    assert "cannot change status from translated to approved" in _error(
        "set-status", project, str(first), "approved"
    )
    assert "needs a reason" in _error("set-status", project, str(first), "rejected")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "Nope", "x.txt"], "no project 'Nope'"),
        (["segments", "Nope"], "no project 'Nope'"),
        (["progress", "Nope"], "no project 'Nope'"),
        (["edit", "Báo cáo", "999", "--target", "x"], "no segment 999"),
        (["import", "Báo cáo", "/nonexistent/file.txt"], "no such file"),
        (["segments", "Báo cáo", "--status", "done"], "unknown status 'done'"),
        (["user", "add", "bob", "--role", "boss"], "unknown role 'boss'"),
    ],
)
def test_user_errors_are_one_line(
    project_with_text: tuple[str, Path], args: list[str], message: str
) -> None:
    assert message in _error(*args)


def test_bad_files_leave_nothing_behind(
    project_with_text: tuple[str, Path], tmp_path: Path
) -> None:
    project, _ = project_with_text
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(bytes(range(256)) * 20)
    for bad in (empty, garbage):
        _error("import", project, str(bad))
    assert _ok("segments", project, "--format", "jsonl") == ""


def test_help_everywhere() -> None:
    for args in (["--help"], ["project", "--help"], ["import", "--help"], ["jobs", "--help"]):
        assert "Usage:" in _ok(*args)


def test_demo_project_is_created_once() -> None:
    assert "created demo project" in _ok("demo", "--if-missing")
    assert "is ready" in _ok("demo", "--if-missing")
    projects = [
        json.loads(line) for line in _ok("project", "list", "--format", "jsonl").splitlines()
    ]
    assert projects[0]["documents"] == 1
    segments = _ok("segments", projects[0]["name"], "--format", "jsonl").splitlines()
    assert len(segments) >= 12


def test_partner_profiles_are_shipped_and_editable() -> None:
    listing = _ok("partner", "list")
    for name in ("generic", "Indiana University", "USAID"):
        assert f"{name}: " in listing
    assert "'Viet Nam'" in _ok("partner", "set", "USAID", "country_name", "Viet Nam")
    assert "country_name=Viet Nam" in _ok("partner", "list")
    assert "is not one of Vietnam, Viet Nam" in _error(
        "partner", "set", "USAID", "country_name", "VN"
    )
    assert "unknown partner setting 'colour'" in _error("partner", "set", "USAID", "colour", "red")
    _ok("user", "add", "lan", "--role", "translator", "--password-stdin", input=TEST_PASSWORD)
    assert "may not manage project" in _error(
        "partner", "set", "USAID", "date_style", "day_month_year", "--as", "lan"
    )
    assert "name_diacritics" in _ok("partner", "settings")


def test_confirming_fills_repeats_and_says_so(tmp_path: Path) -> None:
    source = tmp_path / "lap.txt"
    source.write_text("Xin cảm ơn.\nMột câu khác.\nXin cảm ơn.\n", encoding="utf-8")
    _ok("project", "create", "P")
    _ok("import", "P", str(source))
    rows = [json.loads(line) for line in _ok("segments", "P", "--format", "jsonl").splitlines()]
    _ok("edit", "P", str(rows[0]["id"]), "--target", "Thank you.")
    assert "filled 1 repeated segment(s)" in _ok(
        "set-status", "P", str(rows[0]["id"]), "translated"
    )
    repeat = json.loads(_ok("segments", "P", "--format", "jsonl").splitlines()[2])
    assert (repeat["target"], repeat["status"], repeat["origin"]) == (
        "Thank you.",
        "draft",
        "propagated",
    )


def test_import_records_document_metadata(tmp_path: Path) -> None:
    source = tmp_path / "bc.txt"
    source.write_text("Một câu.\n", encoding="utf-8")
    _ok("project", "create", "P")
    assert "not a date" in _error("import", "P", str(source), "--date", "14/10/2026")
    _ok("import", "P", str(source), "--author", "Sở KH&CN Đà Nẵng", "--date", "2026-10-14")
    from workflow.models import Document
    from workflow.storage import open_database

    with open_database().read() as session:
        (document,) = session.query(Document).all()
        assert document.meta == {"creator": "Sở KH&CN Đà Nẵng", "date": "2026-10-14"}
