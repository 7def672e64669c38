"""A project's TM options, stored in ``project.settings``."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from workflow.models import Project
from workflow.permissions import Action
from workflow.users import Actor

SHARE_SETTING = "tm_share"
PROPAGATE_SETTING = "propagate"


@dataclass(frozen=True)
class TMSettings:
    """A project's TM options (stored in project.settings)."""

    share: bool = False  # also write reviewed units to the office's shared TM
    propagate: bool = True  # fill identical untranslated segments on confirmation


def tm_settings(project: Project) -> TMSettings:
    stored = project.settings or {}
    return TMSettings(
        share=bool(stored.get(SHARE_SETTING, False)),
        propagate=bool(stored.get(PROPAGATE_SETTING, True)),
    )


def set_tm_settings(
    session: Session,
    actor: Actor,
    project: Project,
    *,
    share: bool | None = None,
    propagate: bool | None = None,
) -> TMSettings:
    """Change a project's TM options (None leaves an option as it is)."""
    actor.require(Action.MANAGE_PROJECT)
    changes: dict[str, bool] = {}
    if share is not None:
        changes[SHARE_SETTING] = share
    if propagate is not None:
        changes[PROPAGATE_SETTING] = propagate
    # A new dict, so SQLAlchemy sees the JSON column change.
    project.settings = {**(project.settings or {}), **changes}
    session.flush()
    return tm_settings(project)
