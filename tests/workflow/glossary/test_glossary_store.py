"""Stored glossaries on SQLite and PostgreSQL: scopes, guarded edits, import, export, layers."""

from __future__ import annotations

import pytest
from songngu_testing import add_users, seed_project

from primitives.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from primitives.terms import GlossaryEntry, TermStatus
from workflow.glossary.files import read_glossary_bytes
from workflow.glossary.store import (
    add_term,
    delete_term,
    edit_term,
    effective_entries,
    export_glossary,
    get_term,
    import_terms,
    list_terms,
    project_matcher,
)
from workflow.models import GlossaryTerm
from workflow.partners import update_partner
from workflow.projects import create_project, get_project
from workflow.storage import Database
from workflow.users import OPERATOR, resolve_actor

COMMITTEE = GlossaryEntry("Ủy ban nhân dân", "People's Committee")


def _add(
    database: Database, entry: GlossaryEntry, scope: str = "project", project: str = "P"
) -> tuple[int, int]:
    with database.write() as session:
        actor = resolve_actor(session, "admin")
        term = add_term(session, actor, get_project(session, project), entry, scope=scope)
        return term.id, term.version


def _terms(database: Database, project: str = "P", **filters: str) -> list[tuple[str, str, str]]:
    with database.read() as session:
        terms = list_terms(session, get_project(session, project), **filters)  # type: ignore[arg-type]
    return [(t.scope, t.entry.source, t.entry.target) for t in terms]


def test_terms_are_listed_by_scope_and_found_with_or_without_diacritics(any_db: Database) -> None:
    seed_project(any_db, ["Câu."])
    _add(any_db, GlossaryEntry("Sở Y tế", "Department of Health"), "project")
    _add(any_db, COMMITTEE, "global")
    _add(any_db, GlossaryEntry("hòa giải", "mediation", variants=("conciliation",)), "partner")
    assert _terms(any_db) == [
        ("global", "Ủy ban nhân dân", "People's Committee"),
        ("partner", "hòa giải", "mediation"),
        ("project", "Sở Y tế", "Department of Health"),
    ]
    assert _terms(any_db, scope="partner") == [("partner", "hòa giải", "mediation")]
    assert [t[1] for t in _terms(any_db, search="uy BAN")] == ["Ủy ban nhân dân"]
    assert [t[1] for t in _terms(any_db, search="hoà")] == ["hòa giải"]  # other tone placement
    assert [t[1] for t in _terms(any_db, search="hoa")] == ["hòa giải"]  # no diacritics typed
    assert _terms(any_db, search="hóa") == []  # diacritics typed: a different word
    assert [t[1] for t in _terms(any_db, search="concil")] == ["hòa giải"]  # a variant


def test_the_same_term_is_refused_in_one_scope_but_allowed_in_another(any_db: Database) -> None:
    seed_project(any_db, ["Câu."])
    term_id, _ = _add(any_db, COMMITTEE, "project")
    with pytest.raises(InvalidInput, match=rf"already has .* as term {term_id}: edit that term"):
        _add(any_db, GlossaryEntry("ủy ban nhân dân", "people's committee"), "project")
    _add(any_db, COMMITTEE, "global")  # another scope: allowed, the project's one wins
    assert len(_terms(any_db)) == 2


def test_a_stale_edit_or_delete_is_refused_with_both_texts(any_db: Database) -> None:
    seed_project(any_db, ["Câu."])
    term_id, version = _add(any_db, COMMITTEE)
    with any_db.write() as session:
        actor = resolve_actor(session, "admin")
        project = get_project(session, "P")
        saved = edit_term(
            session,
            actor,
            project,
            term_id,
            GlossaryEntry("Ủy ban nhân dân", "Municipal People's Committee"),
            expected_version=version,
        )
    assert saved.version == version + 1
    with pytest.raises(Conflict) as stale:
        with any_db.write() as session:
            edit_term(
                session,
                resolve_actor(session, "admin"),
                get_project(session, "P"),
                term_id,
                GlossaryEntry("Ủy ban nhân dân", "Provincial Committee"),
                expected_version=version,
            )
    message = str(stale.value)
    assert "Municipal People's Committee" in message and "Provincial Committee" in message
    assert "\n" not in message and stale.value.current_version == version + 1
    with pytest.raises(Conflict, match="not deleted"):
        with any_db.write() as session:
            project = get_project(session, "P")
            delete_term(
                session, resolve_actor(session, "admin"), project, term_id, expected_version=version
            )
    assert _terms(any_db) == [("project", "Ủy ban nhân dân", "Municipal People's Committee")]
    with any_db.write() as session:
        actor, project = resolve_actor(session, "admin"), get_project(session, "P")
        delete_term(session, actor, project, term_id, expected_version=version + 1)
    assert _terms(any_db) == []
    with pytest.raises(NotFound, match=f"no glossary term {term_id}"):
        with any_db.write() as session:
            actor, project = resolve_actor(session, "admin"), get_project(session, "P")
            delete_term(session, actor, project, term_id, expected_version=version + 1)


