"""Stored translation memory units: a project's TM and the office's shared one.

A unit is one ``TMUnitRow``: ``project_id`` is its project, or NULL for the shared TM.
Units are never updated in place, only replaced by new rows (new id, new created_at):
that is what lets the lookup cache (``workflow.tm.lookup``) see every change from a cheap
fingerprint. This module reads them; the modules beside it write them:

- ``capture``: a reviewed segment becomes a unit, a rejected one loses its units, and a
  confirmed one fills its untranslated repeats (the status-changed subscriber);
- ``tmx_io``: TMX import and export;
- ``exact``: exact matches handed to machine translation;
- ``lookup``: in-context, exact and fuzzy matches from a cached index;
- ``settings``: a project's TM options (share, propagate).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, func, or_, select
from sqlalchemy.orm import Session

from workflow.models import Project, TMUnitRow, iso_utc
from workflow.tm.model import TMUnit

ORIGIN_CHARS = 200  # TMUnitRow.origin is String(200)
CREATED_BY_CHARS = 100
IN_CHUNK = 500  # keys per IN (...) query

UNIT_COLUMNS = (
    TMUnitRow.id,
    TMUnitRow.project_id,
    TMUnitRow.source,
    TMUnitRow.target,
    TMUnitRow.prev_source,
    TMUnitRow.next_source,
    TMUnitRow.origin,
    TMUnitRow.note,
    TMUnitRow.created_by,
    TMUnitRow.created_at,
)


def of_tm(project: Project, shared: bool) -> ColumnElement[bool]:
    """Units of one TM: the project's own, or the shared one."""
    return TMUnitRow.project_id.is_(None) if shared else TMUnitRow.project_id == project.id


def visible_to(project: Project) -> ColumnElement[bool]:
    """Units a project's lookups use: its own and the shared ones."""
    return or_(TMUnitRow.project_id == project.id, TMUnitRow.project_id.is_(None))


def aware(moment: datetime) -> datetime:
    """A stored moment with its time zone: SQLite hands back naive datetimes, stored as UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def unit_of(row: TMUnitRow | Row[Any]) -> TMUnit:
    """The TMUnit of a stored row (an ORM object or a row of UNIT_COLUMNS)."""
    return TMUnit(
        source=row.source,
        target=row.target,
        unit_id=row.id,
        prev_source=row.prev_source,
        next_source=row.next_source,
        origin=row.origin,
        created_by=row.created_by,
        created_at=iso_utc(row.created_at),
        note=row.note,
    )


def list_units(session: Session, project: Project, *, shared: bool = False) -> list[TMUnit]:
    """The units of the project's TM (or of the shared TM), oldest first."""
    rows = session.execute(
        select(*UNIT_COLUMNS).where(of_tm(project, shared)).order_by(TMUnitRow.id)
    )
    return [unit_of(row) for row in rows]


@dataclass(frozen=True)
class TMCounts:
    project_units: int
    shared_units: int


def count_units(session: Session, project: Project) -> TMCounts:
    own = session.scalar(select(func.count()).where(of_tm(project, shared=False))) or 0
    shared = session.scalar(select(func.count()).where(of_tm(project, shared=True))) or 0
    return TMCounts(own, shared)
