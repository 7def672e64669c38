"""Test tooling only: stop a songngu process at an exact point, for the kill -9 tests.

Never installed with songngu and never imported by it: a test puts this folder first on
PYTHONPATH of the `songngu` process it starts, so Python's `site` imports it at start-up.
Without SONGNGU_TEST_PAUSE_AT it does nothing. With it, the process stops (sleeps) at the
point the variable names, after writing the file named by SONGNGU_TEST_PAUSE_MARKER, so
the test knows where the process is when it sends SIGKILL:

- ``sql:TEXT:N`` — before the N-th SQL statement that contains TEXT (e.g.
  ``sql:UPDATE segments:3``), inside whatever transaction is open then; steps joined by
  `` then `` count one after the other (``sql:UPDATE jobs:6 then sql:INSERT INTO
  revisions:1``: the first revision written after the sixth progress report), so a point
  does not depend on how many statements a database driver batches into one;
- ``call:MODULE.NAME:N:before`` / ``:after`` — before, or just after, the N-th call of a
  module-level function (e.g. ``call:os.replace:1:before``).

A stopped process sleeps at most SONGNGU_TEST_PAUSE_SECONDS (60 by default), then exits
with status 99, so a test that fails to kill it leaves nothing running.
"""

from __future__ import annotations

import importlib
import os
import sys
import time
from pathlib import Path
from typing import Any

_SPEC = os.environ.get("SONGNGU_TEST_PAUSE_AT", "")


def _stop(where: str) -> None:
    marker = os.environ.get("SONGNGU_TEST_PAUSE_MARKER")
    if marker:
        Path(marker).write_text(where, encoding="utf-8")
    time.sleep(float(os.environ.get("SONGNGU_TEST_PAUSE_SECONDS", "60")))
    os._exit(99)


def _pause_before_sql(steps: list[tuple[str, int]]) -> None:
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    step, seen = 0, 0

    def before_cursor_execute(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        nonlocal step, seen
        text, nth = steps[step]
        if text in statement:
            seen += 1
            if seen == nth:
                if step == len(steps) - 1:
                    _stop(f"sql {text!r} #{nth}")
                step, seen = step + 1, 0

    event.listen(Engine, "before_cursor_execute", before_cursor_execute)


def _pause_at_call(target: str, nth: int, when: str) -> None:
    module_name, _, name = target.rpartition(".")
    module = importlib.import_module(module_name)
    original = getattr(module, name)
    seen = 0

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        nonlocal seen
        seen += 1
        if seen == nth and when == "before":
            _stop(f"before {target} #{nth}")
        result = original(*args, **kwargs)
        if seen == nth and when == "after":
            _stop(f"after {target} #{nth}")
        return result

    setattr(module, name, wrapper)


def _install(spec: str) -> None:
    kind, _, rest = spec.partition(":")
    if kind == "sql":
        steps = []
        for part in spec.split(" then "):
            text, _, nth = part.removeprefix("sql:").rpartition(":")
            steps.append((text, int(nth)))
        _pause_before_sql(steps)
    elif kind == "call":
        target, nth, when = rest.split(":")
        _pause_at_call(target, int(nth), when)
    else:
        sys.exit(f"SONGNGU_TEST_PAUSE_AT={spec!r}: expected sql:TEXT:N or call:NAME:N:WHEN")


if _SPEC:
    _install(_SPEC)
