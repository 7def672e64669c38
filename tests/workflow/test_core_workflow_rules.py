"""The status machine and permission table, every transition for every role."""

from __future__ import annotations

import itertools

import pytest

from primitives.errors import InvalidInput, InvalidTransition, PermissionDenied
from primitives.statuses import Status
from workflow.permissions import (
    Action,
    Role,
    allowed,
    require,
    status_after_edit,
    transition_action,
)

T, R, E, A = Role.TRANSLATOR, Role.REVIEWER, Role.EDITOR, Role.ADMIN

# (from, to): roles that may do it. Every pair not listed is refused for everyone.
EXPECTED = {
    (Status.NEW, Status.TRANSLATED): {T, R, E, A},
    (Status.DRAFT, Status.TRANSLATED): {T, R, E, A},
    (Status.REJECTED, Status.TRANSLATED): {T, R, E, A},
    (Status.TRANSLATED, Status.REVIEWED): {R, E, A},
    (Status.TRANSLATED, Status.REJECTED): {R, E, A},
    (Status.REVIEWED, Status.REJECTED): {R, E, A},
    (Status.REVIEWED, Status.APPROVED): {E, A},
    (Status.APPROVED, Status.REVIEWED): {E, A},
}


@pytest.mark.parametrize(("current", "new", "role"), list(itertools.product(Status, Status, Role)))
def test_transition_table(current: Status, new: Status, role: Role) -> None:
    permitted = EXPECTED.get((current, new), set())
    if (current, new) not in EXPECTED:
        with pytest.raises(InvalidTransition):
            transition_action(current, new)
        return
    action = transition_action(current, new)
    assert allowed(role, action) == (role in permitted)
    if role in permitted:
        require(role, action, "someone")
    else:
        with pytest.raises(PermissionDenied, match="may not"):
            require(role, action, "someone")


def test_statuses_are_ordered_for_one_comparison() -> None:
    at_least_translated = [s for s in Status if s >= Status.TRANSLATED]
    assert at_least_translated == [Status.TRANSLATED, Status.REVIEWED, Status.APPROVED]
    assert Status.REJECTED < Status.TRANSLATED


@pytest.mark.parametrize(
    ("role", "action", "expected"),
    [
        (T, Action.MANAGE_USERS, False),
        (T, Action.MANAGE_PROJECT, False),
        (T, Action.EDIT, True),
        (R, Action.APPROVE, False),
        (E, Action.MANAGE_MODELS, False),
        (A, Action.MANAGE_MODELS, True),
        (A, Action.MANAGE_USERS, True),
    ],
)
def test_permission_table(role: Role, action: Action, expected: bool) -> None:
    assert allowed(role, action) is expected


def test_every_role_has_every_lower_roles_rights() -> None:
    order = [T, R, E, A]
    for lower, higher in itertools.pairwise(order):
        for action in Action:
            assert not (allowed(lower, action) and not allowed(higher, action)), (lower, action)


def test_edit_returns_to_draft_and_approved_is_locked() -> None:
    for status in (Status.NEW, Status.DRAFT, Status.REJECTED, Status.TRANSLATED, Status.REVIEWED):
        assert status_after_edit(status) is Status.DRAFT
    with pytest.raises(InvalidTransition, match="locked"):
        status_after_edit(Status.APPROVED)


def test_parse_refuses_unknown_names_with_the_choices() -> None:
    assert Status.parse("Reviewed") is Status.REVIEWED
    with pytest.raises(InvalidInput, match="translated"):
        Status.parse("done")
    with pytest.raises(InvalidInput, match="translator"):
        Role.parse("boss")
