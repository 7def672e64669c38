"""Run properties and the document's language, written in the order the schema requires.

WordprocessingML sequences are strict (Word refuses a ``w:lang`` before ``w:b``), so a child
is inserted before the first sibling that the schema puts after it. The orders are those of
ECMA-376 Part 1 (``CT_RPr``, ``CT_Settings``), as python-docx lists them.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from exporters.docx.names import WN, W

# CT_RPr (run properties, also the rPr of styles, defaults and paragraph marks).
RPR_ORDER: tuple[str, ...] = tuple(
    W + name
    for name in (
        "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss "
        "imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs "
        "highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout "
        "specVanish oMath rPrChange"
    ).split()
)
# CT_Settings, from themeFontLang on: what themeFontLang goes before.
_SETTINGS_AFTER_THEME_FONT_LANG: tuple[str, ...] = tuple(
    W + name
    for name in (
        "clrSchemeMapping doNotIncludeSubdocsInStats doNotAutoCompressPictures forceUpgrade "
        "captions readModeInkLockDown smartTagType schemaLibrary shapeDefaults "
        "doNotEmbedSmartTags decimalSymbol listSeparator"
    ).split()
) + ("{http://schemas.openxmlformats.org/schemaLibrary/2006/main}schemaLibrary",)
# CT_Styles: docDefaults comes first; CT_DocDefaults: rPrDefault before pPrDefault.
_STYLES_ORDER = (WN.docDefaults, WN.latentStyles, WN.style)
_DOC_DEFAULTS_ORDER = (WN.rPrDefault, WN.pPrDefault)


def child_in_order(parent: etree._Element, tag: str, order: Sequence[str]) -> etree._Element:
    """The parent's child with this tag, created where ``order`` puts it when missing.

    Siblings not named in the order (extensions) are stepped over: the new child goes
    before the first sibling the order places after it, else at the end.
    """
    existing = parent.find(tag)
    if existing is not None:
        return existing
    position = order.index(tag)
    later = frozenset(order[position + 1 :])
    child = parent.makeelement(tag)
    for index, sibling in enumerate(parent):
        if sibling.tag in later:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


def set_run_language(rpr: etree._Element, language: str) -> None:
    """Mark a run's Latin text as written in language (w:lang w:val), keeping the East
    Asian and complex-script languages it names."""
    child_in_order(rpr, WN.lang, RPR_ORDER).set(WN.val, language)


def set_highlight(rpr: etree._Element, color: str) -> None:
    child_in_order(rpr, WN.highlight, RPR_ORDER).set(WN.val, color)


def set_styles_language(styles: etree._Element, language: str) -> None:
    """The default language of the document's text (docDefaults) and of every style that
    names one, as Word sets them when the editing language changes."""
    defaults = child_in_order(styles, WN.docDefaults, _STYLES_ORDER)
    rpr_default = child_in_order(defaults, WN.rPrDefault, _DOC_DEFAULTS_ORDER)
    rpr = rpr_default.find(WN.rPr)
    if rpr is None:
        rpr = etree.SubElement(rpr_default, WN.rPr)
    set_run_language(rpr, language)
    for style in styles.iter(WN.style):
        lang = style.find(f"{W}rPr/{W}lang")
        if lang is not None:
            lang.set(WN.val, language)


def set_theme_font_language(settings: etree._Element, language: str) -> None:
    """w:themeFontLang, the language Word picks theme fonts for."""
    existing = settings.find(WN.themeFontLang)
    if existing is None:
        existing = settings.makeelement(WN.themeFontLang)
        later = frozenset(_SETTINGS_AFTER_THEME_FONT_LANG)
        for index, sibling in enumerate(settings):
            if sibling.tag in later:
                settings.insert(index, existing)
                break
        else:
            settings.append(existing)
    existing.set(WN.val, language)
