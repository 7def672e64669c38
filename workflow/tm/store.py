"""Stored translation memory: a project's units and the office's shared ones.

Capture. A segment reaching reviewed or approved becomes one unit of its project's TM
(and, when the project's ``tm_share`` setting is on, also one unit of the shared TM,
``project_id`` NULL). When the segment is reviewed again its unit is replaced, never
duplicated; it keeps the neighbouring sources of the document for in-context (101%)
matches. A rejected segment's units are removed: a reviewer said that translation is wrong.

Propagation. Confirming a segment (translated or above) fills the project's identical
untranslated segments (status NEW, or a machine draft: MT, TM, propagated) as drafts with
origin PROPAGATED, through ``apply_fills`` and its version guard, in the same transaction
as the status change. The project's ``propagate`` setting (default on) turns it off.

Lookup. A FuzzyIndex of the project's units plus the shared ones is cached per
(database, project). Each lookup first reads a cheap fingerprint from the project_id
index (see ``_fingerprint``). When it changed only because units were added (the usual
case: a segment was reviewed for the first time, or a TMX was imported), the new rows are
``add()``-ed to the cached index; any other change (a unit replaced or removed) rebuilds
it. Units are never updated in place, only replaced by new rows, which is what lets the
fingerprint see every change without reading every row.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from typing import Any

from sqlalchemy import ColumnElement, Row, delete, func, insert, or_, select
from sqlalchemy.orm import Session

from primitives.errors import InvalidInput
from primitives.statuses import Origin, Status
from primitives.text_keys import match_key
from workflow.models import Document, Project, Segment, TMUnitRow, utcnow
from workflow.permissions import Action
from workflow.segments import Fill, apply_fills, check_target_text
from workflow.tm.index import FuzzyIndex
from workflow.tm.keys import tm_key
from workflow.tm.model import TMMatch, TMUnit
from workflow.tm.propagation import SegmentText, propagations
from workflow.tm.tmx import read_tmx, write_tmx
from workflow.users import Actor

SHARE_SETTING = "tm_share"
PROPAGATE_SETTING = "propagate"
MACHINE_ORIGINS = (int(Origin.MT), int(Origin.TM), int(Origin.PROPAGATED))
PROPAGATION_FLAG = "propagation"  # Segment.flags["propagation"]: where a fill came from
OUTCOMES_KEY = "songngu.tm_outcomes"  # Session.info key: what status changes did to the TM
_ORIGIN_CHARS = 200  # TMUnitRow.origin is String(200)
_CREATED_BY_CHARS = 100
_IN_CHUNK = 500  # keys per IN (...) query


# ---------------------------------------------------------------------------------------
# Project settings


@dataclass(frozen=True)
class TMSettings:
    """A project's TM options (stored in project.settings)."""

    share: bool = False  # also write reviewed units to the office's shared TM
    propagate: bool = True  # fill identical untranslated segments on confirmation


def tm_settings(project: Project) -> TMSettings:
    stored = project.settings or {}
    return TMSettings(
        share=bool(stored.get(SHARE_SETTING, False)),
        propagate=bool(stored.get(PROPAGATE_SETTING, True)),
    )


def set_tm_settings(
    session: Session,
    actor: Actor,
    project: Project,
    *,
    share: bool | None = None,
    propagate: bool | None = None,
) -> TMSettings:
    """Change a project's TM options (None leaves an option as it is)."""
    actor.require(Action.MANAGE_PROJECT)
    changes: dict[str, bool] = {}
    if share is not None:
        changes[SHARE_SETTING] = share
    if propagate is not None:
        changes[PROPAGATE_SETTING] = propagate
    # A new dict, so SQLAlchemy sees the JSON column change.
    project.settings = {**(project.settings or {}), **changes}
    session.flush()
    return tm_settings(project)


# ---------------------------------------------------------------------------------------
# Rows and units


def _of_tm(project: Project, shared: bool) -> ColumnElement[bool]:
    """Units of one TM: the project's own, or the shared one."""
    return TMUnitRow.project_id.is_(None) if shared else TMUnitRow.project_id == project.id


