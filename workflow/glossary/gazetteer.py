"""The gazetteer: Vietnamese places and their official English, found whole in source text.

``data/gazetteer.tsv`` lists every province and centrally-run city before the 2025
reorganisation (63) and after it (34, from 1 July 2025), the districts of the largest
cities (dissolved with the district level on 1 July 2025), wards named often since, some
provincial cities and the countries partner documents name, each with its dates and
sources. A place is found with the word for its kind of unit ("tỉnh Quảng Ninh" →
"Quang Ninh province", "TP. Đà Nẵng" → "Da Nang City", "Q. Hải Châu" → "Hai Chau
District", "Quận 1" → "District 1") or, for provinces, cities and countries, alone
("Hải Phòng" → "Hai Phong"). A lower unit the list does not hold is still a place with its
word written out in lower case ("phường Bến Nghé" → "Ben Nghe Ward"). Names are matched
with their capitals (title case, or all capitals in a heading), so "hòa bình" (peace) is
never Hòa Bình province, and whole: the glossary's "Phòng" is never found inside
"Hải Phòng" because the longer place wins.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from translation.protection import strip_diacritics
from workflow.glossary.matcher import PhraseMatcher, leftmost_longest
from workflow.glossary.text_view import make_view

GAZETTEER_FILE = "gazetteer.tsv"
PROVINCIAL_LEVELS = frozenset({"city", "province"})  # the 63, then the 34
_LOWER_LEVELS = frozenset({"provincial city", "district", "town", "township", "ward", "commune"})
LEVELS = (
    "country",
    "city",
    "province",
    "provincial city",
    "district",
    "town",
    "township",
    "ward",
    "commune",
)
# The English word each unit takes after its name, and before a body ("Provincial
# People's Committee"), and alone before a body without a name ("provincial People's
# Committee"; a city's own bodies are "municipal").
UNIT_ENGLISH = {
    "province": ("province", "Provincial", "provincial"),
    "city": ("City", "City", "municipal"),
    "district": ("District", "District", "district"),
    "town": ("Town", "Town", "town"),
    "township": ("Town", "Town", "town"),
    "ward": ("Ward", "Ward", "ward"),
    "commune": ("Commune", "Commune", "commune"),
    "special zone": ("Special Zone", "Special Zone", "special zone"),
}


@dataclass(frozen=True)
class LevelWord:
    """How a text names a kind of unit before its name: "tỉnh", "TP.", "Q.", "phường"."""

    written: str
    unit: str  # a key of UNIT_ENGLISH
    accepts: frozenset[str]  # levels of the listed places it may precede
    abbreviation: bool  # "TP.", "Q.": never before an unlisted name


def _level_words() -> tuple[LevelWord, ...]:
    def forms(
        unit: str, accepts: Iterable[str], words: str, abbreviations: str = ""
    ) -> list[LevelWord]:
        found = []
        for word in words.split("|"):
            for written in (word, word[0].upper() + word[1:], word.upper()):
                found.append(LevelWord(written, unit, frozenset(accepts), False))
        for written in filter(None, abbreviations.split("|")):
            found.append(LevelWord(written, unit, frozenset(accepts), True))
        return list(dict.fromkeys(found))

    return tuple(
        forms("province", ["province"], "tỉnh")
        # "thành phố" before a province's name is its capital city: "thành phố Cà Mau".
        + forms("city", ["city", "provincial city", "province"], "thành phố", "TP.|TP|Tp.|T.P.")
        + forms("district", ["district"], "quận|huyện", "Q.|H.")
        + forms("town", ["town"], "thị xã", "TX.|TX")
        + forms("township", ["township"], "thị trấn", "TT.")
        + forms("ward", ["ward"], "phường", "P.")
        + forms("commune", ["commune"], "xã")
        # Island districts became special zones on 1 Jul 2025 ("đặc khu Hoàng Sa").
        + forms("special zone", ["district"], "đặc khu")
    )


LEVEL_WORDS = _level_words()


@dataclass(frozen=True)
class Place:
    """One row of the gazetteer: a unit as it was named between two dates."""

    name: str
    english: str
    level: str
    parent: str = ""
    valid_from: str = ""  # ISO date; empty: before the dates this list records
    valid_until: str = ""  # ISO date, the last day; empty: still in force
    bare: bool = True  # the name alone is this place (not "Hồ Chí Minh", a person too)
    aliases: tuple[str, ...] = ()  # other Vietnamese spellings
    variants: tuple[str, ...] = ()  # other accepted English forms
    note: str = ""
    source: str = ""

    def in_force(self, on: date) -> bool:
        """Whether the unit existed under this name on that day."""
        day = on.isoformat()
        return (not self.valid_from or self.valid_from <= day) and (
            not self.valid_until or day <= self.valid_until
        )


@dataclass(frozen=True)
class PlaceHit:
    """A place found at [start, end) of a text (original offsets), with its English.

    place is None for a unit the gazetteer does not list ("phường Bến Nghé", "Quận 1");
    unit is the kind of unit the text names before the name, None for a bare name.
    """

    start: int
    end: int
    text: str
    english: str  # what the target gets: "Quang Ninh province", "Hai Phong"
    name_english: str  # the name alone: "Quang Ninh"
    unit: str | None
    place: Place | None
    alternatives: tuple[Place, ...] = ()  # every listed row with this name and unit

    def body_form(self) -> str:
        """The place before a body: "Quang Ninh Provincial", "Da Nang City", "Ha Noi"."""
        if self.unit is None:
            return self.name_english
        return with_unit(self.name_english, UNIT_ENGLISH[self.unit][1])


def with_unit(name_english: str, word: str) -> str:
    """ "Quang Ninh" + "province"; an English name that already ends with it stays."""
    if not word or name_english.endswith(" " + word) or name_english == word:
        return name_english
    return f"{name_english} {word}"


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


def read_gazetteer(data: str) -> list[Place]:
    """Places of a gazetteer TSV (the columns of data/gazetteer.tsv)."""
    places: list[Place] = []
    for row in csv.DictReader(io.StringIO(data), delimiter="\t"):
        if row["level"] not in LEVELS:
            raise ValueError(f"gazetteer: unknown level {row['level']!r} for {row['name']!r}")
        for day in (row["valid_from"], row["valid_until"]):
            if day:
                date.fromisoformat(day)
        places.append(
            Place(
                name=row["name"],
                english=row["english"],
                level=row["level"],
                parent=row["parent"],
                valid_from=row["valid_from"],
                valid_until=row["valid_until"],
                bare=row["bare"] == "yes",
                aliases=_split(row["aliases"]),
                variants=_split(row["variants"]),
                note=row["note"],
                source=row["source"],
            )
        )
    return places


@lru_cache(maxsize=1)
def shipped_places() -> tuple[Place, ...]:
    """The gazetteer songngu ships (read once)."""
    data = resources.files("workflow.glossary").joinpath("data", GAZETTEER_FILE)
    return tuple(read_gazetteer(data.read_text("utf-8")))


def provincial_units(on: date, places: Iterable[Place] | None = None) -> list[Place]:
    """The provinces and centrally-run cities in force on that day."""
    return [
        place
        for place in (shipped_places() if places is None else places)
        if place.level in PROVINCIAL_LEVELS and place.in_force(on)
    ]


def choose(rows: Iterable[Place], on: date | None) -> Place:
    """The row in force on the day; without a day (or none in force), the latest one."""
    ordered = sorted(rows, key=lambda p: (p.valid_until or "9999", p.valid_from))
    if on is not None:
        for place in ordered:
            if place.in_force(on):
                return place
    return ordered[-1]


# Payload of a phrase: the places it may name, and the level word written before them.
_Payload = tuple[tuple[Place, ...], LevelWord | None]

_WORD_RE = re.compile(r"[^\W\d_]+|\d+")
_NUMBERED_RE = re.compile(
    r"(?<!\w)(quận|phường|Quận|Phường|QUẬN|PHƯỜNG|Q\.|P\.)\s?(\d{1,2})(?![\w/.,]\d)(?!\w)"
)
_NUMBERED_UNIT = {"q": "district", "p": "ward"}
_OPEN_UNITS = {w.written: w for w in LEVEL_WORDS if not w.abbreviation and w.written.islower()}
_OPEN_UNIT_RE = re.compile(
    r"(?<!\w)("
    + "|".join(
        sorted(
            (
                re.escape(w)
                for w, level in _OPEN_UNITS.items()
                if level.unit not in ("province", "city")
            ),
            key=len,
            reverse=True,
        )
    )
    + r") "
)
_MAX_OPEN_NAME_WORDS = 3


def _gaps(word: LevelWord) -> tuple[str, ...]:
    """What may stand between a unit word and the name: "TP. Huế", "TP.Huế", "TPHCM"."""
    if not word.abbreviation:
        return (" ",)
    if word.written.endswith(".") or word.written == "TP":
        return (" ", "")
    return (" ",)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and (len(word) == 1 or word[1:].islower())


class PlaceFinder:
    """Finds places in text; build once per gazetteer and country-name style."""

    def __init__(self, places: Iterable[Place] | None = None, *, country_name: str = "") -> None:
        """country_name: how "Việt Nam" is written in English (a partner setting)."""
        self.places = tuple(shipped_places() if places is None else places)
        self.country_name = country_name
        by_name: dict[str, list[Place]] = {}
        for place in self.places:
            for name in (place.name, *place.aliases):
                by_name.setdefault(name, []).append(place)
        phrases: list[tuple[str, _Payload, bool]] = []
        for name, rows in by_name.items():
            bare = tuple(p for p in rows if p.bare)
            for written in dict.fromkeys((name, name.upper())):
                if bare:
                    phrases.append((written, (bare, None), True))
                for word in LEVEL_WORDS:
                    accepted = tuple(p for p in rows if p.level in word.accepts)
                    # A written-out unit word has the case of its name: "tỉnh Quảng Ninh",
                    # "TỈNH QUẢNG NINH"; abbreviations go with either.
                    if not accepted or (
                        not word.abbreviation and word.written.isupper() != written.isupper()
                    ):
                        continue
                    for gap in _gaps(word):
                        phrases.append((word.written + gap + written, (accepted, word), True))
        self._matcher: PhraseMatcher[_Payload] = PhraseMatcher(phrases)
        # Names of lower units alone: only a body's own name takes them ("Huyện ủy Đông Anh").
        self._unit_names: PhraseMatcher[tuple[Place, ...]] = PhraseMatcher(
            (name, lower, True)
            for name, rows in by_name.items()
            if (lower := tuple(p for p in rows if p.level in _LOWER_LEVELS and not p.bare))
        )

    def english_name(self, place: Place) -> str:
        if place.level == "country" and place.name == "Việt Nam" and self.country_name:
            return self.country_name
        return place.english

    def _listed(self, text: str, on: date | None) -> Iterator[PlaceHit]:
        for found in self._matcher.candidates(text):
            # Of the payloads, the one naming a unit (longest phrase) is the hit's reading.
            rows, word = max(found.payloads, key=lambda payload: payload[1] is not None)
            place = choose(rows, on)
            name_english = self.english_name(place)
            unit = word.unit if word is not None else None
            english = with_unit(name_english, UNIT_ENGLISH[unit][0]) if unit else name_english
            yield PlaceHit(
                found.start, found.end, found.text, english, name_english, unit, place, rows
            )

    def names_alone(self, text: str, on: date | None = None) -> list[PlaceHit]:
        """Listed places that need a unit word, found by their name alone (no unit).

        Not places on their own ("Hoàn Kiếm" is also a lake); a body may take them as its
        own name: "Huyện ủy Đông Anh" is the Dong Anh District Party Committee.
        """
        hits = []
        for found in self._unit_names.find(text):
            rows = found.payloads[0]
            place = choose(rows, on)
            english = self.english_name(place)
            hits.append(
                PlaceHit(found.start, found.end, found.text, english, english, None, place, rows)
            )
        return hits

    def _numbered(self, shown: str) -> Iterator[tuple[int, int, str, str]]:
        for match in _NUMBERED_RE.finditer(shown):
            unit = _NUMBERED_UNIT[match.group(1)[0].lower()]
            english = f"{UNIT_ENGLISH[unit][0]} {int(match.group(2))}"
            yield match.start(), match.end(), unit, english

    def _unlisted(self, shown: str, blocked: set[int]) -> Iterator[tuple[int, int, str, str]]:
        """'phường Bến Nghé': a lower-case unit word and one to three capitalised words.

        blocked: view offsets where a listed place starts; an unlisted name stops there
        ("xã Tân Lập Hà Nội" is Tân Lập, then Hà Nội).
        """
        for match in _OPEN_UNIT_RE.finditer(shown):
            words: list[re.Match[str]] = []
            position = match.end()
            for word in _WORD_RE.finditer(shown, position):
                if (
                    word.start() != position
                    or not _capitalised(word.group(0))
                    or word.start() in blocked
                    or len(words) == _MAX_OPEN_NAME_WORDS
                ):
                    break
                words.append(word)
                if shown[word.end() : word.end() + 1] != " ":
                    break
                position = word.end() + 1
            if not words:
                continue
            name = " ".join(w.group(0) for w in words)
            unit = _OPEN_UNITS[match.group(1)].unit
            yield match.start(), words[-1].end(), unit, strip_diacritics(name)

    def find(self, text: str, on: date | None = None) -> list[PlaceHit]:
        """Places in text, leftmost-longest, in text order; on picks the rows of that day."""
        listed = list(self._listed(text, on))
        view = make_view(text)
        shown = view.text
        extra: list[PlaceHit] = []
        listed_starts = {h.start for h in listed}
        for start, end, _unit, english in self._numbered(shown):
            first, last = view.original_span(start, end)
            extra.append(PlaceHit(first, last, text[first:last], english, english, None, None))
        if view.starts is None:
            blocked = listed_starts
        else:
            view_offset = {original: index for index, original in enumerate(view.starts)}
            blocked = {view_offset[start] for start in listed_starts if start in view_offset}
        for start, end, unit, name_english in self._unlisted(shown, blocked):
            first, last = view.original_span(start, end)
            if first in listed_starts:
                continue  # a listed unit starts here: the gazetteer knows it better
            english = with_unit(name_english, UNIT_ENGLISH[unit][0])
            extra.append(PlaceHit(first, last, text[first:last], english, name_english, unit, None))
        return leftmost_longest(listed + extra)


@lru_cache(maxsize=4)
def place_finder(country_name: str = "") -> PlaceFinder:
    """The shipped gazetteer's finder for a country-name style (built once per style)."""
    return PlaceFinder(country_name=country_name)
