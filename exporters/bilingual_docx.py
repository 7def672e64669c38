"""The bilingual review DOCX: a landscape Word table a partner's reviewer edits, and reads back.

One table with a repeating header: a first merged row saying in Vietnamese and English not
to change the segment ids or the source, and naming the project and the export (id and
time); the header row (``Segment ID``, ``Source``, ``Target``, ``Status``, ``Comments``,
``MT/TM score``, ``QA findings``, each followed by its Vietnamese); per document a merged
row naming it; then one row per segment. Inline codes are shown as ``<1>…</1>`` and
``<2/>`` text in the character style ``Tag``. Only Target and Comments are meant to be
edited: the other columns are shaded. Each row's segment id, version and source hash
travel in hidden text in its Segment ID cell (:mod:`exporters.review_table`).

Written with lxml as a small package of its own (document, styles, core properties);
reproducible: the same stores give the same bytes (zip entries dated 1980-01-01, parts in
a fixed order), the export's id and time being what differs between two exports.

What the writer reads from a store (as :mod:`workflow.stores` builds it, the export
service adding the rest): ``props`` ``project``, ``document_id``, ``revision``,
``export_id``, ``exported_at``; ``metadata`` ``title``; each unit's ``id``, ``version``,
``source``, ``target``, ``status``, ``notes`` (the comments), ``origin`` and ``score``, and
``props["qa_findings"]`` (one finding a line).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence

from lxml import etree

from exporters.bilingual_docx_reader import read_review_docx
from exporters.docx_core_properties import CORE_CONTENT_TYPE, core_properties_xml
from exporters.registry import BilingualFormat
from exporters.review_table import (
    COLUMNS,
    DOCUMENT_KEY,
    EDITABLE_COLUMNS,
    FORMAT_VERSION,
    INSTRUCTION_EN,
    INSTRUCTION_VI,
    KEY_STYLE,
    REVIEW_KEY,
    ROW_KEY,
    TAG_STYLE,
    W_NS,
    XML_SPACE,
    Key,
    W,
    header_text,
    status_text,
)
from exporters.tmx_codes import xml_safe
from primitives.inline import display_pieces, parse
from primitives.statuses import Origin
from primitives.units import Note, Store, Unit

# A4 landscape in twentieths of a point, 1.27 cm margins.
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 16838, 11906, 720
# Column widths (twips), summing to the text width: the texts get the room.
COLUMN_WIDTHS = (1000, 4300, 4300, 1300, 2498, 900, 1100)
READ_ONLY_SHADE = "F2F2F2"
BANNER_SHADE = "FFF2CC"
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
STYLES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"


def _w(name: str) -> str:
    return f"{W}{name}"


def _sub(parent: etree._Element, name: str, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, _w(name))
    for key, value in attributes.items():
        element.set(_w(key), value)
    return element


class _Cell:
    """One table cell being written: paragraphs of runs."""

    def __init__(self, row: etree._Element, width: int, *, span: int = 1, shade: str = "") -> None:
        self.element = _sub(row, "tc")
        properties = _sub(self.element, "tcPr")
        _sub(properties, "tcW", w=str(width), type="dxa")
        if span > 1:
            _sub(properties, "gridSpan", val=str(span))
        if shade:
            _sub(properties, "shd", val="clear", color="auto", fill=shade)
        self.paragraph: etree._Element | None = None

    def new_paragraph(self) -> etree._Element:
        self.paragraph = _sub(self.element, "p")
        return self.paragraph

    def run(self, text: str, *, style: str = "", bold: bool = False, hidden: bool = False) -> None:
        """Text in a run of its own; "\\n" a line break, "\\t" a tab."""
        paragraph = self.paragraph if self.paragraph is not None else self.new_paragraph()
        run = _sub(paragraph, "r")
        if style or bold or hidden:
            properties = _sub(run, "rPr")
            if style:
                _sub(properties, "rStyle", val=style)
            if bold:
                _sub(properties, "b")
            if hidden:
                _sub(properties, "vanish")
        for index, line in enumerate(xml_safe(text).split("\n")):
            if index:
                _sub(run, "br")
            for part_index, part in enumerate(line.split("\t")):
                if part_index:
                    _sub(run, "tab")
                if part:
                    element = _sub(run, "t")
                    element.text = part
                    if part != part.strip():
                        element.set(XML_SPACE, "preserve")

    def tagged(self, text: str) -> None:
        """songngu text in the display form, tags in the Tag style."""
        self.new_paragraph()
        for piece in display_pieces(parse(text)):
            self.run(piece.text, style=TAG_STYLE if piece.is_tag else "")

    def lines(self, lines: Sequence[str]) -> None:
        """A paragraph per line (an empty cell still needs one paragraph)."""
        for line in lines or [""]:
            self.new_paragraph()
            if line:
                self.run(line)

    def finish(self) -> None:
        if self.paragraph is None:  # every cell ends with a paragraph
            self.new_paragraph()


def _row(table: etree._Element, *, header: bool = False) -> etree._Element:
    row = _sub(table, "tr")
    if header:
        _sub(_sub(row, "trPr"), "tblHeader")
    return row


def _banner(table: etree._Element, lines: Sequence[tuple[str, bool]], key: Key) -> None:
    """A merged row across every column (the first row, a document's row), with its key."""
    cell = _Cell(
        _row(table, header=key.kind == REVIEW_KEY),
        sum(COLUMN_WIDTHS),
        span=len(COLUMNS),
        shade=BANNER_SHADE,
    )
    for index, (line, bold) in enumerate(lines):
        cell.new_paragraph()
        cell.run(line, bold=bold)
        if index == len(lines) - 1:
            cell.run(key.text(), style=KEY_STYLE, hidden=True)
    cell.finish()


def note_line(note: Note) -> str:
    """A comment as the Comments cell shows it (and the reader recognises it)."""
    who = ", ".join(part for part in (note.author, note.date[:10]) if part)
    return f"[{who}] {note.text}" if who else note.text


def score_text(unit: Unit) -> str:
    if unit.score is None or unit.origin not in (Origin.MT, Origin.TM):
        return unit.origin.label if unit.origin in (Origin.MT, Origin.TM) else ""
    return f"{unit.origin.label.upper()} {round(unit.score * 100)}%"


def row_key(unit: Unit, number: int) -> Key:
    fields = {"s": "" if unit.id is None else str(unit.id)}
    if unit.version is not None:
        fields["v"] = str(unit.version)
    fields["h"] = unit.source_hash
    fields["n"] = str(number)
    return Key(ROW_KEY, fields)


def _segment_row(table: etree._Element, unit: Unit, number: int) -> None:
    row = _row(table)
    cells = [
        _Cell(row, width, shade="" if column in EDITABLE_COLUMNS else READ_ONLY_SHADE)
        for column, width in enumerate(COLUMN_WIDTHS)
    ]
    identifier, source, target, status, comments, score, findings = cells
    identifier.new_paragraph()
    identifier.run("" if unit.id is None else str(unit.id))
    identifier.run(row_key(unit, number).text(), style=KEY_STYLE, hidden=True)
    source.tagged(unit.source)
    target.tagged(unit.target)
    status.lines([status_text(unit.status)])
    comments.lines([note_line(note) for note in unit.notes if note.text.strip()])
    score.lines([score_text(unit)] if score_text(unit) else [])
    qa = unit.props.get("qa_findings", "")
    findings.lines([line for line in qa.split("\n") if line.strip()])
    for cell in cells:
        cell.finish()


def _header_row(table: etree._Element) -> None:
    row = _row(table, header=True)
    for column, width in enumerate(COLUMN_WIDTHS):
        cell = _Cell(row, width, shade=READ_ONLY_SHADE)
        cell.new_paragraph()
        cell.run(header_text(column), bold=True)


def _document_xml(stores: Sequence[Store]) -> bytes:
    first = stores[0] if stores else Store()
    project = first.props.get("project", "")
    export_id = first.props.get("export_id", "")
    exported_at = first.props.get("exported_at", "")
    root = etree.Element(_w("document"), nsmap={"w": W_NS, "r": OFFICE_RELS})
    body = _sub(root, "body")
    table = _sub(body, "tbl")
    properties = _sub(table, "tblPr")
    _sub(properties, "tblW", w=str(sum(COLUMN_WIDTHS)), type="dxa")
    borders = _sub(properties, "tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _sub(borders, side, val="single", sz="4", space="0", color="808080")
    _sub(properties, "tblLayout", type="fixed")
    grid = _sub(table, "tblGrid")
    for width in COLUMN_WIDTHS:
        _sub(grid, "gridCol", w=str(width))
    export_line = f"Dự án / Project: {project}" if project else "songngu"
    if export_id or exported_at:
        export_line += f" · Lần xuất / Export: {export_id} ({exported_at})"
    _banner(
        table,
        [(INSTRUCTION_VI, True), (INSTRUCTION_EN, True), (export_line, False)],
        Key(
            REVIEW_KEY,
            {"version": FORMAT_VERSION, "project": project, "export": export_id, "at": exported_at},
        ),
    )
    _header_row(table)
    number = 0
    for store in stores:
        document_id = store.props.get("document_id", "")
        fields = {"id": document_id}
        if store.props.get("revision"):
            fields["revision"] = store.props["revision"]
        if store.props.get("document_name"):
            fields["name"] = store.props["document_name"]
        title = store.title or store.metadata.get("source", "")
        _banner(table, [(f"Tài liệu / Document: {title}", True)], Key(DOCUMENT_KEY, fields))
        for unit in store:
            number += 1
            _segment_row(table, unit, number)
    section = _sub(body, "sectPr")
    _sub(section, "pgSz", w=str(PAGE_WIDTH), h=str(PAGE_HEIGHT), orient="landscape")
    _sub(
        section,
        "pgMar",
        top=str(MARGIN),
        right=str(MARGIN),
        bottom=str(MARGIN),
        left=str(MARGIN),
        header="360",
        footer="360",
        gutter="0",
    )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _styles_xml() -> bytes:
    root = etree.Element(_w("styles"), nsmap={"w": W_NS})
    defaults = _sub(_sub(_sub(root, "docDefaults"), "rPrDefault"), "rPr")
    _sub(defaults, "rFonts", ascii="Times New Roman", hAnsi="Times New Roman", cs="Times New Roman")
    _sub(defaults, "sz", val="22")
    _sub(defaults, "lang", val="vi-VN")
    _sub(_sub(_sub(root, "docDefaults"), "pPrDefault"), "pPr")
    normal = _sub(root, "style", type="paragraph", default="1", styleId="Normal")
    _sub(normal, "name", val="Normal")
    _sub(_sub(normal, "pPr"), "spacing", after="60")
    tag = _sub(root, "style", type="character", styleId=TAG_STYLE)
    _sub(tag, "name", val=TAG_STYLE)
    tag_run = _sub(tag, "rPr")
    _sub(tag_run, "noProof")
    _sub(tag_run, "color", val="7030A0")
    key = _sub(root, "style", type="character", customStyle="1", styleId=KEY_STYLE)
    _sub(key, "name", val=KEY_STYLE)
    _sub(key, "semiHidden")
    key_run = _sub(key, "rPr")
    _sub(key_run, "vanish")
    _sub(key_run, "noProof")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _content_types() -> bytes:
    root = etree.Element(f"{{{CONTENT_TYPES}}}Types", nsmap={None: CONTENT_TYPES})
    for extension, kind in (
        ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
        ("xml", "application/xml"),
    ):
        etree.SubElement(root, f"{{{CONTENT_TYPES}}}Default", Extension=extension, ContentType=kind)
    for part, kind in (
        ("/word/document.xml", MAIN_TYPE),
        ("/word/styles.xml", STYLES_TYPE),
        ("/docProps/core.xml", CORE_CONTENT_TYPE),
    ):
        etree.SubElement(root, f"{{{CONTENT_TYPES}}}Override", PartName=part, ContentType=kind)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _relationships(targets: Iterable[tuple[str, str, str]]) -> bytes:
    root = etree.Element(f"{{{PACKAGE_RELS}}}Relationships", nsmap={None: PACKAGE_RELS})
    for rel_id, kind, target in targets:
        etree.SubElement(
            root, f"{{{PACKAGE_RELS}}}Relationship", Id=rel_id, Type=kind, Target=target
        )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _core(stores: Sequence[Store]) -> bytes:
    first = stores[0] if stores else Store()
    metadata = dict(first.metadata) if len(stores) == 1 else {}
    project = first.props.get("project", "")
    title = metadata.get("title") or project or "songngu"
    metadata["title"] = f"{title}: bilingual review / bảng duyệt song ngữ"
    metadata["identifier"] = first.props.get("export_id", "")
    return core_properties_xml(metadata, created=first.props.get("exported_at", ""))


def write_review_docx(stores: Iterable[Store]) -> bytes:
    """The review DOCX of one or more documents' stores (one table, a row per unit)."""
    stores = list(stores)
    parts = (
        ("[Content_Types].xml", _content_types()),
        (
            "_rels/.rels",
            _relationships(
                [
                    ("rId1", f"{OFFICE_RELS}/officeDocument", "word/document.xml"),
                    (
                        "rId2",
                        f"{PACKAGE_RELS}/metadata/core-properties",
                        "docProps/core.xml",
                    ),
                ]
            ),
        ),
        ("docProps/core.xml", _core(stores)),
        ("word/document.xml", _document_xml(stores)),
        (
            "word/_rels/document.xml.rels",
            _relationships([("rId1", f"{OFFICE_RELS}/styles", "styles.xml")]),
        ),
        ("word/styles.xml", _styles_xml()),
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


class BilingualDocxFormat(BilingualFormat):
    """The bilingual review table in Word, written for reviewers and read back.

    ``write(store)`` writes one document's table, ``write_stores(stores)`` one table of
    several documents; ``read`` gives one store of every row (see
    :mod:`exporters.bilingual_docx_reader` for what a row's unit carries).
    """

    name = "bilingual-docx"
    label = "Bilingual review DOCX"
    extensions = (".docx",)

    def read(
        self, data: bytes, filename: str, *, source_lang: str = "vi", target_lang: str = "en"
    ) -> Store:
        return read_review_docx(data, filename, source_lang=source_lang, target_lang=target_lang)

    def write(self, store: Store) -> bytes:
        return write_review_docx([store])

    def write_stores(self, stores: Iterable[Store]) -> bytes:
        return write_review_docx(stores)
