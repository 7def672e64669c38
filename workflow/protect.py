"""What MT keeps fixed in a Vietnamese source, and with what English: one place decides.

The MT job, ``songngu protect``, the glossary panel and the Machine translation page all
ask a :class:`Protector`, so what a reviewer is shown is what MT was told. For a source it
finds, longest first:

- compound names in English order ("UBND tỉnh Quảng Ninh" → "Quang Ninh Provincial
  People's Committee", "Thứ trưởng Bộ Y tế" → "Deputy Minister of Health":
  :mod:`workflow.glossary.compounds`);
- places from the gazetteer ("thành phố Hải Phòng" → "Hai Phong City"), which win over
  any shorter glossary term inside them (never "Phòng" → "Division" in "Hải Phòng");
- glossary terms, the entry valid on the document's date enforced: before 1 March 2025
  "Bộ Thông tin và Truyền thông" is enforced as the Ministry of Information and
  Communications, after it the historic name is only shown. A lower-case common noun is
  never replaced by a capitalised title: "thành phố" alone is the "city", shown so and
  left to MT, which gives it its article and plural ("51 phường" → "51 wards"). A lone
  head word that begins a longer, unlisted name ("Trung tâm" in "Trung tâm Hành chính
  thành phố", "Trưởng phòng" in "Trưởng phòng Hợp tác quốc tế") is left to MT with the
  rest of that name; an abbreviation the source repeats after a name whose English
  already ends with it ("… Hoa Kỳ (USAID)") is taken into the span, not written twice;
- titles before names ("PGS.TS." → "Assoc. Prof. Dr."), then personal names, which stop
  at titles and keep or lose their diacritics as the partner profile says.

Dates, numbers, document codes, URLs, e-mails and acronyms are added by
:func:`translation.protection.find_spans`, dates in the partner's ``date_style``.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Any

from sqlalchemy.orm import Session

from primitives.inline import has_tags
from primitives.terms import GlossaryEntry, TermStatus
from translation.dates import DATE_STYLES, MONTH_DAY_YEAR
from translation.engine import MTRequest
from translation.protection import (
    ProtectedSpan,
    ProtectionOptions,
    TermSpan,
    find_spans,
    strip_diacritics,
)
from workflow.glossary.compounds import CompoundFinder, CompoundHit, Part, compound_finder
from workflow.glossary.defaults import load_default_glossary
from workflow.glossary.gazetteer import Place, PlaceFinder, PlaceHit, place_finder
from workflow.glossary.matcher import TermHit, TermMatcher, leftmost_longest
from workflow.glossary.store import project_matcher
from workflow.glossary.target_check import IssueKind, TermIssue, check_target
from workflow.models import Document, Project
from workflow.vietnamese.names import name_spans, starts_with_body, starts_with_function

# Kinds a span of `songngu protect` may have (the MT protection's own kinds: the inline
# codes and bracketed numbers of a source are reported as codes).
KINDS = ("place", "name", "title", "term", "date", "code", "number", "url", "email", "acronym")
_REPORTED_KIND = {"tag": "code", "literal": "code"}


def document_date(document: Document | None) -> datetime.date | None:
    """The document's date (its metadata, set on import), or None when it has none."""
    return meta_date(document.meta) if document is not None else None


def meta_date(meta: dict[str, Any] | None) -> datetime.date | None:
    """The "date" of a document's metadata as a date; None if missing or not a date."""
    value = (meta or {}).get("date")
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None  # refused on import; a hand-edited row must not stop MT


