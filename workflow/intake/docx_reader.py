"""DOCX → blocks: the shared DOCX reader (exporters.docx.reader) with the intake's repair.

The walk over the stories (body, tables, text boxes, headers/footers, footnotes/endnotes,
comments), the paragraph numbering that gives each block its ``"<part>#p<index>"``
reference and the runs → tagged text rendering are those of :mod:`exporters.docx`, which
the target DOCX uses to find the same paragraphs again. The intake adds the legacy-encoding
repair of every run, keeps the paragraphs with text to translate, and turns every problem
into one InvalidInput without returning anything partial.
"""

from __future__ import annotations

import zipfile
import zlib

from exporters.docx.container import open_vetted_zip
from exporters.docx.package import DocxPackage
from exporters.docx.reader import DocxReader
from exporters.docx.runs import xml_string
from primitives.errors import InvalidInput
from workflow.intake.limits import IntakeLimits
from workflow.intake.model import SourceBlock, SourceDocument, is_translatable
from workflow.intake.repair import RunRepairer


def read_docx(data: bytes, filename: str, limits: IntakeLimits) -> SourceDocument:
    """Read a DOCX into blocks, or raise InvalidInput without returning anything partial."""
    archive = open_vetted_zip(data, filename, limits)
    with archive:
        try:
            return _read(DocxPackage(archive, filename, limits))
        except (zipfile.BadZipFile, zlib.error, EOFError) as error:
            # Raised while inflating: a member's data does not match its header (CRC,
            # size) or is cut short.
            raise InvalidInput(
                "intake.docx_damaged",
                "{file} is a damaged DOCX ({reason}); open it in Word and save it again as .docx",
                file=filename,
                reason=str(error),
            ) from error


def _read(package: DocxPackage) -> SourceDocument:
    repairer = RunRepairer()
    reader = DocxReader(package, repairer.repair)
    blocks = [
        SourceBlock(
            ref=paragraph.ref,
            kind=paragraph.kind,
            text=paragraph.text,
            codes=paragraph.codes.codes,
            notes=paragraph.notes,
            style=paragraph.style,
            base_rpr=xml_string(paragraph.base_rpr) or None,
        )
        for paragraph in reader.paragraphs()
        if is_translatable(paragraph.text)
    ]
    return SourceDocument(
        format="docx",
        blocks=blocks,
        repair_lines=repairer.lines(),
        warnings=list(reader.warnings),
    )
