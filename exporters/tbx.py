"""Glossary exchange as TBX: write TBX-Basic (TBX v3, DCA style), read v3 and v2 (martif).

Mapping (one conceptEntry per entry):
- conceptEntry: descrip subjectField = domain, note = note
- langSec vi / termSec: the source term, termType (abbreviation for all-capital terms),
  admin source = origin, transacGrp origination + date
- langSec en / termSec: the target (administrativeStatus from the status; FORBIDDEN →
  deprecatedTerm, an entry with valid_until → supersededTerm), partOfSpeech; then one
  admittedTerm termSec per variant.
Fields TBX-Basic has no category for (case sensitivity, do-not-translate, scope,
valid_until) travel as ``<note>songngu:name=value</note>`` on the source termSec, so a
songngu → TBX → songngu round trip keeps them; other tools show them as plain notes.

XML is parsed by :mod:`exporters.safe_xml` (no network, DTD loading or entity expansion;
any ``<!ENTITY`` declaration refused).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from exporters import safe_xml
from exporters.glossary_csv import at_line, bad_lines
from exporters.registry import TermsFormat
from primitives.errors import InvalidInput
from primitives.terms import PARTS_OF_SPEECH, GlossaryEntry, InvalidGlossaryEntry, TermStatus
from primitives.terms import parse_iso_date as _parse_date

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SOURCE_LANG = "vi"
TARGET_LANG = "en"
_NOTE_PREFIX = "songngu:"
_MAX_TBX_BYTES = 200 * 1024 * 1024
REFUSALS = safe_xml.Refusals(
    too_large=safe_xml.Refusal(
        "tbx.too_large", "{filename} is larger than {limit_mb} MB; split the glossary"
    ),
    entities=safe_xml.Refusal(
        "tbx.entities", "{filename} declares XML entities (<!ENTITY); remove the DTD part"
    ),
    malformed=safe_xml.Refusal(
        "tbx.not_well_formed", "{filename} line {line}: not well-formed XML ({reason})"
    ),
)

_STATUS_TO_TBX = {
    TermStatus.PREFERRED: "preferredTerm-admn-sts",
    TermStatus.ADMITTED: "admittedTerm-admn-sts",
    TermStatus.FORBIDDEN: "deprecatedTerm-admn-sts",
    TermStatus.DO_NOT_TRANSLATE: "preferredTerm-admn-sts",
}
_TBX_TO_STATUS = {
    "preferredterm-admn-sts": TermStatus.PREFERRED,
    "preferredterm": TermStatus.PREFERRED,
    "admittedterm-admn-sts": TermStatus.ADMITTED,
    "admittedterm": TermStatus.ADMITTED,
    "supersededterm-admn-sts": TermStatus.ADMITTED,
    "supersededterm": TermStatus.ADMITTED,
    "deprecatedterm-admn-sts": TermStatus.FORBIDDEN,
    "deprecatedterm": TermStatus.FORBIDDEN,
}


# DCT-style files (and some tools) name the data category by element instead of @type.
_DCT_CATEGORIES = {
    "administrativeStatus": "termNote",
    "partOfSpeech": "termNote",
    "source": "admin",
}

# ---------------------------------------------------------------- writing


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{TBX_NS}}}{tag}", **attrs)
    if text is not None:
        element.text = text
    return element


def _source_term_type(source: str) -> str:
    letters = [c for c in source if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and " " not in source and len(source) <= 8:
        return "abbreviation"
    return "fullForm"


def _write_concept(body: etree._Element, index: int, entry: GlossaryEntry) -> None:
    concept = _sub(body, "conceptEntry", id=f"c{index}")
    if entry.domain:
        _sub(concept, "descrip", entry.domain, type="subjectField")
    if entry.note:
        _sub(concept, "note", entry.note)

    source_lang = _sub(concept, "langSec", **{XML_LANG: SOURCE_LANG})
    source_sec = _sub(source_lang, "termSec")
    _sub(source_sec, "term", entry.source)
    _sub(source_sec, "termNote", _source_term_type(entry.source), type="termType")
    if entry.origin:
        _sub(source_sec, "admin", entry.origin, type="source")
    extras = {
        "case-sensitive": "yes" if entry.case_sensitive else "",
        "status": "do-not-translate" if entry.status is TermStatus.DO_NOT_TRANSLATE else "",
        "scope": entry.scope if entry.scope != "global" else "",
        "valid-until": entry.valid_until,
    }
    for name, value in extras.items():
        if value:
            _sub(source_sec, "note", f"{_NOTE_PREFIX}{name}={value}")
    if entry.date:
        transaction = _sub(source_sec, "transacGrp")
        _sub(transaction, "transac", "origination", type="transactionType")
        _sub(transaction, "date", entry.date)

    target_lang = _sub(concept, "langSec", **{XML_LANG: TARGET_LANG})
    target_sec = _sub(target_lang, "termSec")
    _sub(target_sec, "term", entry.target)
    status = _STATUS_TO_TBX[entry.status]
    if entry.valid_until and entry.status is TermStatus.ADMITTED:
        status = "supersededTerm-admn-sts"
    _sub(target_sec, "termNote", status, type="administrativeStatus")
    if entry.pos:
        _sub(target_sec, "termNote", entry.pos, type="partOfSpeech")
    for variant in entry.variants:
        variant_sec = _sub(target_lang, "termSec")
        _sub(variant_sec, "term", variant)
        _sub(variant_sec, "termNote", "admittedTerm-admn-sts", type="administrativeStatus")


def write_tbx(entries: Iterable[GlossaryEntry], *, title: str) -> bytes:
    """TBX-Basic document (UTF-8, XML declaration) valid against TBXcoreStructV03.rng."""
    root = etree.Element(
        f"{{{TBX_NS}}}tbx",
        nsmap={None: TBX_NS},
        type="TBX-Basic",
        style="dca",
        **{XML_LANG: "en"},
    )
    header = _sub(root, "tbxHeader")
    file_desc = _sub(header, "fileDesc")
    title_stmt = _sub(file_desc, "titleStmt")
    _sub(title_stmt, "title", title)
    source_desc = _sub(file_desc, "sourceDesc")
    _sub(source_desc, "p", f"{title}: Vietnamese to English glossary exported by songngu")
    text = _sub(root, "text")
    entry_list = list(entries)
    if entry_list:  # <body> must hold at least one conceptEntry
        body = _sub(text, "body")
        for index, entry in enumerate(entry_list, start=1):
            _write_concept(body, index, entry)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# ---------------------------------------------------------------- reading


def _local(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _children(element: etree._Element, *names: str) -> list[etree._Element]:
    return [child for child in element if _local(child) in names]


def _text(element: etree._Element) -> str:
    return "".join(element.itertext()).strip()


@dataclass
class _Term:
    text: str
    line: int
    status: TermStatus | None = None
    pos: str | None = None
    origin: str = ""
    date: str = ""
    extras: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _read_term(term_holder: etree._Element, containers: list[etree._Element]) -> _Term | None:
    """A term from a termSec (v3) or tig/ntig (v2); containers hold its notes."""
    terms = [e for e in term_holder.iter() if _local(e) == "term"]
    if not terms:
        return None
    term = _Term(text=_text(terms[0]), line=terms[0].sourceline or 0)
    for container in containers:
        for element in container.iter():
            name, kind = _local(element), (element.get("type") or "").strip()
            if name in _DCT_CATEGORIES:  # DCT style: the category is the element name
                name, kind = _DCT_CATEGORIES[name], name
            value = _text(element)
            if name == "termNote" and kind == "administrativeStatus":
                status = _TBX_TO_STATUS.get(value.lower())
                if status is None:
                    raise InvalidGlossaryEntry(
                        "tbx.unknown_administrative_status",
                        "unknown administrativeStatus {value!r}",
                        value=value,
                    )
                term.status = status
            elif name == "termNote" and kind == "partOfSpeech":
                term.pos = value.lower() if value.lower() in PARTS_OF_SPEECH else "other"
            elif name == "admin" and kind == "source":
                term.origin = value
            elif name == "date" and not term.date:
                term.date = _parse_date(value[:10])
            elif name == "note" and value.startswith(_NOTE_PREFIX):
                key, _, extra_value = value[len(_NOTE_PREFIX) :].partition("=")
                term.extras[key.strip()] = extra_value.strip()
            elif name == "note" and value:
                term.notes.append(value)
    return term


def _terms_of_lang(lang_element: etree._Element) -> list[_Term]:
    found: list[_Term] = []
    for holder in _children(lang_element, "termSec", "tig", "ntig"):
        term = _read_term(holder, [holder])
        if term is not None and term.text:
            found.append(term)
    return found


def _descrips(element: etree._Element, kind: str) -> list[str]:
    """Texts of element's descrip children of that type, bare or inside a descripGrp."""
    found: list[str] = []
    for child in _children(element, "descrip", "descripGrp"):
        for descrip in [child] if _local(child) == "descrip" else _children(child, "descrip"):
            if descrip.get("type") == kind and _text(descrip):
                found.append(_text(descrip))
    return found


