"""XLIFF 2.1: write valid against xliff_core_2.0.xsd (with the metadata module), read 2.x.

Writing: one ``<file>`` per store, one ``<unit>`` with one ``<segment>`` per unit; the
segment's ``state`` and ``subState="songngu:<status>"`` from :mod:`exporters.xliff_states`;
songngu's markers as ``<mda:metadata>`` (:mod:`exporters.xliff_common`), the document's
Dublin Core metadata as a metaGroup of category ``dc``; notes in ``<notes>`` with their
author and date as ``songngu:author`` / ``songngu:date`` attributes (the core schema admits
foreign attributes on notes); inline codes as ``<pc>`` (paired, ``type``/``subType`` where
the kind has one: ``fmt``/``xlf:b``, ``link``, …) and ``<ph/>``; tags a translator left
without a partner as ``<sc/>``/``<ec/>`` (``startRef`` when they still pair, ``isolated``
otherwise); a code number used twice in one text as a copy (``copyOf``). Code ids are the
tag numbers, so they are the same in every export of a segment; no ``originalData`` is
written: the codes' native data (Word run properties) stays in songngu.

Reading (:func:`read_root`) takes 2.0–2.2: units inside groups, several segments in a unit
(each one a unit, ignorables between them left out; a unit songngu wrote is read whole),
pc/ph/sc/ec with any ids, ``mrk`` annotations kept as text, ``sm``/``em`` markers left out,
``<cp hex>`` characters XML 1.0 cannot hold converted (vertical tab to a newline) or left
out, with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path, PurePath

from lxml import etree

from exporters import safe_xml
from exporters.registry import BilingualFormat
from exporters.tmx_codes import CodeNumbers, xml_safe
from exporters.xliff_common import (
    NS_2,
    NS_MDA,
    ORIGINAL_PROP,
    SONGNGU_CATEGORY,
    SOURCE_HASH_PROP,
    TYPE_2,
    XLIFF_ID_PROP,
    XLIFF_VERSION_PROP,
    XML_SPACE,
    ExportOrigin,
    ReadLimits,
    ReadNotes,
    as_int,
    effective_status,
    indent_structure,
    kind_from_type,
    local_name,
    one_store,
    read_xliff,
    too_many_units,
)
from exporters.xliff_states import ReadState, read_2, row_for
from primitives.inline import (
    Paired,
    Standalone,
    Stray,
    Visitor,
    close_tag,
    open_tag,
    parse,
    standalone_tag,
    walk,
)
from primitives.statuses import Origin, Status
from primitives.units import METADATA_KEYS, Note, Store, Unit

SCHEMA = "xliff-2.1/xliff_core_2.0.xsd"
# The module schemas a written file uses besides the core (validated with it).
MODULE_SCHEMAS = {NS_MDA: "metadata.xsd"}
NS_SONGNGU = "urn:songngu:xliff"
AUTHOR = f"{{{NS_SONGNGU}}}author"
DATE = f"{{{NS_SONGNGU}}}date"
DC_CATEGORY = "dc"
_NMTOKEN_BAD = re.compile(r"[^\w.:-]")
_ORIGINS = {origin.label: origin for origin in Origin}

_CONTENT = frozenset({"source", "target", "note", "meta"})  # text elements: never indented inside


def _q(name: str) -> str:
    return f"{{{NS_2}}}{name}"


def _mda(name: str) -> str:
    return f"{{{NS_MDA}}}{name}"


# ---------------------------------------------------------------------------------------
# Writing


class _ContentWriter(Visitor):
    """Builds a <source>/<target>'s inline content; ids are the code numbers."""

    def __init__(self, element: etree._Element, codes: dict[str, dict[str, object]]) -> None:
        self.stack = [element]
        self.codes = codes
        self.used: dict[int, int] = {}  # code number -> occurrences so far
        self.linked: dict[int, str] = {}  # a stray pair's link -> the sc's id

    def _id(self, code_id: int) -> tuple[str, str | None]:
        """The element id for this occurrence of a code, and copyOf for a repeat."""
        count = self.used.get(code_id, 0) + 1
        self.used[code_id] = count
        if count == 1:
            return str(code_id), None
        return f"{code_id}-{count}", str(code_id)

    def _type(self, code_id: int) -> tuple[str | None, str | None]:
        kind = self.codes.get(str(code_id), {}).get("kind")
        return TYPE_2.get(kind, (None, None)) if isinstance(kind, str) else (None, None)

    def _child(self, name: str, **attributes: str | None) -> etree._Element:
        element = etree.SubElement(self.stack[-1], _q(name))
        for key, value in attributes.items():
            if value is not None:
                element.set(key, value)
        return element

    def text(self, text: str) -> None:
        text = xml_safe(text)
        if not text:
            return
        parent = self.stack[-1]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + text
        else:
            parent.text = (parent.text or "") + text

    def start(self, code: Paired) -> None:
        element_id, copy_of = self._id(code.id)
        type_, subtype = self._type(code.id)
        self.stack.append(
            self._child("pc", id=element_id, copyOf=copy_of, type=type_, subType=subtype)
        )

    def end(self, code: Paired) -> None:
        self.stack.pop()

    def standalone(self, code: Standalone) -> None:
        element_id, copy_of = self._id(code.id)
        type_, subtype = self._type(code.id)
        self._child("ph", id=element_id, copyOf=copy_of, type=type_, subType=subtype)

    def stray(self, code: Stray) -> None:
        if code.kind == "open":
            element_id, copy_of = self._id(code.id)
            isolated = None if code.link is not None else "yes"
            self._child("sc", id=element_id, copyOf=copy_of, isolated=isolated)
            if code.link is not None:
                self.linked[code.link] = element_id
        elif code.link is not None and code.link in self.linked:
            self._child("ec", startRef=self.linked.pop(code.link))
        else:
            element_id, copy_of = self._id(code.id)
            self._child("ec", id=element_id, copyOf=copy_of, isolated="yes")


