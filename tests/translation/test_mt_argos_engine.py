"""ArgosEngine on a real (tiny, random-weight) Argos package: every path runs for real."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli.errors import one_line
from primitives.errors import InvalidInput, NotFound
from translation import argos_engine
from translation.argos_engine import ArgosEngine, DecodingSettings, SentencePieceCT2Model
from translation.engine import (
    FLAG_LONG_INPUT_SPLIT,
    FLAG_PLACEHOLDER_LOST,
    FLAG_REPETITION,
    MTRequest,
    TranslationEngine,
    engine_names,
    get_engine,
    translate_all,
)
from translation.packages import InstalledPackage, find_package
from translation.pipeline import PipelineSettings

SENTENCES = [
    "Ủy ban nhân dân tỉnh họp phiên thường kỳ.",
    "Bộ Tài chính đã hợp nhất.",
    "Chào bạn.",
    "Hội đồng nhân dân thành phố thông qua nghị quyết về kinh tế số.",
]


def test_registry_gives_the_argos_engine(installed_package: InstalledPackage) -> None:
    engine = get_engine("argos")
    assert isinstance(engine, ArgosEngine)
    assert isinstance(engine, TranslationEngine)
    assert "argos" in engine_names()
    assert engine.available()


def test_unknown_engine_name() -> None:
    with pytest.raises(InvalidInput, match="unknown MT engine 'deepl'; choose one of: argos"):
        get_engine("deepl")


def test_bad_decoding_settings_are_user_errors() -> None:
    with pytest.raises(InvalidInput, match="beam size"):
        get_engine("argos", beam_size=0)
    with pytest.raises(InvalidInput, match="compute type"):
        ArgosEngine(decoding=DecodingSettings(compute_type="int3"))


def test_no_package_installed(packages_dir: Path) -> None:
    engine = get_engine("argos")
    assert not engine.available()
    with pytest.raises(NotFound, match="no vi→en translation package is installed") as error:
        translate_all(engine, [MTRequest(1, "Chào bạn.")])
    assert error.value.code == "packages.none_installed"
    assert "songngu models install FILE.argosmodel" in one_line(error.value)


def test_batch_translation_and_scores(installed_package: InstalledPackage) -> None:
    requests = [MTRequest(i, text) for i, text in enumerate(SENTENCES)]
    requests.append(MTRequest("again", SENTENCES[0]))  # sent twice: translated twice
    groups = list(get_engine("argos").translate(requests))
    results = translate_all(get_engine("argos"), requests)
    assert sorted(str(r.key) for group in groups for r in group) == ["0", "1", "2", "3", "again"]
    assert [r.key for r in results] == [0, 1, 2, 3, "again"]
    assert all(r.target.strip() for r in results)
    assert all(0.0 < r.score <= 1.0 for r in results)
    first, again = results[0], results[-1]
    assert (again.target, again.flags) == (first.target, first.flags)
    assert again.score == pytest.approx(first.score)
    # Batched and sorted decoding gives each sentence what decoding it alone gives.
    alone = translate_all(get_engine("argos"), [MTRequest(3, SENTENCES[3])])
    assert alone[0].target == results[3].target


def test_model_is_loaded_once_per_process(installed_package: InstalledPackage) -> None:
    translate_all(get_engine("argos"), [MTRequest(1, "Chào bạn.")])
    count = argos_engine.loaded_model_count()
    translate_all(get_engine("argos"), [MTRequest(1, "Chào bạn.")])
    assert argos_engine.loaded_model_count() == count
    # The beam size is a per-batch setting: the same loaded model decodes with it.
    default = argos_engine.load_model(installed_package, DecodingSettings())
    narrow = argos_engine.load_model(installed_package, DecodingSettings(beam_size=1))
    assert argos_engine.loaded_model_count() == count
    assert narrow.translator is default.translator
    assert (narrow.decoding.beam_size, default.decoding.beam_size) == (1, 4)
    # Threads shape the loaded model itself.
    translate_all(get_engine("argos", intra_threads=1), [MTRequest(1, "Chào bạn.")])
    assert argos_engine.loaded_model_count() == count + 1


def test_a_target_prefix_in_the_metadata_starts_every_output(
    installed_package: InstalledPackage,
) -> None:
    prefix = SentencePieceCT2Model(installed_package, DecodingSettings()).tokenizer.id_to_piece(10)
    metadata_file = installed_package.path / "metadata.json"
    metadata = json.loads(metadata_file.read_text(encoding="utf-8"))
    metadata_file.write_text(json.dumps({**metadata, "target_prefix": prefix}), encoding="utf-8")
    package = find_package("vi", "en")
    assert package.target_prefix == prefix
    model = SentencePieceCT2Model(package, DecodingSettings(beam_size=1))
    assert model.target_prefix == [prefix]
    source = model.encode(["Chào bạn."])
    raw = model.translator.translate_batch(source, target_prefix=[[prefix]], beam_size=1)
    assert raw[0].hypotheses[0][0] == prefix
    # The pipeline sees the output without the prefix, within the limit it asked for.
    ((pieces, _),) = model.translate(source, max_decoding_length=4, guard_repetition=False)
    assert pieces == raw[0].hypotheses[0][1:5]


def test_decoding_keeps_underscores(installed_package: InstalledPackage) -> None:
    model = SentencePieceCT2Model(installed_package, DecodingSettings())
    pieces = model.encode(["file_name_v2 ok"])
    assert model.decode(pieces) == ["file_name_v2 ok"]


def test_long_input_is_split_and_never_cut(installed_package: InstalledPackage) -> None:
    long_source = ", ".join(SENTENCES * 6)
    engine = ArgosEngine(pipeline=PipelineSettings(max_input_tokens=40))
    model = argos_engine.load_model(installed_package, engine.decoding)
    assert len(model.encode([long_source])[0]) > 40
    result = translate_all(engine, [MTRequest(1, long_source)])[0]
    assert FLAG_LONG_INPUT_SPLIT in result.flags


def test_random_weights_loop_and_are_retried_with_the_guard(
    installed_package: InstalledPackage,
) -> None:
    # A random-weight model never emits end-of-sentence: every output reaches its limit
    # and is redone with the repetition penalty, and the result says so.
    result = translate_all(get_engine("argos"), [MTRequest(1, SENTENCES[0])])[0]
    assert FLAG_REPETITION in result.flags


def test_placeholders_mangled_by_the_model_fall_back_and_flag(
    installed_package: InstalledPackage,
) -> None:
    # Random weights do not copy "[1]" through, so protection must fall back.
    request = MTRequest(1, "<g1>UBND</g1> chi 6,5% ngân sách.")
    result = translate_all(get_engine("argos"), [request])[0]
    assert FLAG_PLACEHOLDER_LOST in result.flags
    assert result.target.endswith("<g1></g1>")


def test_decoding_options_by_keyword() -> None:
    engine = get_engine("argos", beam_size=2, intra_threads=1, compute_type="int8")
    assert isinstance(engine, ArgosEngine)
    assert engine.decoding == DecodingSettings(beam_size=2, intra_threads=1, compute_type="int8")
    with pytest.raises(InvalidInput, match="unknown Argos engine option\\(s\\) beams"):
        get_engine("argos", beams=2)


def test_a_damaged_model_is_a_user_error(installed_package: InstalledPackage) -> None:
    (installed_package.model_dir / "model.bin").write_bytes(b"damaged")
    with pytest.raises(InvalidInput, match="cannot be loaded") as error:
        translate_all(get_engine("argos"), [MTRequest(1, "Chào bạn.")])
    assert "songngu" not in str(error.value)  # what to type is the CLI's hint
    assert one_line(error.value).endswith(
        "; reinstall it with `songngu models install FILE.argosmodel`"
    )
