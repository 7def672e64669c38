"""Stored glossary speed on SQLite: import, list, search, export and the cached matcher.

The editor asks for the project's matcher on every rerun. ``project_matcher`` answers from
a cache keyed by a one-query fingerprint; this measures that against rebuilding the
matcher from the database (what the editor would do without the cache), in the same run,
with 10,000 stored terms (the synthetic glossary of benchmarks.glossary_speed: Tatoeba
n-grams, CC-BY 2.0 FR, Tatoeba/manythings, plus the shipped official names). Run:

    .venv/bin/python -m benchmarks.glossary_store [--terms 10000]
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def _timed(function: Callable[[], T], repeat: int = 1) -> tuple[float, float, T]:
    """(best wall seconds, CPU seconds of that run, result) over repeat runs."""
    best: tuple[float, float, T] | None = None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = function()
        measured = (time.perf_counter() - wall, time.process_time() - cpu, result)
        if best is None or measured[0] < best[0]:
            best = measured
    assert best is not None
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--terms", type=int, default=10_000)
    args = parser.parse_args()
    os.environ["SONGNGU_HOME"] = tempfile.mkdtemp(prefix="songngu-glossary-bench-")

    # Imported after SONGNGU_HOME is set: settings are read at first use.
    from benchmarks.glossary_speed import _sentences, make_glossary
    from workflow.glossary.matcher import TermMatcher
    from workflow.glossary.store import (
        effective_entries,
        export_glossary,
        import_terms,
        list_terms,
        project_matcher,
    )
    from workflow.projects import create_project, get_project
    from workflow.storage import open_database
    from workflow.users import OPERATOR

    database = open_database()
    with database.write() as session:
        create_project(session, OPERATOR, "Bench")
    # The shipped names come with the project anyway: store only the synthetic terms.
    entries = make_glossary(_sentences(), args.terms + 172, random.Random(20251127))[172:]

    def run_import() -> str:
        with database.write() as session:
            actor, project = OPERATOR, get_project(session, "Bench")
            return import_terms(session, actor, project, entries, scope="project").summary()

    rows: list[tuple[str, float, float, str]] = []
    wall, cpu, summary = _timed(run_import)
    rows.append((f"import {len(entries):,} new terms (one transaction)", wall, cpu, summary))
    wall, cpu, summary = _timed(run_import)
    rows.append(("import the same file again", wall, cpu, summary))

    def read(function: Callable[..., T]) -> Callable[[], T]:
        def run() -> T:
            with database.read() as session:
                return function(session, get_project(session, "Bench"))

        return run

    for label, function in (
        ("list all stored terms", lambda s, p: len(list_terms(s, p))),
        ("search 'uy ban' (no diacritics)", lambda s, p: len(list_terms(s, p, search="uy ban"))),
        ("effective glossary (shipped + stored)", lambda s, p: len(effective_entries(s, p))),
        ("export effective glossary as CSV", lambda s, p: len(export_glossary(s, OPERATOR, p))),
        (
            "export effective glossary as TBX",
            lambda s, p: len(export_glossary(s, OPERATOR, p, file_format="tbx")),
        ),
    ):
        wall, cpu, result = _timed(read(function), repeat=3)
        rows.append((label, wall, cpu, f"{result:,}"))

    rebuild = read(lambda s, p: TermMatcher(effective_entries(s, p)).entry_count)
    wall, cpu, count = _timed(rebuild, repeat=3)
    rows.append(("editor rerun without cache: rebuild matcher from DB", wall, cpu, f"{count:,}"))
    _timed(read(project_matcher))  # fill the cache
    wall, cpu, matcher = _timed(read(project_matcher), repeat=20)
    rows.append(("editor rerun with project_matcher (cache hit)", wall, cpu, "same"))
    assert matcher.entry_count == count

    print(f"cores (nproc): {len(os.sched_getaffinity(0))}; load average {os.getloadavg()[0]:.1f}")
    print(f"{'operation':<55} {'wall s':>8} {'CPU s':>8}  result")
    for label, wall, cpu, result in rows:
        print(f"{label:<55} {wall:>8.3f} {cpu:>8.3f}  {result}")


if __name__ == "__main__":
    main()
