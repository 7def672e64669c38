"""Entry validation and reading glossary files of either format from disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from primitives.errors import InvalidInput, NotFound
from workflow.glossary import (
    GlossaryEntry,
    TermStatus,
    read_glossary_file,
    write_glossary_csv,
    write_tbx,
)


def test_read_glossary_file_picks_the_format(tmp_path: Path) -> None:
    entries = [GlossaryEntry("Ủy ban nhân dân", "People's Committee", variants=("PC",))]
    (tmp_path / "g.csv").write_bytes(write_glossary_csv(entries))
    (tmp_path / "g.tbx").write_bytes(write_tbx(entries, title="g"))
    (tmp_path / "g-export").write_bytes(write_tbx(entries, title="g"))
    for name in ("g.csv", "g.tbx", "g-export"):
        assert read_glossary_file(tmp_path / name) == entries


def test_read_glossary_file_errors(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="does not exist"):
        read_glossary_file(tmp_path / "missing.csv")
    with pytest.raises(InvalidInput, match="is a folder"):
        read_glossary_file(tmp_path)


def test_dct_style_data_categories_are_read() -> None:
    from workflow.glossary import read_tbx

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
    from lxml import etree

    from workflow.glossary import read_tbx

    entry = GlossaryEntry("Bộ\x0bY tế", "Ministry of\x00Health", note="line one\x0bline two\n")
    assert (entry.source, entry.target, entry.note) == (
        "Bộ Y tế",
        "Ministry of Health",
        "line one line two",
    )
    data = write_tbx([entry], title="t")
    etree.fromstring(data)
    assert read_tbx(data, "t.tbx") == [entry]
