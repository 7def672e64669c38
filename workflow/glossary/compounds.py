"""Compound names: a function, a body and a place, matched whole in their English order.

Vietnamese puts the place last and English puts it first: "UBND tỉnh Quảng Ninh" is the
"Quang Ninh Provincial People's Committee", "Thành ủy Hải Phòng" the "Hai Phong Party
Committee", "Sở Giáo dục và Đào tạo Hà Nội" the "Ha Noi Department of Education and
Training", and a function goes before "of the": "Chủ tịch UBND tỉnh Quảng Ninh" is the
"Chairman of the Quang Ninh Provincial People's Committee", "Thứ trưởng Bộ Thông tin và
Truyền thông" the "Deputy Minister of Information and Communications". Replacing the
parts one by one gives MT "[People's Committee] [province] [Quang Ninh]" to reorder, which
it does not; so the parts are composed here from patterns, never listed per combination:

    compound    := function body | body
    body        := local-body place | local-body unit-word | department place
                 | sub-body body | glossary-body
    function    := "Chủ tịch" | "Bí thư" | "Thứ trưởng" | …   (data/compounds.tsv)
    local-body  := "UBND" | "Thành ủy" | "Công an" | …         (with English templates)
    department  := a glossary entry "Sở …" (with a place, or a unit word: "Sở Y tế tỉnh")
    place       := a gazetteer hit; unit-word := "tỉnh", "thành phố", "xã", …

Only parts separated by whitespace combine. The glossary supplies the bodies' English
(so a project's own entries and the document's date count), the gazetteer the places.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from primitives.terms import GlossaryEntry, TermStatus
from workflow.glossary.gazetteer import LEVEL_WORDS, UNIT_ENGLISH, PlaceHit
from workflow.glossary.matcher import PhraseMatcher, TermHit

COMPOUNDS_FILE = "compounds.tsv"
ROLES = ("function", "minister", "local body", "sub body")
_MINISTRY = "Ministry of "
# English heads that read as a proper name without an article: "President of Indiana
# University", but "Chairman of the People's Committee".
_NO_ARTICLE_ENDINGS = ("University", "College")


@dataclass(frozen=True)
class Pattern:
    """One row of data/compounds.tsv: a function, minister, local body or sub-body."""

    role: str
    vietnamese: str
    english: str
    named: str = ""  # template with a place: {place}, {name}, {full}
    unnamed: str = ""  # template with a unit word only: {unit}
    names_alone: str = ""  # level whose listed names it takes without a unit word
    note: str = ""
    source: str = ""


def read_patterns(data: str) -> list[Pattern]:
    patterns = []
    for row in csv.DictReader(io.StringIO(data), delimiter="\t"):
        if row["role"] not in ROLES:
            raise ValueError(f"compounds: unknown role {row['role']!r} for {row['vietnamese']!r}")
        patterns.append(Pattern(**row))
    return patterns


@lru_cache(maxsize=1)
def shipped_patterns() -> tuple[Pattern, ...]:
    data = resources.files("workflow.glossary").joinpath("data", COMPOUNDS_FILE)
    return tuple(read_patterns(data.read_text("utf-8")))


@dataclass(frozen=True)
class Part:
    """One piece of a compound as found: its text and what it contributed."""

    text: str
    english: str
    entry: GlossaryEntry | None = None
    place: PlaceHit | None = None


@dataclass(frozen=True)
class CompoundHit:
    """A compound name at [start, end) of the text, composed in English order."""

    start: int
    end: int
    text: str
    english: str
    kind: str  # "title" (a function of a body) or "term" (a body)
    parts: tuple[Part, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class _Atom:
    start: int
    end: int
    text: str
    english: str
    pattern: Pattern | None = None
    entry: GlossaryEntry | None = None
    place: PlaceHit | None = None
    unit: str | None = None
    alone: bool = False  # a lower unit's name without its unit word


def _article(english: str) -> str:
    return "" if english.endswith(_NO_ARTICLE_ENDINGS) else "the "


def _fill(template: str, place: PlaceHit | None = None, unit: str | None = None) -> str:
    values = {"place": "", "name": "", "full": "", "unit": ""}
    if place is not None:
        values.update(place=place.body_form(), name=place.name_english, full=place.english)
    if unit is not None:
        values["unit"] = UNIT_ENGLISH[unit][2]
    return template.format(**values)


class CompoundFinder:
    """Composes compound names from glossary hits, place hits and data/compounds.tsv."""

    def __init__(self, patterns: Iterable[Pattern] | None = None) -> None:
        chosen = tuple(shipped_patterns() if patterns is None else patterns)
        self._patterns: PhraseMatcher[Pattern] = PhraseMatcher(
            (pattern.vietnamese, pattern, True) for pattern in chosen
        )
        self._units: PhraseMatcher[str] = PhraseMatcher(
            (word.written, word.unit, True) for word in LEVEL_WORDS if not word.abbreviation
        )

    def find(
        self,
        text: str,
        term_hits: Sequence[TermHit],
        place_hits: Sequence[PlaceHit],
        usable: Callable[[TermHit], bool],
        names_alone: Sequence[PlaceHit] = (),
    ) -> list[CompoundHit]:
        """Every compound of two or more parts, longest at each start, overlapping.

        term_hits: every glossary hit, overlapping ones too (TermMatcher.find_all);
        usable: whether a hit's entry may give a body its English (the caller's rule:
        enforced on the document's date, not a lone head word of a longer name);
        names_alone: lower units named without their unit word (PlaceFinder.names_alone),
        which only a body of that level takes ("Huyện ủy Đông Anh").
        """
        atoms: dict[int, list[_Atom]] = {}

        def add(atom: _Atom) -> None:
            atoms.setdefault(atom.start, []).append(atom)

        for found in self._patterns.candidates(text):
            for pattern in found.payloads:
                add(_Atom(found.start, found.end, found.text, pattern.english, pattern=pattern))
        for found in self._units.candidates(text):
            add(_Atom(found.start, found.end, found.text, "", unit=found.payloads[0]))
        for place in place_hits:
            add(_Atom(place.start, place.end, place.text, place.english, place=place))
        for place in names_alone:
            add(_Atom(place.start, place.end, place.text, place.english, place=place, alone=True))
        for hit in term_hits:
            if _is_body(hit.entry) and usable(hit):
                add(_Atom(hit.start, hit.end, hit.text, hit.entry.target, entry=hit.entry))

        def after(end: int) -> list[_Atom]:
            """Atoms starting after whitespace at end (only whitespace between)."""
            position = end
            while position < len(text) and text[position].isspace():
                position += 1
            if position == end:
                return []
            return atoms.get(position, [])

        def bodies(atom: _Atom) -> list[tuple[int, str, tuple[_Atom, ...]]]:
            """(end, English, parts) of every body reading starting with atom."""
            found: list[tuple[int, str, tuple[_Atom, ...]]] = []
            pattern = atom.pattern
            if pattern is not None and pattern.role == "local body":
                found.append((atom.end, pattern.english, (atom,)))
                for nxt in after(atom.end):
                    takes = not nxt.alone or (
                        nxt.place is not None
                        and nxt.place.place is not None
                        and nxt.place.place.level == pattern.names_alone
                    )
                    if nxt.place is not None and pattern.named and takes:
                        found.append((nxt.end, _fill(pattern.named, nxt.place), (atom, nxt)))
                    if nxt.unit is not None and pattern.unnamed:
                        found.append((nxt.end, _fill(pattern.unnamed, unit=nxt.unit), (atom, nxt)))
            elif pattern is not None and pattern.role == "sub body":
                for nxt in after(atom.end):
                    for end, english, parts in bodies(nxt):
                        combined = f"{pattern.english} of {_article(english)}{english}"
                        found.append((end, combined, (atom, *parts)))
            elif atom.entry is not None:
                found.append((atom.end, atom.english, (atom,)))
                if atom.entry.source.startswith("Sở "):
                    for nxt in after(atom.end):
                        if nxt.place is not None and not nxt.alone:
                            english = f"{nxt.place.name_english} {atom.english}"
                            found.append((nxt.end, english, (atom, nxt)))
                        elif nxt.unit is not None:  # "Sở Y tế tỉnh": the provincial one
                            english = f"{UNIT_ENGLISH[nxt.unit][2]} {atom.english}"
                            found.append((nxt.end, english, (atom, nxt)))
            return found

        def compounds(atom: _Atom) -> list[tuple[int, str, str, tuple[_Atom, ...]]]:
            found = [(end, english, "term", parts) for end, english, parts in bodies(atom)]
            pattern = atom.pattern
            if pattern is not None and pattern.role in ("function", "minister"):
                for nxt in after(atom.end):
                    for end, english, parts in bodies(nxt):
                        found.append((end, _titled(pattern, english), "title", (atom, *parts)))
            return [candidate for candidate in found if len(candidate[3]) > 1]

        results: list[CompoundHit] = []
        for start in sorted(atoms):
            readings = [reading for atom in atoms[start] for reading in compounds(atom)]
            if not readings:
                continue
            end, english, kind, parts = max(readings, key=lambda reading: reading[0])
            results.append(
                CompoundHit(
                    start,
                    end,
                    text[start:end],
                    english,
                    kind,
                    tuple(Part(p.text, p.english, p.entry, p.place) for p in parts),
                )
            )
        return results


def _titled(pattern: Pattern, body: str) -> str:
    """A function of a body: "Minister of Health", "Chairman of the People's Committee"."""
    if pattern.role == "minister" and body.startswith(_MINISTRY):
        return f"{pattern.english} of {body[len(_MINISTRY) :]}"
    return f"{pattern.english} of {_article(body)}{body}"


def _is_body(entry: GlossaryEntry) -> bool:
    """A glossary entry naming a body: a capitalised name with a capitalised English."""
    return (
        entry.status is not TermStatus.FORBIDDEN
        and entry.source[:1].isupper()
        and entry.target[:1].isupper()
        and entry.domain != "academic titles"
    )


@lru_cache(maxsize=1)
def compound_finder() -> CompoundFinder:
    """The finder of the shipped patterns (built once)."""
    return CompoundFinder()
