"""QA test tooling: projects with a user of each role, partner QA settings, a finding.

``UNTRANSLATED`` is the check a target equal to its Vietnamese source trips, an error by
default: the easiest way for a test to make QA refuse a confirmation.
"""

from __future__ import annotations

from typing import Any

from songngu_testing.projects import seed_project
from songngu_testing.users import add_users
from workflow.partners import DEFAULT_PARTNER, update_partner
from workflow.qa.model import Finding, Severity
from workflow.storage import Database
from workflow.users import OPERATOR

UNTRANSLATED = "untranslated"
TEST_CHECK = "test-check"  # the check id of findings made by ``finding``: no real check's
# Sources with Vietnamese letters: left as the target, each is untranslated.
SOURCES = ["Hội nghị bế mạc lúc 17 giờ.", "Tỉnh có 120 nghìn hộ dân.", "Đoàn về thăm Huế."]


def qa_project(database: Database, sources: list[str] | None = None) -> tuple[int, list[int]]:
    """A project (partner "generic") with its segments; users tran, rev, ed and admin."""
    project_id, ids = seed_project(database, list(sources or SOURCES))
    add_users(database)
    return project_id, ids


def set_partner_settings(database: Database, **settings: Any) -> None:
    """Change settings of the "generic" partner profile (the seeded project's)."""
    with database.write() as session:
        update_partner(session, OPERATOR, DEFAULT_PARTNER, settings)


def finding(
    check: str = TEST_CHECK,
    offending: str = "9/8/2022",
    severity: Severity = Severity.ERROR,
) -> Finding:
    """A finding as a check would make it, for tests of storage that need no check."""
    return Finding(
        check,
        severity,
        {"vi": f"Sai: «{offending}».", "en": f"Wrong: «{offending}»."},
        source_span=(0, len(offending)),
        target_span=None,
        offending=offending,
    )
