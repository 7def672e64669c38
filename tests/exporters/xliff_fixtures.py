"""XLIFF files in the shapes other tools write, for the reading tests (written here, after
what OmegaT, Trados Studio, memoQ and Matecat produce)."""

from __future__ import annotations

# Trados Studio SDLXLIFF style: seg-source cut into <mrk mtype="seg">, confirmation levels
# and origins in sdl:seg-defs, tag definitions in the file header, GUID unit ids.
TRADOS_SDLXLIFF = """<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" version="1.2" sdl:version="1.0"
       xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="C:\\Du an\\bao-cao-trados.docx" datatype="x-sdlfilterframework2"
        source-language="vi-VN" target-language="en-US">
    <header>
      <file-info xmlns="http://sdl.com/FileTypes/SdlXliff/1.0">
        <value key="SDL:FileId">3f1c5c7e-0000-4000-8000-000000000001</value>
      </file-info>
      <sdl:tag-defs>
        <tag id="pt1"><bpt name="b">&lt;b&gt;</bpt><ept name="b">&lt;/b&gt;</ept></tag>
      </sdl:tag-defs>
    </header>
    <body>
      <trans-unit translate="no" id="0a1b"><source>&lt;skeleton&gt;</source></trans-unit>
      <trans-unit id="6c2f8a10-1111-4a6e-9c3d-5b8e2f0a7d11">
        <source>Doanh thu <g id="pt1">tăng</g> mạnh. Chi phí giảm.</source>
        <seg-source><mrk mtype="seg" mid="1">Doanh thu <g id="pt1">tăng</g> mạnh.</mrk> <mrk mtype="seg" mid="2">Chi phí giảm.</mrk></seg-source>
        <target><mrk mtype="seg" mid="1">Revenue <g id="pt1">rose</g> sharply.</mrk> <mrk mtype="seg" mid="2">Costs fell.</mrk></target>
        <sdl:seg-defs>
          <sdl:seg id="1" conf="ApprovedTranslation" origin="tm" percent="100"/>
          <sdl:seg id="2" conf="Draft" origin="mt"/>
        </sdl:seg-defs>
      </trans-unit>
      <trans-unit id="6c2f8a10-2222-4a6e-9c3d-5b8e2f0a7d11">
        <source>Kết luận.</source>
        <seg-source><mrk mtype="seg" mid="3">Kết luận.</mrk></seg-source>
        <target><mrk mtype="seg" mid="3">Conclusion.</mrk></target>
        <sdl:seg-defs><sdl:seg id="3" conf="RejectedTranslation"/></sdl:seg-defs>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

# memoQ MQXliff: mq: attributes on each trans-unit (status, match rate, lock).
MEMOQ = """<?xml version="1.0" encoding="utf-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:mq="MQXliff">
  <file original="bao-cao-memoq.docx" source-language="vi" target-language="en-gb"
        datatype="x-docx">
    <body>
      <trans-unit id="1" mq:status="ManuallyConfirmed" mq:percent="0" mq:locked="false">
        <source xml:space="preserve">Hà Nội, ngày 14 tháng 10 năm 2026</source>
        <target xml:space="preserve">Hanoi, 14 October 2026</target>
      </trans-unit>
      <trans-unit id="2" mq:status="PreTranslated" mq:percent="95">
        <source>Ủy ban nhân dân <bpt id="1">{}</bpt>tỉnh<ept id="1">{}</ept>.</source>
        <target>Provincial <bpt id="1">{}</bpt>People's Committee<ept id="1">{}</ept>.</target>
        <note>Kiểm tra tên cơ quan</note>
      </trans-unit>
      <trans-unit id="3" mq:status="MachineTranslated">
        <source>Báo cáo tổng kết.</source>
        <target>Summary report.</target>
      </trans-unit>
      <trans-unit id="4" mq:status="Proofread"><source>Trân trọng.</source>
        <target>Sincerely.</target></trans-unit>
      <trans-unit id="5" mq:status="NotStarted"><source>Phụ lục.</source><target/></trans-unit>
    </body>
  </file>
</xliff>
"""

# OmegaT (its own XLIFF filter): groups, states as it writes them, its notes.
OMEGAT = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="huong-dan.txt" source-language="vi" target-language="en" datatype="plaintext">
    <body>
      <group id="g1">
        <trans-unit id="0"><source>Nhấn <x id="0" ctype="lb"/>Lưu.</source>
          <target state="translated">Press <x id="0" ctype="lb"/>Save.</target>
          <note from="OmegaT">Đã kiểm tra</note></trans-unit>
        <trans-unit id="1"><source>Đóng tệp.</source><target state="final">Close the file.</target></trans-unit>
        <trans-unit id="2"><source>Mở tệp.</source><target>Open the file.</target></trans-unit>
        <trans-unit id="3"><source>Thoát.</source></trans-unit>
      </group>
    </body>
  </file>
</xliff>
"""

# Matecat's XLIFF 2.0: several segments in a unit, ignorables between them, markers.
MATECAT_2 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="vi-VN" trgLang="en-US">
  <file id="f1" original="matecat.docx">
    <unit id="u1">
      <segment id="s1" state="translated">
        <source>Xin <pc id="1" type="fmt" subType="xlf:b">chào</pc>.</source>
        <target>Hello <pc id="1" type="fmt" subType="xlf:b">there</pc>.</target>
      </segment>
      <ignorable><source> </source></ignorable>
      <segment id="s2" state="reviewed">
        <source>Cảm <mrk id="m1" translate="no">ơn</mrk><ph id="2"/></source>
        <target>Thank <sm id="sm1" type="comment"/>you<em startRef="sm1"/><ph id="2"/></target>
      </segment>
    </unit>
    <group id="g1">
      <unit id="u2">
        <segment state="initial"><source>Tạm biệt<cp hex="000B"/>nhé.</source></segment>
      </unit>
    </group>
  </file>
</xliff>
"""
