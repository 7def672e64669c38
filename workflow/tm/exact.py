"""Exact TM matches for machine translation: a stored unit's target instead of MT output."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from workflow.models import Project, TMUnitRow
from workflow.tm.store import IN_CHUNK, aware


def exact_tm_targets(
    session: Session, project: Project, source_keys: Iterable[str]
) -> dict[str, str]:
    """{source_key: target} for the keys with a unit in the project's or the shared TM.

    Keys are Segment.source_key values (match_key of the source); of several units with
    one key, the most recent (created_at, then id) wins.
    """
    wanted = sorted(set(source_keys))
    found: dict[str, tuple[datetime, int, str]] = {}
    for start in range(0, len(wanted), IN_CHUNK):
        # Filtered by owner here, not in SQL: with "project OR shared" in the WHERE clause
        # SQLite scans the project's units instead of using the source_key index.
        rows = session.execute(
            select(
                TMUnitRow.source_key,
                TMUnitRow.target,
                TMUnitRow.created_at,
                TMUnitRow.id,
                TMUnitRow.project_id,
            ).where(TMUnitRow.source_key.in_(wanted[start : start + IN_CHUNK]))
        )
        for key, target, created_at, unit_id, owner in rows:
            if owner is not None and owner != project.id:
                continue
            rank = (aware(created_at), unit_id, target)
            if key not in found or rank[:2] > found[key][:2]:
                found[key] = rank
    return {key: rank[2] for key, rank in found.items()}
