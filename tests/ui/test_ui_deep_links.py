"""Deep links in a real browser: opening a page's address directly (a bookmark, a link in
an e-mail) shows the sign-in screen, then that page, never a blank or "Page not found" one.

The first visit of a fresh server is a deep link on purpose: Streamlit treats a ``pages/``
folder beside the main script as old-style pages until the process's first st.navigation
call, which is why `songngu app` runs ui/launch/streamlit_app.py.
"""

from __future__ import annotations

import shutil

from test_ui_browser import ARTIFACTS, CHROMIUM_ARGS, _settle, _sign_in, app_server  # noqa: F401

from ui.strings import STRINGS

PAGES = {  # address → the page's title key, the first one opened on a fresh server
    "qa": "qa_header",
    "projects": "projects_header",
    "source": "source_header",
    "review": "review_header",
    "translate": "translate_header",
    "glossary": "glossary_header",
    "export": "export_header",
}


def test_each_page_opens_from_its_address(app_server) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from playwright.sync_api import sync_playwright

    url, _ = app_server
    ARTIFACTS.mkdir(exist_ok=True)
    chromium = shutil.which("chromium")
    assert chromium is not None, "Chromium is not installed: apt-get install chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for path, header in PAGES.items():
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()  # a new browser session: signed out
            page.set_default_timeout(90_000)
            page.goto(f"{url}/{path}")
            _sign_in(page)
            page.get_by_role("heading", name=STRINGS[header]["vi"], exact=True).wait_for()
            assert page.url.rstrip("/").endswith(f"/{path}")
            assert page.get_by_text("Page not found").count() == 0
            page.screenshot(path=str(ARTIFACTS / f"deep-link-{path}.png"), full_page=True)
            context.close()
        browser.close()
