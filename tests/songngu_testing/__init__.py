"""Helpers the tests share (import as `from songngu_testing import ...`)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from workflow.storage import Database

REPO = Path(__file__).resolve().parents[2]
SONGNGU = str(REPO / ".venv" / "bin" / "songngu")
# ../shared beside the checkout (CI lays it there too), unless told otherwise.
SHARED = Path(os.environ.get("SONGNGU_SHARED_DIR", REPO.parent / "shared"))
SCHEMAS_DIR = Path(os.environ.get("SONGNGU_SCHEMAS_DIR", SHARED / "schemas"))
CORPUS = SHARED / "corpora" / "tatoeba-vi-en.tsv"  # Tatoeba via manythings.org, CC-BY 2.0 FR


def run_cli(
    *args: str, env: dict[str, str] | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed songngu command as a user would."""
    return subprocess.run(
        [SONGNGU, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        input=input,
        timeout=120,
    )


def seed_project(database: Database, sources: list[str], name: str = "P") -> tuple[int, list[int]]:
    """A project with one document holding these source segments; returns ids."""
    from primitives.text_keys import match_key
    from workflow.models import Document, Segment
    from workflow.projects import create_project
    from workflow.users import resolve_actor

    with database.write() as session:
        project = create_project(session, resolve_actor(session, "admin"), name)
        document = Document(
            project_id=project.id, title="doc", filename="doc.txt", format="txt", original=b""
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
    from workflow.users import add_user, resolve_actor

    with database.write() as session:
        admin = resolve_actor(session, "admin")
        add_user(session, admin, "tran", "translator")
        add_user(session, admin, "rev", "reviewer")
        add_user(session, admin, "ed", "editor")
