"""Read a glossary file of any supported format, chosen by its content and name."""

from __future__ import annotations

import codecs
from pathlib import Path

from exporters.registry import format_for_filename, get_format
from primitives.errors import InvalidInput, NotFound
from primitives.terms import GlossaryEntry


def _looks_like_xml(data: bytes) -> bool:
    head = data[:200]
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    return head.lstrip().startswith(b"<")


def read_glossary_bytes(data: bytes, filename: str) -> list[GlossaryEntry]:
    """The format its extension names (TBX for .tbx/.xml; CSV/TSV for .csv/.tsv/.txt/.tab);
    any other name by its content: TBX if it looks like XML, else CSV/TSV."""
    fmt = format_for_filename(filename, "terms")
    if fmt is None:
        fmt = get_format("tbx" if _looks_like_xml(data) else "csv", "terms")
    return fmt.read(data, filename)


def read_glossary_file(path: str | Path) -> list[GlossaryEntry]:
    """Entries of a glossary file on disk; NotFound / InvalidInput with one-line messages."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise NotFound(
            "glossary.file_not_found", "glossary file {path} does not exist", path=str(path)
        ) from None
    except IsADirectoryError:
        raise InvalidInput(
            "glossary.file_is_folder",
            "{path} is a folder; give a .csv, .tsv or .tbx file",
            path=str(path),
        ) from None
    except OSError as error:  # permission denied, name too long, ...
        raise InvalidInput(
            "glossary.file_unreadable",
            "cannot read {path}: {reason}",
            path=str(path),
            reason=str(error.strerror or error),
        ) from None
    return read_glossary_bytes(data, path.name)
