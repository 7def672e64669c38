"""Root of the CLI: finds the command modules and turns user errors into one line."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from typing import Any

import click

from cli import commands
from cli.errors import exit_status, one_line
from primitives.errors import SongnguError

# The module of cli.commands that registers each top-level command, so that running one
# command imports only its own module (and what that needs): `songngu translate` then
# never loads the app, the exporters, QA or intake, about a second of start-up on two
# cores. Listing every command, `--help`, or a name not here loads them all; a test
# checks this table against what the modules register.
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "app": ("app",),
    "audit": ("audit",),
    "backup": ("operations",),
    "check": ("qa_check",),
    "comment": ("segments",),
    "demo": ("app",),
    "document": ("documents",),
    "edit": ("segments",),
    "export": ("exports",),
    "glossary": ("glossary",),
    "import": ("segments",),
    "inspect": ("inspect_source",),
    "jobs": ("jobs",),
    "merge": ("segment",),
    "migrate-db": ("operations",),
    "models": ("models",),
    "normalize": ("normalize",),
    "partner": ("projects",),
    "progress": ("segments",),
    # `project rules` is added to the project group by the segment module.
    "project": ("projects", "segment"),
    "protect": ("protect",),
    "qa": ("qa",),
    "restore": ("operations",),
    "review": ("exports",),
    "segment": ("segment",),
    "segmentation-rules": ("segment",),
    "segments": ("segments",),
    "set-status": ("segments",),
    "settings": ("app",),
    "split": ("segment",),
    "tm": ("tm",),
    "translate": ("translate",),
    "user": ("users",),
    "worker": ("worker",),
}


def command_module_names() -> list[str]:
    """Every module of cli.commands, in name order."""
    return sorted(info.name for info in pkgutil.iter_modules(commands.__path__))


class CommandsGroup(click.Group):
    """The root group: a command's module is imported when that command is asked for.

    ``commands`` (what click, cli.docs and the tests read) holds every command: reading it
    registers the modules not registered yet.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._registered: set[str] = set()
        self._registering = False
        self._known: dict[str, click.Command] = {}
        super().__init__(*args, **kwargs)

    @property  # type: ignore[override]
    def commands(self) -> dict[str, click.Command]:
        if not self._registering:
            self.register_modules(command_module_names())
        return self._known

    @commands.setter
    def commands(self, value: dict[str, click.Command]) -> None:
        self._known = value

    def register_modules(self, names: tuple[str, ...] | list[str]) -> None:
        """Import these modules of cli.commands and let each register its commands once."""
        self._registering = True
        try:
            for name in names:
                if name not in self._registered:
                    module = importlib.import_module(f"{commands.__name__}.{name}")
                    module.register(self)
                    self._registered.add(name)
        finally:
            self._registering = False

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        self.register_modules(COMMAND_MODULES.get(cmd_name, ()))
        found = self._known.get(cmd_name)
        return found if found is not None else self.commands.get(cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.commands)


@click.group(cls=CommandsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="songngu")
def cli() -> None:
    """songngu: Vietnamese to English translation and publishing workflow."""


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; never shows a traceback for a user error."""
    try:
        # Outside standalone mode click returns the code of a command's Exit (translate's
        # 130 when stopped, qa's 1 when errors remain) instead of raising it.
        status = cli.main(args=argv, prog_name="songngu", standalone_mode=False)
    except SongnguError as error:
        click.echo(f"songngu: error: {one_line(error)}", err=True)
        return exit_status(error)
    except click.exceptions.Abort:
        click.echo("songngu: aborted", err=True)
        return 130
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.exceptions.Exit as exit_:
        return exit_.exit_code
    except KeyboardInterrupt:
        click.echo("songngu: interrupted", err=True)
        return 130
    return status if isinstance(status, int) else 0


def run() -> None:
    """Console-script wrapper: exit with main()'s status."""
    sys.exit(main())


if __name__ == "__main__":
    run()
