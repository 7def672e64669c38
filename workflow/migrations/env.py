"""Alembic environment: runs on the engine songngu already opened (see storage.py)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from workflow.models import Base

config = context.config
target_metadata = Base.metadata


def _run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    # A caller's connection (migrate-db: the schema and the copied rows in one PostgreSQL
    # transaction) is used as it is; its transaction is the caller's to end.
    given = config.attributes.get("connection")
    if given is not None:
        _run_on(given)
        return
    engine = config.attributes.get("engine") or create_engine(
        config.get_main_option("sqlalchemy.url")
    )
    with engine.connect() as connection:
        _run_on(connection)


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
