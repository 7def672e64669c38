"""Accounts and signing in, on both databases: hashing, policy, disabling, roles, the first
admin, OIDC identities, live sessions, and who the CLI acts as."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from songngu_testing import TEST_PASSWORD, add_users
from sqlalchemy import text, update

from primitives.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from workflow import auth, passwords
from workflow.models import User
from workflow.permissions import Role
from workflow.storage import Database, open_database
from workflow.users import (
    LOCAL_OPERATOR,
    OPERATOR,
    AccountState,
    Actor,
    account_state,
    add_user,
    change_role,
    get_user,
    list_users,
    resolve_actor,
    set_disabled,
    set_password,
    update_profile,
)

NEW_PASSWORD = "a different passphrase"


def _add(database: Database, name: str, role: str = "translator", **kwargs: str) -> None:
    with database.write() as session:
        add_user(session, OPERATOR, name, role, kwargs.pop("password", TEST_PASSWORD), **kwargs)


def _code(error: pytest.ExceptionInfo[Exception]) -> str:
    return getattr(error.value, "code", "")


# --- passwords ----------------------------------------------------------------------------


def test_a_password_is_stored_as_an_argon2id_hash_that_verifies(any_db: Database) -> None:
    _add(any_db, "lan")
    with any_db.read() as session:
        user = get_user(session, "lan")
    assert user.password_hash is not None and TEST_PASSWORD not in user.password_hash
    assert user.password_hash.startswith("$argon2id$v=19$m=1024,t=1,p=4$")
    assert passwords.verify(user.password_hash, TEST_PASSWORD)
    assert not passwords.verify(user.password_hash, TEST_PASSWORD + "x")
    assert not passwords.verify("not a hash", TEST_PASSWORD)
    assert user.password_changed_at is not None
    assert account_state(user) is AccountState.ACTIVE


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("short", "password.too_short"),
        ("x" * 1025, "password.too_long"),
        (" " * 12, "password.blank"),
        ("  Lan.Nguyen ", "password.is_user_name"),
    ],
)
def test_the_policy_refuses_weak_passwords_and_stores_nothing(
    any_db: Database, password: str, code: str
) -> None:
    with pytest.raises(InvalidInput) as error, any_db.write() as session:
        add_user(session, OPERATOR, "lan.nguyen", "translator", password)
    assert _code(error) == code
    with any_db.read() as session:
        assert [u.name for u in list_users(session)] == ["admin"]


def test_the_minimum_length_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SONGNGU_PASSWORD_MIN_LENGTH", "20")
    with pytest.raises(InvalidInput, match="at least 20 characters"):
        passwords.check_policy("lan", TEST_PASSWORD)
    monkeypatch.setenv("SONGNGU_PASSWORD_MIN_LENGTH", "4")
    with pytest.raises(InvalidInput) as error:
        passwords.check_policy("lan", TEST_PASSWORD)
    assert _code(error) == "settings.bad_password_min_length"


def test_a_hash_cost_below_the_floor_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SONGNGU_PASSWORD_HASH_MEMORY_KIB", "64")
    with pytest.raises(InvalidInput, match="SONGNGU_PASSWORD_HASH_MEMORY_KIB='64'"):
        passwords.hash_password(TEST_PASSWORD)


def test_a_correct_password_is_rehashed_when_the_parameters_changed(
    any_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add(any_db, "lan")
    with any_db.read() as session:
        before = get_user(session, "lan")
    monkeypatch.setenv("SONGNGU_PASSWORD_HASH_MEMORY_KIB", "2048")
    with pytest.raises(PermissionDenied), any_db.write() as session:
        auth.authenticate(session, "lan", "wrong password!")
    with any_db.read() as session:
        assert get_user(session, "lan").password_hash == before.password_hash  # not on a miss
    with any_db.write() as session:
        auth.authenticate(session, "lan", TEST_PASSWORD)
    with any_db.read() as session:
        after = get_user(session, "lan")
    assert after.password_hash is not None and ",m=2048," not in before.password_hash
    assert after.password_hash.startswith("$argon2id$v=19$m=2048,t=1,p=4$")
    # The same password, the same sign-in: no version bump, no session ended.
    assert (after.version, after.password_changed_at) == (
        before.version,
        before.password_changed_at,
    )
    with any_db.write() as session:
        assert auth.authenticate(session, "lan", TEST_PASSWORD).actor.name == "lan"


# --- signing in ---------------------------------------------------------------------------


def test_sign_in_with_the_right_password_gives_the_actor(any_db: Database) -> None:
    _add(any_db, "lan", "reviewer")
    with any_db.write() as session:
        signed_in = auth.authenticate(session, " lan ", TEST_PASSWORD)
    assert signed_in.actor == Actor("lan", Role.REVIEWER)


def test_a_wrong_name_and_a_wrong_password_are_the_same_refusal(any_db: Database) -> None:
    _add(any_db, "lan")
    refusals = []
    for name, password in [("lan", "wrong password"), ("ghost", TEST_PASSWORD), ("", "")]:
        with pytest.raises(PermissionDenied) as error, any_db.write() as session:
            auth.authenticate(session, name, password)
        refusals.append((_code(error), str(error.value)))
    assert set(refusals) == {("auth.bad_credentials", "wrong user name or password")}


def test_an_unknown_name_costs_a_verification_like_a_wrong_password(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refusing a name that does not exist takes as long as refusing a wrong password, so
    the time a refusal takes does not tell which accounts exist."""
    _add(sqlite_db, "lan")
    verified: list[str] = []
    real_verify = passwords.verify
    monkeypatch.setattr(
        passwords, "verify", lambda h, p: verified.append(h[:9]) or real_verify(h, p)
    )
    for name in ("lan", "ghost"):
        with pytest.raises(PermissionDenied), sqlite_db.write() as session:
            auth.authenticate(session, name, "wrong password")
    assert verified == ["$argon2id", "$argon2id"]


