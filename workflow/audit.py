"""The audit log: who did what, when, from which face, to which object.

Workflow writes an ``AuditEvent`` in the same session (so the same transaction) as the
action it records: a refused or rolled-back action leaves no record, and a recorded
action cannot be lost while its record is. Approvals and reopenings are recorded by the
status-changed subscriber below; the other actions call ``record`` where they are done.
Failed sign-ins are the one record written on its own (the refusal rolls its
transaction back): ``workflow.auth.sign_in_with_password`` writes it.

The face (app, CLI or a background worker) is not a parameter of every domain function:
each face says once which it is (``acting_from``), and the record reads it. Only admins
read the log (``Action.VIEW_AUDIT``).
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from primitives.errors import InvalidInput
from primitives.excerpts import clipped, one_line
from primitives.statuses import Status
from workflow.models import AuditEvent, iso_utc, utcnow
from workflow.permissions import Action

if TYPE_CHECKING:  # workflow.users records its changes here: no import back at run time
    from workflow.events import SegmentStatusChanged
    from workflow.users import Actor

DETAIL_LIMIT = 500  # the column's size
DEFAULT_LIMIT = 1000


class Face(StrEnum):
    APP = "app"
    CLI = "cli"
    WORKER = "worker"


class AuditAction(StrEnum):
    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    EXPORT = "export"
    APPROVE = "approve"
    REOPEN = "reopen"
    REVIEW_IMPORT = "review_import"
    MODEL_INSTALL = "model_install"
    MODEL_REMOVE = "model_remove"
    USER_ADD = "user_add"
    USER_ROLE = "user_role"
    USER_PASSWORD = "user_password"
    USER_DISABLE = "user_disable"
    USER_ENABLE = "user_enable"
    USER_PROFILE = "user_profile"
    GLOSSARY_ADD = "glossary_add"
    GLOSSARY_EDIT = "glossary_edit"
    GLOSSARY_DELETE = "glossary_delete"
    GLOSSARY_IMPORT = "glossary_import"
    BACKUP = "backup"
    RESTORE = "restore"
    MIGRATE_DB = "migrate_db"

    @classmethod
    def parse(cls, value: str) -> AuditAction:
        try:
            return cls(value.strip().lower().replace("-", "_"))
        except ValueError:
            raise InvalidInput(
                "audit.unknown_action",
                "unknown audit action {value!r}: use one of {names}",
                value=value,
                names=", ".join(action.value for action in cls),
            ) from None


# Code that runs workflow outside the app and the job runner is a shell's: the CLI,
# scripts, benchmarks. The app and the runner say so for the run or the job they do.
_face: contextvars.ContextVar[Face] = contextvars.ContextVar("songngu_face", default=Face.CLI)


def current_face() -> Face:
    return _face.get()


def act_from(face: Face) -> None:
    """This thread's work is done from face from now on (a Streamlit script run's thread
    ends with the run)."""
    _face.set(face)


@contextmanager
def acting_from(face: Face) -> Iterator[None]:
    """Work inside the block is done from face (a job the runner does, a CLI command)."""
    token = _face.set(face)
    try:
        yield
    finally:
        _face.reset(token)


def record(
    session: Session,
    who: Actor | str,
    action: AuditAction,
    *,
    project_id: int | None = None,
    object_type: str = "",
    object_id: str | int = "",
    detail: str = "",
) -> AuditEvent:
    """Add one record to the caller's transaction."""
    name = who if isinstance(who, str) else who.name
    event = AuditEvent(
        at=utcnow(),
        actor=clipped(one_line(name, 100), 100),
        face=current_face().value,
        action=action.value,
        project_id=project_id,
        object_type=clipped(object_type, 32),
        object_id=clipped(str(object_id), 64),
        detail=one_line(detail, DETAIL_LIMIT),
    )
    session.add(event)
    return event


def on_segment_status_changed(event: SegmentStatusChanged) -> None:
    """Approvals and reopenings are recorded; the other steps are in the revisions."""
    if event.new_status is Status.APPROVED:
        action = AuditAction.APPROVE
    elif event.old_status is Status.APPROVED:
        action = AuditAction.REOPEN
    else:
        return None
    record(
        event.session,
        event.actor,
        action,
        project_id=event.project.id,
        object_type="segment",
        object_id=event.segment.id,
        detail=event.reason,
    )
    return None


# ---------------------------------------------------------------------------------------
# Reading the log


@dataclass(frozen=True)
class AuditFilter:
    """Which records to show; None or "" leaves that side open. ``until`` is exclusive."""

    user: str = ""
    action: AuditAction | None = None
    since: datetime | None = None
    until: datetime | None = None
    project_id: int | None = None
    limit: int = DEFAULT_LIMIT


def parse_moment(value: str, *, end_of_day: bool = False) -> datetime:
    """A date (2026-12-01) or a moment (2026-12-01T09:30, UTC unless it says) as UTC.

    With end_of_day a bare date means the start of the next day, so that a range "until
    2026-12-01" includes that day.
    """
    text = value.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            moment = datetime.combine(day, time(), tzinfo=UTC)
            return moment + timedelta(days=1) if end_of_day else moment
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInput(
            "audit.bad_moment",
            "{value!r} is not a date or a moment: write e.g. 2026-12-01 or 2026-12-01T09:30",
            value=value,
        ) from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def list_events(session: Session, actor: Actor, wanted: AuditFilter) -> list[AuditEvent]:
    """Records matching the filter, newest first (admins only)."""
    actor.require(Action.VIEW_AUDIT)
    if not 1 <= wanted.limit <= 100_000:
        raise InvalidInput(
            "audit.bad_limit", "show from 1 to 100000 records, not {limit}", limit=wanted.limit
        )
    query = select(AuditEvent)
    if wanted.user.strip():
        query = query.where(AuditEvent.actor == wanted.user.strip())
    if wanted.action is not None:
        query = query.where(AuditEvent.action == wanted.action.value)
    if wanted.since is not None:
        query = query.where(AuditEvent.at >= wanted.since)
    if wanted.until is not None:
        query = query.where(AuditEvent.at < wanted.until)
    if wanted.project_id is not None:
        query = query.where(AuditEvent.project_id == wanted.project_id)
    query = query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(wanted.limit)
    return list(session.scalars(query))


def event_row(event: AuditEvent) -> dict[str, object]:
    """A record as plain data, for JSON and tables."""
    return {
        "id": event.id,
        "at": iso_utc(event.at),
        "user": event.actor,
        "face": event.face,
        "action": event.action,
        "project_id": event.project_id,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "detail": event.detail,
    }
