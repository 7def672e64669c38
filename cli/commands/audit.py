"""`songngu audit`: the audit log, filtered (admins only)."""

from __future__ import annotations

import json

import click

from cli.common import actor_for, as_option, database, emit_table


@click.command(name="audit")
@click.option(
    "--user", default="", help="Only what this user did (a failed sign-in: the name typed)."
)
@click.option(
    "--action", default=None, help="Only this action, e.g. sign_in_failed, export, approve."
)
@click.option("--since", default=None, help="From this date or moment (UTC), e.g. 2026-12-01.")
@click.option("--until", default=None, help="Up to this date (included) or moment (excluded).")
@click.option("--project", default=None, help="Only this project (name or id).")
@click.option("--limit", type=int, default=1000, show_default=True, help="Newest records shown.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table for people, json (one array) for scripts.",
)
@as_option
def audit_command(
    user: str,
    action: str | None,
    since: str | None,
    until: str | None,
    project: str | None,
    limit: int,
    output_format: str,
    as_user: str | None,
) -> None:
    """Who signed in (or failed to), exported, approved, reopened, imported reviews,
    installed models, changed users or glossaries: newest first, from which face."""
    from workflow.audit import AuditAction, AuditFilter, event_row, list_events, parse_moment
    from workflow.projects import get_project

    with database().read() as session:
        actor = actor_for(session, as_user)
        wanted = AuditFilter(
            user=user,
            action=AuditAction.parse(action) if action else None,
            since=parse_moment(since) if since else None,
            until=parse_moment(until, end_of_day=True) if until else None,
            project_id=get_project(session, project).id if project else None,
            limit=limit,
        )
        rows = [event_row(event) for event in list_events(session, actor, wanted)]
    if output_format == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if not rows:
        click.echo("no audit records match")
        return
    headers = ("at", "user", "face", "action", "project", "object", "detail")
    emit_table(
        headers,
        (
            (
                row["at"],
                row["user"],
                row["face"],
                row["action"],
                row["project_id"] or "",
                f"{row['object_type']} {row['object_id']}".strip(),
                row["detail"],
            )
            for row in rows
        ),
    )


def register(cli: click.Group) -> None:
    cli.add_command(audit_command)
