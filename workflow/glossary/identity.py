"""What makes two stored glossary rows one term, as one short unique column value.

The same source meaning the same target (equal ``match_key``s: NFC/NFD, tone-mark
placement and letter case do not count) in the same glossary (scope and owner). The
keys can be thousands of characters, more than a PostgreSQL btree entry holds, so the
unique index is on a SHA-256 of them.
"""

from __future__ import annotations

import hashlib
import json

from primitives.text_keys import match_key


def term_identity(
    scope: str, partner_id: int | None, project_id: int | None, source: str, target: str
) -> str:
    """The identity column value of a term (64 hex digits)."""
    parts = [scope, partner_id, project_id, match_key(source), match_key(target)]
    encoded = json.dumps(parts, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()
