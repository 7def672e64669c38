"""Stored TM: TMX import/export, the cached lookup index, exact matches for MT, propagation.

Uses a fresh SQLite database in a temporary folder. The memory is the tm_fuzzy benchmark's
(Tatoeba's Vietnamese column, CC-BY 2.0 FR, tatoeba.org via manythings.org/anki, put into
templates with names, places and numbers), written to TMX and imported through the store.
Measured in one run: import (new units, then the same file again: all duplicates), export,
the project index built cold, a warm lookup call (fingerprint unchanged), bringing the
cached index up to date after one reviewed segment (incremental add) against a full
rebuild, exact_tm_targets for one MT chunk of 64 keys, and a confirmation that propagates
to repeated segments.

Run: .venv/bin/python -m benchmarks.tm_store [--units N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from songngu_testing import seed_project

from benchmarks.tm_fuzzy import build_data
from primitives.statuses import Status
from primitives.text_keys import match_key
from workflow.projects import get_project
from workflow.segments import get_segment, save_and_confirm, set_status
from workflow.storage import Database
from workflow.tm.capture import repeats_filled
from workflow.tm.exact import exact_tm_targets
from workflow.tm.lookup import clear_index_cache, lookup, project_tm
from workflow.tm.model import TMUnit
from workflow.tm.tmx import write_tmx
from workflow.tm.tmx_io import export_tmx, import_tmx
from workflow.users import OPERATOR

REPEATS = 200


def _timed(action: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def _median_ms(action: Callable[[], object], runs: int) -> float:
    times = [_timed(action)[0] for _ in range(runs)]
    return 1000 * statistics.median(times)


def run(unit_count: int) -> dict[str, float]:
    memory, queries = build_data(unit_count, 64)
    units = [
        TMUnit(source=u.source, target=f"Translation {i}.", created_at="2024-01-01T00:00:00Z")
        for i, u in enumerate(memory)
    ]
    data = write_tmx(units, tool_version="bench")
    figures: dict[str, float] = {"units": unit_count, "tmx_mib": len(data) / 2**20}
    with tempfile.TemporaryDirectory() as folder:
        database = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
        database.migrate()
        database.seed()
        repeated = "Hội nghị thường niên bắt đầu lúc 9 giờ sáng."
        _, ids = seed_project(
            database, ["Mở đầu.", *queries[:8], *[repeated] * (REPEATS + 1)], name="Bench"
        )

        def import_file() -> object:
            with database.write() as session:
                admin = OPERATOR
                return import_tmx(session, admin, get_project(session, "Bench"), data, "b.tmx")

        figures["import_s"], outcome = _timed(import_file)
        assert outcome.added == unit_count, outcome.summary()  # type: ignore[attr-defined]
        figures["reimport_s"], again = _timed(import_file)
        assert again.duplicates == unit_count  # type: ignore[attr-defined]
        with database.read() as session:
            project, admin = get_project(session, "Bench"), OPERATOR
            figures["export_s"], exported = _timed(lambda: export_tmx(session, admin, project))
            figures["export_mib"] = len(exported) / 2**20  # type: ignore[arg-type]
            clear_index_cache()
            figures["index_cold_s"], _ = _timed(lambda: project_tm(session, project))
            figures["warm_call_ms"] = _median_ms(lambda: project_tm(session, project), 50)
            figures["lookup_ms"] = _median_ms(
                lambda: lookup(session, project, queries[len(queries) // 2]), 50
            )
            keys = [match_key(u.source) for u in units[:: max(1, unit_count // 64)]][:64]
            figures["exact_64_keys_ms"] = _median_ms(
                lambda: exact_tm_targets(session, project, keys), 20
            )
        # One segment reviewed: a new unit; the cached index is brought up to date by add().
        with database.write() as session:
            admin = OPERATOR
            version = get_segment(session, ids[0]).version
            save_and_confirm(session, admin, ids[0], "Opening.", expected_version=version)
            set_status(session, admin, ids[0], Status.REVIEWED)
        with database.read() as session:
            project = get_project(session, "Bench")
            figures["incremental_s"], _ = _timed(lambda: project_tm(session, project))
            clear_index_cache()
            figures["rebuild_s"], _ = _timed(lambda: project_tm(session, project))
        # Confirming one of the repeated segments fills the others in the same transaction.
        first_repeat = ids[9]

        def confirm() -> object:
            with database.write() as session:
                admin = OPERATOR
                change = save_and_confirm(
                    session, admin, first_repeat, "The annual meeting starts at 9 am.",
                    expected_version=1,
                )  # fmt: skip
                return repeats_filled(change)

        figures["confirm_propagate_s"], filled = _timed(confirm)
        figures["propagated"] = float(filled)  # type: ignore[arg-type]
        database.dispose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=50_000)
    arguments = parser.parse_args()
    figures = run(arguments.units)
    print(f"nproc = {os.cpu_count()}, load average {os.getloadavg()[0]:.1f}")
    for name, value in figures.items():
        print(f"{name:22} {value:10.3f}")


if __name__ == "__main__":
    main()
