"""The CLI reference (docs/cli.md), generated from the commands' own --help.

Run `python -m cli.docs > docs/cli.md` after changing a command; a test fails
while the file is out of date.
"""

from __future__ import annotations

import click

from cli.main import cli


def _walk(command: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    found = [(path, command)]
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            found.extend(_walk(command.commands[name], [*path, name]))
    return found


def cli_reference() -> str:
    parts = ["# songngu command reference", "", "Generated from `--help`; do not edit by hand.", ""]
    for path, command in _walk(cli, ["songngu"]):
        # The root's context settings (-h as well as --help) reach every subcommand in real
        # use; a bare Context would not apply them, and click caches the help option it saw
        # first, so they are given explicitly here.
        context = click.Context(
            command,
            info_name=" ".join(path),
            terminal_width=100,
            help_option_names=cli.context_settings["help_option_names"],
        )
        parts += [f"## {' '.join(path)}", "", "```", command.get_help(context).rstrip(), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    print(cli_reference(), end="")