@dataclass(frozen=True)
class ProtectionStyle:
    """The partner's English conventions that protection applies."""

    strip_name_diacritics: bool = True  # "Nguyen Van An" (wire style) or "Nguyễn Văn An"
    date_style: str = MONTH_DAY_YEAR  # "August 9, 2022" or "9 August 2022"
    country_name: str = ""  # how Việt Nam is written; empty: the gazetteer's "Viet Nam"

    @classmethod
    def from_settings(cls, settings: dict[str, Any] | None) -> ProtectionStyle:
        """The style of a partner profile's settings (defaults for missing keys)."""
        settings = settings or {}
        date_style = settings.get("date_style", MONTH_DAY_YEAR)
        return cls(
            strip_name_diacritics=settings.get("name_diacritics", "strip") == "strip",
            date_style=date_style if date_style in DATE_STYLES else MONTH_DAY_YEAR,
            country_name=settings.get("country_name", ""),
        )


class Reason(StrEnum):
    """Why a finding is (or is not) fixed; the faces word each one."""

    ENFORCED = "enforced"  # a preferred glossary entry
    IN_FORCE_ON_DATE = "in_force_on_date"  # a historic name, in force on the document's date
    HISTORIC = "historic"  # a name replaced before the document's date: shown, not fixed
    NO_DATE = "no_date"  # a historic name, and the document has no date to decide
    ADMITTED = "admitted"  # an admitted alternative: shown, not fixed
    FORBIDDEN = "forbidden"  # only a forbidden target is listed
    HEADS_NAME = "heads_name"  # a head word of a longer name the glossary does not hold
    IN_NAME = "in_name"  # a common term capitalised mid-sentence: part of a longer name
    COMMON_NOUN = "common_noun"  # "thành phố" (city) alone: MT gives it article and number
    PLACE = "place"  # the gazetteer
    COMPOUND = "compound"  # composed from a function, a body and a place
    NAME = "name"  # a personal name


@dataclass(frozen=True)
class Finding:
    """A span of the source, what it is, its English and whether MT keeps it fixed."""

    start: int
    end: int
    text: str
    kind: str  # place, name, title or term
    english: str
    enforced: bool
    reason: Reason
    entry: GlossaryEntry | None = None  # the glossary entry that decided
    place: Place | None = None  # the gazetteer row that decided
    parts: tuple[Part, ...] = ()  # a compound's pieces
    alternatives: tuple[GlossaryEntry, ...] = ()  # every entry listed for these words
    date: datetime.date | None = None  # the document date that decided, if one did
    variants: tuple[str, ...] = ()  # other English forms a target may use

    @property
    def valid_until(self) -> str:
        if self.entry is not None:
            return self.entry.valid_until
        return self.place.valid_until if self.place is not None else ""

    @property
    def from_glossary(self) -> bool:
        """A glossary entry decided it (not the gazetteer, a pattern or name detection)."""
        return self.entry is not None and self.reason not in (Reason.COMPOUND, Reason.PLACE)


@lru_cache(maxsize=1)
def _shipped_entries() -> frozenset[GlossaryEntry]:
    return frozenset(load_default_glossary())


def _in_force(entry: GlossaryEntry, on: datetime.date | None) -> tuple[bool, Reason]:
    """Whether MT follows entry for a document of that date, and why."""
    day = on.isoformat() if on is not None else None
    if entry.status is TermStatus.FORBIDDEN:
        return False, Reason.FORBIDDEN
    if entry.valid_until:
        if day is None:
            # A preferred entry stays enforced without a date; a historic one waits for it.
            if entry.status is TermStatus.ADMITTED:
                return False, Reason.NO_DATE
            return True, Reason.ENFORCED
        if day > entry.valid_until:
            return False, Reason.HISTORIC
        return True, Reason.IN_FORCE_ON_DATE
    if entry.status is TermStatus.ADMITTED:
        return False, Reason.ADMITTED
    return True, Reason.ENFORCED


def cased_target(entry: GlossaryEntry, found: str) -> str:
    """The entry's target in the case of the text: a lower-case common noun stays lower.

    An entry written in lower case with a capitalised English ("thành phố" → "City") is a
    common noun: its English is lower case ("city", never "City" mid-sentence), unless
    the English begins with an acronym ("ICT"). A lower-case term with a lower-case
    English found capitalised (a sentence's first word) is capitalised.
    """
    target = entry.target
    if not entry.source[:1].islower():
        return target
    if is_common_noun(entry):
        return target[:1].lower() + target[1:]
    if found[:1].isupper() and target[:1].islower():
        return target[:1].upper() + target[1:]  # the first word of a sentence or quote
    return target


