"""A text box's two copies kept consistent: ``mc:Choice`` is translated, ``mc:Fallback``
follows it.

Word writes a text box twice inside ``mc:AlternateContent``: DrawingML in the Choice, VML
in the Fallback for older readers, each with its own ``w:txbxContent``. The readers take
the Choice's paragraphs only (the Fallback's are counted, never read), so after the Choice
is rebuilt the Fallback's boxes get copies of the Choice's content, or a reader that falls
back would show the Vietnamese. Copies leave out bookmarks and comment anchors, which
may stand once in a document. Boxes are paired in order and copied only when each pair
holds as many paragraphs, so no paragraph of the part changes its number.
"""

from __future__ import annotations

from collections.abc import Collection
from copy import deepcopy

from lxml import etree

from exporters.docx.names import MCN, WN

_ONCE_IN_A_DOCUMENT = frozenset(
    {
        WN.bookmarkStart,
        WN.bookmarkEnd,
        WN.commentRangeStart,
        WN.commentRangeEnd,
        WN.commentReference,
    }
)


def sync_fallback_copies(
    root: etree._Element, rebuilt: Collection[etree._Element], part: str
) -> list[str]:
    """Copy each rebuilt Choice text box into its Fallback; warnings for those that
    cannot be paired. ``rebuilt`` holds the rebuilt paragraphs."""
    warnings: list[str] = []
    # Innermost first, so a box holding another box copies the inner one already synced.
    for alternate in reversed(list(root.iter(MCN.AlternateContent))):
        choice = alternate.find(MCN.Choice)
        fallback = alternate.find(MCN.Fallback)
        if choice is None or fallback is None:
            continue
        choice_boxes = _outer_boxes(choice)
        if not any(p in rebuilt for box in choice_boxes for p in box.iter(WN.p)):
            continue
        fallback_boxes = _outer_boxes(fallback)
        if len(choice_boxes) != len(fallback_boxes) or any(
            _paragraphs(mine) != _paragraphs(theirs)
            for mine, theirs in zip(choice_boxes, fallback_boxes, strict=True)
        ):
            warnings.append(
                f"a text box in {part} has an older-Word copy that does not match it; that "
                f"copy keeps the source text (Word and LibreOffice show the translated one)"
            )
            continue
        for mine, theirs in zip(choice_boxes, fallback_boxes, strict=True):
            for child in list(theirs):
                theirs.remove(child)
            for child in mine:
                theirs.append(_without_anchors(deepcopy(child)))
    return warnings


def _outer_boxes(element: etree._Element) -> list[etree._Element]:
    """The w:txbxContent elements under element that are not inside another one."""
    boxes = []
    for box in element.iter(WN.txbxContent):
        inner = next((a for a in box.iterancestors(WN.txbxContent) if _is_below(a, element)), None)
        if inner is None:
            boxes.append(box)
    return boxes


def _is_below(ancestor: etree._Element, top: etree._Element) -> bool:
    return any(a is top for a in ancestor.iterancestors())


def _paragraphs(box: etree._Element) -> int:
    return sum(1 for _ in box.iter(WN.p))


def _without_anchors(element: etree._Element) -> etree._Element:
    for anchor in [e for e in element.iter() if e.tag in _ONCE_IN_A_DOCUMENT]:
        parent = anchor.getparent()
        if parent is None:
            continue
        parent.remove(anchor)
        if parent.tag == WN.r and all(child.tag == WN.rPr for child in parent):
            holder = parent.getparent()
            if holder is not None:
                holder.remove(parent)
    return element
