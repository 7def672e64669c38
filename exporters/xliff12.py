"""XLIFF 1.2: write valid against xliff-core-1.2-strict.xsd, read what CAT tools write.

Writing: one ``<file>`` per store (a document), one ``<trans-unit>`` per unit whose id is
the segment id, the songngu markers of :mod:`exporters.xliff_common`, the state of
:mod:`exporters.xliff_states`, each note a ``<note from="author">``, inline codes as
``<g>`` (paired) and ``<x/>`` (standalone) with a ``ctype`` where the code's kind has one,
and tags a translator left without a partner as ``<bx/>``/``<ex/>`` (linked by ``rid`` when
they still pair across other tags). Output is reproducible: the same stores give the same
bytes.

Reading (:func:`read_root`, through :func:`exporters.xliff_common.read_xliff`) takes XLIFF
1.0–1.2 as OmegaT, Trados, memoQ, Matecat and Okapi write it: units inside groups,
``<seg-source>`` segmentation with ``<mrk mtype="seg">`` (each marked segment a unit, its
target the target ``<mrk>`` with the same ``mid``), Trados ``sdl:seg`` confirmation levels
and memoQ ``mq:status`` (which win over the XLIFF state), g/x/bx/ex/bpt/ept/ph/it codes
with any ids (renumbered 1, 2, … per unit, the same number in source and target), ``mrk``
annotations kept as their text, ``sub`` flows left out with a warning. A trans-unit
songngu wrote is read whole, whatever segmentation a tool added.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePath

from lxml import etree

from exporters import producer
from exporters.registry import BilingualFormat
from exporters.tmx_codes import CodeNumbers, xml_safe
from exporters.xliff_common import (
    NS_12,
    ORIGINAL_PROP,
    SONGNGU_EXTYPE,
    SONGNGU_PHASE,
    SOURCE_HASH_PROP,
    TOOL_ID,
    XLIFF_ID_PROP,
    XLIFF_VERSION_PROP,
    XML_SPACE,
    ExportOrigin,
    ReadLimits,
    ReadNotes,
    UnitMarker,
    ctype_for,
    effective_status,
    indent_structure,
    kind_from_ctype,
    local_name,
    one_store,
    read_xliff,
    too_many_units,
)
from exporters.xliff_states import ReadState, read_12, read_memoq, read_trados, row_for
from primitives.inline import Paired, Standalone, Stray, Visitor, close_tag, open_tag, parse, walk
from primitives.inline import standalone_tag as x_tag
from primitives.statuses import Origin
from primitives.units import Note, Store, Unit

SCHEMA = "xliff-1.2/xliff-core-1.2-strict.xsd"
SDL_NS = "http://sdl.com/FileTypes/SdlXliff/1.0"
_REPEAT_RE = re.compile(r"^(\d+)-\d+$")

_CONTENT = frozenset(
    {"source", "target", "note", "tool", "phase"}
)  # text elements: never indented inside


def _q(name: str) -> str:
    return f"{{{NS_12}}}{name}"


# ---------------------------------------------------------------------------------------
# Writing


class _ContentWriter(Visitor):
    """Builds the inline content of a <source> or <target> element from a text's tree."""

    def __init__(self, element: etree._Element, codes: dict[str, dict[str, object]]) -> None:
        self.stack = [element]
        self.codes = codes
        self.used: dict[int, int] = {}  # code number -> occurrences so far

    def _id(self, code_id: int) -> str:
        """The element id of this occurrence: the number, "N-k" for its k-th repeat (a
        translator copied the tag), so ids stay unique in the element."""
        count = self.used.get(code_id, 0) + 1
        self.used[code_id] = count
        return str(code_id) if count == 1 else f"{code_id}-{count}"

    def _kind(self, code_id: int) -> str | None:
        kind = self.codes.get(str(code_id), {}).get("kind")
        return kind if isinstance(kind, str) else None

    def _last(self) -> etree._Element | None:
        parent = self.stack[-1]
        return parent[-1] if len(parent) else None

    def text(self, text: str) -> None:
        text = xml_safe(text)
        if not text:
            return
        last = self._last()
        if last is None:
            self.stack[-1].text = (self.stack[-1].text or "") + text
        else:
            last.tail = (last.tail or "") + text

    def _child(self, name: str, **attributes: str | None) -> etree._Element:
        element = etree.SubElement(self.stack[-1], _q(name))
        for key, value in attributes.items():
            if value is not None:
                element.set(key, value)
        return element

    def start(self, code: Paired) -> None:
        ctype = ctype_for(self._kind(code.id), paired=True)
        self.stack.append(self._child("g", id=self._id(code.id), ctype=ctype))

    def end(self, code: Paired) -> None:
        self.stack.pop()

    def standalone(self, code: Standalone) -> None:
        self._child("x", id=self._id(code.id), ctype=ctype_for(self._kind(code.id), paired=False))

    def stray(self, code: Stray) -> None:
        rid = None if code.link is None else str(code.link)
        if code.kind == "open":
            ctype = ctype_for(self._kind(code.id), paired=True)
            self._child("bx", id=self._id(code.id), rid=rid, ctype=ctype)
        elif code.link is not None:
            self._child("ex", id=str(code.id), rid=rid)
        else:
            self._child("ex", id=self._id(code.id))