def _content(name: str, text: str, codes: dict[str, dict[str, object]]) -> etree._Element:
    element = etree.Element(_q(name))
    walk(parse(text), _ContentWriter(element, codes))
    return element


def _metadata(groups: list[tuple[str, list[tuple[str, str]]]]) -> etree._Element | None:
    groups = [(category, metas) for category, metas in groups if metas]
    if not groups:
        return None
    metadata = etree.Element(_mda("metadata"))
    for category, metas in groups:
        group = etree.SubElement(metadata, _mda("metaGroup"), category=category)
        for kind, value in metas:
            etree.SubElement(group, _mda("meta"), type=kind).text = xml_safe(value)
    return metadata


def _nmtoken(value: str, fallback: str) -> str:
    token = _NMTOKEN_BAD.sub("_", value)
    return token or fallback


def _segment_id(unit: Unit) -> int | None:
    if isinstance(unit.id, int):
        return unit.id
    if isinstance(unit.id, str) and unit.id.isdigit():
        return int(unit.id)
    return None


def _unit_element(unit: Unit, unit_id: str) -> etree._Element:
    element = etree.Element(_q("unit"), id=unit_id)
    element.set(XML_SPACE, "preserve")  # XLIFF 2's default lets tools fold whitespace
    segment_id = _segment_id(unit)
    metas: list[tuple[str, str]] = []
    if segment_id is not None:
        metas.append(("segment-id", str(segment_id)))
        if unit.version is not None:
            metas.append(("version", str(unit.version)))
        metas.append(("source-hash", unit.source_hash))
    if unit.origin != Origin.NONE:
        metas.append(("origin", unit.origin.label))
    metadata = _metadata([(SONGNGU_CATEGORY, metas)])
    if metadata is not None:
        element.append(metadata)
    notes = [note for note in unit.notes if note.text]
    if notes:
        container = etree.SubElement(element, _q("notes"))
        for note in notes:
            note_element = etree.SubElement(container, _q("note"))
            if note.author:
                note_element.set(AUTHOR, xml_safe(note.author))
            if note.date:
                note_element.set(DATE, xml_safe(note.date))
            note_element.text = xml_safe(note.text)
    row = row_for(effective_status(unit.status, unit.target), unit.origin)
    segment = etree.SubElement(element, _q("segment"), state=row.state2, subState=row.substate2)
    segment.append(_content("source", unit.source, unit.codes))
    if unit.target:
        segment.append(_content("target", unit.target, unit.codes))
    return element


