"""What every app test shares: a clean app database cache, and the page runner.

Pages run headless through Streamlit's AppTest: ``run_page("glossary", project_id,
user="tran", lang="vi")`` renders ui/pages/glossary.py once, as that user would see it
signed in (songngu_testing.app_sessions; the account must exist: songngu_testing.users).
Signing in itself is tested through its screens (test_ui_auth.py).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator

import pytest
from songngu_testing.app_sessions import signed_in_as
from streamlit.testing.v1 import AppTest

from ui.auth import AUTH

PageRunner = Callable[..., AppTest]


@pytest.fixture(autouse=True)
def fresh_app_database() -> Iterator[None]:
    """The app caches its Database per process; every test has its own SONGNGU_HOME."""
    from ui import state

    state.database.clear()
    yield
    state.database.clear()


@pytest.fixture(autouse=True)
def main_module_restored() -> Iterator[None]:
    """AppTest leaves its script as ``sys.modules["__main__"]``; a later test of the same
    worker that spawns processes (multiprocessing) would make each child run that page
    script again, outside Streamlit. Put the worker's own __main__ back."""
    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main


@pytest.fixture
def run_page() -> PageRunner:
    """A page's render() run once headless, for a project, acting user and language."""

    def run(
        page: str, project_id: int | None = None, *, user: str | None = "admin", lang: str = "en"
    ) -> AppTest:
        source = f"import importlib\nimportlib.import_module('ui.pages.{page}').render()\n"
        app = AppTest.from_string(source, default_timeout=30)
        app.session_state["lang"] = lang
        if user is not None:
            app.session_state[AUTH] = signed_in_as(user)
        if project_id is not None:
            app.session_state["project_id"] = project_id
        return app.run()

    return run
