"""Intake limits from the SONGNGU_MAX_* settings: lowered limits refuse, bad values are named."""

from __future__ import annotations

import pytest

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
