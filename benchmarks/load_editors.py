"""Many editors in separate processes on one project while an MT job writes it too.

Run: .venv/bin/python -m benchmarks.load_editors [--database sqlite|postgresql|both]
     [--editors 20] [--ops 5000] [--segments 60]

Each editor process loops: read a random segment as a page shows it (its version and
target), think a moment, then save against the version it read -- an edit, a status
change (confirm, review, reject), a comment, or a glossary addition (half of them
terms another editor may add too). Meanwhile one more process runs an MT job (the tiny
real test model) over the same project's untranslated segments. Then the database is
checked against what every writer was told:
- no lost update: each segment's versions 2..N were each made by exactly one accepted
  write (an editor's, or an MT fill in the revisions), and each accepted editor write
  made version seen+1;
- every refused write was reported to its writer as a Conflict (or as a duplicate
  term) and left no trace; every accepted one left its revision;
- the final target of every segment is the replay of the accepted writes in version
  order; the glossary holds each accepted term once;
- no "database is locked" (or any other error) reached an editor.
Save latency (the write transaction, commit included) is reported as p50/p95/p99.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

SENTENCES = [
    "Hội nghị tổng kết công tác năm của tỉnh.",
    "Đoàn công tác về thăm Huế.",
    "Ủy ban nhân dân tỉnh chỉ đạo các sở.",
    "Chúng tôi đã đi bộ rất nhiều.",
    "Sở Y tế kiểm tra các bệnh viện.",
    "Người dân phấn khởi đón năm mới.",
]
EDITOR_PREFIX = "ed"


@dataclass
class Write:
    """One write an editor attempted and what it was told."""

    editor: str
    kind: str  # edit | status | comment | term
    segment_id: int
    seen: int
    outcome: str  # accepted | conflict | duplicate | refused | error
    new_version: int = 0
    target: str = ""
    seconds: float = 0.0
    detail: str = ""


@dataclass
class Report:
    database: str
    editors: int
    writes: list[Write] = field(default_factory=list)
    mt_fills: int = 0
    problems: list[str] = field(default_factory=list)
    wall_seconds: float = 0.0
    cpu_seconds: float = 0.0


def _setup(url: str, segments: int, editors: int) -> tuple[int, list[int]]:
    from songngu_testing import seed_project

    from workflow.storage import open_database
    from workflow.users import OPERATOR, add_user

    database = open_database(url)
    # Half the segments start translated (editors work on them), half empty (MT fills).
    sources = [f"{SENTENCES[i % len(SENTENCES)]} ({i})" for i in range(segments)]
    project_id, ids = seed_project(database, sources, "load")
    with database.write() as session:
        for index in range(editors):
            add_user(session, OPERATOR, f"{EDITOR_PREFIX}{index}", "editor", "load test pw 1")
    return project_id, ids


def _editor(
    url: str, name: str, ops: int, seed: int, ids: list[int], project_id: int, start, out
) -> None:  # type: ignore[no-untyped-def]
    from primitives.errors import Conflict, SongnguError
    from primitives.statuses import Status
    from primitives.terms import GlossaryEntry
    from workflow.glossary.store import add_term
    from workflow.models import Segment
    from workflow.projects import get_project
    from workflow.segments import add_comment, edit_target, set_status
    from workflow.storage import forget_databases, open_database
    from workflow.users import resolve_actor

    forget_databases()
    database = open_database(url)
    rng = random.Random(seed)
    writes: list[Write] = []
    start.wait()
    for number in range(ops):
        segment_id = rng.choice(ids)
        with database.read() as session:  # what the page shows
            segment = session.get(Segment, segment_id)
            seen, status, target = segment.version, Status(segment.status), segment.target
        time.sleep(rng.uniform(0, 0.004))  # the person reads and types
        roll = rng.random()
        kind = "edit" if roll < 0.5 or not target else "status" if roll < 0.75 else "comment"
        if 0.9 <= roll:
            kind = "term"
        write = Write(name, kind, segment_id, seen, "accepted")
        began = time.perf_counter()
        try:
            with database.write() as session:
                actor = resolve_actor(session, name)
                if kind == "edit":
                    write.target = f"{name} edit {number} of segment {segment_id}."
                    changed = edit_target(
                        session, actor, segment_id, write.target, expected_version=seen
                    )
                    write.new_version = changed.version
                elif kind == "status":
                    if status in (Status.DRAFT, Status.REJECTED, Status.NEW):
                        wanted, reason = Status.TRANSLATED, ""
                    elif status == Status.TRANSLATED:
                        wanted, reason = Status.REVIEWED, ""
                    else:
                        wanted, reason = Status.REJECTED, "load test: once more"
                    change = set_status(
                        session,
                        actor,
                        segment_id,
                        wanted,
                        reason=reason,
                        expected_version=seen,
                        qa_override="load test",
                    )
                    write.new_version = change.segment.version
                    write.target = change.segment.target
                elif kind == "comment":
                    add_comment(session, actor, segment_id, f"{name} note {number}")
                else:
                    shared = rng.random() < 0.5  # terms other editors may add at once
                    source = f"thuật ngữ chung {number % 40}" if shared else f"{name} từ {number}"
                    project = get_project(session, project_id)
                    add_term(
                        session, actor, project, GlossaryEntry(source, f"term {source}"),
                        scope="project",
                    )  # fmt: skip
                    write.target = source
        except Conflict as conflict:
            write.outcome, write.detail = "conflict", conflict.code
        except SongnguError as error:
            duplicate = error.code == "glossary.duplicate_term"
            write.outcome, write.detail = ("duplicate" if duplicate else "refused"), error.code
        except Exception as error:  # e.g. "database is locked": must never happen
            write.outcome, write.detail = "error", f"{type(error).__name__}: {error}"[:300]
        write.seconds = time.perf_counter() - began
        writes.append(write)
    out.put(writes)


def _mt(url: str, project_id: int, packages_dir: str, start, out) -> None:  # type: ignore[no-untyped-def]
    os.environ["ARGOS_PACKAGES_DIR"] = packages_dir
    from workflow.jobs import JobState, get_job, run_job
    from workflow.mt import create_mt_job
    from workflow.projects import get_project
    from workflow.storage import forget_databases, open_database
    from workflow.users import OPERATOR

    forget_databases()
    database = open_database(url)
    with database.write() as session:
        job = create_mt_job(session, OPERATOR, get_project(session, project_id))
    start.wait()
    state = run_job(database, job.id)
    with database.read() as session:
        finished = get_job(session, job.id)
    out.put(("mt", state == JobState.SUCCEEDED, finished.message, finished.result))


def _tiny_package(folder: Path) -> Path:
    """The test suite's tiny real vi→en model, installed into folder."""
    from songngu_testing.synthetic import build_package

    from translation.packages import install_package
    from workflow.demo import demo_source

    lines = [line for line in demo_source().decode("utf-8").splitlines() if line.strip()]
    package = build_package(folder / "translate-vi_en-1_9.argosmodel", training_lines=lines * 5)
    installed = folder / "packages"
    installed.mkdir()
    install_package(package, directory=installed)
    return installed


