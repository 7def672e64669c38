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
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from sqlalchemy import ColumnElement, delete, update
from sqlalchemy.orm import Session

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


def reread(session: Session, row: Row) -> Row | None:
    """The row as the database holds it now (None when it was deleted)."""
    row_id = row.id
    session.expire(row)
    return session.get(type(row), row_id, populate_existing=True)
