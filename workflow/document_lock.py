"""One writer at a time changes a document's structure: its row is locked first.

Merging, splitting and re-importing renumber a document's segments and compute from what
they read, so each locks the document row (SELECT … FOR UPDATE) before it reads the
segments: two of them never work from the same stale read. On PostgreSQL the second one
waits until the first one's transaction ends; SQLite's write transactions already run one
at a time (BEGIN IMMEDIATE, see ``workflow.storage``), so there the clause does nothing.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from workflow.models import Document


def lock_document(session: Session, document_id: int) -> bool:
    """Lock the document row until the transaction ends; False if there is none (deleted)."""
    locked = session.scalar(select(Document.id).where(Document.id == document_id).with_for_update())
    return locked is not None
