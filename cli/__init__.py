"""The `songngu` command line: a click group whose commands live in cli.commands."""

from cli.main import cli, main

__all__ = ["cli", "main"]
