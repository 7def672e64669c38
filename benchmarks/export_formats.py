"""Exports of a 10,000-segment project, one per registered format, and the review table's
import back: time and peak memory.

The project is one DOCX report of N paragraphs (each with a bold phrase: an inline code),
imported through the intake, so every format has what it needs (the target DOCX its
original). Then, as a finished project looks: every target filled with the codes in
place, 70 % approved and the rest reviewed, each approved segment with its revisions
(translated, reviewed, approved), every tenth with a comment, the approved ones in the TM.

Each export runs in a forked child process so its memory is its own: the figures are wall
and CPU time of ``workflow.exports.build_export`` (building the stores, writing, validating
against the schema) and the growth of the child's resident memory (peak RSS minus RSS
before; lxml allocates outside Python, so tracemalloc alone would miss most of it), with
tracemalloc's Python peak beside it. The review DOCX is then imported back as a dry run
(every row read, checked and applied in a savepoint that is rolled back).

Run: .venv/bin/python -m benchmarks.export_formats [--segments N]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from songngu_testing import add_users
from songngu_testing.docx_builder import docx_bytes
from sqlalchemy import insert, select, update

from primitives.statuses import Origin, Status
from primitives.text_keys import match_key
from workflow.exports import ExportRequest, build_export, export_formats
from workflow.importing import import_document
from workflow.models import Comment, Revision, Segment, TMUnitRow
from workflow.projects import create_project, get_project
from workflow.review_import import import_review
from workflow.storage import Database
from workflow.users import resolve_actor

NOW = datetime(2026, 5, 14, 9, 30, tzinfo=UTC)
PROJECT = "Benchmark"


def _paragraph(index: int) -> str:
    return (
        f'<w:p><w:r><w:t xml:space="preserve">Báo cáo số {index} của Sở Kế hoạch và Đầu tư về </w:t></w:r>'
        "<w:r><w:rPr><w:b/></w:rPr><w:t>tăng trưởng kinh tế</w:t></w:r>"
        f'<w:r><w:t xml:space="preserve"> của tỉnh trong quý {index % 4 + 1} năm 2025.</w:t></w:r></w:p>'
    )


def build_project(database: Database, segments: int) -> float:
    """The finished project; returns the seconds it took to build."""
    started = time.perf_counter()
    body = "".join(_paragraph(index) for index in range(segments))
    data = docx_bytes(body)
    add_users(database, "admin", "tran", "rev", "ed")
    with database.write() as session:
        admin = resolve_actor(session, "admin")
        project = create_project(session, admin, PROJECT, "USAID")
        import_document(session, admin, project, data, "bao-cao.docx")
        rows = session.execute(
            select(Segment.id, Segment.source, Segment.position).order_by(Segment.position)
        ).all()
        at = datetime(2026, 5, 1, tzinfo=UTC)
        approved = [row for row in rows if row.position % 10 < 7]
        session.execute(
            update(Segment),
            [
                {
                    "id": row.id,
                    "target": f"Report no. {row.position} of the Department of Planning and "
                    f"Investment on <g1>economic growth</g1> in the province in Q"
                    f"{row.position % 4 + 1} 2025.",
                    "status": int(Status.APPROVED if row.position % 10 < 7 else Status.REVIEWED),
                    "origin": int(Origin.HUMAN),
                    "version": 4,
                    "updated_by": "ed",
                    "updated_at": at,
                }
                for row in rows
            ],
        )
        session.execute(
            insert(Revision),
            [
                {
                    "segment_id": row.id,
                    "user": user,
                    "at": at,
                    "field": "status",
                    "old": old,
                    "new": new,
                    "version": version,
                }  # fmt: skip
                for row in approved
                for user, old, new, version in (
                    ("tran", "draft", "translated", 2),
                    ("rev", "translated", "reviewed", 3),
                    ("ed", "reviewed", "approved", 4),
                )
            ],
        )
        session.execute(
            insert(Comment),
            [
                {"segment_id": row.id, "user": "rev", "at": at, "text": "Kiểm tra số liệu quý."}
                for row in rows
                if row.position % 10 == 0
            ],
        )
        session.execute(
            insert(TMUnitRow),
            [
                {
                    "project_id": project.id,
                    "segment_id": row.id,
                    "source": row.source,
                    "source_key": match_key(row.source),
                    "target": f"Report no. {row.position}.",
                    "created_by": "ed",
                    "created_at": at,
                }  # fmt: skip
                for row in approved
            ],
        )
    return time.perf_counter() - started


def _memory_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


def _measured(action: Callable[[], Any], results: Any) -> None:
    """In the child: run the action once; put (wall, cpu, rss growth MiB, python peak MiB,
    what the action returned) on the queue."""
    try:
        Path("/proc/self/clear_refs").write_text("5")  # the peak RSS starts from now
    except OSError:
        pass
    before = _memory_kib("VmRSS")
    tracemalloc.start()
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        returned = action()
    except BaseException as error:  # the parent waits on the queue: tell it, then fail
        results.put(error)
        raise
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    python_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    results.put((wall, cpu, (_memory_kib("VmHWM") - before) / 1024, python_peak / 2**20, returned))


def _in_child(action: Callable[[], Any]) -> tuple[float, float, float, float, Any]:
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    child = context.Process(target=_measured, args=(action, results))
    child.start()
    measured = results.get()
    child.join()
    if isinstance(measured, BaseException):
        raise SystemExit(f"the measured step failed: {measured}")
    return measured


def run(segments: int) -> list[dict[str, Any]]:
    figures: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as folder:
        os.environ["SONGNGU_HOME"] = folder
        database = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
        database.migrate()
        database.seed()
        print(
            f"project of {segments:,} segments built in {build_project(database, segments):.1f} s"
        )

        def export(name: str) -> Callable[[], tuple[int, bool]]:
            def action() -> tuple[int, bool]:
                with database.read() as session:
                    exported = build_export(
                        session,
                        resolve_actor(session, "admin"),
                        get_project(session, PROJECT),
                        ExportRequest(name, pending="mark"),
                        now=NOW,
                    )
                return len(exported.data), exported.validated

            return action

        review = b""
        for fmt in export_formats():
            wall, cpu, rss, python, (size, validated) = _in_child(export(fmt.name))
            figures.append(
                {
                    "what": f"export {fmt.name}",
                    "wall": wall,
                    "cpu": cpu,
                    "rss": rss,
                    "python": python,
                    "bytes": size,
                    "validated": validated,
                }  # fmt: skip
            )
            if fmt.name == "bilingual-docx":
                with database.read() as session:
                    review = build_export(
                        session,
                        resolve_actor(session, "admin"),
                        get_project(session, PROJECT),
                        ExportRequest(fmt.name),
                        now=NOW,
                    ).data

        def import_back() -> tuple[int, bool]:
            with database.write() as session:
                outcome = import_review(
                    session,
                    resolve_actor(session, "rev"),
                    get_project(session, PROJECT),
                    review,
                    "review.docx",
                    dry_run=True,
                )
            report = outcome.report
            assert not report.conflicts and report.unchanged == segments, report.conflicts[:3]
            return len(review), False

        wall, cpu, rss, python, (size, _) = _in_child(import_back)
        figures.append(
            {
                "what": "review import (dry run)",
                "wall": wall,
                "cpu": cpu,
                "rss": rss,
                "python": python,
                "bytes": size,
                "validated": False,
            }  # fmt: skip
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=10_000)
    arguments = parser.parse_args()
    print(f"cores (nproc): {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")
    print("| what | file size | wall (s) | CPU (s) | peak RSS growth (MiB) | Python peak (MiB) |")
    print("|---|---:|---:|---:|---:|---:|")
    for row in run(arguments.segments):
        print(
            f"| {row['what']}{' (validated)' if row['validated'] else ''} | "
            f"{row['bytes'] / 2**20:.1f} MiB | {row['wall']:.2f} | {row['cpu']:.2f} | "
            f"{row['rss']:.0f} | {row['python']:.0f} |"
        )


if __name__ == "__main__":
    main()
