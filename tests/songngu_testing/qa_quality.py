"""Measured quality of the QA checks: false positives on correct pairs, recall on injected errors.

The gold sets are correct vi→en pairs in TSV (``source<TAB>target``): the news-style
pairs written for this project (``tests/workflow/qa/data/news_tuning.tsv``, which the
checks were tuned on, and ``news_heldout.tsv``, written afterwards and never tuned on)
and Tatoeba's sentences (``../shared/corpora/tatoeba-vi-en.tsv``). Every pair is run
through all checks with the shipped glossary and a consistency index over its own file,
as ``songngu check`` does; every finding on a correct pair counts as a false positive.

Recall: each kind of error below is injected into a copy of every pair where it applies
(a changed number needs a number in the target, a dropped tag a tag), and the copy counts
as caught when it gets an error or warning the clean pair did not have. Copies are
checked without the consistency index: the clean pair would be "the same source
translated differently" and catch every copy for the wrong reason.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from primitives.inline import tags
from primitives.units import Unit
from workflow.glossary import TermMatcher, load_default_glossary
from workflow.qa.checks.fluency import ALLOWED_DOUBLES
from workflow.qa.checks.text import VIETNAMESE_ONLY_LETTERS
from workflow.qa.consistency import ConsistencyIndex
from workflow.qa.model import Finding, QAContext, Severity
from workflow.qa.registry import check_unit
from workflow.qa.values import extract

DATA = Path(__file__).resolve().parents[1] / "workflow" / "qa" / "data"
NEWS_TUNING = DATA / "news_tuning.tsv"
NEWS_HELDOUT = DATA / "news_heldout.tsv"
SEED = 20240809


def read_pairs(path: Path) -> list[tuple[str, str]]:
    pairs = []
    for line in path.read_text("utf-8").splitlines():
        if "\t" in line:
            source, target = line.split("\t")[:2]
            pairs.append((source, target))
    return pairs


_MATCHER: TermMatcher | None = None


def default_matcher() -> TermMatcher:
    global _MATCHER
    if _MATCHER is None:
        _MATCHER = TermMatcher(load_default_glossary())
    return _MATCHER


def file_context(pairs: list[tuple[str, str]], *, consistency: bool = True) -> QAContext:
    index = ConsistencyIndex.from_units(Unit(s, t) for s, t in pairs) if consistency else None
    return QAContext(glossary=default_matcher(), consistency=index)


# ---------------------------------------------------------------------------------------
# False positives


@dataclass
class FalsePositives:
    pairs: int
    by_check: Counter[tuple[str, str]] = field(default_factory=Counter)
    examples: list[tuple[int, Finding]] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        return sum(n for (_, level), n in self.by_check.items() if level == severity.value)

    def per_100(self, severity: Severity) -> float:
        return 100 * self.count(severity) / self.pairs if self.pairs else 0.0


def false_positives(pairs: list[tuple[str, str]]) -> FalsePositives:
    context = file_context(pairs)
    result = FalsePositives(len(pairs))
    for row, (source, target) in enumerate(pairs, start=1):
        for finding in check_unit(Unit(source, target, id=row), context):
            result.by_check[(finding.check, finding.severity.value)] += 1
            result.examples.append((row, finding))
    return result


# ---------------------------------------------------------------------------------------
# Injected errors: each returns the damaged target, or None where the kind does not apply


Injector = Callable[[str, str, random.Random], str | None]
_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_MONTH_RE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?"
)
_SCALE_SWAPS = {"thousand": "million", "million": "billion", "billion": "million"}
_SCALE_SWAPS["trillion"] = "billion"
_DIGIT_RUN_RE = re.compile(r"\d[\d.,]*\d|\d")


def _replace(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def changed_number(source: str, target: str, rng: random.Random) -> str | None:
    found = [q for q in extract(target, "en").quantities if not q.soft and not q.foreign]
    source_values = {v for q in extract(source, "vi").quantities for v in q.values}
    if not found:
        return None
    item = rng.choice(found)
    run = _DIGIT_RUN_RE.search(target, item.start, item.end)
    if run is None:
        return None
    digits = [i for i in range(run.start(), run.end()) if target[i].isdigit()]
    position = digits[-1] if len(digits) > 1 else digits[0]
    for step in (3, 1, 7):
        new_digit = str((int(target[position]) + step) % 10)
        if position == digits[0] and new_digit == "0":
            continue
        changed = _replace(target, position, position + 1, new_digit)
        now = [q for q in extract(changed, "en").quantities if q.start <= position < q.end]
        if now and not now[0].values & source_values:
            return changed
    return None


def swapped_decimal_separator(source: str, target: str, rng: random.Random) -> str | None:
    runs = [
        q for q in extract(target, "en").quantities if not q.soft and re.search(r"\d[.,]\d", q.text)
    ]
    if not runs:
        return None
    item = rng.choice(runs)
    swapped = item.text.translate(str.maketrans({".": ",", ",": "."}))
    return _replace(target, item.start, item.end, swapped)


def wrong_scale_word(source: str, target: str, rng: random.Random) -> str | None:
    found = list(re.finditer(r"(?<=\d )(thousand|million|billion|trillion)\b", target))
    found += list(re.finditer(r"(?<=\d)(bn|tn)\b", target))
    if not found:
        return None
    match = rng.choice(found)
    word = match.group(1)
    new = {"bn": "m", "tn": "bn"}.get(word) or _SCALE_SWAPS[word]
    return _replace(target, match.start(1), match.end(1), new)


def wrong_day_month_order(source: str, target: str, rng: random.Random) -> str | None:
    dates = [
        d
        for d in extract(target, "en").dates
        if d.day and d.month and d.day <= 12 and d.day != d.month and not d.numeric
    ]
    if not dates:
        return None
    item = rng.choice(dates)
    text = item.text
    month = _MONTH_RE.search(text)
    day = re.search(rf"(?<!\d){item.day}(?!\d)", text)
    if month is None or day is None:
        return None
    pieces = sorted([(month.span(), _MONTHS[item.day - 1]), (day.span(), str(item.month))])
    for (start, end), new in reversed(pieces):
        text = text[:start] + new + text[end:]
    return _replace(target, item.start, item.end, text)


def wrong_year(source: str, target: str, rng: random.Random) -> str | None:
    years = list(re.finditer(r"(?<![\d.,/])(19|20)\d\d(?![\d.,]\d)", target))
    source_years = set(re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", source))
    years = [m for m in years if m.group(0) in source_years]
    if not years:
        return None
    match = rng.choice(years)
    for step in (1, -1, 2):
        new = str(int(match.group(0)) + step)
        if new not in source_years:
            return _replace(target, match.start(), match.end(), new)
    return None


def wrong_official_term(source: str, target: str, rng: random.Random) -> str | None:
    """An official name of the source rendered otherwise: its English words dropped, or
    replaced by another body's name."""
    candidates = []
    lowered = target.lower()
    for hit in default_matcher().find(source):
        if hit.entry.status.value in ("forbidden", "do-not-translate"):
            continue
        if len(hit.entry.target.split()) < 2:
            continue  # one-word names (Board, Ward) are too loose to damage reliably
        for form in hit.entry.target_forms:
            start = lowered.find(form.lower())
            if start >= 0:
                candidates.append((start, start + len(form), hit))
                break
    if not candidates:
        return None
    start, end, hit = rng.choice(candidates)
    if rng.random() < 0.5:
        return (target[:start] + target[end:]).replace("  ", " ")
    forms = [f.lower() for f in hit.entry.target_forms]
    others = [
        e.target
        for e in load_default_glossary()
        if e.domain == hit.entry.domain
        and len(e.target.split()) >= 2
        and not any(form in e.target.lower() for form in forms)  # "Deputy Prime Minister"
    ]
    if not others:
        return (target[:start] + target[end:]).replace("  ", " ")
    return _replace(target, start, end, rng.choice(others))


