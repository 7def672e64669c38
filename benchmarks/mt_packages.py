"""The synthetic vi→en packages and the sentences the MT benchmarks share.

Both packages have the published translate-vi_en model's shape (Marian transformer 6+6
layers, d_model 512, 8 heads, FFN 2048, post-norm, Swish, 54,000-piece vocabulary, int8)
and the same SentencePiece tokenizer, trained on the Tatoeba corpus (CC-BY 2.0 FR):
- "random": random weights, which never emit end-of-sentence: every output runs to
  the cap (the cap-to-limit comparison);
- "copy": a copy model (songngu_testing.synthetic.build_copy_model) whose output stops
  after COPY_RATIO × its source's pieces. COPY_RATIO is the ratio of English reference
  pieces to Vietnamese source pieces of the benchmark sentences under this tokenizer,
  so each sentence stops about where a real model's translation of it would, and every
  side of a comparison sees the same stops (they are the model's own end-of-sentence).
Built once and cached under benchmarks/_work/.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from songngu_testing.synthetic import VI_EN_SHAPE, build_package

from benchmarks import CORPUS
from primitives.errors import NotFound
from translation.packages import InstalledPackage, find_package, install_package

WORK = Path(__file__).resolve().parent / "_work"
COPY_RATIO = 0.78  # reference/source pieces of the 500 longest sentences: 7,251 / 9,327
READING_ORDER_SEED = 7
_FOLDERS = {"random": "packages", "copy": "packages-copy"}


def corpus_pairs() -> list[tuple[str, str]]:
    """(Vietnamese, English) pairs of the Tatoeba corpus, in file order."""
    pairs = [line.split("\t") for line in CORPUS.read_text("utf-8").splitlines()]
    return [(pair[0], pair[1]) for pair in pairs if len(pair) >= 2]


def training_lines() -> list[str]:
    """Both columns of the corpus: what the synthetic packages' tokenizer is trained on."""
    pairs = corpus_pairs()
    return [vi for vi, _ in pairs] + [en for _, en in pairs]


def benchmark_sentences(count: int) -> list[tuple[str, str]]:
    """The count longest distinct Vietnamese sentences with a reference, in reading order.

    The corpus file is roughly sorted by length; a document is not, so the chosen
    sentences are shuffled with a fixed seed (the same order every run).
    """
    references: dict[str, str] = {}
    for vietnamese, english in corpus_pairs():
        references.setdefault(vietnamese, english)
    longest = sorted(references, key=lambda text: (-len(text), text))[:count]
    random.Random(READING_ORDER_SEED).shuffle(longest)
    return [(text, references[text]) for text in longest]


def ensure_package(kind: str) -> InstalledPackage:
    """The installed synthetic package of this kind ("random" or "copy"), built if missing."""
    packages = WORK / _FOLDERS[kind]
    try:
        return find_package("vi", "en", packages)
    except NotFound:
        pass
    archive = WORK / f"translate-vi_en-synthetic-{kind}.argosmodel"
    if not archive.exists():
        started = time.perf_counter()
        build_package(
            archive,
            training_lines=training_lines(),
            shape=VI_EN_SHAPE,
            tokenizer_vocabulary_size=8000,
            copy_ratio=COPY_RATIO if kind == "copy" else None,
        )
        print(f"built {archive.name} in {time.perf_counter() - started:.0f} s")
    return install_package(archive, directory=packages)
