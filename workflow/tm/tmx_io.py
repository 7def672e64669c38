"""TMX import into a project's (or the shared) TM, and export of one TM as TMX 1.4."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row, delete, select
from sqlalchemy.orm import Session

from exporters.producer import tool_version
from primitives.errors import InvalidInput
from primitives.excerpts import clipped
from primitives.text_keys import match_key
from workflow.insert_missing import insert_missing
from workflow.models import Project, TMUnitRow, iso_utc, utcnow
from workflow.permissions import Action
from workflow.segments import check_target_text
from workflow.tm.identity import imported_unit_identity
from workflow.tm.keys import tm_key
from workflow.tm.model import TMUnit
from workflow.tm.store import (
    CREATED_BY_CHARS,
    IN_CHUNK,
    ORIGIN_CHARS,
    aware,
    list_units,
    of_tm,
)
from workflow.tm.tmx import read_tmx, write_tmx
from workflow.users import Actor

_CONTEXT_FIELDS = ("prev_source", "next_source", "note")


@dataclass(frozen=True)
class TMImportOutcome:
    """What an import did with each unit of the file."""

    shared: bool
    added: int
    updated: int  # same source and target as an imported unit; its context/note replaced
    duplicates: int  # same source and target as a stored unit (or an earlier one): not stored
    skipped_other_language: int
    skipped_empty: int
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        which = "shared TM" if self.shared else "project TM"
        return (
            f"{which}: {self.added} added, {self.updated} updated, {self.duplicates} "
            f"duplicates not stored again, {self.skipped_other_language} skipped (other "
            f"languages), {self.skipped_empty} skipped (empty)"
        )


def _created_at(unit: TMUnit) -> datetime:
    if unit.created_at:
        try:
            moment = datetime.fromisoformat(unit.created_at)
        except ValueError:
            return utcnow()
        return aware(moment).astimezone(UTC)
    return utcnow()


def _import_values(unit: TMUnit, project_id: int | None, actor: Actor) -> dict[str, Any]:
    return {
        "project_id": project_id,
        "segment_id": None,
        "source": unit.source,
        "source_key": match_key(unit.source),
        "target": unit.target,
        "identity": imported_unit_identity(project_id, unit.source, unit.target),
        "prev_source": unit.prev_source,
        "next_source": unit.next_source,
        "origin": clipped(unit.origin, ORIGIN_CHARS),
        "note": unit.note,
        "created_by": clipped(unit.created_by or actor.name, CREATED_BY_CHARS),
        "created_at": _created_at(unit),
    }


def _check_unit(unit: TMUnit, number: int, filename: str) -> None:
    try:
        check_target_text(unit.source)
        check_target_text(unit.target)
    except InvalidInput as error:
        raise InvalidInput(
            "tm.bad_unit",
            "{filename}, unit {number}: {detail}",
            filename=filename,
            number=number,
            detail=error,
        ) from None


def import_tmx(
    session: Session,
    actor: Actor,
    project: Project,
    data: bytes,
    filename: str,
    *,
    shared: bool = False,
) -> TMImportOutcome:
    """Store a TMX file's units in the project's (or the shared) TM, in the caller's
    transaction: a file that cannot be read, or a unit that cannot be stored, stores nothing.

    A unit with the same source (matching key) and the same target as a stored unit, or
    as an earlier unit of the file, is not stored twice. When the stored one came from an
    import and the file gives it other context or a note, it is replaced (a new row, so
    cached lookups see the change).
    """
    actor.require(Action.IMPORT)
    result = read_tmx(
        data, filename, source_lang=project.source_lang, target_lang=project.target_lang
    )
    for number, unit in enumerate(result.units, start=1):
        _check_unit(unit, number, filename)
    owner = None if shared else project.id
    stored: dict[tuple[str, str], Row[Any]] = {}
    for row in session.execute(
        select(
            TMUnitRow.id,
            TMUnitRow.source_key,
            TMUnitRow.target,
            TMUnitRow.segment_id,
            *(getattr(TMUnitRow, name) for name in _CONTEXT_FIELDS),
        ).where(of_tm(project, shared))
    ):
        stored.setdefault((row.source_key, row.target), row)
    seen: set[tuple[str, str]] = set()
    new_rows: list[dict[str, Any]] = []
    replaced: list[int] = []
    duplicates = skipped_empty = 0
    for unit in result.units:
        if not tm_key(unit.source):  # only codes or punctuation: nothing to match on
            skipped_empty += 1
            continue
        key = (match_key(unit.source), unit.target)
        if key in seen:
            duplicates += 1
            continue
        seen.add(key)
        values = _import_values(unit, owner, actor)
        existing = stored.get(key)
        if existing is None:
            new_rows.append(values)
        elif existing.segment_id is None and any(
            values[name] and values[name] != getattr(existing, name) for name in _CONTEXT_FIELDS
        ):
            replaced.append(existing.id)
            new_rows.append(values)
        else:
            duplicates += 1
    for start in range(0, len(replaced), IN_CHUNK):
        session.execute(
            delete(TMUnitRow)
            .where(TMUnitRow.id.in_(replaced[start : start + IN_CHUNK]))
            .execution_options(synchronize_session=False)
        )
    # Insert-or-skip: a concurrent import of the same units stores each of them once.
    inserted = insert_missing(session, TMUnitRow, new_rows, identity=["identity"])
    duplicates += len(new_rows) - len(inserted)
    session.flush()
    return TMImportOutcome(
        shared=shared,
        added=len(inserted) - len(replaced),
        updated=len(replaced),
        duplicates=duplicates,
        skipped_other_language=result.skipped_other_language,
        skipped_empty=result.skipped_empty + skipped_empty,
        warnings=list(result.warnings),
    )


def export_tmx(
    session: Session,
    actor: Actor,
    project: Project,
    *,
    shared: bool = False,
    creation_date: str | None = None,
) -> bytes:
    """The project's (or the shared) TM as TMX 1.4 bytes, valid against tmx14.dtd; the
    header's creation date is now unless given (ISO 8601: the export's one timestamp)."""
    actor.require(Action.EXPORT)
    return write_tmx(
        list_units(session, project, shared=shared),
        source_lang=project.source_lang,
        target_lang=project.target_lang,
        tool_version=tool_version(),
        creation_date=iso_utc(utcnow()) if creation_date is None else creation_date,
    )