def untranslated(source: str, target: str, rng: random.Random) -> str | None:
    return source if any(c in VIETNAMESE_ONLY_LETTERS for c in source) else None


def empty_target(source: str, target: str, rng: random.Random) -> str | None:
    return ""


def doubled_word(source: str, target: str, rng: random.Random) -> str | None:
    words = [
        m
        for m in re.finditer(r"\b[A-Za-z]{2,}\b", target)
        if m.group(0).lower() not in ALLOWED_DOUBLES  # "very very" is English
    ]
    if not words:
        return None
    match = rng.choice(words)
    return _replace(target, match.start(), match.end(), f"{match.group(0)} {match.group(0)}")


def changed_url(source: str, target: str, rng: random.Random) -> str | None:
    found = [i for i in extract(target, "en").identifiers if i.kind in ("url", "email")]
    if not found:
        return None
    item = rng.choice(found)
    letters = [i for i, c in enumerate(item.text) if c.isalpha() and c.lower() not in "wh"]
    if not letters:
        return None
    position = rng.choice(letters)
    new = "x" if item.text[position].lower() != "x" else "z"
    return _replace(target, item.start + position, item.start + position + 1, new)


def changed_document_code(source: str, target: str, rng: random.Random) -> str | None:
    found = [i for i in extract(target, "en").identifiers if i.kind == "code"]
    if not found:
        return None
    item = rng.choice(found)
    digits = [i for i, c in enumerate(item.text) if c.isdigit()]
    position = rng.choice(digits)
    new = str((int(item.text[position]) + 1) % 10)
    return _replace(target, item.start + position, item.start + position + 1, new)


