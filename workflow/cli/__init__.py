"""The `songngu` command line: a click group whose commands live in workflow.cli.commands."""

from workflow.cli.main import cli, main

__all__ = ["cli", "main"]
