"""TMX files for the translation memory: TM units to and from the TMX format's units.

The format itself (parsing, inline codes, the DTD) is :mod:`exporters.tmx`; this module
says what a TM unit is in a TMX unit: its id, source and target, the neighbouring source
segments and where it came from as props, its author and date, its note.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from exporters import tmx
from exporters.tmx import TMXHeader
from primitives.units import Note, Store, Unit
from workflow.tm.model import TMUnit

__all__ = ["TMXHeader", "TMXReadResult", "read_tmx", "tm_unit_of", "tmx_unit_of", "write_tmx"]


@dataclass(frozen=True)
class TMXReadResult:
    """TM units usable for source_lang → target_lang, and what was left out and why."""

    units: list[TMUnit]
    header: TMXHeader
    skipped_other_language: int = 0
    skipped_empty: int = 0
    warnings: list[str] = field(default_factory=list)


def tm_unit_of(unit: Unit, filename: str) -> TMUnit:
    """The TM unit of a TMX unit read from filename (its origin, unless the file says)."""
    return TMUnit(
        source=unit.source,
        target=unit.target,
        unit_id=unit.id,
        prev_source=unit.props.get(tmx.CONTEXT_BEFORE, ""),
        next_source=unit.props.get(tmx.CONTEXT_AFTER, ""),
        origin=unit.props.get(tmx.ORIGIN_PROP, f"tmx:{filename}"),
        created_by=unit.changed_by,
        created_at=unit.changed_at,
        note="\n".join(note.text for note in unit.notes),
    )


def tmx_unit_of(unit: TMUnit) -> Unit:
    """The TMX unit of a TM unit: context and origin as props, the note as one note."""
    props = {
        tmx.CONTEXT_BEFORE: unit.prev_source,
        tmx.CONTEXT_AFTER: unit.next_source,
        tmx.ORIGIN_PROP: unit.origin,
    }
    return Unit(
        source=unit.source,
        target=unit.target,
        id=unit.unit_id,
        notes=[Note(unit.note)] if unit.note else [],
        changed_by=unit.created_by,
        changed_at=unit.created_at,
        props={kind: value for kind, value in props.items() if value},
    )


def read_tmx(
    data: bytes, filename: str, *, source_lang: str = "vi", target_lang: str = "en"
) -> TMXReadResult:
    """TM units of a TMX file for source_lang → target_lang (InvalidInput if unusable)."""
    result = tmx.read_tmx(data, filename, source_lang=source_lang, target_lang=target_lang)
    return TMXReadResult(
        units=[tm_unit_of(unit, filename) for unit in result.store],
        header=result.header,
        skipped_other_language=result.skipped_other_language,
        skipped_empty=result.skipped_empty,
        warnings=list(result.store.warnings),
    )


def write_tmx(
    units: Iterable[TMUnit],
    *,
    source_lang: str = "vi",
    target_lang: str = "en",
    tool_version: str,
    creation_date: str = "",
) -> bytes:
    """TMX 1.4 bytes (UTF-8) holding the TM units; creation_date is ISO 8601 or ""."""
    store = Store(
        [tmx_unit_of(unit) for unit in units],
        source_lang=source_lang,
        target_lang=target_lang,
        metadata={"date": creation_date} if creation_date else {},
    )
    return tmx.write_tmx(store, tool_version=tool_version)
