"""Bilingual TSV: one pair a line, ``source<TAB>target``, as vendors and corpora ship them.

A first line naming the columns (``source<TAB>target``, ``vi<TAB>en``) is a header and is
skipped. A line without a tab is a source left untranslated (empty target) when other
lines have tabs; a file with no tab at all is not a bilingual TSV. Columns after the
second are kept in the unit's props (``column 3``, ...). Inside a field, ``\\t``, ``\\n``
and ``\\\\`` stand for a tab, a line break and a backslash, the escapes translate-toolkit
and Okapi use in tab-separated files, so any text survives a round trip. A unit's id is
its line number (1-based), so a finding points at the line an editor opens.
"""

from __future__ import annotations

import re

from exporters.registry import BilingualFormat
from exporters.text_decoding import decode_text
from primitives.errors import InvalidInput
from primitives.units import Store, Unit

HEADER = ("source", "target")
_HEADER_NAMES = frozenset(
    {"source", "target", "vi", "en", "nguồn", "đích", "câu gốc", "bản dịch", "source text"}
    | {"target text", "tiếng việt", "tiếng anh", "vietnamese", "english"}
)
_ESCAPED_RE = re.compile(r"\\([tn\\])")
_UNESCAPE = {"t": "\t", "n": "\n", "\\": "\\"}
_COLUMN_PROP = "column {number}"


def escape_field(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def unescape_field(text: str) -> str:
    return _ESCAPED_RE.sub(lambda match: _UNESCAPE[match.group(1)], text)


def _is_header(fields: list[str]) -> bool:
    return len(fields) >= 2 and all(f.strip().lower() in _HEADER_NAMES for f in fields[:2])


class PairsTSVFormat(BilingualFormat):
    name = "tsv-pairs"
    label = "Bilingual TSV (source, target)"
    extensions = (".tsv", ".tab")

    def read(
        self, data: bytes, filename: str, *, source_lang: str = "vi", target_lang: str = "en"
    ) -> Store:
        text = decode_text(data, filename)
        if not text.strip():
            raise InvalidInput(
                "tsv_pairs.empty",
                "{filename} is empty: a bilingual TSV has a source, a tab and a target "
                "on each line",
                filename=filename,
            )
        lines = [line.removesuffix("\r") for line in text.split("\n")]
        if not any("\t" in line for line in lines):
            raise InvalidInput(
                "tsv_pairs.no_tabs",
                "{filename} has no tab-separated line: a bilingual TSV has a source, a tab "
                "and a target on each line",
                filename=filename,
            )
        store = Store(source_lang=source_lang, target_lang=target_lang)
        first = True
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            fields = line.split("\t")
            if first and _is_header(fields):
                first = False
                continue
            first = False
            unit = Unit(
                unescape_field(fields[0]),
                unescape_field(fields[1]) if len(fields) > 1 else "",
                id=number,
            )
            for column, extra in enumerate(fields[2:], start=3):
                unit.props[_COLUMN_PROP.format(number=column)] = unescape_field(extra)
            store.add(unit)
        return store

    def write(self, store: Store) -> bytes:
        extra = sorted(
            {
                int(key.split()[1])
                for unit in store
                for key in unit.props
                if re.fullmatch(r"column \d+", key)
            }
        )
        header = [*HEADER, *(_COLUMN_PROP.format(number=n) for n in extra)]
        rows = ["\t".join(header)]
        for unit in store:
            fields = [unit.source, unit.target]
            fields += [unit.props.get(_COLUMN_PROP.format(number=n), "") for n in extra]
            rows.append("\t".join(escape_field(field) for field in fields))
        return ("\n".join(rows) + "\n").encode("utf-8")
