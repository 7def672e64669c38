"""Safe XML parsing: entities refused in any encoding, nothing fetched, lxml limits on."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from contract import one_line_error
from lxml import etree

from exporters import safe_xml
from primitives.errors import InvalidInput

# Pure code: SQLite half only (tests/conftest.py).
pytestmark = pytest.mark.database_free

BOMB = '<?xml version="1.0" encoding="{encoding}"?><!DOCTYPE r [<!ENTITY a "aaaa">]><r>&a;</r>'


@pytest.mark.parametrize("codec", ["utf-8", "utf-16", "utf-16-le", "utf-16-be"])
def test_entity_declarations_are_refused_before_parsing(codec: str) -> None:
    data = BOMB.format(encoding="UTF-16" if "16" in codec else "UTF-8").encode(codec)
    assert safe_xml.declares_entities(data)
    error = one_line_error(safe_xml.parse, data, "bomb.xml")
    assert (error.code, str(error)) == (
        "xml.entities",
        "bomb.xml declares XML entities (<!ENTITY), which are refused for safety",
    )


def test_an_entity_declaration_the_byte_scan_misses_is_refused_after_parsing() -> None:
    # The same declaration in a parsed tree (as from an encoding the scan does not know).
    tree = etree.fromstring(BOMB.format(encoding="UTF-8").encode()).getroottree()
    assert safe_xml.has_internal_entities(tree)
    bare = etree.fromstring(b'<!DOCTYPE tmx SYSTEM "tmx14.dtd"><tmx/>').getroottree()
    assert not safe_xml.has_internal_entities(bare)


def test_a_bare_doctype_is_allowed_and_its_dtd_never_loaded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.dtd"
    secret.write_text('<!ATTLIST r fetched CDATA "yes">', encoding="utf-8")
    data = f'<!DOCTYPE r SYSTEM "{secret.as_uri()}"><r/>'.encode()
    root = safe_xml.parse(data, "r.xml")
    assert root.tag == "r" and root.get("fetched") is None  # the DTD's default never applied


def test_refusals_are_one_line_and_worded_by_the_format() -> None:
    error = one_line_error(safe_xml.parse, b"<r>\n<a>\n</r>", "broken.xml")
    assert error.code == "xml.not_well_formed"
    assert str(error).startswith("broken.xml is not well-formed XML at line 3: ")
    assert "column" not in str(error)
    assert one_line_error(safe_xml.parse, b"  ", "blank.xml").code == "xml.empty"
    too_large = one_line_error(safe_xml.parse, b"<r/>" * 10, "big.xml", max_bytes=8)
    assert too_large.code == "xml.too_large"
    own = safe_xml.Refusals(
        entities=safe_xml.Refusal("x.entities", "{filename}: no entities"),
        malformed=safe_xml.Refusal("x.bad", "{filename} line {line}: {reason}"),
    )
    assert str(one_line_error(safe_xml.parse, b"", "e.x", refusals=own)).startswith(
        "e.x line 1: Document is empty"
    )


def test_lxml_limits_stay_on() -> None:
    deep = b"<a>" * 300 + b"</a>" * 300  # deeper than libxml2 allows without huge_tree
    assert isinstance(one_line_error(safe_xml.parse, deep, "deep.xml"), InvalidInput)
    huge_text = b"<a>" + b"x" * 10_000_001 + b"</a>"  # one text node over 10 MB
    one_line_error(safe_xml.parse, huge_text, "huge.xml")
    assert safe_xml.PARSER_OPTIONS["recover"] is False
    assert safe_xml.PARSER_OPTIONS["resolve_entities"] is False


def test_comments_and_processing_instructions_are_dropped_unless_kept() -> None:
    data = b"<r><!-- c --><?pi x?><a/></r>"
    assert [child.tag for child in safe_xml.parse(data, "r.xml")] == ["a"]
    kept = etree.fromstring(data, safe_xml.parser(keep_comments=True))
    assert len(kept) == 3


def test_entity_watch_sees_a_declaration_split_across_chunks() -> None:
    for declaration in safe_xml.ENTITY_DECLARATIONS:
        data = b"<r>" + b"x" * 50 + declaration + b"</r>"
        for cut in range(1, len(data)):
            watch = safe_xml.EntityWatch()
            assert watch.seen_in(data[:cut]) or watch.seen_in(data[cut:]), cut
    watch = safe_xml.EntityWatch()
    assert not watch.seen_in(b"<!ENT") and not watch.seen_in(b"RY x>")


def test_iterparse_uses_the_same_options() -> None:
    events = list(safe_xml.iterparse(BytesIO(b"<r><a/></r>")))
    assert [(event, element.tag) for event, element in events] == [
        ("start", "r"),
        ("start", "a"),
        ("end", "a"),
        ("end", "r"),
    ]
