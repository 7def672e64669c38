"""Intake limits from the SONGNGU_MAX_* settings: lowered limits refuse, bad values are named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from songngu_testing import run_cli

from primitives.errors import InvalidInput
from workflow.intake import read_source
from workflow.intake.limits import DEFAULT_LIMITS, MIB, IntakeLimits

LIMIT_SETTINGS = (
    "SONGNGU_MAX_UPLOAD_MB",
    "SONGNGU_MAX_TEXT_MB",
    "SONGNGU_MAX_ZIP_RATIO",
    "SONGNGU_MAX_PARAGRAPHS",
)
GOOD_BODY = "<w:p><w:r><w:t>Báo cáo tình hình kinh tế</w:t></w:r></w:p>"


@pytest.fixture(autouse=True)
def no_limit_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in LIMIT_SETTINGS:
        monkeypatch.delenv(name, raising=False)


def test_unset_settings_give_the_default_limits() -> None:
    assert IntakeLimits.from_settings() == DEFAULT_LIMITS


def test_settings_change_the_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SONGNGU_MAX_UPLOAD_MB", "0.5")
    monkeypatch.setenv("SONGNGU_MAX_TEXT_MB", "2")
    monkeypatch.setenv("SONGNGU_MAX_ZIP_RATIO", "20")
    monkeypatch.setenv("SONGNGU_MAX_PARAGRAPHS", " 1000 ")
    limits = IntakeLimits.from_settings()
    assert limits.max_file_bytes == limits.max_part_bytes == MIB // 2
    assert limits.max_total_bytes == 3 * (MIB // 2)
    assert limits.max_text_bytes == 2 * MIB
    assert limits.max_compression_ratio == 20.0
    assert limits.max_paragraphs == 1000
    assert limits.max_zip_entries == DEFAULT_LIMITS.max_zip_entries


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SONGNGU_MAX_UPLOAD_MB", "abc"),
        ("SONGNGU_MAX_UPLOAD_MB", "0"),
        ("SONGNGU_MAX_TEXT_MB", "-5"),
        ("SONGNGU_MAX_TEXT_MB", "nan"),
        ("SONGNGU_MAX_ZIP_RATIO", "inf"),
        ("SONGNGU_MAX_PARAGRAPHS", "2.5"),
        ("SONGNGU_MAX_PARAGRAPHS", "1e99"),
    ],
)
def test_bad_setting_value_is_one_line_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(InvalidInput) as caught:
        read_source("Xin chào".encode(), "a.txt")
    message = str(caught.value)
    assert message.startswith(f"{name}={value!r} is not valid") and "\n" not in message
    assert "or unset it" in message


def test_lowered_text_limit_refuses_and_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SONGNGU_MAX_TEXT_MB", "0.001")  # 1,048 bytes
    message = str(pytest.raises(InvalidInput, read_source, b"Ha Noi\n" * 200, "big.txt").value)
    assert "more than the text import limit of 1,048 bytes" in message
    assert "raise SONGNGU_MAX_TEXT_MB" in message
    assert read_source(b"Ha Noi\n" * 100, "small.txt").blocks


def test_lowered_zip_ratio_refuses_a_docx_and_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, make_docx
) -> None:
    # 2,500 numbered paragraphs: about 160 KB of XML that compresses about 11:1.
    data = make_docx(
        "".join(
            f"<w:p><w:r><w:t>Đoạn {n}: báo cáo số {n * 7919 % 10007}</w:t></w:r></w:p>"
            for n in range(2_500)
        )
    )
    assert read_source(data, "ok.docx").blocks
    monkeypatch.setenv("SONGNGU_MAX_ZIP_RATIO", "5")
    message = str(pytest.raises(InvalidInput, read_source, data, "dense.docx").value)
    assert "expands more than 5:1" in message and "raise SONGNGU_MAX_ZIP_RATIO" in message


def test_lowered_paragraph_limit_refuses_a_docx(monkeypatch: pytest.MonkeyPatch, make_docx) -> None:
    monkeypatch.setenv("SONGNGU_MAX_PARAGRAPHS", "3")
    message = str(
        pytest.raises(InvalidInput, read_source, make_docx(GOOD_BODY * 4), "p.docx").value
    )
    assert "more than 3 paragraphs" in message and "raise SONGNGU_MAX_PARAGRAPHS" in message


def test_cli_import_over_a_lowered_limit_is_one_line_and_stores_nothing(tmp_path: Path) -> None:
    source = tmp_path / "bao-cao.txt"
    source.write_text("Hội thảo khai mạc.\nĐại biểu thảo luận.\nBế mạc.\n", encoding="utf-8")
    assert run_cli("project", "create", "P").returncode == 0

    refused = run_cli("import", "P", str(source), env={"SONGNGU_MAX_PARAGRAPHS": "2"})
    assert refused.returncode != 0
    assert refused.stderr.splitlines() == [
        "songngu: error: bao-cao.txt has 3 lines of text, more than the import limit of 2; "
        "split it into smaller files, or raise SONGNGU_MAX_PARAGRAPHS if such files are expected"
    ]
    too_big = run_cli("import", "P", str(source), env={"SONGNGU_MAX_UPLOAD_MB": "0.00001"})
    assert too_big.returncode != 0 and len(too_big.stderr.splitlines()) == 1
    assert "more than the import limit of 10 bytes" in too_big.stderr
    assert "raise SONGNGU_MAX_UPLOAD_MB" in too_big.stderr
    bad_value = run_cli("import", "P", str(source), env={"SONGNGU_MAX_UPLOAD_MB": "lots"})
    assert bad_value.stderr.splitlines() == [
        "songngu: error: SONGNGU_MAX_UPLOAD_MB='lots' is not valid: set it to a number of "
        "megabytes greater than 0 (default 100) or unset it"
    ]
    listed = run_cli("segments", "P", "--format", "jsonl")
    assert listed.returncode == 0 and listed.stdout == ""

    assert run_cli("import", "P", str(source), env={"SONGNGU_MAX_PARAGRAPHS": "3"}).returncode == 0
    rows = [
        json.loads(line)
        for line in run_cli("segments", "P", "--format", "jsonl").stdout.splitlines()
    ]
    assert len(rows) == 3


def test_app_upload_limit_follows_the_import_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from cli.commands import app
    from cli.main import cli

    started: list[list[str]] = []
    monkeypatch.setattr(app.subprocess, "call", lambda command, **_: started.append(command) or 0)
    monkeypatch.setenv("SONGNGU_MAX_UPLOAD_MB", "350.5")
    # Through the root group, as a user runs it: invoked alone, click would cache the command's
    # help option without the root's -h, and docs/cli.md would then differ in this process.
    result = CliRunner().invoke(cli, ["app", "--port", "8600"])
    assert result.exit_code == 0, result.output
    (command,) = started
    assert command[command.index("--server.maxUploadSize") + 1] == "351"
    assert command[command.index("--server.port") + 1] == "8600"


def test_segment_reads_standard_input_only_up_to_the_limit() -> None:
    refused = run_cli(
        "segment", "-", input="Xin chào. " * 200, env={"SONGNGU_MAX_UPLOAD_MB": "0.001"}
    )
    assert refused.returncode != 0
    assert refused.stderr.splitlines() == [
        "songngu: error: standard input has more than 1,048 bytes, the import limit; split it "
        "into smaller files, or raise SONGNGU_MAX_UPLOAD_MB if such files are expected"
    ]
    accepted = run_cli("segment", "-", input="Xin chào. Tôi đi.\n")
    assert accepted.returncode == 0 and accepted.stdout.splitlines() == ["Xin chào.", "Tôi đi."]
