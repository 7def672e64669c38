"""A real Argos package whose CTranslate2 model copies its input (test tooling).

Random weights (synthetic.py) never reproduce a placeholder such as "[3]", so they can
only test the fallback. This model is built by hand to copy: its one cross-attention
head looks at the source position equal to the output position (codes of positions in
the first dimensions), and the attended source token's code is read out by the output
layer (codes of tokens in the other dimensions). The source ends with "</s>" (the
package adds it, as Marian models do), so the copy ends where the input does. Every
loading, tokenising, batching and decoding path of the engine runs for real, and what
comes back is the protected text, placeholders included.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import sentencepiece as spm
from ctranslate2.specs import TransformerSpec

from songngu_testing.synthetic import train_sentencepiece

POSITION_DIMS = 64  # codes of positions: random balanced ±1 vectors
TOKEN_DIMS = 64  # codes of tokens
MAX_POSITIONS = 512  # longest source the model copies (the pipeline splits longer ones)
ATTENTION_SHARPNESS = 10.0
READ_OUT = 8.0


def _balanced_codes(count: int, dims: int, rng: np.random.Generator) -> np.ndarray:
    """count vectors of ±1 with as many +1 as -1: zero mean, so layer norm only scales."""
    base = np.array([1.0] * (dims // 2) + [-1.0] * (dims - dims // 2), dtype=np.float32)
    return np.stack([rng.permutation(base) for _ in range(count)])


def build_copy_model(model_dir: Path, vocabulary: list[str], *, seed: int = 0) -> None:
    """Write a one-layer CTranslate2 Transformer that copies its (EOS-terminated) input."""
    rng = np.random.default_rng(seed)
    size = POSITION_DIMS + TOKEN_DIMS
    positions = np.zeros((MAX_POSITIONS, size), dtype=np.float32)
    positions[:, :POSITION_DIMS] = _balanced_codes(MAX_POSITIONS, POSITION_DIMS, rng)
    tokens = np.zeros((len(vocabulary), size), dtype=np.float32)
    tokens[:, POSITION_DIMS:] = _balanced_codes(len(vocabulary), TOKEN_DIMS, rng)
    zeros = np.zeros((size, size), dtype=np.float32)
    ones, nothing = np.ones(size, dtype=np.float32), np.zeros(size, dtype=np.float32)
    select_positions = np.zeros((size, size), dtype=np.float32)
    select_positions[:POSITION_DIMS, :POSITION_DIMS] = np.eye(POSITION_DIMS)
    select_tokens = np.zeros((size, size), dtype=np.float32)
    select_tokens[POSITION_DIMS:, POSITION_DIMS:] = np.eye(TOKEN_DIMS)

    spec = TransformerSpec.from_config((1, 1), 1)
    spec.config.add_source_eos = True
    encoder, decoder = spec.encoder, spec.decoder
    encoder.scale_embeddings = False
    encoder.embeddings[0].weight = tokens
    encoder.position_encodings.encodings = positions
    for norm in (encoder.layer_norm, *_norms(encoder.layer[0]), decoder.layer_norm):
        norm.gamma, norm.beta = ones, nothing
    for norm in _norms(decoder.layer[0]):
        norm.gamma, norm.beta = ones, nothing
    # Encoder: its sublayers add nothing, so each output is its input, normalised.
    encoder.layer[0].self_attention.linear[0].weight = np.zeros((3 * size, size), np.float32)
    encoder.layer[0].self_attention.linear[1].weight = zeros
    _silence_ffn(encoder.layer[0].ffn, size)
    # Decoder: target tokens add nothing (the position alone asks for its source token).
    decoder.embeddings.weight = np.zeros((len(vocabulary), size), dtype=np.float32)
    decoder.position_encodings.encodings = positions
    decoder.layer[0].self_attention.linear[0].weight = np.zeros((3 * size, size), np.float32)
    decoder.layer[0].self_attention.linear[1].weight = zeros
    cross = decoder.layer[0].attention
    cross.linear[0].weight = select_positions * ATTENTION_SHARPNESS  # query: my position
    cross.linear[1].weight = np.concatenate([select_positions, select_tokens])  # keys, values
    cross.linear[2].weight = select_tokens * READ_OUT
    _silence_ffn(decoder.layer[0].ffn, size)
    decoder.projection.weight = tokens  # the logit of a token: its code · the read-out
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    model_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(model_dir))


def _norms(layer: object) -> list[object]:
    return [
        sub.layer_norm
        for sub in (getattr(layer, name, None) for name in ("self_attention", "attention", "ffn"))
        if sub is not None
    ]


def _silence_ffn(ffn: object, size: int) -> None:
    ffn.linear_0.weight = np.zeros((8, size), dtype=np.float32)  # type: ignore[attr-defined]
    ffn.linear_1.weight = np.zeros((size, 8), dtype=np.float32)  # type: ignore[attr-defined]


def build_copy_package(output_file: Path, *, training_lines: Iterable[str]) -> Path:
    """A vi→en .argosmodel that copies: SentencePiece trained on training_lines."""
    lines = list(training_lines)
    # Placeholders and their digits must be pieces of the vocabulary to be copied.
    lines += [" ".join(f"[{n}]" for n in range(1, 60))] * 20
    folder = "translate-vi_en-1_9"
    with tempfile.TemporaryDirectory(prefix="songngu-copy-") as scratch:
        root = Path(scratch) / folder
        root.mkdir()
        sp_model = train_sentencepiece(lines, 2000)
        (root / "sentencepiece.model").write_bytes(sp_model)
        processor = spm.SentencePieceProcessor(model_proto=sp_model)
        vocabulary = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
        build_copy_model(root / "model", vocabulary)
        metadata = {
            "package_version": "1.9",
            "argos_version": "1.9",
            "from_code": "vi",
            "from_name": "Vietnamese",
            "to_code": "en",
            "to_name": "English",
            "type": "translate",
            "links": [],
        }
        (root / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
        (root / "README.md").write_text("Copying model (songngu tests).\n", encoding="utf-8")
        output_file.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(output_file, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(root, folder)
            for path in sorted(root.rglob("*")):
                archive.write(path, str(path.relative_to(root.parent)))
    return output_file