def unbalanced_bracket(source: str, target: str, rng: random.Random) -> str | None:
    closing = [i for i, c in enumerate(target) if c == ")"]
    if closing:
        position = rng.choice(closing)
        return target[:position] + target[position + 1 :]
    words = list(re.finditer(r"(?<= )[A-Za-z]", target))
    if len(words) < 2:
        return None
    match = rng.choice(words[: len(words) // 2 + 1])
    return _replace(target, match.start(), match.start(), "(")


def vietnamese_left(source: str, target: str, rng: random.Random) -> str | None:
    """The end of the target replaced by the end of the source, as when a translator
    stops halfway and leaves the rest in Vietnamese."""
    source_words, target_words = source.split(), target.split()
    if len(source_words) < 4 or len(target_words) < 4:
        return None
    tail = source_words[len(source_words) // 2 :]
    if not any(w[:1].islower() and any(c in VIETNAMESE_ONLY_LETTERS for c in w) for w in tail):
        return None
    return " ".join(target_words[: len(target_words) // 2] + tail)


def truncated(source: str, target: str, rng: random.Random) -> str | None:
    words = target.split()
    if len(words) < 6:
        return None
    return " ".join(words[: len(words) // 2])


def dropped_tag(source: str, target: str, rng: random.Random) -> str | None:
    found = tags(target)
    if not found:
        return None
    tag = rng.choice(found)
    text = target[: tag.start] + target[tag.end :]
    if tag.kind in ("open", "close"):
        partner = f"</g{tag.code_id}>" if tag.kind == "open" else f"<g{tag.code_id}>"
        text = text.replace(partner, "", 1)
    return text


INJECTORS: dict[str, Injector] = {
    "changed number": changed_number,
    "swapped decimal separator": swapped_decimal_separator,
    "wrong scale word": wrong_scale_word,
    "wrong day/month order": wrong_day_month_order,
    "wrong year": wrong_year,
    "dropped or wrong official term": wrong_official_term,
    "untranslated target": untranslated,
    "empty target": empty_target,
    "doubled word": doubled_word,
    "changed URL or e-mail": changed_url,
    "changed document code": changed_document_code,
    "unbalanced bracket": unbalanced_bracket,
    "Vietnamese left in the target": vietnamese_left,
    "truncated target": truncated,
    "dropped tag": dropped_tag,
}


@dataclass
class Recall:
    kind: str
    injected: int = 0
    caught: int = 0
    by_check: Counter[str] = field(default_factory=Counter)
    missed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.caught / self.injected if self.injected else 1.0


def _flags(findings: list[Finding]) -> set[tuple[str, str]]:
    return {
        (f.check, f.message["en"])
        for f in findings
        if f.severity in (Severity.ERROR, Severity.WARNING)
    }


def recall(pairs: list[tuple[str, str]], seed: int = SEED) -> dict[str, Recall]:
    context = file_context(pairs, consistency=False)
    results = {kind: Recall(kind) for kind in INJECTORS}
    for row, (source, target) in enumerate(pairs, start=1):
        clean = _flags(check_unit(Unit(source, target, id=row), context))
        for kind, inject in INJECTORS.items():
            rng = random.Random(f"{seed}:{row}:{kind}")
            damaged = inject(source, target, rng)
            if damaged is None or damaged == target:
                continue
            result = results[kind]
            result.injected += 1
            new = _flags(check_unit(Unit(source, damaged, id=row), context)) - clean
            if new:
                result.caught += 1
                result.by_check.update({check for check, _ in new})
            else:
                result.missed.append((source, damaged))
    return results
