"""Whether a process of this machine still exists: who may clean up after a killed one.

Used to resume at once a job whose runner was killed (workflow.jobs) and to delete the
temporary file a killed export left (workflow.exports). A process id names a process only
on its own machine, so a name from another host is never taken to be gone.
"""

from __future__ import annotations

import os
import socket

HOST_NAME_CHARS = 120  # how much of the host name a process's mark keeps


def this_host() -> str:
    """This machine's name, as a process's mark records it."""
    return socket.gethostname()[:HOST_NAME_CHARS]


def process_is_gone(host: str, pid: int) -> bool:
    """True if pid names no process, and host is this machine.

    A process id used again by a new process reads as alive: the caller then waits (or
    leaves the file) as if the old process still ran, which is safe.
    """
    if host != this_host():
        return False
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError, ValueError):  # another user's, or not a pid
        return False
    return False
