"""Signing in to the app: the first admin, passwords, OIDC identities, live sessions.

Only stored accounts with a password sign in; the CLI's local operator never does. A face
keeps who signed in together with the account's credential stamp and asks
``session_actor`` on every request, so a disabled account, a changed role or a reset
password take effect at once. Refusals are ``PermissionDenied`` with codes; a wrong name
and a wrong password are one message, and cost the same time to refuse.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from primitives.errors import InvalidInput, NotFound, PermissionDenied
from primitives.excerpts import clipped
from workflow import passwords, settings
from workflow.audit import AuditAction, record
from workflow.models import AuditEvent, User, utcnow
from workflow.permissions import Role
from workflow.users import Actor, add_user, find_user, lock_accounts
from workflow.versioning import update_if_current

if TYPE_CHECKING:
    from workflow.storage import Database

# Longest idle timeout accepted: a week.
_MAX_IDLE_MINUTES = 7 * 24 * 60


@dataclass(frozen=True)
class SignedIn:
    """What a face remembers of a sign-in: who, and the credential they signed in with."""

    actor: Actor
    stamp: str


def credential_stamp(user: User) -> str:
    """Changes when the account's password is set again (or the account is recreated)."""
    moment = user.password_changed_at
    if moment is None:
        return f"{user.id}:"
    if moment.tzinfo is None:  # SQLite hands back naive datetimes; they were stored as UTC
        moment = moment.replace(tzinfo=UTC)
    return f"{user.id}:{moment.astimezone(UTC).isoformat()}"


def _signed_in(user: User) -> SignedIn:
    return SignedIn(Actor(user.name, Role(user.role)), credential_stamp(user))


def idle_timeout() -> timedelta:
    """SONGNGU_SESSION_IDLE_MINUTES as a duration."""
    raw = settings.get("SONGNGU_SESSION_IDLE_MINUTES")
    try:
        minutes = int(raw)
    except ValueError:
        minutes = 0
    if not 1 <= minutes <= _MAX_IDLE_MINUTES:
        raise InvalidInput(
            "settings.bad_session_idle_minutes",
            "SONGNGU_SESSION_IDLE_MINUTES={value!r} must be a whole number of minutes from 1 "
            "to {most}: set it so or unset it",
            value=raw,
            most=_MAX_IDLE_MINUTES,
        )
    return timedelta(minutes=minutes)


def needs_first_admin(session: Session) -> bool:
    """True while no account has a password: the app then offers to create the first admin.

    A disabled account with a password counts: the app is set up, and only someone with
    the database's access (the CLI) may enable an account again.
    """
    with_password = select(func.count()).select_from(User).where(User.password_hash.is_not(None))
    return session.scalar(with_password) == 0


def create_first_admin(
    session: Session, name: str, password: str, *, display_name: str = ""
) -> SignedIn:
    """The app's first-run: an admin account with a password, signed in at once.

    Refused once any account has a password. An admin account from before sign-in
    existed (such as the password-less "admin" older databases were seeded with) is
    claimed by giving it the password, so its history stays one person's.
    """
    lock_accounts(session)
    if not needs_first_admin(session):
        raise _first_admin_exists()
    # The first admin is the first person to act; they act for themselves.
    founder = Actor(name.strip(), Role.ADMIN)
    existing = find_user(session, name)
    if existing is None or existing.role != Role.ADMIN.value:
        user = add_user(
            session, founder, name, Role.ADMIN.value, password, display_name=display_name
        )
        record(
            session,
            founder,
            AuditAction.SIGN_IN,
            object_type="user",
            object_id=user.name,
            detail="first admin",
        )
        return _signed_in(user)
    passwords.check_policy(existing.name, password)
    values: dict[str, object] = {
        "password_hash": passwords.hash_password(password),
        "password_changed_at": utcnow(),
        "disabled": False,
    }
    if display_name.strip():
        values["display_name"] = display_name.strip()
    # Under the accounts lock nobody can change the row meanwhile; the guard says so.
    update_if_current(
        session, existing, existing.version, founder, values, stale=lambda _: _first_admin_exists()
    )
    record(
        session,
        founder,
        AuditAction.SIGN_IN,
        object_type="user",
        object_id=existing.name,
        detail="first admin (existing account given a password)",
    )
    return _signed_in(existing)


def _first_admin_exists() -> PermissionDenied:
    return PermissionDenied(
        "auth.first_admin_exists", "there is an administrator already: sign in instead"
    )


def _bad_credentials() -> PermissionDenied:
    return PermissionDenied("auth.bad_credentials", "wrong user name or password")


def _disabled(user: User) -> PermissionDenied:
    return PermissionDenied(
        "auth.account_disabled",
        "the account {name!r} is disabled: ask an administrator to enable it",
        name=user.name,
    )


def authenticate(session: Session, name: str, password: str) -> SignedIn:
    """Check a name and password; rehash a correct password made with older parameters.

    A disabled account is named only to someone who knows its password.
    """
    user = find_user(session, name) if name.strip() else None
    if user is None or user.password_hash is None:
        passwords.burn_verification(password)
        raise _bad_credentials()
    if not passwords.verify(user.password_hash, password):
        raise _bad_credentials()
    if user.disabled:
        raise _disabled(user)
    if passwords.needs_rehash(user.password_hash):
        # Guarded on the hash verified, not the row version: a rehash is no change an
        # admin's open form should be refused for, and loses to any real change.
        session.execute(
            update(User)
            .where(User.id == user.id, User.password_hash == user.password_hash)
            .values(password_hash=passwords.hash_password(password))
            .execution_options(synchronize_session=False)
        )
    return _signed_in(user)


