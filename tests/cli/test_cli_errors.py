"""How the CLI shows a domain error: the English message, the hint for its code (what to
type), one line on stderr, and the exit status of its kind."""

from __future__ import annotations

import pytest
from error_sites import coded_sites, fields
from songngu_testing import add_users, run_cli, seed_project

from cli.errors import HINTS, exit_status, hint, one_line
from cli.main import main
from primitives.errors import (
    Conflict,
    InvalidInput,
    InvalidTransition,
    NotFound,
    PermissionDenied,
)
from workflow.storage import Database


def _params_by_code() -> dict[str, list[frozenset[str]]]:
    found: dict[str, list[frozenset[str]]] = {}
    for site in coded_sites():
        found.setdefault(site.code or "", []).append(site.params)
    return found


# --- the hints ----------------------------------------------------------------------------


def test_every_hint_belongs_to_a_raised_code_and_uses_its_parameters() -> None:
    raised = _params_by_code()
    assert sorted(set(HINTS) - set(raised)) == [], "a hint for a code nobody raises"
    wrong = [
        f"{code}: {sorted(fields(text) - params)}"
        for code, text in HINTS.items()
        for params in raised.get(code, [])
        if fields(text) - params
    ]
    assert wrong == []


def test_a_hint_says_what_to_type() -> None:
    assert [
        code for code, text in HINTS.items() if "songngu " not in text and "--" not in text
    ] == []


def test_the_cli_own_errors_need_no_hint() -> None:
    assert [code for code in HINTS if code.startswith("cli.")] == []


def test_one_line_is_the_message_then_the_hint_with_the_parameters() -> None:
    error = NotFound("project.not_found", "no project {project!r}", project="Báo cáo")
    assert one_line(error) == (
        "no project 'Báo cáo'; see 'songngu project list' or create it with "
        "'songngu project create NAME'"
    )
    error = NotFound(
        "packages.none_installed",
        "no {from_code}→{to_code} translation package is installed in {folder}",
        from_code="vi",
        to_code="fr",
        folder="/p",
    )
    assert one_line(error).endswith("or `songngu models download vi fr`")


def test_an_error_without_a_hint_is_its_message_on_one_line() -> None:
    error = InvalidInput("project.bad_name", "a project name must be 1-200 characters")
    assert hint(error) is None
    assert one_line(error) == "a project name must be 1-200 characters"
    assert one_line(InvalidInput("two\nlines")) == "two lines"


def test_a_wrapped_error_shows_the_hint_of_the_error_inside() -> None:
    inner = NotFound("user.not_found", "no user {name!r}", name="ghost")
    outer = InvalidInput("intake.not_text", "{file}: {detail}", file="a.txt", detail=inner)
    assert one_line(outer) == (
        "a.txt: no user 'ghost'; add one with 'songngu user add ghost --role translator'"
    )


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (InvalidInput("x.invalid", "bad"), 2),
        (NotFound("x.missing", "missing"), 2),
        (InvalidTransition("x.transition", "not from here"), 2),
        (PermissionDenied("x.denied", "not you"), 3),
        (Conflict("x.stale", "changed meanwhile"), 4),
    ],
)
def test_the_exit_status_comes_from_the_kind(error: InvalidInput, status: int) -> None:
    assert exit_status(error) == status


# --- the command line ---------------------------------------------------------------------


def _stderr_of(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.err


def test_an_unknown_project_prints_message_and_hint(
    sqlite_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    status, stderr = _stderr_of(capsys, "segments", "Nope")
    assert (status, stderr) == (
        2,
        "songngu: error: no project 'Nope'; see 'songngu project list' or create it with "
        "'songngu project create NAME'\n",
    )


def test_a_refused_role_exits_3(sqlite_db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    add_users(sqlite_db)
    status, stderr = _stderr_of(capsys, "project", "create", "X", "--as", "tran")
    assert (status, stderr) == (
        3,
        "songngu: error: tran (translator) may not manage project: ask a user with a role "
        "that can\n",
    )


def test_a_stale_edit_exits_4(sqlite_db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    _, segment_ids = seed_project(sqlite_db, ["Chào bạn."])
    status, stderr = _stderr_of(
        capsys, "edit", "P", str(segment_ids[0]), "--target", "Hi.", "--expect-version", "9"
    )
    assert status == 4
    assert stderr.startswith("songngu: error: ") and stderr.count("\n") == 1
    assert "Current text: «» | your text: «Hi.»" in stderr  # both texts, as the app shows


def test_a_refused_transition_exits_2_with_the_allowed_statuses(
    sqlite_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    _, segment_ids = seed_project(sqlite_db, ["Chào bạn."])
    status, stderr = _stderr_of(capsys, "set-status", "P", str(segment_ids[0]), "approved")
    assert (status, stderr) == (
        2,
        "songngu: error: cannot change status from new to approved; from new it can go to: "
        "translated\n",
    )


def test_the_installed_command_prints_the_same_line(sqlite_db: Database) -> None:
    done = run_cli("user", "add", "lan", "--role", "translator", "--as", "ghost")
    assert done.returncode == 2
    assert done.stderr == (
        "songngu: error: no user 'ghost'; add one with 'songngu user add ghost --role translator'\n"
    )
