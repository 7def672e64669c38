"""TM lookup: a FuzzyIndex of a project's units plus the shared ones, cached per project.

The index is cached per (database, project). Each lookup first reads a cheap fingerprint
from the project_id index (see ``_fingerprint``). When it changed only because units were
added (the usual case: a segment was reviewed for the first time, or a TMX was imported),
the new rows are ``add()``-ed to the cached index; any other change (a unit replaced or
removed) rebuilds it. Units are never updated in place, only replaced by new rows, which
is what lets the fingerprint see every change without reading every row.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from workflow.models import Project, Segment, TMUnitRow
from workflow.segments import segment_context, segment_project
from workflow.tm.index import FuzzyIndex
from workflow.tm.keys import tm_key
from workflow.tm.model import TMMatch, TMUnit
from workflow.tm.store import UNIT_COLUMNS, of_tm, unit_of, visible_to


class ProjectTM:
    """A project's lookup index (its own units and the shared ones)."""

    def __init__(self, rows: Iterable[Row[Any]]) -> None:
        # A unit whose source is only codes or punctuation has no key to match on.
        units = [row for row in rows if tm_key(row.source)]
        self.index = FuzzyIndex(unit_of(row) for row in units)
        self._shared_ids: set[int] = {row.id for row in units if row.project_id is None}

    def add(self, rows: Iterable[Row[Any]]) -> None:
        for row in rows:
            if tm_key(row.source):
                self.index.add(unit_of(row))
                if row.project_id is None:
                    self._shared_ids.add(row.id)

    def __len__(self) -> int:
        return len(self.index)

    def is_shared(self, unit: TMUnit) -> bool:
        """Whether a unit of a match comes from the office's shared TM."""
        return unit.unit_id in self._shared_ids

    def lookup(
        self,
        source: str,
        *,
        prev_source: str = "",
        next_source: str = "",
        min_score: float = 70.0,
        limit: int = 5,
    ) -> list[TMMatch]:
        return self.index.lookup(
            source,
            prev_source=prev_source,
            next_source=next_source,
            min_score=min_score,
            limit=limit,
        )


@dataclass(frozen=True)
class _Newest:
    """One TM's row count, highest id and that row's created_at."""

    count: int
    max_id: int | None
    max_id_at: datetime | None


@dataclass(frozen=True)
class _Fingerprint:
    own: _Newest
    shared: _Newest


_CACHE_SIZE = 8  # indexes of 100k units take about 65 MiB each
_indexes: OrderedDict[tuple[str, int], tuple[_Fingerprint, ProjectTM]] = OrderedDict()
_indexes_lock = threading.Lock()


def _fingerprint(session: Session, project: Project) -> _Fingerprint:
    """Changes whenever a unit the project's lookups use is added, replaced or removed.

    Per TM (the project's, the shared one): the row count and the highest id, both read
    from the project_id index, and the created_at of that highest row (SQLite may give a
    deleted highest id to the next row). Units are never updated in place, only replaced
    by new rows, so these see every change; a max(created_at) over all rows would have
    to read every row.
    """
    own, shared = of_tm(project, shared=False), of_tm(project, shared=True)
    own_count, own_max, shared_count, shared_max = session.execute(
        select(
            select(func.count()).select_from(TMUnitRow).where(own).scalar_subquery(),
            select(func.max(TMUnitRow.id)).where(own).scalar_subquery(),
            select(func.count()).select_from(TMUnitRow).where(shared).scalar_subquery(),
            select(func.max(TMUnitRow.id)).where(shared).scalar_subquery(),
        )
    ).one()
    newest = [row_id for row_id in (own_max, shared_max) if row_id is not None]
    created = (
        dict(
            session.execute(
                select(TMUnitRow.id, TMUnitRow.created_at).where(TMUnitRow.id.in_(newest))
            ).all()
        )
        if newest
        else {}
    )
    return _Fingerprint(
        _Newest(own_count or 0, own_max, created.get(own_max)),
        _Newest(shared_count or 0, shared_max, created.get(shared_max)),
    )