def _file_element(store: Store, index: int) -> etree._Element:
    origin = ExportOrigin.from_store(store)
    file_id = f"d{origin.document_id}" if origin is not None else f"f{index}"
    file = etree.Element(_q("file"), id=file_id)
    original = store.metadata.get("source") or store.metadata.get("title")
    if original:
        file.set("original", xml_safe(original))
    songngu: list[tuple[str, str]] = []
    if origin is not None:
        songngu = [(name.replace("_", "-"), value) for name, value in origin.to_props().items()]
    dublin_core = [(key, store.metadata[key]) for key in METADATA_KEYS if store.metadata.get(key)]
    metadata = _metadata([(SONGNGU_CATEGORY, songngu), (DC_CATEGORY, dublin_core)])
    if metadata is not None:
        file.append(metadata)
    taken: set[str] = set()
    for position, unit in enumerate(store, start=1):
        raw = str(unit.id) if unit.id is not None and str(unit.id) else str(position)
        unit_id = _nmtoken(raw, str(position))
        if unit_id in taken:  # unit ids are unique in a file (ids need not be in a store)
            unit_id = f"{unit_id}-{position}"
        taken.add(unit_id)
        file.append(_unit_element(unit, unit_id))
    if not len(store):
        etree.SubElement(file, _q("group"), id="empty")  # a file needs a unit or a group
    return file


def write_xliff21(stores: Iterable[Store]) -> bytes:
    """XLIFF 2.1 bytes (UTF-8) with one <file> per store, valid against the core XSD."""
    stores = list(stores) or [Store()]
    first = stores[0]
    root = etree.Element(
        _q("xliff"),
        version="2.1",
        srcLang=first.source_lang,
        trgLang=first.target_lang,
        nsmap={None: NS_2, "mda": NS_MDA, "songngu": NS_SONGNGU},
    )
    for index, store in enumerate(stores, start=1):
        root.append(_file_element(store, index))
    indent_structure(root, _CONTENT)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


# ---------------------------------------------------------------------------------------
# Reading


class _Reader:
    """Turns one unit's XLIFF 2 inline content into songngu tagged text."""

    def __init__(self, notes: ReadNotes) -> None:
        self.numbers = CodeNumbers()
        self.codes: dict[str, dict[str, object]] = {}
        self.notes = notes

    def _number(self, element: etree._Element, code_type: str) -> int:
        key = element.get("copyOf") or element.get("id") or element.get("startRef") or ""
        number = self.numbers.number_for(("c", key), key)
        entry = self.codes.setdefault(str(number), {"type": code_type})
        kind = kind_from_type(element.get("type"), element.get("subType"))
        if kind and "kind" not in entry:
            entry["kind"] = kind
        return number

    def text_of(self, element: etree._Element | None) -> str:
        if element is None:
            return ""
        parts: list[str] = []
        self._walk(element, parts, {})
        return "".join(parts)

    def _append_text(self, parts: list[str], text: str | None) -> None:
        if text:
            parts.append(text)

    def _walk(self, element: etree._Element, parts: list[str], started: dict[str, int]) -> None:
        self._append_text(parts, element.text)
        for child in element:
            name = local_name(child)
            if name == "pc":
                number = self._number(child, "paired")
                parts.append(open_tag(number))
                self._walk(child, parts, started)
                parts.append(close_tag(number))
            elif name == "ph":
                parts.append(standalone_tag(self._number(child, "standalone")))
            elif name == "sc":
                number = self._number(child, "paired")
                started[child.get("id", "")] = number
                parts.append(open_tag(number))
            elif name == "ec":
                number = started.pop(child.get("startRef") or "", None)
                if number is None:
                    number = self._number(child, "paired")
                parts.append(close_tag(number))
            elif name == "cp":
                self._append_text(parts, self._code_point(child.get("hex", "")))
            elif name in ("sm", "em"):
                self.notes.dropped_markers += 1
            elif name:
                if name != "mrk":
                    self.notes.unknown_elements.add(name)
                self._walk(child, parts, started)
            self._append_text(parts, child.tail)

    def _code_point(self, hex_value: str) -> str:
        try:
            character = chr(int(hex_value, 16))
        except (ValueError, OverflowError):
            self.notes.dropped_characters += 1
            return ""
        safe = xml_safe(character)
        if safe != character:
            self.notes.dropped_characters += 1
        return safe


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if local_name(child) == name]


