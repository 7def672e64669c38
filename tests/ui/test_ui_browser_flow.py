"""The main path of issue 12 in one run of Debian's Chromium against `songngu app`.

First run (admin created) → project → DOCX upload → machine translation with the tiny test
model → the Review grid's ✎, edit and the keyboard flow (Ctrl+Enter, Alt+↓/↑) → a stale
edit refused with both texts → an editor added, signed in, approving → the target DOCX
downloaded and read back → English and the signed-in user kept across pages. Each step
leaves a screenshot in tests/artifacts/flow-*.png (git-ignored), so a failure can be seen.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from songngu_testing import SONGNGU, TEST_PASSWORD
from test_ui_browser import ARTIFACTS, CHROMIUM_ARGS, _serving, _settle, _sign_in

STEP_TIMEOUT_MS = 60_000  # per step: the machine is small and shared (load 15 on 2 cores)
PROJECT = "Hội thảo Đà Nẵng"
SOURCES = [
    "Thành phố Đà Nẵng tổ chức hội thảo chuyển đổi số năm 2026.",
    "Hội thảo có sự tham gia của nhiều doanh nghiệp trong nước.",
    "Các đại biểu thảo luận về dữ liệu mở và dịch vụ công trực tuyến.",
    "Ban tổ chức cảm ơn các đối tác đã hỗ trợ sự kiện.",
]
EDITED = "Da Nang city holds a digital transformation workshop in 2026."


def _paragraphs_docx(paragraphs: list[str]) -> bytes:
    """A DOCX as Word writes it (python-docx's template: styles, settings, content types),
    so the target DOCX built from it opens in Word and in python-docx alike."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


@pytest.fixture
def fresh_server(tmp_path: Path, tiny_package_file: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """No account, no project: the app's first run; the tiny vi→en model is installed."""
    with _serving(tmp_path, with_account=False, with_demo=False, model=tiny_package_file) as served:
        yield served


@pytest.fixture
def browser():  # type: ignore[no-untyped-def]
    import shutil

    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Chromium is not installed: run .ci/run or apt-get install chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([SONGNGU, *args], env=env, capture_output=True, text=True, check=True)
    return done.stdout


def _segments(env: dict[str, str]) -> list[dict]:
    out = _cli(env, "segments", PROJECT, "--format", "jsonl")
    return [json.loads(line) for line in out.splitlines()]


class _Steps:
    """Numbered screenshots of one run."""

    def __init__(self, page) -> None:  # type: ignore[no-untyped-def]
        self.page = page
        self.number = 0
        ARTIFACTS.mkdir(exist_ok=True)
        for old in ARTIFACTS.glob("flow-*.png"):
            old.unlink()

    def shot(self, name: str) -> None:
        self.number += 1
        path = ARTIFACTS / f"flow-{self.number:02d}-{name}.png"
        self.page.screenshot(path=str(path), full_page=True)


def _go(page, menu_label: str, heading: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_test_id("stSidebar").get_by_text(menu_label, exact=True).first.click()
    _settle(page)
    page.get_by_role("heading", name=heading, exact=True).wait_for()
    _settle(page)


def _side_source(page, text: str) -> None:  # type: ignore[no-untyped-def]
    """The side editor shows the segment whose source is text."""
    page.get_by_test_id("stText").filter(has_text=text).first.wait_for()


def _target_area(page):  # type: ignore[no-untyped-def]
    return page.get_by_label("Bản dịch (tiếng Anh)", exact=True)


def test_the_whole_flow_in_the_browser(fresh_server, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url, env = fresh_server
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    steps = _Steps(page)
    try:
        page.goto(url)
        _flow(page, env, steps, tmp_path)
    except Exception:
        steps.shot("failed")  # what the page showed when a step broke
        raise
    finally:
        context.close()


def _flow(page, env: dict[str, str], steps: _Steps, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # 1. First run: the admin account, signed in at once.
    _settle(page)
    page.get_by_role("heading", name="Chào mừng đến với songngu").wait_for()
    page.get_by_label("Tên đăng nhập").fill("thu")
    page.get_by_label("Mật khẩu", exact=True).fill(TEST_PASSWORD)
    page.get_by_label("Nhập lại mật khẩu").fill(TEST_PASSWORD)
    steps.shot("first-run")
    page.get_by_role("button", name="Tạo quản trị viên").click()
    page.get_by_role("button", name="Tạo quản trị viên").wait_for(state="detached")
    _settle(page)
    page.get_by_text("Đang đăng nhập: thu (quản trị viên)").wait_for()
    # 2. Sign out and in again, as the admin will on any later day.
    page.get_by_role("button", name="Đăng xuất").click()
    _settle(page)
    _sign_in(page, "thu")
    page.get_by_role("heading", name="Dự án", exact=True).wait_for()
    steps.shot("signed-in")

    # 3. A project.
    page.get_by_label("Tên dự án").fill(PROJECT)
    page.get_by_role("button", name="Tạo", exact=True).click()
    _settle(page)
    page.get_by_text(f"Đã tạo dự án {PROJECT}.").or_(
        page.get_by_test_id("stDataFrame").filter(has_text=PROJECT)
    ).first.wait_for()
    steps.shot("project-created")
    assert PROJECT in _cli(env, "project", "list", "--format", "jsonl")

    # 4. A DOCX of a few paragraphs, uploaded on the Source page.
    source_file = tmp_path / "hoi-thao.docx"
    source_file.write_bytes(_paragraphs_docx(SOURCES))
    _go(page, "Văn bản nguồn", "Nhập văn bản nguồn")
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(str(source_file))
    _settle(page)
    page.get_by_test_id("stDataFrame").first.wait_for()  # the segmentation preview
    page.get_by_role("button", name="Nhập", exact=True).click()
    _settle(page)
    page.get_by_text(re.compile(r"Đã nhập hoi-thao")).first.wait_for()
    steps.shot("imported")
    segments = _segments(env)
    assert [s["source"] for s in segments] == SOURCES

    # 5. Machine translation with the tiny model.
    _go(page, "Dịch máy", "Dịch máy")
    page.get_by_role("button", name="Dịch máy", exact=True).click()
    page.get_by_text("xong").first.wait_for(timeout=120_000)  # "Lần dịch 1 xong: …"
    _settle(page)
    steps.shot("translated")
    segments = _segments(env)
    assert all(s["origin"] == "mt" and s["status"] == "draft" and s["target"] for s in segments)

    # 6. Review: a row's ✎ opens it beside the grid; Ctrl+Enter confirms, opens the next.
    _go(page, "Biên dịch & duyệt", "Biên dịch và duyệt")
    page.get_by_role("button").filter(has_text="✎").first.click()
    _settle(page)
    _side_source(page, SOURCES[0])
    area = _target_area(page)
    area.fill(EDITED)
    area.press("Control+Enter")
    _settle(page)
    _side_source(page, SOURCES[1])
    steps.shot("confirmed-and-next")
    first = _segments(env)[0]
    assert (first["target"], first["status"]) == (EDITED, "translated")
    # Alt+↓ and Alt+↑ from the text area move the side editor down and back up.
    _target_area(page).click()
    _target_area(page).press("Alt+ArrowDown")
    _settle(page)
    _side_source(page, SOURCES[2])
    steps.shot("alt-down")
    _target_area(page).click()
    _target_area(page).press("Alt+ArrowUp")
    _settle(page)
    _side_source(page, SOURCES[1])
    steps.shot("alt-up")

    # 7. Someone else saves segment 2 meanwhile: my save is refused, both texts shown.
    second = _segments(env)[1]
    _cli(env, "edit", PROJECT, str(second["id"]), "--target", "Their version")
    _target_area(page).fill("My version")
    page.get_by_role("button", name="Lưu", exact=True).click()
    _settle(page)
    dialog = page.get_by_role("dialog")
    dialog.wait_for()
    dialog.get_by_text("Giữ bản của tôi").wait_for()
    texts = [dialog.get_by_test_id("stTextArea").nth(i).locator("textarea") for i in (0, 1)]
    assert sorted(t.input_value() for t in texts) == ["My version", "Their version"]
    steps.shot("conflict")
    dialog.get_by_role("button", name="Huỷ").click()
    _settle(page)
    assert _segments(env)[1]["target"] == "Their version"

    # 8. An editor, added on the Users page.
    _go(page, "Người dùng", "Người dùng và vai trò")
    add = page.get_by_test_id("stForm").filter(has_text="Thêm người dùng")
    add.get_by_label("Tên đăng nhập").fill("lan")
    add.get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name="biên tập viên").click()
    add.get_by_label("Mật khẩu", exact=True).fill(TEST_PASSWORD)
    add.get_by_label("Nhập lại mật khẩu").fill(TEST_PASSWORD)
    add.get_by_role("button", name="Thêm", exact=True).click()
    _settle(page)
    page.get_by_text("Đã thêm lan.").wait_for()
    steps.shot("editor-added")
    users = {
        u["name"]: u["role"]
        for u in map(json.loads, _cli(env, "user", "list", "--format", "jsonl").splitlines())
    }
    assert users == {"thu": "admin", "lan": "editor"}

    # 9. The editor signs in and accepts, then approves, the confirmed segment.
    page.get_by_role("button", name="Đăng xuất").click()
    _settle(page)
    _sign_in(page, "lan")
    page.get_by_text("Đang đăng nhập: lan (biên tập viên)").wait_for()
    _go(page, "Biên dịch & duyệt", "Biên dịch và duyệt")
    page.get_by_role("button").filter(has_text="✎").first.click()
    _settle(page)
    _side_source(page, SOURCES[0])
    page.get_by_role("button", name="Chấp nhận (đã duyệt)").click()
    _settle(page)
    page.get_by_role("button", name="Phê duyệt", exact=True).click()
    _settle(page)
    page.get_by_role("button", name="Mở khoá để sửa").wait_for()  # approved: only reopen
    steps.shot("approved")
    assert _segments(env)[0]["status"] == "approved"

    # 10. Export: the target DOCX, the rest kept in Vietnamese, downloaded and read back.
    _go(page, "Xuất bản", "Xuất bản dịch")
    # The DOCX format's pending-segments choice is the page's only radio; its Build button
    # is found by its widget key (Streamlit puts it in the container's class).
    page.get_by_role("radiogroup").get_by_text("Giữ câu tiếng Việt").click()
    _settle(page)
    page.locator(".st-key-export-prepare-docx").get_by_role("button", name="Tạo tệp").click()
    _settle(page)
    download_button = (
        page.get_by_test_id("stDownloadButton")
        .filter(has_text=re.compile(r"Tải xuống .*\.docx"))
        .first
    )
    with page.expect_download() as caught:
        download_button.click()
    downloaded = tmp_path / caught.value.suggested_filename
    assert downloaded.suffix == ".docx"
    caught.value.save_as(downloaded)
    steps.shot("exported")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(downloaded.read_bytes())).paragraphs)
    assert EDITED in text
    assert SOURCES[1] in text  # not approved: kept in Vietnamese, as chosen

    # 11. English, then other pages: the labels stay English, lan stays signed in.
    sidebar = page.get_by_test_id("stSidebar")
    # The selectbox shows its value in an input, so it is found by its label.
    sidebar.get_by_test_id("stSelectbox").filter(has_text="Ngôn ngữ giao diện").click()
    page.get_by_role("option", name="English").click()
    _settle(page)
    sidebar.get_by_text("Signed in as lan (editor)").wait_for()
    page.get_by_role("heading", name="Export", exact=True).wait_for()
    steps.shot("english")
    for menu_label, heading in (("Review", "Translate and review"), ("Projects", "Projects")):
        _go(page, menu_label, heading)
        sidebar.get_by_text("Signed in as lan (editor)").wait_for()
        sidebar.get_by_test_id("stSelectbox").filter(has_text="Interface language").wait_for()
        assert page.get_by_text("Đang đăng nhập").count() == 0
    steps.shot("english-kept")
