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
    raise_hint,
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
_RESAVE_HINTS = {
    ".doc": "legacy Word 97-2003 .doc is not supported; open it in Word and save it as .docx",
    ".rtf": "RTF is not supported; open it in Word and save it as .docx",
    ".odt": "OpenDocument is not supported; save it as .docx",
    ".pdf": "PDF is not supported; export the text to .docx or .txt first",
}


def read_source(data: bytes, filename: str, limits: IntakeLimits | None = None) -> SourceDocument:
    """Read a source file into blocks, or raise InvalidInput naming the problem.

    Without ``limits`` the configured ones apply (:meth:`IntakeLimits.from_settings`).
    """
    limits = limits or IntakeLimits.from_settings()
    name = posixpath.basename(filename.replace("\\", "/")) or "file"
    extension = posixpath.splitext(name)[1].lower()
    if extension not in SUPPORTED_EXTENSIONS:
        hint = _RESAVE_HINTS.get(extension, f"the file type '{extension or name}' is not supported")
        raise InvalidInput(f"{name}: {hint} (supported: {_SUPPORTED_TEXT})")
    if not data:
        raise InvalidInput(f"{name} is empty (0 bytes); choose a file with content")
    if len(data) > limits.max_file_bytes:
        raise InvalidInput(
            f"{name} is {len(data):,} bytes, more than the import limit of "
            f"{limits.max_file_bytes:,} bytes; {raise_hint(UPLOAD_MB_SETTING)}"
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
