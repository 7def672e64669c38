"""People who act in songngu: accounts, their roles and state, and who the CLI acts as.

Every account the app or seeding creates has a password (argon2id, workflow.passwords).
The CLI is run by someone with the machine's and the database's access, so it does not
sign in: it acts as a named account (``--as``, SONGNGU_USER) or, when none is named, as
the built-in local operator: an identity with the admin role that is not an account,
exists in every database without being stored, and can never sign in to the app
(workflow.auth only signs in stored accounts with a password).

Account rows are versioned: an admin's change names the version they saw and is refused
when someone changed the account meanwhile (workflow.versioning).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from primitives.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from workflow import settings
from workflow.audit import AuditAction, record
from workflow.insert_missing import insert_missing
from workflow.models import User, utcnow
from workflow.permissions import Action, Role, require
from workflow.versioning import Describer, update_if_current


@dataclass(frozen=True)
class Actor:
    """The person an operation is done for, with the role that decides what is allowed."""

    name: str
    role: Role

    def require(self, action: Action) -> None:
        require(self.role, action, self.name)


# What histories record for work done through the CLI without --as or SONGNGU_USER.
LOCAL_OPERATOR = "local-operator"
OPERATOR = Actor(LOCAL_OPERATOR, Role.ADMIN)

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")


class AccountState(StrEnum):
    ACTIVE = "active"
    DISABLED = "disabled"
    NO_PASSWORD = "no password"  # made before sign-in existed: CLI only until given one


def account_state(user: User) -> AccountState:
    if user.disabled:
        return AccountState.DISABLED
    if user.password_hash is None:
        return AccountState.NO_PASSWORD
    return AccountState.ACTIVE


def can_sign_in(user: User) -> bool:
    return account_state(user) is AccountState.ACTIVE


def lock_accounts(session: Session) -> None:
    """Serialise changes that depend on the other accounts (the first admin, the last one).

    SQLite's write transactions already run one at a time (BEGIN IMMEDIATE); PostgreSQL
    needs a table lock, since a row lock cannot stop another transaction's INSERT.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE"))


def find_user(session: Session, name: str) -> User | None:
    return session.scalar(select(User).where(User.name == name.strip()))


def get_user(session: Session, name: str) -> User:
    user = find_user(session, name)
    if user is None:
        raise NotFound("user.not_found", "no user {name!r}", name=name.strip())
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.name)))


def resolve_actor(session: Session, name: str | None = None) -> Actor:
    """Who the CLI or a background job acts for: the named account, else SONGNGU_USER,
    else the local operator. A disabled account is refused; so is an unknown name."""
    name = (name or settings.get("SONGNGU_USER")).strip()
    if not name or name == LOCAL_OPERATOR:
        return OPERATOR
    user = get_user(session, name)
    if user.disabled:
        raise PermissionDenied(
            "user.disabled", "user {name!r} is disabled: an admin can enable it again", name=name
        )
    return Actor(user.name, Role(user.role))


def _check_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 100 or any(c.isspace() for c in name):
        raise InvalidInput(
            "user.bad_name",
            "user name {name!r} must be 1-100 characters without spaces",
            name=name,
        )
    if name == LOCAL_OPERATOR:
        raise InvalidInput(
            "user.reserved_name",
            "{name!r} is the name of the built-in local operator: choose another name",
            name=name,
        )
    return name


def _check_display_name(display_name: str) -> str:
    if len(display_name) > 200:  # the column's size
        raise InvalidInput(
            "user.display_name_too_long", "a display name must be at most 200 characters"
        )
    return display_name.strip()


def _check_email(session: Session, email: str, user_id: int | None) -> str:
    """An e-mail address in the form it is compared in (lower case), unique; "" for none."""
    email = email.strip().lower()
    if not email:
        return ""
    if len(email) > 320 or not _EMAIL.fullmatch(email):
        raise InvalidInput("user.bad_email", "{email!r} is not an e-mail address", email=email)
    other = session.scalar(select(User).where(func.lower(User.email) == email))
    if other is not None and other.id != user_id:
        raise InvalidInput(
            "user.email_taken",
            "the e-mail address {email} belongs to user {other!r} already",
            email=email,
            other=other.name,
        )
    return email


@dataclass(frozen=True)
class NewAccount:
    """An account's details, checked and in the form they are stored in."""

    name: str
    role: Role
    display_name: str
    email: str


def check_new_account(
    session: Session,
    actor: Actor,
    name: str,
    role: str,
    *,
    display_name: str = "",
    email: str = "",
) -> NewAccount:
    """Everything about a new account except its password, so that a face can refuse bad
    details before it asks anyone to type a password."""
    actor.require(Action.MANAGE_USERS)
    name = _check_name(name)
    display_name = _check_display_name(display_name)
    parsed_role = Role.parse(role)
    if find_user(session, name) is not None:
        raise InvalidInput(
            "user.exists", "user {name!r} already exists: choose another name", name=name
        )
    return NewAccount(name, parsed_role, display_name or name, _check_email(session, email, None))


