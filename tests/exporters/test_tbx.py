"""TBX-Basic export (validated against the official RNG) and TBX v3/v2 import."""

from __future__ import annotations

import pytest
from contract import TermsContract
from lxml import etree
from songngu_testing import SCHEMAS_DIR

from exporters.tbx import read_tbx, write_tbx
from primitives.errors import InvalidInput
from primitives.terms import GlossaryEntry, TermStatus
from workflow.glossary import load_default_glossary

# Pure code: SQLite half only (tests/conftest.py).
pytestmark = pytest.mark.database_free


class TestTBXContract(TermsContract):
    format_name = "tbx"


@pytest.fixture(scope="module")
def tbx_schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMAS_DIR / "tbx" / "TBXcoreStructV03.rng")))


ENTRIES = [
    GlossaryEntry(
        source="Bộ Kế hoạch và Đầu tư",
        target="Ministry of Planning and Investment",
        variants=("MPI",),
        pos="noun",
        note="Merged into the Ministry of Finance <1 Mar 2025> & kept for old texts.",
        status=TermStatus.ADMITTED,
        case_sensitive=True,
        domain="ministry",
        scope="project",
        origin="Circular 03/2009/TT-BNG",
        date="2009-07-09",
        valid_until="2025-02-28",
    ),
    GlossaryEntry("UBND", "People's Committee", case_sensitive=True),
    GlossaryEntry("Bộ Công an", "Ministry of Police", status=TermStatus.FORBIDDEN),
    GlossaryEntry("Hà Nội", "", status=TermStatus.DO_NOT_TRANSLATE),
]


def test_export_is_valid_tbx_basic_and_round_trips(tbx_schema: etree.RelaxNG) -> None:
    data = write_tbx(ENTRIES, title="Test glossary")
    root = etree.fromstring(data)
    assert tbx_schema.validate(root), tbx_schema.error_log
    assert root.get("type") == "TBX-Basic" and root.get("style") == "dca"
    assert root.nsmap[None] == "urn:iso:std:iso:30042:ed-2"
    assert read_tbx(data, "t.tbx") == ENTRIES


def test_default_glossary_exports_valid_tbx(tbx_schema: etree.RelaxNG) -> None:
    entries = load_default_glossary()
    data = write_tbx(entries, title="songngu official names")
    assert tbx_schema.validate(etree.fromstring(data)), tbx_schema.error_log
    assert read_tbx(data, "default.tbx") == entries


def test_empty_glossary_exports_valid_tbx(tbx_schema: etree.RelaxNG) -> None:
    assert tbx_schema.validate(etree.fromstring(write_tbx([], title="empty")))


def test_tbx_basic_statuses_use_the_dialect_values() -> None:
    root = etree.fromstring(write_tbx(ENTRIES, title="t"))
    statuses = [
        e.text
        for e in root.iter("{urn:iso:std:iso:30042:ed-2}termNote")
        if e.get("type") == "administrativeStatus"
    ]
    assert statuses == [
        "supersededTerm-admn-sts",
        "admittedTerm-admn-sts",
        "preferredTerm-admn-sts",
        "deprecatedTerm-admn-sts",
        "preferredTerm-admn-sts",
    ]


MARTIF = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en-US">
  <martifHeader><fileDesc><sourceDesc><p>from an old tool</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="t1">
      <descrip type="subjectField">local government</descrip>
      <langSet xml:lang="vi-VN">
        <tig><term>Ủy ban nhân dân</term></tig>
        <ntig><termGrp><term>UBND</term></termGrp>
          <admin type="source">VNA</admin></ntig>
      </langSet>
      <langSet xml:lang="en-US">
        <descrip type="definition">Executive body of a province or commune.</descrip>
        <tig><term>People's Committee</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          <termNote type="partOfSpeech">noun</termNote></tig>
        <tig><term>People Committee</term>
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig>
        <tig><term>People's Commission</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
      </langSet>
    </termEntry>
  </body></text>
