"""songngu user … through a subprocess: accounts, passwords, state, and --as refused for a
disabled or unknown account in one line with its exit status."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import time

from songngu_testing import SONGNGU, TEST_PASSWORD, run_cli

from primitives.errors import PermissionDenied
from workflow import auth
from workflow.storage import open_database


def _ok(*args: str, password: str | None = None) -> str:
    result = run_cli(*args, input=None if password is None else password + "\n")
    assert result.returncode == 0, result.stderr
    return result.stdout


def _refused(*args: str, status: int, input: str | None = None) -> str:
    result = run_cli(*args, input=input)
    assert result.returncode == status, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def _users() -> dict[str, dict]:
    rows = [json.loads(line) for line in _ok("user", "list", "--format", "jsonl").splitlines()]
    return {row["name"]: row for row in rows}


def _add(name: str, role: str = "translator") -> None:
    _ok("user", "add", name, "--role", role, "--password-stdin", password=TEST_PASSWORD)


def _signs_in(name: str, password: str) -> bool:
    with open_database().write() as session:
        try:
            auth.authenticate(session, name, password)
        except PermissionDenied:
            return False
    return True


def test_a_fresh_database_has_no_account_and_the_cli_acts_as_the_local_operator() -> None:
    assert _users() == {}
    _ok("project", "create", "P")  # an admin's action, done by the local operator
    _add("lan")
    assert _users()["lan"]["state"] == "active"
    assert "may not manage project" in _refused("project", "create", "Q", "--as", "lan", status=3)


def test_add_passwd_disable_enable() -> None:
    assert "added user 'lan' as translator" in _ok(
        "user", "add", "lan", "--role", "translator", "--email", "Lan@Example.org",
        "--password-stdin", password=TEST_PASSWORD,
    )  # fmt: skip
    assert _users()["lan"]["email"] == "lan@example.org"
    assert _signs_in("lan", TEST_PASSWORD)
    assert "set a new password for 'lan'" in _ok(
        "user", "passwd", "lan", "--password-stdin", password="a new passphrase"
    )
    assert not _signs_in("lan", TEST_PASSWORD) and _signs_in("lan", "a new passphrase")
    assert "disabled 'lan'" in _ok("user", "disable", "lan")
    assert _users()["lan"]["state"] == "disabled"
    assert not _signs_in("lan", "a new passphrase")
    assert "enabled 'lan'" in _ok("user", "enable", "lan")
    assert _signs_in("lan", "a new passphrase")
    assert "'lan' is now editor" in _ok("user", "role", "lan", "editor")
    listing = _ok("user", "list")
    assert listing.splitlines()[0].split() == ["name", "role", "state", "display", "name", "e-mail"]
    assert "lan   editor  active" in listing


def test_as_a_disabled_or_unknown_user_is_refused_in_one_line() -> None:
    _ok("project", "create", "P")
    _add("lan")
    _ok("user", "disable", "lan")
    refused = _refused(
        "glossary", "add", "P", "Bộ Y tế", "Ministry of Health", "--as", "lan", status=3
    )
    assert refused == (
        "songngu: error: user 'lan' is disabled: an admin can enable it again; "
        "enable it with 'songngu user enable lan'"
    )
    env_refused = run_cli("project", "create", "Q", env={"SONGNGU_USER": "lan"})
    assert env_refused.returncode == 3 and "user 'lan' is disabled" in env_refused.stderr
    unknown = _refused("project", "create", "Q", "--as", "ghost", status=2)
    assert unknown.startswith("songngu: error: no user 'ghost'")


def test_bad_passwords_and_input_are_one_line_and_store_nothing() -> None:
    assert "at least 10 characters" in _refused(
        "user", "add", "lan", "--role", "translator", "--password-stdin", input="short\n", status=2
    )
    assert "cannot be the user name" in _refused(
        "user", "add", "lanlanlanlan", "--role", "translator", "--password-stdin",
        input="lanlanlanlan\n", status=2,
    )  # fmt: skip
    no_terminal = _refused("user", "add", "lan", "--role", "translator", input="", status=2)
    assert "no terminal to ask for the password: pipe it in with --password-stdin" in no_terminal
    assert "unknown role 'boss'" in _refused(
        "user", "add", "lan", "--role", "boss", "--password-stdin", input=TEST_PASSWORD, status=2
    )
    assert "'local-operator' is the name of the built-in local operator" in _refused(
        "user", "add", "local-operator", "--role", "admin", "--password-stdin",
        input=TEST_PASSWORD, status=2,
    )  # fmt: skip
    assert _users() == {}
    assert "no user 'ghost'" in _refused(
        "user", "passwd", "ghost", "--password-stdin", input=TEST_PASSWORD, status=2
    )


def test_only_admins_manage_users_and_the_last_admin_stays() -> None:
    _add("boss", "admin")
    _add("lan")
    assert "lan (translator) may not manage users" in _refused(
        "user", "disable", "boss", "--as", "lan", status=3
    )
    assert "may not manage users" in _refused(
        "user", "passwd", "boss", "--as", "lan", "--password-stdin", input=TEST_PASSWORD, status=3
    )
    last = _refused("user", "role", "boss", "translator", status=2)
    assert "'boss' is the only admin who can sign in" in last
    assert "'songngu user role NAME admin'" in last
    assert "you cannot disable your own account" in _refused(
        "user", "disable", "boss", "--as", "boss", status=2
    )
    assert _users()["boss"]["role"] == "admin"


def test_the_password_prompt_asks_twice_on_a_terminal() -> None:
    """Without --password-stdin the password is typed twice, unseen, on the terminal."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [SONGNGU, "user", "add", "lan", "--role", "reviewer"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=os.environ.copy(),
        close_fds=True,
    )
    os.close(follower)
    shown = b""

    def read_until(marker: bytes) -> None:
        nonlocal shown
        deadline = time.monotonic() + 60
        while marker not in shown:
            assert time.monotonic() < deadline, shown
            ready, _, _ = select.select([leader], [], [], 1)
            if ready:
                shown += os.read(leader, 1024)

    read_until(b"Password: ")
    os.write(leader, f"{TEST_PASSWORD}\n".encode())
    read_until(b"Repeat for confirmation: ")
    os.write(leader, f"{TEST_PASSWORD}\n".encode())
    read_until(b"added user 'lan' as reviewer")
    assert process.wait(timeout=60) == 0
    os.close(leader)
    assert TEST_PASSWORD.encode() not in shown  # never echoed
    assert _signs_in("lan", TEST_PASSWORD)
