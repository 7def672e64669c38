"""The glossary-term filter of the Review list (and of `songngu segments --term`), and a
term added from a phrase of a segment's source. SQLite."""

from __future__ import annotations

import unicodedata

import pytest
from songngu_testing import add_users, seed_project

from primitives.errors import InvalidInput, PermissionDenied
from primitives.statuses import Origin, Status
from primitives.terms import GlossaryEntry
from workflow.glossary.from_segment import add_term_from_segment
from workflow.glossary.store import add_term, list_terms
from workflow.models import Document
from workflow.projects import get_project
from workflow.review_filter import (
    SegmentFilter,
    count_filtered,
    filtered_segments,
    glossary_terms,
    term_finder,
)
from workflow.segments import Fill, apply_fills
from workflow.storage import Database
from workflow.users import resolve_actor

SOURCES = [
    "Xã có nhiều hộ nghèo.",  # the term as typed
    unicodedata.normalize("NFD", "Số hộ nghèo giảm."),  # decomposed
    "Tổ hoà giải ở thôn.",  # old tone placement of "hòa giải"
    "Sở Y tế họp.",  # "Sở", case-sensitive: the Department
    "Trường có cơ sở vật chất tốt.",  # "cơ sở": not the Department
    "Những hộ nghèonàn.",  # no syllable boundary after the term: not it
]


@pytest.fixture
def project(sqlite_db: Database) -> tuple[int, list[int]]:
    project_id, ids = seed_project(sqlite_db, SOURCES)
    add_users(sqlite_db, "tran", "ed")
    with sqlite_db.write() as session:
        admin = resolve_actor(session, "admin")
        found = get_project(session, project_id)
        for entry in (
            GlossaryEntry("hộ nghèo", "poor household"),
            GlossaryEntry("hòa giải", "mediation"),
            GlossaryEntry("Sở", "Department", case_sensitive=True),
        ):
            add_term(session, admin, found, entry, scope="project")
    return project_id, ids


def _document_id(database: Database, project_id: int) -> int:
    with database.read() as session:
        return get_project(session, project_id).documents[0].id


def _ids(database: Database, document_id: int, wanted: SegmentFilter, **page: int) -> list[int]:
    with database.read() as session:
        found = filtered_segments(
            session, document_id, wanted, offset=page.get("offset", 0), limit=page.get("limit", 50)
        )
        assert count_filtered(session, document_id, wanted) >= len(found)
        return [segment.id for segment in found]


def test_the_term_is_found_as_the_glossary_finds_it(
    sqlite_db: Database, project: tuple[int, list[int]]
) -> None:
    project_id, ids = project
    document_id = _document_id(sqlite_db, project_id)
    assert _ids(sqlite_db, document_id, SegmentFilter(term="hộ nghèo")) == ids[:2]
    assert _ids(sqlite_db, document_id, SegmentFilter(term="hòa giải")) == [ids[2]]
    assert _ids(sqlite_db, document_id, SegmentFilter(term="Sở")) == [ids[3]]
    # Another spelling of the same key chooses the same term.
    assert _ids(sqlite_db, document_id, SegmentFilter(term="hoà giải")) == [ids[2]]
    with sqlite_db.read() as session:
        assert count_filtered(session, document_id, SegmentFilter(term="hộ nghèo")) == 2
        terms = glossary_terms(session, get_project(session, project_id))
    assert {"hộ nghèo", "hòa giải", "Sở"} <= set(terms)


def test_the_term_combines_with_the_other_filters_and_pages(
    sqlite_db: Database, project: tuple[int, list[int]]
) -> None:
    project_id, ids = project
    document_id = _document_id(sqlite_db, project_id)
    with sqlite_db.write() as session:
        admin = resolve_actor(session, "admin")
        apply_fills(session, admin, [Fill(ids[1], 1, "Fewer poor households.", Origin.MT, 0.3)])
    poor = SegmentFilter(term="hộ nghèo")
    assert _ids(sqlite_db, document_id, SegmentFilter(term="hộ nghèo", status=Status.DRAFT)) == [
        ids[1]
    ]
    assert _ids(sqlite_db, document_id, SegmentFilter(term="hộ nghèo", low_mt_confidence=True)) == [
        ids[1]
    ]
    assert _ids(sqlite_db, document_id, SegmentFilter(term="hộ nghèo", text="xã")) == [ids[0]]
    assert _ids(sqlite_db, document_id, poor, offset=1, limit=1) == [ids[1]]
    assert poor.narrows


def test_an_unknown_term_is_refused(sqlite_db: Database, project: tuple[int, list[int]]) -> None:
    project_id, _ = project
    with sqlite_db.read() as session, pytest.raises(InvalidInput) as refused:
        term_finder(session, get_project(session, project_id), "không có")
    assert refused.value.code == "glossary.unknown_term"


def test_a_term_is_added_from_a_phrase_of_the_source(
    sqlite_db: Database, project: tuple[int, list[int]]
) -> None:
    project_id, ids = project
    with sqlite_db.write() as session:
        admin = resolve_actor(session, "admin")
        # Typed with the other tone placement and capitals: still the source's words.
        stored = add_term_from_segment(session, admin, ids[4], "Cơ Sở Vật Chất", "facilities")
        assert (stored.entry.source, stored.entry.target, stored.scope) == (
            "Cơ Sở Vật Chất",
            "facilities",
            "project",
        )
        with pytest.raises(InvalidInput) as absent:
            add_term_from_segment(session, admin, ids[4], "vật chất xấu", "bad facilities")
        assert absent.value.code == "glossary.phrase_not_in_source"
        with pytest.raises(InvalidInput) as inside:  # not on syllable boundaries
            add_term_from_segment(session, admin, ids[5], "nghèonà", "x")
        assert inside.value.code == "glossary.phrase_not_in_source"
        with pytest.raises(InvalidInput) as twice:
            add_term_from_segment(session, admin, ids[0], "hộ nghèo", "poor household")
        assert twice.value.code == "glossary.duplicate_term"
        with pytest.raises(PermissionDenied):
            add_term_from_segment(
                session, resolve_actor(session, "tran"), ids[2], "thôn", "village"
            )
        sources = [
            term.entry.source for term in list_terms(session, get_project(session, project_id))
        ]
    assert sources.count("Cơ Sở Vật Chất") == 1 and "thôn" not in sources
    with sqlite_db.read() as session:
        document = session.get(Document, _document_id(sqlite_db, project_id))
        assert document is not None
    assert _ids(sqlite_db, document.id, SegmentFilter(term="cơ sở vật chất")) == [ids[4]]
