"""Roles, actions and the workflow's transition table, enforced here (not only in the UI)."""

from __future__ import annotations

from enum import StrEnum

from primitives.errors import InvalidInput, InvalidTransition, PermissionDenied
from primitives.statuses import Status


class Role(StrEnum):
    TRANSLATOR = "translator"
    REVIEWER = "reviewer"
    EDITOR = "editor"
    ADMIN = "admin"

    @classmethod
    def parse(cls, value: str) -> Role:
        try:
            return cls(value.strip().lower())
        except ValueError:
            names = ", ".join(r.value for r in cls)
            raise InvalidInput(
                "role.unknown",
                "unknown role {value!r}: use one of {names}",
                value=value,
                names=names,
            ) from None


class Action(StrEnum):
    EDIT = "edit"  # change a segment's target
    CONFIRM = "confirm"  # mark translated
    REVIEW = "review"  # accept as reviewed
    REJECT = "reject"  # send back to the translator
    APPROVE = "approve"  # final sign-off
    REOPEN = "reopen"  # unlock an approved segment
    COMMENT = "comment"
    IMPORT = "import"
    TRANSLATE = "translate"  # run machine translation
    EXPORT = "export"
    MANAGE_PROJECT = "manage_project"
    MANAGE_GLOSSARY = "manage_glossary"
    MANAGE_USERS = "manage_users"
    MANAGE_MODELS = "manage_models"
    VIEW_AUDIT = "view_audit"  # read the audit log
    MANAGE_DATABASE = "manage_database"  # back up, restore, move to PostgreSQL


_TRANSLATOR = {
    Action.EDIT,
    Action.CONFIRM,
    Action.COMMENT,
    Action.IMPORT,
    Action.TRANSLATE,
    Action.EXPORT,
}
_REVIEWER = _TRANSLATOR | {Action.REVIEW, Action.REJECT, Action.MANAGE_GLOSSARY}
_EDITOR = _REVIEWER | {Action.APPROVE, Action.REOPEN, Action.MANAGE_PROJECT}
_ADMIN = _EDITOR | {
    Action.MANAGE_USERS,
    Action.MANAGE_MODELS,
    Action.VIEW_AUDIT,
    Action.MANAGE_DATABASE,
}

PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.TRANSLATOR: frozenset(_TRANSLATOR),
    Role.REVIEWER: frozenset(_REVIEWER),
    Role.EDITOR: frozenset(_EDITOR),
    Role.ADMIN: frozenset(_ADMIN),
}

# (from, to) -> the action that performs it. Anything not listed is refused.
_WORKING = (Status.NEW, Status.DRAFT, Status.REJECTED, Status.TRANSLATED)
TRANSITIONS: dict[tuple[Status, Status], Action] = {
    **{(s, Status.TRANSLATED): Action.CONFIRM for s in _WORKING if s != Status.TRANSLATED},
    (Status.TRANSLATED, Status.REVIEWED): Action.REVIEW,
    (Status.TRANSLATED, Status.REJECTED): Action.REJECT,
    (Status.REVIEWED, Status.REJECTED): Action.REJECT,
    (Status.REVIEWED, Status.APPROVED): Action.APPROVE,
    (Status.APPROVED, Status.REVIEWED): Action.REOPEN,
}


def allowed(role: Role, action: Action) -> bool:
    return action in PERMISSIONS[role]


def allowed_moves(role: Role, current: Status) -> list[tuple[Action, Status]]:
    """(action, status it leads to) for each move from current this role may make, in
    the order of the transition table (what a face offers; ``require`` still checks)."""
    return [
        (action, new)
        for (old, new), action in TRANSITIONS.items()
        if old == current and allowed(role, action)
    ]


def require(role: Role, action: Action, user_name: str) -> None:
    """Raise PermissionDenied unless the role may perform the action.

    ``role`` and ``action`` are parameters the app shows in its language (ui/strings.py).
    """
    if not allowed(role, action):
        raise PermissionDenied(
            "permission.denied",
            "{user} ({role}) may not {action}: ask a user with a role that can",
            user=user_name,
            role=role.value,
            action=action.value.replace("_", " "),
        )


def transition_action(current: Status, new: Status) -> Action:
    """The action that moves a segment from current to new, or InvalidTransition."""
    action = TRANSITIONS.get((current, new))
    if action is None:
        targets = sorted({to.label for (frm, to) in TRANSITIONS if frm == current})
        if not targets:
            raise InvalidTransition(
                "status.no_transition_from",
                "cannot change status from {from_status} to {to_status}",
                from_status=current.label,
                to_status=new.label,
            )
        raise InvalidTransition(
            "status.transition_not_allowed",
            "cannot change status from {from_status} to {to_status}; "
            "from {from_status} it can go to: {statuses}",
            from_status=current.label,
            to_status=new.label,
            statuses=", ".join(targets),
        )
    return action


def status_after_edit(current: Status) -> Status:
    """Status a segment takes when its target text is changed.

    An edit is work in progress until confirmed; an edit of a confirmed or reviewed target
    needs confirming (and reviewing) again, so nothing unreviewed is published.
    """
    if current >= Status.APPROVED:
        raise InvalidTransition(
            "status.approved_locked", "approved segments are locked: an editor must reopen it first"
        )
    return Status.DRAFT