def test_a_disabled_account_cannot_sign_in_nor_be_acted_as(any_db: Database) -> None:
    _add(any_db, "lan")
    with any_db.write() as session:
        disabled = set_disabled(session, OPERATOR, "lan", True)
    assert account_state(disabled) is AccountState.DISABLED
    with pytest.raises(PermissionDenied) as error, any_db.write() as session:
        auth.authenticate(session, "lan", TEST_PASSWORD)
    assert _code(error) == "auth.account_disabled"
    # Only someone who knows the password learns that the account is disabled.
    with pytest.raises(PermissionDenied) as error, any_db.write() as session:
        auth.authenticate(session, "lan", "wrong password")
    assert _code(error) == "auth.bad_credentials"
    with pytest.raises(PermissionDenied) as error, any_db.read() as session:
        resolve_actor(session, "lan")
    assert _code(error) == "user.disabled"
    with any_db.write() as session:
        set_disabled(session, OPERATOR, "lan", False)
        assert auth.authenticate(session, "lan", TEST_PASSWORD).actor.name == "lan"


def test_an_account_from_before_sign_in_has_no_password_and_cannot_sign_in(
    any_db: Database,
) -> None:
    with any_db.write() as session:
        session.add(User(name="old", role="editor", display_name="old"))
    with any_db.read() as session:
        old = get_user(session, "old")
        assert account_state(old) is AccountState.NO_PASSWORD
        assert resolve_actor(session, "old") == Actor("old", Role.EDITOR)  # the CLI may
    with pytest.raises(PermissionDenied) as error, any_db.write() as session:
        auth.authenticate(session, "old", "")
    assert _code(error) == "auth.bad_credentials"
    with any_db.write() as session:
        set_password(session, OPERATOR, "old", NEW_PASSWORD)
        assert auth.authenticate(session, "old", NEW_PASSWORD).actor.role is Role.EDITOR


# --- live sessions ------------------------------------------------------------------------


def test_a_session_follows_the_account_role_disable_and_password(any_db: Database) -> None:
    _add(any_db, "lan")
    with any_db.write() as session:
        signed_in = auth.authenticate(session, "lan", TEST_PASSWORD)
    with any_db.write() as session:
        change_role(session, OPERATOR, "lan", "reviewer")
    with any_db.read() as session:
        assert auth.session_actor(session, signed_in) == Actor("lan", Role.REVIEWER)
    with any_db.write() as session:
        set_password(session, OPERATOR, "lan", NEW_PASSWORD)
    with pytest.raises(PermissionDenied) as error, any_db.read() as session:
        auth.session_actor(session, signed_in)
    assert _code(error) == "auth.session_ended"
    with any_db.write() as session:
        again = auth.authenticate(session, "lan", NEW_PASSWORD)
        set_disabled(session, OPERATOR, "lan", True)
    with pytest.raises(PermissionDenied), any_db.read() as session:
        auth.session_actor(session, again)


def test_the_idle_timeout_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    assert auth.idle_timeout() == timedelta(minutes=60)
    assert not auth.expired(now - timedelta(minutes=59), now)
    assert auth.expired(now - timedelta(minutes=61), now)
    monkeypatch.setenv("SONGNGU_SESSION_IDLE_MINUTES", "5")
    assert auth.expired(now - timedelta(minutes=6), now)
    for bad in ("0", "soon", "100000"):
        monkeypatch.setenv("SONGNGU_SESSION_IDLE_MINUTES", bad)
        with pytest.raises(InvalidInput) as error:
            auth.idle_timeout()
        assert _code(error) == "settings.bad_session_idle_minutes"


