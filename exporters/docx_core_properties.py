"""A DOCX package's document properties as Dublin Core: read at import, written in exports.

Word keeps a document's title, author, subject, description ("comments"), keywords,
language and creation date in ``docProps/core.xml`` (OPC core properties, Dublin Core
elements), and the company in ``docProps/app.xml``. :func:`read_core_properties` gives
them under Dublin Core names (``creator``, ``date``, ``publisher``…); a file without them,
or with a damaged properties part, simply has none (the properties never make an import
fail). :func:`core_properties_xml` writes the part for a DOCX songngu makes.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Mapping

from lxml import etree

from exporters import safe_xml
from primitives.errors import InvalidInput

CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
DCMITYPE = "http://purl.org/dc/dcmitype/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CORE_TYPE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
EXTENDED_TYPE = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
)
CORE_PART = "docProps/core.xml"
EXTENDED_PART = "docProps/app.xml"
CORE_CONTENT_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"
# A properties part is a few hundred bytes; anything much larger is not read.
MAX_PROPERTIES_BYTES = 1024 * 1024

# Dublin Core name -> the element of core.xml it is read from, in order of preference.
_CORE_ELEMENTS: dict[str, tuple[str, ...]] = {
    "title": (f"{{{DC}}}title",),
    "creator": (f"{{{DC}}}creator",),
    "subject": (f"{{{DC}}}subject", f"{{{CP}}}keywords"),
    "description": (f"{{{DC}}}description",),
    "language": (f"{{{DC}}}language",),
    "date": (f"{{{DCTERMS}}}created",),
    "identifier": (f"{{{DC}}}identifier",),
}


def _member(archive: zipfile.ZipFile, name: str) -> bytes | None:
    """A small part's bytes (None when missing or larger than a properties part can be)."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PROPERTIES_BYTES:
        return None
    with archive.open(info) as stream:  # the header's size can lie: read one byte more
        data = stream.read(MAX_PROPERTIES_BYTES + 1)
    return data if len(data) <= MAX_PROPERTIES_BYTES else None


def _parse(data: bytes | None) -> etree._Element | None:
    if data is None:
        return None
    try:
        return safe_xml.parse(data, "properties")
    except InvalidInput:  # entities or broken XML: the properties are left out
        return None


def _part_names(archive: zipfile.ZipFile) -> tuple[str, str]:
    """The core and extended properties parts the package relationships name."""
    core, extended = CORE_PART, EXTENDED_PART
    root = _parse(_member(archive, "_rels/.rels"))
    if root is None:
        return core, extended
    for relationship in root.iter(f"{{{PACKAGE_RELS}}}Relationship"):
        target = posixpath.normpath(relationship.get("Target", "").lstrip("/"))
        if relationship.get("Type") == CORE_TYPE:
            core = target
        elif relationship.get("Type") == EXTENDED_TYPE:
            extended = target
    return core, extended


def _text(element: etree._Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def read_core_properties(data: bytes) -> dict[str, str]:
    """The document properties of a DOCX by Dublin Core name (those with a value):
    title, creator, subject, description, language, date (as written, W3CDTF),
    identifier, publisher (the company). {} when the file has none or is not a zip."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError):
        return {}
    found: dict[str, str] = {}
    with archive:
        try:
            core_name, extended_name = _part_names(archive)
            core = _parse(_member(archive, core_name))
            extended = _parse(_member(archive, extended_name))
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, ValueError):
            return {}
    if core is not None:
        for name, tags in _CORE_ELEMENTS.items():
            for tag in tags:
                value = _text(core.find(tag))
                if value:
                    found[name] = value
                    break
    if extended is not None:
        company = _text(extended.find(f"{{{EXTENDED}}}Company"))
        if company:
            found["publisher"] = company
    return found


def core_properties_xml(metadata: Mapping[str, str], *, created: str = "") -> bytes:
    """docProps/core.xml for a DOCX songngu writes: the Dublin Core elements of metadata
    that core properties hold (title, creator, subject, description, language,
    identifier) and ``created`` (ISO 8601 UTC, "2026-05-14T09:30:00Z") when given."""
    root = etree.Element(
        f"{{{CP}}}coreProperties",
        nsmap={"cp": CP, "dc": DC, "dcterms": DCTERMS, "dcmitype": DCMITYPE, "xsi": XSI},
    )
    for name in ("title", "subject", "creator", "description", "identifier", "language"):
        value = metadata.get(name, "")
        if value:
            etree.SubElement(root, f"{{{DC}}}{name}").text = value
    if created:
        element = etree.SubElement(root, f"{{{DCTERMS}}}created")
        element.set(f"{{{XSI}}}type", "dcterms:W3CDTF")
        element.text = created
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