def oidc_sign_in(session: Session, email: str | None, username: str | None) -> SignedIn:
    """The account an identity provider's user maps to: by e-mail (the account's e-mail,
    else an account named by it), else an account named as the provider's user name.

    An identity with no account gets no account: it is refused.
    """
    email = (email or "").strip().lower()
    username = (username or "").strip()
    user = None
    if email:
        user = session.scalar(select(User).where(func.lower(User.email) == email))
        user = user or find_user(session, email)
    if user is None and username:
        user = find_user(session, username)
    if user is None:
        raise NotFound(
            "auth.no_account_for_identity",
            "no account for {identity}: ask an administrator to add one with this e-mail address",
            identity=email or username or "this identity",
        )
    if user.disabled:
        raise _disabled(user)
    return _signed_in(user)


def _whole_setting(env: str, least: int, most: int) -> int:
    raw = settings.get(env)
    try:
        value = int(raw)
    except ValueError:
        value = least - 1
    if not least <= value <= most:
        raise InvalidInput(
            "settings.bad_whole_number",
            "{env}={value!r} must be a whole number from {least} to {most}: set it so or unset it",
            env=env,
            value=raw,
            least=least,
            most=most,
        )
    return value


def sign_in_limits() -> tuple[int, timedelta]:
    """SONGNGU_SIGNIN_MAX_FAILURES and SONGNGU_SIGNIN_LOCKOUT_SECONDS."""
    failures = _whole_setting("SONGNGU_SIGNIN_MAX_FAILURES", 1, 1000)
    seconds = _whole_setting("SONGNGU_SIGNIN_LOCKOUT_SECONDS", 1, 7 * 24 * 3600)
    return failures, timedelta(seconds=seconds)


# What a wrong password records (``_record_refusal``): only these count towards a lockout,
# not the refusals of a locked account, so a lockout ends LOCKOUT seconds after it began
# however often someone goes on trying.
_WRONG_PASSWORD = "password: auth.bad_credentials"


def check_not_locked_out(session: Session, name: str) -> None:
    """Refuse a password sign-in to an account name that had SONGNGU_SIGNIN_MAX_FAILURES
    wrong passwords within the last SONGNGU_SIGNIN_LOCKOUT_SECONDS (the failures are the
    audit log's records, so every app process and the CLI share the count)."""
    most, window = sign_in_limits()
    since = utcnow() - window
    failures = list(
        session.scalars(
            select(AuditEvent.at)
            .where(
                AuditEvent.action == AuditAction.SIGN_IN_FAILED,
                AuditEvent.object_id == clipped(name.strip(), 64),  # as record() stores it
                AuditEvent.detail == _WRONG_PASSWORD,
                AuditEvent.at >= since,
            )
            .order_by(AuditEvent.at.desc())
            .limit(most)
        )
    )
    if len(failures) < most:
        return
    oldest = failures[-1]
    if oldest.tzinfo is None:  # SQLite returns naive datetimes
        oldest = oldest.replace(tzinfo=UTC)
    wait = max(1, int((oldest + window - utcnow()).total_seconds()) + 1)
    raise PermissionDenied(
        "auth.locked_out",
        "too many wrong passwords for {name!r}: try again in {seconds} seconds",
        name=name.strip(),
        seconds=wait,
    )


def sign_in_with_password(database: Database, name: str, password: str) -> SignedIn:
    """``authenticate`` in its own write transaction, recorded in the audit log: a
    sign-in with it, a refusal in a transaction of its own (the refusal rolls the first
    one back), under the name that was typed. An account with too many recent wrong
    passwords is refused before its password is checked (``check_not_locked_out``)."""
    try:
        # A write: a correct password hashed with older parameters is hashed again.
        with database.write() as session:
            check_not_locked_out(session, name)
            signed_in = authenticate(session, name, password)
            record(
                session,
                signed_in.actor,
                AuditAction.SIGN_IN,
                object_type="user",
                object_id=signed_in.actor.name,
                detail="password",
            )
    except PermissionDenied as refusal:
        _record_refusal(database, name, refusal, "password")
        raise
    return signed_in


def sign_in_with_identity(database: Database, email: str | None, username: str | None) -> SignedIn:
    """``oidc_sign_in``, recorded in the audit log like ``sign_in_with_password``."""
    try:
        with database.write() as session:
            signed_in = oidc_sign_in(session, email, username)
            record(
                session,
                signed_in.actor,
                AuditAction.SIGN_IN,
                object_type="user",
                object_id=signed_in.actor.name,
                detail="identity provider",
            )
    except (PermissionDenied, NotFound) as refusal:
        _record_refusal(database, (email or username or "").strip(), refusal, "identity provider")
        raise
    return signed_in


def _record_refusal(database: Database, name: str, refusal: Exception, how: str) -> None:
    code = getattr(refusal, "code", "") or type(refusal).__name__
    with database.write() as session:
        record(
            session,
            name.strip() or "(no name)",
            AuditAction.SIGN_IN_FAILED,
            object_type="user",
            object_id=name.strip(),
            detail=f"{how}: {code}",
        )


def session_actor(session: Session, signed_in: SignedIn) -> Actor:
    """The signed-in person as the account is now (its role may have changed), or
    ``auth.session_ended`` when the account was disabled or its password set again."""
    user = find_user(session, signed_in.actor.name)
    if user is None or user.disabled or credential_stamp(user) != signed_in.stamp:
        raise PermissionDenied(
            "auth.session_ended",
            "your session has ended (the account was disabled or its password changed): "
            "sign in again",
        )
    return Actor(user.name, Role(user.role))


def expired(last_active: datetime, now: datetime | None = None) -> bool:
    """Whether a session idle since last_active is past the idle timeout."""
    return (now or datetime.now(UTC)) - last_active > idle_timeout()
