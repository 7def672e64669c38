"""Errors a user can cause, as data: a code, parameters and an English template.

Every error a user can cause (bad input, unknown names, refused actions, stale edits) is a
:class:`SongnguError`. It says *what* is wrong in a face-neutral way, never *how to type
the fix*: no command names, no ``--options``, no exit status. Each face renders it:

- the CLI (``cli/errors.py``) prints the English message as one line, adds its own hint
  for the code (``'songngu segments P'``, ``--reason``) and picks the exit status from the
  error's kind;
- the app (``ui/strings.ERROR_STRINGS[code]``) shows it in the user's language with the
  same parameters, the workflow names among them (:data:`LABEL_PARAMETERS`) in its words.

``str(error)`` is the English message (logs, job records, tests). Tests read every raise
site from the source: each code raised outside the CLI has app strings in both languages
with its template's fields, and no such template names a CLI option or command.

    raise InvalidInput("segment.reject_reason_missing", "a rejection needs a reason")
    raise NotFound("segment.not_found", "no segment {segment_id}", segment_id=12)
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping, Sequence
from typing import Any

_FORMATTER = string.Formatter()
# Between the inner errors of one that lists several (``details``), in every language.
DETAILS_SEPARATOR = "; "

# Parameters that hold a workflow name rather than free text, by the kind of name: a face
# may show the value in its own words (the app: a Vietnamese role, action, status or
# glossary scope). An action is its words ("manage project"); ``statuses`` and ``roles`` are
# labels joined by ", "; a scope is "global", "partner" or "project".
LABEL_PARAMETERS = {
    "role": "role",
    "roles": "role",
    "action": "action",
    "from_status": "status",
    "to_status": "status",
    "statuses": "status",
    "scope": "glossary_scope",
}


def template_fields(template: str) -> set[str]:
    """Names a template formats ({name}, {name!r}, {name:,})."""
    return {
        name.split(".")[0].split("[")[0] for _, name, _, _ in _FORMATTER.parse(template) if name
    }


class SongnguError(Exception):
    """An error caused by the user's input or action.

    ``code`` identifies the message for translation ("area.what"); ``template`` is the
    English text with ``{param}`` fields; ``params`` fill them (plain values only: str,
    int, float, None). ``detail`` is an inner error this one puts context around: its
    message fills the template's ``{detail}`` (each face renders the inner one itself).
    ``details`` are several inner errors one refusal lists (the bad lines of a file): their
    messages, joined by :data:`DETAILS_SEPARATOR`, fill ``{details}``.
    """

    kind = "invalid"

    def __init__(
        self,
        code: str,
        template: str | None = None,
        /,
        *,
        detail: SongnguError | None = None,
        details: Sequence[SongnguError] = (),
        **params: Any,
    ) -> None:
        if template is None:  # one argument: a literal English message, nothing to fill
            code, template = "", code.replace("{", "{{").replace("}", "}}")
        self.code = code
        self.template = template
        self.params = params
        self.detail = detail
        self.details = tuple(details)
        values = {
            **params,
            "detail": str(detail) if detail is not None else "",
            "details": DETAILS_SEPARATOR.join(str(inner) for inner in self.details),
        }
        missing = template_fields(template) - set(values)
        if missing:  # a programming error, caught by the tests of each raise site
            raise TypeError(f"error {code!r} needs parameters {sorted(missing)}")
        super().__init__(template.format(**values))

    def render(
        self,
        templates: Callable[[SongnguError], str | None],
        labels: Callable[[str, Any], Any] | None = None,
    ) -> str:
        """The message with templates of a face: templates(error) gives the template for
        an error's code in the face's language (None: the English one); labels(name, value)
        gives a parameter's value as the face shows it (see LABEL_PARAMETERS)."""
        values = (
            dict(self.params)
            if labels is None
            else {name: labels(name, value) for name, value in self.params.items()}
        )
        if self.detail is not None:
            values["detail"] = self.detail.render(templates, labels)
        if self.details:
            values["details"] = DETAILS_SEPARATOR.join(
                inner.render(templates, labels) for inner in self.details
            )
        template = templates(self) or self.template
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):  # a face's template with a wrong field
            return str(self)

    def to_record(self) -> dict[str, Any]:
        """The error as JSON data (a failed job keeps it); :func:`error_from_record` reads
        it back, so a face renders a stored error as it renders a raised one."""
        record: dict[str, Any] = {
            "kind": self.kind,
            "code": self.code,
            "template": self.template,
            "params": {name: _plain(value) for name, value in self.params.items()},
        }
        if self.detail is not None:
            record["detail"] = self.detail.to_record()
        if self.details:
            record["details"] = [inner.to_record() for inner in self.details]
        return record


class NotFound(SongnguError):
    """A named project, document, segment, user or file does not exist."""

    kind = "not_found"


class InvalidInput(SongnguError):
    """Input that cannot be used as given (bad file, bad value)."""

    kind = "invalid"


class PermissionDenied(SongnguError):
    """The acting user's role does not allow the action."""

    kind = "denied"


class InvalidTransition(SongnguError):
    """A status change the workflow does not allow from the current status."""

    kind = "transition"


class Conflict(SongnguError):
    """A write based on a version that is no longer current (a stale edit).

    Besides its message it carries both texts, so a face can show them side by side;
    ``segment_id``, ``expected_version`` and ``current_version`` are parameters like any.
    """

    kind = "conflict"

    def __init__(
        self,
        code: str,
        template: str | None = None,
        /,
        *,
        current_target: str | None = None,
        attempted_target: str | None = None,
        detail: SongnguError | None = None,
        details: Sequence[SongnguError] = (),
        **params: Any,
    ) -> None:
        super().__init__(code, template, detail=detail, details=details, **params)
        self.current_target = current_target
        self.attempted_target = attempted_target

    def to_record(self) -> dict[str, Any]:
        return {
            **super().to_record(),
            "current_target": self.current_target,
            "attempted_target": self.attempted_target,
        }

    @property
    def segment_id(self) -> int | None:
        return self.params.get("segment_id")

    @property
    def expected_version(self) -> int | None:
        return self.params.get("expected_version")

    @property
    def current_version(self) -> int | None:
        return self.params.get("current_version")


def _plain(value: Any) -> Any:
    """A parameter as JSON holds it: plain values as they are, anything else as its text."""
    if value is None or isinstance(value, str | int | float):
        return value
    return str(value)


_CLASS_OF_KIND: dict[str, type[SongnguError]] = {
    cls.kind: cls for cls in (InvalidInput, NotFound, PermissionDenied, InvalidTransition, Conflict)
}


def error_from_record(record: Mapping[str, Any]) -> SongnguError:
    """The error :meth:`SongnguError.to_record` stored, of the class of its kind."""
    cls = _CLASS_OF_KIND.get(record.get("kind", ""), InvalidInput)
    extra: dict[str, Any] = {}
    if cls is Conflict:
        extra = {
            "current_target": record.get("current_target"),
            "attempted_target": record.get("attempted_target"),
        }
    detail = record.get("detail")
    return cls(
        record["code"],
        record["template"],
        detail=error_from_record(detail) if detail else None,
        details=[error_from_record(inner) for inner in record.get("details", ())],
        **extra,
        **record.get("params", {}),
    )
