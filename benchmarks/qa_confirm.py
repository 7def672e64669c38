"""Confirm-time QA and the "qa" job on a 10,000-segment project.

Uses a fresh SQLite database in a temporary folder. The project holds N segments made of
Tatoeba pairs (CC-BY 2.0 FR, tatoeba.org via manythings.org/anki), numbered so each
source is distinct, with their English targets as unconfirmed drafts; the first 20 pairs'
targets are left as the Vietnamese source (untranslated). Measured in one run:

- a save and confirm (one write transaction, as the editor makes it) with the QA
  subscribers listed, against the same with them taken off, alternated on fresh segments;
- what QA adds inside it: a unit's consistency index from the kept project units when
  nothing changed (the ids and versions read), after one edit elsewhere, and with nothing
  kept (every unit read and keyed); and the whole project's index from the kept units;
- the whole project checked by the "qa" job run inline (chunks of 250, guarded writes).

Run: .venv/bin/python -m benchmarks.qa_confirm [--segments N] [--confirms K]
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from songngu_testing import seed_project

from benchmarks import CORPUS
from primitives.units import Unit
from workflow import subscribers
from workflow.events import SegmentStatusChanged, SegmentTargetEdited
from workflow.jobs import JobState, get_job, run_job
from workflow.models import Segment
from workflow.projects import get_project
from workflow.qa import project_index
from workflow.qa.confirm import on_segment_status_changed, on_segment_target_edited
from workflow.qa.job import QAJobResult, create_qa_job
from workflow.segments import save_and_confirm
from workflow.storage import Database
from workflow.users import resolve_actor


def _pairs(count: int) -> list[tuple[str, str]]:
    rows = [line.split("\t")[:2] for line in CORPUS.read_text("utf-8").splitlines() if "\t" in line]
    return [
        (f"{rows[i % len(rows)][0]} ({i})", f"{rows[i % len(rows)][1]} ({i})") for i in range(count)
    ]


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def run(segment_count: int, confirms: int) -> dict[str, float]:
    pairs = _pairs(segment_count)
    figures: dict[str, float] = {"segments": segment_count}
    with tempfile.TemporaryDirectory() as folder:
        database = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
        database.migrate()
        database.seed()
        project_id, ids = seed_project(database, [source for source, _ in pairs], name="Bench")
        with database.write() as session:
            for index, (segment_id, (source, target)) in enumerate(zip(ids, pairs, strict=True)):
                segment = session.get(Segment, segment_id)
                segment.target, segment.status = (source if index < 20 else target), 10

        listed = dict(subscribers.SUBSCRIBERS)
        without_qa = {
            SegmentStatusChanged: tuple(
                s for s in listed[SegmentStatusChanged] if s is not on_segment_status_changed
            ),
            SegmentTargetEdited: tuple(
                s for s in listed[SegmentTargetEdited] if s is not on_segment_target_edited
            ),
        }

        def confirm(segment_id: int, target: str) -> None:
            with database.write() as session:
                admin = resolve_actor(session, "admin")
                version = session.get(Segment, segment_id).version
                save_and_confirm(session, admin, segment_id, target, expected_version=version)

        with_times: list[float] = []
        without_times: list[float] = []
        for turn in range(2 * confirms):
            segment_id = ids[100 + turn]
            target = pairs[100 + turn][1] + " "
            action = functools.partial(confirm, segment_id, target)
            if turn % 2:
                subscribers.SUBSCRIBERS = without_qa  # type: ignore[misc]
                without_times.append(_timed(action))
                subscribers.SUBSCRIBERS = listed  # type: ignore[misc]
            else:
                with_times.append(_timed(action))
        figures["confirm_with_qa_ms"] = 1000 * statistics.median(with_times)
        figures["confirm_without_qa_ms"] = 1000 * statistics.median(without_times)

        probe = pairs[7]
        unit = Unit(source=probe[0], target=probe[1], id=ids[7])
        with database.read() as session:
            project = get_project(session, project_id)
            project_index.unit_consistency(session, project, unit)
            figures["unit_index_unchanged_ms"] = 1000 * statistics.median(
                _timed(lambda: project_index.unit_consistency(session, project, unit))
                for _ in range(20)
            )
        confirm(ids[5000 % segment_count], "An edited target.")
        with database.read() as session:
            project = get_project(session, project_id)
            figures["unit_index_after_one_edit_ms"] = 1000 * _timed(
                lambda: project_index.unit_consistency(session, project, unit)
            )
            project_index.forget_project_indexes()
            figures["unit_index_cold_ms"] = 1000 * _timed(
                lambda: project_index.unit_consistency(session, project, unit)
            )
            figures["project_index_warm_ms"] = 1000 * _timed(
                lambda: project_index.project_consistency(session, project)
            )

        with database.write() as session:
            job = create_qa_job(
                session, resolve_actor(session, "admin"), get_project(session, project_id)
            )
            job_id = job.id
        figures["job_s"] = _timed(lambda: run_job(database, job_id))
        with database.read() as session:
            job = get_job(session, job_id)
            assert job.state == JobState.SUCCEEDED, job.message
            result = QAJobResult.from_dict(job.result)
        figures["job_checked"] = result.checked
        figures["job_errors"] = result.errors
        figures["job_segments_per_s"] = result.checked / figures["job_s"]
        database.dispose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=10_000)
    parser.add_argument("--confirms", type=int, default=15)
    arguments = parser.parse_args()
    figures = run(arguments.segments, arguments.confirms)
    print(f"nproc = {os.cpu_count()}, load average {os.getloadavg()[0]:.1f}")
    for name, value in figures.items():
        print(f"{name:26} {value:10.2f}")


if __name__ == "__main__":
    main()
