"""Who reacts to which event: the one list of subscribers (see ``workflow.events``).

Subscribers of an event are called in the order listed, in the publisher's transaction.
Add a reaction here, as a function in its own domain module taking the event and
returning a report (or None); QA checks and the audit log will follow the TM.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from workflow.events import Event, SegmentStatusChanged, Subscriber
from workflow.tm.capture import on_segment_status_changed as tm_capture_and_propagation

SUBSCRIBERS: Mapping[type[Event], Sequence[Subscriber]] = {
    SegmentStatusChanged: (tm_capture_and_propagation,),
}
