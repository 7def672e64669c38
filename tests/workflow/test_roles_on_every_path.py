"""Roles are enforced in workflow, whatever the face: each action called directly as each
role that may not take it is refused with permission.denied, and nothing is stored."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from songngu_testing import seed_project

from primitives.errors import PermissionDenied
from primitives.terms import GlossaryEntry
from workflow import audit, model_packages, operations, users
from workflow.exports import ExportRequest, build_export
from workflow.glossary.store import add_term, import_terms
from workflow.jobs import create_job, request_cancel, resume_job
from workflow.partners import update_partner
from workflow.permissions import PERMISSIONS, Action, Role
from workflow.project_rules import reset_project_rules
from workflow.projects import create_project, get_project
from workflow.storage import Database
from workflow.users import OPERATOR, Actor

Call = Callable[[Any, Actor, Any, Path], object]

# action -> a workflow call taking that action (session, actor, project, a folder)
CALLS: dict[Action, Call] = {
    Action.MANAGE_USERS: lambda s, a, p, f: users.change_role(s, a, "admin", "editor"),
    Action.MANAGE_MODELS: lambda s, a, p, f: model_packages.remove_model(
        Database(str(s.get_bind().url)), a, "any", directory=f
    ),
    Action.MANAGE_DATABASE: lambda s, a, p, f: operations.backup(
        Database(str(s.get_bind().url)), a, f / "backup.db"
    ),
    Action.VIEW_AUDIT: lambda s, a, p, f: audit.list_events(s, a, audit.AuditFilter()),
    Action.MANAGE_PROJECT: lambda s, a, p, f: create_project(s, a, "Q"),
    Action.MANAGE_GLOSSARY: lambda s, a, p, f: add_term(
        s, a, p, GlossaryEntry("Hà Nội", "Hanoi"), scope="project"
    ),
}
EXTRA: list[tuple[str, Action, Call]] = [
    ("project rules", Action.MANAGE_PROJECT, lambda s, a, p, f: reset_project_rules(s, a, p)),
    (
        "user add",
        Action.MANAGE_USERS,
        lambda s, a, p, f: users.add_user(s, a, "x", "admin", "a long passphrase"),
    ),
    (
        "glossary import",
        Action.MANAGE_GLOSSARY,
        lambda s, a, p, f: import_terms(s, a, p, [], scope="project"),
    ),
    (
        "partner profile update",
        Action.MANAGE_PROJECT,
        lambda s, a, p, f: update_partner(s, a, "generic", {"qa_export_policy": "block"}),
    ),
    (
        "cancel another's job",
        Action.MANAGE_PROJECT,
        lambda s, a, p, f: request_cancel(s, a, _someone_elses_job(s, p)),
    ),
    (
        "resume another's job",
        Action.MANAGE_PROJECT,
        lambda s, a, p, f: resume_job(s, a, _someone_elses_job(s, p, stopped=True)),
    ),
    (
        "restore",
        Action.MANAGE_DATABASE,
        lambda s, a, p, f: operations.restore(Database(str(s.get_bind().url)), a, f / "b.db"),
    ),
    (
        "migrate-db",
        Action.MANAGE_DATABASE,
        lambda s, a, p, f: operations.migrate_to(
            Database(str(s.get_bind().url)), a, "postgresql+psycopg://x@127.0.0.1:1/x"
        ),
    ),
    (
        "model install",
        Action.MANAGE_MODELS,
        lambda s, a, p, f: model_packages.install_model(
            Database(str(s.get_bind().url)), a, f / "x.argosmodel", directory=f
        ),
    ),
]


def _someone_elses_job(session: Any, project: Any, *, stopped: bool = False) -> int:
    """A QA job started by another user in the caller's transaction (rolled back with it)."""
    job = create_job(session, Actor("starter", Role.EDITOR), "qa", project, {})
    if stopped:
        request_cancel(session, OPERATOR, job.id)
    return job.id


CASES = [(action.value, action, call) for action, call in CALLS.items()] + EXTRA
WRONG = [
    pytest.param(name, call, role, id=f"{name}-as-{role.value}")
    for name, action, call in CASES
    for role in Role
    if action not in PERMISSIONS[role]
]


def test_every_admin_and_editor_action_is_in_the_table() -> None:
    beyond_translators = set(PERMISSIONS[Role.ADMIN]) - set(PERMISSIONS[Role.REVIEWER])
    assert beyond_translators - {Action.APPROVE, Action.REOPEN} <= set(CALLS)


@pytest.mark.parametrize(("name", "call", "role"), WRONG)
def test_a_wrong_role_is_refused_in_workflow(
    sqlite_db: Database, tmp_path: Path, name: str, call: Call, role: Role
) -> None:
    project_id, _ = seed_project(sqlite_db, ["Xin chào."])
    before = _counts(sqlite_db)
    with pytest.raises(PermissionDenied) as refused, sqlite_db.write() as session:
        call(session, Actor("someone", role), get_project(session, project_id), tmp_path)
    assert refused.value.code == "permission.denied"
    assert _counts(sqlite_db) == before


def test_exports_and_statuses_check_their_roles_too(sqlite_db: Database) -> None:
    from primitives.statuses import Status
    from workflow.segments import edit_target, set_status
    from workflow.users import OPERATOR

    project_id, (segment_id,) = seed_project(sqlite_db, ["Xin chào."])
    with sqlite_db.write() as session:
        edit_target(session, OPERATOR, segment_id, "Hello.")
        set_status(session, OPERATOR, segment_id, Status.TRANSLATED)
        set_status(session, OPERATOR, segment_id, Status.REVIEWED)
    for role in (Role.TRANSLATOR, Role.REVIEWER):
        with pytest.raises(PermissionDenied), sqlite_db.write() as session:
            set_status(session, Actor("someone", role), segment_id, Status.APPROVED)
    with sqlite_db.read() as session:  # every role may export
        build_export(
            session,
            Actor("t", Role.TRANSLATOR),
            get_project(session, project_id),
            ExportRequest("xliff12"),
        )


def test_the_starter_of_a_job_may_stop_and_resume_it_others_may_not(sqlite_db: Database) -> None:
    project_id, _ = seed_project(sqlite_db, ["Xin chào."])
    starter, other = Actor("tran", Role.TRANSLATOR), Actor("ngoc", Role.REVIEWER)
    with sqlite_db.write() as session:
        job_id = create_job(session, starter, "qa", get_project(session, project_id), {}).id
    with pytest.raises(PermissionDenied), sqlite_db.write() as session:
        request_cancel(session, other, job_id)
    with sqlite_db.write() as session:
        assert request_cancel(session, starter, job_id).state == "cancelled"
    with pytest.raises(PermissionDenied), sqlite_db.write() as session:
        resume_job(session, other, job_id)
    with sqlite_db.write() as session:
        assert resume_job(session, starter, job_id).state == "queued"
    with sqlite_db.write() as session:  # an editor may stop anyone's job on the project
        assert request_cancel(session, Actor("e", Role.EDITOR), job_id).state == "cancelled"


def _counts(database: Database) -> dict[str, object]:
    """Row counts of what a refused action could add, and the rows it could change."""
    from sqlalchemy import func, select

    from workflow.models import AuditEvent, GlossaryTerm, Job, PartnerProfile, Project, User

    with database.read() as session:
        counts: dict[str, object] = {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in (AuditEvent, GlossaryTerm, Project, User, Job)
        }
        counts["partner settings"] = {
            p.name: p.settings for p in session.scalars(select(PartnerProfile))
        }
        counts["job states"] = {j.id: j.state for j in session.scalars(select(Job))}
        return counts
