"""TMX: reading what OmegaT, Okapi Rainbow, Trados, memoQ and MateCat write, writing 1.4
valid against the LISA DTD, and the format contract."""

from __future__ import annotations

import pytest
from contract import BilingualContract
from lxml import etree
from songngu_testing import SCHEMAS_DIR

from exporters.tmx import (
    CONTEXT_AFTER,
    CONTEXT_BEFORE,
    ORIGIN_PROP,
    TMXRead,
    iso_to_tmx_date,
    language_matches,
    read_tmx,
    text_to_seg,
    write_tmx,
)
from primitives.errors import InvalidInput
from primitives.units import Note, Store, Unit

# Pure code: SQLite half only (tests/conftest.py).
pytestmark = pytest.mark.database_free


class TestTMXContract(BilingualContract):
    format_name = "tmx"
    kept = ("id", "notes", "props", "changed_by", "changed_at")

    def sample_store(self) -> Store:
        store = super().sample_store()
        first = store.units[0]
        first.notes = [Note("Thuật ngữ đã duyệt"), Note("Hai dòng\nghi chú")]
        first.props = {
            CONTEXT_BEFORE: "Mở tệp.",
            CONTEXT_AFTER: "Đóng tệp.",
            ORIGIN_PROP: "project:3",
        }
        first.changed_by = "lan"
        first.changed_at = "2024-05-01T09:30:00Z"
        return store


OMEGAT_PROJECT_SAVE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext"
          creationtoolversion="6.0.1_0_c4c5e9f2" segtype="sentence" srclang="vi"/>
  <body>
<!-- Default translations -->
    <tu>
      <tuv lang="vi">
        <seg>Nhấn &lt;b0&gt;Lưu&lt;/b0&gt; để ghi&lt;f1/&gt;</seg>
      </tuv>
      <tuv lang="en" changeid="lan" changedate="20240301T101500Z" creationid="lan"
           creationdate="20240301T101500Z">
        <seg>Press &lt;b0&gt;Save&lt;/b0&gt; to write&lt;f1/&gt;</seg>
      </tuv>
    </tu>
<!-- Alternative translations -->
    <tu>
      <prop type="file">bao-cao.docx</prop>
      <prop type="prev">Câu trước.</prop>
      <prop type="next">Câu sau.</prop>
      <tuv lang="vi">
        <seg>Xin chào.</seg>
      </tuv>
      <tuv lang="en">
        <seg>Hello there.</seg>
      </tuv>
    </tu>
  </body>
</tmx>
"""

OMEGAT_LEVEL2 = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext"
          creationtoolversion="6.0.1" segtype="sentence" srclang="vi-VN"/>
  <body>
    <tu>
      <tuv xml:lang="vi-VN"><seg>Nhấn <bpt i="1" x="1">&lt;b0&gt;</bpt>Lưu<ept i="1">&lt;/b0&gt;</ept> ngay.</seg></tuv>
      <tuv xml:lang="en-US"><seg>Press <bpt i="1" x="1">&lt;b0&gt;</bpt>Save<ept i="1">&lt;/b0&gt;</ept> now.</seg></tuv>
    </tu>
  </body>
</tmx>
"""

