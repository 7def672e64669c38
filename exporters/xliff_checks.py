"""Checks of an XLIFF file that its XSD cannot make: unique ids, paired codes, references.

The XLIFF 1.2 and 2.x schemas check structure and attribute types; they let through a file
with two units of the same id, a ``<bx rid>`` without its ``<ex>``, an ``<ec startRef>``
naming no ``<sc>``, a ``copyOf`` or ``dataRef`` naming nothing, or target codes the source
does not have. :func:`xliff_problems` lists those in words ([] for a sound file); the
tests run it on every file songngu writes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from lxml import etree

from exporters import safe_xml
from exporters.xliff_common import NS_2, local_name

# 1.2 elements whose id names a code (ex/ept close a code named by its bx/bpt's rid).
_CODES_12 = ("g", "x", "bx", "ph", "bpt", "it")
_CODES_2 = ("pc", "ph", "sc", "ec")


def _duplicates(values: Iterable[str]) -> list[str]:
    return sorted(value for value, count in Counter(values).items() if count > 1)


def _elements(element: etree._Element | None, names: tuple[str, ...]) -> list[etree._Element]:
    if element is None:
        return []
    return [child for child in element.iter() if local_name(child) in names]


def _problems_12(root: etree._Element) -> list[str]:
    problems: list[str] = []
    for file in (child for child in root if local_name(child) == "file"):
        where = f"file {file.get('original', '?')!r}"
        units = [unit for unit in file.iter() if local_name(unit) == "trans-unit"]
        for unit_id in _duplicates(unit.get("id", "") for unit in units):
            problems.append(f"{where}: trans-unit id {unit_id!r} is used more than once")
        for unit in units:
            unit_where = f"{where}, trans-unit {unit.get('id')!r}"
            contents = [child for child in unit if local_name(child) in ("source", "target")]
            source_ids: set[str] = set()
            for content in contents:
                name = local_name(content)
                ids = [code.get("id", "") for code in _elements(content, _CODES_12)]
                for code_id in _duplicates(ids):
                    problems.append(f"{unit_where}: <{name}> has two codes with id {code_id!r}")
                if name == "source":
                    source_ids |= set(ids)
                opened = Counter(c.get("rid") for c in _elements(content, ("bx",)) if c.get("rid"))
                closed = Counter(c.get("rid") for c in _elements(content, ("ex",)) if c.get("rid"))
                for rid in sorted(set(opened) | set(closed)):
                    if opened[rid] != closed[rid]:
                        problems.append(
                            f"{unit_where}: <{name}> has {opened[rid]} <bx> and "
                            f"{closed[rid]} <ex> with rid {rid!r}"
                        )
            target = next((c for c in contents if local_name(c) == "target"), None)
            if target is not None and any(local_name(c) == "source" for c in contents):
                for code in _elements(target, _CODES_12):
                    base = code.get("id", "").split("-")[0]
                    if code.get("id") not in source_ids and base not in source_ids:
                        problems.append(
                            f"{unit_where}: target code {code.get('id')!r} is not in the source"
                        )
    return problems


def _problems_2(root: etree._Element) -> list[str]:
    problems: list[str] = []
    files = [child for child in root if local_name(child) == "file"]
    for file_id in _duplicates(file.get("id", "") for file in files):
        problems.append(f"file id {file_id!r} is used more than once")
    for file in files:
        where = f"file {file.get('id')!r}"
        units = list(file.iter(f"{{{NS_2}}}unit"))
        for unit_id in _duplicates(unit.get("id", "") for unit in units):
            problems.append(f"{where}: unit id {unit_id!r} is used more than once")
        for unit in units:
            problems += _unit_problems_2(unit, f"{where}, unit {unit.get('id')!r}")
    return problems


def _unit_problems_2(unit: etree._Element, where: str) -> list[str]:
    problems: list[str] = []
    data_ids = {data.get("id", "") for data in unit.iter(f"{{{NS_2}}}data")}
    for side in ("source", "target"):
        contents = list(unit.iter(f"{{{NS_2}}}{side}"))
        codes = [code for content in contents for code in _elements(content, _CODES_2)]
        ids = [code.get("id", "") for code in codes if code.get("id")]
        for code_id in _duplicates(ids):
            problems.append(f"{where}: the {side} has two codes with id {code_id!r}")
        known = set(ids)
        starts = {code.get("id") for code in codes if local_name(code) == "sc"}
        ended: Counter[str] = Counter()
        for code in codes:
            name = local_name(code)
            copy_of = code.get("copyOf")
            if copy_of and copy_of not in known:
                problems.append(
                    f"{where}: {side} code {code.get('id')!r} copies unknown {copy_of!r}"
                )
            for attribute in ("dataRef", "dataRefStart", "dataRefEnd"):
                reference = code.get(attribute)
                if reference and reference not in data_ids:
                    problems.append(f"{where}: {attribute}={reference!r} names no <data>")
            if name == "ec" and code.get("isolated") != "yes":
                start = code.get("startRef")
                if start not in starts:
                    problems.append(
                        f"{where}: <ec startRef={start!r}> closes no <sc> in the {side}"
                    )
                else:
                    ended[start or ""] += 1
        for code in codes:
            if local_name(code) == "sc" and code.get("isolated") != "yes":
                if ended[code.get("id", "")] != 1:
                    problems.append(
                        f"{where}: <sc id={code.get('id')!r}> is not closed by one <ec>"
                    )
    return problems


def xliff_problems(data: bytes) -> list[str]:
    """What is wrong in an XLIFF 1.2 or 2.x file beyond its schema ([] if nothing)."""
    root = safe_xml.parse(data, "xliff")
    if etree.QName(root.tag).namespace == NS_2:
        return _problems_2(root)
    return _problems_12(root)
