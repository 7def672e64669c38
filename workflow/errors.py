"""User-facing errors.

Every error a user can cause (bad input, unknown names, refused actions, stale edits)
is a :class:`SongnguError`. The CLI prints its message as one line and exits non-zero;
the app shows it as a message. Anything else is a bug and may show a traceback.
"""

from __future__ import annotations


class SongnguError(Exception):
    """An error caused by the user's input or action; the message says what to do."""

    exit_code = 2


class NotFound(SongnguError):
    """A named project, document, segment, user or file does not exist."""


class InvalidInput(SongnguError):
    """Input that cannot be used as given (bad file, bad value)."""


class PermissionDenied(SongnguError):
    """The acting user's role does not allow the action."""

    exit_code = 3


class InvalidTransition(SongnguError):
    """A status change the workflow does not allow from the current status."""


class Conflict(SongnguError):
    """A write based on a version that is no longer current (a stale edit)."""

    exit_code = 4

    def __init__(
        self,
        message: str,
        *,
        segment_id: int | None = None,
        expected_version: int | None = None,
        current_version: int | None = None,
        current_target: str | None = None,
        attempted_target: str | None = None,
    ) -> None:
        super().__init__(message)
        self.segment_id = segment_id
        self.expected_version = expected_version
        self.current_version = current_version
        self.current_target = current_target
        self.attempted_target = attempted_target
