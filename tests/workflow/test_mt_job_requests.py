"""What the MT job hands the engine (glossary terms, names) and what it stores back."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest
from songngu_testing import seed_project

from primitives.statuses import Origin, Status
from primitives.text_keys import match_key
from translation.engine import FLAG_TAGS_MOVED, MTRequest, MTResult, register_engine
from translation.protection import TermSpan
from workflow import mt
from workflow.glossary import GlossaryEntry, TermMatcher, TermStatus
from workflow.glossary.store import add_term
from workflow.jobs import JobState, get_job, run_job
from workflow.models import Document, Segment
from workflow.mt import MTJobOptions, MTJobResult, RequestContext, create_mt_job
from workflow.partners import update_partner
from workflow.projects import get_project
from workflow.protect import Protector
from workflow.segments import list_segments
from workflow.storage import Database
from workflow.users import OPERATOR, resolve_actor


class FakeEngine:
    """Answers every request with a fixed target, score and flags; records the requests."""

    name = "fake"

    def __init__(self, seen: list[MTRequest], **options: object) -> None:
        self.seen = seen

    def available(self) -> bool:
        return True

    def translate(self, requests: Sequence[MTRequest]) -> Iterator[list[MTResult]]:
        self.seen.extend(requests)
        yield [MTResult(r.key, f"EN {r.key}", 0.25, (FLAG_TAGS_MOVED,)) for r in requests]


@pytest.fixture
def seen() -> list[MTRequest]:
    requests: list[MTRequest] = []
    register_engine("fake", lambda **options: FakeEngine(requests, **options))
    return requests


def _translate(database: Database, project_id: int) -> None:
    with database.write() as session:
        job = create_mt_job(
            session,
            resolve_actor(session, "admin"),
            get_project(session, project_id),
            options=MTJobOptions(engine="fake"),
        )
    assert run_job(database, job.id) == JobState.SUCCEEDED


def test_only_preferred_and_do_not_translate_terms_are_enforced() -> None:
    matcher = TermMatcher(
        [
            GlossaryEntry("Ủy ban nhân dân", "People's Committee"),
            GlossaryEntry("Ủy ban nhân dân", "People Committee", status=TermStatus.FORBIDDEN),
            GlossaryEntry("cán bộ", "cadre", status=TermStatus.ADMITTED),
            GlossaryEntry("ASEAN", "", status=TermStatus.DO_NOT_TRANSLATE),
            GlossaryEntry("Bộ Tài chính", "Ministry of Finance"),
        ]
    )
    source = "Ủy ban nhân dân và cán bộ ASEAN gặp Bộ Tài chính."
    spans = Protector(matcher).term_spans(source)
    assert spans == (
        TermSpan(0, 15, "People's Committee"),
        TermSpan(26, 31, "ASEAN"),
        TermSpan(36, 48, "Ministry of Finance"),
    )
    # A term with an inline code inside is left to MT: the code must reach the target.
    tagged = "Gặp Bộ <g1>Tài</g1> chính."
    assert [hit.entry.target for hit in matcher.find(tagged)] == ["Ministry of Finance"]
    assert Protector(matcher).term_spans(tagged) == ()


def test_requests_carry_the_project_glossary_and_the_partner_name_style(
    sqlite_db: Database, seen: list[MTRequest]
) -> None:
    source = "Ông Nguyễn Văn An thăm Sở Thông tin và Truyền thông."
    project_id, _ = seed_project(sqlite_db, [source])
    with sqlite_db.write() as session:
        project = get_project(session, project_id)
        entry = GlossaryEntry("thăm", "visits", scope="project")
        add_term(session, resolve_actor(session, "admin"), project, entry, scope="project")
        context = RequestContext.for_project(session, project)
    request = context.request(7, source)
    assert request.key == 7
    # The default "generic" partner strips a name's diacritics; the name stops at "thăm".
    assert TermSpan(4, 17, "Nguyen Van An", "name") in request.terms
    assert TermSpan(18, 22, "visits") in request.terms

    _translate(sqlite_db, project_id)
    assert [r.terms for r in seen] == [request.terms]

    with sqlite_db.write() as session:
        project = get_project(session, project_id)
        update_partner(session, OPERATOR, project.partner.name, {"name_diacritics": "keep"})
        kept = RequestContext.for_project(session, project).request(1, source)
    assert TermSpan(4, 17, "Nguyễn Văn An", "name") in kept.terms


def test_score_and_flags_are_stored_for_reviewers(
    sqlite_db: Database, seen: list[MTRequest]
) -> None:
    project_id, ids = seed_project(sqlite_db, ["Chào bạn.", "Tạm biệt."])
    _translate(sqlite_db, project_id)
    with sqlite_db.read() as session:
        segments = list_segments(session, get_project(session, project_id))
    assert [s.target for s in segments] == [f"EN {ids[0]}", f"EN {ids[1]}"]
    assert all(s.score == 0.25 and s.flags == {"mt": [FLAG_TAGS_MOVED]} for s in segments)
    assert all(s.origin == Origin.MT and s.status == Status.DRAFT for s in segments)


def test_exact_tm_matches_skip_mt(
    sqlite_db: Database, seen: list[MTRequest], monkeypatch: pytest.MonkeyPatch
) -> None:
    project_id, ids = seed_project(sqlite_db, ["Chào bạn.", "Tạm biệt.", "chào bạn."])
    with sqlite_db.read() as session:
        keys = {
            s.id: s.source_key for s in list_segments(session, get_project(session, project_id))
        }

    def tm(session: object, project: object, wanted: list[str]) -> dict[str, str]:
        return {key: "Hello." for key in wanted if key == keys[ids[0]]}

    monkeypatch.setattr(mt, "exact_tm_targets", tm)
    _translate(sqlite_db, project_id)
    assert [r.source for r in seen] == ["Tạm biệt."]
    with sqlite_db.read() as session:
        by_id = {s.id: s for s in list_segments(session, get_project(session, project_id))}
    for segment_id in (ids[0], ids[2]):  # same key, whatever the case
        assert by_id[segment_id].target == "Hello."
        assert (by_id[segment_id].origin, by_id[segment_id].score) == (Origin.TM, 1.0)
    assert by_id[ids[1]].origin == Origin.MT


def test_unusable_engine_output_is_kept_out(sqlite_db: Database) -> None:
    class ControlCharacterEngine(FakeEngine):
        def translate(self, requests: Sequence[MTRequest]) -> Iterator[list[MTResult]]:
            yield [MTResult(r.key, "bad\x0bline", 0.5) for r in requests]

    register_engine("fake", lambda **options: ControlCharacterEngine([]))
    project_id, _ = seed_project(sqlite_db, ["Chào bạn."])
    _translate(sqlite_db, project_id)
    with sqlite_db.read() as session:
        segment = list_segments(session, get_project(session, project_id))[0]
        assert get_job(session, 1).result["refused"] == 1
    assert segment.status == Status.NEW


def test_a_segment_the_engine_did_not_answer_stays_new(sqlite_db: Database) -> None:
    class FirstOnlyEngine(FakeEngine):
        def translate(self, requests: Sequence[MTRequest]) -> Iterator[list[MTResult]]:
            yield [MTResult(requests[0].key, "Only this.", 0.5)]

    register_engine("fake", lambda **options: FirstOnlyEngine([]))
    project_id, _ = seed_project(sqlite_db, ["Chào bạn.", "Tạm biệt."])
    _translate(sqlite_db, project_id)
    with sqlite_db.read() as session:
        segments = list_segments(session, get_project(session, project_id))
        result = MTJobResult.from_dict({**get_job(session, 1).result, "from_a_newer_version": 1})
    assert [(s.target, s.status) for s in segments] == [
        ("Only this.", Status.DRAFT),
        ("", Status.NEW),
    ]
    assert (result.machine_translated, result.sources_sent) == (1, 2)


def test_each_document_date_decides_its_official_names(
    sqlite_db: Database, seen: list[MTRequest]
) -> None:
    source = "Thứ trưởng Bộ Thông tin và Truyền thông phát biểu."
    project_id, _ = seed_project(sqlite_db, [source], meta={"date": "2022-08-09"})
    with sqlite_db.write() as session:
        project = get_project(session, project_id)
        later = Document(
            project_id=project.id,
            title="later",
            filename="later.txt",
            format="txt",
            original=b"",
            meta={"date": "2026-01-05"},
        )
        session.add(later)
        session.flush()
        session.add(
            Segment(document_id=later.id, position=0, source=source, source_key=match_key(source))
        )
    _translate(sqlite_db, project_id)
    # The same sentence in documents of two dates is asked twice: the ministry's name was
    # in force on the first date only.
    assert [r.source for r in seen] == [source, source]
    first, second = (tuple(t.replacement for t in r.terms) for r in seen)
    assert first == ("Deputy Minister of Information and Communications",)
    assert second == ("Deputy Minister",)