</martif>
"""


def test_tbx_v2_martif_import() -> None:
    entries = read_tbx(MARTIF.encode(), "old.tbx")
    note = "Executive body of a province or commune."
    common = {"domain": "local government", "note": note}
    assert entries == [
        GlossaryEntry(
            "Ủy ban nhân dân", "People's Committee", ("People Committee",), pos="noun", **common
        ),
        GlossaryEntry(
            "Ủy ban nhân dân", "People's Commission", status=TermStatus.FORBIDDEN, **common
        ),
        GlossaryEntry(
            "UBND", "People's Committee", ("People Committee",), pos="noun", origin="VNA", **common
        ),
        GlossaryEntry(
            "UBND", "People's Commission", status=TermStatus.FORBIDDEN, origin="VNA", **common
        ),
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY a "aaaa">]><tbx>&a;</tbx>',
            "bad.tbx declares XML entities (<!ENTITY)",
        ),
        (
            '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE tbx [<!ENTITY a "aaaa">]>'
            "<tbx>&a;</tbx>".encode("utf-16"),
            "bad.tbx declares XML entities (<!ENTITY)",
        ),
        (b"<tbx><text><body>", "bad.tbx line 1: not well-formed XML"),
        (b"<xliff/>", "bad.tbx is not TBX (root element <xliff>"),
        (
            b'<martif><text><body><termEntry id="a"><langSet xml:lang="vi"><tig><term>A</term>'
            b"</tig></langSet></termEntry></body></text></martif>",
            "bad.tbx line 1: no English (en) term",
        ),
        (b"<tbx><text/></tbx>", "bad.tbx holds no Vietnamese-English term entries"),
        (
            b'<martif><text><body>\n<termEntry id="a"><langSet xml:lang="vi"><tig><term>A</term>'
            b'</tig></langSet><langSet xml:lang="en"><tig><term>B</term><termNote '
            b'type="administrativeStatus">bestTerm</termNote></tig></langSet></termEntry>'
            b"</body></text></martif>",
            "bad.tbx line 2: unknown administrativeStatus 'bestTerm'",
        ),
    ],
)
def test_unusable_tbx_raises_one_line_invalid_input(data: bytes, expected: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        read_tbx(data, "bad.tbx")
    assert expected in str(caught.value)
    assert "\n" not in str(caught.value)


def _dialect_type_values() -> dict[str, set[str]]:
    """Allowed @type values per element, read from the official TBX-Basic Schematron.

    The .sch needs an XSLT 2 processor to run, so its data-category lists are checked
    here directly instead.
    """
    import re

    schematron = (SCHEMAS_DIR / "tbx" / "TBX-Basic_DCA.sch").read_text(encoding="utf-8-sig")
    allowed: dict[str, set[str]] = {}
    for element, test in re.findall(
        r'<rule context="tbx:(\w+)/@type">\s*<assert test="([^"]+)"', schematron
    ):
        allowed[element] = set(re.findall(r"\.='([^']+)'", test))
    return allowed


def test_export_uses_only_tbx_basic_data_categories() -> None:
    allowed = _dialect_type_values()
    assert {"termNote", "admin", "descrip", "transac"} <= set(allowed)
    root = etree.fromstring(write_tbx(load_default_glossary() + ENTRIES, title="t"))
    used = {
        (etree.QName(e).localname, e.get("type"))
        for e in root.iter()
        if isinstance(e.tag, str) and e.get("type") is not None and e.tag != root.tag
    }
    assert used and all(kind in allowed[element] for element, kind in used), used
    assert all(etree.QName(e).namespace == "urn:iso:std:iso:30042:ed-2" for e in root.iter())


def test_export_term_note_values_are_in_the_dialect_lists() -> None:
    import re

    schematron = (SCHEMAS_DIR / "tbx" / "TBX-Basic_DCA.sch").read_text(encoding="utf-8-sig")
    value_lists = {
        kind: set(re.findall(r"\.='([^']+)'", test))
        for kind, test in re.findall(
            r"<rule context=\"tbx:(?:termNote|transac)\[@type='(\w+)'\]\">"
            r"\s*<assert test=\"([^\"]+)\"",
            schematron,
        )
    }
    assert {"administrativeStatus", "partOfSpeech", "termType", "transactionType"} <= set(
        value_lists
    )
    root = etree.fromstring(write_tbx(load_default_glossary() + ENTRIES, title="t"))
    for element in root.iter("{*}termNote", "{*}transac"):
        kind = element.get("type")
        if kind in value_lists:
            assert element.text in value_lists[kind], (kind, element.text)


def test_dct_style_data_categories_are_read() -> None:
    data = (
        '<tbx xmlns="urn:iso:std:iso:30042:ed-2" xmlns:min="http://www.tbxinfo.net/ns/min" '
        'type="TBX-Min" style="dct" xml:lang="en"><text><body><conceptEntry id="c1">'
        '<langSec xml:lang="vi"><termSec><term>Bộ Công an</term></termSec></langSec>'
        '<langSec xml:lang="en"><termSec><term>Ministry of Police</term>'
        "<min:administrativeStatus>deprecatedTerm-admn-sts</min:administrativeStatus>"
        "</termSec></langSec></conceptEntry></body></text></tbx>"
    ).encode()
    assert read_tbx(data, "dct.tbx") == [
        GlossaryEntry("Bộ Công an", "Ministry of Police", status=TermStatus.FORBIDDEN)
    ]


def test_xml_forbidden_characters_pasted_from_word_do_not_break_exports() -> None:
    entry = GlossaryEntry("Bộ\x0bY tế", "Ministry of\x00Health", note="line one\x0bline two\n")
    assert (entry.source, entry.target, entry.note) == (
        "Bộ Y tế",
        "Ministry of Health",
        "line one line two",
    )
    data = write_tbx([entry], title="t")
    etree.fromstring(data)
    assert read_tbx(data, "t.tbx") == [entry]