def _added_rows(
    session: Session, project: Project, since: _Fingerprint, now: _Fingerprint
) -> list[Row[Any]] | None:
    """Rows added since a fingerprint, or None when rows were also replaced or removed."""
    parts = ((False, since.own, now.own), (True, since.shared, now.shared))
    added: list[Row[Any]] = []
    for shared, before, after in parts:
        if before == after:
            continue
        if before.max_id is not None and _created_at_of(session, before.max_id) != before.max_id_at:
            return None  # the highest row was removed or replaced
        newer = of_tm(project, shared)
        if before.max_id is not None:
            newer = newer & (TMUnitRow.id > before.max_id)
        rows = session.execute(select(*UNIT_COLUMNS).where(newer).order_by(TMUnitRow.id)).all()
        if before.count + len(rows) != after.count:
            return None  # older rows were removed (or replaced) as well
        added.extend(rows)
    return sorted(added, key=lambda row: row.id)


def _created_at_of(session: Session, row_id: int) -> datetime | None:
    return session.scalar(select(TMUnitRow.created_at).where(TMUnitRow.id == row_id))


def project_tm(session: Session, project: Project) -> ProjectTM:
    """The project's lookup index, cached; added rows are indexed, other changes rebuild."""
    cache_key = (str(session.get_bind().url), project.id)
    now = _fingerprint(session, project)
    with _indexes_lock:
        cached = _indexes.get(cache_key)
        if cached is not None:
            _indexes.move_to_end(cache_key)
            if cached[0] == now:
                return cached[1]
    if cached is not None:
        added = _added_rows(session, project, cached[0], now)
        if added is not None:
            with _indexes_lock:
                # Another session may have brought the same index up to date meanwhile.
                if _indexes.get(cache_key) is cached:
                    cached[1].add(added)
                    _indexes[cache_key] = (now, cached[1])
                    return cached[1]
    rows = session.execute(
        select(*UNIT_COLUMNS).where(visible_to(project)).order_by(TMUnitRow.id)
    ).all()
    built = ProjectTM(rows)
    with _indexes_lock:
        _indexes[cache_key] = (now, built)
        _indexes.move_to_end(cache_key)
        while len(_indexes) > _CACHE_SIZE:
            _indexes.popitem(last=False)
    return built


def lookup(
    session: Session,
    project: Project,
    source: str,
    *,
    prev_source: str = "",
    next_source: str = "",
    min_score: float = 70.0,
    limit: int = 5,
) -> list[TMMatch]:
    """Best TM matches for a source (project and shared units), best first."""
    return project_tm(session, project).lookup(
        source,
        prev_source=prev_source,
        next_source=next_source,
        min_score=min_score,
        limit=limit,
    )


def segment_matches(
    session: Session,
    segment: Segment,
    *,
    memory: ProjectTM | None = None,
    min_score: float = 70.0,
    limit: int = 5,
) -> list[TMMatch]:
    """Matches for a stored segment, in its document's context; its own unit left out.

    memory is the project_tm of the segment's project when the caller already holds it
    (the editor also needs it to tell shared units apart): its fingerprint is not re-read.
    """
    if memory is None:
        memory = project_tm(session, segment_project(session, segment))
    prev_source, next_source = segment_context(session, segment)
    own = set(session.scalars(select(TMUnitRow.id).where(TMUnitRow.segment_id == segment.id)).all())
    matches = memory.lookup(
        segment.source,
        prev_source=prev_source,
        next_source=next_source,
        min_score=min_score,
        limit=limit + len(own),
    )
    return [match for match in matches if match.unit.unit_id not in own][:limit]


def clear_index_cache() -> None:
    """Drop every cached index (tests; a long-running app never needs to)."""
    with _indexes_lock:
        _indexes.clear()