def _concept_entries(concept: etree._Element) -> list[GlossaryEntry]:
    sources: list[_Term] = []
    targets: list[_Term] = []
    for lang_element in _children(concept, "langSec", "langSet"):
        lang = (lang_element.get(XML_LANG) or lang_element.get("lang") or "").lower()
        if lang.split("-")[0] == SOURCE_LANG:
            sources.extend(_terms_of_lang(lang_element))
        elif lang.split("-")[0] == TARGET_LANG:
            targets.extend(_terms_of_lang(lang_element))
    if not sources:
        raise InvalidGlossaryEntry("tbx.no_vietnamese_term", "no Vietnamese (vi) term")
    if not targets:
        raise InvalidGlossaryEntry("tbx.no_english_term", "no English (en) term")
    domain = next(iter(_descrips(concept, "subjectField")), "")
    concept_notes = [_text(e) for e in _children(concept, "note") if _text(e)]
    concept_notes += _descrips(concept, "definition")
    for lang_element in _children(concept, "langSec", "langSet"):
        concept_notes += _descrips(lang_element, "definition")

    usable = [t for t in targets if t.status is not TermStatus.FORBIDDEN]
    forbidden = [t for t in targets if t.status is TermStatus.FORBIDDEN]
    primary = next((t for t in usable if t.status in (None, TermStatus.PREFERRED)), None)
    primary = primary or (usable[0] if usable else None)

    entries: list[GlossaryEntry] = []
    for source in sources:
        do_not_translate = source.extras.get("status") == "do-not-translate"
        note = " ".join(dict.fromkeys(concept_notes + source.notes))
        common = {
            "note": note,
            "case_sensitive": source.extras.get("case-sensitive", "") == "yes",
            "domain": domain,
            "scope": source.extras.get("scope", "global") or "global",
            "origin": source.origin,
            "date": source.date,
            "valid_until": _parse_date(source.extras.get("valid-until", "")),
        }
        if primary is not None:
            status = primary.status or TermStatus.PREFERRED
            entries.append(
                GlossaryEntry(
                    source=source.text,
                    target=primary.text,
                    variants=tuple(t.text for t in usable if t is not primary),
                    pos=primary.pos,
                    status=TermStatus.DO_NOT_TRANSLATE if do_not_translate else status,
                    **common,
                )
            )
        for bad in forbidden:
            entries.append(
                GlossaryEntry(
                    source=source.text,
                    target=bad.text,
                    pos=bad.pos,
                    status=TermStatus.FORBIDDEN,
                    **common,
                )
            )
    return entries


