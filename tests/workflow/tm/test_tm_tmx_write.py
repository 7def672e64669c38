"""Writing TMX 1.4: valid against the LISA DTD and read back unchanged."""

from __future__ import annotations

import pytest
from lxml import etree
from songngu_testing import SCHEMAS_DIR

from workflow.tm.model import TMUnit
from workflow.tm.tmx_read import read_tmx
from workflow.tm.tmx_write import iso_to_tmx_date, text_to_seg, write_tmx

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


def _dtd() -> etree.DTD:
    path = SCHEMAS_DIR / "tmx-1.4" / "tmx14.dtd"
    if not path.is_file():
        pytest.fail(f"TMX DTD not found at {path}: set SONGNGU_SCHEMAS_DIR")
    return etree.DTD(str(path))


def test_written_tmx_is_valid_against_the_tmx14_dtd() -> None:
    data = write_tmx(UNITS, tool_version="0.1.0", creation_date="2024-05-02T08:00:00Z")
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<!DOCTYPE tmx SYSTEM")
    dtd = _dtd()
    document = etree.fromstring(data)
    assert dtd.validate(document), dtd.error_log.filter_from_errors()
    header = document.find("header")
    assert header.get("srclang") == "vi"
    assert header.get("creationdate") == "20240502T080000Z"


def test_round_trip_keeps_text_codes_context_and_metadata() -> None:
    result = read_tmx(write_tmx(UNITS, tool_version="0.1.0"), "back.tmx")
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


def test_unpaired_tags_become_isolated_codes_and_stay_valid() -> None:
    seg = text_to_seg("a <g1>b <x2/> c</g3> d")
    assert [child.tag for child in seg] == ["it", "ph", "it"]
    assert [child.get("pos") for child in seg] == ["begin", None, "end"]
    units = [TMUnit("a <g1>b <x2/> c</g3> d", "x")]
    assert _dtd().validate(etree.fromstring(write_tmx(units, tool_version="1")))


def test_characters_xml_forbids_are_replaced_not_crashing() -> None:
    units = [TMUnit("dòng một\x0bdòng hai\x01", "line one\x0cline two\ufffe")]
    (unit,) = read_tmx(write_tmx(units, tool_version="1"), "x.tmx").units
    assert unit.source == "dòng một\ndòng hai"
    assert unit.target == "line one\nline two"


def test_other_language_pair_and_dates() -> None:
    data = write_tmx([TMUnit("Xin chào", "Bonjour")], target_lang="fr-FR", tool_version="1")
    assert read_tmx(data, "x.tmx", target_lang="fr").units[0].target == "Bonjour"
    assert read_tmx(data, "x.tmx").skipped_other_language == 1
    assert iso_to_tmx_date("2024-05-01T09:30:00") == "20240501T093000Z"
    assert iso_to_tmx_date("yesterday") == ""
