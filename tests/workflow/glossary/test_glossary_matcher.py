"""Recognition of glossary terms in Vietnamese source text."""

from __future__ import annotations

import unicodedata

import pytest

from workflow.glossary import GlossaryEntry, TermMatcher, TermStatus


def _found(matcher: TermMatcher, text: str) -> list[tuple[str, str]]:
    return [(hit.text, hit.entry.target) for hit in matcher.find(text)]


@pytest.fixture(scope="module")
def matcher() -> TermMatcher:
    return TermMatcher(
        [
            GlossaryEntry("Ủy ban nhân dân thành phố", "municipal People's Committee"),
            GlossaryEntry("Ủy ban nhân dân", "People's Committee"),
            GlossaryEntry("Ủy ban", "Committee"),
            GlossaryEntry("UBND", "People's Committee", case_sensitive=True),
            GlossaryEntry("Sở", "Department", case_sensitive=True),
            GlossaryEntry("xã", "commune"),
            GlossaryEntry("GS.TS", "Prof. Dr.", case_sensitive=True),
            GlossaryEntry("PGS.TS", "Assoc. Prof. Dr.", case_sensitive=True),
            GlossaryEntry("TS", "Dr.", case_sensitive=True),
            GlossaryEntry("hòa bình", "peace"),
            GlossaryEntry("Bộ Lao động - Thương binh và Xã hội", "MOLISA"),
        ]
    )


def test_longest_match_wins_and_offsets_point_into_the_text(matcher: TermMatcher) -> None:
    text = "Ủy ban nhân dân thành phố họp với Ủy ban nhân dân xã"
    hits = matcher.find(text)
    assert [(h.start, h.end, h.entry.target) for h in hits] == [
        (0, 25, "municipal People's Committee"),
        (34, 49, "People's Committee"),
        (50, 52, "commune"),
    ]
    assert all(text[h.start : h.end] == h.text for h in hits)


def test_terms_match_on_syllable_boundaries_only() -> None:
    only_xa = TermMatcher([GlossaryEntry("xã", "commune"), GlossaryEntry("TS", "Dr.")])
    assert _found(only_xa, "xãhội và xã") == [("xã", "commune")]
    assert _found(only_xa, "TSKH Lê") == []
    assert _found(only_xa, "bài số 3xã") == []


def test_case_sensitive_entry_needs_the_capitals(matcher: TermMatcher) -> None:
    assert _found(matcher, "cơ sở hạ tầng") == []
    assert _found(matcher, "Giám đốc Sở đến") == [("Sở", "Department")]
    assert _found(matcher, "ubnd tỉnh") == []
    assert _found(matcher, "UBND tỉnh") == [("UBND", "People's Committee")]


def test_case_insensitive_entry_matches_any_case(matcher: TermMatcher) -> None:
    assert _found(matcher, "ỦY BAN NHÂN DÂN") == [("ỦY BAN NHÂN DÂN", "People's Committee")]


def test_nfd_text_and_old_tone_placement_match_with_original_offsets(matcher: TermMatcher) -> None:
    text = unicodedata.normalize("NFD", "Vì hoà bình, Uỷ ban nhân dân")
    hits = matcher.find(text)
    assert [h.entry.target for h in hits] == ["peace", "People's Committee"]
    assert [h.text for h in hits] == [text[h.start : h.end] for h in hits]
    assert unicodedata.normalize("NFC", hits[0].text) == "hoà bình"
    assert hits[1].end == len(text)


def test_abbreviated_titles_do_not_match_inside_longer_titles(matcher: TermMatcher) -> None:
    found = _found(matcher, "PGS.TS Nguyễn An, GS.TS Lê Bình và TS. Trần Chi")
    assert found == [
        ("PGS.TS", "Assoc. Prof. Dr."),
        ("GS.TS", "Prof. Dr."),
        ("TS", "Dr."),
    ]


def test_inline_tags_are_skipped_and_offsets_cover_the_original(matcher: TermMatcher) -> None:
    text = "Ý kiến của <g1>Ủy ban</g1> nhân dân<x2/>xã"
    hits = matcher.find(text)
    assert [(h.text, h.entry.target) for h in hits] == [
        ("Ủy ban</g1> nhân dân", "People's Committee"),
        ("xã", "commune"),
    ]
    assert hits[0].start == text.index("Ủy")


def test_standalone_tag_separates_words_and_is_never_matched() -> None:
    matcher = TermMatcher([GlossaryEntry("ban nhân", "x"), GlossaryEntry("x2", "code")])
    assert _found(matcher, "ban<x2/>nhân") == [("ban<x2/>nhân", "x")]
    assert _found(matcher, "<x2/>") == []


def test_whitespace_runs_and_dashes_match_a_single_space_and_hyphen(matcher: TermMatcher) -> None:
    text = "Bộ Lao động \u2013 Thương binh\u00a0và  Xã hội"
    assert _found(matcher, text) == [(text, "MOLISA")]


def test_alternatives_for_one_span_come_preferred_first() -> None:
    matcher = TermMatcher(
        [
            GlossaryEntry("Bộ Công an", "Ministry of Police", status=TermStatus.FORBIDDEN),
            GlossaryEntry("Bộ Công an", "Ministry of Public Security"),
        ]
    )
    hits = matcher.find("Bộ Công an")
    assert [(h.start, h.end, h.entry.status) for h in hits] == [
        (0, 10, TermStatus.PREFERRED),
        (0, 10, TermStatus.FORBIDDEN),
    ]


def test_empty_glossary_and_empty_text_find_nothing() -> None:
    assert TermMatcher([]).find("Ủy ban") == []
    assert TermMatcher([GlossaryEntry("Ủy ban", "Committee")]).find("") == []
