"""Glossary import and export as CSV/TSV with a header row.

Columns (any order, only source and target required): source, target, variants
(separated by "|"), pos, note, status, case_sensitive (yes/no), domain, scope, origin,
date, valid_until. Header names are forgiving about case, spaces and a few synonyms
spreadsheet users write ("Source term", "Part of speech", "Definition").
Import is all-or-nothing: any bad row stops it with a line-numbered report.

Spreadsheet formulas (OWASP "CSV injection"): CSV is written for spreadsheets, so a cell
that a spreadsheet would run as a formula (first character ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return, after any leading apostrophes) is written with one more ``'`` in
front, the spreadsheet's own "this is text" mark; reading CSV takes one ``'`` off such a
cell again, so export then import gives the original text back, apostrophes included. TSV
is data-only: written and read as it is (no mark added or removed).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence

from exporters.registry import TermsFormat
from exporters.text_decoding import decode_text
from primitives.errors import InvalidInput, SongnguError
from primitives.terms import (
    GlossaryEntry,
    InvalidGlossaryEntry,
    TermStatus,
    parse_status,
)

COLUMNS: tuple[str, ...] = (
    "source",
    "target",
    "variants",
    "pos",
    "note",
    "status",
    "case_sensitive",
    "domain",
    "scope",
    "origin",
    "date",
    "valid_until",
)
_COLUMN_ALIASES: dict[str, str] = {
    "source_term": "source",
    "term": "source",
    "vi": "source",
    "target_term": "target",
    "translation": "target",
    "en": "target",
    "target_variants": "variants",
    "part_of_speech": "pos",
    "definition": "note",
    "comment": "note",
    "case": "case_sensitive",
    "case_sensitivity": "case_sensitive",
    "subject_field": "domain",
    "source_of_term": "origin",
    "reference": "origin",
    "deprecated_after": "valid_until",
}
VARIANT_SEPARATOR = "|"
_TRUE = frozenset({"yes", "y", "true", "1", "x"})
_FALSE = frozenset({"no", "n", "false", "0", ""})
MAX_REPORTED_ERRORS = 10
# A cell a spreadsheet would evaluate, behind any apostrophes already marking it as text.
_FORMULA_START = re.compile(r"'*[=+\-@\t\r]")
_MARKED_FORMULA_START = re.compile(r"'+[=+\-@\t\r]")


def spreadsheet_safe(cell: str) -> str:
    """The cell as written to CSV: a ``'`` in front when a spreadsheet would run it."""
    return f"'{cell}" if _FORMULA_START.match(cell) else cell


def from_spreadsheet_safe(cell: str) -> str:
    """The inverse of :func:`spreadsheet_safe`: one ``'`` off a marked formula-like cell."""
    return cell[1:] if _MARKED_FORMULA_START.match(cell) else cell


def _column_name(header: str) -> str:
    name = header.strip().lower().replace("-", "_").replace(" ", "_")
    return _COLUMN_ALIASES.get(name, name)


def _parse_bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise InvalidGlossaryEntry(
        "term.bad_case_sensitive", "case_sensitive {value!r} is not yes or no", value=value.strip()
    )


