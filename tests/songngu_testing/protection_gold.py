"""The hand-written gold set of protected spans (tests/workflow/data/protection_gold_*.txt).

Each sentence line marks every span MT must keep fixed as ``{text|kind|English}``:
``Ngày {9/8/2022|date|August 9, 2022}, tại {thành phố Hải Phòng|place|Hai Phong City}``.
Lines starting with "@" set what the following sentences are read with: ``@date
2022-08-09`` (or ``@date none``) the document's date, ``@style names=keep
dates=day_month_year country=Viet Nam`` the partner's conventions (by default those of
the shipped "generic" profile). Lines starting with "#" are comments.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from workflow.glossary import TermMatcher
from workflow.protect import ProtectionStyle, Protector, report

GOLD_DIR = Path(__file__).resolve().parents[1] / "workflow" / "data"
_SPAN_RE = re.compile(r"\{([^{}|]+)\|([a-z]+)\|([^{}]*)\}")
GENERIC_STYLE = {"names": "strip", "dates": "month_day_year", "country": "Vietnam"}


@dataclass(frozen=True)
class GoldSpan:
    start: int
    end: int
    kind: str
    english: str


@dataclass(frozen=True)
class GoldSentence:
    source: str  # gold file name
    line: int  # 1-based line in that file
    text: str
    spans: tuple[GoldSpan, ...]
    date: datetime.date | None
    style: dict[str, str]


def gold_files(part: str, directory: Path = GOLD_DIR) -> list[Path]:
    """The files of one part: "tuning" or "heldout"."""
    return sorted(directory.glob(f"protection_gold_{part}*.txt"))


def parse_line(line: str) -> tuple[str, tuple[GoldSpan, ...]]:
    """The plain sentence of a marked line, and its spans with offsets in it."""
    text: list[str] = []
    spans: list[GoldSpan] = []
    position = 0
    length = 0
    for match in _SPAN_RE.finditer(line):
        before = line[position : match.start()]
        text.append(before)
        length += len(before)
        inner, kind, english = match.groups()
        spans.append(GoldSpan(length, length + len(inner), kind, english))
        text.append(inner)
        length += len(inner)
        position = match.end()
    text.append(line[position:])
    plain = "".join(text)
    if "{" in plain or "}" in plain:
        raise ValueError(f"unbalanced span mark in: {line}")
    return plain, tuple(spans)


def load_gold(part: str, directory: Path = GOLD_DIR) -> list[GoldSentence]:
    sentences: list[GoldSentence] = []
    for path in gold_files(part, directory):
        date: datetime.date | None = None
        style = dict(GENERIC_STYLE)
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            line = raw.rstrip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("@date "):
                value = line.split(" ", 1)[1].strip()
                date = None if value == "none" else datetime.date.fromisoformat(value)
                continue
            if line.startswith("@style"):
                style = dict(GENERIC_STYLE)
                style.update(part.split("=", 1) for part in _style_parts(line))
                continue
            text, spans = parse_line(line)
            sentences.append(GoldSentence(path.name, number, text, spans, date, style))
    return sentences


def _style_parts(line: str) -> list[str]:
    """'@style names=keep country=Viet Nam' → ['names=keep', 'country=Viet Nam']."""
    body = line[len("@style") :].strip()
    return [part.strip() for part in re.split(r"\s+(?=\w+=)", body) if part.strip()]


@dataclass
class Score:
    gold: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    matched_gold: Counter[str] = field(default_factory=Counter)  # by gold kind
    matched_predicted: Counter[str] = field(default_factory=Counter)  # by predicted kind
    wrong: Counter[str] = field(default_factory=Counter)  # matched, other English (gold kind)
    errors: list[str] = field(default_factory=list)

    @staticmethod
    def _ratio(part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    def precision(self, kind: str | None = None) -> float:
        if kind is None:
            return self._ratio(sum(self.matched_predicted.values()), sum(self.predicted.values()))
        return self._ratio(self.matched_predicted[kind], self.predicted[kind])

    def recall(self, kind: str | None = None) -> float:
        if kind is None:
            return self._ratio(sum(self.matched_gold.values()), sum(self.gold.values()))
        return self._ratio(self.matched_gold[kind], self.gold[kind])


def style_of(sentence: GoldSentence) -> ProtectionStyle:
    return ProtectionStyle(
        strip_name_diacritics=sentence.style["names"] == "strip",
        date_style=sentence.style["dates"],
        country_name=sentence.style["country"],
    )


def score(sentences: list[GoldSentence], matcher: TermMatcher) -> Score:
    result = Score()
    for sentence in sentences:
        protector = Protector(matcher, style=style_of(sentence), on=sentence.date)
        gold = {(span.start, span.end): span for span in sentence.spans}
        predicted = {(s.start, s.end): s for s in report(protector, sentence.text)}
        where = f"{sentence.source}:{sentence.line}"
        for key, span in gold.items():
            result.gold[span.kind] += 1
            found = predicted.get(key)
            text = sentence.text[key[0] : key[1]]
            if found is None:
                result.errors.append(f"{where} missed {span.kind} {text!r}")
                continue
            result.matched_gold[span.kind] += 1
            if found.kind != span.kind:
                result.errors.append(f"{where} {text!r} is {found.kind}, gold {span.kind}")
            if found.replacement != span.english:
                result.wrong[span.kind] += 1
                result.errors.append(
                    f"{where} wrong {span.kind} {text!r}: {found.replacement!r}, "
                    f"not {span.english!r}"
                )
        for key, span in predicted.items():
            result.predicted[span.kind] += 1
            if key in gold:
                result.matched_predicted[span.kind] += 1
            else:
                result.errors.append(
                    f"{where} extra {span.kind} {span.text!r} → {span.replacement!r}"
                )
    return result
