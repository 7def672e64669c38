"""songngu app, songngu demo, songngu settings"""

from __future__ import annotations

import importlib.util
import math
import os
import subprocess
import sys
from pathlib import Path

import click

from cli.common import actor_for, as_option, database
from workflow import settings
from workflow.demo import DEMO_PROJECT, create_demo
from workflow.intake.limits import MIB, IntakeLimits

# The router's launcher inside the installed ui package, so a wheel install (not only a
# checkout) starts; in ui/launch, away from ui/pages (see its docstring: deep links).
# Found by spec, not imported: importing it would load streamlit into every CLI command.
_APP_SPEC = importlib.util.find_spec("ui.launch.streamlit_app")
APP_FILE = Path(
    _APP_SPEC.origin if _APP_SPEC and _APP_SPEC.origin else "ui/launch/streamlit_app.py"
).resolve()


@click.command("app")
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=8501,
    show_default=True,
    help="Port to serve on.",
)
@click.option(
    "--headless/--browser", default=True, show_default=True, help="Open a browser or not."
)
def app_command(port: int, headless: bool) -> None:
    """Start the Streamlit app on http://localhost:PORT."""
    if not APP_FILE.exists():
        raise click.ClickException(f"{APP_FILE} is missing: reinstall songngu")
    # Streamlit refuses uploads over its own limit (200 MB): make it the import limit.
    upload_mb = math.ceil(IntakeLimits.from_settings().max_file_bytes / MIB)
    database()  # create and migrate before the first page asks for it
    command = [
        sys.executable, "-m", "streamlit", "run", str(APP_FILE),
        "--server.port", str(port),
        "--server.headless", "true" if headless else "false",
        "--browser.gatherUsageStats", "false",
        "--server.maxUploadSize", str(upload_mb),
        # Streamlit's defaults, said here so that no config file turns them off.
        "--server.enableXsrfProtection", "true",
        "--server.enableCORS", "true",
        # The checkout's .streamlit/config.toml is not beside an installed package.
        "--client.toolbarMode", "viewer",
    ]  # fmt: skip
    click.echo(f"songngu app on http://localhost:{port}")
    raise SystemExit(subprocess.call(command, cwd=os.getcwd(), env=os.environ.copy()))


@click.command("demo")
@click.option("--if-missing", is_flag=True, help="Do nothing when the demo project exists.")
@as_option
def demo_command(if_missing: bool, as_user: str | None) -> None:
    """Create the demo project (a Vietnamese workshop report)."""
    db = database()
    with db.read() as session:
        actor = actor_for(session, as_user)
    if create_demo(db, actor, if_missing=if_missing):
        click.echo(f"created demo project {DEMO_PROJECT!r}")
    else:
        click.echo(f"demo project {DEMO_PROJECT!r} is ready")


@click.command("settings")
def settings_command() -> None:
    """Describe the configuration variables and their current values."""
    for setting in settings.SETTINGS:
        click.echo(f"{setting.env}={settings.shown(setting.env)}\n    {setting.help}")


def register(cli: click.Group) -> None:
    cli.add_command(app_command)
    cli.add_command(demo_command)
    cli.add_command(settings_command)
