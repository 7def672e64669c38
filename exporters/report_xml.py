"""The partner report XML: a project's deliverable described for the partner's systems.

A schema of songngu's own (``exporters/schemas/songngu-report-1.0.xsd``, documented in
``docs/report-xml.md``), root ``<report>`` in the namespace ``urn:songngu:report:1``:

- ``<export>``: id, time, who exported, the tool and its version;
- ``<project>`` with its ``<partner>`` and the partner profile's settings;
- one ``<document>`` per store: its Dublin Core metadata (``dc:`` elements in
  ``http://purl.org/dc/elements/1.1/``, the target language beside them) and its aligned
  segments: id, position, status, version, source hash, origin and score, the source and
  target with their inline codes (``<g>``, ``<x>``, ``<tag>`` for a broken one), and a
  ``<stamp>`` for each status the segment holds saying who gave it and when (translated,
  reviewed, approved);
- ``<approval>``: how many segments are approved and by whom, first and last;
- ``<qa-summary>``: counts of QA findings by check and severity (``available="false"``
  and no counts when the caller gives no summary; songngu's exports always give QA's).

Every file written validates against the XSD (``validate``). What the stores do not hold
comes in a :class:`ReportContext`; the stamps are the units' ``props`` named in
:data:`STAMP_PROPS` (the export service fills them from the revisions).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from lxml import etree

from exporters import producer, safe_xml
from exporters.registry import BilingualFormat
from exporters.tmx_codes import xml_safe
from exporters.xliff_common import indent_structure
from primitives.inline import Paired, Standalone, Stray, Visitor, parse, walk
from primitives.statuses import Status
from primitives.units import METADATA_KEYS, Store, Unit

NS = "urn:songngu:report:1"
DC = "http://purl.org/dc/elements/1.1/"
VERSION = "1.0"
SCHEMA_FILE = Path(__file__).resolve().parent / "schemas" / "songngu-report-1.0.xsd"
# The Dublin Core elements a document's metadata may carry: the schema lists them in
# this same order.
DC_ELEMENTS = METADATA_KEYS
# The statuses a segment is stamped with, and the unit props that say who and when.
STAMPED = (Status.TRANSLATED, Status.REVIEWED, Status.APPROVED)
STAMP_PROPS: dict[Status, tuple[str, str]] = {
    status: (f"{status.label}_by", f"{status.label}_at") for status in STAMPED
}
SEVERITIES = ("error", "warning", "info")
# Elements whose content is text (never indented inside).
_CONTENT = frozenset({"source", "target", "setting", *DC_ELEMENTS, "target-language"})


@dataclass(frozen=True)
class QACount:
    """Findings of one check at one severity: open ones and those set aside."""

    check: str
    severity: str
    open: int
    ignored: int = 0


@dataclass(frozen=True)
class QASummary:
    """The project's QA findings counted; ``available`` False when QA gave none."""

    available: bool = False
    counts: tuple[QACount, ...] = ()


@dataclass(frozen=True)
class ReportContext:
    """What the report says beyond the stores: the export, the project and its partner
    (the profile's settings, values as they are stored), and the QA summary."""

    export_id: str = ""
    exported_at: str = ""
    exported_by: str = ""
    project: str = ""
    partner: str = ""
    partner_settings: Mapping[str, Any] = field(default_factory=dict)
    qa: QASummary = QASummary()


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _sub(
    parent: etree._Element, tag: str, text: str | None = None, /, **attributes: str
) -> etree._Element:
    element = etree.SubElement(parent, _q(tag))
    for key, value in attributes.items():
        element.set(key.replace("_", "-"), xml_safe(value))
    if text is not None:
        element.text = xml_safe(text)
    return element


class _ContentWriter(Visitor):
    """Tagged text as mixed content: <g id> around paired codes, <x id/> for standalone
    ones, <tag id kind/> for a tag that does not pair."""

    def __init__(self, element: etree._Element, codes: Mapping[str, Mapping[str, Any]]) -> None:
        self.stack = [element]
        self.codes = codes

    def _append_text(self, text: str) -> None:
        parent = self.stack[-1]
        text = xml_safe(text)
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + text
        else:
            parent.text = (parent.text or "") + text

    def _kind(self, code_id: int) -> dict[str, str]:
        kind = self.codes.get(str(code_id), {}).get("kind")
        return {"kind": str(kind)} if kind else {}

    def text(self, text: str) -> None:
        self._append_text(text)

    def start(self, code: Paired) -> None:
        self.stack.append(_sub(self.stack[-1], "g", id=str(code.id), **self._kind(code.id)))

    def end(self, code: Paired) -> None:
        self.stack.pop()

    def standalone(self, code: Standalone) -> None:
        _sub(self.stack[-1], "x", id=str(code.id), **self._kind(code.id))

    def stray(self, code: Stray) -> None:
        _sub(self.stack[-1], "tag", id=str(code.id), kind=code.kind)


def _content(parent: etree._Element, name: str, unit: Unit, text: str) -> None:
    element = _sub(parent, name)
    walk(parse(text), _ContentWriter(element, unit.codes))


def _segment(parent: etree._Element, unit: Unit, position: int) -> None:
    attributes = {"id": str(unit.id)} if unit.id is not None and str(unit.id) else {}
    attributes |= {
        "position": str(position),
        "status": unit.status.label,
        "source_hash": unit.source_hash,
        "origin": unit.origin.label,
    }
    if unit.version is not None:
        attributes["version"] = str(unit.version)
    if unit.score is not None:
        attributes["score"] = f"{min(max(unit.score, 0.0), 1.0):.4f}"
    segment = _sub(parent, "segment", **attributes)
    _content(segment, "source", unit, unit.source)
    _content(segment, "target", unit, unit.target)
    for status in STAMPED:
        by_prop, at_prop = STAMP_PROPS[status]
        if unit.status >= status and unit.props.get(by_prop):
            _sub(
                segment,
                "stamp",
                status=status.label,
                by=unit.props[by_prop],
                at=unit.props.get(at_prop, ""),
            )


