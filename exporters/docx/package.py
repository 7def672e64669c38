"""The parts of a vetted DOCX zip: relationships, styles, and guarded part reads.

The thin package layer (in the manner of python-docx's ``opc`` package) the intake reader
and the target DOCX writer share: every read of a member goes through the limits of
:mod:`exporters.docx.container`; relationships are resolved to part names once, here.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from exporters.docx.container import (
    GuardedStream,
    InflationBudget,
    iterparse_guarded,
    parse_small_part,
    read_member,
)
from exporters.docx.limits import DocxLimits
from exporters.docx.names import PKG_RELS, WN, W
from primitives.errors import InvalidInput


@dataclass(frozen=True)
class Relationship:
    rel_id: str
    kind: str  # last path segment of the type, e.g. "header", "hyperlink", "footnotes"
    target: str  # part name inside the zip, or the URL for external targets
    external: bool


@dataclass(frozen=True)
class StyleInfo:
    name: str
    is_heading: bool
    font: str | None


class DocxPackage:
    """Read access to the parts of one DOCX, every read going through the limits."""

    def __init__(self, archive: zipfile.ZipFile, filename: str, limits: DocxLimits) -> None:
        self.archive = archive
        self.filename = filename
        self.limits = limits
        self.budget = InflationBudget(limits)
        self._members = {member.filename: member for member in archive.infolist()}

    def has_part(self, name: str) -> bool:
        return name in self._members

    @property
    def members(self) -> list[zipfile.ZipInfo]:
        """The zip members in the order the file lists them."""
        return list(self._members.values())

    def read_bytes(self, name: str) -> bytes:
        """A member's inflated bytes, read through the limits (for copying it unchanged)."""
        return read_member(
            self.archive, self._members[name], self.filename, self.limits, self.budget
        )

    def parse(self, name: str) -> etree._Element:
        return parse_small_part(
            self.archive, self._members[name], self.filename, self.limits, self.budget
        )

    def stream(self, name: str) -> Iterator[tuple[str, etree._Element]]:
        stream = GuardedStream(
            self.archive, self._members[name], self.filename, self.limits, self.budget
        )
        return iterparse_guarded(stream, self.filename, name, self.limits)

    def relationships(self, part: str) -> dict[str, Relationship]:
        """Relationships of a part ('' for the package), keyed by id."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", f"{base}.rels")
        if not self.has_part(rels_name):
            return {}
        found: dict[str, Relationship] = {}
        for rel in self.parse(rels_name).iter(f"{PKG_RELS}Relationship"):
            target = rel.get("Target", "")
            external = rel.get("TargetMode") == "External"
            if not external:
                target = (
                    target.lstrip("/")
                    if target.startswith("/")
                    else posixpath.normpath(posixpath.join(folder, target))
                )
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            found[rel.get("Id", "")] = Relationship(rel.get("Id", ""), kind, target, external)
        return found

    def main_document(self) -> str:
        """Name of the main document part, refusing non-Word Office files."""
        for rel in self.relationships("").values():
            if rel.kind == "officeDocument" and not rel.external:
                if not rel.target.startswith("word/") and "/" in rel.target:
                    raise InvalidInput(
                        "intake.docx_not_word",
                        "{file} is not a Word document (its main part is {part}); supported "
                        "formats are .docx, .txt and .md",
                        file=self.filename,
                        part=rel.target,
                    )
                if self.has_part(rel.target):
                    return rel.target
        raise InvalidInput(
            "intake.docx_no_main_part",
            "{file} has no Word main document part; it is damaged or not a DOCX, open it in "
            "Word and save it again as .docx",
            file=self.filename,
        )

    def styles(self, document_part: str) -> dict[str, StyleInfo]:
        """Paragraph and character styles by id, with inherited fonts resolved."""
        styles_rel = next(
            (r for r in self.relationships(document_part).values() if r.kind == "styles"), None
        )
        if styles_rel is None or not self.has_part(styles_rel.target):
            return {}
        return read_styles(self.parse(styles_rel.target))


def _run_font(rpr: etree._Element | None) -> str | None:
    if rpr is None:
        return None
    fonts = rpr.find(WN.rFonts)
    if fonts is None:
        return None
    return fonts.get(WN.ascii) or fonts.get(WN.hAnsi)


def run_font(rpr: etree._Element | None) -> str | None:
    """The font a run's properties name directly (ascii, else hAnsi), if any."""
    return _run_font(rpr)


def read_styles(root: etree._Element) -> dict[str, StyleInfo]:
    """Style id → name, heading flag and font (following basedOn, then document defaults)."""
    default_font = _run_font(root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr"))
    raw: dict[str, tuple[str, str | None, str | None, bool]] = {}
    default_paragraph_style = ""
    for style in root.iter(WN.style):
        style_id = style.get(WN.styleId)
        if not style_id:
            continue
        if style.get(WN.type) == "paragraph" and style.get(WN.default) in ("1", "true"):
            default_paragraph_style = style_id
        name_el = style.find(WN.name)
        name = name_el.get(WN.val, style_id) if name_el is not None else style_id
        based_el = style.find(WN.basedOn)
        based_on = based_el.get(WN.val) if based_el is not None else None
        outline = style.find(f"{W}pPr/{W}outlineLvl")
        lowered = name.lower()
        is_heading = (
            outline is not None
            or lowered.startswith(("heading", "title", "subtitle"))
            or lowered == "tiêu đề"
        )
        raw[style_id] = (name, based_on, _run_font(style.find(WN.rPr)), is_heading)

    def font_of(style_id: str, depth: int = 0) -> str | None:
        entry = raw.get(style_id)
        if entry is None or depth > 20:  # basedOn loops exist in damaged files
            return default_font
        _, based_on, font, _ = entry
        if font:
            return font
        return font_of(based_on, depth + 1) if based_on else default_font

    resolved = {
        style_id: StyleInfo(name, is_heading, font_of(style_id))
        for style_id, (name, _, _, is_heading) in raw.items()
    }
    # Paragraphs without a pStyle use the default paragraph style ("Normal").
    resolved[""] = StyleInfo("", False, font_of(default_paragraph_style))
    return resolved
