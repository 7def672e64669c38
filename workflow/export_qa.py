"""What exports learn from QA: open errors per document, whether the partner profile
blocks the export, each segment's open findings, and the summary for the partner report.

QA (``workflow/qa``: stored findings, the export policy) is built beside the exports; this
module is the one place the exports read it, through the functions QA declares for them
(``workflow.qa.readiness.export_readiness``, ``require_export_ready``, ``qa_summary``;
``workflow.qa.findings.list_findings``). Where QA is not installed each function says so
(None, or nothing found), and the exports carry an empty, valid QA summary.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

from sqlalchemy.orm import Session

from exporters.report_xml import QACount, QASummary
from workflow.models import Project

READINESS_MODULE = "workflow.qa.readiness"
FINDINGS_MODULE = "workflow.qa.findings"


def _qa(name: str) -> ModuleType | None:
    """The QA module, or None when songngu has no QA package (any other import error in
    it is a bug and is raised)."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name and name.startswith(error.name):
            return None
        raise


def qa_installed() -> bool:
    return _qa(READINESS_MODULE) is not None


@dataclass(frozen=True)
class QAReadiness:
    """Open QA problems per document, and what the partner profile does about them."""

    open_errors: dict[int, int]
    open_warnings: dict[int, int]
    unchecked: dict[int, int]
    policy: str  # "warn" or "block"
    blocked: bool


def qa_readiness(
    session: Session, project: Project, document_id: int | None = None
) -> QAReadiness | None:
    """QA's view of the documents (None without QA)."""
    module = _qa(READINESS_MODULE)
    if module is None:
        return None
    readiness = module.export_readiness(session, project, document_id)
    documents = readiness.documents
    return QAReadiness(
        open_errors={d.document_id: d.open_errors for d in documents},
        open_warnings={d.document_id: d.open_warnings for d in documents},
        unchecked={d.document_id: d.unchecked for d in documents},
        policy=readiness.policy,
        blocked=readiness.blocked,
    )


def require_qa_ready(session: Session, project: Project, document_id: int | None = None) -> None:
    """Refuse the export (QA's own error) when the partner profile blocks it."""
    module = _qa(READINESS_MODULE)
    if module is not None:
        module.require_export_ready(session, project, document_id)


def qa_summary(session: Session, project: Project, document_id: int | None = None) -> QASummary:
    """The findings counted by check and severity (an empty summary without QA)."""
    module = _qa(READINESS_MODULE)
    if module is None:
        return QASummary()
    rows = module.qa_summary(session, project, document_id)
    return QASummary(
        True,
        tuple(
            QACount(
                row.check, str(getattr(row.severity, "value", row.severity)), row.open, row.ignored
            )
            for row in rows
        ),
    )


def open_findings(
    session: Session, project: Project, document_ids: list[int]
) -> dict[int, list[str]]:
    """Each segment's open findings, one line each ("error: message"), most severe first."""
    module = _qa(FINDINGS_MODULE)
    if module is None:
        return {}
    found: dict[int, list[str]] = {}
    for document_id in document_ids:
        which = module.FindingFilter(document_id=document_id)
        for finding in module.list_findings(session, project, which):
            severity = getattr(finding.severity, "value", finding.severity)
            found.setdefault(finding.segment_id, []).append(f"{severity}: {finding.text('en')}")
    return found
