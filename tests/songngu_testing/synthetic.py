"""Build real, loadable Argos packages with random weights, without torch (test tooling).

The package has the layout the real vi→en package has (metadata.json, a SentencePiece
tokenizer and a CTranslate2 model under model/), so every loading, tokenising and
decoding path runs for real. The translations are nonsense: the weights are random.
Tests use a tiny shape (built in about a second); benchmarks use the published
vi→en model's shape so that decoding costs what the real model costs.
"""

from __future__ import annotations

import io
import json
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sentencepiece as spm
from ctranslate2.specs import TransformerSpec, common_spec


@dataclass(frozen=True)
class ModelShape:
    """Size of a synthetic Transformer model."""

    encoder_layers: int
    decoder_layers: int
    d_model: int
    heads: int
    ffn: int
    vocabulary_size: int
    quantization: str | None = None  # e.g. "int8"; None keeps float32
    post_norm_swish: bool = False  # Marian (OPUS-MT) layout: post-norm, Swish FFN


TINY_SHAPE = ModelShape(
    encoder_layers=1, decoder_layers=1, d_model=16, heads=2, ffn=32, vocabulary_size=400
)
# The published translate-vi_en 1.9 package (OPUS-MT Marian transformer).
VI_EN_SHAPE = ModelShape(
    encoder_layers=6,
    decoder_layers=6,
    d_model=512,
    heads=8,
    ffn=2048,
    vocabulary_size=54_000,
    quantization="int8",
    post_norm_swish=True,
)


def train_sentencepiece(lines: Iterable[str], vocabulary_size: int) -> bytes:
    """Train a unigram SentencePiece model on lines; return the serialized model."""
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(list(lines)),
        model_writer=model,
        vocab_size=vocabulary_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        model_type="unigram",
        minloglevel=2,
    )
    return model.getvalue()


def _variable_shape(name: str, shape: ModelShape, vocabulary_size: int) -> tuple[int, ...]:
    d, ffn = shape.d_model, shape.ffn
    if name.endswith(("gamma", "beta")):
        return (d,)
    if name.endswith(("embeddings_0/weight", "embeddings/weight", "projection/weight")):
        return (vocabulary_size, d)
    if "/ffn/linear_0/" in name:
        return (ffn, d)
    if "/ffn/linear_1/" in name:
        return (d, ffn)
    if "/self_attention/linear_0/" in name:
        return (3 * d, d)  # fused query, key, value
    if "/attention/linear_1/" in name and "self_attention" not in name:
        return (2 * d, d)  # fused key, value of the encoder output
    if name.endswith("/weight"):
        return (d, d)
    raise ValueError(f"no synthetic shape for model variable {name}")


def _random_value(name: str, size: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    if name.endswith("gamma"):
        return np.ones(size, dtype=np.float32)
    if name.endswith("beta"):
        return np.zeros(size, dtype=np.float32)
    # Small weights keep activations finite through every layer.
    return (rng.standard_normal(size) * 0.08).astype(np.float32)


def build_ct2_model(
    model_dir: Path, vocabulary: list[str], shape: ModelShape, *, seed: int = 0
) -> None:
    """Write a CTranslate2 Transformer with random weights and a shared vocabulary."""
    if shape.post_norm_swish:
        spec = TransformerSpec.from_config(
            (shape.encoder_layers, shape.decoder_layers),
            shape.heads,
            pre_norm=False,
            activation=common_spec.Activation.SWISH,
        )
    else:
        spec = TransformerSpec.from_config(
            (shape.encoder_layers, shape.decoder_layers), shape.heads
        )
    rng = np.random.default_rng(seed)
    for name, value in spec.variables().items():
        if value is not None:
            continue
        size = _variable_shape(name, shape, len(vocabulary))
        _assign(spec, name, _random_value(name, size, rng))
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    if shape.quantization:
        spec.optimize(quantization=shape.quantization)
    model_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(model_dir))


def _assign(spec: TransformerSpec, name: str, value: np.ndarray) -> None:
    """Set the variable at a 'scope/sub/attr' path of a model spec."""
    *scopes, attribute = name.split("/")
    node: object = spec
    for scope in scopes:
        if hasattr(node, scope):
            node = getattr(node, scope)
            continue
        # Lists are named "<list>_<index>" in variable paths: layer_0, linear_1, ...
        list_name, _, index = scope.rpartition("_")
        node = getattr(node, list_name)[int(index)]
    setattr(node, attribute, value)


def build_package(
    output_file: Path,
    *,
    training_lines: Iterable[str],
    shape: ModelShape = TINY_SHAPE,
    from_code: str = "vi",
    to_code: str = "en",
    package_version: str = "1.9",
    folder_name: str | None = None,
    seed: int = 0,
    tokenizer_vocabulary_size: int | None = None,
) -> Path:
    """Build a synthetic .argosmodel at output_file and return its path.

    tokenizer_vocabulary_size bounds the SentencePiece model trained on training_lines
    (a small text cannot fill tens of thousands of pieces); the model's vocabulary is
    padded to shape.vocabulary_size either way.
    """
    folder = folder_name or f"translate-{from_code}_{to_code}-{package_version.replace('.', '_')}"
    with tempfile.TemporaryDirectory(prefix="songngu-synthetic-") as scratch:
        root = Path(scratch) / folder
        root.mkdir()
        sp_model = train_sentencepiece(
            training_lines, tokenizer_vocabulary_size or shape.vocabulary_size
        )
        (root / "sentencepiece.model").write_bytes(sp_model)
        processor = spm.SentencePieceProcessor(model_proto=sp_model)
        vocabulary = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
        # A published model's vocabulary is larger than this small training text can fill;
        # the extra entries give the output layer the real model's cost.
        vocabulary += [f"<extra_{i}>" for i in range(shape.vocabulary_size - len(vocabulary))]
        build_ct2_model(root / "model", vocabulary, shape, seed=seed)
        metadata = {
            "package_version": package_version,
            "argos_version": "1.9",
            "from_code": from_code,
            "from_name": "Vietnamese" if from_code == "vi" else from_code,
            "to_code": to_code,
            "to_name": "English" if to_code == "en" else to_code,
            "type": "translate",
            "links": [],
        }
        (root / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
        (root / "README.md").write_text(
            "Synthetic package with random weights (songngu tests and benchmarks).\n",
            encoding="utf-8",
        )
        output_file.parent.mkdir(parents=True, exist_ok=True)
        partial = output_file.with_name(output_file.name + ".partial")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(root, folder)
            for path in sorted(root.rglob("*")):
                archive.write(path, str(path.relative_to(root.parent)))
        shutil.move(partial, output_file)
    return output_file
