"""Who reacts to which event: the one list of subscribers (see ``workflow.events``).

Subscribers of an event are called in the order listed, in the publisher's transaction.
Add a reaction here, as a function in its own domain module taking the event and
returning a report (or None). The audit log comes last: it records what happened. QA comes first on
a status change: when its errors refuse the change, nothing else has been done for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from workflow.audit import on_segment_status_changed as audit_approvals
from workflow.events import Event, SegmentStatusChanged, SegmentTargetEdited, Subscriber
from workflow.qa.confirm import on_segment_status_changed as qa_on_status_change
from workflow.qa.confirm import on_segment_target_edited as qa_on_edit
from workflow.tm.capture import on_segment_status_changed as tm_capture_and_propagation

SUBSCRIBERS: Mapping[type[Event], Sequence[Subscriber]] = {
    SegmentStatusChanged: (
        qa_on_status_change,
        tm_capture_and_propagation,
        audit_approvals,
    ),
    SegmentTargetEdited: (qa_on_edit,),
}
