"""`songngu app` from a wheel installed like a user's: no checkout on the import path.

The app's router is found through importlib in the installed ui package, and the schema,
demo and partner data ship as package data; an editable install (what the other tests
use) would hide a file the wheel forgets.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
from songngu_testing import REPO

PACKAGES = ("primitives", "workflow", "translation", "exporters", "cli", "ui")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pip(*args: str, cwd: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pip", *args, "--quiet", "--no-deps"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr


def _build_wheel(tmp_path: Path) -> Path:
    """A wheel of the working tree, built from a copy so the checkout gets no build/."""
    source = tmp_path / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in PACKAGES:
        shutil.copytree(REPO / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    _pip("wheel", "--wheel-dir", str(tmp_path / "dist"), str(source), cwd=tmp_path)
    (wheel,) = (tmp_path / "dist").glob("songngu-*.whl")
    return wheel


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=2) as response:
        return response.status, response.read().decode("utf-8", "replace")


def test_songngu_app_starts_from_an_installed_wheel(tmp_path: Path) -> None:
    wheel = _build_wheel(tmp_path)
    names = zipfile.ZipFile(wheel).namelist()
    assert "ui/app.py" in names and "workflow/data/demo_report.md" in names
    assert "ui/launch/streamlit_app.py" in names  # what songngu app runs
    assert not [n for n in names if n.startswith(("tests/", "benchmarks/")) or "synthetic" in n]

    target = tmp_path / "installed"
    _pip("install", "--target", str(target), str(wheel), cwd=tmp_path)
    outside = tmp_path / "elsewhere"  # the working directory: not the checkout
    outside.mkdir()
    env = {
        **os.environ,
        "PYTHONPATH": str(target),  # ahead of the editable install's finder
        "SONGNGU_HOME": str(tmp_path / "home"),
        "ARGOS_PACKAGES_DIR": str(tmp_path / "argos-packages"),
    }
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import cli.commands.app as app, ui, workflow; "
            "print(app.__file__); print(app.APP_FILE); print(ui.__file__); print(workflow.__file__)",
        ],
        env=env,
        cwd=outside,
        capture_output=True,
        text=True,
        check=True,
    )
    paths = [Path(line) for line in probe.stdout.splitlines()]
    assert len(paths) == 4 and all(path.is_relative_to(target) for path in paths), paths
    songngu = str(target / "bin" / "songngu")
    demo = subprocess.run(
        [songngu, "demo"], env=env, cwd=outside, capture_output=True, text=True, timeout=60
    )
    assert demo.returncode == 0, demo.stderr  # migrations and demo data from the wheel

    port = _free_port()
    server = subprocess.Popen(
        [songngu, "app", "--port", str(port)],
        env=env,
        cwd=outside,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 40
        while True:
            try:
                status, body = _get(f"{url}/_stcore/health")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    output = server.stdout.read().decode() if server.stdout else ""
                    pytest.fail(f"songngu app did not start from the wheel:\n{output}")
                time.sleep(0.2)
        assert (status, body) == (200, "ok")
        status, page = _get(url)
        assert status == 200 and "<html" in page.lower() and 'id="root"' in page
        # The Streamlit process runs the router's launcher of the installed package.
        commands = [Path(f"/proc/{child}/cmdline").read_bytes() for child in _children(server.pid)]
        launcher = target / "ui" / "launch" / "streamlit_app.py"
        assert any(str(launcher).encode() in command for command in commands)
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=20)
