"""Documentation that must not drift: the CLI reference and the configuration table."""

from __future__ import annotations

from songngu_testing import REPO

from cli.docs import cli_reference
from workflow.settings import SETTINGS


def test_cli_reference_is_up_to_date() -> None:
    current = (REPO / "docs" / "cli.md").read_text("utf-8")
    assert current == cli_reference(), "run: .venv/bin/python -m cli.docs > docs/cli.md"


def test_cli_reference_does_not_depend_on_what_ran_before() -> None:
    from click.testing import CliRunner

    from cli.main import cli

    before = cli_reference()
    for args in (["--help"], ["project", "--help"], ["glossary", "list", "--help"]):
        CliRunner().invoke(cli, args)  # click caches each command's help option on first use
    assert cli_reference() == before


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    missing = [s.env for s in SETTINGS if f"`{s.env}`" not in readme]
    assert not missing, f"README's configuration table lacks {missing}"


def test_every_command_has_help() -> None:
    reference = cli_reference()
    for section in reference.split("## ")[1:]:
        title, body = section.split("\n", 1)
        assert "Usage:" in body, title
        assert len(body.strip().splitlines()) > 3, f"{title} has no description"
