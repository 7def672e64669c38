"""Text repair: detection accuracy per legacy encoding and speed on 10,000 paragraphs.

Run: ``.venv/bin/python -m benchmarks.text_repair``. Input is the Vietnamese and English
columns of ../shared/corpora/tatoeba-vi-en.tsv (Tatoeba, CC-BY 2.0 FR). Each
Vietnamese sentence is written in a legacy encoding with workflow.vietnamese.legacy_encode
and repaired alone, with no font name, which is the hardest case (most sentences are
under 40 characters). The comparison in the same run is ftfy.fix_text, the off-the-shelf
repair tool, given the same input.
"""

from __future__ import annotations

import os
import time
import unicodedata
from collections.abc import Callable

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252")

from benchmarks import CORPUS
from primitives.errors import InvalidInput
from workflow.vietnamese.encodings import decode_bytes, repair_text
from workflow.vietnamese.legacy_encode import (
    encode_cp1258,
    encode_tcvn3,
    encode_viqr,
    encode_viscii,
    encode_vni,
    tcvn3_bytes,
    vni_bytes,
)

ENCODERS: dict[str, Callable[[str], str]] = {
    "tcvn3": lambda s: encode_tcvn3(s.lower()),
    "vni": encode_vni,
    "viscii": lambda s: encode_viscii(s).decode("latin-1"),
    "cp1258": lambda s: encode_cp1258(s).decode("sloppy-windows-1252"),
    "viqr": encode_viqr,
    "utf8-mojibake": lambda s: s.encode("utf-8").decode("sloppy-windows-1252"),
}


def load_rows() -> list[tuple[str, str]]:
    rows = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        vietnamese, english = line.split("\t")[:2]
        rows.append((unicodedata.normalize("NFC", vietnamese), english))
    return rows


def accuracy(rows: list[tuple[str, str]]) -> None:
    print(
        "| input (one sentence per call, no font) | sentences | songngu repair_text | ftfy.fix_text |"
    )
    print("|---|---|---|---|")
    for encoding, encode in ENCODERS.items():
        tried = ours = theirs = 0
        for vietnamese, _ in rows:
            expected = vietnamese.lower() if encoding == "tcvn3" else vietnamese
            try:
                legacy = encode(vietnamese)
            except (InvalidInput, UnicodeError):
                continue
            if legacy == expected:
                continue
            tried += 1
            ours += repair_text(legacy).text == expected
            theirs += unicodedata.normalize("NFC", ftfy.fix_text(legacy)) == expected
        print(f"| {encoding} | {tried} | {ours / tried:.2%} | {theirs / tried:.2%} |")
    cells = [cell for row in rows for cell in row]
    ours_changed = sum(repair_text(c).text != unicodedata.normalize("NFC", c) for c in cells)
    theirs_changed = sum(
        unicodedata.normalize("NFC", ftfy.fix_text(c)) != unicodedata.normalize("NFC", c)
        for c in cells
    )
    print(
        f"| correct Unicode (both columns): lines changed beyond NFC | {len(cells)} | "
        f"{ours_changed} | {theirs_changed} |"
    )


def whole_files(rows: list[tuple[str, str]]) -> None:
    sentences = []
    for vietnamese, _ in rows:
        try:
            for encode in (tcvn3_bytes, vni_bytes, encode_viscii, encode_cp1258):
                encode(vietnamese.lower())
        except InvalidInput:
            continue
        sentences.append(vietnamese)
    text = "\n".join(sentences)
    for name, data, expected in [
        ("tcvn3", tcvn3_bytes(text.lower()), text.lower()),
        ("vni", vni_bytes(text), text),
        ("viscii", encode_viscii(text), text),
        ("cp1258", encode_cp1258(text), text),
    ]:
        decoded, found = decode_bytes(data)
        print(
            f"- whole file ({len(sentences)} lines) in {name}: decoded as {found}, "
            f"exact = {decoded == expected}"
        )


def paragraphs(rows: list[tuple[str, str]], count: int) -> list[str]:
    sentences = [vietnamese for vietnamese, _ in rows]
    out = []
    for index in range(count):
        start = (index * 5) % (len(sentences) - 6)
        out.append(" ".join(sentences[start : start + 6]))
    return out


def timed(label: str, work: Callable[[], object], chars: int) -> float:
    started, cpu_started = time.perf_counter(), time.process_time()
    work()
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    print(f"| {label} | {seconds:.2f} s | {cpu:.2f} s | {chars / cpu / 1e6:.2f} M chars/s |")
    return seconds


def speed(rows: list[tuple[str, str]]) -> None:
    unicode_paragraphs = paragraphs(rows, 10_000)
    tcvn3 = []
    for paragraph in unicode_paragraphs:
        try:
            tcvn3.append(encode_tcvn3(paragraph.lower()))
        except InvalidInput:
            tcvn3.append(paragraph)
    vni = []
    for paragraph in unicode_paragraphs:
        try:
            vni.append(encode_vni(paragraph))
        except InvalidInput:
            vni.append(paragraph)
    chars = sum(map(len, unicode_paragraphs))
    print(f"\n10,000 paragraphs, {chars / 1e6:.2f} M characters, one process:\n")
    print("| run | wall time | CPU time | throughput (CPU) |")
    print("|---|---|---|---|")
    timed("Unicode, repair_text", lambda: [repair_text(p) for p in unicode_paragraphs], chars)
    timed("Unicode, ftfy.fix_text", lambda: [ftfy.fix_text(p) for p in unicode_paragraphs], chars)
    timed("TCVN3 with .VnTime font", lambda: [repair_text(p, ".VnTime") for p in tcvn3], chars)
    timed("TCVN3, no font (content statistics)", lambda: [repair_text(p) for p in tcvn3], chars)
    timed("VNI, no font (content statistics)", lambda: [repair_text(p) for p in vni], chars)
    timed("TCVN3, ftfy.fix_text", lambda: [ftfy.fix_text(p) for p in tcvn3], chars)


def main() -> None:
    print(f"nproc = {os.cpu_count()}, load average {os.getloadavg()[0]:.1f}\n")
    rows = load_rows()
    accuracy(rows)
    print()
    whole_files(rows)
    speed(rows)


if __name__ == "__main__":
    main()