# --- the first admin ----------------------------------------------------------------------


def test_a_new_database_has_no_account(any_db_without_users: Database) -> None:
    with any_db_without_users.read() as session:
        assert list_users(session) == []
        assert auth.needs_first_admin(session)


def test_the_first_admin_is_created_once(any_db_without_users: Database) -> None:
    database = any_db_without_users
    with pytest.raises(InvalidInput), database.write() as session:
        auth.create_first_admin(session, "thu", "short")
    with database.write() as session:
        signed_in = auth.create_first_admin(session, "thu", TEST_PASSWORD, display_name="Thu")
    assert signed_in.actor == Actor("thu", Role.ADMIN)
    with database.read() as session:
        thu = get_user(session, "thu")
        assert (thu.display_name, thu.updated_by, auth.needs_first_admin(session)) == (
            "Thu",
            "thu",
            False,
        )
        assert auth.session_actor(session, signed_in).name == "thu"
    with pytest.raises(PermissionDenied) as error, database.write() as session:
        auth.create_first_admin(session, "mallory", TEST_PASSWORD)
    assert _code(error) == "auth.first_admin_exists"


def test_the_first_run_claims_the_password_less_admin_of_an_older_database(
    any_db_without_users: Database,
) -> None:
    database = any_db_without_users
    with database.write() as session:  # as every database was seeded before sign-in
        session.add(User(name="admin", role="admin", display_name="Local administrator"))
        session.add(User(name="lan", role="translator", display_name="lan"))
    with database.read() as session:
        assert auth.needs_first_admin(session)
        old_id = get_user(session, "admin").id
    with pytest.raises(InvalidInput) as error, database.write() as session:
        auth.create_first_admin(session, "lan", TEST_PASSWORD)  # not an admin: not claimed
    assert _code(error) == "user.exists"
    with database.write() as session:
        signed_in = auth.create_first_admin(session, "admin", TEST_PASSWORD)
    with database.read() as session:
        admin = get_user(session, "admin")
    assert (admin.id, admin.version, signed_in.actor.role) == (old_id, 2, Role.ADMIN)
    assert account_state(admin) is AccountState.ACTIVE


def test_a_disabled_account_with_a_password_still_counts_as_set_up(sqlite_db: Database) -> None:
    """Nobody can sign in, yet the first run is not offered again: someone with the
    database's access (the CLI) enables one, not whoever opens the app first."""
    with sqlite_db.write() as session:  # workflow keeps one admin; a database edit may not
        session.execute(update(User).values(disabled=True))
    with sqlite_db.read() as session:
        assert not auth.needs_first_admin(session)


# --- managing accounts --------------------------------------------------------------------


@pytest.mark.parametrize("role", ["translator", "reviewer", "editor"])
def test_only_admins_manage_accounts(any_db: Database, role: str) -> None:
    _add(any_db, "lan")
    actor = Actor("someone", Role(role))
    attempts = [
        lambda s: add_user(s, actor, "new", "translator", TEST_PASSWORD),
        lambda s: change_role(s, actor, "lan", "admin"),
        lambda s: set_password(s, actor, "lan", NEW_PASSWORD),
        lambda s: set_disabled(s, actor, "lan", True),
        lambda s: update_profile(s, actor, "lan", email="lan@example.org"),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied, match="may not manage users"):
            with any_db.write() as session:
                attempt(session)
    with any_db.read() as session:
        lan = get_user(session, "lan")
    assert (lan.role, lan.version, lan.email, lan.disabled) == ("translator", 1, "", False)


def test_a_stale_change_is_refused_and_names_who_changed_it(any_db: Database) -> None:
    _add(any_db, "lan")
    with any_db.write() as session:
        change_role(session, Actor("admin", Role.ADMIN), "lan", "reviewer", expected_version=1)
    with pytest.raises(Conflict) as error, any_db.write() as session:
        set_disabled(session, OPERATOR, "lan", True, expected_version=1)
    assert _code(error) == "user.changed_meanwhile"
    assert "changed by admin (now version 2, you saw version 1)" in str(error.value)
    with any_db.read() as session:
        assert not get_user(session, "lan").disabled