OKAPI_RAINBOW = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="Okapi Rainbow" creationtoolversion="M36" segtype="sentence" o-tmf="unknown" adminlang="en" srclang="vi-vn" datatype="x-undefined"><prop type="x-project">bao-cao</prop><note>Exported by Rainbow</note></header><body>
<tu tuid="okp-1"><prop type="Txt::FileName">bao-cao.docx</prop><prop type="Txt::GroupName">P12</prop>
<tuv xml:lang="vi-vn"><seg>Doanh thu <bpt i="1">&lt;w:r>&lt;w:rPr>&lt;w:b/></bpt>tăng<ept i="1">&lt;/w:r></ept> mạnh.<ph x="2">&lt;w:br/></ph></seg></tuv>
<tuv xml:lang="en-us"><seg>Revenue <bpt i="1">&lt;w:r>&lt;w:rPr>&lt;w:b/></bpt>rose<ept i="1">&lt;/w:r></ept> sharply.<ph x="2">&lt;w:br/></ph></seg></tuv>
</tu>
</body></tmx>
"""

TRADOS_STUDIO = """<?xml version="1.0" encoding="utf-8"?>
<tmx version="1.4">
  <header creationtool="SDL Language Platform" creationtoolversion="8.1" o-tmf="SDL TM8 Format"
          datatype="xml" segtype="sentence" adminlang="en-US" srclang="vi-VN"
          creationdate="20240115T093000Z" creationid="TRADOS\\lan">
    <prop type="x-Recognizers">RecognizeAll</prop>
    <prop type="x-TMName">vi-en</prop>
  </header>
  <body>
    <tu creationdate="20240115T093000Z" creationid="TRADOS\\lan" changedate="20240116T080000Z"
        changeid="TRADOS\\minh" lastusagedate="20240120T100000Z" usagecount="2">
      <prop type="x-LastUsedBy">TRADOS\\minh</prop>
      <prop type="x-Context">1234567, 7654321</prop>
      <tuv xml:lang="vi-VN"><seg>Theo <bpt i="1" type="1" x="1" />Thông tư<ept i="1" /> số 03<ph x="2" type="0" />, cơ quan phải báo cáo.</seg></tuv>
      <tuv xml:lang="en-US"><seg>Under <bpt i="1" type="1" x="1" />Circular<ept i="1" /> 03<ph x="2" type="0" />, agencies must report.</seg></tuv>
    </tu>
  </body>
</tmx>
"""

TRADOS_2007 = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header creationtool="SDL Trados Translator's Workbench" creationtoolversion="8.0" segtype="sentence" o-tmf="TW4Win 2.0 Format" adminlang="EN-US" srclang="EN-GB" datatype="rtf"/>
<body>
<tu creationdate="20091104T142000Z" creationid="LAN">
<tuv lang="EN-GB"><seg><ut>{\\b </ut>Ministry of Health<ut>}</ut> report</seg></tuv>
<tuv lang="VI-VN"><seg><ut>{\\b </ut>Bộ Y tế<ut>}</ut> báo cáo</seg></tuv>
</tu>
</body>
</tmx>
"""

MEMOQ = """<?xml version="1.0" encoding="utf-8"?>
<tmx version="1.4">
  <header creationtool="MemoQ" creationtoolversion="9.14.9" segtype="sentence" o-tmf="MemoQTM"
          adminlang="en-us" srclang="vi-vn" datatype="unknown">
    <prop type="defclient">Bộ Y tế</prop>
  </header>
  <body>
    <tu creationdate="20240210T081500Z" creationid="lan" changedate="20240211T091500Z" changeid="minh">
      <prop type="client">Bộ Y tế</prop>
      <prop type="x-context-pre">Bệnh viện được xây năm 1911.</prop>
      <prop type="x-context-post">Bệnh nhân được khám miễn phí.</prop>
      <tuv xml:lang="vi-vn"><seg>Bệnh viện <bpt i="1" type="bold">{}</bpt>Bạch Mai<ept i="1">{}</ept> mở cửa.</seg></tuv>
      <tuv xml:lang="en-gb"><seg><bpt i="1" type="bold">{}</bpt>Bach Mai<ept i="1">{}</ept> Hospital opens.</seg></tuv>
    </tu>
  </body>
</tmx>
"""

MATECAT = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="Matecat-Cattool" creationtoolversion="3.0" o-tmf="Matecat" segtype="sentence"
          adminlang="en-US" srclang="vi-VN" datatype="plaintext"/>
  <body>
    <tu tuid="9" creationdate="20240301T120000Z" datatype="plaintext" srclang="vi-VN">
      <prop type="x-MateCat-id_job">1234</prop>
      <prop type="x-MateCat-id_segment">9</prop>
      <prop type="x-MateCat-filename">report.docx</prop>
      <prop type="x-MateCat-status">TRANSLATED</prop>
      <tuv xml:lang="vi-VN"><seg>Kinh tế tăng trưởng 6,5% năm 2023.</seg></tuv>
      <tuv xml:lang="en-GB"><seg>The economy grew 6.5% in 2023.</seg></tuv>
    </tu>
  </body>
