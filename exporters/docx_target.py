"""Target DOCX: the original document rebuilt with the English text in place.

Everything of the original stays as it was (styles, numbering, tables, sections with their
headers and footers, footnotes and endnotes, comments, images, fields, text boxes, the
package's other parts) except the paragraphs that have segments: each is rebuilt from its
segments joined (each followed by its ``space_after``), its formatting put back on the
right English words through the inline codes (:mod:`exporters.docx.rebuild`). Runs and the
document (``styles.xml`` defaults, ``settings.xml`` ``w:themeFontLang``) are marked as
written in the partner's English (``en-US`` or ``en-GB``), as Word does.

A segment is *ready* when it has an English text and its status is at least
``TargetOptions.ready`` (approved unless told). The others are, by
``TargetOptions.pending``: refused with their ids (``"refuse"``, the default: nothing
unfinished ships by accident), written in the source language (``"source"``), or written
with their English (the source if they have none) highlighted (``"mark"``).

After writing, the file is read again with the intake's reader and each part's segments and
words are compared with the store (:mod:`exporters.docx.count_check`); a mismatch raises
instead of returning a silently short file. The result is the bytes and a
:class:`TargetReport`; writing them to a file (atomically) is the export service's job.

Through the registry: ``get_format("docx", "bilingual")`` is :class:`DocxTargetFormat`;
``fmt.write(store, options=TargetOptions(...)) -> bytes`` and
``fmt.build(store, options) -> TargetDocx`` (bytes and report). The store must carry the
original file (``workflow.stores.document_store(..., with_original=True)``).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import ClassVar, Literal

from lxml import etree

from exporters.docx.container import open_vetted_zip
from exporters.docx.count_check import (
    NO_PARAGRAPH,
    ExpectedParagraph,
    PartCount,
    count_parts,
    written_text,
)
from exporters.docx.limits import DEFAULT_DOCX_LIMITS, DocxLimits
from exporters.docx.package import DocxPackage
from exporters.docx.properties import set_styles_language, set_theme_font_language
from exporters.docx.reader import DocxReader, split_paragraph_ref
from exporters.docx.rebuild import ParagraphRebuilder, Piece, RebuildNotes, RunProperties
from exporters.docx.textboxes import sync_fallback_copies
from exporters.registry import BilingualFormat
from primitives.errors import InvalidInput
from primitives.statuses import Status
from primitives.units import Store, Unit

PendingChoice = Literal["refuse", "source", "mark"]
PENDING_CHOICES: tuple[str, ...] = ("refuse", "source", "mark")
ENGLISH_VARIANTS: tuple[str, ...] = ("en-US", "en-GB")
# ST_HighlightColor (ECMA-376 Part 1, 17.18.40), but "none".
HIGHLIGHT_COLORS: tuple[str, ...] = (
    "yellow",
    "green",
    "cyan",
    "magenta",
    "blue",
    "red",
    "darkBlue",
    "darkCyan",
    "darkGreen",
    "darkMagenta",
    "darkRed",
    "darkYellow",
    "darkGray",
    "lightGray",
    "black",
    "white",
)
_LISTED_IDS = 20  # segment ids named in a refusal before "and N more"


@dataclass(frozen=True)
class TargetOptions:
    """How a target DOCX is written.

    language: the partner's English, "en-US" or "en-GB" (w:lang of runs and the document).
    pending: what to do with segments that are not ready: "refuse" (an InvalidInput
        naming them), "source" (write their source text) or "mark" (write their English,
        or the source when they have none, highlighted).
    ready: the status from which a segment with an English text is ready.
    highlight: the w:highlight colour of marked segments (one of HIGHLIGHT_COLORS).
    limits: the limits the original is opened and the result read again with; the export
        service passes the intake's (``IntakeLimits.from_settings()``), so a file the
        settings let in is let out.
    """

    language: str = "en-US"
    pending: PendingChoice = "refuse"
    ready: Status = Status.APPROVED
    highlight: str = "yellow"
    limits: DocxLimits = DEFAULT_DOCX_LIMITS


@dataclass(frozen=True)
class DroppedCharacter:
    """A character XML forbids, found in a segment and left out of the file."""

    segment_id: str | int | None
    character: str

    @property
    def codepoint(self) -> str:
        return f"U+{ord(self.character):04X}"


@dataclass
class TargetReport:
    """What writing the target DOCX did, for the person exporting it.

    ``pending`` holds the ids of segments written as source or marked; ``parts`` the
    segment and word counts of every part written into (all matching, or the writer would
    have raised); ``line_breaks`` the \\x0b characters written as line breaks.
    """

    language: str
    segments: int
    pending: list[str | int | None] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dropped: list[DroppedCharacter] = field(default_factory=list)
    line_breaks: int = 0
    parts: list[PartCount] = field(default_factory=list)


@dataclass(frozen=True)
class TargetDocx:
    data: bytes
    report: TargetReport


def write_target_docx(store: Store, options: TargetOptions | None = None) -> TargetDocx:
    """The store's original DOCX with its segments' English in place, and the report.

    Raises InvalidInput when the store has no DOCX original, an option is not valid,
    segments are not ready and ``pending`` is "refuse", or the written file does not hold
    what the store does.
    """
    options = options or TargetOptions()
    _check_options(options)
    document = store.title or store.metadata.get("source") or "the document"
    original = _original(store, document)
    plan = _Plan.of(store, options, document)
    filename = store.metadata.get("source") or "original.docx"
    try:
        data, notes = _rebuild(original, filename, plan, options)
        counts = _counts(data, filename, plan, options.limits)
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise InvalidInput(
            "docx_target.original_damaged",
            "the original DOCX of {document} is damaged ({reason}); import the file again",
            document=document,
            reason=str(error),
        ) from error
    mismatches = [count for count in counts if not count.matches]
    if mismatches:
        raise InvalidInput(
            "docx_target.count_mismatch",
            "the target DOCX of {document} was not written: it does not hold what the "
            "project does ({mismatches})",
            document=document,
            mismatches="; ".join(count.describe() for count in mismatches),
        )
    report = TargetReport(
        language=options.language,
        segments=len(store.units),
        pending=plan.pending,
        warnings=notes.warnings,
        dropped=[DroppedCharacter(unit, character) for unit, character in notes.dropped],
        line_breaks=notes.line_breaks,
        parts=counts,
    )
    return TargetDocx(data, report)


def _check_options(options: TargetOptions) -> None:
    if options.language not in ENGLISH_VARIANTS:
        raise InvalidInput(
            "docx_target.language",
            "{language!r} is not an English variant a target DOCX is written in: use {variants}",
            language=options.language,
            variants=", ".join(ENGLISH_VARIANTS),
        )
    if options.pending not in PENDING_CHOICES:
        raise InvalidInput(
            "docx_target.pending_choice",
            "{choice!r} is not a way to write segments that are not ready: use {choices}",
            choice=options.pending,
            choices=", ".join(PENDING_CHOICES),
        )
    if options.highlight not in HIGHLIGHT_COLORS:
        raise InvalidInput(
            "docx_target.highlight",
            "{color!r} is not a highlight colour Word knows: use {colors}",
            color=options.highlight,
            colors=", ".join(HIGHLIGHT_COLORS),
        )


def _original(store: Store, document: str) -> bytes:
    source_format = store.props.get("format")
    if source_format and source_format != "docx":
        raise InvalidInput(
            "docx_target.not_docx",
            "{document} was imported from a {source_format} file; a target DOCX is rebuilt "
            "only from a DOCX original",
            document=document,
            source_format=source_format,
        )
    if not store.original:
        raise InvalidInput(
            "docx_target.no_original",
            "{document} has no stored original DOCX to rebuild; import the file again",
            document=document,
        )
    return store.original


@dataclass
class _Plan:
    """The pieces of every paragraph to rebuild, what each should hold, and the segments
    that were not ready."""

    pieces: dict[str, dict[int, list[Piece]]]
    expected: dict[str, dict[int, ExpectedParagraph]]
    pending: list[str | int | None]

    @classmethod
    def of(cls, store: Store, options: TargetOptions, document: str) -> _Plan:
        pending = [unit for unit in store.units if not _ready(unit, options)]
        if pending and options.pending == "refuse":
            raise InvalidInput(
                "docx_target.not_ready",
                "{document}: {count} segments are not {statuses} or have no English text "
                "(ids {segment_ids}); finish them, or write them as source text or marked",
                document=document,
                count=len(pending),
                statuses=options.ready.label,
                segment_ids=_id_list(unit.id for unit in pending),
            )
        waiting = {id(unit) for unit in pending}
        pieces: dict[str, dict[int, list[Piece]]] = {}
        expected: dict[str, dict[int, ExpectedParagraph]] = {}
        for position, unit in enumerate(store.units):
            piece = _piece(unit, options, id(unit) in waiting)
            where = split_paragraph_ref(unit.ref.block)
            part, index = where if where is not None else (NO_PARAGRAPH, position)
            pieces.setdefault(part, {}).setdefault(index, []).append(piece)
        for part, paragraphs in pieces.items():
            expected[part] = {
                index: ExpectedParagraph(
                    [written_text(piece.text) for piece in paragraph_pieces],
                    written_text("".join(p.text + p.space_after for p in paragraph_pieces)),
                )
                for index, paragraph_pieces in paragraphs.items()
            }
        return cls(pieces, expected, [unit.id for unit in pending])


def _ready(unit: Unit, options: TargetOptions) -> bool:
    return bool(unit.target.strip()) and unit.status >= options.ready


def _piece(unit: Unit, options: TargetOptions, pending: bool) -> Piece:
    if not pending:
        text, marked = unit.target, False
    elif options.pending == "source":
        text, marked = unit.source, False
    else:
        text, marked = (unit.target if unit.target.strip() else unit.source), True
    return Piece(
        unit_id=unit.id,
        text=text,
        source=unit.source,
        codes=unit.codes,
        marked=marked,
        space_after=unit.ref.space_after or "",
    )


def _id_list(ids: Iterable[str | int | None]) -> str:
    listed = [str(item) for item in ids]
    shown = ", ".join(listed[:_LISTED_IDS])
    more = len(listed) - _LISTED_IDS
    return f"{shown} and {more:,} more" if more > 0 else shown


def _rebuild(
    original: bytes, filename: str, plan: _Plan, options: TargetOptions
) -> tuple[bytes, RebuildNotes]:
    notes = RebuildNotes()
    properties = RunProperties(options.language, options.highlight)
    with open_vetted_zip(original, filename, options.limits) as archive:
        package = DocxPackage(archive, filename, options.limits)
        reader = DocxReader(package)
        stories = reader.story_parts()
        rewritten: dict[str, bytes] = {}
        for part, kind in stories.items():
            wanted = plan.pieces.get(part)
            if not wanted:
                continue
            root = package.parse(part)
            paragraphs = {p.index: p for p in reader.read_part(part, kind, tree=root)}
            rebuilt = []
            for index, pieces in wanted.items():
                paragraph = paragraphs.get(index)
                if paragraph is None:
                    continue  # the count check names the part
                ParagraphRebuilder(paragraph, properties, notes).rebuild(pieces)
                rebuilt.append(paragraph.element)
            notes.warnings.extend(sync_fallback_copies(root, set(rebuilt), part))
            rewritten[part] = _serialized(root)
        for rel in package.relationships(reader.document_part).values():
            if rel.external or not package.has_part(rel.target):
                continue
            if rel.kind == "styles":
                root = package.parse(rel.target)
                set_styles_language(root, options.language)
                rewritten[rel.target] = _serialized(root)
            elif rel.kind == "settings":
                root = package.parse(rel.target)
                set_theme_font_language(root, options.language)
                rewritten[rel.target] = _serialized(root)
        return _zipped(package, rewritten), notes


def _serialized(root: etree._Element) -> bytes:
    standalone = root.getroottree().docinfo.standalone
    return etree.tostring(
        root.getroottree(), xml_declaration=True, encoding="UTF-8", standalone=standalone
    )


def _zipped(package: DocxPackage, rewritten: dict[str, bytes]) -> bytes:
    """The package again, member by member in its order and with its timestamps (so the
    same project gives the same bytes), rewritten parts replacing the originals."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member in package.members:
            data = rewritten.get(member.filename)
            if data is None:
                data = package.read_bytes(member.filename)
            info = zipfile.ZipInfo(member.filename, date_time=member.date_time)
            info.compress_type = (
                zipfile.ZIP_STORED
                if member.compress_type == zipfile.ZIP_STORED
                else zipfile.ZIP_DEFLATED
            )
            info.external_attr = member.external_attr
            archive.writestr(info, data)
    return buffer.getvalue()


def _counts(data: bytes, filename: str, plan: _Plan, limits: DocxLimits) -> list[PartCount]:
    """The written file read again as the intake reads a DOCX, counted against the plan."""
    with open_vetted_zip(data, filename, limits) as archive:
        reader = DocxReader(DocxPackage(archive, filename, limits))
        return count_parts(plan.expected, reader.paragraphs())


class DocxTargetFormat(BilingualFormat):
    """The target DOCX in the registry: write-only (a DOCX is imported as a source)."""

    name: ClassVar[str] = "docx"
    label: ClassVar[str] = "Target DOCX (the original in English)"
    extensions: ClassVar[tuple[str, ...]] = (".docx",)

    def write(self, store: Store, *, options: TargetOptions | None = None) -> bytes:
        return write_target_docx(store, options).data

    def build(self, store: Store, options: TargetOptions | None = None) -> TargetDocx:
        """The bytes and the report (warnings, dropped characters, counts)."""
        return write_target_docx(store, options)
