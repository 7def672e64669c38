"""MT throughput: argostranslate's call pattern, raw CTranslate2 and songngu's engine.

Run: .venv/bin/python -m benchmarks.mt_throughput [--sentences 500] [--rounds 3] [--sweep]
     [--sweep-only]

Every comparison is in one run, on one loaded model per package and thread layout, beam 4:
1. realistic lengths: the copy model of benchmarks.mt_packages, whose outputs stop where
   the sentence's translation would (its own end-of-sentence, the same for every side),
   on the sentences in reading order:
   (a) argostranslate 1.11's call pattern: one translate_batch per sentence;
   (c) one raw CTranslate2 translate_batch over every sentence (CT2 sorts and batches),
       with the engine's thread and batch layout;
   (b) songngu's ArgosEngine as a job runs it (protection, length-sorted batches,
       retries on, streaming), same layout;
   and the same with the package's shortlist ((b) and (c) with use_vmap), built from the
   corpus without the benchmark sentences;
   --sweep first times (c) for each thread and batch layout, and (b) for two layouts.
2. cap to limit (today's comparison): the random-weight package, whose outputs all run
   to a cap of --cap tokens; (b) with retries and protection off (random weights loop
   and drop placeholders on every sentence).
(b), (c) and their shortlist runs alternate for --rounds rounds; medians are shown, with
every round's figures. Throughput is the tokens of the model's translation of the
sentences (what (c) outputs) per second of wall time and of this process's CPU time
(all its threads), the same numerator for every row: a retry is time spent, not output.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from benchmarks.mt_packages import COPY_RATIO, benchmark_sentences, corpus_pairs, ensure_package
from translation.argos_engine import (
    ArgosEngine,
    DecodingSettings,
    SentencePieceCT2Model,
    load_model,
)
from translation.engine import MTRequest, translate_all
from translation.packages import InstalledPackage
from translation.pipeline import PipelineSettings
from translation.shortlist import read_record
from translation.shortlist_build import build_shortlist
from translation.threads import available_cores

BEAM = 4
NEVER = float("inf")  # a shortlist threshold no measurement reaches: the full vocabulary
SHORTLIST_CORPUS = "tatoeba without the benchmark sentences"


@dataclass(frozen=True)
class Run:
    label: str
    seconds: float
    cpu_seconds: float  # all threads of this process: less sensitive to other users' load
    decoded_tokens: int  # every output piece the model produced, retries included
    decodes: int = 0  # songngu's engine only: model runs, retries included
    segments: int = 0
    translation_tokens: int = 0  # the pieces of the translation itself (set by the table)

    @property
    def tokens_per_second(self) -> float:
        return (self.translation_tokens or self.decoded_tokens) / self.seconds

    @property
    def tokens_per_cpu_second(self) -> float:
        return (self.translation_tokens or self.decoded_tokens) / self.cpu_seconds


def median_run(runs: Sequence[Run]) -> Run:
    """A run made of each figure's median over the rounds."""
    return Run(
        runs[0].label,
        statistics.median(run.seconds for run in runs),
        statistics.median(run.cpu_seconds for run in runs),
        int(statistics.median(run.decoded_tokens for run in runs)),
        int(statistics.median(run.decodes for run in runs)),
        runs[0].segments,
    )


def timed(label: str, work: Callable[[], tuple[int, int]], segments: int = 0) -> Run:
    """Run work (returning output tokens and decodes) and time it."""
    wall, cpu = time.perf_counter(), time.process_time()
    tokens, decodes = work()
    return Run(
        label, time.perf_counter() - wall, time.process_time() - cpu, tokens, decodes, segments
    )


# --- what each side does ---------------------------------------------------------------


def argos_pattern(model: SentencePieceCT2Model, tokenized: list[list[str]], cap: int) -> int:
    """argostranslate 1.11: one translate_batch per sentence, beam 4 and 4 hypotheses."""
    produced = 0
    for tokens in tokenized:
        results = model.translator.translate_batch(
            [tokens],
            replace_unknowns=True,
            max_batch_size=32,
            batch_type="tokens",
            beam_size=BEAM,
            num_hypotheses=4,
            length_penalty=0.2,
            return_scores=True,
            max_decoding_length=cap,
        )
        produced += len(results[0].hypotheses[0])
    return produced