</tmx>
"""

MULTILINGUAL = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="X" creationtoolversion="1" segtype="sentence" o-tmf="X" adminlang="en"
          srclang="*all*" datatype="plaintext"/>
  <body>
    <tu><tuv xml:lang="en-US"><seg>Good morning.</seg></tuv><tuv xml:lang="fr-FR"><seg>Bonjour.</seg></tuv></tu>
    <tu><tuv xml:lang="de-DE"><seg>Danke.</seg></tuv><tuv xml:lang="vi"><seg>Cảm ơn.</seg></tuv></tu>
    <tu>
      <tuv xml:lang="fr"><seg>Merci beaucoup.</seg></tuv>
      <tuv xml:lang="en-US"><seg>Thank you very much.</seg></tuv>
      <tuv xml:lang="en-GB"><seg>Thanks ever so much.</seg></tuv>
      <tuv xml:lang="VI"><seg>Cảm ơn rất nhiều.</seg></tuv>
    </tu>
    <tu><tuv xml:lang="vi"><seg>   </seg></tuv><tuv xml:lang="en"><seg>Empty source.</seg></tuv></tu>
  </body>
</tmx>
"""


UNITS = [
    Unit(
        source="Nhấn <g1>Lưu</g1> để ghi.<x2/>",
        target="Press <g1>Save</g1> to write.<x2/>",
        id=7,
        notes=[Note("Thuật ngữ đã duyệt")],
        props={CONTEXT_BEFORE: "Mở tệp.", CONTEXT_AFTER: "Đóng tệp.", ORIGIN_PROP: "project:3"},
        changed_by="lan",
        changed_at="2024-05-01T16:30:00+07:00",
    ),
    Unit(source="Ngày 9/8/2022 & <hội nghị>", target="9 August 2022 & <conference>"),
    Unit(source="<g1>mở <g2>đầu</g1> chéo</g2>", target="<g1>crossed <g2>open</g1> tags</g2>"),
]


def _store(units: list[Unit], *, date: str = "", target_lang: str = "en") -> Store:
    return Store(list(units), target_lang=target_lang, metadata={"date": date} if date else {})


def read(text: str, **languages: str) -> TMXRead:
    return read_tmx(text.encode("utf-8"), "memory.tmx", **languages)


def test_omegat_project_save_tmx_1_1_with_lang_and_short_tags() -> None:
    result = read(OMEGAT_PROJECT_SAVE)
    assert result.header.version == "1.1"
    assert result.header.creation_tool == "OmegaT"
    first, second = result.store
    assert first.source == "Nhấn <g1>Lưu</g1> để ghi<x2/>"
    assert first.target == "Press <g1>Save</g1> to write<x2/>"
    assert first.changed_by == "lan"
    assert first.changed_at == "2024-03-01T10:15:00Z"
    # OmegaT's prev/next are read under memoQ's names; the file names no origin.
    assert second.props == {
        "file": "bao-cao.docx",
        CONTEXT_BEFORE: "Câu trước.",
        CONTEXT_AFTER: "Câu sau.",
    }


def test_omegat_level2_bpt_ept_become_paired_tags_in_both_languages() -> None:
    (unit,) = read(OMEGAT_LEVEL2).store
    assert unit.source == "Nhấn <g1>Lưu</g1> ngay."
    assert unit.target == "Press <g1>Save</g1> now."


def test_okapi_bpt_without_x_pairs_by_i_and_ph_keeps_its_number() -> None:
    result = read(OKAPI_RAINBOW)
    (unit,) = result.store
    assert unit.id == "okp-1"
    assert unit.source == "Doanh thu <g1>tăng</g1> mạnh.<x2/>"
    assert unit.target == "Revenue <g1>rose</g1> sharply.<x2/>"
    assert result.header.props == (("x-project", "bao-cao"),)
    assert result.header.notes == ("Exported by Rainbow",)


def test_trados_studio_empty_codes_users_and_change_date() -> None:
    (unit,) = read(TRADOS_STUDIO).store
    assert unit.source == "Theo <g1>Thông tư</g1> số 03<x2/>, cơ quan phải báo cáo."
    assert unit.target == "Under <g1>Circular</g1> 03<x2/>, agencies must report."
    assert unit.changed_by == "TRADOS\\minh"
    assert unit.changed_at == "2024-01-16T08:00:00Z"


