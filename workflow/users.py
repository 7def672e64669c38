"""People who act in songngu and their roles."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from primitives.errors import InvalidInput, NotFound
from workflow import settings
from workflow.models import User
from workflow.permissions import Action, Role, require


@dataclass(frozen=True)
class Actor:
    """The person an operation is done for, with the role that decides what is allowed."""

    name: str
    role: Role

    def require(self, action: Action) -> None:
        require(self.role, action, self.name)


LOCAL_ADMIN = "admin"


def ensure_local_admin(session: Session) -> None:
    """Every database has a local admin, so a single user needs no set-up."""
    if session.scalar(select(User).where(User.name == LOCAL_ADMIN)) is None:
        session.add(User(name=LOCAL_ADMIN, display_name="Local administrator", role=Role.ADMIN))
        session.flush()


def resolve_actor(session: Session, name: str | None = None) -> Actor:
    """Look up the acting user (SONGNGU_USER, default the local admin)."""
    name = (name or settings.get("SONGNGU_USER")).strip()
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        raise NotFound("user.not_found", "no user {name!r}", name=name)
    return Actor(user.name, Role(user.role))


def add_user(session: Session, actor: Actor, name: str, role: str, display_name: str = "") -> User:
    actor.require(Action.MANAGE_USERS)
    name = name.strip()
    if not name or len(name) > 100 or any(c.isspace() for c in name):
        raise InvalidInput(
            "user.bad_name",
            "user name {name!r} must be 1-100 characters without spaces",
            name=name,
        )
    if len(display_name) > 200:  # the column's size
        raise InvalidInput(
            "user.display_name_too_long", "a display name must be at most 200 characters"
        )
    if session.scalar(select(User).where(User.name == name)) is not None:
        raise InvalidInput(
            "user.exists", "user {name!r} already exists: choose another name", name=name
        )
    user = User(name=name, role=Role.parse(role).value, display_name=display_name or name)
    session.add(user)
    session.flush()
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.name)))
