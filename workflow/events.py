"""Domain events: something happened that other parts of songngu react to.

``publish(event)`` calls the subscribers of the event's type one after another, in the
caller's thread and session: what they write is part of the caller's transaction, so it
commits with the change or rolls back with it (a subscriber that raises refuses the
whole change). Each subscriber returns a report or None; ``publish`` returns the reports
in subscriber order, and the function that published hands them to its own caller in
its return value (``workflow.segments.SegmentChange``).

Subscribers are listed in one place, ``workflow/subscribers.py``. That module imports the
modules that react (TM capture, QA, later the audit log), and those import
``workflow.segments``, which publishes; so the list is read when an event is published,
never when this module is imported, and no import cycle arises.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from primitives.statuses import Status
from workflow.models import Project, Segment
from workflow.users import Actor


@dataclass(frozen=True)
class SegmentStatusChanged:
    """A person moved a segment through the workflow (``workflow.segments.set_status``).

    Published after the segment row and its revision are written, in the same
    transaction. ``segment`` is the segment at its new version; ``reason`` is the one the
    person gave (always given for a rejection). ``qa_override`` is the reason a person gave
    for moving the segment on over QA errors ("": no override asked for); QA decides
    whether their role may.
    """

    session: Session
    actor: Actor
    segment: Segment
    project: Project
    old_status: Status
    new_status: Status
    reason: str = ""
    qa_override: str = ""


@dataclass(frozen=True)
class SegmentTargetEdited:
    """A person changed a segment's target (``workflow.segments.edit_target``).

    Published after the segment row and its revisions are written, in the same
    transaction; ``segment`` is at its new version. Machine fills (MT, TM pre-fill,
    propagation) are not published: they are drafts nobody has read yet.
    """

    session: Session
    actor: Actor
    segment: Segment
    project: Project
    old_target: str


Event = SegmentStatusChanged | SegmentTargetEdited
Subscriber = Callable[[Any], object]  # called with an event; returns its report or None


def subscribers_of(event_type: type[Event]) -> Sequence[Subscriber]:
    """The subscribers listed for an event type, in the order they are called."""
    from workflow.subscribers import SUBSCRIBERS  # read late: see the module docstring

    return SUBSCRIBERS.get(event_type, ())


def publish(event: Event) -> tuple[object, ...]:
    """Call every subscriber of the event, in order; the reports they returned."""
    reports = (subscriber(event) for subscriber in subscribers_of(type(event)))
    return tuple(report for report in reports if report is not None)
