"""job claims: the runner that holds a job

Revision ID: 0004
Revises: 0002 (becomes 0003 once the document_imports migration is merged)
Create Date: 2026-12-02 01:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
# MERGE NOTE: 0003 (document_imports) is being written on another branch; when both are
# merged, set this to "0003" so the revisions stay one line (alembic refuses two heads).
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("jobs") as batch_op:
        batch_op.add_column(
            sa.Column("claimed_by", sa.String(length=200), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("jobs") as batch_op:
        batch_op.drop_column("claimed_by")
