"""TMX: read 1.1–1.4 as other tools write it (OmegaT, Okapi, Trados, memoQ, MateCat),
write 1.4 valid against the LISA tmx14.dtd.

A TMX is multilingual: any unit holding the source and the target language is used, in
whichever direction the header's srclang names (also "*all*"). Units without both
languages are counted, not refused. The file is parsed by :mod:`exporters.safe_xml`
(no DTD, no network, no recovering from broken XML; entity declarations refused).

Mapping to units: ``tuid`` is the unit's id; the target variant's change (else creation)
id and date, else the unit's, are ``changed_by`` / ``changed_at``; every ``<note>`` of the
unit and of both variants is a note; the ``<prop>`` elements of the unit and of the source
variant are ``props`` by type (the first of a type), the neighbouring segments under
memoQ's names whichever tool wrote them (OmegaT writes prev/next).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from lxml import etree

from exporters import producer, safe_xml
from exporters.registry import BilingualFormat
from exporters.tmx_codes import CodeNumbers, SegText, content_to_seg, seg_to_text, xml_safe
from primitives.errors import InvalidInput
from primitives.inline import parse, plain
from primitives.units import Note, Store, Unit

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
KNOWN_VERSIONS = frozenset({"1.1", "1.2", "1.3", "1.4", "1.4a", "1.4b"})
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
# Props of a unit: the neighbouring source segments (memoQ's names; OmegaT's prev/next are
# read as these) and where songngu's unit came from.
CONTEXT_BEFORE = "x-context-pre"
CONTEXT_AFTER = "x-context-post"
ORIGIN_PROP = "x-songngu-origin"
_PROP_ALIASES = {"prev": CONTEXT_BEFORE, "next": CONTEXT_AFTER}
_TMX_DATE_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$")

REFUSALS = safe_xml.Refusals(
    empty=safe_xml.Refusal(
        "tmx.empty", "{filename} is empty: choose a TMX file exported from a CAT tool"
    ),
    entities=safe_xml.Refusal(
        "tmx.entities",
        "{filename} declares XML entities, which are refused for safety: "
        "export the TMX again without an internal DTD",
    ),
    malformed=safe_xml.Refusal(
        "tmx.not_well_formed",
        "{filename} is not well-formed XML at line {line}: {reason}; "
        "fix the file or export it again",
    ),
)


@dataclass(frozen=True)
class TMXHeader:
    """What the file says about itself."""

    version: str
    creation_tool: str
    creation_tool_version: str
    source_lang: str
    props: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class TMXRead:
    """The units usable for source_lang → target_lang (``store.warnings`` says what was
    left out or changed, and why), what the file says about itself, and the counts."""

    store: Store
    header: TMXHeader
    skipped_other_language: int = 0
    skipped_empty: int = 0


# ISO 639-2 codes some tools write instead of the two-letter ones.
_THREE_LETTER = {"vie": "vi", "eng": "en", "fra": "fr", "fre": "fr", "deu": "de", "ger": "de"}


def _primary(code: str) -> str:
    primary = code.strip().replace("_", "-").split("-")[0].lower()
    return _THREE_LETTER.get(primary, primary)


def language_matches(code: str, wanted: str) -> bool:
    """True when a language code (vi, vi-VN, VI, en_US, vie) is the wanted language."""
    primary = _primary(code)
    return bool(primary) and primary == _primary(wanted)


def parse_tmx_xml(data: bytes, filename: str) -> etree._Element:
    """The root <tmx> element, or InvalidInput naming the problem in one line."""
    root = safe_xml.parse(data, filename, refusals=REFUSALS)
    if etree.QName(root.tag).localname != "tmx":
        raise InvalidInput(
            "tmx.not_tmx",
            "{filename} is not a TMX file (its root element is <{root}>, not <tmx>): "
            "choose a .tmx translation memory",
            filename=filename,
            root=etree.QName(root.tag).localname,
        )
    return root


def _lang_of(element: etree._Element) -> str:
    return element.get(XML_LANG) or element.get("lang") or ""


def _props(element: etree._Element) -> list[tuple[str, str]]:
    return [(prop.get("type", ""), prop.text or "") for prop in element.findall("prop")]


def _notes(element: etree._Element) -> list[str]:
    return [
        note.text.strip() for note in element.findall("note") if note.text and note.text.strip()
    ]


def tmx_date_to_iso(value: str) -> str:
    """TMX's 20240501T093000Z as 2024-05-01T09:30:00Z; "" when not in that form."""
    match = _TMX_DATE_RE.match(value.strip())
    if not match:
        return ""
    year, month, day, hour, minute, second = (int(group) for group in match.groups())
    try:
        moment = datetime(year, month, day, hour, minute, second)
    except ValueError:
        return ""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _pick_variant(tuvs: list[etree._Element], wanted: str) -> etree._Element | None:
    """The variant in the wanted language, an exact code (en-GB) before a regional one."""
    matching = [tuv for tuv in tuvs if language_matches(_lang_of(tuv), wanted)]
    for tuv in matching:
        if _lang_of(tuv).replace("_", "-").lower() == wanted.replace("_", "-").lower():
            return tuv
    return matching[0] if matching else None


