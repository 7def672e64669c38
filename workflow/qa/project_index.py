"""The project's translations as the consistency checks see them, kept per process.

A confirm-time check compares one unit with the rest of the project: the other targets of
its source and the other sources of its target. Reading and keying a 10,000-segment
project on every save would cost more than the save itself, so the project's units are
kept per (database, project) with their source and target keys
(``workflow.qa.consistency.source_key``/``target_key``) and each segment's version.

A request brings the kept units up to what its session sees, reading as little as it can:
one aggregate (count, highest id, sum of versions, last change) says whether anything
changed; if so, the segments written since the last change seen are read, and so are the
segments checked by earlier requests (their rows may have been a transaction's own edit,
since committed or rolled back). If the counts then still differ from the aggregate (a
segment deleted, or a write committed with an older time), the ids and versions of all
the project's segments are read and every segment that differs is read again. Every
write of a segment's text goes through the version guard, which bumps the version, so a
change the first two reads missed always shows in the counts.

``unit_consistency`` then builds a ``ConsistencyIndex`` of the units sharing the checked
unit's source key or target key: for that unit it answers as an index of the whole
project would, and it is built from a handful of units.

Reading and keying every unit the first time costs about 1-2 s on 10,000 segments (see
BENCHMARKS.md): ``warm_in_background`` lets a page that is about to be edited (Review)
have that done in a thread while the browser draws, so the first save does not wait.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from primitives.units import Unit
from workflow.models import Document, Project, Segment
from workflow.qa.consistency import ConsistencyIndex, source_key, target_key
from workflow.stores import segment_units

if TYPE_CHECKING:
    from workflow.storage import Database

logger = logging.getLogger(__name__)

_CACHE_SIZE = 16  # projects kept per process

# (count, highest id, sum of versions) of a project's segments, and its last change.
Counts = tuple[int, int | None, int]


@dataclass
class _ProjectUnits:
    versions: dict[int, int] = field(default_factory=dict)
    units: dict[int, Unit] = field(default_factory=dict)
    keys: dict[int, tuple[str, str]] = field(default_factory=dict)  # (source key, target key)
    by_source: dict[str, set[int]] = field(default_factory=dict)
    by_target: dict[str, set[int]] = field(default_factory=dict)
    version_sum: int = 0
    last_change: datetime | None = None
    # Read inside a transaction that may have changed them: read again next time.
    checked: set[int] = field(default_factory=set)

    def counts(self) -> Counts:
        return len(self.versions), max(self.versions, default=None), self.version_sum

    def drop(self, segment_id: int) -> None:
        self.version_sum -= self.versions.pop(segment_id, 0)
        self.units.pop(segment_id, None)
        keys = self.keys.pop(segment_id, None)
        if keys is None:
            return
        for key, where in zip(keys, (self.by_source, self.by_target), strict=True):
            holders = where.get(key)
            if holders is not None:
                holders.discard(segment_id)
                if not holders:
                    del where[key]

    def put(self, unit: Unit) -> None:
        segment_id = int(unit.id)  # type: ignore[arg-type]  # units of segments have ids
        self.drop(segment_id)
        keys = (source_key(unit.source), target_key(unit.target))
        self.versions[segment_id] = unit.version or 0
        self.version_sum += unit.version or 0
        self.units[segment_id], self.keys[segment_id] = unit, keys
        self.by_source.setdefault(keys[0], set()).add(segment_id)
        if keys[1]:  # an empty target is not a translation
            self.by_target.setdefault(keys[1], set()).add(segment_id)


_projects: OrderedDict[tuple[str, int], _ProjectUnits] = OrderedDict()
_warming: set[tuple[str, int]] = set()  # projects a warm-up thread is reading
_lock = threading.Lock()


def _in_project(project: Project) -> Select[tuple[int]]:
    return (
        select(Segment.id)
        .join(Document, Document.id == Segment.document_id)
        .where(Document.project_id == project.id)
    )


def _aggregate(session: Session, project: Project) -> tuple[Counts, datetime | None]:
    count, highest, version_sum, last_change = session.execute(
        select(
            func.count(Segment.id),
            func.max(Segment.id),
            func.coalesce(func.sum(Segment.version), 0),
            func.max(Segment.updated_at),
        )
        .join(Document, Document.id == Segment.document_id)
        .where(Document.project_id == project.id)
    ).one()
    return (count, highest, int(version_sum)), last_change


def _read(session: Session, kept: _ProjectUnits, ids: Iterable[int]) -> None:
    for unit in segment_units(session, sorted(set(ids))).values():
        kept.put(unit)


def _rescan(session: Session, project: Project, kept: _ProjectUnits) -> None:
    """Every segment's id and version; those that differ from the kept ones read again."""
    current = dict(
        session.execute(
            select(Segment.id, Segment.version)
            .join(Document, Document.id == Segment.document_id)
            .where(Document.project_id == project.id)
        ).all()
    )
    for segment_id in [i for i in kept.versions if i not in current]:
        kept.drop(segment_id)
    _read(session, kept, (i for i, v in current.items() if kept.versions.get(i) != v))


