"""Hostile input files, built in memory: XML bombs, external entities, zip bombs, damaged or
disguised DOCX packages, hostile .argosmodel archives and a listener that records connections.

Each builder returns bytes (or a listener); the corpus that feeds them to songngu is
tests/cli/test_cli_hostile_input.py, one case per item of the issue's "Hostile input" list.
"""

from __future__ import annotations

import io
import random
import socket
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from songngu_testing.docx_builder import docx_bytes

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"


def xliff(segment_xml: str, doctype: str = "") -> bytes:
    """An XLIFF 1.2 file of one unit whose source is ``segment_xml`` (raw XML, not escaped)."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}'
        f'<xliff version="1.2" xmlns="{XLIFF_NS}">'
        '<file original="bai.txt" source-language="vi" target-language="en" datatype="plaintext">'
        f'<body><trans-unit id="1"><source>{segment_xml}</source></trans-unit></body>'
        "</file></xliff>"
    ).encode()


def tmx(segment_xml: str, doctype: str = "") -> bytes:
    """A TMX 1.4 file of one unit whose Vietnamese side is ``segment_xml``."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<tmx version="1.4">'
        '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" '
        'adminlang="en" srclang="vi" datatype="plaintext"/>'
        f'<body><tu><tuv xml:lang="vi"><seg>{segment_xml}</seg></tuv>'
        '<tuv xml:lang="en"><seg>Hello.</seg></tuv></tu></body></tmx>'
    ).encode()


def tbx(term_xml: str, doctype: str = "") -> bytes:
    """A TBX (ISO 30042) file of one concept whose Vietnamese term is ``term_xml``."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}'
        '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">'
        "<tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader>"
        '<text><body><conceptEntry id="c1">'
        f'<langSec xml:lang="vi"><termSec><term>{term_xml}</term></termSec></langSec>'
        '<langSec xml:lang="en"><termSec><term>ministry</term></termSec></langSec>'
        "</conceptEntry></body></text></tbx>"
    ).encode()


def docx_document(paragraph_xml: str, doctype: str = "") -> bytes:
    """A DOCX whose document.xml holds ``doctype`` and one paragraph of ``paragraph_xml``."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
        f'<w:document xmlns:w="{w}"><w:body><w:p><w:r><w:t>{paragraph_xml}</w:t></w:r></w:p>'
        "</w:body></w:document>"
    ).encode()
    # Stored, not deflated: the part's entities are what is under test, not its ratio.
    return docx_bytes("", raw_document=document, compression=zipfile.ZIP_STORED)


def billion_laughs(root: str) -> tuple[str, str]:
    """(doctype, reference): ten levels of ten references each, 10⁹ "lol"s if expanded."""
    levels = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]
    return f"<!DOCTYPE {root} [{''.join(levels)}]>", "&lol9;"


def quadratic_blowup(root: str) -> tuple[str, str]:
    """(doctype, references): one 50 kB entity referenced 50,000 times (2.5 GB if expanded)."""
    return f'<!DOCTYPE {root} [<!ENTITY a "{"a" * 50_000}">]>', "&a;" * 50_000


def external_entity(root: str, url: str) -> tuple[str, str]:
    """(doctype, reference) of an external general entity read from ``url``."""
    return f'<!DOCTYPE {root} [<!ENTITY ext SYSTEM "{url}">]>', "&ext;"


def parameter_entity(root: str, url: str) -> tuple[str, str]:
    """(doctype, text) of a parameter entity that pulls a DTD from ``url`` (no reference in
    the body: the DTD itself would be the attack)."""
    return f'<!DOCTYPE {root} [<!ENTITY % remote SYSTEM "{url}"> %remote;]>', "Xin chào."


def external_dtd(root: str, url: str) -> tuple[str, str]:
    """(doctype, text) of a bare DOCTYPE naming an external DTD: allowed, never fetched."""
    return f'<!DOCTYPE {root} SYSTEM "{url}">', "Xin chào."


def _docx_members() -> dict[str, bytes]:
    good = docx_bytes("<w:p><w:r><w:t>Xin chào.</w:t></w:r></w:p>")
    with zipfile.ZipFile(io.BytesIO(good)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def docx_with_streamed_member(name: str, chunk: bytes, count: int) -> bytes:
    """A good DOCX plus member ``name`` of ``chunk`` written ``count`` times, streamed into
    the zip so that building a bomb never holds its inflated size in memory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in _docx_members().items():
            archive.writestr(member, data)
        with archive.open(name, "w", force_zip64=True) as stream:
            for _ in range(count):
                stream.write(chunk)
    return buffer.getvalue()


def docx_ratio_bomb() -> bytes:
    """A DOCX with a 500 MB member of zeros, about 500 kB compressed (ratio ~1000:1)."""
    return docx_with_streamed_member("word/media/zeros.bin", bytes(1024 * 1024), 500)


def docx_size_bomb(inflated_mb: int) -> bytes:
    """A DOCX whose media member inflates to ``inflated_mb`` MB at a modest ratio (~8:1):
    no single ratio gives it away, only its total inflated size does."""
    seed = random.Random(13)
    # Text over a 16-letter alphabet: deflate reaches about 2 bits a letter, ratio ~4-8.
    chunk = "".join(seed.choice("abcdefghijklmnop") for _ in range(1024 * 1024)).encode()
    return docx_with_streamed_member("word/media/data.bin", chunk, inflated_mb)


def empty_paragraphs_docx(count: int) -> bytes:
    """A DOCX of ``count`` empty paragraphs (compresses to a few kB)."""
    return docx_bytes("<w:p/>" * count)


def single_text_node_docx(megabytes: int) -> bytes:
    """A DOCX of one paragraph whose one text node is ``megabytes`` MB of Vietnamese words."""
    words = ("Hội nghị " * (megabytes * 1024 * 1024 // 10 + 1))[: megabytes * 1024 * 1024]
    return docx_bytes(f"<w:p><w:r><w:t>{words}</w:t></w:r></w:p>")


# The CFB (OLE2) signature every encrypted Office file and every legacy .doc starts with.
CFB_SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")


def cfb_container(stream_name: str) -> bytes:
    """Bytes shaped like an OLE compound file: the signature, a header and a directory
    entry naming ``stream_name`` (``EncryptedPackage`` for an encrypted DOCX, ``WordDocument``
    for a .doc); enough for any reader that sniffs the format."""
    header = CFB_SIGNATURE + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff\x09\x00" + bytes(486)
    name = stream_name.encode("utf-16-le") + b"\x00\x00"
    entry = name.ljust(64, b"\x00") + len(name).to_bytes(2, "little") + b"\x02" + bytes(61)
    return header + entry.ljust(512, b"\x00")


def truncated_docx() -> bytes:
    whole = docx_bytes("<w:p><w:r><w:t>Xin chào.</w:t></w:r></w:p>")
    return whole[: len(whole) * 2 // 3]


@dataclass
class Listener:
    """A TCP server on 127.0.0.1 that counts the connections made to it."""

    port: int
    connections: list[tuple[str, int]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/songngu-hostile"


@contextmanager
def listening() -> Iterator[Listener]:
    """A listener on a free local port, accepting in a thread until the block ends."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.1)
    listener = Listener(port=server.getsockname()[1])
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, peer = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            listener.connections.append(peer)
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener
    finally:
        stop.set()
        thread.join(timeout=5)
        server.close()