def _header(root: etree._Element) -> TMXHeader:
    header = root.find("header")
    if header is None:
        return TMXHeader(root.get("version", ""), "", "", "")
    return TMXHeader(
        version=root.get("version", ""),
        creation_tool=header.get("creationtool", ""),
        creation_tool_version=header.get("creationtoolversion", ""),
        source_lang=header.get("srclang", ""),
        props=tuple(_props(header)),
        notes=tuple(_notes(header)),
    )


def _unit_props(tu: etree._Element, source_tuv: etree._Element) -> dict[str, str]:
    """The unit's and the source variant's props by type, the first of each type."""
    props: dict[str, str] = {}
    for kind, value in _props(tu) + _props(source_tuv):
        props.setdefault(_PROP_ALIASES.get(kind, kind), value)
    return props


def read_tmx(
    data: bytes, filename: str, *, source_lang: str = "vi", target_lang: str = "en"
) -> TMXRead:
    """Units of a TMX file for source_lang → target_lang (InvalidInput for unusable files)."""
    root = parse_tmx_xml(data, filename)
    header = _header(root)
    body = root.find("body")
    if body is None:
        raise InvalidInput(
            "tmx.no_body",
            "{filename} has no <body>: it is not a complete TMX file",
            filename=filename,
        )
    omegat = header.creation_tool.lower().startswith("omegat")
    store = Store(source_lang=source_lang, target_lang=target_lang)
    skipped_other_language = skipped_empty = 0
    dropped_sub_flows = bad_dates = 0
    unknown_elements: set[str] = set()
    entities: set[str] = set()
    for tu in body.iter("tu"):
        tuvs = tu.findall("tuv")
        source_tuv = _pick_variant(tuvs, source_lang)
        target_tuv = _pick_variant(tuvs, target_lang)
        if source_tuv is None or target_tuv is None:
            skipped_other_language += 1
            continue
        numbers = CodeNumbers()
        texts: list[str] = []
        for tuv in (source_tuv, target_tuv):
            seg = tuv.find("seg")
            converted = (
                seg_to_text(seg, numbers, omegat_shortcuts=omegat) if seg is not None else SegText()
            )
            dropped_sub_flows += converted.dropped_sub_flows
            unknown_elements |= converted.unknown_elements
            entities |= converted.entities
            texts.append(converted.text)
        source, target = texts
        if not plain(source).strip() or not plain(target).strip():
            skipped_empty += 1
            continue
        raw_date = (
            target_tuv.get("changedate")
            or target_tuv.get("creationdate")
            or tu.get("changedate")
            or tu.get("creationdate")
            or ""
        )
        changed_at = tmx_date_to_iso(raw_date) if raw_date else ""
        bad_dates += bool(raw_date) and not changed_at
        store.add(
            Unit(
                source=source,
                target=target,
                id=tu.get("tuid") or None,
                notes=[Note(text) for text in _notes(tu) + _notes(source_tuv) + _notes(target_tuv)],
                changed_by=(
                    target_tuv.get("changeid")
                    or target_tuv.get("creationid")
                    or tu.get("changeid")
                    or tu.get("creationid")
                    or ""
                ),
                changed_at=changed_at,
                props=_unit_props(tu, source_tuv),
            )
        )
    warnings = store.warnings
    if header.version and header.version not in KNOWN_VERSIONS:
        warnings.append(f"TMX version {header.version!r} is not 1.1–1.4; read as 1.4")
    if dropped_sub_flows:
        warnings.append(f"{dropped_sub_flows} text(s) inside inline codes (<sub>) were left out")
    if unknown_elements:
        names = ", ".join(f"<{name}>" for name in sorted(unknown_elements))
        warnings.append(f"elements that are not TMX inline codes were read as text: {names}")
    if entities:
        warnings.append(f"entity references read as characters: {', '.join(sorted(entities))}")
    if bad_dates:
        warnings.append(f"{bad_dates} date(s) not in TMX form (YYYYMMDDThhmmssZ) were left out")
    if skipped_other_language:
        warnings.append(
            f"{skipped_other_language} unit(s) without both {source_lang} and {target_lang} "
            "were skipped"
        )
    if skipped_empty:
        warnings.append(f"{skipped_empty} unit(s) with an empty segment were skipped")
    return TMXRead(
        store=store,
        header=header,
        skipped_other_language=skipped_other_language,
        skipped_empty=skipped_empty,
    )


