"""identities of glossary terms and TM units: unique, so a concurrent insert is skipped

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 07:30:00.000000

Two glossary imports running at once could each find a term missing and both store it.
The unique index makes the second insert a no-op (workflow.insert_missing). Rows that
were already stored twice are merged here: of each set of rows with one identity the
one edited last is kept (its fields are the latest word on the term), the others are
deleted.

TM units get the same: an imported unit is its TM, source key and exact target; a unit
captured from a segment gets a new value of its own (workflow.tm.identity). Imported
units stored twice (and units of deleted segments equal to one) are merged likewise:
the newest is kept.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from workflow.glossary.identity import term_identity
from workflow.tm.identity import captured_unit_identity, imported_unit_identity

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_terms = sa.table(
    "glossary_terms",
    sa.column("id", sa.Integer()),
    sa.column("scope", sa.String()),
    sa.column("partner_id", sa.Integer()),
    sa.column("project_id", sa.Integer()),
    sa.column("source", sa.Text()),
    sa.column("target", sa.Text()),
    sa.column("updated_at", sa.DateTime(timezone=True)),
    sa.column("identity", sa.String()),
)

_units = sa.table(
    "tm_units",
    sa.column("id", sa.Integer()),
    sa.column("project_id", sa.Integer()),
    sa.column("segment_id", sa.Integer()),
    sa.column("source", sa.Text()),
    sa.column("target", sa.Text()),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("identity", sa.String()),
)


def _add_identity(table: sa.TableClause, index: str, identity_of, newest_first) -> None:  # type: ignore[no-untyped-def]
    """Add the identity column to a table, fill it, merge rows of one identity, index it."""
    with op.batch_alter_table(table.name) as batch_op:
        batch_op.add_column(sa.Column("identity", sa.String(length=64), nullable=True))
    connection = op.get_bind()
    seen: set[str] = set()
    duplicates: list[int] = []
    for row in connection.execute(sa.select(table).order_by(*newest_first)).all():
        identity = identity_of(row)
        if identity in seen:
            duplicates.append(row.id)
            continue
        seen.add(identity)
        connection.execute(table.update().where(table.c.id == row.id).values(identity=identity))
    for start in range(0, len(duplicates), 500):
        connection.execute(table.delete().where(table.c.id.in_(duplicates[start : start + 500])))
    with op.batch_alter_table(table.name) as batch_op:
        batch_op.alter_column("identity", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_index(index, ["identity"], unique=True)


def _term_identity(row: sa.Row) -> str:
    return term_identity(row.scope, row.partner_id, row.project_id, row.source, row.target)


def _unit_identity(row: sa.Row) -> str:
    if row.segment_id is not None:
        return captured_unit_identity()
    return imported_unit_identity(row.project_id, row.source, row.target)


def upgrade() -> None:
    _add_identity(
        _terms,
        "ux_glossary_terms_identity",
        _term_identity,
        [_terms.c.updated_at.desc(), _terms.c.id.desc()],
    )
    _add_identity(
        _units,
        "ux_tm_units_identity",
        _unit_identity,
        [_units.c.created_at.desc(), _units.c.id.desc()],
    )


def downgrade() -> None:
    with op.batch_alter_table("tm_units") as batch_op:
        batch_op.drop_index("ux_tm_units_identity")
        batch_op.drop_column("identity")
    with op.batch_alter_table("glossary_terms") as batch_op:
        batch_op.drop_index("ux_glossary_terms_identity")
        batch_op.drop_column("identity")
