"""The Review page on a 10,000-segment SQLite project: server time and time in a browser.

One document of N segments (Tatoeba pairs, CC-BY 2.0 FR, tatoeba.org via manythings.org,
numbered so each source is distinct) whose targets are MT drafts with scores, in a fresh
SONGNGU_HOME. Three actions, each measured a few times (medians, and the worst):

- opening the Review page (the first page of SONGNGU_REVIEW_PAGE_SIZE rows, 100 unless
  set, and the side editor);
- moving to the next page of the list;
- saving an edit from the side editor (one version-guarded write, QA on the new text).
- and once, a process's first save a few seconds after opening the page (QA's kept units
  of the project forgotten before: the Review page has them read in the background).

Server time: the page script run by Streamlit's AppTest, which runs the whole page script
for every interaction (in the app a page move or a save inside the list's fragment reruns
only the fragment), so it is an upper bound of the server's work. Browser time: `songngu
app` driven by Playwright with Debian's Chromium (as tests/ui/test_ui_browser.py launches
it), from the click until the browser shows the result and Streamlit is idle, with the CPU
time the app's server process and the browser's processes spent meanwhile (read from /proc:
on a shared machine the wall times move with the neighbours' load, the CPU times much less).

Run: .venv/bin/python -m benchmarks.ui_speed [--segments N] [--repeats K] [--no-browser]
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks import CORPUS

BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]
REVIEW_SCRIPT = "import importlib\nimportlib.import_module('ui.pages.review').render()\n"
PASSWORD = "bench password 1"
READ_PAUSE = 5.0  # seconds between opening the page and the first save


def _pairs(count: int) -> list[tuple[str, str]]:
    rows = [line.split("\t")[:2] for line in CORPUS.read_text("utf-8").splitlines() if "\t" in line]
    return [
        (f"{rows[i % len(rows)][0]} ({i})", f"{rows[i % len(rows)][1]} ({i})") for i in range(count)
    ]


def _build(segment_count: int) -> tuple[int, list[int]]:
    """The project in the configured SONGNGU_HOME; its id and segment ids."""
    from songngu_testing import seed_project

    from primitives.statuses import Origin, Status
    from workflow.models import Segment
    from workflow.storage import open_database
    from workflow.users import OPERATOR, add_user

    database = open_database()
    pairs = _pairs(segment_count)
    project_id, ids = seed_project(database, [source for source, _ in pairs], name="Bench")
    with database.write() as session:
        add_user(session, OPERATOR, "admin", "admin", PASSWORD)
        for index, (segment_id, (_, target)) in enumerate(zip(ids, pairs, strict=True)):
            segment = session.get(Segment, segment_id)
            segment.target, segment.status = target, int(Status.DRAFT)
            segment.origin, segment.score = int(Origin.MT), 0.3 + (index % 7) / 10
            segment.flags = {"mt": ["repetition"]} if index % 13 == 0 else {}
    return project_id, ids


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _summary(times: list[float]) -> dict[str, float]:
    return {
        "median_s": round(statistics.median(times), 3),
        "max_s": round(max(times), 3),
        "runs": len(times),
    }


def _first_save(app: Any) -> dict[str, float]:
    """A process's first save, READ_PAUSE seconds after opening the page: QA's kept units
    of the project forgotten first, as in a server that has just started."""
    from workflow.qa.project_index import forget_project_indexes

    forget_project_indexes()
    app.run()
    time.sleep(READ_PAUSE)  # the reviewer reads the page and types
    segment_id = app.selectbox(key="side_segment").value
    app.text_area(key=f"side-{segment_id}-1").input("A first edited target.")
    cpu, wall = time.process_time(), time.perf_counter()
    app.button(key="side_save").click().run()
    assert not app.exception and app.success, (app.exception, app.error)
    return {
        "wall_s": round(time.perf_counter() - wall, 3),
        "cpu_s": round(time.process_time() - cpu, 3),
    }


def server_times(project_id: int, repeats: int) -> dict[str, Any]:
    from songngu_testing.app_sessions import signed_in_as
    from streamlit.testing.v1 import AppTest

    from ui.auth import AUTH
    from workflow.segments import get_segment
    from workflow.storage import open_database

    def review() -> AppTest:
        app = AppTest.from_string(REVIEW_SCRIPT, default_timeout=120)
        app.session_state["lang"] = "vi"
        app.session_state[AUTH] = signed_in_as("admin")
        app.session_state["project_id"] = project_id
        return app

    first_open = _timed(review().run)  # imports and cold caches: reported on its own
    first_save = _first_save(review())
    times: dict[str, list[float]] = {
        f"{action}_{kind}": [] for action in ("open", "next_page", "save") for kind in ("s", "cpu")
    }

    def measured(action: str, run: Callable[[], object]) -> None:
        cpu = time.process_time()  # AppTest runs the script in a thread of this process
        times[f"{action}_s"].append(_timed(run))
        times[f"{action}_cpu"].append(time.process_time() - cpu)

    for turn in range(repeats):
        app = review()
        measured("open", app.run)
        assert not app.exception, app.exception
        measured("next_page", app.button(key="review_next").click().run)
        assert not app.exception, app.exception
        segment_id = app.selectbox(key="side_segment").value
        with open_database().read() as session:
            version = get_segment(session, segment_id).version
        app.text_area(key=f"side-{segment_id}-{version}").input(f"An edited target ({turn}).")
        measured("save", app.button(key="side_save").click().run)
        assert not app.exception and app.success, (app.exception, app.error)
    return {"first_open_s": round(first_open, 3), "first_save": first_save} | {
        name: _summary(values) for name, values in times.items()
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def _app(env: dict[str, str]) -> Iterator[tuple[str, int]]:
    """`songngu app` on a free port: its URL and the process id of its process group."""
    port = _free_port()
    server = subprocess.Popen(
        [shutil.which("songngu") or ".venv/bin/songngu", "app", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        yield url, server.pid
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)


def _cpu_seconds(root: int, skip: frozenset[int] = frozenset()) -> float:
    """CPU time (user + system) of the live processes under `root` (not `root` itself),
    leaving out the subtrees of `skip`: read from /proc, the machine being shared, so that
    what the app and the browser spent is told apart from the neighbours' load."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        times[pid] = (int(fields[11]) + int(fields[12])) / tick
    total = 0.0
    for pid in times:
        ancestor = parents.get(pid, 0)
        while ancestor and ancestor != root and ancestor not in skip:
            ancestor = parents.get(ancestor, 0)
        if ancestor == root and pid not in skip:
            total += times[pid]
    return total