def test_trados_2007_english_source_file_is_read_vietnamese_to_english() -> None:
    (unit,) = read(TRADOS_2007).store
    assert unit.source == "<x1/>Bộ Y tế<x2/> báo cáo"
    assert unit.target == "<x1/>Ministry of Health<x2/> report"


def test_memoq_context_props_and_codes_matched_across_languages() -> None:
    (unit,) = read(MEMOQ).store
    assert unit.props[CONTEXT_BEFORE] == "Bệnh viện được xây năm 1911."
    assert unit.props[CONTEXT_AFTER] == "Bệnh nhân được khám miễn phí."
    assert unit.source == "Bệnh viện <g1>Bạch Mai</g1> mở cửa."
    assert unit.target == "<g1>Bach Mai</g1> Hospital opens."
    assert unit.changed_by == "minh"


def test_matecat_regional_codes_and_tuid() -> None:
    (unit,) = read(MATECAT).store
    assert (unit.id, unit.target) == ("9", "The economy grew 6.5% in 2023.")


def test_multilingual_file_skips_units_without_both_languages_and_counts_them() -> None:
    result = read(MULTILINGUAL, target_lang="en-GB")
    (unit,) = result.store
    assert unit.source == "Cảm ơn rất nhiều."
    assert unit.target == "Thanks ever so much."  # the exact variant asked for wins
    assert result.skipped_other_language == 2
    assert result.skipped_empty == 1
    assert any(
        "2 unit(s) without both vi and en-GB" in warning for warning in result.store.warnings
    )


def test_regional_target_falls_back_to_first_english_variant() -> None:
    (unit,) = read(MULTILINGUAL).store
    assert unit.target == "Thank you very much."


def test_utf16_with_bom_is_read() -> None:
    text = MEMOQ.replace('encoding="utf-8"', 'encoding="UTF-16"')
    result = read_tmx(text.encode("utf-16"), "memoq-utf16.tmx")
    assert result.store.units[0].source == "Bệnh viện <g1>Bạch Mai</g1> mở cửa."


def test_hi_sub_and_it_elements() -> None:
    tmx = """<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"
    o-tmf="t" adminlang="en" srclang="vi" datatype="html"/><body><tu>
    <tuv xml:lang="vi"><seg>Xem <hi type="em">ảnh</hi> <ph x="3">&lt;img alt="<sub>Logo</sub>"&gt;</ph><it pos="begin" x="4">&lt;a&gt;</it>đây</seg></tuv>
    <tuv xml:lang="en"><seg>See the <hi type="em">picture</hi> <ph x="3">&lt;img alt="<sub>Logo</sub>"&gt;</ph><it pos="begin" x="4">&lt;a&gt;</it>here</seg></tuv>
    </tu></body></tmx>"""
    result = read(tmx)
    (unit,) = result.store
    assert unit.source == "Xem <g1>ảnh</g1> <x3/><x4/>đây"
    assert unit.target == "See the <g1>picture</g1> <x3/><x4/>here"
    assert any("<sub>" in warning for warning in result.store.warnings)


def test_bare_doctype_is_allowed_but_entity_declarations_are_refused() -> None:
    assert read(OMEGAT_LEVEL2).store.units
    bomb = OMEGAT_LEVEL2.replace(
        '<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
        '<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>',
    ).replace("ngay.", "&b;")
    with pytest.raises(InvalidInput, match="declares XML entities"):
        read(bomb)
    with pytest.raises(InvalidInput, match="declares XML entities"):
        read_tmx(bomb.replace("UTF-8", "UTF-16").encode("utf-16"), "bomb.tmx")
    with pytest.raises(InvalidInput, match="declares XML entities"):  # UTF-16, no BOM
        read_tmx(bomb.replace("UTF-8", "UTF-16BE").encode("utf-16-be"), "bomb.tmx")