def test_import_is_all_or_nothing_and_counts_existing_terms(any_db: Database) -> None:
    seed_project(any_db, ["Câu."])
    first = (
        "source,target,note\nỦy ban nhân dân,People's Committee,\nSở Y tế,Department of Health,\n"
    )
    with any_db.write() as session:
        outcome = import_terms(
            session,
            resolve_actor(session, "admin"),
            get_project(session, "P"),
            read_glossary_bytes(first.encode(), "terms.csv"),
            scope="project",
        )
    assert (outcome.added, outcome.updated, outcome.unchanged) == (2, 0, 0)
    second = (
        "source,target,note\n"
        "UỶ BAN NHÂN DÂN,People's Committee,the executive body\n"  # same term, new note
        "Sở Y tế,Department of Health,\n"  # identical
        "Bộ Tài chính,Ministry of Finance,\n"
    )
    entries = read_glossary_bytes(second.encode(), "terms.csv")
    with any_db.write() as session:
        actor, project = resolve_actor(session, "admin"), get_project(session, "P")
        skipping = import_terms(
            session, actor, project, entries, scope="project", update_existing=False
        )
        assert (skipping.added, skipping.skipped, skipping.unchanged) == (1, 1, 1)
        session.rollback()  # the caller decides: here, try again updating instead
    with any_db.write() as session:
        actor, project = resolve_actor(session, "admin"), get_project(session, "P")
        outcome = import_terms(session, actor, project, entries, scope="project")
    assert outcome.summary() == "1 added, 1 updated, 1 unchanged, 0 skipped"
    with any_db.read() as session:
        notes = {
            t.entry.source: (t.entry.note, t.version)
            for t in list_terms(session, get_project(session, "P"))
        }
    assert notes["UỶ BAN NHÂN DÂN"] == ("the executive body", 2)  # the file's spelling wins
    assert len(notes) == 3

    too_long = [
        GlossaryEntry("Bộ Y tế", "Ministry of Health"),
        GlossaryEntry("a", "b", domain="d" * 101),
    ]
    with pytest.raises(InvalidInput, match="domain of 'a' is longer than 100"):
        with any_db.write() as session:
            actor, project = resolve_actor(session, "admin"), get_project(session, "P")
            import_terms(session, actor, project, too_long, scope="project")
    assert len(_terms(any_db)) == 3  # the first, good entry was not kept either


def test_only_glossary_managers_change_glossaries(sqlite_db: Database) -> None:
    seed_project(sqlite_db, ["Câu."])
    add_users(sqlite_db)
    term_id, version = _add(sqlite_db, COMMITTEE)
    with sqlite_db.write() as session:
        translator, project = resolve_actor(session, "tran"), get_project(session, "P")
        attempts = [
            lambda: add_term(session, translator, project, COMMITTEE, scope="global"),
            lambda: edit_term(
                session, translator, project, term_id, COMMITTEE, expected_version=version
            ),
            lambda: delete_term(session, translator, project, term_id, expected_version=version),
            lambda: import_terms(session, translator, project, [COMMITTEE], scope="project"),
        ]
        for attempt in attempts:
            with pytest.raises(
                PermissionDenied, match=r"^tran \(translator\) may not manage glossary"
            ):
                attempt()
        reviewer = resolve_actor(session, "rev")
        add_term(
            session,
            reviewer,
            project,
            GlossaryEntry("Bộ Y tế", "Ministry of Health"),
            scope="project",
        )
    assert len(_terms(sqlite_db)) == 2


def test_partner_terms_are_shared_and_project_terms_are_not(sqlite_db: Database) -> None:
    seed_project(sqlite_db, ["Câu."], name="A")
    with sqlite_db.write() as session:
        admin = resolve_actor(session, "admin")
        create_project(session, admin, "B")  # same (generic) partner
        create_project(session, admin, "C", "USAID")
    _add(sqlite_db, GlossaryEntry("hòa giải", "mediation"), "partner", project="A")
    own_id, _ = _add(sqlite_db, COMMITTEE, "project", project="A")
    assert _terms(sqlite_db, project="B") == [("partner", "hòa giải", "mediation")]
    assert _terms(sqlite_db, project="C") == []
    with sqlite_db.read() as session, pytest.raises(NotFound, match="project 'B'"):
        get_term(session, get_project(session, "B"), own_id)