# ---------------------------------------------------------------------------------------
# Writing


def iso_to_tmx_date(value: str) -> str:
    """An ISO 8601 timestamp as TMX's 20240501T093000Z (UTC); "" if it is not one."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def _tuv(lang: str, unit_text: str) -> etree._Element:
    tuv = etree.Element("tuv")
    tuv.set(XML_LANG, lang)
    tuv.append(text_to_seg(unit_text))
    return tuv


def text_to_seg(text: str) -> etree._Element:
    """A <seg> for songngu text: <gN>…</gN> become bpt/ept, <xN/> ph, unpaired tags it."""
    return content_to_seg(parse(text))


def write_tmx(store: Store, *, tool_version: str | None = None) -> bytes:
    """TMX 1.4 bytes (UTF-8) holding the store's units, valid against tmx14.dtd.

    The header names songngu and its installed version (tool_version instead, if given) and
    the store's date (metadata "date", ISO 8601) as the creation date. A unit's id is its
    tuid, changed_by/changed_at its creation id and date, each note a <note>, each prop a
    <prop> (empty ones left out).
    """
    root = etree.Element("tmx", version="1.4")
    header = etree.SubElement(
        root,
        "header",
        creationtool=producer.TOOL_NAME,
        creationtoolversion=producer.tool_version() if tool_version is None else tool_version,
        segtype="sentence",
        adminlang="en",
        srclang=store.source_lang,
        datatype="plaintext",
    )
    header.set("o-tmf", producer.TOOL_NAME)
    creation_date = iso_to_tmx_date(store.metadata.get("date", ""))
    if creation_date:
        header.set("creationdate", creation_date)
    body = etree.SubElement(root, "body")
    for unit in store:
        tu = etree.SubElement(body, "tu")
        if unit.id is not None and str(unit.id):
            tu.set("tuid", str(unit.id))
        if unit.changed_at and iso_to_tmx_date(unit.changed_at):
            tu.set("creationdate", iso_to_tmx_date(unit.changed_at))
        if unit.changed_by:
            tu.set("creationid", xml_safe(unit.changed_by))
        for note in unit.notes:
            if note.text:
                etree.SubElement(tu, "note").text = xml_safe(note.text)
        for kind, value in unit.props.items():
            if value:
                etree.SubElement(tu, "prop", type=kind).text = xml_safe(value)
        tu.append(_tuv(store.source_lang, unit.source))
        tu.append(_tuv(store.target_lang, unit.target))
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", doctype=DOCTYPE, pretty_print=True
    )


class TMXFormat(BilingualFormat):
    """TMX 1.4, the translation-memory exchange format of every CAT tool."""

    name = "tmx"
    label = "TMX"
    extensions = (".tmx",)
    schema = "tmx-1.4/tmx14.dtd"

    def read(
        self, data: bytes, filename: str, *, source_lang: str = "vi", target_lang: str = "en"
    ) -> Store:
        return read_tmx(data, filename, source_lang=source_lang, target_lang=target_lang).store

    def write(self, store: Store) -> bytes:
        return write_tmx(store)