def _meta_groups(element: etree._Element) -> dict[str, dict[str, str]]:
    """The metadata of an element (its own mda:metadata child): category -> type -> value."""
    groups: dict[str, dict[str, str]] = {}
    for metadata in element.findall(_mda("metadata")):
        for group in metadata.iter(_mda("metaGroup")):
            values = groups.setdefault(group.get("category", ""), {})
            for meta in group.findall(_mda("meta")):
                values.setdefault(meta.get("type", ""), (meta.text or "").strip())
    return groups


def _notes(unit: etree._Element) -> list[Note]:
    notes: list[Note] = []
    for container in _children(unit, "notes"):
        for note in _children(container, "note"):
            text = "".join(note.itertext()).strip()
            if text:
                notes.append(Note(text, note.get(AUTHOR, ""), note.get(DATE, "")))
    return notes


def _least(states: list[ReadState]) -> ReadState:
    return min(states, key=lambda read: int(read.status))


def _read_state(segment: etree._Element, target_text: str) -> ReadState:
    return read_2(
        segment.get("state"), segment.get("subState"), has_target=bool(target_text.strip())
    )


def _units(element: etree._Element, notes: ReadNotes) -> list[Unit]:
    songngu = _meta_groups(element).get(SONGNGU_CATEGORY, {})
    segment_id = as_int(songngu.get("segment-id"))
    xliff_id = element.get("id", "")
    unit_notes = _notes(element)
    origin_meta = _ORIGINS.get(songngu.get("origin", ""))
    parts = [child for child in element if local_name(child) in ("segment", "ignorable")]
    props = {XLIFF_ID_PROP: xliff_id}
    if segment_id is not None:
        props[SOURCE_HASH_PROP] = songngu.get("source-hash", "")

    def make(
        unit_id: str | int, source: str, target: str, read: ReadState, reader: _Reader
    ) -> Unit:
        origin = read.origin or origin_meta
        if origin is None:
            origin = Origin.HUMAN if target.strip() else Origin.NONE
        return Unit(
            source=source,
            target=target,
            id=unit_id,
            codes=reader.codes,
            status=read.status,
            version=as_int(songngu.get("version")) if segment_id is not None else None,
            notes=list(unit_notes),
            origin=origin,
            props=dict(props),
        )

    if segment_id is not None:
        # songngu wrote one segment: a tool that cut it read back as the whole.
        reader = _Reader(notes)
        sources, targets, states = [], [], []
        for part in parts:
            sources.append(reader.text_of(part.find(_q("source"))))
            target = reader.text_of(part.find(_q("target")))
            targets.append(target)
            if local_name(part) == "segment":
                states.append(_read_state(part, target))
        target_text = "".join(targets)
        read = _least(states) if states else ReadState(Status.NEW)
        if not target_text.strip():
            read = ReadState(Status.NEW)
        return [make(segment_id, "".join(sources), target_text, read, reader)]
    segments = [part for part in parts if local_name(part) == "segment"]
    units = []
    for position, segment in enumerate(segments, start=1):
        reader = _Reader(notes)
        source = reader.text_of(segment.find(_q("source")))
        target = reader.text_of(segment.find(_q("target")))
        unit_id = xliff_id if len(segments) == 1 else f"{xliff_id}#{segment.get('id') or position}"
        units.append(make(unit_id, source, target, _read_state(segment, target), reader))
    return units