def _refreshed(session: Session, project: Project, checking: int | None) -> _ProjectUnits:
    """The kept units of the project, brought up to what this session sees."""
    key = (str(session.get_bind().url), project.id)
    counts, last_change = _aggregate(session, project)
    with _lock:  # taken out while updated: a concurrent request builds its own
        kept = _projects.pop(key, None) or _ProjectUnits()
    if kept.last_change is None or kept.counts() != counts or kept.last_change != last_change:
        since = or_(Segment.id.in_(sorted(kept.checked)))
        if kept.last_change is not None:
            since = or_(since, Segment.updated_at >= kept.last_change)
        _read(session, kept, session.scalars(_in_project(project).where(since)))
        if kept.counts() != counts:
            _rescan(session, project, kept)
        kept.last_change = last_change
    else:
        _read(session, kept, kept.checked)
    kept.checked = {checking} if checking is not None else set()
    with _lock:
        _projects[key] = kept
        while len(_projects) > _CACHE_SIZE:
            _projects.popitem(last=False)
    return kept


def warm_in_background(database: Database, project_id: int) -> None:
    """Keep the project's units, read in a thread, unless this process keeps them already
    or is reading them: a later check then only brings them up to date."""
    key = (str(database.engine.url), project_id)
    with _lock:
        if key in _projects or key in _warming:
            return
        _warming.add(key)
    threading.Thread(
        target=_warm, args=(database, key), name=f"qa-units-{project_id}", daemon=True
    ).start()


def _warm(database: Database, key: tuple[str, int]) -> None:
    try:
        with database.read() as session:
            project = session.get(Project, key[1])
            if project is not None:
                _refreshed(session, project, None)
    except Exception:  # only a head start: the next check reads what it needs itself
        logger.debug("keeping the units of project %s failed", key[1], exc_info=True)
    finally:
        with _lock:
            _warming.discard(key)


def unit_consistency(session: Session, project: Project, unit: Unit) -> ConsistencyIndex:
    """The consistency index the unit's checks need: the project's units sharing its
    source key or its target key (the unit itself included, as the project holds it)."""
    checking = unit.id if isinstance(unit.id, int) else None
    kept = _refreshed(session, project, checking)
    related = set(kept.by_source.get(source_key(unit.source), ()))
    wanted = target_key(unit.target)
    if wanted:
        related |= kept.by_target.get(wanted, set())
    return ConsistencyIndex.from_units(kept.units[i] for i in sorted(related))


def project_consistency(session: Session, project: Project) -> ConsistencyIndex:
    """The consistency index of the whole project as this session sees it."""
    kept = _refreshed(session, project, None)
    return ConsistencyIndex.from_units(kept.units[i] for i in sorted(kept.units))


def forget_project_indexes() -> None:
    """Drop every kept project (tests that reuse database URLs across cases)."""
    with _lock:
        _projects.clear()