def _visible_to(project: Project) -> ColumnElement[bool]:
    """Units a project's lookups use: its own and the shared ones."""
    return or_(TMUnitRow.project_id == project.id, TMUnitRow.project_id.is_(None))


_UNIT_COLUMNS = (
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


def _iso(moment: datetime | None) -> str:
    if moment is None:
        return ""
    if moment.tzinfo is None:  # SQLite hands back naive datetimes; they were stored as UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def unit_of(row: TMUnitRow | Row[Any]) -> TMUnit:
    """The TMUnit of a stored row (an ORM object or a row of _UNIT_COLUMNS)."""
    return TMUnit(
        source=row.source,
        target=row.target,
        unit_id=row.id,
        prev_source=row.prev_source,
        next_source=row.next_source,
        origin=row.origin,
        created_by=row.created_by,
        created_at=_iso(row.created_at),
        note=row.note,
    )


def list_units(session: Session, project: Project, *, shared: bool = False) -> list[TMUnit]:
    """The units of the project's TM (or of the shared TM), oldest first."""
    rows = session.execute(
        select(*_UNIT_COLUMNS).where(_of_tm(project, shared)).order_by(TMUnitRow.id)
    )
    return [unit_of(row) for row in rows]


@dataclass(frozen=True)
class TMCounts:
    project_units: int
    shared_units: int


def count_units(session: Session, project: Project) -> TMCounts:
    own = session.scalar(select(func.count()).where(_of_tm(project, shared=False))) or 0
    shared = session.scalar(select(func.count()).where(_of_tm(project, shared=True))) or 0
    return TMCounts(own, shared)


# ---------------------------------------------------------------------------------------
# Capture from segments


def segment_context(session: Session, segment: Segment) -> tuple[str, str]:
    """Sources of the segments before and after this one in its document ("" at an end)."""
    before = session.scalar(
        select(Segment.source)
        .where(Segment.document_id == segment.document_id, Segment.position < segment.position)
        .order_by(Segment.position.desc())
        .limit(1)
    )
    after = session.scalar(
        select(Segment.source)
        .where(Segment.document_id == segment.document_id, Segment.position > segment.position)
        .order_by(Segment.position)
        .limit(1)
    )
    return before or "", after or ""


def segment_project(session: Session, segment: Segment) -> Project:
    """The project a segment belongs to."""
    document = session.get(Document, segment.document_id)
    assert document is not None  # a segment's document is deleted with it
    return document.project


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def capture_segment(session: Session, actor: Actor, segment: Segment) -> int:
    """Store the segment's translation in its project's TM (and in the shared TM when the
    project shares, or when the shared TM already holds a unit of this segment); returns
    how many units were written (0 for a source with no words to match on).

    The segment's earlier units are replaced by new rows rather than updated: a new row
    (new id, new created_at) is what the lookup cache's fingerprint notices.
    """
    if not tm_key(segment.source) or not segment.target.strip():
        return 0
    project = segment_project(session, segment)
    document = session.get(Document, segment.document_id)
    prev_source, next_source = segment_context(session, segment)
    earlier_owners = set(
        session.scalars(select(TMUnitRow.project_id).where(TMUnitRow.segment_id == segment.id))
    )
    owners: list[int | None] = [project.id]
    if tm_settings(project).share or None in earlier_owners:
        owners.append(None)
    forget_segment(session, segment.id)
    now = utcnow()
    for owner in owners:
        session.add(
            TMUnitRow(
                project_id=owner,
                segment_id=segment.id,
                source=segment.source,
                source_key=match_key(segment.source),
                target=segment.target,
                prev_source=prev_source,
                next_source=next_source,
                origin=_clip(
                    f"{project.name} / {document.title if document else ''}", _ORIGIN_CHARS
                ),
                created_by=_clip(actor.name, _CREATED_BY_CHARS),
                created_at=now,
            )
        )
    session.flush()
    return len(owners)


def forget_segment(session: Session, segment_id: int) -> int:
    """Remove the units made from a segment (project and shared); returns how many."""
    result = session.execute(
        delete(TMUnitRow)
        .where(TMUnitRow.segment_id == segment_id)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0


# ---------------------------------------------------------------------------------------
# Propagation


@dataclass(frozen=True)
class PropagationOutcome:
    """Segments filled from a confirmed one, and those that changed meanwhile."""

    source_segment_id: int
    filled: list[int] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)


def propagate_from(session: Session, actor: Actor, segment: Segment) -> PropagationOutcome:
    """Fill the project's untranslated repeats of a confirmed segment (version-guarded)."""
    project = segment_project(session, segment)
    candidates = session.execute(
        select(Segment.id, Segment.version, Segment.source, Segment.target, Segment.origin)
        .join(Document, Document.id == Segment.document_id)
        .where(
            Document.project_id == project.id,
            Segment.source_key == segment.source_key,
            Segment.id != segment.id,
            or_(
                Segment.status == int(Status.NEW),
                (Segment.status == int(Status.DRAFT)) & Segment.origin.in_(MACHINE_ORIGINS),
            ),
        )
        .order_by(Segment.id)
    ).all()
    # Repeats already holding this very translation from an earlier propagation stay as
    # they are (a review after the confirmation would otherwise bump every repeat).
    fillable = [
        row
        for row in candidates
        if not (row.origin == int(Origin.PROPAGATED) and row.target == segment.target)
    ]
    versions = {row.id: row.version for row in fillable}
    # Machine drafts count as untranslated: given with no target, propagations() fills them.
    found = propagations(
        (SegmentText(row.id, row.source) for row in fillable),
        SegmentText(segment.id, segment.source, segment.target),
    )
    if not found:
        return PropagationOutcome(segment.id)
    fills = [
        Fill(
            segment_id=item.segment_id,
            expected_version=versions[item.segment_id],
            target=item.target,
            origin=Origin.PROPAGATED,
            score=1.0,
            flags={PROPAGATION_FLAG: {"from": segment.id, "exact_source": item.exact_source}},
        )
        for item in found
    ]
    outcome = apply_fills(session, actor, fills)
    # apply_fills expires the session; the caller's segment must stay readable after it.
    session.refresh(segment)
    return PropagationOutcome(segment.id, outcome.written, outcome.stale + outcome.confirmed)


# ---------------------------------------------------------------------------------------
# The status-change hook (called at the end of workflow.segments.set_status)


@dataclass(frozen=True)
class StatusChangeOutcome:
    """What one status change did to the TM and to the repeats of the segment."""

    segment_id: int
    units_written: int = 0
    units_removed: int = 0
    propagation: PropagationOutcome | None = None

    @property
    def propagated(self) -> int:
        return len(self.propagation.filled) if self.propagation else 0


def on_status_change(
    session: Session, actor: Actor, segment: Segment, old_status: Status, new_status: Status
) -> StatusChangeOutcome:
    """Capture, propagation and removal for a status change, in the caller's transaction.

    The outcome is also appended to ``session.info[OUTCOMES_KEY]`` so a caller that only
    sees set_status's segment (the editor, the CLI) can report how many repeats were filled.
    """
    written = removed = 0
    propagation = None
    if new_status is Status.REJECTED:
        removed = forget_segment(session, segment.id)
    if new_status >= Status.REVIEWED:
        written = capture_segment(session, actor, segment)
    if new_status >= Status.TRANSLATED and tm_settings(segment_project(session, segment)).propagate:
        propagation = propagate_from(session, actor, segment)
    outcome = StatusChangeOutcome(segment.id, written, removed, propagation)
    session.info.setdefault(OUTCOMES_KEY, []).append(outcome)
    return outcome


def status_change_outcomes(session: Session) -> list[StatusChangeOutcome]:
    """Outcomes of the status changes made in this session so far (oldest first)."""
    return list(session.info.get(OUTCOMES_KEY, []))


def propagated_repeats(session: Session, segment: Segment) -> int:
    """How many segments of the project hold a propagated copy of this segment's target."""
    project = segment_project(session, segment)
    return (
        session.scalar(
            select(func.count())
            .select_from(Segment)
            .join(Document, Document.id == Segment.document_id)
            .where(
                Document.project_id == project.id,
                Segment.source_key == segment.source_key,
                Segment.id != segment.id,
                Segment.origin == int(Origin.PROPAGATED),
                Segment.target == segment.target,
            )
        )
        or 0
    )


# ---------------------------------------------------------------------------------------
# Exact matches for machine translation


def exact_tm_targets(
    session: Session, project: Project, source_keys: Iterable[str]
) -> dict[str, str]:
    """{source_key: target} for the keys with a unit in the project's or the shared TM.

    Keys are Segment.source_key values (match_key of the source); of several units with
    one key, the most recent (created_at, then id) wins.
    """
    wanted = sorted(set(source_keys))
    found: dict[str, tuple[datetime, int, str]] = {}
    for start in range(0, len(wanted), _IN_CHUNK):
        # Filtered by owner here, not in SQL: with "project OR shared" in the WHERE clause
        # SQLite scans the project's units instead of using the source_key index.
        rows = session.execute(
            select(
                TMUnitRow.source_key,
                TMUnitRow.target,
                TMUnitRow.created_at,
                TMUnitRow.id,
                TMUnitRow.project_id,
            ).where(TMUnitRow.source_key.in_(wanted[start : start + _IN_CHUNK]))
        )
        for key, target, created_at, unit_id, owner in rows:
            if owner is not None and owner != project.id:
                continue
            rank = (_aware(created_at), unit_id, target)
            if key not in found or rank[:2] > found[key][:2]:
                found[key] = rank
    return {key: rank[2] for key, rank in found.items()}


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


# ---------------------------------------------------------------------------------------
# TMX import and export


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
        return _aware(moment).astimezone(UTC)
    return utcnow()


def _import_values(unit: TMUnit, project_id: int | None, actor: Actor) -> dict[str, Any]:
    return {
        "project_id": project_id,
        "segment_id": None,
        "source": unit.source,
        "source_key": match_key(unit.source),
        "target": unit.target,
        "prev_source": unit.prev_source,
        "next_source": unit.next_source,
        "origin": _clip(unit.origin, _ORIGIN_CHARS),
        "note": unit.note,
        "created_by": _clip(unit.created_by or actor.name, _CREATED_BY_CHARS),
        "created_at": _created_at(unit),
    }


def _check_unit(unit: TMUnit, number: int, filename: str) -> None:
    try:
        check_target_text(unit.source)
        check_target_text(unit.target)
    except InvalidInput as error:
        raise InvalidInput(f"{filename}, unit {number}: {error}") from None


_CONTEXT_FIELDS = ("prev_source", "next_source", "note")


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
        ).where(_of_tm(project, shared))
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
    for start in range(0, len(replaced), _IN_CHUNK):
        session.execute(
            delete(TMUnitRow)
            .where(TMUnitRow.id.in_(replaced[start : start + _IN_CHUNK]))
            .execution_options(synchronize_session=False)
        )
    if new_rows:
        session.execute(insert(TMUnitRow), new_rows)
    session.flush()
    return TMImportOutcome(
        shared=shared,
        added=len(new_rows) - len(replaced),
        updated=len(replaced),
        duplicates=duplicates,
        skipped_other_language=result.skipped_other_language,
        skipped_empty=result.skipped_empty + skipped_empty,
        warnings=list(result.warnings),
    )


def _tool_version() -> str:
    try:
        return metadata.version("songngu")
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        return "0"


def export_tmx(session: Session, actor: Actor, project: Project, *, shared: bool = False) -> bytes:
    """The project's (or the shared) TM as TMX 1.4 bytes, valid against tmx14.dtd."""
    actor.require(Action.EXPORT)
    return write_tmx(
        list_units(session, project, shared=shared),
        source_lang=project.source_lang,
        target_lang=project.target_lang,
        tool_version=_tool_version(),
        creation_date=_iso(utcnow()),
    )


# ---------------------------------------------------------------------------------------
# Lookup with a cached index per (database, project)


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
    own, shared = _of_tm(project, shared=False), _of_tm(project, shared=True)
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
        newer = _of_tm(project, shared)
        if before.max_id is not None:
            newer = newer & (TMUnitRow.id > before.max_id)
        rows = session.execute(select(*_UNIT_COLUMNS).where(newer).order_by(TMUnitRow.id)).all()
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
        select(*_UNIT_COLUMNS).where(_visible_to(project)).order_by(TMUnitRow.id)
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
