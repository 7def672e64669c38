"""Reading back a bilingual review DOCX a reviewer edited (in Word, LibreOffice, python-docx).

The file is untrusted: it is opened with bounds on its members and on the parts read (the
main document and the Word comments), XML goes through :mod:`exporters.safe_xml`, and a
file that is not a review table songngu wrote (no first-row key, header columns moved or
deleted) is refused in one line; nothing partial is returned.

Each segment row becomes a unit: ``id`` the segment id of its hidden key (an int when
it is one), ``version``, ``source`` and ``target`` read from the display form (tags typed
back by hand count as tags), ``status`` as the Status cell names it, ``notes`` each line of
the Comments cell and each Word comment anchored in the row (with its author and date).
``props`` say where the row stands and how sound it is:

- ``row``: its number among the file's segment rows (1, 2, …); ``export_row``: its number
  when exported (from the key; "" without a key);
- ``document_id``: the document row above it; ``source_hash``: the key's hash;
- ``source_display``: the Source cell as the file has it (display form);
- ``key``: ``"ok"``; ``"missing"`` (a row the reviewer added: no hidden key, ``id`` then
  the visible id if it is a number); ``"id_changed"`` (the visible id differs from the
  key's); ``"damaged"`` (fewer cells than the header: cells merged or deleted).

``Store.props`` hold the first row's key: ``project``, ``export_id``, ``exported_at``,
``review_version``, and ``documents``: each document row's id, revision and name in the
project, "id:revision:name" joined by commas (the name percent-encoded: "4:2:bao-cao").
"""

from __future__ import annotations

import io
import posixpath
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

from lxml import etree

from exporters import safe_xml
from exporters.review_table import (
    COLUMNS,
    COMMENTS,
    DOCUMENT_KEY,
    ID,
    KEY_STYLE,
    REQUIRED_COLUMNS,
    REVIEW_KEY,
    ROW_KEY,
    SOURCE,
    STATUS,
    TARGET,
    Key,
    W,
    status_from_text,
)
from primitives.errors import InvalidInput
from primitives.inline import from_display
from primitives.statuses import Status
from primitives.units import Note, Store, Unit

MIB = 1024 * 1024
DOCUMENT_PART = "word/document.xml"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
COMMENTS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_OFF = frozenset({"0", "false", "off"})

REFUSALS = safe_xml.Refusals(
    entities=safe_xml.Refusal(
        "bilingual_docx.entities",
        "{filename} declares XML entities (<!ENTITY), which are refused for safety",
    ),
    malformed=safe_xml.Refusal(
        "bilingual_docx.damaged_xml",
        "{filename} is a damaged DOCX: its text is not well-formed XML at line {line} "
        "({reason}); open it in Word and save it again",
    ),
)


@dataclass(frozen=True)
class ReviewReadLimits:
    """Bounds of one read, as for a DOCX import: zip members, bytes of a part once
    inflated and of every part read, how much a part may inflate (above a small
    allowance: tiny parts compress very well), segment rows."""

    max_members: int = 5_000
    max_part_bytes: int = 100 * MIB
    max_total_bytes: int = 300 * MIB
    max_compression_ratio: float = 100.0
    ratio_allowance_bytes: int = 100 * 1024
    max_rows: int = 250_000


def _not_review_file(filename: str) -> InvalidInput:
    return InvalidInput(
        "bilingual_docx.not_review_file",
        "{filename} is not a bilingual review table exported from this program (its first "
        "row carries no review key): export the review DOCX again and edit that file",
        filename=filename,
    )


def _damaged(filename: str, reason: str) -> InvalidInput:
    return InvalidInput(
        "bilingual_docx.damaged",
        "{filename} is not a readable DOCX ({reason}); open it in Word and save it again",
        filename=filename,
        reason=reason,
    )


