"""The consistency index of a project, kept per process and refreshed from what changed.

A confirm-time check needs the whole project's source→targets index, and a project has
thousands of segments: rebuilding it from the database on every save would read them all.
The index is kept per (database, project) with every segment's (version, updated_at); a
request asks the database one aggregate (count, highest id, sum of versions, last change)
and, when that moved, the ids and versions of the project's segments, then reads only
the units that changed. Whatever the session sees is what the index holds, so a check
inside a transaction sees that transaction's own edit; a change rolled back afterwards
is noticed by the next request (its version or time no longer matches) and read again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from primitives.units import Unit
from workflow.models import Document, Project, Segment
from workflow.qa.consistency import ConsistencyIndex
from workflow.stores import segment_units

_CACHE_SIZE = 16  # projects kept per process


@dataclass
class _ProjectUnits:
    fingerprint: Hashable = None
    stamps: dict[int, tuple[int, datetime | None]] = field(default_factory=dict)
    units: dict[int, Unit] = field(default_factory=dict)
    index: ConsistencyIndex = field(default_factory=lambda: ConsistencyIndex())


_projects: OrderedDict[tuple[str, int], _ProjectUnits] = OrderedDict()
_lock = threading.Lock()


def _fingerprint(session: Session, project: Project) -> Hashable:
    return tuple(
        session.execute(
            select(
                func.count(Segment.id),
                func.max(Segment.id),
                func.sum(Segment.version),
                func.max(Segment.updated_at),
            )
            .join(Document, Document.id == Segment.document_id)
            .where(Document.project_id == project.id)
        ).one()
    )


def _stamps(session: Session, project: Project) -> dict[int, tuple[int, datetime | None]]:
    rows = session.execute(
        select(Segment.id, Segment.version, Segment.updated_at)
        .join(Document, Document.id == Segment.document_id)
        .where(Document.project_id == project.id)
    )
    return {row.id: (row.version, row.updated_at) for row in rows}


def project_consistency(session: Session, project: Project) -> ConsistencyIndex:
    """The project's consistency index as this session sees the project's segments."""
    key = (str(session.get_bind().url), project.id)
    fingerprint = _fingerprint(session, project)
    with _lock:
        kept = _projects.get(key)
        if kept is not None and kept.fingerprint == fingerprint:
            _projects.move_to_end(key)
            return kept.index
    stamps = _stamps(session, project)
    previous = kept or _ProjectUnits()
    changed = [
        segment_id
        for segment_id, stamp in stamps.items()
        if previous.stamps.get(segment_id) != stamp
    ]
    units = {
        segment_id: unit for segment_id, unit in previous.units.items() if segment_id in stamps
    }
    units.update(segment_units(session, changed))
    refreshed = _ProjectUnits(
        fingerprint, stamps, units, ConsistencyIndex.from_units(units.values())
    )
    with _lock:
        _projects[key] = refreshed
        _projects.move_to_end(key)
        while len(_projects) > _CACHE_SIZE:
            _projects.popitem(last=False)
    return refreshed.index


def forget_project_indexes() -> None:
    """Drop every kept index (tests that reuse database URLs across cases)."""
    with _lock:
        _projects.clear()