def entry_from_fields(fields: Mapping[str, str]) -> GlossaryEntry:
    """One entry from column values (missing columns take defaults); InvalidGlossaryEntry if bad."""

    def get(name: str) -> str:
        return (fields.get(name) or "").strip()

    # The entry itself refuses empty terms, unknown scopes and parts of speech, bad dates.
    return GlossaryEntry(
        source=get("source"),
        target=get("target"),
        variants=tuple(get("variants").split(VARIANT_SEPARATOR)),
        pos=get("pos").lower() or None,
        note=get("note"),
        status=parse_status(get("status")) if get("status") else TermStatus.PREFERRED,
        case_sensitive=_parse_bool(get("case_sensitive")),
        domain=get("domain"),
        scope=get("scope").lower() or "global",
        origin=get("origin"),
        date=get("date"),
        valid_until=get("valid_until"),
    )


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in ("\t", ",", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def at_line(line: int, error: SongnguError) -> InvalidInput:
    """What is wrong with one line (or entry) of a glossary file."""
    return InvalidInput("terms.at_line", "line {line}: {detail}", line=line, detail=error)


def bad_lines(filename: str, errors: Sequence[InvalidInput]) -> InvalidInput:
    """'f.csv line 7: empty target term; line 12: ...' with at most 10 errors shown."""
    shown, more = errors[:MAX_REPORTED_ERRORS], len(errors) - MAX_REPORTED_ERRORS
    if more > 0:
        return InvalidInput(
            "terms.bad_lines_and_more",
            "{filename} {details} (and {more} more); nothing was imported",
            filename=filename,
            details=shown,
            more=more,
        )
    return InvalidInput(
        "terms.bad_lines",
        "{filename} {details}; nothing was imported",
        filename=filename,
        details=shown,
    )


def read_glossary_csv(
    data: bytes, filename: str, *, spreadsheet: bool = False
) -> list[GlossaryEntry]:
    """Entries of a CSV/TSV file; raises InvalidInput naming every bad line (up to 10).

    spreadsheet: the file is CSV, whose formula-like cells carry a ``'`` to take off."""
    text = decode_text(data, filename)
    if not text.strip():
        raise InvalidInput(
            "terms.csv_empty",
            "{filename} is empty; it needs a header row and one row per term",
            filename=filename,
        )
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    try:
        header = next(reader)
    except csv.Error as error:
        raise InvalidInput(
            "terms.csv_header_unreadable",
            "{filename} line 1: {reason}",
            filename=filename,
            reason=str(error),
        ) from None
    columns = [_column_name(h) for h in header]
    unknown = [h for h, c in zip(header, columns, strict=True) if c not in COLUMNS and h.strip()]
    if unknown:
        raise InvalidInput(
            "terms.csv_unknown_column",
            "{filename} line 1: unknown column {column!r} (use {columns})",
            filename=filename,
            column=unknown[0].strip(),
            columns=", ".join(COLUMNS),
        )
    for required in ("source", "target"):
        if required not in columns and not any(h.strip() for h in header):
            raise InvalidInput(
                "terms.csv_header_blank",
                "{filename} line 1: no {column!r} column in the header (found nothing)",
                filename=filename,
                column=required,
            )
        if required not in columns:
            raise InvalidInput(
                "terms.csv_missing_column",
                "{filename} line 1: no {column!r} column in the header (found {found})",
                filename=filename,
                column=required,
                found=", ".join(h.strip() for h in header),
            )
    duplicated = sorted({c for c in columns if c and columns.count(c) > 1})
    if duplicated:
        raise InvalidInput(
            "terms.csv_duplicate_column",
            "{filename} line 1: column {column!r} appears twice",
            filename=filename,
            column=duplicated[0],
        )

    entries: list[GlossaryEntry] = []
    errors: list[InvalidInput] = []
    seen: dict[GlossaryEntry, int] = {}
    row_start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            syntax = InvalidInput("terms.csv_syntax", "{reason}", reason=str(error))
            errors.append(at_line(row_start, syntax))
            break
        line, row_start = row_start, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if spreadsheet:
            row = [from_spreadsheet_safe(cell) for cell in row]
        if len(row) > len(columns):
            too_many = InvalidInput(
                "terms.csv_too_many_cells",
                "{cells} cells but the header has {columns} columns",
                cells=len(row),
                columns=len(columns),
            )
            errors.append(at_line(line, too_many))
            continue
        try:
            entry = entry_from_fields(dict(zip(columns, row, strict=False)))
        except InvalidGlossaryEntry as error:
            errors.append(at_line(line, error))
            continue
        if entry in seen:
            same = InvalidInput(
                "terms.duplicate_entry", "same entry as line {first_line}", first_line=seen[entry]
            )
            errors.append(at_line(line, same))
            continue
        seen[entry] = line
        entries.append(entry)
    if errors:
        raise bad_lines(filename, errors)
    if not entries:
        raise InvalidInput(
            "terms.csv_no_terms", "{filename} has a header but no terms", filename=filename
        )
    return entries


def entry_to_fields(entry: GlossaryEntry) -> dict[str, str]:
    """Column values of one entry, as written to CSV."""
    return {
        "source": entry.source,
        "target": entry.target,
        "variants": VARIANT_SEPARATOR.join(entry.variants),
        "pos": entry.pos or "",
        "note": entry.note,
        "status": entry.status.value,
        "case_sensitive": "yes" if entry.case_sensitive else "no",
        "domain": entry.domain,
        "scope": entry.scope,
        "origin": entry.origin,
        "date": entry.date,
        "valid_until": entry.valid_until,
    }


def write_glossary_csv(
    entries: Iterable[GlossaryEntry], *, delimiter: str = ",", spreadsheet: bool = False
) -> bytes:
    """UTF-8 with BOM (so Excel picks the right encoding), header row, every column.

    spreadsheet: formula-like cells get a ``'`` in front (CSV; TSV is data-only)."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, delimiter=delimiter)
    writer.writeheader()
    for entry in entries:
        fields = entry_to_fields(entry)
        if spreadsheet:
            fields = {name: spreadsheet_safe(value) for name, value in fields.items()}
        writer.writerow(fields)
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


class CSVFormat(TermsFormat):
    """A spreadsheet's comma-separated values (the reader also takes ; and tab)."""

    name = "csv"
    label = "CSV"
    extensions = (".csv", ".txt")

    def read(self, data: bytes, filename: str) -> list[GlossaryEntry]:
        return read_glossary_csv(data, filename, spreadsheet=True)

    def write(self, entries: Iterable[GlossaryEntry], *, title: str) -> bytes:
        return write_glossary_csv(entries, spreadsheet=True)


class TSVFormat(CSVFormat):
    """Tab-separated values, as Excel saves "Unicode text"."""

    name = "tsv"
    label = "TSV"
    extensions = (".tsv", ".tab")

    def read(self, data: bytes, filename: str) -> list[GlossaryEntry]:
        return read_glossary_csv(data, filename)

    def write(self, entries: Iterable[GlossaryEntry], *, title: str) -> bytes:
        return write_glossary_csv(entries, delimiter="\t")
