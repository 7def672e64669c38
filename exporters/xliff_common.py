"""What XLIFF 1.2 and 2.x share in songngu: refusals, limits, the songngu markers, the
kinds of inline codes, and reading a file of either version.

songngu marks the files it writes so an import can tell them and detect changes, in
places the official schemas allow (no foreign attribute: XLIFF 1.2 strict demands a
schema for every one):

- XLIFF 1.2: each ``<file>`` carries a ``<phase phase-name="songngu-export">`` whose
  ``job-id`` names the project, document and its revision; each ``<trans-unit>`` has
  ``extype="x-songngu"`` and ``extradata="segment=12;version=3;source-hash=…"``.
- XLIFF 2.x: ``<mda:metadata>`` groups of category ``songngu`` on the ``<file>`` (project,
  document-id, revision) and on each ``<unit>`` (segment-id, version, source-hash, origin).

:func:`read_xliff` reads any XLIFF 1.0–1.2 or 2.0–2.2 file into one store per ``<file>``,
with what the markers say in ``Store.props`` (``project``, ``document_id``, ``revision``,
as :mod:`workflow.stores` names them) and on each unit (``id`` the segment id, ``version``,
``props["source_hash"]``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote

from lxml import etree

from exporters import safe_xml
from primitives.errors import InvalidInput
from primitives.statuses import Status
from primitives.units import Store

NS_12 = "urn:oasis:names:tc:xliff:document:1.2"
NS_2 = "urn:oasis:names:tc:xliff:document:2.0"
NS_MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_SPACE = f"{{{XML_NS}}}space"
XML_LANG = f"{{{XML_NS}}}lang"

SONGNGU_PHASE = "songngu-export"
SONGNGU_EXTYPE = "x-songngu"
SONGNGU_CATEGORY = "songngu"
TOOL_ID = "songngu"

# Limits as for a DOCX import (workflow/intake/limits.py passes the configured ones).
DEFAULT_MAX_BYTES = 100 * 1024 * 1024
DEFAULT_MAX_UNITS = 250_000

# Store.props and Unit.props keys.
SOURCE_HASH_PROP = "source_hash"
XLIFF_ID_PROP = "xliff_id"  # the trans-unit/unit id as written in the file
XLIFF_VERSION_PROP = "xliff_version"
ORIGINAL_PROP = "original"  # the <file original>

REFUSALS = safe_xml.Refusals(
    empty=safe_xml.Refusal(
        "xliff.empty", "{filename} is empty: choose an XLIFF file exported from a CAT tool"
    ),
    entities=safe_xml.Refusal(
        "xliff.entities",
        "{filename} declares XML entities (<!ENTITY), which are refused for safety: "
        "export the XLIFF again without a DTD",
    ),
    malformed=safe_xml.Refusal(
        "xliff.not_well_formed",
        "{filename} is not well-formed XML at line {line}: {reason}; "
        "fix the file or export it again",
    ),
    too_large=safe_xml.Refusal(
        "xliff.too_large", "{filename} is larger than {limit_mb} MB: split it into smaller files"
    ),
)

# ---------------------------------------------------------------------------------------
# Kinds of inline codes (the "kind" of a segment's codes) in each version's attributes

# songngu kind -> 1.2 ctype of a paired code (g, bx) and of a placeholder (x).
CTYPE_PAIRED = {"bold": "bold", "italic": "italic", "underline": "underline", "hyperlink": "link"}
CTYPE_STANDALONE = {"line_break": "lb", "page_break": "pb", "image": "image"}
# songngu kind -> 2.x (type, subType).
TYPE_2: dict[str, tuple[str, str | None]] = {
    "bold": ("fmt", "xlf:b"),
    "italic": ("fmt", "xlf:i"),
    "underline": ("fmt", "xlf:u"),
    "line_break": ("fmt", "xlf:lb"),
    "page_break": ("fmt", "xlf:pb"),
    "hyperlink": ("link", None),
    "image": ("image", None),
}
_TOKEN_RE = re.compile(r"[^A-Za-z0-9_.-]")


def ctype_for(kind: str | None, *, paired: bool) -> str | None:
    """The 1.2 ctype of a code of that kind (x-<kind> when 1.2 has no name for it)."""
    if not kind:
        return None
    known = (CTYPE_PAIRED if paired else CTYPE_STANDALONE).get(kind)
    if known:
        return known
    token = _TOKEN_RE.sub("-", kind).strip("-")
    return f"x-{token}" if token else None


def kind_from_ctype(ctype: str | None, *, paired: bool) -> str | None:
    if not ctype:
        return None
    for kind, name in (CTYPE_PAIRED if paired else CTYPE_STANDALONE).items():
        if name == ctype:
            return kind
    return ctype[2:] if ctype.startswith("x-") and len(ctype) > 2 else ctype


def kind_from_type(type_: str | None, subtype: str | None) -> str | None:
    for kind, (known_type, known_subtype) in TYPE_2.items():
        if (type_, subtype) == (known_type, known_subtype):
            return kind
    if subtype and subtype.startswith("songngu:"):
        return subtype[len("songngu:") :]
    return type_ or None


# ---------------------------------------------------------------------------------------
# songngu markers


@dataclass(frozen=True)
class ExportOrigin:
    """Which project's document (and revision of it) a songngu XLIFF file was written from."""

    project: str
    document_id: int
    revision: int | None = None

    def job_id(self) -> str:
        revision = "" if self.revision is None else f";revision={self.revision}"
        return f"project={quote(self.project, safe='')};document={self.document_id}{revision}"

    @classmethod
    def from_job_id(cls, text: str) -> ExportOrigin | None:
        fields = _fields(text)
        document = _int(fields.get("document"))
        if "project" not in fields or document is None:
            return None
        return cls(unquote(fields["project"]), document, _int(fields.get("revision")))

    @classmethod
    def from_store(cls, store: Store) -> ExportOrigin | None:
        document = _int(store.props.get("document_id"))
        project = store.props.get("project")
        if document is None or not project:
            return None
        return cls(project, document, _int(store.props.get("revision")))

    def to_props(self) -> dict[str, str]:
        props = {"project": self.project, "document_id": str(self.document_id)}
        if self.revision is not None:
            props["revision"] = str(self.revision)
        return props