def raw_batch(
    model: SentencePieceCT2Model,
    tokenized: list[list[str]],
    pipeline: PipelineSettings,
    cap: int,
    *,
    use_vmap: bool = False,
) -> int:
    """One translate_batch over every sentence: CTranslate2 sorts and cuts the batches."""
    results = model.translator.translate_batch(
        tokenized,
        beam_size=BEAM,
        max_batch_size=pipeline.batch_size,
        batch_type=pipeline.batch_type,
        max_decoding_length=cap,
        use_vmap=use_vmap,
    )
    return sum(len(result.hypotheses[0]) for result in results)


class TokenCounter:
    """Counts the output pieces of every batch songngu's engine decodes (retries included)."""

    def __init__(self) -> None:
        self.tokens = 0
        self._submit = SentencePieceCT2Model.submit

    def __enter__(self) -> TokenCounter:
        counter, submit = self, self._submit

        def counting(model: SentencePieceCT2Model, batch: list[list[str]], **options: object):  # type: ignore[no-untyped-def]
            result = submit(model, batch, **options)  # type: ignore[arg-type]

            def counted():  # type: ignore[no-untyped-def]
                outputs = result()
                counter.tokens += sum(len(pieces) for pieces, _ in outputs)
                return outputs

            return counted

        SentencePieceCT2Model.submit = counting  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        SentencePieceCT2Model.submit = self._submit  # type: ignore[method-assign]


def engine_run(engine: ArgosEngine, requests: list[MTRequest]) -> tuple[int, int]:
    with TokenCounter() as counter:
        results = translate_all(engine, requests)
    return counter.tokens, sum(result.decodes for result in results)


# --- reporting -------------------------------------------------------------------------


