"""Check an English target against the glossary terms found in its source.

English inflects where Vietnamese does not: "Ministries", "People's Committee's",
"committees'" must count as the term. Matching is therefore per word, case-insensitive,
each word allowing plural (-s, -es, y→-ies) and possessive ('s, s', ’s) endings, on the
target's loose key (which also makes "Ha Noi" match a listed "Hà Nội").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from primitives.inline import replace_tags
from primitives.terms import GlossaryEntry, TermStatus
from primitives.text_keys import loose_key
from workflow.glossary.matcher import TermHit

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'"})
_WORD_OR_GAP_RE = re.compile(r"\w+|[^\w\s]+|\s+")
_POSSESSIVE = r"(?:'s|')?"


class IssueKind(StrEnum):
    """What is wrong with a term in the target."""

    MISSING = "missing"
    FORBIDDEN = "forbidden"


@dataclass(frozen=True)
class TermIssue:
    """A terminology problem in a target.

    MISSING: none of the allowed forms of a source term appears (target_start/end are -1).
    FORBIDDEN: a forbidden target form appears at [target_start, target_end).
    """

    kind: IssueKind
    source_text: str
    source_start: int
    source_end: int
    expected: tuple[str, ...]
    found: str
    target_start: int
    target_end: int
    entry: GlossaryEntry
    message: str


def _word_pattern(word: str) -> str:
    if word.isalpha() and len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou":
        return re.escape(word[:-1]) + r"(?:y|ies)" + _POSSESSIVE
    if word.isalpha():
        return re.escape(word) + r"(?:s|es)?" + _POSSESSIVE
    return re.escape(word)


@lru_cache(maxsize=8192)
def _form_regex(form: str) -> re.Pattern[str]:
    """Regex for one target form on a loose key, inflection-tolerant, on word boundaries."""
    parts: list[str] = []
    for piece in _WORD_OR_GAP_RE.findall(_normalise(form)):
        if piece.isspace():
            parts.append(r"[\s\-]+")
        elif piece[0].isalnum() or piece[0] == "_":
            parts.append(_word_pattern(piece))
        else:
            parts.append(re.escape(piece))
    return re.compile(r"(?<!\w)" + "".join(parts) + r"(?!\w)")


def _normalise(text: str) -> str:
    """Loose key with one apostrophe and tags blanked out, same length as NFC text."""
    blanked = replace_tags(text.translate(_APOSTROPHES), lambda tag: " " * len(tag.text))
    return loose_key(blanked)


def _spans(
    pattern: re.Pattern[str], text: str, taken: list[tuple[int, int]]
) -> Iterator[tuple[int, int]]:
    for match in pattern.finditer(text):
        if match.end() > match.start() and not any(
            match.start() < end and start < match.end() for start, end in taken
        ):
            yield match.start(), match.end()


def _allowed_forms(group: Sequence[TermHit]) -> tuple[str, ...]:
    """Every target and variant of the group's non-forbidden alternatives, in order."""
    return tuple(
        dict.fromkeys(
            form
            for hit in group
            if hit.entry.status is not TermStatus.FORBIDDEN
            for form in hit.entry.target_forms
        )
    )


def _missing_issue(group: Sequence[TermHit], forms: tuple[str, ...]) -> TermIssue:
    first = next(h for h in group if h.entry.status is not TermStatus.FORBIDDEN)
    alternatives = f" (or {', '.join(repr(f) for f in forms[1:])})" if forms[1:] else ""
    return TermIssue(
        kind=IssueKind.MISSING,
        source_text=first.text,
        source_start=first.start,
        source_end=first.end,
        expected=forms,
        found="",
        target_start=-1,
        target_end=-1,
        entry=first.entry,
        message=f"'{first.text}' should be translated as '{forms[0]}'{alternatives}",
    )


def _forbidden_issue(
    hit: TermHit, expected: tuple[str, ...], used: str, span: tuple[int, int]
) -> TermIssue:
    advice = f"; use '{expected[0]}'" if expected else ""
    return TermIssue(
        kind=IssueKind.FORBIDDEN,
        source_text=hit.text,
        source_start=hit.start,
        source_end=hit.end,
        expected=expected,
        found=used,
        target_start=span[0],
        target_end=span[1],
        entry=hit.entry,
        message=f"forbidden term '{used}' for '{hit.text}'{advice}",
    )


def check_target(target: str, hits: Sequence[TermHit]) -> list[TermIssue]:
    """Missing expected terms and forbidden terms used, in source order.

    Hits sharing a span are alternatives: the term is present when any non-forbidden
    alternative's target or variant appears. Words matched by an allowed form are not
    checked again for forbidden forms (a forbidden "Committee" inside an allowed
    "People's Committee"). Target offsets are in the NFC form of target.
    """
    target_nfc = unicodedata.normalize("NFC", target)
    searchable = _normalise(target_nfc)
    groups: dict[tuple[int, int], list[TermHit]] = {}
    for hit in hits:
        groups.setdefault((hit.start, hit.end), []).append(hit)
    ordered_groups = [groups[span] for span in sorted(groups)]

    # Terms sharing their allowed forms are one term (UBND and Ủy ban nhân dân both want
    # "People's Committee"). Spans go to the longest form first, so "Prof. Dr." inside
    # "Assoc. Prof. Dr." does not count as a second, shorter term.
    form_sets = list(dict.fromkeys(f for f in map(_allowed_forms, ordered_groups) if f))
    candidates = sorted(
        (
            (span, index)
            for index, forms in enumerate(form_sets)
            for form in forms
            for span in _spans(_form_regex(form), searchable, [])
        ),
        key=lambda candidate: (candidate[0][0] - candidate[0][1], candidate[0][0]),
    )
    allowed_spans: list[tuple[int, int]] = []
    present: set[int] = set()
    for span, index in candidates:
        if not any(span[0] < end and start < span[1] for start, end in allowed_spans):
            allowed_spans.append(span)
            present.add(index)

    issues: list[TermIssue] = []
    for group in ordered_groups:
        forms = _allowed_forms(group)
        if forms and form_sets.index(forms) not in present:
            issues.append(_missing_issue(group, forms))

    reported: set[tuple[int, int]] = set()
    for group in ordered_groups:
        expected = _allowed_forms(group)
        for hit in group:
            if hit.entry.status is not TermStatus.FORBIDDEN:
                continue
            for form in hit.entry.target_forms:
                for span in _spans(_form_regex(form), searchable, allowed_spans):
                    if span not in reported:
                        reported.add(span)
                        used = target_nfc[span[0] : span[1]]
                        issues.append(_forbidden_issue(hit, expected, used, span))
    issues.sort(key=lambda issue: (issue.source_start, issue.kind != IssueKind.MISSING))
    return issues
