"""Projects and their documents."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from primitives.errors import InvalidInput, NotFound
from workflow.insert_missing import insert_missing
from workflow.models import Document, Project
from workflow.partners import DEFAULT_PARTNER, get_partner
from workflow.permissions import Action
from workflow.stored_ints import fits_integer_column
from workflow.users import Actor


def create_project(
    session: Session, actor: Actor, name: str, partner: str | None = None
) -> Project:
    actor.require(Action.MANAGE_PROJECT)
    name = name.strip()
    if not name or len(name) > 200:
        raise InvalidInput("project.bad_name", "a project name must be 1-200 characters")
    if session.scalar(select(Project).where(Project.name == name)) is not None:
        raise InvalidInput(
            "project.exists", "project {name!r} already exists: choose another name", name=name
        )
    profile = get_partner(session, partner or DEFAULT_PARTNER)
    values = {"name": name, "partner_id": profile.id, "source_lang": "vi", "target_lang": "en"}
    # Insert-or-skip: a project of this name may be created between the check and here.
    inserted = insert_missing(session, Project, [values], identity=["name"])
    if not inserted:
        raise InvalidInput(
            "project.exists", "project {name!r} already exists: choose another name", name=name
        )
    project = session.get(Project, inserted[0])
    assert project is not None  # just inserted by this transaction
    return project


def list_projects(session: Session) -> list[Project]:
    return list(session.scalars(select(Project).order_by(Project.name)))


def _is_stored_id(name_or_id: str | int) -> bool:
    """Whether a project or document reference can be an id (else it is only a name)."""
    if isinstance(name_or_id, int):
        return fits_integer_column(name_or_id)
    return name_or_id.isdigit() and fits_integer_column(int(name_or_id))


def get_project(session: Session, name_or_id: str | int) -> Project:
    project = None
    if _is_stored_id(name_or_id):
        project = session.get(Project, int(name_or_id))
    if project is None:
        project = session.scalar(select(Project).where(Project.name == str(name_or_id)))
    if project is None:
        raise NotFound("project.not_found", "no project {project!r}", project=name_or_id)
    return project


def get_document(session: Session, project: Project, name_or_id: str | int) -> Document:
    document = None
    if _is_stored_id(name_or_id):
        document = session.get(Document, int(name_or_id))
        if document is not None and document.project_id != project.id:
            document = None
    if document is None:
        document = session.scalar(
            select(Document).where(
                Document.project_id == project.id,
                (Document.title == str(name_or_id)) | (Document.filename == str(name_or_id)),
            )
        )
    if document is None:
        raise NotFound(
            "document.not_found",
            "no document {document!r} in project {project!r}",
            document=name_or_id,
            project=project.name,
        )
    return document


def document_count(session: Session, project: Project) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(Document).where(Document.project_id == project.id)
        )
        or 0
    )