class _Package:
    """The few parts the reader needs, each read within the limits."""

    def __init__(self, data: bytes, filename: str, limits: ReviewReadLimits) -> None:
        self.filename = filename
        self.limits = limits
        if not data.strip():
            raise InvalidInput("bilingual_docx.empty", "{filename} is empty", filename=filename)
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
            members = self.archive.infolist()
        except (zipfile.BadZipFile, OSError, ValueError):
            raise _damaged(filename, "not a zip archive") from None
        if len(members) > limits.max_members:
            raise _damaged(filename, f"more than {limits.max_members:,} parts")
        self.members = {member.filename: member for member in members}
        self.inflated = 0  # bytes read from every part so far

    def read(self, name: str) -> bytes | None:
        member = self.members.get(name)
        if member is None:
            return None
        limit = self.limits.max_part_bytes
        too_large = InvalidInput(
            "bilingual_docx.too_large",
            "{filename}: {part} is larger than {limit_mb} MB once inflated",
            filename=self.filename,
            part=name,
            limit_mb=limit // MIB,
        )
        if member.file_size > limit:
            raise too_large
        try:
            with self.archive.open(member) as stream:  # sizes in headers can lie
                data = stream.read(limit + 1)
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            OSError,
            RuntimeError,
            ValueError,
        ) as error:
            raise _damaged(self.filename, str(error) or type(error).__name__) from None
        if len(data) > limit:
            raise too_large
        self.inflated += len(data)
        if self.inflated > self.limits.max_total_bytes:
            raise InvalidInput(
                "bilingual_docx.total_too_large",
                "{filename}: its parts together are larger than {limit_mb} MB once inflated",
                filename=self.filename,
                limit_mb=self.limits.max_total_bytes // MIB,
            )
        ratio = len(data) / max(member.compress_size, 1)
        if (
            len(data) > self.limits.ratio_allowance_bytes
            and ratio > self.limits.max_compression_ratio
        ):
            raise InvalidInput(
                "bilingual_docx.zip_bomb",
                "{filename}: {part} inflates {ratio:.0f} times its size, more than a document "
                "does ({limit:.0f}); it is refused for safety",
                filename=self.filename,
                part=name,
                ratio=ratio,
                limit=self.limits.max_compression_ratio,
            )
        return data

    def parse(self, name: str) -> etree._Element | None:
        data = self.read(name)
        return None if data is None else safe_xml.parse(data, self.filename, refusals=REFUSALS)

    def comments_part(self) -> str | None:
        rels = self.parse("word/_rels/document.xml.rels")
        if rels is None:
            return None
        for relationship in rels.iter(f"{{{PACKAGE_RELS}}}Relationship"):
            if relationship.get("Type") == COMMENTS_TYPE:
                return posixpath.normpath(posixpath.join("word", relationship.get("Target", "")))
        return None


def _is_hidden(run: etree._Element) -> bool:
    properties = run.find(f"{W}rPr")
    if properties is None:
        return False
    style = properties.find(f"{W}rStyle")
    if style is not None and style.get(f"{W}val") == KEY_STYLE:
        return True
    vanish = properties.find(f"{W}vanish")
    return vanish is not None and vanish.get(f"{W}val", "true").lower() not in _OFF


def _in_deletion(run: etree._Element, stop: etree._Element) -> bool:
    parent = run.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in (f"{W}del", f"{W}moveFrom"):
            return True
        parent = parent.getparent()
    return False


def _run_text(run: etree._Element) -> str:
    parts: list[str] = []
    for child in run:
        tag = child.tag
        if tag == f"{W}t":
            parts.append(child.text or "")
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
    return "".join(parts)


def _paragraphs(cell: etree._Element) -> Iterator[etree._Element]:
    """The cell's paragraphs, not those of a table nested in it."""
    for child in cell:
        if child.tag == f"{W}p":
            yield child
        elif child.tag != f"{W}tbl" and child.tag != f"{W}tcPr":
            yield from _paragraphs(child)  # inside content controls and the like


@dataclass
class _CellText:
    lines: list[str]
    hidden: str

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _cell_text(cell: etree._Element) -> _CellText:
    lines: list[str] = []
    hidden: list[str] = []
    for paragraph in _paragraphs(cell):
        visible: list[str] = []
        for run in paragraph.iter(f"{W}r"):
            if _in_deletion(run, paragraph):
                continue
            (hidden if _is_hidden(run) else visible).append(_run_text(run))
        lines.append(unicodedata.normalize("NFC", "".join(visible)))
    while len(lines) > 1 and not lines[-1].strip():
        lines.pop()  # Word leaves an empty paragraph at the end of an edited cell
    return _CellText(lines, "".join(hidden))


