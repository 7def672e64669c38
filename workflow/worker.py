"""A `songngu worker` process: runs queued jobs and chunks until it is told to stop.

The model is loaded by the first chunk this process runs (after any fork, never before:
CTranslate2 is not fork-safe) and kept for the next ones. One chunk at a time: the
engine's own threads use the cores the worker is given (OMP_NUM_THREADS set to match,
before CTranslate2 loads), so N workers of T threads on a machine of N*T cores never
oversubscribe it. The worker stops taking messages after max_chunks or once its memory
passes a ceiling; the CLI then replaces the process by a fresh one (exec), which is how
a long run keeps its memory bounded.
"""

from __future__ import annotations

import os
import signal
import threading
from dataclasses import dataclass
from typing import Any

from workflow.mt import MTJobOptions, ready_engine

RECYCLED = "recycled"
STOPPED = "stopped"


@dataclass(frozen=True)
class WorkerLimits:
    threads: int = 1  # engine threads (OMP_NUM_THREADS)
    max_chunks: int = 1000  # messages before the process is replaced
    memory_mb: int = 4096  # resident memory before the process is replaced


def prepare_process(threads: int) -> None:
    """Set the thread counts before CTranslate2 or Dramatiq's worker is imported."""
    os.environ["SONGNGU_MT_THREADS"] = str(threads)
    os.environ["OMP_NUM_THREADS"] = str(threads)
    # One message held per worker: a worker's prefetched message waits for it alone.
    os.environ.setdefault("dramatiq_queue_prefetch", "1")


def resident_mb() -> float:
    """This process's resident memory now (Linux /proc; elsewhere its peak)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _Engines:
    """One engine per set of options, loaded on first use in this process and kept."""

    def __init__(self) -> None:
        self._engines: dict[tuple[str, int], Any] = {}
        self._lock = threading.Lock()

    def __call__(self, options: MTJobOptions) -> Any:
        key = (options.engine, options.beam_size)
        with self._lock:
            if key not in self._engines:
                self._engines[key] = ready_engine(options)
            return self._engines[key]


def run_worker(limits: WorkerLimits, on_ready: Any = None) -> str:
    """Run until SIGTERM/SIGINT (STOPPED) or a limit is reached (RECYCLED)."""
    prepare_process(limits.threads)
    import dramatiq
    from dramatiq import Worker

    from workflow.redis_queue import job_queue, worker_state

    processed = {"count": 0}
    stop, recycle = threading.Event(), threading.Event()

    class _Count(dramatiq.Middleware):
        """Counts messages run; the last one allowed wakes the loop below at once."""

        def after_process_message(self, broker: Any, message: Any, **_: Any) -> None:
            processed["count"] += 1
            if processed["count"] >= limits.max_chunks:
                recycle.set()
                stop.set()

    worker_state["engines"] = _Engines()
    queue = job_queue()
    queue.broker.add_middleware(_Count())
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    worker = Worker(queue.broker, worker_threads=1)
    worker.start()
    if on_ready is not None:
        on_ready()
    while not stop.wait(0.5):
        if resident_mb() > limits.memory_mb:
            recycle.set()
            break
    worker.stop()
    return RECYCLED if recycle.is_set() else STOPPED