def read_root(
    root: etree._Element,
    filename: str,
    limits: ReadLimits,
    *,
    source_lang: str = "vi",
    target_lang: str = "en",
) -> list[Store]:
    """One store per <file> of a parsed XLIFF 2.x document."""
    stores: list[Store] = []
    count = 0
    for file in _children(root, "file"):
        notes = ReadNotes()
        original = file.get("original", "")
        groups = _meta_groups(file)
        metadata = {key: value for key, value in groups.get(DC_CATEGORY, {}).items() if value}
        metadata.setdefault("title", PurePath(original).stem or original or file.get("id", ""))
        if original:
            metadata.setdefault("source", original)
        store = Store(
            source_lang=root.get("srcLang") or source_lang,
            target_lang=root.get("trgLang") or target_lang,
            metadata=metadata,
            props={XLIFF_VERSION_PROP: root.get("version", "2.0"), ORIGINAL_PROP: original},
        )
        songngu = groups.get(SONGNGU_CATEGORY, {})
        document_id = as_int(songngu.get("document-id"))
        if document_id is not None and songngu.get("project"):
            origin = ExportOrigin(songngu["project"], document_id, as_int(songngu.get("revision")))
            store.props.update(origin.to_props())
        skipped = 0
        for element in file.iter(_q("unit")):
            if element.get("translate") == "no":
                skipped += 1
                continue
            for unit in _units(element, notes):
                count += 1
                if count > limits.max_units:
                    raise too_many_units(filename, limits.max_units)
                store.add(unit)
        store.warnings.extend(notes.warnings())
        if notes.dropped_markers:
            store.warnings.append(f"{notes.dropped_markers} annotation marker(s) were left out")
        if skipped:
            store.warnings.append(f'{skipped} unit(s) marked translate="no" were left out')
        stores.append(store)
    return stores


class XLIFF21Format(BilingualFormat):
    """XLIFF 2.1 (OASIS).

    A .xlf/.xliff file name picks XLIFF 1.2, whose reader takes every version; this format
    reads the same way. ``write(store)`` writes one document, ``write_stores`` several.
    """

    name = "xliff21"
    label = "XLIFF 2.1"
    extensions = (".xlf", ".xliff")
    claims_extensions = False
    schema = SCHEMA

    def read(
        self, data: bytes, filename: str, *, source_lang: str = "vi", target_lang: str = "en"
    ) -> Store:
        return one_store(
            read_xliff(data, filename, source_lang=source_lang, target_lang=target_lang)
        )

    def write(self, store: Store) -> bytes:
        return write_xliff21([store])

    def write_stores(self, stores: Iterable[Store]) -> bytes:
        return write_xliff21(stores)

    def validate(self, data: bytes, schemas_dir: Path) -> list[str]:
        """Problems against the core XSD together with the module schemas the file uses
        (the core alone skips module elements: its extension points are lax)."""
        path = self.schema_path(schemas_dir)
        assert path is not None
        if not path.is_file():
            return super().validate(data, schemas_dir)  # says the schema is missing
        driver = etree.Element(
            "{http://www.w3.org/2001/XMLSchema}schema",
            nsmap={"xs": "http://www.w3.org/2001/XMLSchema"},
        )
        for namespace, location in {NS_2: path.name, **MODULE_SCHEMAS}.items():
            etree.SubElement(
                driver,
                "{http://www.w3.org/2001/XMLSchema}import",
                namespace=namespace,
                schemaLocation=(path.parent / location).as_uri(),
            )
        schema = etree.XMLSchema(etree.ElementTree(driver))
        document = safe_xml.parse(data, self.name)
        if schema.validate(document):
            return []
        return [f"line {error.line}: {error.message}" for error in schema.error_log]