def _rows(data: bytes, filename: str) -> Iterator[etree._Element]:
    """Every row of the main document's tables that are not inside another table, in order.

    The document is walked as it is parsed and each row is dropped once the reader has
    it: as a tree, a review table of 100,000 rows takes more than a gigabyte.
    """
    if safe_xml.declares_entities(data):
        raise REFUSALS.entities.error(filename=filename)
    events = safe_xml.iterparse(io.BytesIO(data), ("end",), tag=f"{W}tr")
    try:
        for _, row in events:
            if not _in_body_outside_cells(row):
                continue  # a nested table's row: part of the cell that holds it
            yield row
            row.clear()
            parent = row.getparent()
            while row.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as error:
        raise REFUSALS.malformed.error(
            filename=filename, line=error.lineno or "?", reason=safe_xml.syntax_reason(error)
        ) from None
    if _has_entities(events):
        raise REFUSALS.entities.error(filename=filename)


def _has_entities(events: etree.iterparse) -> bool:
    """True if the parsed document's internal DTD declares entities (in case an encoding
    hid the declaration from the byte search)."""
    root = getattr(events, "root", None)
    return root is not None and safe_xml.has_internal_entities(root.getroottree())


def _in_body_outside_cells(row: etree._Element) -> bool:
    ancestor = row.getparent()
    while ancestor is not None:
        if ancestor.tag == f"{W}tc":
            return False
        if ancestor.tag == f"{W}body":
            return True
        ancestor = ancestor.getparent()
    return False


def _cells(row: etree._Element) -> list[etree._Element]:
    """The row's cells (also those wrapped in content controls)."""
    return [cell for cell in row.iter(f"{W}tc") if cell.getparent() is row or _wrapped(cell, row)]


def _wrapped(cell: etree._Element, row: etree._Element) -> bool:
    parent = cell.getparent()
    while parent is not None and parent is not row:
        if parent.tag in (f"{W}tc", f"{W}tbl"):
            return False
        parent = parent.getparent()
    return parent is row


def _comments(package: _Package) -> dict[str, Note]:
    """Word comments by id, as notes (their author and date)."""
    part = package.comments_part()
    root = package.parse(part) if part else None
    if root is None:
        return {}
    found: dict[str, Note] = {}
    for comment in root.iter(f"{W}comment"):
        lines = [_cell_text_line(paragraph) for paragraph in comment.iter(f"{W}p")]
        text = "\n".join(line for line in lines if line.strip()).strip()
        if text:
            found[comment.get(f"{W}id", "")] = Note(
                text, comment.get(f"{W}author", ""), comment.get(f"{W}date", "")
            )
    return found


def _cell_text_line(paragraph: etree._Element) -> str:
    return unicodedata.normalize(
        "NFC",
        "".join(
            _run_text(run)
            for run in paragraph.iter(f"{W}r")
            if not _in_deletion(run, paragraph) and not _is_hidden(run)
        ),
    )


def _comment_ids(row: etree._Element) -> list[str]:
    ids: list[str] = []
    for element in row.iter(f"{W}commentRangeStart", f"{W}commentReference"):
        comment_id = element.get(f"{W}id", "")
        if comment_id not in ids:
            ids.append(comment_id)
    return ids


def _header_matches(cells: list[etree._Element]) -> bool:
    texts = [_cell_text(cell).text.strip() for cell in cells]
    if len(texts) < REQUIRED_COLUMNS:
        return False
    return all(texts[column].startswith(COLUMNS[column][0]) for column in range(REQUIRED_COLUMNS))


def _segment_id(text: str) -> int | str | None:
    text = text.strip()
    if not text:
        return None
    return int(text) if text.isdigit() else text


