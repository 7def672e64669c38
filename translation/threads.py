"""How many threads CTranslate2 decodes with, and the OpenMP limit that holds it to that.

CTranslate2 runs `inter` batches at once, each on `intra` OpenMP threads; more threads than
cores make them wait for each other (and, with the bundled OpenMP, spin while waiting).
Its own default for intra is up to four threads per batch whatever inter is, so songngu
always passes both numbers, chosen so that inter × intra is at most the cores this
process may run on. The choice for "auto" comes from measurement (BENCHMARKS.md, MT
throughput: thread and batch layout).
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass

from primitives.errors import InvalidInput

OPENMP_VARIABLE = "OMP_NUM_THREADS"
_LAYOUT_RE = re.compile(r"\s*(\d+)\s*[x×*]\s*(\d+)\s*")


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity, else every core)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class ThreadLayout:
    """inter batches decoded in parallel, each on intra threads."""

    inter: int
    intra: int

    @property
    def threads(self) -> int:
        return self.inter * self.intra

    def describe(self) -> str:
        return f"{self.inter}×{self.intra}"

    @classmethod
    def auto(cls, cores: int) -> ThreadLayout:
        """The measured best on this kind of machine: one batch at a time on every core.

        On 2 cores, one batch on 2 threads and two batches on one thread each decoded
        within a few per cent of each other (BENCHMARKS.md); one batch at a time keeps
        results coming in length order and needs one model replica's working memory.
        """
        return cls(1, max(1, cores))

    @classmethod
    def parse(cls, text: str, cores: int) -> ThreadLayout:
        """'auto', 'INTERxINTRA' (e.g. 2x1) or a thread count N (1×N), checked against cores."""
        value = text.strip().lower()
        if value in ("", "auto"):
            return cls.auto(cores)
        match = _LAYOUT_RE.fullmatch(value)
        if match:
            layout = cls(int(match.group(1)), int(match.group(2)))
        elif value.isdigit():
            layout = cls(1, int(value))
        else:
            raise InvalidInput(
                "mt.bad_thread_layout",
                "MT threads {value!r} are not 'auto', a thread count or INTERxINTRA "
                "(batches in parallel x threads per batch, e.g. 1x2)",
                value=text,
            )
        layout.check(cores)
        return layout

    def check(self, cores: int) -> None:
        if self.inter < 1 or self.intra < 1:
            raise InvalidInput(
                "mt.thread_count_below_one",
                "MT threads {layout} must be at least 1 batch × 1 thread",
                layout=self.describe(),
            )
        if self.threads > cores:
            raise InvalidInput(
                "mt.threads_oversubscribed",
                "MT threads {layout} need {threads} threads but this machine gives "
                "{cores} cores; more threads than cores only make them wait for each other",
                layout=self.describe(),
                threads=self.threads,
                cores=cores,
            )


def limit_openmp(layout: ThreadLayout) -> bool:
    """Set OMP_NUM_THREADS to layout.intra before CTranslate2's OpenMP library loads.

    OpenMP reads the variable once, when the library is loaded: it bounds the threads of
    any parallel work CTranslate2 runs outside its own workers (which get intra_threads).
    A value the user set is kept. False if it is too late (CTranslate2 already imported).
    """
    if "ctranslate2" in sys.modules:
        return False
    os.environ.setdefault(OPENMP_VARIABLE, str(layout.intra))
    return True
