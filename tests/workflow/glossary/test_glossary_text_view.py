"""The matchable view of segment text and its map back to original offsets."""

from __future__ import annotations

import unicodedata

from workflow.glossary.text_view import make_view


def test_plain_nfc_text_is_its_own_view() -> None:
    view = make_view("Ủy ban nhân dân")
    assert view.text == "Ủy ban nhân dân" and view.starts is None
    assert view.original_span(3, 6) == (3, 6)


def test_tags_and_whitespace_runs_collapse_to_one_space() -> None:
    text = "a <x1/> b<g2>c</g2>\t\u00a0d"
    view = make_view(text)
    assert view.text == "a bc d"
    assert view.original_span(2, 4) == (8, 14)  # "b<g2>c" keeps the opening tag inside
    assert view.original_span(1, 2) == (1, 8)  # the space stands for " <x1/> "


def test_nfd_clusters_map_to_their_whole_original_span() -> None:
    text = unicodedata.normalize("NFD", "Đà Nẵng")
    view = make_view(text)
    assert view.text == "Đà Nẵng"
    assert view.original_span(0, 7) == (0, len(text))
    assert text[slice(*view.original_span(3, 7))] == unicodedata.normalize("NFD", "Nẵng")
