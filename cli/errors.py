"""How the CLI shows a domain error: one English line with a CLI hint, and an exit status.

Domain errors say what is wrong; the hint for a code says what to type here (a command,
an option). The exit status comes from the error's kind: 2 bad input or unknown name,
3 not allowed for the user's role, 4 a stale edit.
"""

from __future__ import annotations

from primitives.errors import SongnguError

EXIT_STATUS: dict[str, int] = {"denied": 3, "conflict": 4}
DEFAULT_EXIT_STATUS = 2

# code -> what to type to fix it, with the error's parameters; shown after the message.
HINTS: dict[str, str] = {
    "job.not_found": "see 'songngu jobs list'",
    "job.still_running": "stop it with 'songngu jobs cancel {job_id}'",
    "job.claimed_elsewhere": "follow it with 'songngu jobs show {job_id}'",
}


def exit_status(error: SongnguError) -> int:
    return EXIT_STATUS.get(error.kind, DEFAULT_EXIT_STATUS)


def one_line(error: SongnguError) -> str:
    """The error as the CLI prints it (without the 'songngu: error: ' prefix)."""
    message = str(error)
    hint = HINTS.get(error.code)
    if hint:
        try:
            message = f"{message}; {hint.format(**error.params)}"
        except (KeyError, IndexError, ValueError):
            pass
    return " ".join(message.split("\n"))