def test_broken_xml_names_the_line_in_one_line() -> None:
    broken = OMEGAT_LEVEL2.replace("</tu>", "</tuv>")
    with pytest.raises(InvalidInput) as caught:
        read(broken)
    message = str(caught.value)
    assert "memory.tmx is not well-formed XML at line 10" in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "is empty"),
        (b"<?xml version='1.0'?><xliff version='1.2'/>", "not a TMX file"),
        (b"<tmx version='1.4'><header/></tmx>", "has no <body>"),
    ],
)
def test_files_that_are_not_tmx(data: bytes, expected: str) -> None:
    with pytest.raises(InvalidInput, match=expected):
        read_tmx(data, "x.tmx")


def test_language_codes() -> None:
    for code in ("vi", "vi-VN", "VI", "vi_VN", "vie"):
        assert language_matches(code, "vi")
    for code in ("en", "en-US", "EN-GB", "eng"):
        assert language_matches(code, "en-GB")
    assert not language_matches("", "vi")
    assert not language_matches("fr-FR", "en")


def test_entity_references_under_an_unloaded_dtd_are_not_silently_lost() -> None:
    with_entities = OMEGAT_LEVEL2.replace("ngay.", "ngay&nbsp;&copy;&vendor;")
    result = read(with_entities)
    assert result.store.units[0].source == "Nhấn <g1>Lưu</g1> ngay\u00a0©&vendor;"
    assert result.store.warnings == [
        "entity references read as characters: &copy;, &nbsp;, &vendor;"
    ]


def _dtd() -> etree.DTD:
    path = SCHEMAS_DIR / "tmx-1.4" / "tmx14.dtd"
    if not path.is_file():
        pytest.fail(f"TMX DTD not found at {path}: set SONGNGU_SCHEMAS_DIR")
    return etree.DTD(str(path))


def test_written_tmx_is_valid_against_the_tmx14_dtd() -> None:
    data = write_tmx(_store(UNITS, date="2024-05-02T08:00:00Z"), tool_version="0.1.0")
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<!DOCTYPE tmx SYSTEM")
    dtd = _dtd()
    document = etree.fromstring(data)
    assert dtd.validate(document), dtd.error_log.filter_from_errors()
    header = document.find("header")
    assert header.get("srclang") == "vi"
    assert header.get("creationdate") == "20240502T080000Z"


def test_round_trip_keeps_text_codes_context_and_metadata() -> None:
    result = read_tmx(write_tmx(_store(UNITS), tool_version="0.1.0"), "back.tmx")
    first, second, third = result.store
    assert first == Unit(
        source=UNITS[0].source,
        target=UNITS[0].target,
        id="7",
        notes=[Note("Thuật ngữ đã duyệt")],
        props={CONTEXT_BEFORE: "Mở tệp.", CONTEXT_AFTER: "Đóng tệp.", ORIGIN_PROP: "project:3"},
        changed_by="lan",
        changed_at="2024-05-01T09:30:00Z",
    )
    assert (second.source, second.target) == (UNITS[1].source, UNITS[1].target)
    assert (third.source, third.target) == (UNITS[2].source, UNITS[2].target)
    assert result.store.warnings == []


def test_unpaired_tags_become_isolated_codes_and_stay_valid() -> None:
    seg = text_to_seg("a <g1>b <x2/> c</g3> d")
    assert [child.tag for child in seg] == ["it", "ph", "it"]
    assert [child.get("pos") for child in seg] == ["begin", None, "end"]
    units = [Unit("a <g1>b <x2/> c</g3> d", "x")]
    assert _dtd().validate(etree.fromstring(write_tmx(_store(units), tool_version="1")))


def test_characters_xml_forbids_are_replaced_not_crashing() -> None:
    units = [Unit("dòng một\x0bdòng hai\x01", "line one\x0cline two\ufffe")]
    (unit,) = read_tmx(write_tmx(_store(units), tool_version="1"), "x.tmx").store
    assert unit.source == "dòng một\ndòng hai"
    assert unit.target == "line one\nline two"


def test_other_language_pair_and_dates() -> None:
    data = write_tmx(_store([Unit("Xin chào", "Bonjour")], target_lang="fr-FR"), tool_version="1")
    assert read_tmx(data, "x.tmx", target_lang="fr").store.units[0].target == "Bonjour"
    assert read_tmx(data, "x.tmx").skipped_other_language == 1
    assert iso_to_tmx_date("2024-05-01T09:30:00") == "20240501T093000Z"
    assert iso_to_tmx_date("yesterday") == ""
