"""In-process MT job vs the Redis queue with 1 and 2 `songngu worker` processes.

The same project (the longest corpus sentences, each unique) on the full-size synthetic
copy model, on a SQLite file database the workers share, with a redis-server started
here. Reports wall time, throughput, the per-chunk overhead of the queue (1 worker's wall
time minus the in-process wall time, per chunk) and the database write rate (chunk
transactions and segment writes per second). The machine is shared: read CPU and wall
times together. Run: .venv/bin/python -m benchmarks.workers [--sentences N --chunk K]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from songngu_testing import seed_project  # noqa: E402
from songngu_testing.queue import RedisServer, Workers  # noqa: E402

from benchmarks.mt_packages import benchmark_sentences, ensure_package  # noqa: E402
from workflow.jobs import FINISHED, JobState, get_job, run_job  # noqa: E402
from workflow.mt import MTJobOptions, create_mt_job  # noqa: E402
from workflow.projects import get_project  # noqa: E402
from workflow.storage import Database, forget_databases, open_database  # noqa: E402
from workflow.users import OPERATOR  # noqa: E402


def _job(db: Database, sources: list[str], chunk: int, name: str) -> int:
    project_id, _ = seed_project(db, sources, name=name)
    with db.write() as session:
        project = get_project(session, project_id)
        return create_mt_job(
            session, OPERATOR, project, options=MTJobOptions(chunk_size=chunk, beam_size=4)
        ).id


def _wait(db: Database, job_id: int) -> None:
    while True:
        with db.read() as session:
            if get_job(session, job_id).state in FINISHED:
                return
        time.sleep(0.05)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", type=int, default=48)
    parser.add_argument("--chunk", type=int, default=8)
    args = parser.parse_args()
    package = ensure_package("copy")
    os.environ["ARGOS_PACKAGES_DIR"] = str(package.path.parent)
    home = Path(tempfile.mkdtemp(prefix="songngu-bench-workers-"))
    os.environ["SONGNGU_HOME"] = str(home)
    os.environ["SONGNGU_MT_THREADS"] = "1"
    sources = [text for text, _ in benchmark_sentences(args.sentences)]
    forget_databases()
    db = open_database()
    chunks = -(-len(sources) // args.chunk)
    print(f"{len(sources)} unique sentences, {chunks} chunks of {args.chunk}, threads 1/worker")
    print(f"load: {os.getloadavg()[0]:.2f} (1-min average, 2 cores shared)")
    job_id = _job(db, sources, args.chunk, "inproc")
    cpu0 = time.process_time()
    start = time.perf_counter()
    assert run_job(db, job_id) == JobState.SUCCEEDED
    inproc = time.perf_counter() - start
    print(
        f"in-process: {inproc:.1f} s wall, {time.process_time() - cpu0:.1f} s CPU, "
        f"{len(sources) / inproc:.2f} segments/s"
    )
    server = RedisServer()
    server.start()
    os.environ["SONGNGU_REDIS_URL"] = server.url
    from workflow.runners import job_runner

    try:
        for count in (1, 2):
            workers = Workers(server.url, home)
            workers.start(count)
            warm = _job(db, sources[: args.chunk], args.chunk, f"warm{count}")
            job_runner(db).submit(warm)  # every worker loads its model before the timing
            _wait(db, warm)
            time.sleep(3)
            job_id = _job(db, sources, args.chunk, f"queue{count}")
            start = time.perf_counter()
            job_runner(db).submit(job_id)
            _wait(db, job_id)
            wall = time.perf_counter() - start
            workers.stop()
            cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
            with db.read() as session:
                assert get_job(session, job_id).state == JobState.SUCCEEDED
            line = f"{count} worker(s): {wall:.1f} s wall, {len(sources) / wall:.2f} segments/s"
            line += f", {chunks / wall:.2f} chunk commits/s"
            if count == 1:
                line += f", queue overhead {(wall - inproc) / chunks * 1000:.0f} ms/chunk"
            print(line + f" (children CPU so far {cpu.ru_utime + cpu.ru_stime:.1f} s)")
    finally:
        server.remove()


if __name__ == "__main__":
    main()