@dataclass(frozen=True)
class UnitMarker:
    """What songngu wrote about one unit: the segment, its version, its source's hash."""

    segment_id: int
    version: int | None
    source_hash: str

    def extradata(self) -> str:
        version = "" if self.version is None else f";version={self.version}"
        return f"segment={self.segment_id}{version};source-hash={self.source_hash}"

    @classmethod
    def from_extradata(cls, text: str) -> UnitMarker | None:
        fields = _fields(text)
        segment = _int(fields.get("segment"))
        if segment is None:
            return None
        return cls(segment, _int(fields.get("version")), fields.get("source-hash", ""))


def _fields(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for part in text.split(";"):
        name, _, value = part.partition("=")
        if name.strip():
            fields[name.strip()] = value.strip()
    return fields


def _int(value: str | None) -> int | None:
    if value is None or not value.strip().isdigit():
        return None
    return int(value.strip())


def as_int(value: str | None) -> int | None:
    """A whole number written in a file ("12"), else None."""
    return _int(value)


# ---------------------------------------------------------------------------------------
# Reading either version


@dataclass
class ReadLimits:
    """The limits of one read (the file's size is checked before parsing)."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_units: int = DEFAULT_MAX_UNITS


@dataclass
class ReadNotes:
    """What reading left out or changed, counted, for the store's warnings."""

    dropped_sub_flows: int = 0
    dropped_markers: int = 0
    dropped_characters: int = 0
    unknown_elements: set[str] = field(default_factory=set)

    def warnings(self) -> list[str]:
        lines: list[str] = []
        if self.dropped_sub_flows:
            lines.append(f"{self.dropped_sub_flows} text(s) inside inline codes were left out")
        if self.dropped_characters:
            lines.append(
                f"{self.dropped_characters} character(s) XML cannot hold were converted or left out"
            )
        if self.unknown_elements:
            names = ", ".join(f"<{name}>" for name in sorted(self.unknown_elements))
            lines.append(f"elements that are not XLIFF inline codes were read as text: {names}")
        return lines


def local_name(element: Any) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""  # a comment or processing instruction
    return etree.QName(tag).localname


def parse_xliff(data: bytes, filename: str, limits: ReadLimits) -> tuple[etree._Element, str]:
    """The root <xliff> element and its major version ("1" or "2"), or one-line InvalidInput."""
    try:
        root = safe_xml.parse(data, filename, refusals=REFUSALS, max_bytes=limits.max_bytes)
    except InvalidInput as error:
        reason = str(error.params.get("reason", ""))
        if error.code == "xliff.not_well_formed" and "CharRef" in reason:
            raise InvalidInput(
                "xliff.bad_character_reference",
                "{filename} line {line} has a character reference (&#…;) to a character XML "
                "cannot hold: remove it or export the file again",
                filename=filename,
                line=error.params.get("line", "?"),
            ) from None
        raise
    if local_name(root) != "xliff":
        raise InvalidInput(
            "xliff.not_xliff",
            "{filename} is not an XLIFF file (its root element is <{root}>, not <xliff>): "
            "choose an .xlf or .xliff file",
            filename=filename,
            root=local_name(root),
        )
    namespace = etree.QName(root.tag).namespace or ""
    version = (root.get("version") or "").strip()
    if namespace == NS_2 or version.startswith("2."):
        major = "2"
    elif version in ("1.0", "1.1", "1.2") or namespace.startswith("urn:oasis:names:tc:xliff"):
        major = "1"
    else:
        raise InvalidInput(
            "xliff.unknown_version",
            "{filename} is XLIFF version {version!r}, which cannot be read: "
            "export it as XLIFF 1.2 or 2.1",
            filename=filename,
            version=version or "?",
        )
    return root, major


def indent_structure(root: etree._Element, content: frozenset[str], level: int = 0) -> None:
    """Indent the file's structure for people, never inside text: elements named in
    content (source, target, note, meta) keep their text exactly (pretty printing would
    add whitespace inside a <source> that starts with a code)."""
    children = [child for child in root if isinstance(child.tag, str)]
    if not children or local_name(root) in content:
        return
    inner = "\n" + "  " * (level + 1)
    root.text = inner
    for child in children:
        indent_structure(child, content, level + 1)
        child.tail = inner
    children[-1].tail = "\n" + "  " * level


def effective_status(status: Status, target: str) -> Status:
    """A unit marked new that has a target is a draft (nothing confirmed it)."""
    return Status.DRAFT if status == Status.NEW and target.strip() else status


def too_many_units(filename: str, limit: int) -> InvalidInput:
    return InvalidInput(
        "xliff.too_many_units",
        "{filename} has more than {limit:,} units: split it into smaller files",
        filename=filename,
        limit=limit,
    )


def read_xliff(
    data: bytes,
    filename: str,
    *,
    source_lang: str = "vi",
    target_lang: str = "en",
    limits: ReadLimits | None = None,
) -> list[Store]:
    """One store per <file> of an XLIFF 1.x or 2.x file, or one-line InvalidInput."""
    from exporters import xliff12, xliff21  # each version's reader; they import this module

    limits = limits or ReadLimits()
    root, major = parse_xliff(data, filename, limits)
    reader = xliff21.read_root if major == "2" else xliff12.read_root
    stores = reader(root, filename, limits, source_lang=source_lang, target_lang=target_lang)
    if not stores:
        raise InvalidInput(
            "xliff.no_file",
            "{filename} has no <file> element: it is not a complete XLIFF file",
            filename=filename,
        )
    return stores


def one_store(stores: list[Store]) -> Store:
    """The stores of a file as one (units in order; metadata and props of the first)."""
    first = stores[0]
    merged = Store(
        [unit for store in stores for unit in store],
        source_lang=first.source_lang,
        target_lang=first.target_lang,
        metadata=dict(first.metadata),
        props=dict(first.props),
        warnings=[line for store in stores for line in store.warnings],
    )
    return merged
