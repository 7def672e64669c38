"""A project's own segmentation rules: permissions, normalised removal, used by imports."""

from __future__ import annotations

import unicodedata

import pytest
from songngu_testing import add_users

from primitives.errors import InvalidInput, PermissionDenied
from workflow.importing import import_document
from workflow.project_rules import (
    RulesChange,
    RulesDifference,
    change_project_rules,
    reset_project_rules,
)
from workflow.projects import create_project, get_project
from workflow.storage import Database
from workflow.users import Actor, resolve_actor


def _actor(db: Database, name: str = "admin") -> Actor:
    with db.read() as session:
        return resolve_actor(session, name)


def test_project_rules_are_stored_and_used_by_the_next_import(any_db: Database) -> None:
    add_users(any_db)
    text = "Do KTS. Long thiết kế. Xem www.a.vn/Trang. Hết.\n".encode()
    with any_db.write() as session:
        project = create_project(session, resolve_actor(session, "admin"), "P")
        project_id = project.id
    with any_db.write() as session, pytest.raises(PermissionDenied, match="manage project"):
        change_project_rules(
            session, _actor(any_db, "tran"), get_project(session, project_id), RulesChange()
        )
    with any_db.write() as session:
        project = get_project(session, project_id)
        rules = change_project_rules(
            session,
            _actor(any_db, "ed"),
            project,
            RulesChange(add_abbreviations=("KTS.",), remove_abbreviations=("Mr",)),
        )
        assert "KTS" in rules.abbreviations and "Mr" not in rules.abbreviations
    with any_db.read() as session:
        stored = get_project(session, project_id).settings["segmentation"]
        assert stored == rules.to_dict()
        assert RulesDifference.from_defaults(rules).lines() == ["abbreviations: +KTS -Mr"]
    with any_db.write() as session, pytest.raises(InvalidInput, match="not in project 'P'"):
        change_project_rules(
            session,
            _actor(any_db, "ed"),
            get_project(session, project_id),
            RulesChange(remove_no_break=("nope",)),
        )
    with any_db.write() as session:
        project = get_project(session, project_id)
        change_project_rules(
            session, _actor(any_db, "ed"), project, RulesChange(add_abbreviations=("Thầy",))
        )
        # Typed decomposed (as some keyboards and macOS file names give it), with a dot.
        removal = RulesChange(remove_abbreviations=(unicodedata.normalize("NFD", "Thầy."),))
        rules = change_project_rules(session, _actor(any_db, "ed"), project, removal)
        assert "Thầy" not in rules.abbreviations and "KTS" in rules.abbreviations
    with any_db.write() as session:
        outcome = import_document(
            session, _actor(any_db), get_project(session, project_id), text, "a.txt"
        )
        assert outcome.segments == 3  # "Do KTS. Long thiết kế." stays one
    with any_db.write() as session:
        reset_project_rules(session, _actor(any_db, "ed"), get_project(session, project_id))
        outcome = import_document(
            session, _actor(any_db), get_project(session, project_id), text, "a.txt"
        )
        assert outcome.segments == 4