def read_tbx(data: bytes, filename: str) -> list[GlossaryEntry]:
    """Entries of a TBX v3 (``tbx``) or v2 (``martif``) file, all-or-nothing."""
    root = safe_xml.parse(data, filename, refusals=REFUSALS, max_bytes=_MAX_TBX_BYTES)
    if _local(root) not in ("tbx", "martif"):
        raise InvalidInput(
            "tbx.not_tbx",
            "{filename} is not TBX (root element <{root}>, expected <tbx> or <martif>)",
            filename=filename,
            root=_local(root),
        )
    concepts = [e for e in root.iter() if _local(e) in ("conceptEntry", "termEntry")]
    entries: list[GlossaryEntry] = []
    errors: list[InvalidInput] = []
    for concept in concepts:
        try:
            entries.extend(_concept_entries(concept))
        except InvalidGlossaryEntry as error:
            errors.append(at_line(concept.sourceline or 0, error))
    if errors:
        raise bad_lines(filename, errors)
    if not entries:
        raise InvalidInput(
            "tbx.no_entries",
            "{filename} holds no Vietnamese-English term entries",
            filename=filename,
        )
    return list(dict.fromkeys(entries))


class TBXFormat(TermsFormat):
    """TBX (ISO 30042): TBX-Basic v3 written, v3 and v2 (martif) read."""

    name = "tbx"
    label = "TBX"
    extensions = (".tbx", ".xml")
    schema = "tbx/TBXcoreStructV03.rng"

    def read(self, data: bytes, filename: str) -> list[GlossaryEntry]:
        return read_tbx(data, filename)

    def write(self, entries: Iterable[GlossaryEntry], *, title: str) -> bytes:
        return write_tbx(entries, title=title)