def print_table(runs: Sequence[Run], translation_tokens: int) -> list[Run]:
    """The table; every row's throughput counts the same translation_tokens."""
    print(
        f"translation: {translation_tokens:,} tokens (every row's per-second figures count these)"
    )
    print(
        "| run | wall s | CPU s | tokens decoded | decodes per segment | tokens/wall s "
        "| tokens/CPU s |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    shown = [replace(run, translation_tokens=translation_tokens) for run in runs]
    for run in shown:
        decodes = f"{run.decodes / run.segments:.2f}" if run.segments else "1 (by design)"
        print(
            f"| {run.label} | {run.seconds:.1f} | {run.cpu_seconds:.1f} | {run.decoded_tokens:,} "
            f"| {decodes} | {run.tokens_per_second:.0f} | {run.tokens_per_cpu_second:.0f} |"
        )
    return shown


def print_rounds(label: str, runs: Sequence[Run]) -> None:
    shown = ", ".join(f"{run.seconds:.1f}/{run.cpu_seconds:.1f}" for run in runs)
    print(f"{label} rounds (wall/CPU s): {shown}")


def ratio(name: str, top: Run, bottom: Run) -> None:
    print(
        f"{name}: {top.tokens_per_second / bottom.tokens_per_second:.2f}× per wall second, "
        f"{top.tokens_per_cpu_second / bottom.tokens_per_cpu_second:.2f}× per CPU second"
    )


def load_report() -> str:
    return f"load average {os.getloadavg()[0]:.2f}"


# --- the comparisons -------------------------------------------------------------------


def sweep(package: InstalledPackage, tokenized: list[list[str]], requests: list[MTRequest]) -> None:
    """(c) for each thread and batch layout; (b) for two thread layouts."""
    cores = available_cores()
    layouts = sorted({(1, cores), (cores, 1), (1, 1)})
    batches = [
        (16, "examples"),
        (32, "examples"),
        (64, "examples"),
        (1024, "tokens"),
        (2048, "tokens"),
    ]
    print(f"\n### Layout sweep (copy model, {load_report()})")
    print("| threads (inter×intra) | batch | run | wall s | CPU s | tokens/wall s | tokens/CPU s |")
    print("|---|---|---|---:|---:|---:|---:|")
    for inter, intra in layouts:
        model = load_model(
            package,
            DecodingSettings(
                beam_size=BEAM, inter_threads=inter, intra_threads=intra, compute_type="int8"
            ),
        )
        for size, kind in batches:
            pipeline = PipelineSettings(batch_size=size, batch_type=kind)
            run = timed("(c)", lambda m=model, p=pipeline: (raw_batch(m, tokenized, p, 512), 0))
            print(
                f"| {inter}×{intra} | {size} {kind} | (c) raw | {run.seconds:.1f} | "
                f"{run.cpu_seconds:.1f} | {run.tokens_per_second:.0f} | {run.tokens_per_cpu_second:.0f} |"
            )
    for inter, intra in [(1, cores), (cores, 1)]:
        engine = ArgosEngine(
            packages_dir=package.path.parent,
            decoding=DecodingSettings(
                beam_size=BEAM, inter_threads=inter, intra_threads=intra, compute_type="int8"
            ),
            shortlist_threshold=NEVER,
        )
        run = timed("(b)", lambda e=engine: engine_run(e, requests))
        print(
            f"| {inter}×{intra} | 32 examples | (b) engine | {run.seconds:.1f} | "
            f"{run.cpu_seconds:.1f} | {run.tokens_per_second:.0f} | {run.tokens_per_cpu_second:.0f} |"
        )


def ensure_shortlist(package: InstalledPackage, benchmark: set[str]) -> None:
    record = read_record(package)
    if record is not None and record.corpus == SHORTLIST_CORPUS:
        return
    corpus = [vietnamese for vietnamese, _ in corpus_pairs() if vietnamese not in benchmark]
    started = time.perf_counter()
    build_shortlist(
        package,
        corpus,
        corpus_name=SHORTLIST_CORPUS,
        decoding=DecodingSettings(beam_size=BEAM, compute_type="int8"),
        progress=print,
    )
    print(f"shortlist built in {time.perf_counter() - started:.0f} s")


def realistic(args: argparse.Namespace) -> None:
    chosen = benchmark_sentences(args.sentences)
    sentences = [vietnamese for vietnamese, _ in chosen]
    package = ensure_package("copy")
    ensure_shortlist(package, set(sentences))
    record = read_record(package)
    assert record is not None
    engine = ArgosEngine(
        packages_dir=package.path.parent, compute_type="int8", shortlist_threshold=NEVER
    )
    shortlisted = ArgosEngine(packages_dir=package.path.parent, compute_type="int8")
    assert shortlisted.shortlist().used, shortlisted.shortlist().describe()
    model = load_model(package, engine.decoding)
    tokenized = model.encode(sentences)
    references = model.encode([english for _, english in chosen])
    requests = [MTRequest(index, text) for index, text in enumerate(sentences)]
    translate_all(engine, requests[:8])  # warm up outside the timings
    translate_all(shortlisted, requests[:8])
    print(
        f"\n## Realistic lengths: {len(sentences)} sentences in reading order, "
        f"{sum(map(len, tokenized)):,} source pieces, references {sum(map(len, references)):,} "
        f"pieces (copy ratio {COPY_RATIO}); threads {engine.decoding.layout().describe()}, "
        f"batches of {engine.pipeline.describe_batch()}; nproc={os.cpu_count()}, {load_report()}"
    )
    print(
        f"shortlist: {record.always_pieces:,} pieces in every batch, about "
        f"{record.mean_candidates:,.0f} of {record.vocabulary:,} scored per batch; held out "
        f"{record.fidelity.sentences}: {record.fidelity.identical_share:.1%} identical, "
        f"{record.fidelity.token_agreement:.1%} of tokens"
    )
    if args.sweep or args.sweep_only:
        sweep(package, tokenized, requests)
    if args.sweep_only:
        return
    segments = len(sentences)
    argos = [
        timed(
            "(a) argostranslate 1.11 call pattern",
            lambda: (argos_pattern(model, tokenized, 256), 0),
        )
        for _ in range(args.argos_rounds)
    ]
    rounds: dict[str, list[Run]] = {key: [] for key in ("b", "c", "bs", "cs")}
    for _ in range(args.rounds):
        rounds["c"].append(
            timed(
                "(c) one raw translate_batch",
                lambda: (raw_batch(model, tokenized, engine.pipeline, 512), 0),
            )
        )
        rounds["b"].append(
            timed("(b) songngu ArgosEngine", lambda: engine_run(engine, requests), segments)
        )
        rounds["cs"].append(
            timed(
                "(c) raw, with the shortlist (use_vmap)",
                lambda: (raw_batch(model, tokenized, engine.pipeline, 512, use_vmap=True), 0),
            )
        )
        rounds["bs"].append(
            timed(
                "(b) songngu, shortlist used", lambda: engine_run(shortlisted, requests), segments
            )
        )
    print_rounds("(a)", argos)
    for key, runs in rounds.items():
        print_rounds(f"({key})", runs)
    print(load_report())
    medians = [
        median_run(runs) for runs in (argos, rounds["c"], rounds["b"], rounds["cs"], rounds["bs"])
    ]
    a, c, b, cs, bs = print_table(medians, rounds["c"][0].decoded_tokens)
    ratio("(b)/(a) engine vs argos pattern", b, a)
    ratio("(b)/(c) engine vs one raw batch", b, c)
    ratio("(c)/(a) raw batch vs argos pattern", c, a)
    ratio("shortlist: (b shortlist)/(b)", bs, b)
    ratio("shortlist: (c shortlist)/(c)", cs, c)
    ratio("(b shortlist)/(a)", bs, a)


def cap_to_limit(args: argparse.Namespace) -> None:
    chosen = benchmark_sentences(args.sentences)
    sentences = [vietnamese for vietnamese, _ in chosen]
    cap = args.cap
    package = ensure_package("random")
    engine = ArgosEngine(
        packages_dir=package.path.parent,
        compute_type="int8",
        # Random weights loop on every sentence and never copy a placeholder: a real model
        # retries a few sentences, these would all be retried.
        pipeline=PipelineSettings(
            max_decoding_length=cap, retry_repetition=False, retry_truncated=False
        ),
    )
    model = load_model(package, engine.decoding)
    tokenized = model.encode(sentences)
    requests = [MTRequest(i, s, protect_patterns=False) for i, s in enumerate(sentences)]
    translate_all(engine, requests[:8])
    print(
        f"\n## Cap to limit: random weights, every output {cap} tokens; {len(sentences)} "
        f"sentences in reading order; {load_report()}"
    )
    segments = len(sentences)
    argos = timed(
        "(a) argostranslate 1.11 call pattern", lambda: (argos_pattern(model, tokenized, cap), 0)
    )
    engine_runs, raw_runs = [], []
    for _ in range(args.rounds):
        engine_runs.append(
            timed("(b) songngu ArgosEngine", lambda: engine_run(engine, requests), segments)
        )
        raw_runs.append(
            timed(
                "(c) one raw translate_batch",
                lambda: (raw_batch(model, tokenized, engine.pipeline, cap), 0),
            )
        )
    print_rounds("(b)", engine_runs)
    print_rounds("(c)", raw_runs)
    print(load_report())
    argos, c, b = print_table(
        [argos, median_run(raw_runs), median_run(engine_runs)], raw_runs[0].decoded_tokens
    )
    ratio("(b)/(a)", b, argos)
    ratio("(b)/(c)", b, c)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of (b) and (c); medians")
    parser.add_argument("--argos-rounds", type=int, default=1, help="rounds of (a), the slow one")
    parser.add_argument("--cap", type=int, default=32, help="output cap of the cap-to-limit runs")
    parser.add_argument("--sweep", action="store_true", help="time the thread and batch layouts")
    parser.add_argument(
        "--sweep-only", action="store_true", help="the layout sweep alone (no comparison)"
    )
    parser.add_argument("--skip-cap", action="store_true", help="only the realistic comparison")
    parser.add_argument("--skip-realistic", action="store_true", help="only cap to limit")
    args = parser.parse_args()
    print(f"nproc={os.cpu_count()}, cores for this process={available_cores()}, {load_report()}")
    if not args.skip_realistic:
        realistic(args)
    if not args.skip_cap and not args.sweep_only:
        cap_to_limit(args)


if __name__ == "__main__":
    main()
