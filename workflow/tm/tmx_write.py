"""Write a translation memory as TMX 1.4 (valid against the LISA tmx14.dtd)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime

from lxml import etree

from primitives.inline import tags as tokens
from workflow.tm.model import TMUnit

# Characters XML 1.0 cannot hold. Word's manual line break (\x0b) and page break (\x0c)
# become a newline; the other control characters carry no text and are left out.
_BREAKS_RE = re.compile("[\x0b\x0c]")
_NOT_XML_RE = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff]")
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'


def xml_safe(text: str) -> str:
    """Text with the characters XML 1.0 forbids replaced or removed."""
    return _NOT_XML_RE.sub("", _BREAKS_RE.sub("\n", text))


def iso_to_tmx_date(value: str) -> str:
    """An ISO 8601 timestamp as TMX's 20240501T093000Z (UTC); "" if it is not one."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def _append_text(seg: etree._Element, text: str) -> None:
    if not text:
        return
    text = xml_safe(text)
    if len(seg):
        last = seg[-1]
        last.tail = (last.tail or "") + text
    else:
        seg.text = (seg.text or "") + text


def text_to_seg(text: str) -> etree._Element:
    """A <seg> for songngu text: <gN>…</gN> become bpt/ept, <xN/> ph, unpaired tags it."""
    found = tokens(text)
    # Pair each closing tag with the latest unclosed opening tag of the same number; TMX
    # bpt/ept are flat and paired by i, so crossed pairs stay pairs.
    partner: dict[int, int] = {}
    open_at: dict[int, list[int]] = {}
    for index, token in enumerate(found):
        if token.kind == "open":
            open_at.setdefault(token.code_id, []).append(index)
        elif token.kind == "close" and open_at.get(token.code_id):
            opener = open_at[token.code_id].pop()
            partner[opener] = index
            partner[index] = opener
    seg = etree.Element("seg")
    pair_ids: dict[int, int] = {}
    cursor = 0
    for index, token in enumerate(found):
        _append_text(seg, text[cursor : token.start])
        cursor = token.end
        code = str(token.code_id)
        if token.kind == "standalone":
            element = etree.SubElement(seg, "ph", x=code)
        elif index not in partner:
            position = "begin" if token.kind == "open" else "end"
            element = etree.SubElement(seg, "it", pos=position, x=code)
        elif token.kind == "open":
            pair_ids[index] = len(pair_ids) + 1
            element = etree.SubElement(seg, "bpt", i=str(pair_ids[index]), x=code)
        else:
            element = etree.SubElement(seg, "ept", i=str(pair_ids[partner[index]]))
        # The native code is our own tag, as OmegaT does, so other tools show something.
        element.text = token.text
    _append_text(seg, text[cursor:])
    return seg


def _tuv(lang: str, text: str) -> etree._Element:
    tuv = etree.Element("tuv")
    tuv.set("{http://www.w3.org/XML/1998/namespace}lang", lang)
    tuv.append(text_to_seg(text))
    return tuv


def _prop(parent: etree._Element, kind: str, value: str) -> None:
    prop = etree.SubElement(parent, "prop", type=kind)
    prop.text = xml_safe(value)


def write_tmx(
    units: Iterable[TMUnit],
    *,
    source_lang: str = "vi",
    target_lang: str = "en",
    tool_version: str,
    creation_date: str = "",
) -> bytes:
    """TMX 1.4 bytes (UTF-8) holding the units; creation_date is ISO 8601 or ""."""
    root = etree.Element("tmx", version="1.4")
    header = etree.SubElement(
        root,
        "header",
        creationtool="songngu",
        creationtoolversion=tool_version,
        segtype="sentence",
        adminlang="en",
        srclang=source_lang,
        datatype="plaintext",
    )
    header.set("o-tmf", "songngu")
    if creation_date and iso_to_tmx_date(creation_date):
        header.set("creationdate", iso_to_tmx_date(creation_date))
    body = etree.SubElement(root, "body")
    for unit in units:
        tu = etree.SubElement(body, "tu")
        if unit.unit_id is not None and str(unit.unit_id):
            tu.set("tuid", str(unit.unit_id))
        if unit.created_at and iso_to_tmx_date(unit.created_at):
            tu.set("creationdate", iso_to_tmx_date(unit.created_at))
        if unit.created_by:
            tu.set("creationid", xml_safe(unit.created_by))
        if unit.note:
            note = etree.SubElement(tu, "note")
            note.text = xml_safe(unit.note)
        # memoQ's property names for the neighbouring segments; songngu reads them back.
        if unit.prev_source:
            _prop(tu, "x-context-pre", unit.prev_source)
        if unit.next_source:
            _prop(tu, "x-context-post", unit.next_source)
        if unit.origin:
            _prop(tu, "x-songngu-origin", unit.origin)
        tu.append(_tuv(source_lang, unit.source))
        tu.append(_tuv(target_lang, unit.target))
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", doctype=DOCTYPE, pretty_print=True
    )
