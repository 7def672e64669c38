"""Databases seeded with projects and users, for tests and benchmarks."""

from __future__ import annotations

from primitives.text_keys import match_key
from workflow.models import Document, Segment
from workflow.projects import create_project
from workflow.storage import Database
from workflow.users import add_user, resolve_actor


def seed_project(
    database: Database,
    sources: list[str],
    name: str = "P",
    *,
    partner: str | None = None,
    meta: dict[str, str] | None = None,
) -> tuple[int, list[int]]:
    """A project with one document holding these source segments; returns ids.

    partner: the project's partner profile (default: generic); meta: the document's
    metadata ({"date": "2022-08-09"} decides which official names are in force).
    """
    with database.write() as session:
        project = create_project(session, resolve_actor(session, "admin"), name, partner)
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


def add_users(database: Database) -> None:
    """One user of each role: tran (translator), rev (reviewer), ed (editor)."""
    with database.write() as session:
        admin = resolve_actor(session, "admin")
        add_user(session, admin, "tran", "translator")
        add_user(session, admin, "rev", "reviewer")
        add_user(session, admin, "ed", "editor")
