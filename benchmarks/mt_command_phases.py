"""Where the time of `songngu translate` goes, phase by phase, in one process.

Run (after `python -m benchmarks.mt_command prepare --sentences 200`):
    cp benchmarks/_work/command/full/template.db benchmarks/_work/command/full/home/songngu.db
    SONGNGU_HOME=benchmarks/_work/command/full/home \\
    ARGOS_PACKAGES_DIR=benchmarks/_work/packages-copy-full \\
    /usr/bin/time -v .venv/bin/python -m benchmarks.mt_command_phases Bench

It runs what the `songngu` console script runs (cli.main.main with "translate PROJECT"),
with the functions of each phase wrapped in timers: wall seconds and this process's CPU
seconds (all threads: the model's own threads count). The job runs in a thread of its
own while the main thread waits (as in the command), so a phase's CPU is the process's
during it. Decoding is the time spent inside the engine's translate generator (the
engine's own batching, encoding, the model and its retries), less the model load it
does on its first call and the fallback decodes of the sources whose placeholders
the model lost (counted on their own). What the table does not name (click, the job's claim and finish,
the final read) is "other"; the interpreter's start-up comes before this module runs and
is the difference between /usr/bin/time's total and the table's total.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

STARTED = (time.perf_counter(), time.process_time())
# The engine's results of each finished batch, with the sources whose placeholders the
# model lost decoded again without protection, batch by batch as they come (while the
# next batch of the job is queued or decoding: its wait is counted here too).
FALLBACK = "results, placeholder fallback decodes"
spent: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])


def _add(phase: str, wall: float, cpu: float) -> None:
    figures = spent[phase]
    figures[0] += wall
    figures[1] += cpu
    figures[2] += 1


def timed(phase: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            _add(phase, time.perf_counter() - wall, time.process_time() - cpu)

    return run


def timed_generator(phase: str, function: Callable[..., Iterator[Any]]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Iterator[Any]:
        generator = function(*args, **kwargs)
        while True:
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                item = next(generator)
            except StopIteration:
                return
            finally:
                _add(phase, time.perf_counter() - wall, time.process_time() - cpu)
            yield item

    return run


def install_timers() -> None:
    import cli.commands.translate as translate_command
    import cli.common
    import translation.argos_engine as argos
    import translation.pipeline as pipeline
    import workflow.jobs as jobs
    import workflow.mt as mt

    cli.common.open_database = timed("database open and migration check", cli.common.open_database)
    translate_command.create_mt_job = timed(
        "job creation (engine availability check)", translate_command.create_mt_job
    )
    mt.plan_translation = timed("planning", mt.plan_translation)
    context = mt.RequestContext
    context.for_project = classmethod(  # type: ignore[method-assign, assignment]
        timed("protector (glossary, gazetteer, compounds)", context.for_project.__func__)
    )
    context.request = timed("requests (protection of each source)", context.request)  # type: ignore[method-assign]
    mt.reread = timed("chunk re-read and TM look-up", mt.reread)
    mt.exact_tm_targets = timed("chunk re-read and TM look-up", mt.exact_tm_targets)
    mt._write = timed("guarded writes", mt._write)
    jobs.JobContext.progress = timed("progress and cancel checks", jobs.JobContext.progress)  # type: ignore[method-assign]
    jobs.JobContext.check_cancel = timed(  # type: ignore[method-assign]
        "progress and cancel checks", jobs.JobContext.check_cancel
    )
    argos.load_model = timed("model load", argos.load_model)
    pipeline.DocumentTranslator._results = timed(  # type: ignore[method-assign]
        FALLBACK, pipeline.DocumentTranslator._results
    )
    argos.ArgosEngine.translate = timed_generator(  # type: ignore[method-assign]
        "decoding", argos.ArgosEngine.translate
    )


def report(total_wall: float, total_cpu: float) -> None:
    # The model is loaded inside the engine's first translate call, and the fallback runs
    # inside it too: neither is counted twice.
    decoding = spent["decoding"]
    for nested in ("model load", FALLBACK):
        if nested in spent:
            decoding[0] -= spent[nested][0]
            decoding[1] -= spent[nested][1]
    named_wall = sum(figures[0] for figures in spent.values())
    named_cpu = sum(figures[1] for figures in spent.values())
    rows = [*spent.items(), ("other", [total_wall - named_wall, total_cpu - named_cpu, 0])]
    print(f"{'phase':44} {'calls':>5} {'wall s':>7} {'CPU s':>7}", file=sys.stderr)
    for phase, (wall, cpu, calls) in rows:
        print(f"{phase:44} {calls:5d} {wall:7.2f} {cpu:7.2f}", file=sys.stderr)
    print(f"{'total after start-up':44} {'':5} {total_wall:7.2f} {total_cpu:7.2f}", file=sys.stderr)


def main() -> None:
    project = sys.argv[1] if len(sys.argv) > 1 else "Bench"
    wall, cpu = time.perf_counter(), time.process_time()
    import click

    from cli.main import cli
    from cli.main import main as songngu

    cli.get_command(click.Context(cli), "translate")  # the command's module, as click would
    _add("imports", time.perf_counter() - wall, time.process_time() - cpu)
    install_timers()
    status = songngu(["translate", project])
    report(time.perf_counter() - STARTED[0], time.process_time() - STARTED[1])
    sys.exit(status)


if __name__ == "__main__":
    main()
