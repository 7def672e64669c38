"""Done when: the seed article's names, places, bodies, titles and dates come out right in MT.

The demo project (the seed article, Indiana University, dated 14 October 2026) is machine
translated by the real Argos engine on a package whose model copies its input: every
placeholder the protection made comes back, so each protected span's English is restored
in place and the rest of the sentence is the source, word for word.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from songngu_testing.seed_article import SEED_SPANS

from primitives.statuses import Origin
from translation.engine import FLAG_PLACEHOLDER_LOST
from translation.packages import install_package
from workflow.demo import DEMO_PROJECT, create_demo
from workflow.jobs import JobState, run_job
from workflow.mt import MTJobOptions, create_mt_job
from workflow.projects import get_project
from workflow.segments import list_segments
from workflow.storage import Database
from workflow.users import OPERATOR, resolve_actor


@pytest.fixture
def copying(copy_package_file: Path, packages: Path) -> Path:
    install_package(copy_package_file, directory=packages)
    return packages


def _expected_targets(sources: list[str]) -> list[str]:
    """Each source with the hand-written spans, in order, replaced by their English."""
    spans = [(text, english) for _, text, _, english in SEED_SPANS]
    targets = []
    for source in sources:
        parts, cursor = [], 0
        while spans and (found := source.find(spans[0][0], cursor)) >= 0:
            text, english = spans.pop(0)
            parts += [source[cursor:found], english]
            cursor = found + len(text)
        targets.append("".join(parts) + source[cursor:])
    assert spans == [], f"spans not found in any segment: {spans}"
    return targets


def _spaced(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_the_seed_article_through_mt_keeps_every_fixed_span(
    sqlite_db: Database, copying: Path
) -> None:
    create_demo(sqlite_db, OPERATOR)
    with sqlite_db.write() as session:
        job = create_mt_job(
            session,
            resolve_actor(session, "admin"),
            get_project(session, DEMO_PROJECT),
            options=MTJobOptions(beam_size=1),
        )
    assert run_job(sqlite_db, job.id) == JobState.SUCCEEDED
    with sqlite_db.read() as session:
        segments = list_segments(session, get_project(session, DEMO_PROJECT))
    assert all(s.origin == Origin.MT for s in segments)
    assert all(FLAG_PLACEHOLDER_LOST not in (s.flags or {}).get("mt", []) for s in segments)
    expected = _expected_targets([s.source for s in segments])
    assert [_spaced(s.target) for s in segments] == [_spaced(e) for e in expected]
    joined = " ".join(s.target for s in segments)
    assert not re.search(r"\[\d+\]", joined)  # every placeholder restored
    for english in (
        "Da Nang City People's Committee",
        "Vice Chairman of the municipal People's Committee",
        "Assoc. Prof. Dr. Lê Thị Hồng Vân",  # Indiana University keeps diacritics
        "Director of the Department of Science and Technology",
        "Prof. Robert M. Allen",
        "Dr. Nguyễn Văn Hải",
        "Hai Chau District",
        "October 14, 2026",
        "Q1 2025",
        "January 2027",
        "Indiana University",
    ):
        assert english in joined
    assert "Hải Division" not in joined and "14/10/2026" not in joined
