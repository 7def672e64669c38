"""Units and stores: what every file format reads and writes, without a database.

A :class:`Unit` is one source sentence and its translation with everything a bilingual
format can carry (as translate-toolkit's ``TranslationUnit``): an id, the tagged source
and target (their inline-code trees through ``source_content`` / ``target_content``), the
``codes`` mapping that says what each code number stands for, the workflow status, the
version it was read at, where it came from in its file (``ref``), notes and comments, where
the target came from (``origin``, ``score``), flags, who changed it last and when, and
``props`` for what only one format knows (a TMX ``<prop>``, an XLIFF attribute).

A :class:`Store` is one file's units in order (as translate-toolkit's
``TranslationStore``), with the language pair and Dublin Core-style metadata (title,
creator, date, …). Formats in ``exporters/`` turn bytes into stores and stores into bytes;
``workflow/stores.py`` builds the store of a document from the database.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from primitives.block_ref import BlockRef
from primitives.inline import Content, parse, tagged
from primitives.statuses import Origin, Status

# Dublin Core elements a store's metadata may name (https://www.dublincore.org/specifications/
# dublin-core/dces/); formats map them to their own header fields.
METADATA_KEYS: tuple[str, ...] = (
    "title",
    "creator",
    "subject",
    "description",
    "publisher",
    "contributor",
    "date",
    "type",
    "format",
    "identifier",
    "source",
    "language",
    "relation",
    "coverage",
    "rights",
)


SOURCE_HASH_CHARS = 16  # hex digits: 64 bits, plenty to tell an edited source


def source_hash(source: str) -> str:
    """A short fingerprint of a segment's tagged source (NFC), carried by exported files
    (XLIFF, the bilingual review table) so a re-import can tell that the source changed
    since the export. Tags count: a moved bold is a changed source."""
    normalized = unicodedata.normalize("NFC", source)
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:SOURCE_HASH_CHARS]


@dataclass(frozen=True)
class Note:
    """A note on a unit or a reviewer's comment: who wrote it, when, what it says.

    ``date`` is ISO 8601 ("2024-05-01T09:30:00Z") or "" when the format does not say.
    """

    text: str
    author: str = ""
    date: str = ""


@dataclass
class Unit:
    """One segment: source and target as tagged text, and what formats carry about it.

    ``id`` is what the format or the database names the unit by (a segment id, a TMX
    tuid, an XLIFF id), None when the file gives none. ``version`` is the version the
    target was read at, so a later write can be guarded (None for units from a file
    without versions). ``changed_at`` is ISO 8601 or "".
    """

    source: str
    target: str = ""
    id: str | int | None = None
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    status: Status = Status.NEW
    version: int | None = None
    ref: BlockRef = field(default_factory=BlockRef)
    notes: list[Note] = field(default_factory=list)
    origin: Origin = Origin.NONE
    score: float | None = None
    flags: dict[str, Any] = field(default_factory=dict)
    changed_by: str = ""
    changed_at: str = ""
    props: dict[str, str] = field(default_factory=dict)

    @property
    def source_content(self) -> Content:
        return parse(self.source)

    @source_content.setter
    def source_content(self, content: Content) -> None:
        self.source = tagged(content)

    @property
    def target_content(self) -> Content:
        return parse(self.target)

    @target_content.setter
    def target_content(self, content: Content) -> None:
        self.target = tagged(content)

    @property
    def source_hash(self) -> str:
        """The fingerprint of the source (see :func:`source_hash`)."""
        return source_hash(self.source)

    @property
    def is_translated(self) -> bool:
        """A translator confirmed the target (translated, reviewed or approved)."""
        return self.status >= Status.TRANSLATED

    def add_note(self, text: str, *, author: str = "", date: str = "") -> Note:
        note = Note(text, author, date)
        self.notes.append(note)
        return note


@dataclass
class Store:
    """One file's units in order, its language pair and metadata.

    ``metadata`` holds Dublin Core elements (see METADATA_KEYS) as text; ``props`` what
    only the format knows (a TMX header's creation tool). ``warnings`` says, in words, what
    reading the file left out or changed. ``original`` is the file the units were read
    from, when loaded, for a format that writes the translation into a copy of it (the
    target DOCX). Units keep their order; ids need not be unique
    (TMX does not require it), and a lookup by id gives the first unit with that id.
    """

    units: list[Unit] = field(default_factory=list)
    source_lang: str = "vi"
    target_lang: str = "en"
    metadata: dict[str, str] = field(default_factory=dict)
    props: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    original: bytes | None = None

    def __iter__(self) -> Iterator[Unit]:
        return iter(self.units)

    def __len__(self) -> int:
        return len(self.units)

    def add(self, unit: Unit) -> Unit:
        self.units.append(unit)
        return unit

    def extend(self, units: Iterable[Unit]) -> None:
        self.units.extend(units)

    def get(self, unit_id: str | int) -> Unit | None:
        """The first unit with this id (ids compare as given: 7 is not "7")."""
        return next((unit for unit in self.units if unit.id == unit_id), None)

    def by_id(self) -> dict[str | int, Unit]:
        """Every unit that has an id, by id (the first one for an id given twice): for
        looking up many units at once."""
        index: dict[str | int, Unit] = {}
        for unit in self.units:
            if unit.id is not None:
                index.setdefault(unit.id, unit)
        return index

    @property
    def title(self) -> str:
        return self.metadata.get("title", "")
