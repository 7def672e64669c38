"""`songngu backup`, `restore`, `migrate-db`: the database's safety copies and its move to
PostgreSQL (admins only, audited)."""

from __future__ import annotations

from pathlib import Path

import click

from cli.common import actor_for, as_option, database
from primitives.errors import InvalidInput


@click.command(name="backup")
@click.argument("out", type=click.Path(dir_okay=True, path_type=Path))
@click.option("--force", is_flag=True, help="Replace OUT if it exists.")
@as_option
def backup_command(out: Path, force: bool, as_user: str | None) -> None:
    """Write a consistent copy of the database to OUT, even while the app is writing:
    SQLite through its online backup API, PostgreSQL with pg_dump (custom format)."""
    from workflow.operations import backup

    db = database()
    with db.read() as session:
        actor = actor_for(session, as_user)
    size = backup(db, actor, out, force=force)
    click.echo(f"backed up to {out} ({size:,} bytes)")


@click.command(name="restore")
@click.argument("file", type=click.Path(dir_okay=True, path_type=Path))
@click.option("--yes", is_flag=True, help="Confirm: the database's content is replaced by FILE's.")
@as_option
def restore_command(file: Path, yes: bool, as_user: str | None) -> None:
    """Replace the database's content by a backup written by 'songngu backup' (checked
    first: a songngu database of a known schema; an older one is migrated)."""
    from workflow.operations import restore

    if not yes:
        raise InvalidInput(
            "cli.restore_unconfirmed",
            "restoring replaces everything in the database by {file}'s content: add --yes",
            file=str(file),
        )
    db = database()
    with db.read() as session:
        actor = actor_for(session, as_user)
    restore(db, actor, file)
    click.echo(f"restored from {file}")


@click.command(name="migrate-db")
@click.option(
    "--to",
    "target_url",
    required=True,
    metavar="URL",
    help="An empty PostgreSQL database, e.g. postgresql+psycopg://songngu@db-host/songngu.",
)
@as_option
def migrate_db_command(target_url: str, as_user: str | None) -> None:
    """Copy this office's SQLite database into an empty PostgreSQL database (schema,
    every table, sequences; row counts verified), then point SONGNGU_DATABASE_URL at it."""
    from workflow.operations import migrate_to

    db = database()
    with db.read() as session:
        actor = actor_for(session, as_user)
    counts = migrate_to(db, actor, target_url)
    for count in counts:
        click.echo(f"{count.table}: {count.rows:,} rows")
    click.echo(f"copied {sum(count.rows for count in counts):,} rows in {len(counts)} tables")


def register(cli: click.Group) -> None:
    cli.add_command(backup_command)
    cli.add_command(restore_command)
    cli.add_command(migrate_db_command)
