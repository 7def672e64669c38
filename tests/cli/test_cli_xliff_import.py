"""songngu import of an XLIFF file, as a user runs it: the report, --dry-run, refusals."""

from __future__ import annotations

from pathlib import Path

from songngu_testing import run_cli

from exporters.registry import get_format
from workflow.projects import get_project
from workflow.storage import open_database
from workflow.stores import document_store


def _ok(*args: str) -> str:
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _exported(tmp_path: Path) -> Path:
    source = tmp_path / "bao-cao.txt"
    source.write_text("Doanh thu tăng.\n\nChi phí giảm.\n", encoding="utf-8")
    _ok("project", "create", "Báo cáo")
    _ok("import", "Báo cáo", str(source))
    with open_database().read() as session:
        document = get_project(session, "Báo cáo").documents[0]
        data = get_format("xliff12").write(document_store(session, document.id))
    path = tmp_path / "bao-cao.xlf"
    path.write_bytes(
        data.replace(
            b'<target state="new"/>', b'<target state="translated">Revenue rose.</target>', 1
        )
    )
    return path


def test_dry_run_then_import_of_an_edited_export(tmp_path: Path) -> None:
    path = _exported(tmp_path)
    out = _ok("import", "Báo cáo", str(path), "--dry-run")
    assert "round trip of 'bao-cao' (XLIFF 1.2): 1 would apply, 1 unchanged, 0 conflicts" in out
    assert "would apply: segment 1: «» → «Revenue rose.» (new → translated)" in out
    assert "dry run: nothing was stored" in out
    assert "Revenue rose." not in _ok("segments", "Báo cáo")
    out = _ok("import", "Báo cáo", str(path))
    assert "1 applied" in out and "Revenue rose." in _ok("segments", "Báo cáo")
    stale = path.read_bytes().replace(b"Revenue rose.", b"Revenue grew.")
    path.write_bytes(stale)
    out = _ok("import", "Báo cáo", str(path))
    assert "conflict, changed in songngu since the export: segment 1 (unit 1)" in out
    assert "songngu «Revenue rose.» | file «Revenue grew.»" in out


def test_a_file_of_another_project_is_one_line_with_a_hint(tmp_path: Path) -> None:
    path = _exported(tmp_path)
    _ok("project", "create", "Khác")
    result = run_cli("import", "Khác", str(path))
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert "exported from project 'Báo cáo', not 'Khác'" in line
    assert 'songngu import "Báo cáo" bao-cao.xlf' in line
