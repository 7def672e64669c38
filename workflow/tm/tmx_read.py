"""Read TMX 1.1–1.4 files as other tools write them (OmegaT, Okapi, Trados, memoQ, MateCat).

A TMX is multilingual: any unit holding the source and the target language is used, in
whichever direction the header's srclang names (also "*all*"). Units without both
languages are counted, not refused. The parser never loads a DTD, never touches the
network and never recovers from broken XML; a file declaring entities is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from primitives.errors import InvalidInput
from primitives.inline import plain
from workflow.tm.model import TMUnit
from workflow.tm.tmx_codes import CodeNumbers, SegText, seg_to_text

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
KNOWN_VERSIONS = frozenset({"1.1", "1.2", "1.3", "1.4", "1.4a", "1.4b"})
# Context props: OmegaT writes prev/next, memoQ x-context-pre/x-context-post.
PREV_PROPS = frozenset({"prev", "x-context-pre"})
NEXT_PROPS = frozenset({"next", "x-context-post"})
ORIGIN_PROP = "x-songngu-origin"
_TMX_DATE_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$")
_SPACE_RE = re.compile(r"\s+")
_POSITION_RE = re.compile(r",? line \d+, column \d+$")


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
class TMXReadResult:
    """Units usable for source_lang → target_lang, and what was left out and why."""

    units: list[TMUnit]
    header: TMXHeader
    skipped_other_language: int = 0
    skipped_empty: int = 0
    warnings: list[str] = field(default_factory=list)


# ISO 639-2 codes some tools write instead of the two-letter ones.
_THREE_LETTER = {"vie": "vi", "eng": "en", "fra": "fr", "fre": "fr", "deu": "de", "ger": "de"}


def _primary(code: str) -> str:
    primary = code.strip().replace("_", "-").split("-")[0].lower()
    return _THREE_LETTER.get(primary, primary)


def language_matches(code: str, wanted: str) -> bool:
    """True when a language code (vi, vi-VN, VI, en_US, vie) is the wanted language."""
    primary = _primary(code)
    return bool(primary) and primary == _primary(wanted)


# An entity declaration as UTF-8/ASCII or UTF-16 bytes: searched in the raw bytes, so a
# large file is not decoded a second time just to look for one.
_ENTITY_DECLARATIONS = tuple(
    "<!ENTITY".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be")
)


def _one_line(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def _libxml_message(error: etree.XMLSyntaxError) -> str:
    # libxml2 ends its message with ", line N, column M"; the line is already said.
    return _POSITION_RE.sub("", _one_line(str(error.msg)))


def parse_tmx_xml(data: bytes, filename: str) -> etree._Element:
    """The root <tmx> element, or InvalidInput naming the problem in one line."""
    if not data.strip():
        raise InvalidInput(f"{filename} is empty: choose a TMX file exported from a CAT tool")
    if any(declaration in data for declaration in _ENTITY_DECLARATIONS):
        raise InvalidInput(
            f"{filename} declares XML entities, which are refused for safety: "
            "export the TMX again without an internal DTD"
        )
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        line = error.lineno if error.lineno else "?"
        raise InvalidInput(
            f"{filename} is not well-formed XML at line {line}: {_libxml_message(error)}; "
            "fix the file or export it again"
        ) from None
    if etree.QName(root.tag).localname != "tmx":
        raise InvalidInput(
            f"{filename} is not a TMX file (its root element is <{etree.QName(root.tag).localname}>, "
            "not <tmx>): choose a .tmx translation memory"
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


def read_tmx(
    data: bytes, filename: str, *, source_lang: str = "vi", target_lang: str = "en"
) -> TMXReadResult:
    """Units of a TMX file for source_lang → target_lang (InvalidInput for unusable files)."""
    root = parse_tmx_xml(data, filename)
    header = _header(root)
    body = root.find("body")
    if body is None:
        raise InvalidInput(f"{filename} has no <body>: it is not a complete TMX file")
    omegat = header.creation_tool.lower().startswith("omegat")
    units: list[TMUnit] = []
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
        props = _props(tu) + _props(source_tuv)
        raw_date = (
            target_tuv.get("changedate")
            or target_tuv.get("creationdate")
            or tu.get("changedate")
            or tu.get("creationdate")
            or ""
        )
        created_at = tmx_date_to_iso(raw_date) if raw_date else ""
        bad_dates += bool(raw_date) and not created_at
        units.append(
            TMUnit(
                source=source,
                target=target,
                unit_id=tu.get("tuid") or None,
                prev_source=next((value for kind, value in props if kind in PREV_PROPS), ""),
                next_source=next((value for kind, value in props if kind in NEXT_PROPS), ""),
                origin=next(
                    (value for kind, value in props if kind == ORIGIN_PROP), f"tmx:{filename}"
                ),
                created_by=(
                    target_tuv.get("changeid")
                    or target_tuv.get("creationid")
                    or tu.get("changeid")
                    or tu.get("creationid")
                    or ""
                ),
                created_at=created_at,
                note="\n".join(_notes(tu) + _notes(source_tuv) + _notes(target_tuv)),
            )
        )
    warnings: list[str] = []
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
    return TMXReadResult(
        units=units,
        header=header,
        skipped_other_language=skipped_other_language,
        skipped_empty=skipped_empty,
        warnings=warnings,
    )
