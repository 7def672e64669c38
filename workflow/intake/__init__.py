"""Source document intake: DOCX, TXT and Markdown files → translatable blocks.

``read_source(data, filename)`` is the one entry point. It picks the reader from the file
name, checks the bytes are really that kind of file, applies the :class:`IntakeLimits`,
and either returns the whole :class:`SourceDocument` or raises
:class:`~primitives.errors.InvalidInput` with a one-line message; never a partial result.
Text pasted in the app goes through the .txt path (``filename="pasted.txt"``).
"""

from __future__ import annotations

import posixpath

from primitives.errors import InvalidInput
from workflow.intake.docx_reader import read_docx
from workflow.intake.limits import (
    DEFAULT_LIMITS,
    UPLOAD_MB_SETTING,
    IntakeLimits,
)
from workflow.intake.markdown_reader import read_markdown
from workflow.intake.model import SourceBlock, SourceDocument
from workflow.intake.text_decode import decode_text
from workflow.intake.text_reader import read_text

__all__ = [
    "DEFAULT_LIMITS",
    "SUPPORTED_EXTENSIONS",
    "IntakeLimits",
    "SourceBlock",
    "SourceDocument",
    "read_source",
]

SUPPORTED_EXTENSIONS = (".docx", ".txt", ".md", ".markdown")
_SUPPORTED_TEXT = ", ".join(SUPPORTED_EXTENSIONS)


def _unsupported(name: str, extension: str) -> InvalidInput:
    """The refusal of a file type we do not read, saying how to convert the common ones."""
    supported = _SUPPORTED_TEXT
    if extension == ".doc":
        return InvalidInput(
            "intake.legacy_doc",
            "{file}: legacy Word 97-2003 .doc is not supported; open it in Word and save it as "
            ".docx (supported: {supported})",
            file=name,
            supported=supported,
        )
    if extension == ".rtf":
        return InvalidInput(
            "intake.rtf",
            "{file}: RTF is not supported; open it in Word and save it as .docx "
            "(supported: {supported})",
            file=name,
            supported=supported,
        )
    if extension == ".odt":
        return InvalidInput(
            "intake.odt",
            "{file}: OpenDocument is not supported; save it as .docx (supported: {supported})",
            file=name,
            supported=supported,
        )
    if extension == ".pdf":
        return InvalidInput(
            "intake.pdf",
            "{file}: PDF is not supported; export the text to .docx or .txt first "
            "(supported: {supported})",
            file=name,
            supported=supported,
        )
    return InvalidInput(
        "intake.unsupported_type",
        "{file}: the file type '{file_type}' is not supported (supported: {supported})",
        file=name,
        file_type=extension or name,
        supported=supported,
    )


def read_source(data: bytes, filename: str, limits: IntakeLimits | None = None) -> SourceDocument:
    """Read a source file into blocks, or raise InvalidInput naming the problem.

    Without ``limits`` the configured ones apply (:meth:`IntakeLimits.from_settings`).
    """
    limits = limits or IntakeLimits.from_settings()
    name = posixpath.basename(filename.replace("\\", "/")) or "file"
    extension = posixpath.splitext(name)[1].lower()
    if extension not in SUPPORTED_EXTENSIONS:
        raise _unsupported(name, extension)
    if not data:
        raise InvalidInput(
            "intake.empty_file", "{file} is empty (0 bytes); choose a file with content", file=name
        )
    if len(data) > limits.max_file_bytes:
        raise InvalidInput(
            "intake.file_too_large",
            "{file} is {size:,} bytes, more than the import limit of {limit:,} bytes; "
            "split it into smaller files, or raise {setting} if such files are expected",
            file=name,
            size=len(data),
            limit=limits.max_file_bytes,
            setting=UPLOAD_MB_SETTING,
        )
    if extension == ".docx":
        document = read_docx(data, name, limits)
    else:
        text, encoding = decode_text(data, name, limits)
        reader = read_text if extension == ".txt" else read_markdown
        document = reader(text, name, limits)
        if encoding != "utf-8":
            document.repair_lines.insert(0, f"{name} was decoded as {encoding}")
    if not document.blocks:
        document.warnings.append(f"{name} has no text to translate (only numbers or code)")
    return document
