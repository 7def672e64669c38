"""Vocabulary shortlists on tiny real packages: built, measured, gated, used, and removed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import TRAINING_TEXT

from primitives.errors import InvalidInput
from translation import argos_engine
from translation.argos_engine import (
    ArgosEngine,
    DecodingSettings,
    SentencePieceCT2Model,
    load_model,
)
from translation.engine import (
    SHORTLIST_BELOW_THRESHOLD,
    SHORTLIST_CHANGED,
    SHORTLIST_NONE,
    SHORTLIST_USED,
    MTRequest,
    translate_all,
)
from translation.packages import InstalledPackage, install_package
from translation.pipeline import DocumentTranslator, PipelineSettings
from translation.shortlist import (
    read_record,
    record_path,
    remove_shortlist,
    shortlist_status,
    vmap_path,
)
from translation.shortlist_build import HELD_OUT_EVERY, build_shortlist, split_corpus

# Pure code: SQLite half only (tests/conftest.py).
pytestmark = pytest.mark.database_free

SENTENCES = [s.strip() + "." for s in re.split(r"[.!?]", TRAINING_TEXT) if len(s.split()) > 2]
# Distinct sentences enough for a held-out part: pairs of the training text's sentences.
CORPUS = [f"{a} {b}" for a in SENTENCES for b in SENTENCES if a != b][:80]


def _build(package: InstalledPackage, **options: object) -> None:
    build_shortlist(package, CORPUS, corpus_name="pairs.txt", size=50, **options)  # type: ignore[arg-type]


class RecordingTranslator(DocumentTranslator):
    """The engine's pipeline, remembering whether its model restricts the vocabulary."""

    used: list[bool] = []

    def __init__(
        self, model: SentencePieceCT2Model, settings: PipelineSettings | None = None
    ) -> None:
        RecordingTranslator.used.append(model.use_vmap)
        super().__init__(model, settings)


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    RecordingTranslator.used = []
    monkeypatch.setattr(argos_engine, "DocumentTranslator", RecordingTranslator)
    return RecordingTranslator.used


def test_the_corpus_is_split_into_training_and_held_out_sentences() -> None:
    training, held_out = split_corpus(["a", "b", " ", "c", "a", "d", "e", "f"])
    assert (training, held_out) == (["a", "b", "c", "d", "f"], ["e"])
    training, held_out = split_corpus(CORPUS)
    assert len(held_out) == len(CORPUS) // HELD_OUT_EVERY
    assert not set(training) & set(held_out)


def test_a_faithful_shortlist_is_measured_stored_and_used(
    copy_package: InstalledPackage, recorded: list[bool]
) -> None:
    requests = [MTRequest(i, text) for i, text in enumerate(CORPUS[-20:])]
    full = translate_all(ArgosEngine(), requests)
    assert shortlist_status(copy_package, 0.99).state == SHORTLIST_NONE
    _build(copy_package, extra_targets=["People's Committee"])

    record = read_record(copy_package)
    assert record is not None
    assert record.held_out_sentences == len(CORPUS) // HELD_OUT_EVERY
    # The copy model's output is its source and copy-through is in the map: all identical.
    assert (record.fidelity.identical_share, record.fidelity.token_agreement) == (1.0, 1.0)
    assert 0 < record.mean_candidates < record.vocabulary
    always = vmap_path(copy_package).read_text(encoding="utf-8").splitlines()[0].split(" ")
    assert always[0].startswith("\t")  # the first rule has no source: every batch
    assert {"1", "%", "[", "]"} <= set(always) | {always[0][1:]}
    model = load_model(copy_package, DecodingSettings())
    assert set(model.encode(["People's Committee"])[0]) <= set(always) | {always[0][1:]}

    status = shortlist_status(copy_package, 0.99)
    assert status.used
    assert status.describe().startswith("shortlist used (100.0% of 16 held-out sentences")
    engine = ArgosEngine()
    assert engine.setup().shortlist == SHORTLIST_USED
    assert engine.setup().shortlist_identical == 1.0
    shortlisted = translate_all(engine, requests)
    assert recorded == [False, True]
    assert [r.target for r in shortlisted] == [r.target for r in full]


