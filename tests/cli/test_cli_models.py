"""`songngu models …` through the real console script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli.commands.models import download_progress_printer

SONGNGU = str(Path(sys.executable).with_name("songngu"))


def _run(
    *args: str, packages: Path, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(packages), **(env or {})}
    return subprocess.run(
        [SONGNGU, "models", *args],
        capture_output=True,
        text=True,
        env=env,
        input=stdin,
        timeout=120,
        check=False,
    )


def test_list_install_translate(tiny_package_file: Path, packages: Path) -> None:
    empty = _run("list", packages=packages)
    assert empty.returncode == 0
    assert "no translation packages installed" in empty.stdout
    assert "songngu models install FILE.argosmodel" in empty.stdout

    installed = _run("install", str(tiny_package_file), packages=packages)
    assert installed.returncode == 0, installed.stderr
    assert "installed translate-vi_en-1_9 (vi→en 1.9)" in installed.stdout

    listed = _run("list", packages=packages)
    assert listed.stdout.split("\t")[:3] == ["translate-vi_en-1_9", "vi→en", "1.9"]

    again = _run("install", str(tiny_package_file), packages=packages)
    assert again.returncode != 0
    assert again.stderr.count("\n") == 1
    assert again.stderr.startswith("songngu: error: a package named translate-vi_en-1_9 is")

    assert f"songngu models remove {'translate-vi_en-1_9'}" in again.stderr

    translated = _run(
        "translate", "--json", "--input", "-", packages=packages, stdin="Chào bạn.\nXin chào\n"
    )
    assert translated.returncode == 0, translated.stderr
    lines = [json.loads(line) for line in translated.stdout.splitlines()]
    assert len(lines) == 2
    assert all(0 < line["score"] <= 1 and line["target"] for line in lines)

    removed = _run("remove", "translate-vi_en-1_9", packages=packages)
    assert removed.stdout == "removed translate-vi_en-1_9 (vi→en 1.9)\n"
    assert list(packages.iterdir()) == []


def test_bad_file_and_missing_model_are_one_line_errors(packages: Path, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.argosmodel"
    bogus.write_bytes(b"not a zip")
    refused = _run("install", str(bogus), packages=packages)
    assert refused.returncode == 2
    assert refused.stderr == (
        "songngu: error: bogus.argosmodel is not an Argos package (not a zip archive); "
        "use a .argosmodel file from the Argos package index\n"
    )
    too_long = _run(
        "translate",
        "--input",
        "-",
        packages=packages,
        stdin="Xin chào. " * 200,
        env={"SONGNGU_MAX_TEXT_MB": "0.001"},
    )
    assert (too_long.returncode, too_long.stderr) == (
        2,
        "songngu: error: <stdin> has more than 1,048 bytes, the text import limit; split it "
        "into smaller files, or raise SONGNGU_MAX_TEXT_MB if such files are expected\n",
    )
    too_wide = _run("translate", "--beam", "500", "Chào bạn.", packages=packages)
    assert (too_wide.returncode, too_wide.stderr) == (
        2,
        "songngu: error: beam size must be between 1 and 16, not 500\n",
    )
    missing = _run("translate", "Chào bạn.", packages=packages)
    assert missing.returncode == 2
    assert missing.stderr.count("\n") == 1
    assert "songngu models download vi en" in missing.stderr


def test_download_offline(packages: Path) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    offline = _run(
        "download",
        "vi",
        "en",
        "--index-url",
        f"http://127.0.0.1:{port}/index.json",
        packages=packages,
    )
    assert offline.returncode == 2
    assert offline.stderr.count("\n") == 1
    assert "cannot reach the Argos package index" in offline.stderr
    assert "songngu models install FILE.argosmodel" in offline.stderr


def test_download_progress_shows_every_tenth_once(capsys: pytest.CaptureFixture[str]) -> None:
    show = download_progress_printer()
    megabyte = 1 << 20
    total = 66 * megabyte  # the real package's size, read 1 MiB at a time
    for done in range(megabyte, total + 1, megabyte):
        show(done, total)
    show(total, None)  # a size the server did not say is never shown
    lines = capsys.readouterr().err.splitlines()
    assert lines == [f"downloading: {percent}%" for percent in range(0, 101, 10)]


def _corpus(tmp_path: Path, count: int) -> Path:
    words = ["Ủy ban", "nhân dân", "tỉnh", "họp", "phiên", "thường kỳ", "tháng", "năm 2022"]
    lines = [f"{words[i % 8]} {words[(i // 8) % 8]} số {i}.\tEnglish {i}" for i in range(count)]
    corpus = tmp_path / "corpus.tsv"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return corpus


def test_shortlist_builds_measures_lists_and_removes(
    copy_package_file: Path, packages: Path, tmp_path: Path
) -> None:
    assert _run("install", str(copy_package_file), packages=packages).returncode == 0
    listed = _run("list", packages=packages)
    assert listed.stdout.rstrip("\n").split("\t")[-1] == "no shortlist"

    built = _run(
        "shortlist", "translate-vi_en-1_9", "--corpus", str(_corpus(tmp_path, 100)),
        "--size", "60", packages=packages,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    assert built.stderr.splitlines() == [
        "translating 80 sentences with the full vocabulary",
        "measuring on 20 held-out sentences",
    ]
    lines = built.stdout.splitlines()
    assert lines[0].startswith("shortlist of translate-vi_en-1_9: ")
    assert lines[1].startswith("held out: 20 sentences, 100.0% identical to the full vocabulary")
    assert lines[2] == (
        "shortlist used (100.0% of 20 held-out sentences identical, 100.0% of tokens; "
        "threshold 99%)"
    )
    listed = _run("list", packages=packages)
    assert listed.stdout.rstrip("\n").split("\t")[-1] == lines[2]
    strict = _run("list", packages=packages, env={"SONGNGU_MT_SHORTLIST_MIN_IDENTICAL": "100"})
    assert "shortlist used" in strict.stdout

    removed = _run("shortlist", "translate-vi_en-1_9", "--remove", packages=packages)
    assert removed.stdout == "removed the shortlist of translate-vi_en-1_9\n"
    assert _run("list", packages=packages).stdout.rstrip("\n").endswith("\tno shortlist")


def test_shortlist_refusals_are_one_line(
    copy_package_file: Path, packages: Path, tmp_path: Path
) -> None:
    _run("install", str(copy_package_file), packages=packages)
    no_corpus = _run("shortlist", "translate-vi_en-1_9", packages=packages)
    assert (no_corpus.returncode, no_corpus.stderr) == (
        2,
        "songngu: error: give --corpus FILE with Vietnamese sentences to build the shortlist "
        "from (or --remove to delete it)\n",
    )
    small = _run(
        "shortlist", "translate-vi_en-1_9", "--corpus", str(_corpus(tmp_path, 30)),
        packages=packages,
    )  # fmt: skip
    assert (small.returncode, small.stderr) == (
        2,
        "songngu: error: the corpus has 30 distinct sentences; a shortlist needs at least 50 "
        "(one in five is kept aside to measure it)\n",
    )
    unknown = _run("shortlist", "nope", "--remove", packages=packages)
    assert unknown.returncode == 2
    assert unknown.stderr.startswith("songngu: error: no package named 'nope' is installed")
    assert unknown.stderr.count("\n") == 1
