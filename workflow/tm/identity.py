"""What makes two translation-memory rows one unit, as one short unique column value.

An imported unit is its source (``match_key``) with its exact target in one TM (the
project's or the shared one): importing it again, even from two imports at once, finds
it instead of storing it twice. A unit captured from a segment is kept unique another
way -- capturing replaces the segment's earlier units, inside the segment's guarded
write (workflow.versioning) -- so its identity only has to be new: two segments may
well hold the same text, and a deleted segment's unit stays in the TM after it.
The texts can be long, so the unique index is on a SHA-256 of them.
"""

from __future__ import annotations

import hashlib
import json
import uuid

from primitives.text_keys import match_key


def imported_unit_identity(project_id: int | None, source: str, target: str) -> str:
    """The identity column value of an imported TM unit (64 hex digits)."""
    parts = ["text", project_id, match_key(source), target]
    encoded = json.dumps(parts, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def captured_unit_identity() -> str:
    """The identity column value of a unit captured from a segment: a new one each time."""
    return "captured-" + uuid.uuid4().hex  # 41 characters, never a SHA-256's 64
