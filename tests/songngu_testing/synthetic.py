"""Build real, loadable Argos packages without torch (test tooling).

The package has the layout the real vi→en package has (metadata.json, a SentencePiece
tokenizer and a CTranslate2 model under model/), so every loading, tokenising and
decoding path runs for real. Tests use a tiny shape (built in about a second); benchmarks
use the published vi→en model's shape so that decoding costs what the real model costs.

Two kinds of weights:
- random (the default): nonsense that never emits end-of-sentence, so every output runs
  to its length limit, loops, and drops placeholders;
- a copy model (``copy_ratio``): weights set by hand so that decoder step t attends to
  source position t / ratio and copies that piece, then copies the source's closing
  ``</s>``. Its output stops after about ratio × source pieces, as a real model stops at
  about the length of its translation, keeps placeholders and numbers, and does not loop:
  the behaviour speed depends on, at the real model's cost (every layer still computes).
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
# The smallest copy model (build_copy_model needs 64 dimensions per head).
TINY_COPY_SHAPE = ModelShape(
    encoder_layers=1, decoder_layers=1, d_model=128, heads=2, ffn=256, vocabulary_size=400
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


# The copy model's layout: the first 64 model dimensions carry the position (the cosine
# and sine of 32 frequencies), the others the token; every attention head is 64 wide.
_POSITION_DIMS = 64
_HEAD_DIMS = 64
# Frequencies (radians per position) whose cosines summed peak sharply at distance 0 and
# stay at least 20 below the peak at every other distance up to 1,100 positions.
_FREQUENCIES = np.geomspace(0.4, 2.8, _POSITION_DIMS // 2)
_MAX_POSITIONS = 1100  # above CTranslate2's 1,024-token input default and any output limit
_TINY = 1e-3  # weights that must compute but not matter (zero would break int8 scales)
_TOKEN_LOGIT_SCALE = 2.5  # the copied piece's logit is about 30 above any other


def _position_table(frequencies: np.ndarray, d_model: int) -> np.ndarray:
    angles = np.arange(_MAX_POSITIONS)[:, None] * frequencies[None, :]
    table = np.zeros((_MAX_POSITIONS, d_model), dtype=np.float32)
    half = _POSITION_DIMS // 2
    table[:, :half] = np.cos(angles)
    table[:, half:_POSITION_DIMS] = np.sin(angles)
    return table


def build_copy_model(
    model_dir: Path, vocabulary: list[str], shape: ModelShape, *, ratio: float, seed: int = 0
) -> None:
    """Write a CTranslate2 Transformer that copies its source, stopping at ratio × its length.

    Encoder and decoder position tables use the same frequencies, the encoder's scaled by
    ratio, so the score of decoder step t for source position i is a sum of
    cos(w · (t − ratio · i)): each head of the first decoder layer's cross-attention
    attends to i ≈ t / ratio, and heads 1… carry that position's token vector back
    (head 0 only its position). The output projection holds the same token vectors, so
    the attended piece wins; the source ends with ``</s>`` (add_source_eos), so once
    t / ratio passes the last piece the copied token is end-of-sentence. Every other
    weight is tiny noise: it costs what a real weight costs and changes nothing. With
    ratio < 1 some pieces are skipped, as a translation shorter than its source drops
    pieces; with ratio 1 the output is the source.
    """
    d = shape.d_model
    if d != _HEAD_DIMS * shape.heads or shape.heads < 2:
        raise ValueError("a copy model needs d_model = 64 × heads, with 2 heads or more")
    if not 0.25 <= ratio <= 4:
        raise ValueError(f"copy ratio {ratio} is not a plausible length ratio")
    rng = np.random.default_rng(seed)
    token_dims = d - _POSITION_DIMS
    size = len(vocabulary)
    tokens = rng.standard_normal((size, token_dims))
    tokens -= tokens.mean(axis=1, keepdims=True)  # layer norm's mean shift then cancels
    tokens /= np.linalg.norm(tokens, axis=1, keepdims=True)

    def tiny(*dims: int) -> np.ndarray:
        return (rng.standard_normal(dims) * _TINY).astype(np.float32)

    spec = TransformerSpec.from_config(
        (shape.encoder_layers, shape.decoder_layers),
        shape.heads,
        pre_norm=False,
        activation=common_spec.Activation.SWISH,
    )
    spec.config.add_source_eos = True
    # Token part of the source embedding as long as the position part (both then carry
    # half of the layer-normed vector); embeddings are scaled by sqrt(d) when looked up.
    source = np.zeros((size, d), dtype=np.float32)
    source[:, _POSITION_DIMS:] = tokens * np.sqrt(_POSITION_DIMS / 2) / np.sqrt(d)
    projection = np.zeros((size, d), dtype=np.float32)
    projection[:, _POSITION_DIMS:] = tokens * _TOKEN_LOGIT_SCALE
    query = np.zeros((d, d), dtype=np.float32)
    key_value = np.zeros((2 * d, d), dtype=np.float32)
    output = np.zeros((d, d), dtype=np.float32)
    identity = np.eye(_HEAD_DIMS, dtype=np.float32)
    for head in range(shape.heads):
        start = head * _HEAD_DIMS
        query[start : start + _POSITION_DIMS, :_POSITION_DIMS] = identity
        key_value[start : start + _POSITION_DIMS, :_POSITION_DIMS] = identity
        if head:
            first = _POSITION_DIMS + (head - 1) * _HEAD_DIMS
            token_slice = slice(first, first + _HEAD_DIMS)
            key_value[d + start : d + start + _HEAD_DIMS, token_slice] = identity
            output[token_slice, start : start + _HEAD_DIMS] = identity
    chosen = {
        "encoder/embeddings_0/weight": source,
        "decoder/embeddings/weight": tiny(size, d),  # the state ignores the previous piece
        "decoder/projection/weight": projection,
        "decoder/layer_0/attention/linear_0/weight": query + tiny(d, d),
        "decoder/layer_0/attention/linear_1/weight": key_value + tiny(2 * d, d),
        "decoder/layer_0/attention/linear_2/weight": output + tiny(d, d),
    }
    for name, value in spec.variables().items():
        if value is not None:
            continue
        if name in chosen:
            _assign(spec, name, chosen[name])
        elif name.endswith("gamma"):
            _assign(spec, name, np.ones(d, dtype=np.float32))
        elif name.endswith("beta"):
            _assign(spec, name, np.zeros(d, dtype=np.float32))
        else:
            _assign(spec, name, tiny(*_variable_shape(name, shape, size)))
    spec.encoder.position_encodings.encodings = _position_table(_FREQUENCIES * ratio, d)
    spec.decoder.position_encodings.encodings = _position_table(_FREQUENCIES, d)
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
    copy_ratio: float | None = None,
) -> Path:
    """Build a synthetic .argosmodel at output_file and return its path.

    tokenizer_vocabulary_size bounds the SentencePiece model trained on training_lines
    (a small text cannot fill tens of thousands of pieces); the model's vocabulary is
    padded to shape.vocabulary_size either way. copy_ratio builds a copy model (see
    build_copy_model) instead of random weights.
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
        if copy_ratio is None:
            build_ct2_model(root / "model", vocabulary, shape, seed=seed)
        else:
            build_copy_model(root / "model", vocabulary, shape, ratio=copy_ratio, seed=seed)
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
        weights = "random weights" if copy_ratio is None else f"a copy model, ratio {copy_ratio}"
        (root / "README.md").write_text(
            f"Synthetic package with {weights} (songngu tests and benchmarks).\n",
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
