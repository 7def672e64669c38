"""Bilingual TSV (source<TAB>target): the format contract, headers, escapes, line numbers."""

from __future__ import annotations

import codecs

import pytest
from contract import BilingualContract, one_line_error

from exporters.bilingual_tsv import PairsTSVFormat
from exporters.registry import get_format
from primitives.units import Store, Unit

# Pure code: SQLite half only (tests/conftest.py).
pytestmark = pytest.mark.database_free


class TestPairsTSV(BilingualContract):
    format_name = "tsv-pairs"
    is_xml = False


def _read(data: bytes) -> Store:
    return get_format("tsv-pairs", "bilingual").read(data, "giao-hang.tsv")


def test_units_are_numbered_by_line_and_a_header_is_skipped() -> None:
    data = "source\ttarget\nMột.\tOne.\n\n   \nHai.\tTwo.\n".encode()
    store = _read(codecs.BOM_UTF8 + data)
    assert [(u.id, u.source, u.target) for u in store] == [(2, "Một.", "One."), (5, "Hai.", "Two.")]


def test_a_first_line_that_is_a_pair_is_kept() -> None:
    store = _read("Nguồn tin\tSource of news\nHai.\tTwo.\n".encode())
    assert [u.id for u in store] == [1, 2]


def test_a_line_without_a_tab_is_a_source_without_target() -> None:
    store = _read("Một.\tOne.\nHai chưa dịch.\r\nBa.\tThree.\r\n".encode())
    assert [(u.source, u.target) for u in store] == [
        ("Một.", "One."),
        ("Hai chưa dịch.", ""),
        ("Ba.", "Three."),
    ]


def test_extra_columns_survive_a_round_trip() -> None:
    store = _read("Một.\tOne.\tghi chú\tB\n".encode())
    assert store.units[0].props == {"column 3": "ghi chú", "column 4": "B"}
    back = _read(PairsTSVFormat().write(store))
    assert [(u.source, u.target, u.props) for u in back] == [
        ("Một.", "One.", {"column 3": "ghi chú", "column 4": "B"})
    ]


def test_escapes_stand_for_tabs_line_breaks_and_backslashes() -> None:
    store = Store([Unit("a\tb\nc\\d", "x\\ty")])
    data = PairsTSVFormat().write(store)
    assert data == b"source\ttarget\na\\tb\\nc\\\\d\tx\\\\ty\n"
    assert [(u.source, u.target) for u in _read(data)] == [("a\tb\nc\\d", "x\\ty")]


def test_a_file_without_tabs_is_refused_in_one_line() -> None:
    error = one_line_error(_read, "Chỉ có một dòng văn bản.\nVà dòng nữa.\n".encode())
    assert error.code == "tsv_pairs.no_tabs"
    assert "giao-hang.tsv has no tab-separated line" in str(error)