def _content(name: str, text: str, codes: dict[str, dict[str, object]]) -> etree._Element:
    element = etree.Element(_q(name))
    walk(parse(text), _ContentWriter(element, codes))
    return element


def _file_element(store: Store, tool_version: str) -> etree._Element:
    original = store.metadata.get("source") or store.metadata.get("title") or "songngu"
    file = etree.Element(
        _q("file"),
        original=xml_safe(original),
        datatype="plaintext",
        **{"source-language": store.source_lang, "target-language": store.target_lang},
    )
    file.set("tool-id", TOOL_ID)
    header = etree.SubElement(file, _q("header"))
    origin = ExportOrigin.from_store(store)
    if origin is not None:
        group = etree.SubElement(header, _q("phase-group"))
        phase = etree.SubElement(group, _q("phase"))
        phase.set("phase-name", SONGNGU_PHASE)
        phase.set("process-name", "export")
        phase.set("tool-id", TOOL_ID)
        phase.set("job-id", origin.job_id())
    tool = etree.SubElement(header, _q("tool"))
    tool.set("tool-id", TOOL_ID)
    tool.set("tool-name", producer.TOOL_NAME)
    tool.set("tool-version", tool_version)
    body = etree.SubElement(file, _q("body"))
    for index, unit in enumerate(store, start=1):
        body.append(_trans_unit(unit, index))
    return file


def _trans_unit(unit: Unit, index: int) -> etree._Element:
    unit_id = str(unit.id) if unit.id is not None and str(unit.id) else str(index)
    trans_unit = etree.Element(_q("trans-unit"), id=xml_safe(unit_id))
    trans_unit.set(XML_SPACE, "preserve")
    segment_id = unit.id if isinstance(unit.id, int) else None
    if segment_id is None and isinstance(unit.id, str) and unit.id.isdigit():
        segment_id = int(unit.id)
    if segment_id is not None:
        trans_unit.set("extype", SONGNGU_EXTYPE)
        trans_unit.set(
            "extradata", UnitMarker(segment_id, unit.version, unit.source_hash).extradata()
        )
    row = row_for(effective_status(unit.status, unit.target), unit.origin)
    if row.approved12:
        trans_unit.set("approved", "yes")
    trans_unit.append(_content("source", unit.source, unit.codes))
    target = _content("target", unit.target, unit.codes)
    target.set("state", row.state12)
    if row.qualifier12:
        target.set("state-qualifier", row.qualifier12)
    trans_unit.append(target)
    for note in unit.notes:
        if note.text:
            element = etree.SubElement(trans_unit, _q("note"))
            if note.author:
                element.set("from", xml_safe(note.author))
            element.text = xml_safe(note.text)
    return trans_unit


def write_xliff12(stores: Iterable[Store], *, tool_version: str | None = None) -> bytes:
    """XLIFF 1.2 bytes (UTF-8) with one <file> per store, valid against the strict XSD."""
    version = producer.tool_version() if tool_version is None else tool_version
    root = etree.Element(_q("xliff"), version="1.2", nsmap={None: NS_12})
    stores = list(stores) or [Store()]
    for store in stores:
        root.append(_file_element(store, version))
    indent_structure(root, _CONTENT)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


# ---------------------------------------------------------------------------------------
# Reading


