"""QA speed: 10,000 segments checked by `songngu check` and by translate-toolkit's pofilter.

    .venv/bin/python -m benchmarks.qa_speed [DIR] [--runs N]

Writes the same 10,000 pairs twice into DIR (default: a new temporary folder): as a
bilingual TSV for songngu and as a PO file for pofilter (translate-toolkit, a test
dependency). The pairs are the news gold sets and Tatoeba, repeated until there are
10,000, each copy after the first marked " [b]", " [c]", ... on both sides, so no two
segments are equal and no cache sees a repeat. Then both commands run in turn, whole processes (start-up
included), and the median wall and CPU seconds of each are printed with their ratio.

pofilter runs its default checker (the "standard" set, 47 checks) and writes the units it
flags; songngu runs its 36 checks with the shipped glossary and the consistency index.
The commands themselves are printed too, to time them with any other tool.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from songngu_testing import CORPUS
from songngu_testing.qa_quality import NEWS_HELDOUT, NEWS_TUNING, read_pairs

import benchmarks

SEGMENTS = 10_000


def pairs(count: int = SEGMENTS) -> list[tuple[str, str]]:
    base = read_pairs(NEWS_TUNING) + read_pairs(NEWS_HELDOUT) + read_pairs(CORPUS)
    result = []
    for index in range(count):
        source, target = base[index % len(base)]
        copy = index // len(base)
        if copy:  # a mark in letters: a digit would put a number into every segment
            mark = "".join(chr(ord("a") + int(d)) for d in str(copy))
            source, target = f"{source} [{mark}]", f"{target} [{mark}]"
        result.append((source, target))
    return result


def write_files(folder: Path) -> tuple[Path, Path]:
    from translate.storage.po import pofile

    data = pairs()
    tsv = folder / "qa-10000.tsv"
    tsv.write_text("".join(f"{s}\t{t}\n" for s, t in data), "utf-8")
    store = pofile()
    for source, target in data:
        unit = store.addsourceunit(source)
        unit.target = target
    po = folder / "qa-10000.po"
    po.write_bytes(bytes(store))
    return tsv, po


def commands(tsv: Path, po: Path, folder: Path) -> dict[str, list[str]]:
    bin_dir = Path(sys.executable).parent
    return {
        "songngu check": [str(bin_dir / "songngu"), "check", str(tsv), "--format", "json"],
        "pofilter": [str(bin_dir / "pofilter"), str(po), str(folder / "pofilter-out.po")],
    }


def _run(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system of the finished child) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def in_process(tsv: Path, po: Path) -> dict[str, tuple[float, int, int]]:
    """CPU seconds to read and check the file inside one process (start-up and imports
    left out), the number of checks each side runs, and what it flagged."""
    from translate.filters import checks
    from translate.storage.po import pofile

    from workflow.qa.files import check_file

    started = time.process_time()
    report = check_file(tsv.read_bytes(), tsv.name)
    ours = time.process_time() - started
    flagged_ours = sum(1 for checked in report.units if checked.findings)

    started = time.process_time()
    checker = checks.TeeChecker(
        checkerclasses=[checks.StandardChecker, checks.StandardUnitChecker]
    )  # pofilter's default
    store = pofile.parsefile(str(po))
    flagged_theirs = sum(
        1 for unit in store.units if not unit.isheader() and checker.run_filters(unit)
    )
    theirs = time.process_time() - started
    from workflow.qa.registry import CHECKS

    return {
        "songngu check_file": (ours, len(CHECKS), flagged_ours),
        "translate-toolkit checker": (theirs, len(checker.getfilters()), flagged_theirs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="qa-speed-"))
    folder.mkdir(parents=True, exist_ok=True)
    tsv, po = write_files(folder)
    runs = commands(tsv, po, folder)
    print(f"# {SEGMENTS:,} segments in {folder}; {os.cpu_count()} cores; repo {benchmarks.REPO}")
    for name, command in runs.items():
        print(f"# {name}: {' '.join(command)}")
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
    for command in runs.values():
        _run(command)  # warm-up: file cache, byte-compiled modules
    for _ in range(args.runs):
        for name, command in runs.items():  # in turn, so drift hits both alike
            times[name].append(_run(command))
    print("| command | median wall (s) | median CPU (s) |")
    print("|---|---:|---:|")
    medians = {}
    for name, measured in times.items():
        wall = statistics.median(w for w, _ in measured)
        cpu = statistics.median(c for _, c in measured)
        medians[name] = (wall, cpu)
        print(f"| {name} | {wall:.2f} | {cpu:.2f} |")
    ours, theirs = medians["songngu check"], medians["pofilter"]
    print(
        f"\nratio songngu/pofilter: wall {ours[0] / theirs[0]:.2f}, CPU {ours[1] / theirs[1]:.2f}"
    )
    if args.folder is None:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
