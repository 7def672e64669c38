"""Thread layouts: parsed, checked against the cores, given to CTranslate2 and OpenMP."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from primitives.errors import InvalidInput
from translation import argos_engine
from translation.argos_engine import ArgosEngine, DecodingSettings
from translation.engine import MTRequest, translate_all
from translation.packages import InstalledPackage
from translation.threads import OPENMP_VARIABLE, ThreadLayout, available_cores

REPO = Path(__file__).resolve().parents[2]


def test_layouts_are_read_as_auto_a_count_or_inter_by_intra() -> None:
    assert ThreadLayout.parse("auto", 2) == ThreadLayout(1, 2) == ThreadLayout.parse("", 2)
    assert ThreadLayout.parse("2x1", 2) == ThreadLayout(2, 1)
    assert ThreadLayout.parse(" 1 × 2 ", 2) == ThreadLayout(1, 2)
    assert ThreadLayout.parse("1", 2) == ThreadLayout(1, 1)
    assert ThreadLayout.parse("auto", 8).threads == 8
    assert ThreadLayout(2, 1).describe() == "2×1"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("two", "mt.bad_thread_layout"),
        ("1x", "mt.bad_thread_layout"),
        ("0x2", "mt.thread_count_below_one"),
        ("2x2", "mt.threads_oversubscribed"),
        ("3", "mt.threads_oversubscribed"),
    ],
)
def test_a_bad_or_oversubscribed_layout_is_refused(text: str, code: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        ThreadLayout.parse(text, 2)
    assert refused.value.code == code
    assert "\n" not in str(refused.value)


def test_automatic_intra_threads_share_the_cores_among_parallel_batches() -> None:
    cores = available_cores()
    assert DecodingSettings().layout() == ThreadLayout(1, cores)
    assert DecodingSettings(inter_threads=cores).layout() == ThreadLayout(cores, 1)
    assert DecodingSettings(intra_threads=1).layout() == ThreadLayout(1, 1)
    with pytest.raises(InvalidInput) as refused:
        ArgosEngine(inter_threads=cores, intra_threads=2)
    assert refused.value.code == "mt.threads_oversubscribed"


def test_the_model_gets_the_layout_and_decodes_batches_in_parallel(
    installed_package: InstalledPackage,
) -> None:
    cores = available_cores()
    engine = ArgosEngine(inter_threads=cores, intra_threads=1)
    requests = [MTRequest(i, f"Chào bạn {i}.") for i in range(6)]
    assert len(translate_all(engine, requests)) == 6
    model = argos_engine.load_model(installed_package, engine.decoding)
    assert model.parallel_batches == cores
    assert model.translator.num_translators == cores
    assert engine.setup().threads == f"{cores}×1"


def _omp_in_a_fresh_process(packages: Path, environment: dict[str, str]) -> str:
    script = (
        "import os\n"
        "from translation.argos_engine import ArgosEngine\n"
        "from translation.engine import MTRequest, translate_all\n"
        "translate_all(ArgosEngine(intra_threads=1), [MTRequest(1, 'Chào bạn.')])\n"
        f"print(os.environ['{OPENMP_VARIABLE}'])\n"
    )
    env = {key: value for key, value in os.environ.items() if key != OPENMP_VARIABLE}
    env.update({"ARGOS_PACKAGES_DIR": str(packages), **environment})
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=REPO
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_openmp_is_limited_to_the_threads_per_batch_before_ctranslate2_loads(
    installed_package: InstalledPackage,
) -> None:
    packages = installed_package.path.parent
    assert _omp_in_a_fresh_process(packages, {}) == "1"
    # A value the user set is theirs.
    assert _omp_in_a_fresh_process(packages, {OPENMP_VARIABLE: "7"}) == "7"
