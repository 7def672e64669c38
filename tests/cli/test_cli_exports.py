"""songngu document set/show, songngu export and songngu review import as a user runs them:
what they print, the files they write, one line and an exit status for bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
from songngu_testing import SCHEMAS_DIR, TEST_PASSWORD, run_cli
from songngu_testing.rich_docx import rich_report

from exporters.registry import get_format
from workflow.intake import read_source


def _ok(*args: str) -> str:
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _one_line_error(*args: str, status: int = 2) -> str:
    result = run_cli(*args)
    assert result.returncode == status, (result.stdout, result.stderr)
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("songngu: error: ") and "Traceback" not in result.stderr
    return line


def _project(tmp_path: Path) -> None:
    source = tmp_path / "bao-cao.md"
    source.write_text("Nhấn **Lưu** để ghi.\n\nBáo cáo năm 2025.\n", encoding="utf-8")
    _ok("project", "create", "Báo cáo", "--partner", "USAID")
    _ok("import", "Báo cáo", str(source))
    _ok("edit", "Báo cáo", "1", "--target", "Press <g1>Save</g1> to write.")


def test_document_metadata_is_set_checked_and_shown(tmp_path: Path) -> None:
    _project(tmp_path)
    out = _ok(
        "document",
        "set",
        "Báo cáo",
        "bao-cao",
        "--title",
        "Báo cáo tổng kết năm 2025",
        "--date",
        "2022-08-09",
        "--creator",
        "Sở KH&CN Đà Nẵng",
        "--target-language",
        "en-GB",
    )
    assert "title            Báo cáo tổng kết năm 2025" in out
    line = _one_line_error("document", "set", "Báo cáo", "bao-cao", "--date", "9/8/2022")
    assert "is not a date written YYYY-MM-DD" in line
    line = _one_line_error("document", "set", "Báo cáo", "bao-cao", "--rights", "a\nb")
    assert "must be one line" in line
    shown = json.loads(_ok("document", "show", "Báo cáo", "1", "--format", "json"))
    assert shown == {
        "title": "Báo cáo tổng kết năm 2025",
        "creator": "Sở KH&CN Đà Nẵng",
        "publisher": "",
        "date": "2022-08-09",
        "subject": "",
        "description": "",
        "rights": "",
        "source_language": "vi",
        "target_language": "en-GB",
    }
    result = run_cli("document", "set", "Báo cáo", "bao-cao")
    assert result.returncode == 2 and "give at least one field" in result.stderr
    denied = run_cli(
        "user", "add", "tran", "--role", "translator", "--password-stdin", input=TEST_PASSWORD
    )
    assert denied.returncode == 0, denied.stderr
    line = _one_line_error(
        "document", "set", "Báo cáo", "bao-cao", "--title", "X", "--as", "tran", status=3
    )
    assert "may not manage project" in line


def test_export_writes_a_valid_file_and_prints_the_readiness(tmp_path: Path) -> None:
    _project(tmp_path)
    out_file = tmp_path / "bao-cao.xlf"
    out_file.write_bytes(b"an older export")
    out = _ok("export", "Báo cáo", "--format", "xliff21", "--out", str(out_file))
    assert f"wrote {out_file} (XLIFF 2.1" in out and "valid against its schema" in out
    assert (
        "  bao-cao: 2 segments, 2 not approved, 1 untranslated, 0 open QA error(s), "
        "0 QA warning(s), 1 not QA-checked\n" in out
    )
    assert "  QA export policy of the partner profile: warn (open QA errors are listed" in out
    assert get_format("xliff21").validate(out_file.read_bytes(), SCHEMAS_DIR) == []
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []
    report = tmp_path / "report.xml"
    _ok("export", "Báo cáo", "--format", "report-xml", "--out", str(report), "--document", "1")
    assert b'<partner name="USAID">' in report.read_bytes()
    line = _one_line_error(
        "export", "Báo cáo", "--format", "tmx", "--out", str(tmp_path / "tm.tmx"), "--document", "1"
    )
    assert "not one document's; leave out --document" in line
    line = _one_line_error(
        "export", "Báo cáo", "--format", "tbx", "--out", str(tmp_path / "no" / "g.tbx")
    )
    assert "folder" in line and "does not exist" in line
    result = run_cli("export", "Báo cáo", "--format", "pdf", "--out", str(tmp_path / "x"))
    assert result.returncode == 2 and "'pdf' is not one of" in result.stderr


def test_review_import_dry_run_then_apply_then_conflicts(tmp_path: Path) -> None:
    _project(tmp_path)
    review = tmp_path / "review.docx"
    _ok("export", "Báo cáo", "--format", "bilingual-docx", "--out", str(review))
    document = docx.Document(io.BytesIO(review.read_bytes()))
    rows = document.tables[0].rows
    rows[3].cells[2].text = "Click <1>Save</1> to write."
    rows[4].cells[2].text = "The 2025 report."
    rows[4].cells[4].add_paragraph("Đã kiểm tra")
    buffer = io.BytesIO()
    document.save(buffer)
    edited = tmp_path / "review-edited.docx"
    edited.write_bytes(buffer.getvalue())
    out = _ok("review", "import", "Báo cáo", str(edited), "--dry-run")
    assert "review-edited.docx: review of export" in out and "2 would apply" in out
    assert "dry run: nothing was stored" in out
    assert "Click" not in _ok("segments", "Báo cáo")
    out = _ok("review", "import", "Báo cáo", str(edited))
    assert "2 applied, 0 unchanged, 0 conflicts" in out
    assert "«Press <g1>Save</g1> to write.» → «Click <g1>Save</g1> to write.»" in out
    out = _ok("review", "import", "Báo cáo", str(edited))  # the same file again
    assert "conflict, changed in songngu since the export: segment 1 (row 1)" not in out
    assert "0 applied, 2 unchanged, 0 conflicts" in out
    _ok("edit", "Báo cáo", "2", "--target", "The report for 2025.")
    rows[4].cells[2].text = "The annual report 2025."
    document.save(buffer := io.BytesIO())
    edited.write_bytes(buffer.getvalue())
    out = _ok("review", "import", "Báo cáo", str(edited))
    assert "conflict, changed in songngu since the export: segment 2 (row 2)" in out
    assert "songngu «The report for 2025.» | file «The annual report 2025.»" in out


def test_review_import_refusals_are_one_line(tmp_path: Path) -> None:
    _project(tmp_path)
    plain = tmp_path / "plain.docx"
    other = docx.Document()
    other.add_paragraph("Không phải bảng duyệt.")
    other.save(str(plain))
    line = _one_line_error("review", "import", "Báo cáo", str(plain))
    assert "is not a bilingual review table" in line
    review = tmp_path / "review.docx"
    _ok("export", "Báo cáo", "--format", "bilingual-docx", "--out", str(review))
    _ok("project", "create", "Khác")
    line = _one_line_error("review", "import", "Khác", str(review))
    assert "exported from project 'Báo cáo', not 'Khác'" in line
    assert 'songngu review import "Báo cáo" review.docx' in line
    line = _one_line_error("review", "import", "Báo cáo", str(tmp_path / "missing.docx"))
    assert "no such file" in line


def test_a_qa_error_is_counted_and_a_blocking_partner_refuses_in_one_line(tmp_path: Path) -> None:
    _project(tmp_path)
    _ok("edit", "Báo cáo", "2", "--target", "The 2024 report.")  # 2025 in the source
    review = tmp_path / "review.docx"
    out = _ok("export", "Báo cáo", "--format", "bilingual-docx", "--out", str(review))
    assert "0 untranslated, 1 open QA error(s), 0 QA warning(s), 0 not QA-checked" in out
    table = docx.Document(io.BytesIO(review.read_bytes())).tables[0]
    assert "error: Number '2025' in the source is '2024' in the target." in [
        cell.text for cell in table.rows[4].cells
    ]
    _ok("partner", "set", "USAID", "qa_export_policy", "block")
    report = tmp_path / "report.xml"
    line = _one_line_error("export", "Báo cáo", "--format", "report-xml", "--out", str(report))
    assert "project 'Báo cáo' is not exported: 1 open QA error(s)" in line
    assert "partner profile 'USAID' blocks exports" in line
    assert "songngu qa Báo cáo" in line  # the hint: where to see the findings
    assert not report.exists()
    out = _ok("export", "Báo cáo", "--format", "xliff12", "--out", str(tmp_path / "b.xlf"))
    assert "  QA export policy of the partner profile: block (the target DOCX and" in out


def test_export_writes_the_target_docx(tmp_path: Path) -> None:
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(rich_report())
    _ok("project", "create", "Báo cáo DOCX")
    _ok("import", "Báo cáo DOCX", str(source))
    _ok("edit", "Báo cáo DOCX", "1", "--target", "Annual summary report 2024")
    for status in ("translated", "reviewed", "approved"):
        _ok("set-status", "Báo cáo DOCX", "1", status)
    target = tmp_path / "bao-cao-en.docx"
    line = _one_line_error("export", "Báo cáo DOCX", "--format", "docx", "--out", str(target))
    assert "not approved" in line and not target.exists()
    out = _ok(
        "export", "Báo cáo DOCX", "--format", "docx", "--out", str(target),
        "--unfinished", "source",
    )  # fmt: skip
    assert f"wrote {target} (" in out and "not approved written in Vietnamese" in out
    back = read_source(target.read_bytes(), target.name)
    assert back.blocks[0].text == "Annual summary report 2024"
    assert back.blocks[1].text.startswith("Doanh thu")  # not approved: the Vietnamese
    assert len(back.blocks) == len(read_source(rich_report(), source.name).blocks)
