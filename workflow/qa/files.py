"""QA of a bilingual file without a project: a vendor's delivery, checked by an editor.

The file is read through the format registry (by its extension, or by a format name:
bilingual TSV and TMX now, XLIFF once its format is registered), then every unit is
checked with the shipped glossary (plus any extra entries), a consistency index over the
file itself, the partner style settings given and the severity overrides given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from multiprocessing import get_all_start_methods, get_context
from typing import Any

from exporters.registry import BilingualFormat, format_for_filename, formats, get_format
from primitives.errors import InvalidInput
from primitives.terms import GlossaryEntry
from primitives.units import Store, Unit
from workflow.glossary.defaults import load_default_glossary
from workflow.glossary.matcher import TermMatcher
from workflow.qa.consistency import ConsistencyIndex
from workflow.qa.model import Finding, QAContext, Severity
from workflow.qa.registry import check_unit


@dataclass(frozen=True)
class CheckedUnit:
    """One unit of the file, its number as a person finds it (the line of a TSV file, the
    1-based position of a unit elsewhere) and its findings."""

    number: int
    unit: Unit
    findings: list[Finding]


@dataclass
class FileReport:
    format_name: str
    store: Store
    units: list[CheckedUnit] = field(default_factory=list)

    @property
    def findings(self) -> Iterable[tuple[int, Finding]]:
        for checked in self.units:
            for finding in checked.findings:
                yield checked.number, finding

    def count(self, severity: Severity) -> int:
        return sum(1 for _, finding in self.findings if finding.severity is severity)


def bilingual_format(filename: str, format_name: str | None = None) -> BilingualFormat:
    """The format that reads the file: named, else the one its extension names."""
    if format_name:
        return get_format(format_name, "bilingual")
    fmt = format_for_filename(filename, "bilingual")
    if fmt is None or not fmt.can_read:
        raise InvalidInput(
            "qa.file_format_unknown",
            "no bilingual format reads {filename}: use a file ending in {extensions}",
            filename=filename,
            extensions=", ".join(
                extension for f in formats("bilingual") if f.can_read for extension in f.extensions
            ),
        )
    return fmt


def check_file(
    data: bytes,
    filename: str,
    *,
    format_name: str | None = None,
    source_lang: str = "vi",
    target_lang: str = "en",
    extra_entries: Iterable[GlossaryEntry] = (),
    use_default_glossary: bool = True,
    document_date: date | None = None,
    partner_settings: Mapping[str, Any] | None = None,
    severities: Mapping[str, Severity | None] | None = None,
    workers: int = 1,
) -> FileReport:
    """Read a bilingual file and run every check on each unit.

    With ``workers`` above 1 a file of PARALLEL_FROM units or more is checked by that many
    forked processes, each taking a stretch of the units (the checks are pure functions of
    a unit and the context, which the processes inherit); the findings come back in order.
    """
    fmt = bilingual_format(filename, format_name)
    store = fmt.read(data, filename, source_lang=source_lang, target_lang=target_lang)
    entries = (load_default_glossary() if use_default_glossary else []) + list(extra_entries)
    context = QAContext(
        source_lang=source_lang,
        target_lang=target_lang,
        document_date=document_date,
        partner_settings=dict(partner_settings or {}),
        glossary=TermMatcher(entries) if entries else None,
        consistency=ConsistencyIndex.from_units(store),
    )
    report = FileReport(fmt.name, store)
    by_line = fmt.name == "tsv-pairs"
    all_findings = _check_all(store.units, context, severities, workers)
    for position, (unit, findings) in enumerate(zip(store, all_findings, strict=True), start=1):
        number = unit.id if by_line and isinstance(unit.id, int) else position
        report.units.append(CheckedUnit(number, unit, findings))
    return report


# Below this many units a second process costs more than it saves.
PARALLEL_FROM = 2000
_SHARED: tuple[list[Unit], QAContext, Mapping[str, Severity | None] | None] | None = None


def _check_stretch(bounds: tuple[int, int]) -> list[list[Finding]]:
    assert _SHARED is not None
    units, context, severities = _SHARED
    start, end = bounds
    return [check_unit(unit, context, severities=severities) for unit in units[start:end]]


def _check_all(
    units: list[Unit],
    context: QAContext,
    severities: Mapping[str, Severity | None] | None,
    workers: int,
) -> list[list[Finding]]:
    global _SHARED
    if workers < 2 or len(units) < PARALLEL_FROM or "fork" not in get_all_start_methods():
        return [check_unit(unit, context, severities=severities) for unit in units]
    size = -(-len(units) // workers)
    stretches = [(start, min(start + size, len(units))) for start in range(0, len(units), size)]
    _SHARED = (units, context, severities)
    try:
        with get_context("fork").Pool(len(stretches)) as pool:
            parts = pool.map(_check_stretch, stretches)
    finally:
        _SHARED = None
    return [findings for part in parts for findings in part]
