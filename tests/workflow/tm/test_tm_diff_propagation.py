"""Word differences for highlighting, and auto-propagation of repeated segments."""

from __future__ import annotations

import unicodedata

from workflow.tm.diff import diff_words, same_words
from workflow.tm.propagation import Propagation, SegmentText, propagations


def test_diff_words_marks_changed_words_and_rebuilds_the_new_text() -> None:
    old = "Năm 2021, Bộ Tài chính họp tại Hà Nội."
    new = "Năm 2022, bộ tài chính đã họp tại Huế."
    spans = diff_words(old, new)
    assert spans == [
        ("equal", "Năm "),
        ("delete", "2021"),
        ("insert", "2022"),
        ("equal", ", bộ tài chính "),
        ("insert", "đã "),
        ("equal", "họp tại "),
        ("delete", "Hà Nội"),
        ("insert", "Huế"),
        ("equal", "."),
    ]
    assert "".join(text for op, text in spans if op != "delete") == new


def test_diff_words_treats_tone_placement_nfd_and_codes_as_words() -> None:
    old = "Hòa bình <g1>lâu dài</g1>."
    new = unicodedata.normalize("NFD", "hoà bình lâu dài.")
    spans = diff_words(old, new)
    assert spans == [
        ("equal", new[: len(unicodedata.normalize("NFD", "hoà bình "))]),
        ("delete", "<g1>"),
        ("equal", unicodedata.normalize("NFD", "lâu dài")),
        ("delete", "</g1>"),
        ("equal", "."),
    ]
    assert diff_words("", "Mới.") == [("insert", "Mới.")]
    assert diff_words("Cũ.", "Cũ.") == [("equal", "Cũ.")]


def test_same_words() -> None:
    assert same_words("Hòa  bình.", "HOÀ bình.")
    assert not same_words("Hòa bình.", "Hòa bình!")


def test_propagation_fills_untranslated_repeats_only() -> None:
    confirmed = SegmentText(1, "Xin cảm ơn.", "Thank you.")
    segments = [
        confirmed,
        SegmentText(2, "Xin cảm ơn.", ""),
        SegmentText(3, "XIN CẢM ƠN.", ""),
        SegmentText(4, "Xin cảm ơn.", "Thanks."),  # already translated: left alone
        SegmentText(5, "Xin cảm ơn!", ""),  # different punctuation: not a repeat
        SegmentText(6, "Xin <g1>cảm ơn</g1>.", ""),  # codes differ: the target would not fit
        SegmentText(7, "Xin cảm ơn.", "<x1/>"),  # only a code: still untranslated
    ]
    assert propagations(segments, confirmed) == [
        Propagation(2, "Thank you.", exact_source=True),
        Propagation(3, "Thank you.", exact_source=False),
        Propagation(7, "Thank you.", exact_source=True),
    ]


def test_nothing_to_propagate_from_an_empty_translation() -> None:
    segments = [SegmentText(1, "A.", ""), SegmentText(2, "A.", "")]
    assert propagations(segments, segments[0]) == []
