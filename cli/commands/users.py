"""songngu user …: accounts, their roles, passwords and state.

The CLI is run by someone with the machine's and the database's access; it does not sign
in. Without --as or SONGNGU_USER it acts as the built-in local operator (admin rights,
never an account of the app), so a fresh database can be set up from here.
"""

from __future__ import annotations

import sys

import click

from cli.common import (
    F,
    actor_for,
    as_option,
    database,
    emit_jsonl,
    emit_table,
    format_option,
)
from primitives.errors import InvalidInput
from workflow.models import iso_utc
from workflow.users import (
    account_state,
    add_user,
    change_role,
    check_new_account,
    check_password_change,
    list_users,
    set_disabled,
    set_password,
    update_profile,
)


def password_stdin_option(function: F) -> F:
    return click.option(
        "--password-stdin",
        is_flag=True,
        help="Read the password from the first line of standard input (for scripts); "
        "without it songngu asks for it twice on the terminal.",
    )(function)


def read_password(from_stdin: bool) -> str:
    """The new password: the first line of standard input, or typed twice, unseen."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise InvalidInput(
            "cli.password_needs_terminal",
            "no terminal to ask for the password: pipe it in with --password-stdin",
        )
    return click.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)


@click.group("user")
def user_group() -> None:
    """Manage accounts: roles (translator, reviewer, editor, admin), passwords, state."""


@user_group.command("add")
@click.argument("name")
@click.option("--role", required=True, help="translator, reviewer, editor or admin.")
@click.option("--display-name", default="", help="Name shown in the app.")
@click.option("--email", default="", help="E-mail address (signs in through OIDC, if set up).")
@password_stdin_option
@as_option
def user_add(
    name: str,
    role: str,
    display_name: str,
    email: str,
    password_stdin: bool,
    as_user: str | None,
) -> None:
    """Add an account NAME with a role and a password (admins only)."""
    details = {"display_name": display_name, "email": email}
    with database().read() as session:  # refuse bad details before asking for a password
        check_new_account(session, actor_for(session, as_user), name, role, **details)
    password = read_password(password_stdin)
    with database().write() as session:
        actor = actor_for(session, as_user)
        user = add_user(session, actor, name, role, password, **details)
        click.echo(f"added user {user.name!r} as {user.role}")


@user_group.command("passwd")
@click.argument("name")
@password_stdin_option
@as_option
def user_passwd(name: str, password_stdin: bool, as_user: str | None) -> None:
    """Set a new password for NAME; the app signs out sessions using the old one."""
    with database().read() as session:
        check_password_change(session, actor_for(session, as_user), name)
    password = read_password(password_stdin)
    with database().write() as session:
        user = set_password(session, actor_for(session, as_user), name, password)
        click.echo(f"set a new password for {user.name!r}")


@user_group.command("role")
@click.argument("name")
@click.argument("role")
@as_option
def user_role(name: str, role: str, as_user: str | None) -> None:
    """Give NAME another ROLE (translator, reviewer, editor or admin)."""
    with database().write() as session:
        user = change_role(session, actor_for(session, as_user), name, role)
        click.echo(f"{user.name!r} is now {user.role}")


@user_group.command("edit")
@click.argument("name")
@click.option("--display-name", default=None, help="Name shown in the app.")
@click.option("--email", default=None, help="E-mail address ('' removes it).")
@as_option
def user_edit(name: str, display_name: str | None, email: str | None, as_user: str | None) -> None:
    """Change the display name or e-mail address of NAME."""
    with database().write() as session:
        user = update_profile(
            session, actor_for(session, as_user), name, display_name=display_name, email=email
        )
        click.echo(f"{user.name!r}: display name {user.display_name!r}, e-mail {user.email!r}")


@user_group.command("disable")
@click.argument("name")
@as_option
def user_disable(name: str, as_user: str | None) -> None:
    """Disable NAME: no sign-in, no --as, signed-in sessions end."""
    with database().write() as session:
        user = set_disabled(session, actor_for(session, as_user), name, True)
        click.echo(f"disabled {user.name!r}")


@user_group.command("enable")
@click.argument("name")
@as_option
def user_enable(name: str, as_user: str | None) -> None:
    """Enable a disabled account NAME again."""
    with database().write() as session:
        user = set_disabled(session, actor_for(session, as_user), name, False)
        click.echo(f"enabled {user.name!r}")


@user_group.command("list")
@format_option
def user_list(output_format: str) -> None:
    """List accounts with role and state (active, disabled, no password)."""
    with database().read() as session:
        rows = [
            {
                "name": user.name,
                "role": user.role,
                "state": account_state(user).value,
                "display_name": user.display_name,
                "email": user.email,
                "password_changed": iso_utc(user.password_changed_at),
            }
            for user in list_users(session)
        ]
    if output_format == "jsonl":
        emit_jsonl(rows)
    else:
        emit_table(
            ["name", "role", "state", "display name", "e-mail"],
            [(r["name"], r["role"], r["state"], r["display_name"], r["email"]) for r in rows],
        )


def register(cli: click.Group) -> None:
    cli.add_command(user_group)
