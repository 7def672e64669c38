"""English-side terminology check: inflection-tolerant, variants, forbidden terms."""

from __future__ import annotations

from workflow.glossary import (
    GlossaryEntry,
    IssueKind,
    TermMatcher,
    TermStatus,
    check_target,
)

MATCHER = TermMatcher(
    [
        GlossaryEntry("Bộ", "Ministry", case_sensitive=True),
        GlossaryEntry("Ủy ban nhân dân", "People's Committee"),
        GlossaryEntry("Ủy ban nhân dân", "People's Commission", status=TermStatus.FORBIDDEN),
        GlossaryEntry("Thành ủy", "municipal Party Committee", variants=("city Party Committee",)),
        GlossaryEntry("Hà Nội", "Ha Noi", variants=("Hanoi",)),
        GlossaryEntry("Đổi Mới", "", status=TermStatus.DO_NOT_TRANSLATE, case_sensitive=True),
        GlossaryEntry("chủ tịch", "chairman"),
        GlossaryEntry("chủ tịch", "chair", status=TermStatus.FORBIDDEN),
    ]
)


def _issues(source: str, target: str) -> list[tuple[str, str]]:
    return [
        (i.kind.value, i.found or i.expected[0]) for i in check_target(target, MATCHER.find(source))
    ]


def test_plural_possessive_and_capitalisation_count_as_the_term() -> None:
    assert _issues("các Bộ", "the ministries") == []
    assert _issues("Ủy ban nhân dân", "the people\u2019s committees\u2019 plans") == []
    assert _issues("Ủy ban nhân dân", "PEOPLE'S COMMITTEE'S decision") == []


def test_missing_term_is_reported_with_expected_forms() -> None:
    issues = check_target("The city council met.", MATCHER.find("Thành ủy họp."))
    assert [(i.kind, i.expected, i.source_text) for i in issues] == [
        (IssueKind.MISSING, ("municipal Party Committee", "city Party Committee"), "Thành ủy")
    ]
    assert issues[0].target_start == -1
    assert "municipal Party Committee" in issues[0].message


def test_listed_variant_satisfies_the_term() -> None:
    assert _issues("Thành ủy Hà Nội", "the Hanoi city Party Committee") == []


def test_forbidden_term_is_reported_with_its_target_span() -> None:
    target = "The People's Commission of Ha Noi"
    issues = check_target(target, MATCHER.find("Ủy ban nhân dân Hà Nội"))
    kinds = [(i.kind, i.found) for i in issues]
    assert kinds == [
        (IssueKind.MISSING, ""),
        (IssueKind.FORBIDDEN, "People's Commission"),
    ]
    forbidden = issues[1]
    assert target[forbidden.target_start : forbidden.target_end] == "People's Commission"
    assert forbidden.expected == ("People's Committee",)


def test_forbidden_word_inside_an_allowed_form_is_not_reported() -> None:
    assert _issues("chủ tịch", "the chairman spoke") == []
    assert _issues("chủ tịch", "the chair spoke") == [
        ("missing", "chairman"),
        ("forbidden", "chair"),
    ]


def test_do_not_translate_needs_the_source_form_diacritics_optional() -> None:
    assert _issues("Đổi Mới", "the Doi Moi policy") == []
    assert _issues("Đổi Mới", "the Đổi Mới policy") == []
    assert _issues("Đổi Mới", "the Renewal policy") == [("missing", "Đổi Mới")]


def test_word_boundaries_in_target() -> None:
    assert _issues("các Bộ", "the Ministryship") == [("missing", "Ministry")]


def test_inline_tags_in_target_do_not_hide_terms() -> None:
    assert _issues("Ủy ban nhân dân", "the <g1>People's</g1> Committee") == []


def test_dotted_titles_match_before_names() -> None:
    titles = TermMatcher(
        [
            GlossaryEntry("GS.TS", "Prof. Dr.", case_sensitive=True),
            GlossaryEntry("PGS.TS", "Assoc. Prof. Dr.", case_sensitive=True),
        ]
    )
    hits = titles.find("PGS.TS Lan và GS.TS Hùng")
    assert check_target("Assoc. Prof. Dr. Lan and Prof. Dr. Hung", hits) == []
    issues = check_target("Assoc. Prof. Lan and Prof. Hung", hits)
    assert [i.expected[0] for i in issues] == ["Assoc. Prof. Dr.", "Prof. Dr."]
    nested = check_target("Assoc. Prof. Dr. Lan and Prof. Hung", hits)
    assert [(i.kind, i.expected[0]) for i in nested] == [(IssueKind.MISSING, "Prof. Dr.")]


def test_one_target_occurrence_serves_repeated_source_terms() -> None:
    hits = MATCHER.find("Ủy ban nhân dân họp; Ủy ban nhân dân quyết định")
    assert len(hits) == 4  # two spans, each with a preferred and a forbidden alternative
    assert check_target("The People's Committee met and decided.", hits) == []
