"""``songngu normalize FILE``: line-for-line UTF-8 NFC on stdout, report on stderr."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from songngu_testing import SONGNGU

from cli.main import cli, main
from primitives.errors import InvalidInput
from workflow.vietnamese.legacy_encode import encode_viqr, tcvn3_bytes, vni_bytes


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """The real console script (slow to start: used for a few end-to-end cases)."""
    return subprocess.run(
        [SONGNGU, "normalize", *args], input=stdin, capture_output=True, timeout=60, check=False
    )


def run_in_process(
    capsysbinary: pytest.CaptureFixture[bytes], *args: str
) -> subprocess.CompletedProcess[bytes]:
    """main() as the console script calls it, without starting a new interpreter."""
    status = main(["normalize", *args])
    captured = capsysbinary.readouterr()
    return subprocess.CompletedProcess(args, status, captured.out, captured.err)


def test_tcvn3_file_becomes_utf8_with_the_same_lines(tmp_path: Path) -> None:
    lines = ["cộng hòa xã hội chủ nghĩa việt nam", "", "độc lập - tự do - hạnh phúc", "ok"]
    source = tmp_path / "old.txt"
    source.write_bytes(b"\r\n".join(tcvn3_bytes(line) for line in lines) + b"\r\n")
    done = run(str(source))
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8") == "\r\n".join(lines) + "\r\n"
    report = done.stderr.decode("utf-8").splitlines()
    assert report[0] == f"{source}: read as TCVN3 (8-bit), 13 non-ASCII characters"


def test_line_count_is_kept_even_with_manual_breaks_and_no_final_newline(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    text = "Dòng một\x0bvẫn dòng một\nDòng\u00a0hai\u200b\n\nDòng bốn"
    source = tmp_path / "word.txt"
    source.write_text(text, encoding="utf-8")
    done = run_in_process(capsysbinary, str(source))
    assert done.returncode == 0
    output = done.stdout.decode("utf-8")
    assert output.split("\n") == [
        "Dòng một\u2028vẫn dòng một",
        "Dòng hai",
        "",
        "Dòng bốn",
    ]
    stderr = done.stderr.decode("utf-8")
    assert "removed 1 zero-width characters" in stderr
    assert "replaced 1 no-break spaces between words with spaces" in stderr


def test_each_line_is_repaired_on_its_own_evidence(tmp_path: Path) -> None:
    lines = [
        encode_viqr("Cộng hòa xã hội chủ nghĩa Việt Nam").encode("ascii"),
        vni_bytes("Người Việt ở nước ngoài"),
        unicodedata.normalize("NFD", "Thủ tướng Chính phủ").encode("utf-8"),
        b"Hello? Yes. it's fine.",
    ]
    source = tmp_path / "mixed.txt"
    source.write_bytes(b"\n".join(lines))
    done = CliRunner().invoke(cli, ["normalize", str(source)])
    assert done.exit_code == 0, done.output
    assert done.stdout.splitlines() == [
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Người Việt ở nước ngoài",
        "Thủ tướng Chính phủ",
        "Hello? Yes. it's fine.",
    ]
    assert "converted from VIQR (content statistics): 7 characters in 1 line" in done.stderr
    assert "converted from VNI (content statistics): 7 characters in 1 line" in done.stderr


def test_font_option_decides_the_encoding(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    source = tmp_path / "heading.txt"
    source.write_bytes(tcvn3_bytes("quyết định") + b"\n")
    done = run_in_process(capsysbinary, "--font", ".VnTimeH", str(source))
    assert done.stdout.decode("utf-8") == "QUYẾT ĐỊNH\n"
    assert "converted from TCVN3 (.VnTimeH font)" in done.stderr.decode("utf-8")


def test_stdin_dash() -> None:
    done = run("-", stdin=b"Vie^.t Nam\n")
    assert (done.returncode, done.stdout.decode("utf-8")) == (0, "Việt Nam\n")
    assert done.stderr.decode("utf-8").startswith("stdin: read as utf-8")


def test_unicode_file_reports_nothing_to_repair(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    source = tmp_path / "ok.txt"
    source.write_text("Cộng hoà và Cộng hòa\n", encoding="utf-8")
    done = run_in_process(capsysbinary, str(source))
    assert done.stdout.decode("utf-8") == "Cộng hoà và Cộng hòa\n"
    assert (
        done.stderr.decode("utf-8").splitlines()[-1]
        == "no further repair needed: text is Unicode NFC"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "songngu: error: file not found: {path}"),
        (b"", "songngu: error: {path}: input is empty (0 bytes): give a file that contains text"),
        (
            b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00",
            "songngu: error: {path}: input contains NUL bytes, so it is not text: give a "
            "plain-text file (UTF-8, UTF-16 or an 8-bit Vietnamese encoding)",
        ),
    ],
)
def test_bad_input_gives_one_error_line_and_non_zero_exit(
    tmp_path: Path, content: bytes | None, message: str, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    done = run(str(path)) if content is None else run_in_process(capsysbinary, str(path))
    assert done.returncode == 2
    assert done.stdout == b""
    assert done.stderr.decode("utf-8").splitlines() == [message.format(path=path)]


def test_directory_is_refused(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    done = run_in_process(capsysbinary, str(tmp_path))
    assert done.returncode == 2
    assert (
        done.stderr.decode("utf-8")
        == f"songngu: error: {tmp_path} is a directory: give a text file\n"
    )


def test_oversized_file_or_stdin_is_refused_before_decoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cli.commands import normalize

    monkeypatch.setattr(normalize, "MAX_INPUT_BYTES", 8)
    source = tmp_path / "big.txt"
    source.write_bytes(b"Viet Nam\n")
    for args, stdin in ((["normalize", str(source)], None), (["normalize", "-"], b"Viet Nam\n")):
        result = CliRunner().invoke(cli, args, input=stdin)
        assert isinstance(result.exception, InvalidInput), result.output
        assert "larger than" in str(result.exception) and "split it" in str(result.exception)
        assert result.stdout == ""
    assert CliRunner().invoke(cli, ["normalize", "-"], input=b"Viet Nam").exit_code == 0
