"""Failed sign-in rate limit: after SONGNGU_SIGNIN_MAX_FAILURES wrong passwords for an
account within SONGNGU_SIGNIN_LOCKOUT_SECONDS, its password sign-ins are refused (even
with the right password) until the window has passed; every refusal is in the audit log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from songngu_testing import TEST_PASSWORD, add_users
from sqlalchemy import update

from primitives.errors import InvalidInput, PermissionDenied
from workflow.audit import AuditAction, AuditFilter, list_events
from workflow.auth import sign_in_with_password
from workflow.models import AuditEvent
from workflow.storage import Database
from workflow.users import OPERATOR


def _refusal(database: Database, name: str, password: str) -> str:
    with pytest.raises(PermissionDenied) as refused:
        sign_in_with_password(database, name, password)
    return refused.value.code


def _failures(database: Database) -> list[str]:
    with database.read() as session:
        events = list_events(session, OPERATOR, AuditFilter(action=AuditAction.SIGN_IN_FAILED))
    return [event.detail for event in reversed(events)]


def test_too_many_wrong_passwords_lock_the_account_for_a_while(
    any_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SONGNGU_SIGNIN_MAX_FAILURES", "3")
    monkeypatch.setenv("SONGNGU_SIGNIN_LOCKOUT_SECONDS", "600")
    add_users(any_db, "tran", "rev")
    assert [_refusal(any_db, "tran", "wrong") for _ in range(3)] == ["auth.bad_credentials"] * 3
    with pytest.raises(PermissionDenied) as locked:
        sign_in_with_password(any_db, "tran", TEST_PASSWORD)  # the right one, too late
    assert locked.value.code == "auth.locked_out"
    assert str(locked.value).startswith("too many wrong passwords for 'tran': try again in")
    assert 590 <= int(locked.value.params["seconds"]) <= 601
    assert sign_in_with_password(any_db, "rev", TEST_PASSWORD).actor.name == "rev"  # per account
    assert _failures(any_db) == ["password: auth.bad_credentials"] * 3 + [
        "password: auth.locked_out"
    ]
    # Once the wrong passwords are older than the window, the account may sign in again
    # (the locked-out attempts do not extend the lockout).
    with any_db.write() as session:
        session.execute(
            update(AuditEvent)
            .where(AuditEvent.detail == "password: auth.bad_credentials")
            .values(at=AuditEvent.at - timedelta(seconds=601))
        )
    assert sign_in_with_password(any_db, "tran", TEST_PASSWORD).actor.name == "tran"


def test_wrong_passwords_spread_beyond_the_window_do_not_lock(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SONGNGU_SIGNIN_MAX_FAILURES", "2")
    add_users(sqlite_db, "tran")
    _refusal(sqlite_db, "tran", "wrong")
    with sqlite_db.write() as session:
        session.execute(update(AuditEvent).values(at=AuditEvent.at - timedelta(hours=1)))
    _refusal(sqlite_db, "tran", "wrong")
    assert sign_in_with_password(sqlite_db, "tran", TEST_PASSWORD).actor.name == "tran"


@pytest.mark.parametrize(
    ("env", "value"),
    [("SONGNGU_SIGNIN_MAX_FAILURES", "0"), ("SONGNGU_SIGNIN_LOCKOUT_SECONDS", "soon")],
)
def test_a_bad_limit_setting_is_one_clear_error(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch, env: str, value: str
) -> None:
    monkeypatch.setenv(env, value)
    add_users(sqlite_db, "tran")
    with pytest.raises(InvalidInput) as bad:
        sign_in_with_password(sqlite_db, "tran", TEST_PASSWORD)
    assert bad.value.code == "settings.bad_whole_number"
    assert str(bad.value).startswith(f"{env}={value!r} must be a whole number from")