def is_common_noun(entry: GlossaryEntry) -> bool:
    """A lower-case Vietnamese noun whose glossary English is title-cased: "tỉnh" → "Province".

    Alone, such a word is left to MT: "51 phường" are "51 wards", "về phía thành phố" is
    "for the city's part", which a fixed "[ward]" or "[city]" cannot give. Inside a name
    it is part of that name ("thành phố Hải Phòng" → "Hai Phong City", the gazetteer's).
    """
    first_word = entry.target.split(" ", 1)[0]
    return entry.source[:1].islower() and entry.target[:1].isupper() and not first_word.isupper()


def _heads_unlisted_name(source: str, hit: TermHit) -> bool:
    """A capitalised head word ("Trung tâm", "Phòng", "Luật") before more capitalised words.

    MT translates the whole name better than "[Centre] Hành chính thành phố".
    """
    entry = hit.entry
    if not entry.case_sensitive or entry.source.isupper() or entry.domain == "academic titles":
        return False
    rest = source[hit.end :]
    if not rest.startswith(" "):
        return False
    following = rest[1:].split(" ", 1)[0]
    return following[:1].isupper() and following[1:].islower()


_SENTENCE_OPENERS = frozenset(".!?:;\"“”‘’'(«-–—•")


def _inside_unlisted_name(source: str, hit: TermHit) -> bool:
    """A lower-case term written capitalised mid-sentence is a word of a proper name.

    "(Viện Chiến lược Chuyển đổi số)" names an institute: its "Chuyển đổi số" is not the
    common "chuyển đổi số" to fix as "digital transformation" in the middle of it.
    """
    if not (hit.entry.source[:1].islower() and hit.text[:1].isupper()):
        return False
    before = source[: hit.start].rstrip()
    return bool(before) and before[-1] not in _SENTENCE_OPENERS


# Titles that name a unit's head ("Trưởng phòng" = head of the Phòng): the capitalised
# words after one are the unit's name, which MT translates whole with the title.
_UNIT_HEAD_TITLE_RE = re.compile(r"(?:phòng|ban|khoa|vụ|cục|sở|viện|trung tâm|bộ môn)$", re.I)


def _before_unlisted_body(source: str, hit: TermHit, listed: frozenset[int]) -> bool:
    """A function title followed by a body the glossary does not hold: "Giám đốc Bệnh viện …".

    "[Director] Bệnh viện Bạch Mai" reads worse than the whole left to MT ("Director of
    Bach Mai Hospital"); a body the glossary holds is composed instead (compounds). So
    does a unit head's title before the unit's name: "Trưởng phòng Hợp tác quốc tế".
    """
    rest = source[hit.end :]
    if not (rest.startswith(" ") and starts_with_function(hit.entry.source)):
        return False
    if hit.end + 1 in listed:
        return False  # the glossary holds what follows: composed, or the title stands alone
    following = rest[1:].split(" ", 1)[0]
    names_a_unit = _UNIT_HEAD_TITLE_RE.search(hit.entry.source) is not None and (
        following[:1].isupper() and following[1:].islower()
    )
    return names_a_unit or starts_with_body(rest[1:])


_ABBREVIATION_END_RE = re.compile(r"\(([A-ZĐ][\w&.-]*)\)$")


def _repeated_abbreviation(source: str, end: int, english: str) -> int:
    """Length of " (USAID)" after a term whose English already ends with "(USAID)".

    The source writes the name and its abbreviation; the English form does too, so the
    abbreviation is taken into the span rather than written twice.
    """
    found = _ABBREVIATION_END_RE.search(english)
    if found is None:
        return 0
    following = re.match(r"\s*\(" + re.escape(found.group(1)) + r"\)", source[end:])
    return following.end() if following else 0


