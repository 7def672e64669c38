"""Every kind of job and the function that runs it, imported by name when a job runs.

Listed here, not registered by a decorator in the handler's module: a runner that never
imported that module (a CLI command, a worker process) would not know the kind. A handler
is imported only when a job of its kind runs, so listing MT does not load the MT engine.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workflow.jobs import JobHandler

# kind -> "module:function" of its handler (a JobHandler).
JOB_KINDS: dict[str, str] = {
    "export": "workflow.export_job:run_export_job",
    "mt": "workflow.mt:run_mt_job",
    "qa": "workflow.qa.job:run_qa_job",
}


def known_kinds() -> list[str]:
    return sorted(JOB_KINDS)


def load_handler(kind: str) -> JobHandler | None:
    """The handler of a kind, imported now; None for a kind this songngu does not know."""
    target = JOB_KINDS.get(kind)
    if target is None:
        return None
    module_name, _, function_name = target.partition(":")
    return getattr(importlib.import_module(module_name), function_name)
