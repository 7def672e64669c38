"""export records: which document was exported, in which format, when, by whom

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 05:10:00.000000

Exports made before this revision were not recorded; their documents show the
"exported" step only once they are exported again.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "export_records",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "project_id",
            sa.Integer(),
            sa.ForeignKey("projects.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "document_id",
            sa.Integer(),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=True,
        ),
        sa.Column("format", sa.String(length=32), nullable=False),
        sa.Column("export_id", sa.String(length=32), nullable=False),
        sa.Column("exported_by", sa.String(length=100), nullable=False),
        sa.Column("exported_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_export_records_project_id", "export_records", ["project_id"])
    op.create_index("ix_export_records_document_id", "export_records", ["document_id"])


def downgrade() -> None:
    op.drop_index("ix_export_records_document_id", table_name="export_records")
    op.drop_index("ix_export_records_project_id", table_name="export_records")
    op.drop_table("export_records")
