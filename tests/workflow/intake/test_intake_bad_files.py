"""Bad and hostile input: one clear InvalidInput line each, never a partial result."""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import zipfile

import pytest
from songngu_testing import TESTS_DIR

from exporters.docx.container import OLE_MAGIC, GuardedStream, InflationBudget
from primitives.errors import InvalidInput
from workflow.intake import IntakeLimits, read_source

GOOD_BODY = "<w:p><w:r><w:t>Báo cáo tình hình kinh tế</w:t></w:r></w:p>"


def refused(data: bytes, filename: str, limits: IntakeLimits | None = None) -> str:
    with pytest.raises(InvalidInput) as caught:
        read_source(data, filename, limits)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(filename.rsplit("/", 1)[-1])
    return message


def test_good_document_reads(make_docx) -> None:
    assert read_source(make_docx(GOOD_BODY), "ok.docx").blocks


def test_docx_that_is_not_a_zip_is_refused() -> None:
    assert "not a zip archive" in refused("Chào bạn".encode(), "notes.docx")


def test_truncated_docx_is_refused(make_docx) -> None:
    data = make_docx(GOOD_BODY)
    assert "damaged or truncated" in refused(data[: len(data) // 2], "cut.docx")


def test_password_protected_or_legacy_doc_content_is_refused() -> None:
    message = refused(OLE_MAGIC + bytes(2048), "secret.docx")
    assert "password-protected" in message and "save it again as .docx" in message


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("old.doc", "legacy Word 97-2003 .doc"),
        ("scan.pdf", "PDF is not supported"),
        ("sheet.xlsx", "'.xlsx' is not supported"),
        ("README", "'README' is not supported"),
    ],
)
def test_unsupported_types_name_the_supported_formats(filename: str, expected: str) -> None:
    message = refused(b"anything", filename)
    assert expected in message
    assert "supported: .docx, .txt, .md, .markdown" in message


@pytest.mark.parametrize("filename", ["empty.docx", "empty.txt", "empty.md"])
def test_empty_file_is_refused(filename: str) -> None:
    assert "is empty (0 bytes)" in refused(b"", filename)


def test_zip_bomb_is_refused_from_the_member_list_before_inflating(make_docx) -> None:
    # 50 MB of spaces compresses about 1000:1: far beyond the 100:1 ratio limit.
    document = (
        '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        'wordprocessingml/2006/main"><w:body>' + " " * 50_000_000 + "</w:body></w:document>"
    ).encode()
    data = make_docx("", raw_document=document)
    assert len(data) < 200_000
    assert "zip bomb" in refused(data, "bomb.docx")


def test_lying_size_header_is_caught_while_streaming(make_docx) -> None:
    data = bytearray(make_docx(GOOD_BODY * 20))
    # Shrink the uncompressed size the central directory declares for document.xml.
    name = b"word/document.xml"
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
    struct.pack_into("<I", data, central + 24, 10)
    assert "damaged DOCX" in refused(bytes(data), "liar.docx")


def test_guarded_stream_enforces_limits_on_bytes_actually_produced(make_docx) -> None:
    data = make_docx(GOOD_BODY * 200)
    limits = IntakeLimits(max_part_bytes=1_000)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        member = archive.getinfo("word/document.xml")
        stream = GuardedStream(archive, member, "x.docx", limits, InflationBudget(limits))
        with pytest.raises(InvalidInput, match="inflates beyond the size limit"):
            while stream.read(512):
                pass


def test_too_many_zip_members_is_refused(make_docx) -> None:
    parts = {f"word/media/image{n}.xml": "<a/>" for n in range(30)}
    message = refused(
        make_docx(GOOD_BODY, parts=parts), "many.docx", IntakeLimits(max_zip_entries=20)
    )
    assert "zip members" in message


def test_total_inflated_size_limit(make_docx) -> None:
    message = refused(make_docx(GOOD_BODY), "big.docx", IntakeLimits(max_total_bytes=500))
    assert "inflates to more than" in message


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)
EXTERNAL_ENTITY = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
DOCUMENT = (
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>Xin chào &{entity};</w:t></w:r></w:p></w:body></w:document>"
)


@pytest.mark.parametrize(("prolog", "entity"), [(BILLION_LAUGHS, "lol3"), (EXTERNAL_ENTITY, "xxe")])
def test_entity_declarations_are_refused(make_docx, prolog: str, entity: str) -> None:
    data = make_docx("", raw_document=(prolog + DOCUMENT.format(entity=entity)).encode())
    assert "declares XML entities" in refused(data, "evil.docx")


def test_entity_declaration_in_a_small_part_is_refused(make_docx, make_part) -> None:
    styles = EXTERNAL_ENTITY + make_part("styles", "")
    assert "declares XML entities" in refused(
        make_docx(GOOD_BODY, parts={"word/styles.xml": styles}), "evil.docx"
    )


