"""Insert rows unless a row with the same identity exists: the one "insert if missing".

"Read, then insert if nothing was found" loses a race on PostgreSQL: two transactions
both read nothing, both insert, and the identity is stored twice (or the second one
fails with an IntegrityError that aborts its whole transaction). The cure is a unique
index on the identity and an INSERT ... ON CONFLICT DO NOTHING against it, which both
databases understand: the loser's row is skipped (PostgreSQL waits for the winner's
transaction to end first), and the caller re-reads what won.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_missing(
    session: Session,
    model: Any,
    rows: Sequence[Mapping[str, Any]],
    *,
    identity: Sequence[str],
) -> list[Any]:
    """Insert the rows whose identity (unique columns) is not stored yet; their ids.

    Rows that meet a stored (or concurrently committed) row with the same identity are
    skipped: the caller finds them by reading after this returns. SQLAlchemy sends the
    rows as multi-row INSERTs ("insertmanyvalues"), RETURNING the ids actually stored.
    """
    if not rows:
        return []
    table: Table = model.__table__
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        statement: Any = postgresql.insert(table)
    elif dialect == "sqlite":
        statement = sqlite.insert(table)
    else:  # pragma: no cover - songngu opens only these two (workflow.storage)
        raise RuntimeError(f"no insert-or-skip for the {dialect} dialect")
    statement = statement.on_conflict_do_nothing(index_elements=list(identity)).returning(
        table.c.id
    )
    return list(session.execute(statement, [dict(row) for row in rows]).scalars())