def _row_button(segment_id: int) -> re.Pattern[str]:
    """A row's open button: its label starts with "✎ <id>" (marks may follow)."""
    return re.compile(rf"^✎ {segment_id}\b")


def _settle(page: Any) -> None:
    """Streamlit idle: no running indicator, no element left stale from the previous run."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]') && "
        "!document.querySelector('[data-stale=\"true\"]')"
    )


def browser_times(ids: list[int], repeats: int, env: dict[str, str]) -> dict[str, Any]:
    """Wall time of each action in Chromium until its result is shown ("shown") and until
    the app is idle with nothing stale left ("wall"), and the CPU time the app's server
    and the browser (Chromium and Playwright's driver) spent until then."""
    from playwright.sync_api import sync_playwright

    from workflow.review_filter import page_size

    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("Chromium is not installed (apt-get install chromium)")
    times: dict[str, dict[str, list[float]]] = {
        action: {"shown": [], "wall": [], "server_cpu": [], "browser_cpu": []}
        for action in ("open", "next_page", "save")
    }
    second = ids[page_size()]  # the first row of the list's second page
    with _app(env) as (url, server_pid), sync_playwright() as playwright:
        me = os.getpid()

        def measured(click: Callable[[], object], result: Any) -> dict[str, float]:
            server, browser = _cpu_seconds(server_pid), _cpu_seconds(me, frozenset({server_pid}))
            started = time.perf_counter()
            click()
            result.wait_for()
            shown = time.perf_counter() - started
            _settle(page)
            return {
                "shown": shown,
                "wall": time.perf_counter() - started,
                "server_cpu": _cpu_seconds(server_pid) - server,
                "browser_cpu": _cpu_seconds(me, frozenset({server_pid})) - browser,
            }

        browser = playwright.chromium.launch(executable_path=chromium, args=BROWSER_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(120_000)
        page.goto(url)
        page.get_by_label("Tên đăng nhập").fill("admin")
        page.get_by_label("Mật khẩu", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập", exact=True).click()
        page.get_by_text("Đang đăng nhập: admin").first.wait_for()
        _settle(page)
        for turn in range(repeats + 1):  # the first turn warms the server's caches
            page.get_by_text("Dự án").first.click()
            _settle(page)

            opened = measured(
                page.get_by_text("Biên dịch & duyệt").first.click,
                page.get_by_role("button", name=_row_button(ids[0])),
            )
            moved = measured(
                page.get_by_role("button", name="Sau →").click,
                page.get_by_role("button", name=_row_button(second)),
            )
            page.get_by_label("Bản dịch (tiếng Anh)").fill(f"A target edited in Chromium ({turn}).")
            saved = measured(
                page.get_by_role("button", name="Lưu", exact=True).click,
                page.get_by_text(f"Đã lưu câu {second}").first,
            )
            if turn:
                for action, figures in (("open", opened), ("next_page", moved), ("save", saved)):
                    for kind, value in figures.items():
                        times[action][kind].append(value)
            page.get_by_role("button", name="← Trước").click()
            _settle(page)
        page.screenshot(path=str(Path(tempfile.gettempdir()) / "ui_speed_review.png"))
        browser.close()
    return {
        action: {kind: _summary(values) for kind, values in figures.items()}
        for action, figures in times.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true")
    options = parser.parse_args()
    # AppTest's bare-mode warnings ("missing ScriptRunContext") would bury the figures.
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as home:
        os.environ["SONGNGU_HOME"] = home
        os.environ["SONGNGU_LANG"] = "vi"
        started = time.perf_counter()
        project_id, ids = _build(options.segments)
        print(
            f"cores: {os.cpu_count()}; {len(ids):,} segments built in "
            f"{time.perf_counter() - started:.1f} s; load {os.getloadavg()[0]:.1f}"
        )
        print("server (AppTest, whole page script):", server_times(project_id, options.repeats))
        if not options.no_browser:
            env = {**os.environ, "SONGNGU_HOME": home, "SONGNGU_LANG": "vi"}
            print("browser (Chromium):", browser_times(ids, options.repeats, env))
        print(f"load after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