def test_a_shortlist_below_the_threshold_is_not_used(
    installed_package: InstalledPackage, recorded: list[bool]
) -> None:
    # Random weights spread over the whole vocabulary: the map misses what they produce.
    _build(installed_package)
    record = read_record(installed_package)
    assert record is not None and record.fidelity.identical_share < 0.99
    status = shortlist_status(installed_package, 0.99)
    assert status.state == SHORTLIST_BELOW_THRESHOLD
    assert "below the 99% threshold" in status.describe()
    engine = ArgosEngine()
    assert engine.setup().shortlist == SHORTLIST_BELOW_THRESHOLD
    translate_all(engine, [MTRequest(1, SENTENCES[0])])
    # The threshold is a setting: one low enough lets the same shortlist be used.
    lenient = ArgosEngine(shortlist_threshold=record.fidelity.identical_share)
    assert lenient.setup().shortlist == SHORTLIST_USED
    translate_all(lenient, [MTRequest(1, SENTENCES[0])])
    assert recorded == [False, True]


def test_a_map_changed_after_measuring_is_not_used(
    copy_package: InstalledPackage, recorded: list[bool]
) -> None:
    _build(copy_package)
    with open(vmap_path(copy_package), "a", encoding="utf-8") as vmap:
        vmap.write("▁x\t▁y\n")
    assert shortlist_status(copy_package, 0.5).state == SHORTLIST_CHANGED
    assert "changed since it was measured" in shortlist_status(copy_package, 0.5).describe()
    translate_all(ArgosEngine(shortlist_threshold=0.5), [MTRequest(1, SENTENCES[0])])
    assert recorded == [False]


def test_an_unreadable_record_or_a_map_without_one_is_no_shortlist(
    copy_package: InstalledPackage,
) -> None:
    _build(copy_package)
    record_path(copy_package).write_text("{not json", encoding="utf-8")
    assert shortlist_status(copy_package, 0.0).state == SHORTLIST_NONE
    record_path(copy_package).write_text(json.dumps({"format": 99}), encoding="utf-8")
    assert shortlist_status(copy_package, 0.0).state == SHORTLIST_NONE


def test_a_new_map_loads_the_model_again(copy_package: InstalledPackage) -> None:
    before = load_model(copy_package, DecodingSettings())
    _build(copy_package)
    after = load_model(copy_package, DecodingSettings())
    assert after.translator is not before.translator
    assert load_model(copy_package, DecodingSettings()).translator is after.translator


def test_a_too_small_corpus_changes_nothing(copy_package: InstalledPackage) -> None:
    with pytest.raises(InvalidInput, match="a shortlist needs at least 50") as refused:
        build_shortlist(copy_package, CORPUS[:40], corpus_name="small.txt")
    assert refused.value.code == "shortlist.corpus_too_small"
    assert not vmap_path(copy_package).exists() and not record_path(copy_package).exists()
    with pytest.raises(InvalidInput) as bad_size:
        build_shortlist(copy_package, CORPUS, corpus_name="c.txt", size=0)
    assert bad_size.value.code == "shortlist.bad_size"


def test_removing_the_shortlist_brings_the_full_vocabulary_back(
    copy_package: InstalledPackage, recorded: list[bool]
) -> None:
    _build(copy_package)
    assert remove_shortlist(copy_package)
    assert not remove_shortlist(copy_package)
    assert shortlist_status(copy_package, 0.99).state == SHORTLIST_NONE
    translate_all(ArgosEngine(), [MTRequest(1, SENTENCES[0])])
    assert recorded == [False]


def test_every_package_has_its_own_shortlist(
    copy_package: InstalledPackage, tiny_package_file: Path, tmp_path: Path
) -> None:
    other = install_package(tiny_package_file, directory=tmp_path / "other")
    _build(copy_package)
    assert shortlist_status(other, 0.99).state == SHORTLIST_NONE
