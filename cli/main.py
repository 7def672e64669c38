"""Root of the CLI: finds the command modules and turns user errors into one line."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import click

from cli import commands
from cli.errors import exit_status, one_line
from primitives.errors import SongnguError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="songngu")
def cli() -> None:
    """songngu: Vietnamese to English translation and publishing workflow."""


def _register_commands() -> None:
    for module_info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{module_info.name}")
        module.register(cli)


_register_commands()


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