def test_the_last_admin_who_can_sign_in_is_kept(any_db: Database) -> None:
    admin = Actor("admin", Role.ADMIN)
    with pytest.raises(InvalidInput) as error, any_db.write() as session:
        change_role(session, OPERATOR, "admin", "editor")
    assert _code(error) == "user.last_admin"
    with pytest.raises(InvalidInput) as error, any_db.write() as session:
        set_disabled(session, OPERATOR, "admin", True)
    assert _code(error) == "user.last_admin"
    with pytest.raises(InvalidInput) as error, any_db.write() as session:
        set_disabled(session, admin, "admin", True)
    assert _code(error) == "user.cannot_disable_self"
    _add(any_db, "thu", "admin")
    with any_db.write() as session:
        change_role(session, OPERATOR, "admin", "editor")
    with any_db.read() as session:
        assert get_user(session, "admin").role == "editor"


def test_names_and_e_mail_addresses(any_db: Database) -> None:
    for name, code in [(LOCAL_OPERATOR, "user.reserved_name"), ("a b", "user.bad_name")]:
        with pytest.raises(InvalidInput) as error, any_db.write() as session:
            add_user(session, OPERATOR, name, "translator", TEST_PASSWORD)
        assert _code(error) == code
    _add(any_db, "lan", email=" Lan@Example.ORG ")
    with any_db.read() as session:
        assert get_user(session, "lan").email == "lan@example.org"
    with pytest.raises(InvalidInput) as error, any_db.write() as session:
        add_user(session, OPERATOR, "lan2", "translator", TEST_PASSWORD, email="LAN@example.org")
    assert _code(error) == "user.email_taken"
    with pytest.raises(InvalidInput) as error, any_db.write() as session:
        update_profile(session, OPERATOR, "admin", email="not an address")
    assert _code(error) == "user.bad_email"
    with any_db.write() as session:
        update_profile(session, OPERATOR, "lan", display_name="Nguyễn Thị Lan", email="")
    with any_db.read() as session:
        lan = get_user(session, "lan")
    assert (lan.display_name, lan.email, lan.version) == ("Nguyễn Thị Lan", "", 2)


# --- OIDC identities ----------------------------------------------------------------------


def test_an_oidc_identity_maps_to_an_account_by_e_mail_or_name(any_db: Database) -> None:
    _add(any_db, "lan", email="lan@example.org")
    _add(any_db, "thu@example.org", "editor")
    _add(any_db, "minh", "reviewer")
    with any_db.read() as session:
        assert auth.oidc_sign_in(session, "LAN@example.org", None).actor.name == "lan"
        assert auth.oidc_sign_in(session, "thu@example.org", "x").actor.name == "thu@example.org"
        assert auth.oidc_sign_in(session, None, "minh").actor.role is Role.REVIEWER
        with pytest.raises(NotFound) as error:
            auth.oidc_sign_in(session, "stranger@example.org", "stranger")
    assert _code(error) == "auth.no_account_for_identity"
    assert "stranger@example.org" in str(error.value)
    with any_db.write() as session:
        set_disabled(session, OPERATOR, "lan", True)
    with pytest.raises(PermissionDenied) as error, any_db.read() as session:
        auth.oidc_sign_in(session, "lan@example.org", None)
    assert _code(error) == "auth.account_disabled"
    with any_db.read() as session:  # an identity gets no account of its own
        assert len(list_users(session)) == 4


# --- who the CLI acts as ------------------------------------------------------------------


def test_the_cli_acts_as_the_local_operator_unless_told_otherwise(
    any_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_users(any_db, "tran")
    with any_db.read() as session:
        assert resolve_actor(session) == OPERATOR == Actor(LOCAL_OPERATOR, Role.ADMIN)
        assert resolve_actor(session, LOCAL_OPERATOR) == OPERATOR
        assert resolve_actor(session, "tran") == Actor("tran", Role.TRANSLATOR)
        monkeypatch.setenv("SONGNGU_USER", "tran")
        assert resolve_actor(session).name == "tran"
        with pytest.raises(NotFound):
            resolve_actor(session, "ghost")
    with pytest.raises(PermissionDenied), any_db.write() as session:  # never signs in
        auth.authenticate(session, LOCAL_OPERATOR, "")


def test_older_accounts_get_the_new_columns_in_the_migration(songngu_home: object) -> None:
    database = open_database(migrate=False)
    database.migrate("0004")
    with database.write() as session:
        session.execute(
            text(
                "INSERT INTO users (name, display_name, role, created_at) "
                "VALUES ('admin', 'Local administrator', 'admin', CURRENT_TIMESTAMP)"
            )
        )
    database.migrate()
    with database.read() as session:
        old = get_user(session, "admin")
        assert (old.password_hash, old.disabled, old.version, old.email) == (None, False, 1, "")
        assert account_state(old) is AccountState.NO_PASSWORD
        assert auth.needs_first_admin(session)