def _kind_of(entry: GlossaryEntry) -> str:
    if entry.domain == "academic titles" or starts_with_function(entry.source):
        return "title"
    return "term"


@dataclass
class _Candidate:
    finding: Finding
    weight: int  # tie-break for equal spans: higher wins

    @property
    def start(self) -> int:
        return self.finding.start

    @property
    def end(self) -> int:
        return self.finding.end


class Protector:
    """Decides the fixed spans of sources for one glossary, partner style and date."""

    def __init__(
        self,
        matcher: TermMatcher,
        *,
        style: ProtectionStyle | None = None,
        on: datetime.date | None = None,
        places: PlaceFinder | None = None,
        compounds: CompoundFinder | None = None,
        is_shipped: Callable[[GlossaryEntry], bool] | None = None,
    ) -> None:
        self.matcher = matcher
        self.style = style or ProtectionStyle()
        self.on = on
        self.places = places or place_finder(self.style.country_name)
        self.compounds = compounds or compound_finder()
        self._is_shipped = is_shipped or (lambda entry: entry in _shipped_entries())

    def with_date(self, on: datetime.date | None) -> Protector:
        """The same glossary and style for a document of another date."""
        if on == self.on:
            return self
        return Protector(
            self.matcher,
            style=self.style,
            on=on,
            places=self.places,
            compounds=self.compounds,
            is_shipped=self._is_shipped,
        )

    # --- deciding ------------------------------------------------------------------------

    def _choose(self, group: Sequence[TermHit], source: str, listed: frozenset[int]) -> Finding:
        """The finding of one glossary span: the first alternative MT may follow."""
        hit = group[0]
        alternatives = tuple(h.entry for h in group)
        chosen, reason, enforced = hit.entry, Reason.ADMITTED, False
        for candidate in group:
            ok, why = _in_force(candidate.entry, self.on)
            if ok:
                chosen, reason, enforced = candidate.entry, why, True
                break
            if candidate is hit:
                reason = why
        if enforced and is_common_noun(chosen):
            enforced, reason = False, Reason.COMMON_NOUN
        elif enforced and (
            _heads_unlisted_name(source, hit) or _before_unlisted_body(source, hit, listed)
        ):
            enforced, reason = False, Reason.HEADS_NAME
        elif enforced and _inside_unlisted_name(source, hit):
            enforced, reason = False, Reason.IN_NAME
        text = hit.text
        end = hit.end
        kind = _kind_of(chosen)
        english = cased_target(chosen, hit.text)
        if kind == "title" and chosen.domain == "academic titles" and source[end : end + 1] == ".":
            end += 1  # "TS." is the title: its dot must not stay behind as "Dr.."
        end += _repeated_abbreviation(source, end, english)
        text = source[hit.start : end]
        dated = self.on if reason in (Reason.IN_FORCE_ON_DATE, Reason.HISTORIC) else None
        return Finding(
            hit.start,
            end,
            text,
            kind,
            english,
            enforced,
            reason,
            entry=chosen,
            alternatives=alternatives,
            date=dated,
            variants=tuple(f for f in chosen.target_forms if f != english),
        )

    def _usable_in_compound(self, source: str) -> Callable[[TermHit], bool]:
        def usable(hit: TermHit) -> bool:
            return (
                _in_force(hit.entry, self.on)[0]
                and not _heads_unlisted_name(source, hit)
                and not _inside_unlisted_name(source, hit)
                and not is_common_noun(hit.entry)
            )

        return usable

    def _place_finding(self, place: PlaceHit) -> Finding:
        dated = self.on if place.place is not None and len(place.alternatives) > 1 else None
        variants = (place.name_english, *(place.place.variants if place.place else ()))
        return Finding(
            place.start,
            place.end,
            place.text,
            "place",
            place.english,
            True,
            Reason.PLACE,
            place=place.place,
            date=dated,
            variants=tuple(v for v in dict.fromkeys(variants) if v != place.english),
        )

    @staticmethod
    def _compound_finding(compound: CompoundHit) -> Finding:
        return Finding(
            compound.start,
            compound.end,
            compound.text,
            compound.kind,
            compound.english,
            True,
            Reason.COMPOUND,
            parts=compound.parts,
        )

    def findings(self, source: str) -> list[Finding]:
        """Everything fixed or shown for source, without overlaps, in order."""
        all_hits = self.matcher.find_all(source)
        places = self.places.find(source, self.on)
        compounds = self.compounds.find(
            source,
            all_hits,
            places,
            self._usable_in_compound(source),
            self.places.names_alone(source, self.on),
        )
        groups: dict[tuple[int, int], list[TermHit]] = {}
        for hit in self.matcher.find(source):
            groups.setdefault((hit.start, hit.end), []).append(hit)
        listed = frozenset(h.start for h in all_hits)
        glossary = {span: self._choose(group, source, listed) for span, group in groups.items()}
        place_spans = {(p.start, p.end): p for p in places}

        strong: list[_Candidate] = [_Candidate(self._compound_finding(c), 1) for c in compounds]
        for span, finding in glossary.items():
            place = place_spans.get(span)
            if place is not None:
                # Same words as a place: the gazetteer gives the English (and the partner's
                # country name), unless a stored glossary entry of the office says otherwise.
                entry = finding.entry
                if entry is not None and not self._is_shipped(entry) and finding.enforced:
                    strong.append(_Candidate(_replace_kind(finding, "place"), 3))
                continue
            strong.append(_Candidate(finding, 2))
        for place in places:
            strong.append(_Candidate(self._place_finding(place), 0))
        chosen = _resolve(strong)

        # A bare place name ("Hải Phòng") wins over a glossary term inside it, but not over
        # a personal name that starts before it ("Nguyễn Hà Nam" is a person, not Hà Nam).
        def is_bare(finding: Finding) -> bool:
            return finding.kind == "place" and finding.start in bare_starts

        bare_starts = {p.start for p in places if p.unit is None and p.place is not None}
        after_titles = [f.end for f in chosen if f.kind == "title"]
        firm = [(f.start, f.end) for f in chosen if not is_bare(f)]
        first_names = name_spans(source, claimed=firm, after_titles=after_titles)
        chosen = [
            f
            for f in chosen
            if not (is_bare(f) and any(n.start < f.start < n.end for n in first_names))
        ]
        claimed = [(f.start, f.end) for f in chosen]
        result = list(chosen)
        for name in name_spans(source, claimed=claimed, after_titles=after_titles):
            english = name.name
            if self.style.strip_name_diacritics:
                english = strip_diacritics(english)
            text = source[name.start : name.end]
            result.append(Finding(name.start, name.end, text, "name", english, True, Reason.NAME))
        return sorted(result, key=lambda f: f.start)

    # --- what MT is given ----------------------------------------------------------------

    def term_spans(
        self, source: str, findings: Sequence[Finding] | None = None
    ) -> tuple[TermSpan, ...]:
        """The enforced findings as spans for MT (a span holding an inline code is left)."""
        findings = self.findings(source) if findings is None else findings
        return tuple(
            TermSpan(f.start, f.end, f.english, f.kind)
            for f in findings
            if f.enforced and not has_tags(source, f.start, f.end)
        )

    def options(self) -> ProtectionOptions:
        return ProtectionOptions(date_style=self.style.date_style)

    def protected_spans(
        self, source: str, findings: Sequence[Finding] | None = None
    ) -> list[ProtectedSpan]:
        """Every span MT keeps fixed in source, with its English (patterns included)."""
        return find_spans(source, self.term_spans(source, findings), self.options())

    def request(self, key: int | str, source: str) -> MTRequest:
        return MTRequest(
            key=key,
            source=source,
            terms=self.term_spans(source),
            date_style=self.style.date_style,
        )


