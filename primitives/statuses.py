"""Segment statuses, ordered so that "at least translated" is one comparison."""

from __future__ import annotations

from enum import IntEnum

from primitives.errors import InvalidInput


class Status(IntEnum):
    """Workflow state of a segment's target.

    The numbers leave gaps so later states can slot in without renumbering stored rows.
    REJECTED sits below TRANSLATED: a rejected target needs a translator again.
    """

    NEW = 0  # no target yet
    DRAFT = 10  # pre-filled (MT, TM, propagation) or edited, not confirmed
    REJECTED = 15  # a reviewer sent it back with a reason
    TRANSLATED = 20  # a translator confirmed it
    REVIEWED = 30  # a reviewer accepted it
    APPROVED = 40  # an editor signed it off; locked until reopened

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str | int | Status) -> Status:
        if isinstance(value, Status):
            return value
        if isinstance(value, int):
            try:
                return cls(value)
            except ValueError:
                pass
        else:
            try:
                return cls[value.strip().upper()]
            except KeyError:
                pass
        names = ", ".join(s.label for s in cls)
        raise InvalidInput(
            "status.unknown",
            "unknown status {value!r}: use one of {names}",
            value=value,
            names=names,
        )


class Origin(IntEnum):
    """Where the current target text came from."""

    NONE = 0
    MT = 1
    TM = 2
    PROPAGATED = 3
    HUMAN = 4

    @property
    def label(self) -> str:
        return self.name.lower()
