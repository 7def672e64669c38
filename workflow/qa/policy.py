"""What a project's partner profile decides about QA: who may go on over errors, and
whether open QA errors block an export."""

from __future__ import annotations

from primitives.errors import PermissionDenied
from workflow.models import Project
from workflow.partners import partner_settings
from workflow.permissions import Role
from workflow.users import Actor

OVERRIDE_ROLES_SETTING = "qa_override_roles"
EXPORT_POLICY_SETTING = "qa_export_policy"
BLOCK = "block"
WARN = "warn"


def override_roles(project: Project) -> tuple[Role, ...]:
    """The roles that may confirm over QA errors and ignore them, in the profile's order."""
    return tuple(Role(name) for name in partner_settings(project)[OVERRIDE_ROLES_SETTING])


def may_override(actor: Actor, project: Project) -> bool:
    return actor.role in override_roles(project)


def require_override_role(actor: Actor, project: Project) -> None:
    """PermissionDenied unless the actor's role may go on over QA errors in this project."""
    if may_override(actor, project):
        return
    roles = override_roles(project)
    raise PermissionDenied(
        "qa.override_not_allowed",
        "{user} ({role}) may not go past QA errors in this project; the partner profile "
        "lets these roles do it: {roles}",
        user=actor.name,
        role=actor.role.value,
        roles=", ".join(role.value for role in roles) or "none",
    )


def export_policy(project: Project) -> str:
    """ "block" or "warn": what open QA errors do to an export of the project."""
    return str(partner_settings(project)[EXPORT_POLICY_SETTING])
