"""TM units in TMX files: what a TM unit is in a TMX unit, both ways (the format itself is
tested in tests/exporters/test_tmx.py)."""

from __future__ import annotations

from lxml import etree
from songngu_testing import SCHEMAS_DIR

from exporters import tmx
from primitives.units import Note, Unit
from workflow.tm.model import TMUnit
from workflow.tm.tmx import read_tmx, tm_unit_of, tmx_unit_of, write_tmx

UNITS = [
    TMUnit(
        source="Nhấn <g1>Lưu</g1> để ghi.<x2/>",
        target="Press <g1>Save</g1> to write.<x2/>",
        unit_id=7,
        prev_source="Mở tệp.",
        next_source="Đóng tệp.",
        origin="project:3",
        created_by="lan",
        created_at="2024-05-01T16:30:00+07:00",
        note="Thuật ngữ đã duyệt",
    ),
    TMUnit(source="Ngày 9/8/2022 & <hội nghị>", target="9 August 2022 & <conference>"),
    TMUnit(source="<g1>mở <g2>đầu</g1> chéo</g2>", target="<g1>crossed <g2>open</g1> tags</g2>"),
]


def test_round_trip_keeps_text_codes_context_and_metadata() -> None:
    data = write_tmx(UNITS, tool_version="0.1.0", creation_date="2024-05-02T08:00:00Z")
    dtd = etree.DTD(str(SCHEMAS_DIR / "tmx-1.4" / "tmx14.dtd"))
    document = etree.fromstring(data)
    assert dtd.validate(document), dtd.error_log.filter_from_errors()
    header = document.find("header")
    assert (header.get("creationtoolversion"), header.get("creationdate")) == (
        "0.1.0",
        "20240502T080000Z",
    )
    result = read_tmx(data, "back.tmx")
    first, second, third = result.units
    assert first == TMUnit(
        source=UNITS[0].source,
        target=UNITS[0].target,
        unit_id="7",
        prev_source="Mở tệp.",
        next_source="Đóng tệp.",
        origin="project:3",
        created_by="lan",
        created_at="2024-05-01T09:30:00Z",
        note="Thuật ngữ đã duyệt",
    )
    assert (second.source, second.target) == (UNITS[1].source, UNITS[1].target)
    assert (third.source, third.target) == (UNITS[2].source, UNITS[2].target)
    assert result.warnings == []


def test_a_unit_without_origin_comes_from_its_file() -> None:
    unit = tm_unit_of(Unit("Xin chào.", "Hello.", id="u1"), "memory.tmx")
    assert (unit.unit_id, unit.origin, unit.prev_source, unit.note) == (
        "u1",
        "tmx:memory.tmx",
        "",
        "",
    )
    (read,) = read_tmx(write_tmx([TMUnit("Xin chào.", "Hello.")], tool_version="1"), "m.tmx").units
    assert read.origin == "tmx:m.tmx"


def test_tm_unit_fields_map_to_tmx_unit_fields() -> None:
    unit = tmx_unit_of(UNITS[0])
    assert unit == Unit(
        source=UNITS[0].source,
        target=UNITS[0].target,
        id=7,
        notes=[Note("Thuật ngữ đã duyệt")],
        changed_by="lan",
        changed_at="2024-05-01T16:30:00+07:00",
        props={
            tmx.CONTEXT_BEFORE: "Mở tệp.",
            tmx.CONTEXT_AFTER: "Đóng tệp.",
            tmx.ORIGIN_PROP: "project:3",
        },
    )
    assert tmx_unit_of(UNITS[1]).props == {} and tmx_unit_of(UNITS[1]).notes == []
    # Notes of the unit and both variants come back as one TM note, a line each.
    joined = tm_unit_of(Unit("a", "b", notes=[Note("một"), Note("hai")]), "x.tmx")
    assert joined.note == "một\nhai"


def test_other_language_pair_and_skipped_count() -> None:
    data = write_tmx([TMUnit("Xin chào", "Bonjour")], target_lang="fr-FR", tool_version="1")
    assert read_tmx(data, "x.tmx", target_lang="fr").units[0].target == "Bonjour"
    assert read_tmx(data, "x.tmx").skipped_other_language == 1
