"""Each partner's own names live in its profile and join its projects' glossary."""

from __future__ import annotations

import pytest
from songngu_testing import seed_project

from primitives.errors import InvalidInput
from workflow.glossary.store import effective_entries, glossary_fingerprint, partner_glossary
from workflow.partners import get_partner, shipped_profiles, update_partner, validate_settings
from workflow.projects import get_project
from workflow.protect import project_protector, report
from workflow.storage import Database
from workflow.users import OPERATOR


def test_shipped_partners_carry_their_own_names() -> None:
    profiles = {p["name"]: p["settings"] for p in shipped_profiles()}
    assert profiles["Indiana University"]["own_names"]["Đại học Indiana"] == "Indiana University"
    assert profiles["USAID"]["own_names"]["Cơ quan Phát triển Quốc tế Hoa Kỳ"] == (
        "United States Agency for International Development (USAID)"
    )
    assert profiles["generic"]["own_names"] == {}


def test_own_names_are_enforced_in_the_partners_projects(sqlite_db: Database) -> None:
    project_id, _ = seed_project(sqlite_db, ["x"], partner="USAID")
    with sqlite_db.write() as session:
        update_partner(
            session, OPERATOR, "USAID", {"own_names": {"Dự án Đối tác": "Partnership Project"}}
        )
    with sqlite_db.read() as session:
        project = get_project(session, project_id)
        before = glossary_fingerprint(session, project)
        entries = [(e.source, e.target, e.scope) for e in effective_entries(session, project)]
        assert ("Dự án Đối tác", "Partnership Project", "partner") in entries
        spans = report(project_protector(session, project), "Dự án Đối tác khởi động.")
        assert [(s.text, s.replacement) for s in spans] == [
            ("Dự án Đối tác", "Partnership Project")
        ]
        outside = partner_glossary(session, get_partner(session, "USAID"))
        assert ("Dự án Đối tác", "Partnership Project") in [(e.source, e.target) for e in outside]
    with sqlite_db.write() as session:
        update_partner(session, OPERATOR, "USAID", {"own_names": {}})
    with sqlite_db.read() as session:
        assert glossary_fingerprint(session, get_project(session, project_id)) != before


@pytest.mark.parametrize("names", [["Đại học Indiana"], {"Đại học Indiana": ""}, {"": "IU"}])
def test_own_names_must_pair_names_with_english(names: object) -> None:
    with pytest.raises(InvalidInput) as error:
        validate_settings({"own_names": names})
    assert error.value.code == "partner.bad_own_names"
