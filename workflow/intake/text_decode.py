"""Bytes of a .txt/.md file → text, refusing oversized files, Office/PDF files and binaries."""

from __future__ import annotations

from exporters.docx.container import sniff_container
from primitives.errors import InvalidInput
from workflow.intake.limits import TEXT_MB_SETTING, IntakeLimits
from workflow.vietnamese.encodings import decode_bytes


def decode_text(data: bytes, filename: str, limits: IntakeLimits) -> tuple[str, str]:
    """Return (text, encoding name) for a plain-text or Markdown file.

    Empty files, binary data and files over ``max_text_bytes`` raise InvalidInput naming
    the file; the size is checked before anything is decoded.
    """
    if len(data) > limits.max_text_bytes:
        raise InvalidInput(
            "intake.text_too_large",
            "{file} is {size:,} bytes, more than the text import limit of {limit:,} bytes; "
            "split it into smaller files, or raise {setting} if such files are expected",
            file=filename,
            size=len(data),
            limit=limits.max_text_bytes,
            setting=TEXT_MB_SETTING,
        )
    container = sniff_container(data)
    if container != "other":
        raise _container_error(container, filename)
    try:
        text, encoding = decode_bytes(data)
    except InvalidInput as error:
        raise InvalidInput(
            "intake.not_text", "{file}: {detail}", file=filename, detail=error
        ) from None
    if not text.strip():
        raise InvalidInput(
            "intake.no_text",
            "{file} contains no text; choose a file with text in it",
            file=filename,
        )
    return text, encoding


def _container_error(container: str, filename: str) -> InvalidInput:
    """A .txt or .md file that is really a zip/DOCX, a Word/Office or a PDF file."""
    if container == "zip":
        return InvalidInput(
            "intake.text_is_zip",
            "{file} is a zip/DOCX file, not plain text; import it under its real extension "
            "or save it as UTF-8 text",
            file=filename,
        )
    if container == "ole":
        return InvalidInput(
            "intake.text_is_office",
            "{file} is a Word/Office file, not plain text; import it under its real extension "
            "or save it as UTF-8 text",
            file=filename,
        )
    return InvalidInput(
        "intake.text_is_pdf",
        "{file} is a PDF file, not plain text; import it under its real extension or save "
        "it as UTF-8 text",
        file=filename,
    )