class _Reader:
    """Turns one unit's XLIFF 1.2 inline content into songngu tagged text."""

    def __init__(self, notes: ReadNotes, *, songngu: bool = False) -> None:
        self.numbers = CodeNumbers()
        self.codes: dict[str, dict[str, object]] = {}
        self.notes = notes
        self.songngu = songngu  # a unit songngu wrote: "N-k" is a repeat of code N

    def _number(self, key: str, kind: str | None, code_type: str) -> int:
        if self.songngu:
            key = _REPEAT_RE.sub(r"\1", key)
        number = self.numbers.number_for(("c", key), key)
        entry = self.codes.setdefault(str(number), {"type": code_type})
        if kind and "kind" not in entry:
            entry["kind"] = kind
        return number

    def text_of(self, element: etree._Element | None) -> str:
        if element is None:
            return ""
        parts: list[str] = []
        pairs: dict[str, int] = {}  # rid (else id) of an open bx/bpt -> number
        self._walk(element, parts, pairs)
        return "".join(parts)

    def _walk(self, element: etree._Element, parts: list[str], pairs: dict[str, int]) -> None:
        if element.text:
            parts.append(element.text)
        for child in element:
            name = local_name(child)
            code_id = child.get("id", "")
            if name == "g":
                number = self._number(
                    code_id, kind_from_ctype(child.get("ctype"), paired=True), "paired"
                )
                parts.append(open_tag(number))
                self._walk(child, parts, pairs)
                parts.append(close_tag(number))
            elif name in ("x", "ph", "it"):
                if name != "x":
                    self.notes.dropped_sub_flows += len([s for s in child.iter() if s is not child])
                kind = kind_from_ctype(child.get("ctype"), paired=False)
                parts.append(x_tag(self._number(code_id, kind, "standalone")))
            elif name in ("bx", "bpt"):
                if name == "bpt":
                    self.notes.dropped_sub_flows += len([s for s in child.iter() if s is not child])
                kind = kind_from_ctype(child.get("ctype"), paired=True)
                number = self._number(code_id, kind, "paired")
                pairs[child.get("rid") or code_id] = number
                parts.append(open_tag(number))
            elif name in ("ex", "ept"):
                if name == "ept":
                    self.notes.dropped_sub_flows += len([s for s in child.iter() if s is not child])
                rid = child.get("rid") or code_id
                number = pairs.pop(rid, None)
                if number is None:
                    number = self._number(code_id, None, "paired")
                parts.append(close_tag(number))
            elif name == "sub":
                self.notes.dropped_sub_flows += 1
            elif name:
                if name != "mrk":
                    self.notes.unknown_elements.add(name)
                self._walk(child, parts, pairs)
            if child.tail:
                parts.append(child.tail)


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if local_name(child) == name]


def _child(element: etree._Element, name: str) -> etree._Element | None:
    found = _children(element, name)
    return found[0] if found else None


def _foreign_attribute(element: etree._Element, name: str, namespace_hint: str) -> str | None:
    """An attribute by local name in a tool's own namespace (memoQ: "MQXliff")."""
    for key, value in element.attrib.items():
        qname = etree.QName(key)
        if qname.localname == name and namespace_hint.lower() in (qname.namespace or "").lower():
            return value
    return None


def _sdl_segments(trans_unit: etree._Element) -> dict[str, etree._Element]:
    """Trados's sdl:seg elements by mid."""
    return {
        seg.get("id", ""): seg
        for seg in trans_unit.iter(f"{{{SDL_NS}}}seg")
        if etree.QName(seg.getparent().tag).localname == "seg-defs"
    }


def _status(
    target: etree._Element | None,
    trans_unit: etree._Element,
    target_text: str,
    sdl_seg: etree._Element | None,
) -> ReadState:
    has_target = bool(target_text.strip())
    if sdl_seg is not None:
        trados = read_trados(sdl_seg.get("conf"), sdl_seg.get("origin"), has_target=has_target)
        if trados is not None:
            return trados
    memoq = read_memoq(_foreign_attribute(trans_unit, "status", "mqxliff"), has_target=has_target)
    if memoq is not None:
        return memoq
    return read_12(
        None if target is None else target.get("state"),
        None if target is None else target.get("state-qualifier"),
        trans_unit.get("approved"),
        has_target=has_target,
    )


def _mrk_segments(element: etree._Element | None) -> dict[str, etree._Element]:
    if element is None:
        return {}
    return {
        mrk.get("mid", ""): mrk
        for mrk in element.iter()
        if local_name(mrk) == "mrk" and mrk.get("mtype") == "seg"
    }


def _notes(trans_unit: etree._Element) -> list[Note]:
    return [
        Note(note.text.strip(), note.get("from", ""))
        for note in _children(trans_unit, "note")
        if note.text and note.text.strip()
    ]


def _unit(
    trans_unit: etree._Element,
    reader: _Reader,
    unit_id: str | int,
    source: etree._Element | None,
    target: etree._Element | None,
    state_target: etree._Element | None,
    sdl_seg: etree._Element | None,
    marker: UnitMarker | None,
) -> Unit:
    source_text = reader.text_of(source)
    target_text = reader.text_of(target)
    read = _status(state_target, trans_unit, target_text, sdl_seg)
    origin = read.origin
    if origin is None:
        origin = Origin.HUMAN if target_text.strip() else Origin.NONE
    props = {XLIFF_ID_PROP: trans_unit.get("id", "")}
    if marker is not None:
        props[SOURCE_HASH_PROP] = marker.source_hash
    return Unit(
        source=source_text,
        target=target_text,
        id=unit_id,
        codes=reader.codes,
        status=read.status,
        version=marker.version if marker is not None else None,
        notes=_notes(trans_unit),
        origin=origin,
        props=props,
    )


