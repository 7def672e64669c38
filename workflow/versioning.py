"""The optimistic version guard: a write names the version of the row its author saw.

Every versioned table (segments, glossary terms) has ``id``, ``version``, ``updated_by`` and
``updated_at`` columns. A guarded write is one statement, ``UPDATE … WHERE id = :id AND
version = :seen`` (or ``DELETE …`` with the same clause), so of two writers that saw the
same version exactly one matches a row. The other matches none and gets the error its
caller describes from the row as it is now (None when the row was deleted meanwhile):
the caller knows what was attempted, so its message can show both texts. Nothing is
overwritten.

Both databases decide the race in the statement itself. PostgreSQL (READ COMMITTED) makes
the second UPDATE wait for the first one's row lock, then evaluates its WHERE clause
again against the committed row, whose version has moved on. SQLite runs one write
transaction at a time (BEGIN IMMEDIATE, see ``workflow.storage``), so the second writer
reads the first one's version.

A write of many rows at once (a re-import's thousands of segments) goes through
:func:`update_all_if_current` / :func:`delete_all_if_current`: the rows are locked and
their versions checked in one read per 500, then written with one executemany per set of
columns, the matched count checked again; the first row that moved on is described.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from sqlalchemy import ColumnElement, bindparam, delete, select, tuple_, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from primitives.errors import SongnguError
from workflow.models import utcnow
from workflow.stored_ints import fits_integer_column

if TYPE_CHECKING:  # workflow.users writes its accounts through this module
    from workflow.users import Actor


class Versioned(Protocol):
    """A row of a versioned table (an ORM object with these columns)."""

    @property
    def id(self) -> int: ...

    @property
    def version(self) -> int: ...


Row = TypeVar("Row", bound=Versioned)
# Builds the error for a write that matched no row, from the row as it is now (None: gone).
Describer = Callable[[Row | None], SongnguError]
# For a write of many rows: builds the error for the first row no longer at the version it
# was loaded with, from its id, that version and its version now (None: gone).
BatchDescriber = Callable[[int, int, int | None], SongnguError]
_IN_CHUNK = 500  # ids per IN (…) list


def write_if_current(
    session: Session,
    model: type[Versioned],
    row_id: int,
    seen: int,
    actor: Actor,
    values: Mapping[str, Any],
    *,
    where: ColumnElement[bool] | None = None,
) -> bool:
    """One guarded UPDATE of a row by id; whether it matched (the row is now at seen + 1).

    ``where`` narrows it further (e.g. "still untranslated"). A version too large for the
    column matches nothing, like any other version that is not the row's.
    """
    if not fits_integer_column(seen):
        return False
    table: Any = model  # the mapped class: its columns are class attributes
    statement = update(table).where(table.id == row_id, table.version == seen)
    if where is not None:
        statement = statement.where(where)
    result = session.execute(
        statement.values(
            version=table.version + 1, updated_by=actor.name, updated_at=utcnow(), **values
        ).execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


def update_if_current(
    session: Session,
    row: Row,
    seen: int,
    actor: Actor,
    values: Mapping[str, Any],
    *,
    stale: Describer[Row],
    where: ColumnElement[bool] | None = None,
) -> Row:
    """Write values to a loaded row if it is still at version seen; the refreshed row.

    Otherwise raise ``stale(current)``, current being the row re-read (None if deleted).
    """
    if not write_if_current(session, type(row), row.id, seen, actor, values, where=where):
        raise stale(reread(session, row))
    session.refresh(row)
    return row


def delete_if_current(session: Session, row: Row, seen: int, *, stale: Describer[Row]) -> None:
    """Delete a loaded row if it is still at version seen, else raise ``stale(current)``."""
    table: Any = type(row)
    deleted = 0
    if fits_integer_column(seen):
        deleted = session.execute(
            delete(table)
            .where(table.id == row.id, table.version == seen)
            .execution_options(synchronize_session=False)
        ).rowcount  # type: ignore[attr-defined]
    if deleted != 1:
        raise stale(reread(session, row))
    session.expunge(row)


def require_version(row: Row, seen: int, stale: Describer[Row]) -> None:
    """Refuse before any work when a freshly read row is no longer at version seen.

    For writes that compute from what the author saw (a split offset, a merge of two
    rows): the guarded statement would refuse too, but only after the work was done.
    """
    if row.version != seen:
        raise stale(row)


def update_all_if_current(
    session: Session,
    writes: Sequence[tuple[Row, Mapping[str, Any]]],
    actor: Actor,
    *,
    stale: BatchDescriber,
) -> None:
    """Write values to many loaded rows of one table, each only at the version it was
    loaded with; otherwise raise ``stale(...)`` for the first row that moved on.

    For writes of thousands of rows (a re-import): the rows are first locked and checked
    (:func:`require_all_current`), then each set of columns is one executemany of the
    guarded UPDATE, whose matched count is checked too. The loaded objects get the values
    written and their new version without being read back.
    """
    if not writes:
        return
    model: Any = type(writes[0][0])
    require_all_current(session, [row for row, _ in writes], stale=stale)
    table, mapper = model.__table__, sa_inspect(model)
    now = utcnow()
    for columns in dict.fromkeys(tuple(values) for _, values in writes):
        batch = [(row, values) for row, values in writes if tuple(values) == columns]
        statement = (
            update(table)
            .where(table.c.id == bindparam("b_id"), table.c.version == bindparam("b_version"))
            .values(
                version=table.c.version + 1,
                updated_by=actor.name,
                updated_at=now,
                **{name: bindparam(f"b_{name}") for name in columns},
            )
        )
        params = [
            {
                "b_id": row.id,
                "b_version": row.version,
                **{f"b_{name}": value for name, value in values.items()},
            }
            for row, values in batch
        ]
        matched = session.execute(statement, params).rowcount  # type: ignore[attr-defined]
        if matched != len(batch):  # not after the locked check; reported all the same
            raise _first_stale(session, model, [row for row, _ in batch], stale, deleting=False)
        for row, values in batch:  # as written, without reading the rows back
            written = {**values, "version": row.version + 1, "updated_by": actor.name}
            for name, value in {**written, "updated_at": now}.items():
                set_committed_value(row, mapper.get_property_by_column(table.c[name]).key, value)


def delete_all_if_current(session: Session, rows: Sequence[Row], *, stale: BatchDescriber) -> None:
    """Delete many loaded rows of one table, each only at the version it was loaded with;
    otherwise raise ``stale(...)`` for the first row that moved on (see
    :func:`update_all_if_current`)."""
    if not rows:
        return
    model: Any = type(rows[0])
    require_all_current(session, rows, stale=stale)
    for chunk in _chunks(rows):
        seen = [(row.id, row.version) for row in chunk]
        deleted = session.execute(
            delete(model)
            .where(tuple_(model.id, model.version).in_(seen))
            .execution_options(synchronize_session=False)
        ).rowcount  # type: ignore[attr-defined]
        if deleted != len(chunk):  # not after the locked check; reported all the same
            raise _first_stale(session, model, chunk, stale, deleting=True)
    for row in rows:
        session.expunge(row)


def require_all_current(session: Session, rows: Sequence[Row], *, stale: BatchDescriber) -> None:
    """Lock many loaded rows of one table (SELECT … FOR UPDATE) and refuse, before any
    write, when one is no longer at the version it was loaded with: ``stale(...)`` of the
    first such row, in the order given. Locked, they stay as read until the transaction
    ends (SQLite: one writer at a time), so the guarded writes that follow match them all.
    """
    if not rows:
        return
    model: Any = type(rows[0])
    now = _versions_now(session, model, rows, lock=True)
    for row in rows:
        if now.get(row.id) != row.version:
            raise stale(row.id, row.version, now.get(row.id))


def _versions_now(
    session: Session, model: Any, rows: Sequence[Versioned], *, lock: bool = False
) -> dict[int, int]:
    found: dict[int, int] = {}
    for chunk in _chunks(rows):
        query = select(model.id, model.version).where(model.id.in_([row.id for row in chunk]))
        found.update(
            (row_id, version)
            for row_id, version in session.execute(query.with_for_update() if lock else query)
        )
    return found


def _first_stale(
    session: Session,
    model: Any,
    rows: Sequence[Versioned],
    stale: BatchDescriber,
    *,
    deleting: bool,
) -> SongnguError:
    """The error for a batch that matched fewer rows than it named: a row the batch cannot
    have left as it is now (after an update: gone, or at neither the version seen nor the
    next one; after a delete: still there at another version), else the first row."""
    now = _versions_now(session, model, rows)

    def moved_on(row: Versioned) -> bool:
        version = now.get(row.id)
        if deleting:
            return version is not None and version != row.version
        return version is None or version not in (row.version, row.version + 1)

    row = next((row for row in rows if moved_on(row)), rows[0])
    return stale(row.id, row.version, now.get(row.id))


def _chunks(rows: Sequence[Any]) -> list[Sequence[Any]]:
    return [rows[start : start + _IN_CHUNK] for start in range(0, len(rows), _IN_CHUNK)]


def locked_rows(session: Session, model: type[Row], ids: Sequence[int]) -> dict[int, Row]:
    """The rows of these ids as they are now, locked until the transaction ends, by id
    (ids that cannot be stored, and rows deleted, are left out). A batch write that
    checks each row itself before ``update_all_if_current`` reads through this, so no
    other writer moves a row between its check and the write."""
    wanted = sorted({row_id for row_id in ids if fits_integer_column(row_id)})
    found: dict[int, Row] = {}
    for chunk in _chunks(wanted):
        query = (
            select(model)
            .where(model.id.in_(chunk))  # type: ignore[attr-defined]
            .with_for_update()
            # Rows this session loaded earlier are read again, not taken as they were.
            .execution_options(populate_existing=True)
        )
        found.update((row.id, row) for row in session.scalars(query))
    return found


def reread(session: Session, row: Row) -> Row | None:
    """The row as the database holds it now (None when it was deleted)."""
    row_id = row.id
    session.expire(row)
    return session.get(type(row), row_id, populate_existing=True)