def check(url: str, project_id: int, ids: list[int], report: Report) -> None:
    """Compare the database with what every writer was told (see the module's doc)."""
    from workflow.models import GlossaryTerm, Revision, Segment
    from workflow.storage import open_database

    database = open_database(url)
    problems = report.problems
    errors = [w for w in report.writes if w.outcome == "error"]
    problems += [f"an editor got an error: {w.detail}" for w in errors[:5]]
    if len(errors) > 5:
        problems.append(f"... {len(errors)} errors in all")
    made_by: dict[tuple[int, int], list[str]] = defaultdict(list)
    accepted_targets: dict[tuple[int, int], str] = {}
    for w in report.writes:
        if w.outcome != "accepted" or w.kind not in ("edit", "status"):
            continue
        if w.new_version != w.seen + 1:
            problems.append(f"{w.editor}'s {w.kind} of {w.segment_id} made v{w.new_version}")
        made_by[(w.segment_id, w.new_version)].append(f"{w.editor} {w.kind}")
        if w.kind == "edit":
            accepted_targets[(w.segment_id, w.new_version)] = w.target
    with database.read() as session:
        revisions = list(session.scalars(select(Revision).where(Revision.segment_id.in_(ids))))
        segments = {s.id: s for s in session.scalars(select(Segment).where(Segment.id.in_(ids)))}
        terms = list(
            session.scalars(select(GlossaryTerm).where(GlossaryTerm.project_id == project_id))
        )
    by_version: dict[tuple[int, int], list[Revision]] = defaultdict(list)
    for revision in revisions:
        by_version[(revision.segment_id, revision.version)].append(revision)
    mt_fills = 0
    for key, rows in by_version.items():
        users = {row.user for row in rows}
        if len(users) != 1:
            problems.append(f"segment {key[0]} v{key[1]} written by {sorted(users)}")
        if not next(iter(users)).startswith(EDITOR_PREFIX):
            mt_fills += 1
            made_by[key].append("mt")
            fill = [row.new for row in rows if row.field == "target"]
            if fill:
                accepted_targets[key] = fill[0]
        elif key not in made_by:
            problems.append(f"segment {key[0]} v{key[1]}: a revision no writer was told of")
    for key, writers in made_by.items():
        if len(writers) != 1:
            problems.append(f"segment {key[0]} v{key[1]} made by {writers}: a lost update")
        if key not in by_version:
            problems.append(f"segment {key[0]} v{key[1]} ({writers}): no revision recorded")
    for segment_id, segment in segments.items():
        versions = sorted(v for (s, v) in made_by if s == segment_id)
        if versions != list(range(2, segment.version + 1)):
            problems.append(f"segment {segment_id} at v{segment.version}, writes made {versions}")
        replayed = [
            accepted_targets[(segment_id, v)]
            for v in versions
            if (segment_id, v) in accepted_targets
        ]
        if replayed and segment.target != replayed[-1]:
            problems.append(
                f"segment {segment_id} holds {segment.target!r}, replay {replayed[-1]!r}"
            )
    added = [w.target for w in report.writes if w.kind == "term" and w.outcome == "accepted"]
    stored = sorted(term.source for term in terms)
    if sorted(added) != stored:
        problems.append(f"glossary: {len(added)} terms accepted, {len(stored)} stored")
    if len(set(stored)) != len(stored):
        problems.append("glossary: a term stored twice")
    report.mt_fills = mt_fills


def percentiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) < 2:
        return (values[0],) * 3 if values else (0.0, 0.0, 0.0)
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def run(url: str, database_name: str, editors: int, ops: int, segments: int, mt: bool) -> Report:
    """Set up a project at url, run the editors (and the MT job), check; the report."""
    project_id, ids = _setup(url, segments, editors)
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(editors + 1 + int(mt))
    out = context.Queue()
    workers = [
        context.Process(
            target=_editor,
            args=(
                url,
                f"{EDITOR_PREFIX}{i}",
                ops // editors + (i < ops % editors),
                i,
                ids,
                project_id,
                start,
                out,
            ),
        )
        for i in range(editors)
    ]
    report = Report(database_name, editors)
    with tempfile.TemporaryDirectory(prefix="songngu-load-") as folder:
        if mt:
            packages = _tiny_package(Path(folder))
            workers.append(
                context.Process(target=_mt, args=(url, project_id, str(packages), start, out))
            )
        for worker in workers:
            worker.start()
        start.wait()
        began, cpu_before = time.perf_counter(), _children_cpu()
        for _ in workers:
            result = out.get(timeout=3600)
            if isinstance(result, tuple) and result[0] == "mt":
                if not result[1]:
                    report.problems.append(f"the MT job failed: {result[2]}")
            else:
                report.writes.extend(result)
        for worker in workers:
            worker.join()
        report.wall_seconds = time.perf_counter() - began
        report.cpu_seconds = _children_cpu() - cpu_before
    check(url, project_id, ids, report)
    return report


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def summary(report: Report) -> list[str]:
    counts: dict[str, int] = defaultdict(int)
    for w in report.writes:
        counts[w.outcome] += 1
    saves = [
        w.seconds * 1000
        for w in report.writes
        if w.kind in ("edit", "status") and w.outcome == "accepted"
    ]
    p50, p95, p99 = percentiles(saves)
    return [
        f"{report.database}: {len(report.writes)} writes by {report.editors} editors + MT job "
        f"({report.mt_fills} fills) in {report.wall_seconds:.1f} s wall, "
        f"{report.cpu_seconds:.1f} s CPU (children)",
        "  outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())),
        f"  save latency (accepted edits and status changes, ms): p50 {p50:.1f}, "
        f"p95 {p95:.1f}, p99 {p99:.1f}",
        "  check: " + ("all hold" if not report.problems else "; ".join(report.problems[:10])),
    ]


@contextmanager
def _database(kind: str, home: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{home / 'load.db'}"
        return
    import psycopg
    from songngu_testing.postgres import postgres_cluster

    with postgres_cluster("-c max_connections=200") as server:
        admin = server.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute('CREATE DATABASE "load"')
        yield server.rsplit("/", 1)[0] + "/load"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--editors", type=int, default=20)
    parser.add_argument("--ops", type=int, default=5000)
    parser.add_argument("--segments", type=int, default=60)
    parser.add_argument("--no-mt", action="store_true")
    args = parser.parse_args()
    kinds = ["sqlite", "postgresql"] if args.database == "both" else [args.database]
    print(f"nproc={os.cpu_count()}, load before={os.getloadavg()[0]:.2f}")
    failed = False
    for kind in kinds:
        with tempfile.TemporaryDirectory(prefix="songngu-load-home-") as home:
            os.environ["SONGNGU_HOME"] = home
            with _database(kind, Path(home)) as url:
                report = run(url, kind, args.editors, args.ops, args.segments, not args.no_mt)
        print("\n".join(summary(report)))
        failed = failed or bool(report.problems)
    print(f"load after={os.getloadavg()[0]:.2f}")
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
