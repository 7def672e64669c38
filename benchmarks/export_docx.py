"""Target DOCX export speed and memory: a 10,000-segment report written back in English.

Builds the synthetic Vietnamese report of ``benchmarks.intake_speed`` (headings, bold,
italic and linked words, footnote references, tables, a header, footnotes) with just
enough paragraphs for 10,000 segments, imports it as the intake does (read, repair,
segment), fills every segment with an English text of the same shape (its inline codes
kept) and approves it, then exports the target DOCX in a fresh subprocess, so its peak
memory (VmHWM, lxml's C allocations included) belongs to that export alone; tracemalloc
gives the Python heap's peak too. The export includes the count check (the written file
read again by the intake's reader); the same run times that re-read on its own.

Run: .venv/bin/python -m benchmarks.export_docx [--segments 10000]
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

import benchmarks  # noqa: F401  (puts tests/ on the import path)
from benchmarks.intake_speed import build_docx, report_paragraphs
from primitives.block_ref import BlockRef
from primitives.inline import TextWriter, parse
from primitives.statuses import Status
from primitives.units import Store, Unit
from workflow.intake import read_source
from workflow.segment_drafts import segment_blocks
from workflow.vietnamese.segmenter import SegmentationRules

ENGLISH_WORDS = (
    "the ministry reported that revenue rose in every province while the plan for digital "
    "services was approved by the committee after the annual review of public investment"
).split()


class _English(TextWriter):
    """The same tags around English words, as many words as the Vietnamese had."""

    def __init__(self) -> None:
        super().__init__()
        self._next = 0

    def escape(self, text: str) -> str:
        count = len(text.split())
        words = [ENGLISH_WORDS[(self._next + i) % len(ENGLISH_WORDS)] for i in range(count)]
        self._next += count
        lead = " " if text[:1].isspace() else ""
        tail = " " if text[-1:].isspace() else ""
        return lead + " ".join(words) + tail if words else text


def _drafts(paragraphs: int, rules: SegmentationRules) -> tuple[bytes, list]:
    data = build_docx(report_paragraphs(paragraphs))
    return data, list(segment_blocks(read_source(data, "report.docx").blocks, rules))


def english_store(segments: int) -> tuple[Store, int]:
    """The imported report with at least ``segments`` segments (the fewest paragraphs that
    give them), English targets filled and approved; and its paragraph count."""
    rules = SegmentationRules.default()
    low, high = 1, segments  # every paragraph has a segment: high paragraphs are enough
    while low < high:
        middle = (low + high) // 2
        if len(_drafts(middle, rules)[1]) >= segments:
            high = middle
        else:
            low = middle + 1
    data, drafts = _drafts(low, rules)
    units = [
        Unit(
            draft.source,
            _English().write(parse(draft.source)),
            id=number,
            codes=draft.codes,
            ref=BlockRef.parse(draft.ref),
            status=Status.APPROVED,
        )
        for number, draft in enumerate(drafts, start=1)
    ]
    store = Store(
        units,
        metadata={"title": "Báo cáo", "source": "report.docx"},
        props={"format": "docx"},
        original=data,
    )
    return store, low


EXPORT_PROBE = """
import json, pickle, sys, time, tracemalloc
from pathlib import Path

def high_water_kib():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")

store = pickle.loads(Path(sys.argv[1]).read_bytes())
from exporters.docx_target import write_target_docx
from workflow.intake import read_source
before = high_water_kib()
start, cpu = time.perf_counter(), time.process_time()
result = write_target_docx(store)
total, total_cpu = time.perf_counter() - start, time.process_time() - cpu
peak = high_water_kib()
tracemalloc.start()
write_target_docx(store)
heap_peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
start, cpu = time.perf_counter(), time.process_time()
blocks = len(read_source(result.data, "target.docx").blocks)
reread, reread_cpu = time.perf_counter() - start, time.process_time() - cpu
print(json.dumps({
    "total_s": total, "cpu_s": total_cpu, "reread_s": reread, "reread_cpu_s": reread_cpu,
    "baseline_kib": before, "peak_kib": peak, "heap_peak_mib": heap_peak / 2**20,
    "segments": len(store), "found": sum(p.segments_found for p in result.report.parts),
    "words": sum(p.words_found for p in result.report.parts), "blocks": blocks,
    "original_bytes": len(store.original), "target_bytes": len(result.data),
}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=10_000)
    args = parser.parse_args()
    store, paragraphs = english_store(args.segments)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "store.pickle"
        path.write_bytes(pickle.dumps(store))
        result = subprocess.run(
            [sys.executable, "-c", EXPORT_PROBE, str(path)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
        )
    figures = json.loads(result.stdout)
    figures["paragraphs"] = paragraphs
    figures["cores"] = os.cpu_count()
    figures["load_average"] = round(os.getloadavg()[0], 1)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
