"""The accounts tests act as: one helper creates them, each with the same known password.

Databases start with no account (the app's first run creates the first admin). The
``sqlite_db``/``postgres_db``/``any_db`` fixtures add ``admin``; a test that needs people
of other roles calls ``add_users(database)`` for tran, rev and ed, or names the ones it
needs. Tests set cheap argon2 parameters (tests/conftest.py), so hashing costs ~1 ms.
"""

from __future__ import annotations

from workflow.permissions import Role
from workflow.storage import Database
from workflow.users import OPERATOR, Actor, add_user, find_user

TEST_PASSWORD = "test password 1"
# name -> role of every account the helper knows
TEST_ROLES: dict[str, Role] = {
    "admin": Role.ADMIN,
    "tran": Role.TRANSLATOR,
    "rev": Role.REVIEWER,
    "ed": Role.EDITOR,
}
ADMIN = Actor("admin", Role.ADMIN)


def add_users(database: Database, *names: str) -> None:
    """Accounts with TEST_PASSWORD (default: tran, rev, ed), created by the local operator;
    a name that exists already is left as it is."""
    with database.write() as session:
        for name in names or ("tran", "rev", "ed"):
            if find_user(session, name) is None:
                add_user(session, OPERATOR, name, TEST_ROLES[name].value, TEST_PASSWORD)