def project_protector(
    session: Session, project: Project, document: Document | None = None
) -> Protector:
    """The protector of a project's glossary and partner, for one document's date."""
    settings = project.partner.settings if project.partner else {}
    return Protector(
        project_matcher(session, project),
        style=ProtectionStyle.from_settings(settings),
        on=document_date(document),
    )


def target_issues(
    protector: Protector, source: str, target: str, findings: Sequence[Finding] | None = None
) -> list[TermIssue]:
    """What a target gets wrong about the source's fixed names and glossary terms.

    Places and compound names must appear in their English (or a variant); glossary
    terms as the glossary says (any allowed alternative); a forbidden target of a term
    inside a longer name is still reported. Personal names are not checked here.
    """
    findings = protector.findings(source) if findings is None else findings
    hits: list[TermHit] = []
    for finding in findings:
        if finding.kind == "name":
            continue
        if finding.from_glossary:
            hits += [
                TermHit(finding.start, finding.end, finding.text, e) for e in finding.alternatives
            ]
        else:
            entry = GlossaryEntry(finding.text, finding.english, variants=finding.variants)
            hits.append(TermHit(finding.start, finding.end, finding.text, entry))
    issues = check_target(target, hits)
    shown = {(f.start, f.end) for f in findings}
    inner = [
        hit
        for hit in protector.matcher.find(source)
        if hit.entry.status is TermStatus.FORBIDDEN and (hit.start, hit.end) not in shown
    ]
    issues += check_target(target, inner)
    return sorted(issues, key=lambda issue: (issue.source_start, issue.kind != IssueKind.MISSING))


