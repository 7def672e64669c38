"""The file formats songngu reads and writes, by name and file extension.

Each format is one class in its own module of ``exporters/`` and is listed in
:func:`_builtin_formats` below. A format has a name, a label for people, its file
extensions, a kind and, where the standard publishes one, the path of its official schema
inside the schemas folder (``SONGNGU_SCHEMAS_DIR``, resolved by ``workflow.settings``; the
folder is passed in, exporters read no settings). The kind says what it carries:

- ``"bilingual"``: a :class:`primitives.units.Store` of units (TMX, later XLIFF and the
  bilingual DOCX table); ``read(data, filename, source_lang=…, target_lang=…) -> Store``,
  ``write(store) -> bytes``;
- ``"terms"``: a list of :class:`primitives.terms.GlossaryEntry` (TBX, CSV, TSV);
  ``read(data, filename) -> list[GlossaryEntry]``, ``write(entries, title=…) -> bytes``.

A format that only writes (a report, the target DOCX) keeps the base ``read``, which says
so in one line; ``can_read`` / ``can_write`` tell a face which buttons to offer. A write
method may take keyword options of its own after the store (the target DOCX's
``options=TargetOptions(...)``); ``write(store)`` alone always works. Every
format's tests inherit the contract suite in ``tests/exporters/contract.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path, PurePath
from typing import ClassVar, Literal, overload

from lxml import etree

from exporters import safe_xml
from primitives.errors import InvalidInput, NotFound
from primitives.terms import GlossaryEntry
from primitives.units import Store

FormatKind = Literal["bilingual", "terms"]


class Format:
    """What every format declares; subclasses override read and/or write."""

    name: ClassVar[str]
    label: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]]  # lower case, with the dot: (".tmx",)
    kind: ClassVar[FormatKind]
    schema: ClassVar[str | None] = None  # inside the schemas folder: "tmx-1.4/tmx14.dtd"
    # False: the format writes files with these extensions, but a file name picks another
    # format of the kind, whose reader takes this one's files too (XLIFF 2.1 files are
    # named .xlf like XLIFF 1.2 ones, and the XLIFF 1.2 reader reads every version).
    claims_extensions: ClassVar[bool] = True

    @property
    def can_read(self) -> bool:
        return type(self).read is not _base_of(self).read

    @property
    def can_write(self) -> bool:
        return type(self).write is not _base_of(self).write

    def _cannot_read(self) -> InvalidInput:
        return InvalidInput(
            "format.cannot_read", "songngu does not read {format} files", format=self.label
        )

    def _cannot_write(self) -> InvalidInput:
        return InvalidInput(
            "format.cannot_write", "songngu does not write {format} files", format=self.label
        )

    def schema_path(self, schemas_dir: Path) -> Path | None:
        """Where the official schema is in schemas_dir (None: the format has none)."""
        return schemas_dir / self.schema if self.schema else None

    def validate(self, data: bytes, schemas_dir: Path) -> list[str]:
        """Problems of an XML file against the format's official schema ([] if valid).

        The schema file is read from disk (a DTD, a RELAX NG or an XML Schema, by its
        suffix); the document itself is parsed safely, never loading what it names.
        """
        path = self.schema_path(schemas_dir)
        if path is None:
            return []
        if not path.is_file():
            raise NotFound(
                "format.schema_missing",
                "the {format} schema is not at {path}",
                format=self.label,
                path=str(path),
            )
        document = safe_xml.parse(data, self.name)
        suffix = path.suffix.lower()
        validator: etree._Validator
        if suffix == ".dtd":
            validator = etree.DTD(str(path))
        elif suffix == ".rng":
            validator = etree.RelaxNG(etree.parse(str(path)))
        else:
            validator = etree.XMLSchema(etree.parse(str(path)))
        if validator.validate(document):
            return []
        return [f"line {error.line}: {error.message}" for error in validator.error_log]


class BilingualFormat(Format):
    """A format of units: source, target and what goes with them."""

    kind: ClassVar[FormatKind] = "bilingual"

    def read(
        self, data: bytes, filename: str, *, source_lang: str = "vi", target_lang: str = "en"
    ) -> Store:
        raise self._cannot_read()

    def write(self, store: Store) -> bytes:
        raise self._cannot_write()


class TermsFormat(Format):
    """A format of glossary entries."""

    kind: ClassVar[FormatKind] = "terms"

    def read(self, data: bytes, filename: str) -> list[GlossaryEntry]:
        raise self._cannot_read()

    def write(self, entries: Iterable[GlossaryEntry], *, title: str) -> bytes:
        raise self._cannot_write()


def _base_of(fmt: Format) -> type[Format]:
    return BilingualFormat if isinstance(fmt, BilingualFormat) else TermsFormat


@lru_cache(maxsize=1)
def _builtin_formats() -> tuple[Format, ...]:
    """Every format songngu knows: add a new one here."""
    from exporters.bilingual_docx import BilingualDocxFormat
    from exporters.bilingual_tsv import PairsTSVFormat
    from exporters.docx_target import DocxTargetFormat
    from exporters.glossary_csv import CSVFormat, TSVFormat
    from exporters.report_xml import ReportXMLFormat
    from exporters.tbx import TBXFormat
    from exporters.tmx import TMXFormat
    from exporters.xliff12 import XLIFF12Format
    from exporters.xliff21 import XLIFF21Format

    formats: tuple[Format, ...] = (
        TMXFormat(),
        XLIFF12Format(),
        XLIFF21Format(),
        PairsTSVFormat(),
        BilingualDocxFormat(),
        ReportXMLFormat(),
        TBXFormat(),
        CSVFormat(),
        TSVFormat(),
        DocxTargetFormat(),
    )
    _check_unique(formats)
    return formats


def _check_unique(formats: tuple[Format, ...]) -> None:
    """Two formats never share a name, nor a reader's claimed extension within one kind:
    a file's extension picks its reader. Formats that only write may share one (the target
    DOCX and the bilingual review DOCX are both .docx), and a reader that leaves its
    extensions to another (``claims_extensions = False``) claims none."""
    names = [fmt.name for fmt in formats]
    if len(set(names)) != len(names):
        raise RuntimeError(f"two formats have the same name: {sorted(names)}")
    claimed: dict[tuple[str, str], str] = {}
    for fmt in formats:
        if not (fmt.can_read and fmt.claims_extensions):
            continue
        for extension in fmt.extensions:
            other = claimed.setdefault((fmt.kind, extension), fmt.name)
            if other != fmt.name:
                raise RuntimeError(f"{fmt.name} and {other} both claim {extension}")


def formats(kind: FormatKind | None = None) -> tuple[Format, ...]:
    """The registered formats (of one kind), in registration order."""
    return tuple(fmt for fmt in _builtin_formats() if kind is None or fmt.kind == kind)


@overload
def get_format(name: str, kind: Literal["bilingual"]) -> BilingualFormat: ...
@overload
def get_format(name: str, kind: Literal["terms"]) -> TermsFormat: ...
@overload
def get_format(name: str, kind: None = None) -> Format: ...
def get_format(name: str, kind: FormatKind | None = None) -> Format:
    """The format of that name (case-insensitive); NotFound lists the known ones."""
    wanted = name.strip().lower()
    for fmt in formats(kind):
        if fmt.name == wanted:
            return fmt
    known = ", ".join(fmt.name for fmt in formats(kind))
    raise NotFound(
        "format.unknown", "unknown file format {name!r}: use {known}", name=name, known=known
    )


@overload
def format_for_filename(filename: str, kind: Literal["bilingual"]) -> BilingualFormat | None: ...
@overload
def format_for_filename(filename: str, kind: Literal["terms"]) -> TermsFormat | None: ...
@overload
def format_for_filename(filename: str, kind: None = None) -> Format | None: ...
def format_for_filename(filename: str, kind: FormatKind | None = None) -> Format | None:
    """The format a file's extension names: the one that reads such files, else the first
    that writes them (None when no format of the kind claims the extension)."""
    suffix = PurePath(filename).suffix.lower()
    if not suffix:
        return None
    claiming = [fmt for fmt in formats(kind) if suffix in fmt.extensions]
    reader = next((fmt for fmt in claiming if fmt.can_read and fmt.claims_extensions), None)
    if reader is not None:
        return reader
    return next((fmt for fmt in claiming if not fmt.can_read), None)