def test_bare_doctype_is_allowed(make_docx) -> None:
    document = '<?xml version="1.0"?><!DOCTYPE w:document>' + DOCUMENT.replace(" &{entity};", "")
    data = make_docx("", raw_document=document.encode())
    assert read_source(data, "ok.docx").blocks[0].text == "Xin chào"


def test_malformed_xml_is_refused(make_docx) -> None:
    data = make_docx("<w:p><w:r><w:t>không đóng thẻ</w:r></w:p>")
    assert "not well-formed XML" in refused(data, "broken.docx")


def test_spreadsheet_renamed_docx_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert "not a Word document" in refused(buffer.getvalue(), "sheet.docx")


MEMORY_PROBE = """
import sys, zipfile
from pathlib import Path
sys.path.insert(0, {tests_dir!r})
from songngu_testing.docx_builder import docx_bytes
from primitives.errors import InvalidInput
from workflow.intake import read_source
data = docx_bytes("<w:p/>" * 2_000_000, compression=zipfile.ZIP_STORED)
def high_water_kib():
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0])
before = high_water_kib()
try:
    read_source(data, "empty.docx")
    print("accepted")
except InvalidInput as error:
    print(error)
print(high_water_kib() - before)
"""


def test_two_million_empty_paragraphs_are_refused_in_bounded_memory() -> None:
    # A subprocess so the peak RSS (VmHWM, which also counts lxml's C allocations) is this
    # read's alone.
    probe = MEMORY_PROBE.format(tests_dir=str(TESTS_DIR))
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    message, growth_kib = result.stdout.strip().splitlines()
    assert "more than 250,000 paragraphs" in message
    # python-docx needs about 690 MB for this file; streaming stays near the input size.
    assert int(growth_kib) < 64 * 1024


def test_binary_garbage_named_txt_is_refused() -> None:
    garbage = bytes(range(256)) * 64
    assert "not text" in refused(garbage, "data.txt")


def test_docx_renamed_txt_is_refused(make_docx) -> None:
    assert "not plain text" in refused(make_docx(GOOD_BODY), "report.txt")


def test_very_large_text_file_is_refused_before_decoding() -> None:
    limits = IntakeLimits(max_text_bytes=1_000)
    message = refused(("Hà Nội\n" * 500).encode(), "big.txt", limits)
    assert "more than the text import limit of 1,000 bytes" in message


def test_too_many_lines_is_refused() -> None:
    limits = IntakeLimits(max_paragraphs=10)
    assert "30 lines of text, more than the import limit of 10" in refused(
        b"a\n" * 30, "lines.md", limits
    )
    assert "more than 40 lines" in refused(b"a" + b"\n" * 50, "blank.txt", limits)
    assert len(read_source(b"a\n\n" * 10, "ok.txt", limits).blocks) == 10


def test_paragraph_with_too_many_elements_is_refused(make_docx) -> None:
    data = make_docx("<w:p>" + "<w:r/>" * 2_000 + "</w:p>")
    limits = IntakeLimits(max_held_elements=1_000)
    assert "more than 1,000 XML elements" in refused(data, "runs.docx", limits)
    assert read_source(make_docx(GOOD_BODY + "<w:p/>" * 2_000), "ok.docx", limits).blocks


def test_part_with_too_many_elements_is_refused(make_docx) -> None:
    limits = IntakeLimits(max_xml_elements=500)
    assert "more than 500 XML elements" in refused(make_docx("<w:p/>" * 600), "x.docx", limits)


def test_file_over_the_size_limit_is_refused_first() -> None:
    message = refused(b"x" * 2_000, "big.docx", IntakeLimits(max_file_bytes=1_000))
    assert "more than the import limit of 1,000 bytes" in message


def test_strict_open_xml_is_refused_with_advice(make_docx) -> None:
    strict = (
        '<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body>'
        "<w:p><w:r><w:t>Chào</w:t></w:r></w:p></w:body></w:document>"
    )
    message = refused(make_docx("", raw_document=strict.encode()), "strict.docx")
    assert "Strict Open XML" in message


def test_docx_without_translatable_text_warns(make_docx) -> None:
    document = read_source(make_docx("<w:p><w:r><w:t>2024</w:t></w:r></w:p>"), "n.docx")
    assert document.blocks == []
    assert document.warnings == ["n.docx has no text to translate (only numbers or code)"]


def test_zip_level_encryption_is_refused(make_docx) -> None:
    data = bytearray(make_docx(GOOD_BODY))
    central = data.find(b"PK\x01\x02")
    flags = struct.unpack_from("<H", data, central + 8)[0]
    struct.pack_into("<H", data, central + 8, flags | 0x1)  # "encrypted" bit
    assert "encrypted zip" in refused(bytes(data), "locked.docx")