def terms_outside_places(
    text: str, hits: Sequence[TermHit], places: PlaceFinder | None = None
) -> list[TermHit]:
    """Glossary hits that are not a shorter part of a place's name.

    "Phòng" (Division) inside "Hải Phòng" is no glossary term: the longer place wins, as
    it does in MT. A term with the very words of a place ("Hà Nội") is kept.
    """
    found = (places or place_finder()).find(text)
    return [
        hit
        for hit in hits
        if not any(
            p.start <= hit.start and hit.end <= p.end and (p.start, p.end) != (hit.start, hit.end)
            for p in found
        )
    ]


def _replace_kind(finding: Finding, kind: str) -> Finding:
    return dataclasses.replace(finding, kind=kind)


def _resolve(candidates: Iterable[_Candidate]) -> list[Finding]:
    """Leftmost-longest; of equal spans the heavier candidate wins."""
    by_span: dict[tuple[int, int], _Candidate] = {}
    for candidate in candidates:
        span = (candidate.start, candidate.end)
        if span not in by_span or candidate.weight > by_span[span].weight:
            by_span[span] = candidate
    return [candidate.finding for candidate in leftmost_longest(by_span.values())]


def reported_kind(span: ProtectedSpan) -> str:
    """The kind `songngu protect` reports for a protected span (one of KINDS)."""
    return _REPORTED_KIND.get(span.kind, span.kind)


@dataclass(frozen=True)
class ReportedSpan:
    """One protected span as `songngu protect` and the MT page report it."""

    start: int
    end: int
    text: str
    kind: str
    replacement: str
    finding: Finding | None = field(default=None, compare=False)


def report(protector: Protector, source: str) -> list[ReportedSpan]:
    """What MT will keep fixed in source: every protected span, with its finding if any."""
    found = protector.findings(source)
    findings = {(f.start, f.end): f for f in found if f.enforced}
    return [
        ReportedSpan(
            span.start,
            span.end,
            source[span.start : span.end],
            reported_kind(span),
            span.replacement,
            findings.get((span.start, span.end)),
        )
        for span in protector.protected_spans(source, found)
    ]
