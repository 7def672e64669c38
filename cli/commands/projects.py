"""songngu project …, songngu partner …"""

from __future__ import annotations

import click

from cli.common import (
    actor_for,
    as_option,
    database,
    emit_jsonl,
    emit_table,
    format_option,
)
from workflow.partners import PARTNER_SETTINGS, list_partners
from workflow.projects import create_project, list_projects


@click.group("project")
def project_group() -> None:
    """Create and list projects."""


@project_group.command("create")
@click.argument("name")
@click.option("--partner", default=None, help="Partner profile (default: generic).")
@as_option
def project_create(name: str, partner: str | None, as_user: str | None) -> None:
    """Create a project NAME (Vietnamese to English)."""
    with database().write() as session:
        project = create_project(session, actor_for(session, as_user), name, partner)
        click.echo(
            f"created project {project.name!r} (id {project.id}, partner {project.partner.name})"
        )


@project_group.command("list")
@format_option
def project_list(output_format: str) -> None:
    """List projects."""
    with database().read() as session:
        projects = list_projects(session)
        rows = [
            {
                "id": p.id,
                "name": p.name,
                "partner": p.partner.name if p.partner else "",
                "documents": len(p.documents),
                "created": p.created_at.isoformat(timespec="seconds"),
            }
            for p in projects
        ]
    if output_format == "jsonl":
        emit_jsonl(rows)
    else:
        emit_table(["id", "name", "partner", "documents", "created"], [r.values() for r in rows])


@click.group("partner")
def partner_group() -> None:
    """Partner profiles: per-client English conventions."""


@partner_group.command("list")
def partner_list() -> None:
    """List partner profiles and their settings."""
    with database().read() as session:
        for partner in list_partners(session):
            settings = ", ".join(f"{k}={v}" for k, v in partner.settings.items())
            click.echo(f"{partner.name}: {settings}")


@partner_group.command("set")
@click.argument("name")
@click.argument("key")
@click.argument("value")
@as_option
def partner_set(name: str, key: str, value: str, as_user: str | None) -> None:
    """Change one setting KEY of partner profile NAME (editors and admins).

    List values (glossaries, qa_override_roles) are comma-separated; own_names and
    qa_severities are JSON.
    """
    from workflow.partners import parse_setting_value, update_partner

    with database().write() as session:
        partner = update_partner(
            session, actor_for(session, as_user), name, {key: parse_setting_value(key, value)}
        )
        click.echo(f"{partner.name}: {key} = {partner.settings[key]!r}")


@partner_group.command("settings")
def partner_settings() -> None:
    """Describe every setting a partner profile can hold."""
    for setting in PARTNER_SETTINGS:
        choices = f" ({' | '.join(map(str, setting.choices))})" if setting.choices else ""
        click.echo(f"{setting.key}{choices}, default {setting.default!r}: {setting.help}")


def register(cli: click.Group) -> None:
    cli.add_command(project_group)
    cli.add_command(partner_group)
