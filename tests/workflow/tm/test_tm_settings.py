"""A project's TM options: defaults, changes one option at a time, and who may change them."""

from __future__ import annotations

import pytest
from songngu_testing import add_users, seed_project

from primitives.errors import PermissionDenied
from workflow.projects import get_project
from workflow.storage import Database
from workflow.tm.settings import TMSettings, set_tm_settings, tm_settings
from workflow.users import resolve_actor


def test_options_change_one_at_a_time_and_are_stored(any_db: Database) -> None:
    project_id, _ = seed_project(any_db, ["Xin chào."])
    with any_db.write() as session:
        project = get_project(session, project_id)
        assert tm_settings(project) == TMSettings(share=False, propagate=True)
        admin = resolve_actor(session, "admin")
        assert set_tm_settings(session, admin, project, share=True) == TMSettings(True, True)
        assert set_tm_settings(session, admin, project, propagate=False) == TMSettings(True, False)
    with any_db.read() as session:
        assert tm_settings(get_project(session, project_id)) == TMSettings(True, False)


def test_settings_need_manage_project(any_db: Database) -> None:
    project_id, _ = seed_project(any_db, ["Xin chào."])
    add_users(any_db)
    with any_db.write() as session, pytest.raises(PermissionDenied):
        tran = resolve_actor(session, "tran")
        set_tm_settings(session, tran, get_project(session, project_id), share=True)
