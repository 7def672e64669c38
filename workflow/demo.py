"""The demo project `make run` opens with: a short report written for songngu."""

from __future__ import annotations

from importlib import resources

from sqlalchemy import select

from workflow.importing import import_document
from workflow.models import Project
from workflow.projects import create_project
from workflow.storage import Database
from workflow.users import Actor

DEMO_PROJECT = "Demo: Đà Nẵng digital transformation workshop"
DEMO_FILE = "demo_report.md"


def demo_source() -> bytes:
    return resources.files("workflow.data").joinpath(DEMO_FILE).read_bytes()


def create_demo(database: Database, actor: Actor, *, if_missing: bool = True) -> bool:
    """Create the demo project; returns False when it exists and if_missing is set.

    `make run` creates it through the CLI (as the local operator, before anyone signed in).
    """
    with database.write() as session:
        if session.scalar(select(Project).where(Project.name == DEMO_PROJECT)) is not None:
            if if_missing:
                return False
        project = create_project(session, actor, DEMO_PROJECT, "Indiana University")
        import_document(
            session,
            actor,
            project,
            demo_source(),
            DEMO_FILE,
            title="Hội thảo chuyển đổi số Đà Nẵng 2026",
            meta={"creator": "Sở Khoa học và Công nghệ TP. Đà Nẵng", "date": "2026-10-14"},
        )
    return True
