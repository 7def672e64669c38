"""songngu inspect: blocks of a file, and one error line for a bad file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from songngu_testing.docx_builder import docx_bytes

SONGNGU = Path(sys.executable).parent / "songngu"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SONGNGU), "inspect", *args], capture_output=True, text=True, timeout=60
    )


def test_inspect_lists_blocks_as_jsonl(tmp_path: Path) -> None:
    source = tmp_path / "báo cáo.docx"
    source.write_bytes(
        docx_bytes(
            "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Hà Nội</w:t></w:r><w:r><w:t>"
            " mùa thu</w:t></w:r></w:p>"
        )
    )
    result = run(str(source), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["ref"] == "word/document.xml#p0"
    assert row["text"] == "<g1>Hà Nội</g1> mùa thu"
    assert row["codes"]["1"]["kind"] == "bold"
    assert "songngu: repair:" in result.stderr


def test_inspect_of_a_bad_file_prints_one_error_line(tmp_path: Path) -> None:
    source = tmp_path / "hỏng.docx"
    source.write_bytes(b"not a zip at all")
    result = run(str(source))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "songngu: error: hỏng.docx is not a DOCX file (it is not a zip archive); "
        "open it in Word and save it again as .docx"
    ]
    assert result.stdout == ""
