"""Databases seeded with projects, for tests and benchmarks (accounts: users.py)."""

from __future__ import annotations

from primitives.text_keys import match_key
from workflow.models import Document, Segment
from workflow.projects import create_project
from workflow.storage import Database
from workflow.users import OPERATOR, Actor


def seed_project(
    database: Database,
    sources: list[str],
    name: str = "P",
    actor: Actor | None = None,
    *,
    partner: str | None = None,
    meta: dict[str, str] | None = None,
) -> tuple[int, list[int]]:
    """A project with one document holding these source segments; returns ids.

    Created by actor, by default the CLI's local operator (as a benchmark runs); partner:
    the project's partner profile (default: generic); meta: the document's metadata
    ({"date": "2022-08-09"} decides which official names are in force).
    """
    with database.write() as session:
        project = create_project(session, actor or OPERATOR, name, partner)
        document = Document(
            project_id=project.id,
            title="doc",
            filename="doc.txt",
            format="txt",
            original=b"",
            meta=dict(meta or {}),
        )
        session.add(document)
        session.flush()
        segments = [
            Segment(document_id=document.id, position=i, source=s, source_key=match_key(s))
            for i, s in enumerate(sources)
        ]
        session.add_all(segments)
        session.flush()
        return project.id, [s.id for s in segments]
