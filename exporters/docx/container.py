"""The vetted DOCX zip: container type, zip bombs and XML entities, checked before any parser.

Intake (reading an upload) and the target DOCX (opening the stored original and re-reading
what it wrote) open a DOCX only through :func:`open_vetted_zip`. Nothing here trusts a header. A DOCX zip is vetted from its central directory (member
count, names, declared sizes, compression ratios, encryption flags) before a single member
is inflated, and every member is then read through :class:`GuardedStream`, which enforces
the same limits on the bytes actually produced and refuses entity declarations. The XML
parser options and the entity checks are :mod:`exporters.safe_xml`'s, as for every format.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import IO

from lxml import etree

from exporters import safe_xml
from exporters.docx.limits import UPLOAD_MB_SETTING, ZIP_RATIO_SETTING, DocxLimits
from primitives.errors import InvalidInput

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
PDF_MAGIC = b"%PDF"

_READ_CHUNK = 256 * 1024


def sniff_container(data: bytes) -> str:
    """Name the container the bytes really are: 'zip', 'ole', 'pdf' or 'other'."""
    if data.startswith(OLE_MAGIC):
        return "ole"
    if data.startswith(ZIP_MAGICS):
        return "zip"
    if data.startswith(PDF_MAGIC):
        return "pdf"
    return "other"


def open_vetted_zip(data: bytes, filename: str, limits: DocxLimits) -> zipfile.ZipFile:
    """Open a DOCX zip after checking its member list against the limits.

    Raises InvalidInput for anything that is not a sound, reasonably sized zip.
    """
    kind = sniff_container(data)
    if kind == "ole":
        raise InvalidInput(
            "intake.docx_encrypted_or_doc",
            "{file} is a password-protected Word file or a legacy Word 97-2003 .doc: remove "
            "the password or open it in Word and save it again as .docx, then import it again",
            file=filename,
        )
    if kind != "zip":
        raise InvalidInput(
            "intake.docx_not_zip",
            "{file} is not a DOCX file (it is not a zip archive); open it in Word and save it "
            "again as .docx",
            file=filename,
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as error:
        raise InvalidInput(
            "intake.docx_truncated",
            "{file} is a damaged or truncated DOCX ({reason}); open it in Word and save it "
            "again as .docx",
            file=filename,
            reason=str(error),
        ) from error
    _check_members(members, filename, limits)
    return archive


def _check_members(members: list[zipfile.ZipInfo], filename: str, limits: DocxLimits) -> None:
    if len(members) > limits.max_zip_entries:
        raise InvalidInput(
            "intake.docx_too_many_members",
            "{file} has {count:,} zip members, more than the limit of {limit:,}; it is not a "
            "normal DOCX, open it in Word and save it again as .docx",
            file=filename,
            count=len(members),
            limit=limits.max_zip_entries,
        )
    seen: set[str] = set()
    total = 0
    for member in members:
        if member.filename in seen:
            raise InvalidInput(
                "intake.docx_duplicate_member",
                "{file} lists the zip member {member} twice; open it in Word and save it again "
                "as .docx",
                file=filename,
                member=member.filename,
            )
        seen.add(member.filename)
        if member.flag_bits & 0x1:
            raise InvalidInput(
                "intake.docx_encrypted_zip",
                "{file} is an encrypted zip; remove the password and import it again",
                file=filename,
            )
        if member.file_size > limits.max_part_bytes:
            raise InvalidInput(
                "intake.docx_member_too_large",
                "{file}: member {member} declares {size:,} bytes, more than the limit of "
                "{limit:,}; split it into smaller files, or raise {setting} if such files are "
                "expected",
                file=filename,
                member=member.filename,
                size=member.file_size,
                limit=limits.max_part_bytes,
                setting=UPLOAD_MB_SETTING,
            )
        check_ratio(member, member.file_size, filename, limits)
        total += member.file_size
        if total > limits.max_total_bytes:
            raise InvalidInput(
                "intake.docx_inflates_too_much",
                "{file} inflates to more than {limit:,} bytes (zip bomb or very large document); "
                "split it into smaller files, or raise {setting} if such files are expected",
                file=filename,
                limit=limits.max_total_bytes,
                setting=UPLOAD_MB_SETTING,
            )


def check_ratio(
    member: zipfile.ZipInfo, uncompressed: int, filename: str, limits: DocxLimits
) -> None:
    """Refuse a member whose inflated size is out of proportion to its compressed size."""
    if uncompressed <= limits.ratio_allowance_bytes:
        return
    compressed = max(member.compress_size, 1)
    if uncompressed / compressed > limits.max_compression_ratio:
        raise InvalidInput(
            "intake.docx_member_ratio",
            "{file}: member {member} expands more than {ratio:g}:1 (zip bomb); the file was "
            "refused (if you trust it, raise {setting})",
            file=filename,
            member=member.filename,
            ratio=limits.max_compression_ratio,
            setting=ZIP_RATIO_SETTING,
        )


class InflationBudget:
    """Uncompressed bytes still allowed for the whole file, shared by all its members."""

    def __init__(self, limits: DocxLimits) -> None:
        self.remaining = limits.max_total_bytes


class GuardedStream:
    """A read-only file object over one zip member that enforces limits as it inflates.

    Counts the bytes actually produced (headers can lie), re-checks the size and ratio
    limits against them, and refuses any ``<!ENTITY`` declaration in the stream.
    """

    def __init__(
        self,
        archive: zipfile.ZipFile,
        member: zipfile.ZipInfo,
        filename: str,
        limits: DocxLimits,
        budget: InflationBudget,
    ) -> None:
        self._source: IO[bytes] = archive.open(member)
        self._member = member
        self._filename = filename
        self._limits = limits
        self._budget = budget
        self._produced = 0
        self._entities = safe_xml.EntityWatch()

    def read(self, size: int = -1) -> bytes:
        chunk = self._source.read(size if size and size > 0 else _READ_CHUNK)
        if not chunk:
            return chunk
        self._produced += len(chunk)
        self._budget.remaining -= len(chunk)
        if self._produced > self._limits.max_part_bytes or self._budget.remaining < 0:
            raise InvalidInput(
                "intake.docx_member_inflates_beyond_limit",
                "{file}: member {member} inflates beyond the size limit (zip bomb or very large "
                "document); split it into smaller files, or raise {setting} if such files are "
                "expected",
                file=self._filename,
                member=self._member.filename,
                setting=UPLOAD_MB_SETTING,
            )
        check_ratio(self._member, self._produced, self._filename, self._limits)
        if self._entities.seen_in(chunk):
            raise_entity_error(self._filename, self._member.filename)
        return chunk

    def close(self) -> None:
        self._source.close()


def raise_entity_error(filename: str, part: str) -> None:
    raise InvalidInput(
        "intake.docx_xml_entities",
        "{file}: {part} declares XML entities, which Word never writes (possible "
        "entity-expansion attack); the file was refused",
        file=filename,
        part=part,
    )


def iterparse_guarded(
    stream: GuardedStream, filename: str, part: str, limits: DocxLimits
) -> Iterator[tuple[str, etree._Element]]:
    """Stream (event, element) pairs for 'start' and 'end' from a guarded part.

    Refuses internal DTD entity declarations (checked at the first element, before any
    content is handed out) and parts with more than ``max_xml_elements`` elements.
    """
    events = safe_xml.iterparse(stream, ("start", "end"))
    elements = 0
    try:
        for event, element in events:
            if event == "start":
                if elements == 0:
                    refuse_internal_entities(element.getroottree(), filename, part)
                elements += 1
                if elements > limits.max_xml_elements:
                    raise InvalidInput(
                        "intake.docx_too_many_elements",
                        "{file}: {part} has more than {limit:,} XML elements; the document is "
                        "too large or malformed, split it",
                        file=filename,
                        part=part,
                        limit=limits.max_xml_elements,
                    )
            yield event, element
    except etree.XMLSyntaxError as error:
        raise InvalidInput(
            "intake.docx_malformed_xml",
            "{file}: {part} is not well-formed XML ({reason}); open it in Word and save it "
            "again as .docx",
            file=filename,
            part=part,
            reason=error.msg,
        ) from error
    finally:
        stream.close()


def refuse_internal_entities(tree: etree._ElementTree, filename: str, part: str) -> None:
    if safe_xml.has_internal_entities(tree):
        raise_entity_error(filename, part)


def read_member(
    archive: zipfile.ZipFile,
    member: zipfile.ZipInfo,
    filename: str,
    limits: DocxLimits,
    budget: InflationBudget,
) -> bytes:
    """A member's whole inflated content, read through a :class:`GuardedStream`."""
    stream = GuardedStream(archive, member, filename, limits, budget)
    try:
        return b"".join(iter(lambda: stream.read(_READ_CHUNK), b""))
    finally:
        stream.close()


def parse_small_part(
    archive: zipfile.ZipFile,
    member: zipfile.ZipInfo,
    filename: str,
    limits: DocxLimits,
    budget: InflationBudget,
) -> etree._Element:
    """Parse a whole part (relationships, styles, or a story the target DOCX rewrites),
    safely; comments and processing instructions are kept, so a rewritten part keeps them."""
    content = read_member(archive, member, filename, limits, budget)
    try:
        root = etree.fromstring(content, safe_xml.parser(keep_comments=True))
    except etree.XMLSyntaxError as error:
        raise InvalidInput(
            "intake.docx_malformed_xml",
            "{file}: {part} is not well-formed XML ({reason}); open it in Word and save it "
            "again as .docx",
            file=filename,
            part=member.filename,
            reason=error.msg,
        ) from error
    refuse_internal_entities(root.getroottree(), filename, member.filename)
    return root