def test_effective_glossary_layers_override_by_source(sqlite_db: Database) -> None:
    seed_project(sqlite_db, ["Câu."])
    with sqlite_db.read() as session:
        shipped = effective_entries(session, get_project(session, "P"))
    shipped_committee = [e.target for e in shipped if e.source == "Ủy ban nhân dân"]
    assert shipped_committee == ["People's Committee"]

    _add(sqlite_db, GlossaryEntry("Ủy ban nhân dân", "Municipal Committee"), "global")
    _add(sqlite_db, GlossaryEntry("Ủy ban nhân dân", "People's Council"), "partner")
    _add(sqlite_db, GlossaryEntry("Ủy ban nhân dân", "City Committee"), "project")
    # A layer that only forbids adds its ban and drops the inherited entry it contradicts.
    _add(sqlite_db, GlossaryEntry("tỉnh", "Province", status="forbidden"), "project")
    _add(sqlite_db, GlossaryEntry("tỉnh", "province of", status="forbidden"), "global")
    with sqlite_db.read() as session:
        entries = effective_entries(session, get_project(session, "P"))
    by_source: dict[str, list[tuple[str, TermStatus]]] = {}
    for entry in entries:
        by_source.setdefault(entry.source, []).append((entry.target, entry.status))
    assert by_source["Ủy ban nhân dân"] == [("City Committee", TermStatus.PREFERRED)]
    assert by_source["tỉnh"] == [
        ("province of", TermStatus.FORBIDDEN),
        ("Province", TermStatus.FORBIDDEN),
    ]
    assert len(entries) == len(shipped) + 1  # the global ban on "province of" is the extra

    with sqlite_db.write() as session:
        update_partner(session, OPERATOR, "generic", {"glossaries": []})
    with sqlite_db.read() as session:
        without_shipped = effective_entries(session, get_project(session, "P"))
    assert sorted(e.target for e in without_shipped) == [
        "City Committee",
        "Province",
        "province of",
    ]


def test_project_matcher_is_reused_until_the_glossary_changes(any_db: Database) -> None:
    seed_project(any_db, ["Câu."])
    text = "Ủy ban nhân dân và Sở Văn hóa"

    def targets() -> tuple[object, list[str]]:
        with any_db.read() as session:
            matcher = project_matcher(session, get_project(session, "P"))
        return matcher, [hit.entry.target for hit in matcher.find(text)]

    first, found = targets()
    assert found == ["People's Committee", "Department"]  # shipped: "Sở" alone
    assert targets()[0] is first
    term_id, version = _add(any_db, GlossaryEntry("Sở Văn hóa", "Department of Culture"))
    second, found = targets()
    assert second is not first and found == ["People's Committee", "Department of Culture"]
    assert targets()[0] is second
    with any_db.write() as session:
        actor, project = resolve_actor(session, "admin"), get_project(session, "P")
        edit_term(
            session,
            actor,
            project,
            term_id,
            GlossaryEntry("Sở Văn hóa", "Culture Department"),
            expected_version=version,
        )
    assert targets()[1] == ["People's Committee", "Culture Department"]
    with any_db.write() as session:
        actor, project = resolve_actor(session, "admin"), get_project(session, "P")
        delete_term(session, actor, project, term_id, expected_version=version + 1)
    assert targets()[1] == ["People's Committee", "Department"]


def test_export_reads_back_as_the_same_terms(any_db: Database) -> None:
    seed_project(any_db, ["Câu."])
    entries = [
        GlossaryEntry("Bộ Ngoại giao", "Ministry of Foreign Affairs", variants=("MOFA",), note="n"),
        GlossaryEntry("Sở", "Department", case_sensitive=True, pos="noun"),
        GlossaryEntry("Bộ Ngoại giao", "Foreign Ministry", status="forbidden"),
    ]
    with any_db.write() as session:
        actor, project = resolve_actor(session, "admin"), get_project(session, "P")
        import_terms(session, actor, project, entries, scope="project")
    with any_db.read() as session:
        project = get_project(session, "P")
        exported = {
            name: export_glossary(session, OPERATOR, project, scope="project", file_format=name)
            for name in ("csv", "tsv", "tbx")
        }
        effective_csv = export_glossary(session, OPERATOR, project, file_format="csv")
        effective_count = len(effective_entries(session, project))
    expected = sorted((e.source, e.target, e.status, e.variants, e.case_sensitive) for e in entries)
    for name, data in exported.items():
        back = read_glossary_bytes(data, f"out.{name}")
        assert (
            sorted((e.source, e.target, e.status, e.variants, e.case_sensitive) for e in back)
            == expected
        )
        assert {e.scope for e in back} == {"project"}
    assert b"\t" in exported["tsv"].splitlines()[0]
    assert len(read_glossary_bytes(effective_csv, "all.csv")) == effective_count > 100
    with any_db.read() as session, pytest.raises(InvalidInput, match="unknown glossary format"):
        export_glossary(session, OPERATOR, get_project(session, "P"), file_format="xlsx")


def test_partner_scope_needs_a_partner_and_scopes_are_checked(sqlite_db: Database) -> None:
    seed_project(sqlite_db, ["Câu."])
    with sqlite_db.write() as session:
        get_project(session, "P").partner_id = None
    with pytest.raises(InvalidInput, match="has no partner profile"):
        _add(sqlite_db, COMMITTEE, "partner")
    with pytest.raises(InvalidInput, match="unknown glossary scope 'team'"):
        _add(sqlite_db, COMMITTEE, "team")
    with sqlite_db.read() as session:
        assert session.query(GlossaryTerm).count() == 0
