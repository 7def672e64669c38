"""Safe parsing of untrusted XML: the one place songngu's lxml parser options are chosen.

Every XML file a user gives songngu (TMX, TBX, XLIFF, the parts of a DOCX) is parsed with
no network access, no DTD loading, no entity resolution, lxml's limits on text nodes and
depth left on (no ``huge_tree``) and never ``recover=True`` (a recovering parser silently
swallows bombs and damaged markup). A file that declares entities (``<!ENTITY``, the
"billion laughs" bomb and external-entity reads) is refused before lxml sees it, in
UTF-8/ASCII and UTF-16 bytes, and again from the parsed document type in case another
encoding hid it. A bare DOCTYPE is allowed: TMX files declare ``tmx14.dtd``, which is
never fetched.

A format words the refusals for its users (``Refusals``: a code and an English template
each, with the fields ``filename``, ``line``, ``reason`` and ``limit_mb``); the checks
stay the same for all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import IO, Any, ClassVar

from lxml import etree

from primitives.errors import InvalidInput, template_fields

# "<!ENTITY" as UTF-8/ASCII and UTF-16 (either byte order) bytes: XML text cannot hold a
# literal "<", so these bytes only occur in a DTD (or in a comment, which is refused too).
ENTITY_DECLARATIONS: tuple[bytes, ...] = tuple(
    "<!ENTITY".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be")
)
_DECLARATION_OVERLAP = max(len(declaration) for declaration in ENTITY_DECLARATIONS) - 1
_POSITION_RE = re.compile(r",? line \d+, column \d+$")
_SPACE_RE = re.compile(r"\s+")

# lxml options for untrusted XML; see the module docstring for why each is set.
PARSER_OPTIONS: dict[str, bool] = {
    "resolve_entities": False,
    "load_dtd": False,
    "dtd_validation": False,
    "no_network": True,
    "huge_tree": False,
    "recover": False,
}


def declares_entities(data: bytes) -> bool:
    """True if the bytes hold an entity declaration (searched raw, nothing decoded)."""
    return any(declaration in data for declaration in ENTITY_DECLARATIONS)


class EntityWatch:
    """Looks for an entity declaration in bytes that arrive in chunks (a zip member as it
    inflates), including one split across two chunks."""

    def __init__(self) -> None:
        self._tail = b""

    def seen_in(self, chunk: bytes) -> bool:
        window = self._tail + chunk
        self._tail = window[-_DECLARATION_OVERLAP:]
        return declares_entities(window)


def has_internal_entities(tree: etree._ElementTree) -> bool:
    """True if the parsed document's internal DTD declares any entity."""
    dtd = tree.docinfo.internalDTD
    return dtd is not None and any(True for _ in dtd.iterentities())


def parser(*, keep_comments: bool = False) -> etree.XMLParser:
    """An lxml parser with the safe options; comments and processing instructions are
    dropped unless asked for (no songngu format reads them)."""
    return etree.XMLParser(
        **PARSER_OPTIONS, remove_comments=not keep_comments, remove_pis=not keep_comments
    )


def iterparse(
    source: IO[bytes], events: tuple[str, ...] = ("start", "end"), tag: str | None = None
) -> Any:
    """lxml's iterparse over a file object with the safe options (comments kept, as the
    caller walks the document as it is), of every element or only those named ``tag``."""
    return etree.iterparse(source, events=events, tag=tag, **PARSER_OPTIONS)


def syntax_reason(error: etree.XMLSyntaxError) -> str:
    """libxml2's message in one line, without the ", line N, column M" it ends with."""
    message = _SPACE_RE.sub(" ", str(error.msg if error.msg else error)).strip()
    return _POSITION_RE.sub("", message)


@dataclass(frozen=True)
class Refusal:
    """A refusal's error code and English template, raised by :func:`parse` with the
    fields it knows of the file (:attr:`FIELDS`)."""

    FIELDS: ClassVar[frozenset[str]] = frozenset({"filename", "line", "reason", "limit_mb"})

    code: str
    template: str

    def __post_init__(self) -> None:
        if unknown := template_fields(self.template) - self.FIELDS:
            raise TypeError(f"refusal {self.code!r} formats unknown fields {sorted(unknown)}")

    def error(self, **params: Any) -> InvalidInput:
        return InvalidInput(self.code, self.template, **params)


@dataclass(frozen=True)
class Refusals:
    """How a format words each refusal; empty and too_large are checked only when given."""

    entities: Refusal
    malformed: Refusal
    empty: Refusal | None = None
    too_large: Refusal | None = None


GENERIC_REFUSALS = Refusals(
    entities=Refusal(
        "xml.entities",
        "{filename} declares XML entities (<!ENTITY), which are refused for safety",
    ),
    malformed=Refusal(
        "xml.not_well_formed", "{filename} is not well-formed XML at line {line}: {reason}"
    ),
    empty=Refusal("xml.empty", "{filename} is empty"),
    too_large=Refusal("xml.too_large", "{filename} is larger than {limit_mb} MB"),
)


def parse(
    data: bytes,
    filename: str,
    *,
    refusals: Refusals = GENERIC_REFUSALS,
    max_bytes: int | None = None,
) -> etree._Element:
    """The root element of an untrusted XML file, or InvalidInput in one line.

    Refused, in this order: a file larger than max_bytes (when both it and
    refusals.too_large are given), an empty file (when refusals.empty is given), entity
    declarations, XML that is not well formed.
    """
    if max_bytes is not None and refusals.too_large and len(data) > max_bytes:
        raise refusals.too_large.error(filename=filename, limit_mb=max_bytes // (1024 * 1024))
    if refusals.empty and not data.strip():
        raise refusals.empty.error(filename=filename)
    if declares_entities(data):
        raise refusals.entities.error(filename=filename)
    try:
        root = etree.fromstring(data, parser())
    except etree.XMLSyntaxError as error:
        raise refusals.malformed.error(
            filename=filename, line=error.lineno or "?", reason=syntax_reason(error)
        ) from None
    if has_internal_entities(root.getroottree()):
        raise refusals.entities.error(filename=filename)
    return root