def _units(trans_unit: etree._Element, notes: ReadNotes) -> list[Unit]:
    """The units of one trans-unit: one, or one per <mrk mtype="seg"> of its seg-source."""
    marker = None
    if trans_unit.get("extype") == SONGNGU_EXTYPE:
        marker = UnitMarker.from_extradata(trans_unit.get("extradata", ""))
    source = _child(trans_unit, "source")
    target = _child(trans_unit, "target")
    sdl = _sdl_segments(trans_unit)
    tu_id = trans_unit.get("id", "")
    marked = _mrk_segments(_child(trans_unit, "seg-source"))
    if marker is not None or not marked:
        # Several confirmation levels for one unit: the least confirmed one counts.
        sdl_seg = _least_confirmed(sdl) if sdl else None
        unit_id: str | int = marker.segment_id if marker is not None else tu_id
        reader = _Reader(notes, songngu=marker is not None)
        return [_unit(trans_unit, reader, unit_id, source, target, target, sdl_seg, marker)]
    targets = _mrk_segments(target)
    units = []
    for mid, mrk in marked.items():
        reader = _Reader(notes)
        units.append(
            _unit(
                trans_unit,
                reader,
                f"{tu_id}#{mid}",
                mrk,
                targets.get(mid),
                target,
                sdl.get(mid),
                None,
            )
        )
    return units


def _least_confirmed(sdl: dict[str, etree._Element]) -> etree._Element:
    def rank(seg: etree._Element) -> int:
        read = read_trados(seg.get("conf"), None, has_target=True)
        return int(read.status) if read is not None else -1

    return min(sdl.values(), key=rank)


def read_root(
    root: etree._Element,
    filename: str,
    limits: ReadLimits,
    *,
    source_lang: str = "vi",
    target_lang: str = "en",
) -> list[Store]:
    """One store per <file> of a parsed XLIFF 1.x document."""
    stores: list[Store] = []
    count = 0
    for file in _children(root, "file"):
        notes = ReadNotes()
        original = file.get("original", "")
        store = Store(
            source_lang=file.get("source-language") or source_lang,
            target_lang=file.get("target-language") or target_lang,
            metadata={"title": PurePath(original).stem or original, "source": original},
            props={XLIFF_VERSION_PROP: root.get("version", "1.2"), ORIGINAL_PROP: original},
        )
        header = _child(file, "header")
        if header is not None:
            for phase in header.iter():
                if local_name(phase) == "phase" and phase.get("phase-name") == SONGNGU_PHASE:
                    origin = ExportOrigin.from_job_id(phase.get("job-id", ""))
                    if origin is not None:
                        store.props.update(origin.to_props())
        skipped = 0
        for trans_unit in file.iter():
            if local_name(trans_unit) != "trans-unit":
                continue
            if trans_unit.get("translate") == "no":
                skipped += 1
                continue
            for unit in _units(trans_unit, notes):
                count += 1
                if count > limits.max_units:
                    raise too_many_units(filename, limits.max_units)
                store.add(unit)
        store.warnings.extend(notes.warnings())
        if skipped:
            store.warnings.append(f'{skipped} unit(s) marked translate="no" were left out')
        stores.append(store)
    return stores


class XLIFF12Format(BilingualFormat):
    """XLIFF 1.2 (OASIS), what OmegaT, Trados, memoQ, Matecat and Okapi exchange.

    ``read`` takes any XLIFF version (1.x and 2.x) and gives one store of every unit;
    :func:`exporters.xliff_common.read_xliff` gives one store per ``<file>``.
    ``write(store)`` writes one document; ``write_stores(stores)`` one file of several.
    """

    name = "xliff12"
    label = "XLIFF 1.2"
    extensions = (".xlf", ".xliff")
    schema = SCHEMA

    def read(
        self, data: bytes, filename: str, *, source_lang: str = "vi", target_lang: str = "en"
    ) -> Store:
        return one_store(
            read_xliff(data, filename, source_lang=source_lang, target_lang=target_lang)
        )

    def write(self, store: Store) -> bytes:
        return write_xliff12([store])

    def write_stores(self, stores: Iterable[Store]) -> bytes:
        return write_xliff12(stores)
