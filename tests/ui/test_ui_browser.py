"""End to end in a real browser: Debian's Chromium driven by Playwright against `songngu app`."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from songngu_testing import SONGNGU, TEST_PASSWORD

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"  # screenshots, git-ignored


@contextmanager
def _serving(
    tmp_path: Path, *, with_account: bool, with_demo: bool = True, model: Path | None = None
) -> Iterator[tuple[str, dict[str, str]]]:
    """`songngu app` on a free port; with_demo seeds the demo project, with_account adds
    the admin account the tests sign in as (else the app shows its first run), model is a
    .argosmodel installed in that server's SONGNGU_HOME before it starts."""
    env = {
        **os.environ,
        "SONGNGU_HOME": str(tmp_path / "home"),
        "SONGNGU_LANG": "vi",
        "ARGOS_PACKAGES_DIR": str(tmp_path / "argos-packages"),
    }
    if with_demo:
        subprocess.run([SONGNGU, "demo"], env=env, check=True, capture_output=True)
    if model is not None:
        subprocess.run(
            [SONGNGU, "models", "install", str(model)], env=env, check=True, capture_output=True
        )
    if with_account:
        subprocess.run(
            [SONGNGU, "user", "add", "admin", "--role", "admin", "--password-stdin"],
            env=env,
            input=TEST_PASSWORD,
            text=True,
            check=True,
            capture_output=True,
        )
    port = _free_port()
    server = subprocess.Popen(
        [SONGNGU, "app", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("songngu app did not start within 30 s")
        yield url, env
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=20)


@pytest.fixture
def app_server(tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    with _serving(tmp_path, with_account=True) as served:
        yield served


@pytest.fixture
def first_run_server(tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    with _serving(tmp_path, with_account=False) as served:
        yield served


@pytest.fixture
def page():  # type: ignore[no-untyped-def]
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Chromium is not installed: run .ci/run or apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(90_000)  # CI machines are small and busy
        yield page
        browser.close()


def _settle(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_selector('[data-testid="stApp"]')
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stSkeleton\"]') && "
        "!document.querySelector('[data-testid=\"stStatusWidget\"]') && "
        "!document.querySelector('[data-stale=\"true\"]')"  # left from the previous run
    )


def _sign_in(page, name: str = "admin", password: str = TEST_PASSWORD) -> None:  # type: ignore[no-untyped-def]
    """Sign in on the Vietnamese sign-in screen the app shows first."""
    _settle(page)
    page.get_by_role("heading", name="Đăng nhập songngu").wait_for()
    page.get_by_label("Tên đăng nhập").fill(name)
    page.get_by_label("Mật khẩu", exact=True).fill(password)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    _settle(page)
    page.get_by_text(f"Đang đăng nhập: {name}").first.wait_for()


def _segments(env: dict[str, str]) -> list[dict]:
    projects = subprocess.run(
        [SONGNGU, "project", "list", "--format", "jsonl"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    name = json.loads(projects.stdout.splitlines()[0])["name"]
    out = subprocess.run(
        [SONGNGU, "segments", name, "--format", "jsonl"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return [json.loads(line) for line in out.stdout.splitlines()]


def test_translator_saves_and_confirms_in_the_browser(app_server, page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url, env = app_server
    page.goto(url)
    _sign_in(page)
    page.get_by_role("heading", name="Dự án", exact=True).wait_for()
    page.get_by_text("Biên dịch & duyệt").first.click()
    _settle(page)
    page.get_by_role("heading", name="Biên dịch và duyệt", exact=True).wait_for()
    first = _segments(env)[0]
    area = page.get_by_label("Bản dịch (tiếng Anh)")
    area.fill("Danang digital transformation workshop 2026")
    page.get_by_role("button", name="Lưu và xác nhận").click()
    _settle(page)
    page.get_by_text(f"Đã lưu câu {first['id']}").first.wait_for()
    page.screenshot(path=str(tmp_path / "review.png"), full_page=True)
    saved = _segments(env)[0]
    assert saved["target"] == "Danang digital transformation workshop 2026"
    assert saved["status"] == "translated"


def test_a_stale_edit_in_the_browser_shows_both_texts(app_server, page) -> None:  # type: ignore[no-untyped-def]
    url, env = app_server
    page.goto(url)
    _sign_in(page)
    page.get_by_text("Biên dịch & duyệt").first.click()
    _settle(page)
    first = _segments(env)[0]
    project = json.loads(
        subprocess.run(
            [SONGNGU, "project", "list", "--format", "jsonl"],
            env=env,
            capture_output=True,
            text=True,
        ).stdout.splitlines()[0]
    )["name"]
    # Someone else saves the segment after the page was drawn.
    subprocess.run(
        [SONGNGU, "edit", project, str(first["id"]), "--target", "Their version"],
        env=env,
        check=True,
    )
    page.get_by_label("Bản dịch (tiếng Anh)").fill("My version")
    page.get_by_role("button", name="Lưu", exact=True).click()
    _settle(page)
    # The refusal, not the "changed after you opened it" notice a rerun may show first.
    alert = page.get_by_text("đã sửa câu").filter(has_text="My version").first
    alert.wait_for()
    text = alert.inner_text()
    assert "Their version" in text and "My version" in text
    assert _segments(env)[0]["target"] == "Their version"


def test_machine_translation_from_the_browser(app_server, page, tiny_package_file) -> None:  # type: ignore[no-untyped-def]
    url, env = app_server
    # An admin installs the vi→en package with songngu's own installer, as a user would.
    subprocess.run([SONGNGU, "models", "install", str(tiny_package_file)], env=env, check=True)
    page.goto(url)
    _sign_in(page)
    page.get_by_text("Dịch máy").first.click()
    _settle(page)
    page.get_by_role("heading", name="Dịch máy").first.wait_for()
    page.get_by_role("button", name="Dịch máy", exact=True).click()
    page.get_by_text("xong").first.wait_for()  # "Lần dịch 1 xong: …"
    segments = _segments(env)
    assert segments and all(s["status"] == "draft" and s["origin"] == "mt" for s in segments)
    assert all(s["target"] and s["score"] is not None for s in segments)


def test_first_run_creates_the_admin_who_then_signs_in_again(first_run_server, page) -> None:  # type: ignore[no-untyped-def]
    url, env = first_run_server
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(url)
    _settle(page)
    page.get_by_role("heading", name="Chào mừng đến với songngu").wait_for()
    page.get_by_label("Tên đăng nhập").fill("thu")
    page.get_by_label("Tên hiển thị (không bắt buộc)").fill("Trần Thu")
    page.get_by_label("Mật khẩu", exact=True).fill(TEST_PASSWORD)
    page.get_by_label("Nhập lại mật khẩu").fill(TEST_PASSWORD)
    page.screenshot(path=str(ARTIFACTS / "auth-1-first-run.png"), full_page=True)
    page.get_by_role("button", name="Tạo quản trị viên").click()
    page.get_by_role("button", name="Tạo quản trị viên").wait_for(state="detached")
    _settle(page)
    page.get_by_role("heading", name="Dự án", exact=True).wait_for()
    page.get_by_text("Đang đăng nhập: thu (quản trị viên)").wait_for()
    page.screenshot(path=str(ARTIFACTS / "auth-2-signed-in.png"), full_page=True)
    users = subprocess.run(
        [SONGNGU, "user", "list", "--format", "jsonl"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    (account,) = [json.loads(line) for line in users.stdout.splitlines()]
    assert (account["name"], account["role"], account["state"]) == ("thu", "admin", "active")

    # The admin's own page, then another page: still signed in as thu.
    page.get_by_text("Người dùng", exact=True).first.click()
    _settle(page)
    page.get_by_role("heading", name="Người dùng và vai trò").wait_for()
    page.get_by_role("heading", name="Sửa một người dùng").wait_for()
    _settle(page)
    page.screenshot(path=str(ARTIFACTS / "auth-users-page.png"), full_page=True)
    page.get_by_text("Biên dịch & duyệt").first.click()
    _settle(page)
    page.get_by_role("heading", name="Biên dịch và duyệt", exact=True).wait_for()
    page.get_by_text("Đang đăng nhập: thu (quản trị viên)").wait_for()

    page.get_by_role("button", name="Đăng xuất").click()
    _settle(page)
    page.get_by_text("Bạn đã đăng xuất.").wait_for()
    page.get_by_label("Tên đăng nhập").fill("thu")
    page.get_by_label("Mật khẩu", exact=True).fill("not the password")
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    _settle(page)
    page.get_by_text("sai tên đăng nhập hoặc mật khẩu").wait_for()
    page.screenshot(path=str(ARTIFACTS / "auth-3-wrong-password.png"), full_page=True)
    _sign_in(page, "thu")
    page.get_by_role("heading", name="Biên dịch và duyệt", exact=True).wait_for()
    page.screenshot(path=str(ARTIFACTS / "auth-4-signed-in-again.png"), full_page=True)