def add_user(
    session: Session,
    actor: Actor,
    name: str,
    role: str,
    password: str,
    *,
    display_name: str = "",
    email: str = "",
) -> User:
    """A new account with a password that meets the policy (admins only)."""
    from workflow import passwords  # argon2 (and asyncio) only where a password is set

    account = check_new_account(session, actor, name, role, display_name=display_name, email=email)
    passwords.check_policy(account.name, password)
    values = {
        "name": account.name,
        "role": account.role.value,
        "display_name": account.display_name,
        "email": account.email,
        "password_hash": passwords.hash_password(password),
        "password_changed_at": utcnow(),
        "updated_by": actor.name,
    }
    # Insert-or-skip: another admin may add the same name between the check and here.
    inserted = insert_missing(session, User, [values], identity=["name"])
    if not inserted:
        raise InvalidInput(
            "user.exists", "user {name!r} already exists: choose another name", name=account.name
        )
    user = session.get(User, inserted[0])
    assert user is not None  # just inserted by this transaction
    record(
        session,
        actor,
        AuditAction.USER_ADD,
        object_type="user",
        object_id=user.name,
        detail=f"role {user.role}",
    )
    return user


def _stale(name: str, seen: int) -> Describer[User]:
    def describe(current: User | None) -> Conflict | NotFound:
        if current is None:
            return NotFound("user.not_found", "no user {name!r}", name=name)
        return Conflict(
            "user.changed_meanwhile",
            "user {name!r} was changed by {changed_by} (now version {current_version}, you "
            "saw version {expected_version}); nothing changed: reload the users and try again",
            name=name,
            changed_by=current.updated_by or "someone",
            current_version=current.version,
            expected_version=seen,
        )

    return describe


def _change(
    session: Session,
    actor: Actor,
    user: User,
    expected_version: int | None,
    values: dict[str, object],
) -> User:
    """One guarded write of an account's columns (at the version seen, else as read now)."""
    seen = user.version if expected_version is None else expected_version
    return update_if_current(session, user, seen, actor, values, stale=_stale(user.name, seen))


def _keep_a_signing_in_admin(session: Session, user: User, *, stays: bool) -> None:
    """Refuse a change that would leave no admin able to sign in to the app."""
    if stays or not (can_sign_in(user) and user.role == Role.ADMIN):
        return
    others = session.scalars(
        select(User).where(User.role == Role.ADMIN.value, User.id != user.id)
    ).all()
    if not any(can_sign_in(other) for other in others):
        raise InvalidInput(
            "user.last_admin",
            "{name!r} is the only admin who can sign in: make another user an admin first",
            name=user.name,
        )


def change_role(
    session: Session, actor: Actor, name: str, role: str, *, expected_version: int | None = None
) -> User:
    actor.require(Action.MANAGE_USERS)
    new_role = Role.parse(role)
    lock_accounts(session)
    user = get_user(session, name)
    _keep_a_signing_in_admin(session, user, stays=new_role is Role.ADMIN)
    detail = f"{user.role} → {new_role.value}"
    changed = _change(session, actor, user, expected_version, {"role": new_role.value})
    record(session, actor, AuditAction.USER_ROLE, object_type="user", object_id=name, detail=detail)
    return changed


def check_password_change(session: Session, actor: Actor, name: str) -> User:
    """The account whose password actor may set (checked before a password is typed)."""
    actor.require(Action.MANAGE_USERS)
    return get_user(session, name)


def set_password(
    session: Session,
    actor: Actor,
    name: str,
    password: str,
    *,
    expected_version: int | None = None,
) -> User:
    """Give an account a new password; sessions signed in with the old one end."""
    from workflow import passwords  # argon2 (and asyncio) only where a password is set

    user = check_password_change(session, actor, name)
    passwords.check_policy(user.name, password)
    values: dict[str, object] = {
        "password_hash": passwords.hash_password(password),
        "password_changed_at": utcnow(),
    }
    changed = _change(session, actor, user, expected_version, values)
    record(session, actor, AuditAction.USER_PASSWORD, object_type="user", object_id=user.name)
    return changed


def set_disabled(
    session: Session,
    actor: Actor,
    name: str,
    disabled: bool,
    *,
    expected_version: int | None = None,
) -> User:
    """Disable an account (it can neither sign in nor be acted as) or enable it again."""
    actor.require(Action.MANAGE_USERS)
    lock_accounts(session)
    user = get_user(session, name)
    if disabled and user.name == actor.name:
        raise InvalidInput(
            "user.cannot_disable_self", "you cannot disable your own account: ask another admin"
        )
    if disabled:
        _keep_a_signing_in_admin(session, user, stays=False)
    changed = _change(session, actor, user, expected_version, {"disabled": disabled})
    action = AuditAction.USER_DISABLE if disabled else AuditAction.USER_ENABLE
    record(session, actor, action, object_type="user", object_id=user.name)
    return changed


def update_profile(
    session: Session,
    actor: Actor,
    name: str,
    *,
    display_name: str | None = None,
    email: str | None = None,
    expected_version: int | None = None,
) -> User:
    """Change an account's display name and/or e-mail address (None: keep it)."""
    actor.require(Action.MANAGE_USERS)
    user = get_user(session, name)
    values: dict[str, object] = {}
    if display_name is not None:
        values["display_name"] = _check_display_name(display_name) or user.name
    if email is not None:
        values["email"] = _check_email(session, email, user.id)
    changed = _change(session, actor, user, expected_version, values)
    record(
        session,
        actor,
        AuditAction.USER_PROFILE,
        object_type="user",
        object_id=user.name,
        detail=", ".join(sorted(values)),
    )
    return changed
