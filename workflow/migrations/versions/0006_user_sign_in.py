"""user sign-in: password hashes, disabled accounts, e-mail for OIDC, versioned rows

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 09:00:00.000000

Accounts that exist before this revision (the password-less local admin every database
was seeded with, users added without a password) keep working for the CLI but cannot
sign in to the app until they are given a password.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(
            sa.Column("email", sa.String(length=320), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("password_hash", sa.String(length=255), nullable=True))
        batch_op.add_column(
            sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("disabled", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch_op.add_column(
            sa.Column("updated_by", sa.String(length=100), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch_op:
        for column in (
            "updated_at",
            "updated_by",
            "version",
            "disabled",
            "password_changed_at",
            "password_hash",
            "email",
        ):
            batch_op.drop_column(column)