def _metadata(parent: etree._Element, store: Store) -> None:
    metadata = _sub(parent, "metadata")
    for name in DC_ELEMENTS:
        value = store.metadata.get(name, "")
        if value:
            etree.SubElement(metadata, f"{{{DC}}}{name}").text = xml_safe(value)
    _sub(metadata, "target-language", store.props.get("target_language") or store.target_lang)


def _document(parent: etree._Element, store: Store) -> None:
    attributes = {"segments": str(len(store))}
    if store.props.get("document_id"):
        attributes["id"] = store.props["document_id"]
    if store.props.get("revision"):
        attributes["revision"] = store.props["revision"]
    document = _sub(parent, "document", **attributes)
    _metadata(document, store)
    segments = _sub(document, "segments")
    for position, unit in enumerate(store, start=1):
        _segment(segments, unit, position)


def _setting_text(value: Any) -> str:
    return (
        value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    )


def _approval(parent: etree._Element, stores: Sequence[Store]) -> None:
    units = [unit for store in stores for unit in store]
    approved = [unit for unit in units if unit.status >= Status.APPROVED]
    state = (
        "complete" if units and len(approved) == len(units) else "partial" if approved else "none"
    )
    approval = _sub(
        parent, "approval", state=state, segments=str(len(units)), approved=str(len(approved))
    )
    by_approver: dict[str, list[str]] = {}
    by_prop, at_prop = STAMP_PROPS[Status.APPROVED]
    for unit in approved:
        if unit.props.get(by_prop):
            by_approver.setdefault(unit.props[by_prop], []).append(unit.props.get(at_prop, ""))
    for name in sorted(by_approver):
        moments = sorted(moment for moment in by_approver[name] if moment)
        attributes = {"name": name, "segments": str(len(by_approver[name]))}
        if moments:
            attributes.update(first=moments[0], last=moments[-1])
        _sub(approval, "approver", **attributes)


def _qa_summary(parent: etree._Element, qa: QASummary) -> None:
    totals = {severity: 0 for severity in SEVERITIES}
    for count in qa.counts:
        totals[count.severity] = totals.get(count.severity, 0) + count.open
    summary = _sub(
        parent,
        "qa-summary",
        available="true" if qa.available else "false",
        errors=str(totals["error"]),
        warnings=str(totals["warning"]),
        infos=str(totals["info"]),
    )
    rank = {severity: index for index, severity in enumerate(SEVERITIES)}
    for count in sorted(qa.counts, key=lambda c: (rank.get(c.severity, len(rank)), c.check)):
        _sub(
            summary,
            "count",
            check=count.check,
            severity=count.severity,
            open=str(count.open),
            ignored=str(count.ignored),
        )


def write_report(
    stores: Iterable[Store],
    context: ReportContext | None = None,
    *,
    tool_version: str | None = None,
) -> bytes:
    """The report XML (UTF-8) of the stores, valid against the songngu report XSD."""
    context = context or ReportContext()
    stores = list(stores)
    root = etree.Element(_q("report"), nsmap={None: NS, "dc": DC}, version=VERSION)
    export = _sub(
        root,
        "export",
        tool=producer.TOOL_NAME,
        tool_version=producer.tool_version() if tool_version is None else tool_version,
    )
    for name, value in (
        ("id", context.export_id),
        ("at", context.exported_at),
        ("by", context.exported_by),
    ):
        if value:
            export.set(name, xml_safe(value))
    project_name = context.project or (stores[0].props.get("project", "") if stores else "")
    project = _sub(root, "project", name=project_name)
    if context.partner:
        partner = _sub(project, "partner", name=context.partner)
        for key in sorted(context.partner_settings):
            _sub(partner, "setting", _setting_text(context.partner_settings[key]), name=key)
    documents = _sub(root, "documents")
    for store in stores:
        _document(documents, store)
    _approval(root, stores)
    _qa_summary(root, context.qa)
    indent_structure(root, _CONTENT)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@lru_cache(maxsize=1)
def _schema() -> etree.XMLSchema:
    # The XSD imports dc.xsd beside it: parsed from its path, nothing fetched.
    return etree.XMLSchema(etree.parse(str(SCHEMA_FILE)))


def report_problems(data: bytes) -> list[str]:
    """Problems of a report file against the songngu report XSD ([] if valid)."""
    document = safe_xml.parse(data, "report")
    schema = _schema()
    if schema.validate(document):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]


class ReportXMLFormat(BilingualFormat):
    """The partner report XML (songngu's own schema); written, not read.

    ``write(store)`` reports one document without context; ``write_report(stores,
    context)`` the project as the export service builds it.
    """

    name = "report-xml"
    label = "Partner report XML"
    extensions = (".xml",)
    schema = "songngu-report-1.0.xsd"  # shipped in exporters/schemas, not the schemas folder

    def schema_path(self, schemas_dir: Path) -> Path | None:
        return SCHEMA_FILE

    def validate(self, data: bytes, schemas_dir: Path) -> list[str]:
        return report_problems(data)

    def write(self, store: Store) -> bytes:
        return write_report([store])

    def write_stores(self, stores: Iterable[Store]) -> bytes:
        return write_report(stores)

    def write_report(self, stores: Iterable[Store], context: ReportContext) -> bytes:
        return write_report(stores, context)
