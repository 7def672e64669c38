"""Whole-command MT timings: `songngu translate` against argostranslate's pattern as a program.

Run: .venv/bin/python -m benchmarks.mt_command prepare [--sentences 500] [--shortlist]
then time, with any whole-process timer (e.g. /usr/bin/time -v), each command it prints:
- A: `songngu translate` of a project holding the benchmark sentences in reading order,
  on a fresh copy of a prepared SQLite database each time: start-up, model load,
  database, the job's planning, chunks, guarded writes and progress are all in it;
- B: `python -m benchmarks.mt_command argos-pattern FILE`: a process that loads the same
  model and tokenizer and translates each paragraph as argostranslate 1.11 does: its
  sentences (cut by songngu's segmenter, as the import cut them for A) in one
  translate_batch with max_batch_size=32 tokens, beam 4, 4 hypotheses, so in practice
  one sentence per batch; then prints the translations.
Both use the copy model of benchmarks.mt_packages (outputs stop at realistic lengths),
so both produce the same output tokens and the ratio of their times is the ratio of
their throughputs. Without --shortlist, A and B use a second installation of the copy
package that has no shortlist (benchmarks/_work/packages-copy-full); with --shortlist,
A uses the package whose shortlist passes its gate (built by benchmarks.mt_throughput,
or here). Each has its own home (benchmarks/_work/command/full or /shortlist), so both
can be prepared and timed against each other, A and B in turn.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks import REPO
from benchmarks.mt_packages import WORK, benchmark_sentences, ensure_package
from primitives.errors import NotFound
from translation.packages import InstalledPackage, find_package, install_package
from translation.shortlist import read_record

COMMAND_HOME = WORK / "command"
SONGNGU = REPO / ".venv" / "bin" / "songngu"


def full_vocabulary_package() -> InstalledPackage:
    """The copy package installed a second time, without a shortlist."""
    packages = WORK / "packages-copy-full"
    try:
        return find_package("vi", "en", packages)
    except NotFound:
        ensure_package("copy")  # builds the archive if it is missing
        return install_package(
            WORK / "translate-vi_en-synthetic-copy.argosmodel", directory=packages
        )


def prepare(sentences: int, shortlist: bool) -> None:
    if shortlist:
        from benchmarks.mt_throughput import ensure_shortlist

        package = ensure_package("copy")
        chosen = {vietnamese for vietnamese, _ in benchmark_sentences(sentences)}
        ensure_shortlist(package, chosen)
    else:
        package = full_vocabulary_package()
        if read_record(package) is not None:
            raise SystemExit(
                f"{package.path} has a shortlist: remove that folder and prepare again"
            )
    work = COMMAND_HOME / ("shortlist" if shortlist else "full")
    if work.exists():
        shutil.rmtree(work)
    home = work / "home"
    home.mkdir(parents=True)
    document = work / "document.txt"
    text = "\n\n".join(vietnamese for vietnamese, _ in benchmark_sentences(sentences))
    document.write_text(text + "\n", encoding="utf-8")
    env = {**os.environ, "SONGNGU_HOME": str(home), "ARGOS_PACKAGES_DIR": str(package.path.parent)}
    for args in (["project", "create", "Bench"], ["import", "Bench", str(document)]):
        subprocess.run([str(SONGNGU), *args], env=env, check=True, capture_output=True)
    template = work / "template.db"
    shutil.copy(home / "songngu.db", template)
    variables = f"SONGNGU_HOME={home} ARGOS_PACKAGES_DIR={package.path.parent}"
    translate = (
        f"cp {template} {home / 'songngu.db'} && exec env {variables} {SONGNGU} translate Bench"
    )
    print("A (songngu translate, whole process):")
    print(f"  sh -c {shlex.quote(translate)}")
    print("B (argostranslate 1.11's call pattern, whole process):")
    print(
        f"  {sys.executable} -m benchmarks.mt_command argos-pattern {document} "
        f"--packages {package.path.parent}"
    )


def argos_pattern(document: Path, packages: Path) -> None:
    """Load the model as argostranslate does and translate one sentence per call."""
    import ctranslate2
    import sentencepiece

    from translation.packages import find_package
    from workflow.vietnamese.segmenter import split_sentences

    package = find_package("vi", "en", packages)
    tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(package.tokenizer_file))
    translator = ctranslate2.Translator(str(package.model_dir), compute_type="int8")
    paragraphs = [p for p in document.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    for paragraph in paragraphs:
        tokens = tokenizer.encode(split_sentences(paragraph.strip()), out_type=str)
        results = translator.translate_batch(
            tokens,
            replace_unknowns=True,
            max_batch_size=32,
            batch_type="tokens",
            beam_size=4,
            num_hypotheses=4,
            length_penalty=0.2,
            return_scores=True,
        )
        print(" ".join(tokenizer.decode_pieces(result.hypotheses[0]) for result in results))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    ready = commands.add_parser("prepare", help="build the database and print both commands")
    ready.add_argument("--sentences", type=int, default=500)
    ready.add_argument("--shortlist", action="store_true")
    pattern = commands.add_parser("argos-pattern", help="B: argostranslate's pattern")
    pattern.add_argument("document", type=Path)
    pattern.add_argument("--packages", type=Path, required=True)
    args = parser.parse_args()
    if args.command == "prepare":
        prepare(args.sentences, args.shortlist)
    else:
        argos_pattern(args.document, args.packages)


if __name__ == "__main__":
    main()
