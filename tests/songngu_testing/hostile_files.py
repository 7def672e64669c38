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
from collections.abc import Callable, Iterator
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


def docx_with_members(members: dict[str, tuple[bytes, int]]) -> bytes:
    """A good DOCX plus members name → (chunk, count): ``chunk`` written ``count`` times,
    streamed into the zip so that building a bomb never holds its inflated size in memory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in _docx_members().items():
            archive.writestr(member, data)
        for name, (chunk, count) in members.items():
            with archive.open(name, "w", force_zip64=True) as stream:
                for _ in range(count):
                    stream.write(chunk)
    return buffer.getvalue()


def docx_ratio_bomb() -> bytes:
    """A DOCX with a 50 MB member of zeros, about 50 kB compressed (ratio ~1000:1), under
    the default size limit of one part: only its ratio gives it away."""
    return docx_with_members({"word/media/zeros.bin": (bytes(1024 * 1024), 50)})


def docx_size_bomb(members: int, member_kb: int) -> bytes:
    """A DOCX of ``members`` media members of ``member_kb`` kB each at a modest ratio (~7:1):
    no single member's size or ratio gives it away, only their total inflated size does."""
    seed = random.Random(13)
    # Random text over two letters: deflate needs about a bit a letter, a ratio near 7. The
    # chunk is longer than deflate's 32 kB window, so its repeats are not matched either.
    chunk = "".join(seed.choice("ab") for _ in range(64 * 1024)).encode()
    return docx_with_members(
        {f"word/media/data{n}.bin": (chunk, member_kb // 64) for n in range(members)}
    )


def empty_paragraphs_docx(count: int) -> bytes:
    """A DOCX of ``count`` empty paragraphs, stored (deflated, the zip ratio would refuse it
    first: the paragraph count is what is under test)."""
    return docx_bytes("<w:p/>" * count, compression=zipfile.ZIP_STORED)


def single_text_node_docx(megabytes: int) -> bytes:
    """A DOCX of one paragraph whose one text node is ``megabytes`` MB of Vietnamese words."""
    words = ("Hội nghị " * (megabytes * 1024 * 1024 // 10 + 1))[: megabytes * 1024 * 1024]
    return docx_bytes(f"<w:p><w:r><w:t>{words}</w:t></w:r></w:p>", compression=zipfile.ZIP_STORED)


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


def argosmodel(members: dict[str, bytes], *, symlinks: dict[str, str] | None = None) -> bytes:
    """An .argosmodel (a zip) of these members, plus symbolic-link members name → target."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        for name, target in (symlinks or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (0o120777 << 16) | 0  # S_IFLNK, as `zip --symlinks` writes
            archive.writestr(info, target)
    return buffer.getvalue()


def argos_metadata(name: str = "translate-vi_en-9_9") -> dict[str, bytes]:
    return {
        f"{name}/metadata.json": (
            b'{"package_version": "9.9", "argos_version": "1.9", "from_code": "vi", '
            b'"to_code": "en", "from_name": "Vietnamese", "to_name": "English"}'
        )
    }


def argosmodel_zip_bomb() -> bytes:
    """A package folder whose model.bin is 50 MB of zeros (about 50 kB compressed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in argos_metadata().items():
            archive.writestr(name, data)
        with archive.open("translate-vi_en-9_9/model/model.bin", "w") as stream:
            for _ in range(50):
                stream.write(bytes(1024 * 1024))
    return buffer.getvalue()


def with_document_xml(docx: bytes, edit: Callable[[bytes], bytes]) -> bytes:
    """The same DOCX with word/document.xml replaced by ``edit`` of it (other parts as they are)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source:
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                data = source.read(info)
                if info.filename == "word/document.xml":
                    data = edit(data)
                target.writestr(info.filename, data)
    return buffer.getvalue()


def replaced(old: str, new: str) -> Callable[[bytes], bytes]:
    """An edit replacing ``old`` by ``new`` (which must be there: a tamper that misses its
    mark would test nothing)."""

    def edit(data: bytes) -> bytes:
        assert old.encode() in data, old
        return data.replace(old.encode(), new.encode())

    return edit


def repeated_last_row(times: int) -> Callable[[bytes], bytes]:
    """An edit appending ``times`` copies of the table's last row (a segment row)."""

    def edit(data: bytes) -> bytes:
        end = data.rindex(b"</w:tr>") + len(b"</w:tr>")
        start = (
            data.rindex(b"<w:tr>", 0, end) if b"<w:tr>" in data else data.rindex(b"<w:tr ", 0, end)
        )
        return data[:end] + data[start:end] * times + data[end:]

    return edit
