"""Reading TMX as OmegaT, Okapi Rainbow, Trados, memoQ and MateCat write it."""

from __future__ import annotations

import pytest

from primitives.errors import InvalidInput
from workflow.tm.tmx_read import language_matches, read_tmx

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


def read(text: str, **languages: str):
    return read_tmx(text.encode("utf-8"), "memory.tmx", **languages)


def test_omegat_project_save_tmx_1_1_with_lang_and_short_tags() -> None:
    result = read(OMEGAT_PROJECT_SAVE)
    assert result.header.version == "1.1"
    assert result.header.creation_tool == "OmegaT"
    first, second = result.units
    assert first.source == "Nhấn <g1>Lưu</g1> để ghi<x2/>"
    assert first.target == "Press <g1>Save</g1> to write<x2/>"
    assert first.created_by == "lan"
    assert first.created_at == "2024-03-01T10:15:00Z"
    assert (second.prev_source, second.next_source) == ("Câu trước.", "Câu sau.")
    assert second.origin == "tmx:memory.tmx"


def test_omegat_level2_bpt_ept_become_paired_tags_in_both_languages() -> None:
    (unit,) = read(OMEGAT_LEVEL2).units
    assert unit.source == "Nhấn <g1>Lưu</g1> ngay."
    assert unit.target == "Press <g1>Save</g1> now."


def test_okapi_bpt_without_x_pairs_by_i_and_ph_keeps_its_number() -> None:
    result = read(OKAPI_RAINBOW)
    (unit,) = result.units
    assert unit.unit_id == "okp-1"
    assert unit.source == "Doanh thu <g1>tăng</g1> mạnh.<x2/>"
    assert unit.target == "Revenue <g1>rose</g1> sharply.<x2/>"
    assert result.header.props == (("x-project", "bao-cao"),)
    assert result.header.notes == ("Exported by Rainbow",)


def test_trados_studio_empty_codes_users_and_change_date() -> None:
    (unit,) = read(TRADOS_STUDIO).units
    assert unit.source == "Theo <g1>Thông tư</g1> số 03<x2/>, cơ quan phải báo cáo."
    assert unit.target == "Under <g1>Circular</g1> 03<x2/>, agencies must report."
    assert unit.created_by == "TRADOS\\minh"
    assert unit.created_at == "2024-01-16T08:00:00Z"


def test_trados_2007_english_source_file_is_read_vietnamese_to_english() -> None:
    (unit,) = read(TRADOS_2007).units
    assert unit.source == "<x1/>Bộ Y tế<x2/> báo cáo"
    assert unit.target == "<x1/>Ministry of Health<x2/> report"


def test_memoq_context_props_and_codes_matched_across_languages() -> None:
    (unit,) = read(MEMOQ).units
    assert unit.prev_source == "Bệnh viện được xây năm 1911."
    assert unit.next_source == "Bệnh nhân được khám miễn phí."
    assert unit.source == "Bệnh viện <g1>Bạch Mai</g1> mở cửa."
    assert unit.target == "<g1>Bach Mai</g1> Hospital opens."
    assert unit.created_by == "minh"


def test_matecat_regional_codes_and_tuid() -> None:
    (unit,) = read(MATECAT).units
    assert (unit.unit_id, unit.target) == ("9", "The economy grew 6.5% in 2023.")


def test_multilingual_file_skips_units_without_both_languages_and_counts_them() -> None:
    result = read(MULTILINGUAL, target_lang="en-GB")
    (unit,) = result.units
    assert unit.source == "Cảm ơn rất nhiều."
    assert unit.target == "Thanks ever so much."  # the exact variant asked for wins
    assert result.skipped_other_language == 2
    assert result.skipped_empty == 1
    assert any("2 unit(s) without both vi and en-GB" in warning for warning in result.warnings)


def test_regional_target_falls_back_to_first_english_variant() -> None:
    (unit,) = read(MULTILINGUAL).units
    assert unit.target == "Thank you very much."


def test_utf16_with_bom_is_read() -> None:
    text = MEMOQ.replace('encoding="utf-8"', 'encoding="UTF-16"')
    result = read_tmx(text.encode("utf-16"), "memoq-utf16.tmx")
    assert result.units[0].source == "Bệnh viện <g1>Bạch Mai</g1> mở cửa."


def test_hi_sub_and_it_elements() -> None:
    tmx = """<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"
    o-tmf="t" adminlang="en" srclang="vi" datatype="html"/><body><tu>
    <tuv xml:lang="vi"><seg>Xem <hi type="em">ảnh</hi> <ph x="3">&lt;img alt="<sub>Logo</sub>"&gt;</ph><it pos="begin" x="4">&lt;a&gt;</it>đây</seg></tuv>
    <tuv xml:lang="en"><seg>See the <hi type="em">picture</hi> <ph x="3">&lt;img alt="<sub>Logo</sub>"&gt;</ph><it pos="begin" x="4">&lt;a&gt;</it>here</seg></tuv>
    </tu></body></tmx>"""
    result = read(tmx)
    (unit,) = result.units
    assert unit.source == "Xem <g1>ảnh</g1> <x3/><x4/>đây"
    assert unit.target == "See the <g1>picture</g1> <x3/><x4/>here"
    assert any("<sub>" in warning for warning in result.warnings)


def test_bare_doctype_is_allowed_but_entity_declarations_are_refused() -> None:
    assert read(OMEGAT_LEVEL2).units
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
    assert result.units[0].source == "Nhấn <g1>Lưu</g1> ngay\u00a0©&vendor;"
    assert result.warnings == ["entity references read as characters: &copy;, &nbsp;, &vendor;"]