class _Reader:
    def __init__(self, package: _Package, source_lang: str, target_lang: str) -> None:
        self.package = package
        self.store = Store(source_lang=source_lang, target_lang=target_lang)
        self.comments = _comments(package)
        self.comments_placed: set[str] = set()
        self.document_id = ""
        self.documents: list[str] = []

    def read(self, rows: Iterator[etree._Element]) -> Store:
        for row in rows:  # the first row of the first table holds the file's key
            cells = _cells(row)
            key = Key.parse(_cell_text(cells[0]).hidden) if cells else None
            if key is None or key.kind != REVIEW_KEY:
                break
            self.store.props.update(
                review_version=key.get("version"),
                project=key.get("project"),
                export_id=key.get("export"),
                exported_at=key.get("at"),
            )
            return self._body(rows)
        raise _not_review_file(self.package.filename)

    def _body(self, rows: Iterator[etree._Element]) -> Store:
        header_seen = False
        for row in rows:
            cells = _cells(row)
            if not cells:
                continue
            first = _cell_text(cells[0])
            key = Key.parse(first.hidden)
            if not header_seen:
                if not _header_matches(cells):
                    raise InvalidInput(
                        "bilingual_docx.columns_changed",
                        "{filename}: the header row does not begin with the columns "
                        "{columns} in this order (a column was moved or deleted); export "
                        "the review DOCX again",
                        filename=self.package.filename,
                        columns=", ".join(name for name, _ in COLUMNS[:REQUIRED_COLUMNS]),
                    )
                header_seen = True
                continue
            if key is not None and key.kind == DOCUMENT_KEY:
                self.document_id = key.get("id")
                entry = (
                    f"{self.document_id}:{key.get('revision')}:{quote(key.get('name'), safe='')}"
                )
                if entry not in self.documents:
                    self.documents.append(entry)
                continue
            if key is None and _header_matches(cells):
                continue  # the header repeated where a reviewer split the table
            if key is not None and key.kind != ROW_KEY:
                continue
            texts = [_cell_text(cell) for cell in cells]
            if key is None and not any(text.text.strip() for text in texts):
                continue  # an empty row a reviewer added
            self._unit(row, cells, texts, key)
        if not header_seen:
            raise _not_review_file(self.package.filename)
        self.store.props["documents"] = ",".join(self.documents)
        return self.store

    def _unit(
        self,
        row: etree._Element,
        cells: list[etree._Element],
        texts: list[_CellText],
        key: Key | None,
    ) -> None:
        limit = self.package.limits.max_rows
        if len(self.store) >= limit:
            raise InvalidInput(
                "bilingual_docx.too_many_rows",
                "{filename} has more than {limit:,} rows: export smaller files",
                filename=self.package.filename,
                limit=limit,
            )
        visible_id = texts[ID].text.strip()
        if key is None:
            state, segment = "missing", _segment_id(visible_id)
        else:
            segment = _segment_id(key.get("s"))
            state = "ok" if visible_id == key.get("s") else "id_changed"
        if len(cells) < REQUIRED_COLUMNS:
            state = "damaged"
        if key is not None and key.number("v") is None:
            # A key without a readable version (tampered: "v=-1", "v=x", none) would skip
            # the stale-edit guard, which only compares a version it is given.
            state = "damaged"

        def cell(column: int) -> _CellText:
            return texts[column] if column < len(texts) else _CellText([], "")

        notes = [Note(line.strip()) for line in cell(COMMENTS).lines if line.strip()]
        for comment_id in _comment_ids(row):
            if comment_id in self.comments and comment_id not in self.comments_placed:
                self.comments_placed.add(comment_id)
                notes.append(self.comments[comment_id])
        self.store.add(
            Unit(
                source=from_display(cell(SOURCE).text),
                target=from_display(cell(TARGET).text),
                id=segment,
                version=key.number("v") if key is not None else None,
                status=status_from_text(cell(STATUS).text) or Status.NEW,
                notes=notes,
                props={
                    "row": str(len(self.store) + 1),
                    "export_row": key.get("n") if key is not None else "",
                    "document_id": self.document_id,
                    "source_hash": key.get("h") if key is not None else "",
                    "source_display": cell(SOURCE).text,
                    "visible_id": visible_id,
                    "key": state,
                },
            )
        )


def read_review_docx(
    data: bytes,
    filename: str,
    *,
    source_lang: str = "vi",
    target_lang: str = "en",
    limits: ReviewReadLimits | None = None,
) -> Store:
    """The rows of a review DOCX as units (see the module), or one-line InvalidInput."""
    package = _Package(data, filename, limits or ReviewReadLimits())
    with package.archive:
        data = package.read(DOCUMENT_PART)
        if data is None:
            raise InvalidInput(
                "bilingual_docx.not_word",
                "{filename} is not a Word document (it has no {part})",
                filename=filename,
                part=DOCUMENT_PART,
            )
        reader = _Reader(package, source_lang, target_lang)
        return reader.read(_rows(data, filename))
