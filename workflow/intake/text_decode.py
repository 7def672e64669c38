"""Bytes of a .txt/.md file → text, refusing oversized files, Office/PDF files and binaries."""

from __future__ import annotations

from primitives.errors import InvalidInput
from workflow.intake.limits import TEXT_MB_SETTING, IntakeLimits, raise_hint
from workflow.intake.safety import sniff_container
from workflow.vietnamese.encodings import decode_bytes

_CONTAINER_LABELS = {"zip": "a zip/DOCX", "ole": "a Word/Office", "pdf": "a PDF"}


def decode_text(data: bytes, filename: str, limits: IntakeLimits) -> tuple[str, str]:
    """Return (text, encoding name) for a plain-text or Markdown file.

    Empty files, binary data and files over ``max_text_bytes`` raise InvalidInput naming
    the file; the size is checked before anything is decoded.
    """
    if len(data) > limits.max_text_bytes:
        raise InvalidInput(
            f"{filename} is {len(data):,} bytes, more than the text import limit of "
            f"{limits.max_text_bytes:,} bytes; {raise_hint(TEXT_MB_SETTING)}"
        )
    container = sniff_container(data)
    if container != "other":
        raise InvalidInput(
            f"{filename} is {_CONTAINER_LABELS[container]} file, not plain text; import it "
            f"under its real extension or save it as UTF-8 text"
        )
    try:
        text, encoding = decode_bytes(data)
    except InvalidInput as error:
        raise InvalidInput(f"{filename}: {error}") from None
    if not text.strip():
        raise InvalidInput(f"{filename} contains no text; choose a file with text in it")
    return text, encoding
