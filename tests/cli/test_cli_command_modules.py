"""The root group imports a command's module only when that command is asked for."""

from __future__ import annotations

import importlib
import subprocess
import sys

import click

from cli.main import COMMAND_MODULES, cli, command_module_names


def test_the_table_names_the_module_of_every_command() -> None:
    registered: dict[str, set[str]] = {}
    for name in command_module_names():
        group = click.Group("probe")
        importlib.import_module(f"cli.commands.{name}").register(group)
        for command in group.commands:
            registered.setdefault(command, set()).add(name)
    assert set(COMMAND_MODULES) == set(registered)
    for command, modules in registered.items():
        assert modules <= set(COMMAND_MODULES[command]), command


def test_listing_the_commands_registers_every_module() -> None:
    assert set(cli.commands) == set(COMMAND_MODULES)
    assert cli.list_commands(click.Context(cli)) == sorted(COMMAND_MODULES)


def test_project_rules_come_with_the_project_group() -> None:
    probe = (
        "import click, sys; from cli.main import cli; "
        "group = cli.get_command(click.Context(cli), 'project'); "
        "print(sorted(group.commands))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert "'rules'" in shown


# Loaded by other commands, never needed to start `songngu translate`: the app, QA's
# checks, password hashing, the fuzzy TM index (numpy), the document readers.
NOT_FOR_TRANSLATE = (
    "cli.commands.app",
    "workflow.qa.registry",
    "workflow.passwords",
    "argon2",
    "workflow.tm.index",
    "numpy",
    "workflow.intake",
)


def test_running_translate_imports_only_what_it_needs() -> None:
    probe = (
        "import click, sys; from cli.main import cli; "
        "cli.get_command(click.Context(cli), 'translate'); "
        "print(sorted(m for m in sys.modules if m.startswith('cli.commands.'))); "
        f"print(sorted(m for m in {NOT_FOR_TRANSLATE!r} if m in sys.modules))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert shown == ["['cli.commands.jobs', 'cli.commands.translate']", "[]"]
