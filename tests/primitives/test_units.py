"""Units and stores: plain data a format reads and writes, with trees of their texts."""

from __future__ import annotations

import pytest

from primitives.block_ref import BlockRef
from primitives.inline import Content, Paired, Text, parse
from primitives.statuses import Origin, Status
from primitives.units import METADATA_KEYS, Note, Store, Unit

# Pure code: SQLite half only (tests/conftest.py).
pytestmark = pytest.mark.database_free


def test_unit_texts_have_trees_both_ways() -> None:
    unit = Unit("Nhấn <g1>Lưu</g1>.", "Press <g1>Save</g1>.", id=12)
    assert unit.source_content == parse("Nhấn <g1>Lưu</g1>.")
    assert unit.target_content.nodes[1] == Paired(1, (Text("Save"),))
    unit.target_content = Content((Text("Bấm "), Paired(1, (Text("OK"),))))
    assert unit.target == "Bấm <g1>OK</g1>"


def test_unit_defaults_and_status() -> None:
    unit = Unit("Xin chào.")
    assert (unit.target, unit.id, unit.status, unit.origin, unit.version) == (
        "",
        None,
        Status.NEW,
        Origin.NONE,
        None,
    )
    assert unit.ref == BlockRef() and unit.notes == [] and unit.props == {}
    assert not unit.is_translated
    unit.status = Status.REVIEWED
    assert unit.is_translated
    note = unit.add_note("Kiểm tra tên riêng", author="lan", date="2024-05-01T09:30:00Z")
    assert unit.notes == [note] == [Note("Kiểm tra tên riêng", "lan", "2024-05-01T09:30:00Z")]
    # Mutable defaults are not shared between units.
    assert Unit("a").notes is not Unit("b").notes


def test_store_keeps_order_and_finds_units_by_id() -> None:
    store = Store(source_lang="vi", target_lang="en", metadata={"title": "Báo cáo"})
    first = store.add(Unit("Một.", id=1))
    store.extend([Unit("Hai.", id="2"), Unit("Ba.", id=1), Unit("Bốn.")])
    assert [unit.source for unit in store] == ["Một.", "Hai.", "Ba.", "Bốn."]
    assert len(store) == 4 and store.title == "Báo cáo"
    assert store.get(1) is first  # the first unit of an id given twice
    assert store.get("2") is store.units[1]
    assert store.get(2) is None and store.get("1") is None  # ids compare as given
    index = store.by_id()
    assert list(index) == [1, "2"] and index[1] is first
    assert {"title", "creator", "date"} <= set(METADATA_KEYS)
