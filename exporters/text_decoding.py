"""Decode text files the way spreadsheet programs and editors save them."""

from __future__ import annotations

import codecs

from primitives.errors import InvalidInput


def decode_text(data: bytes, filename: str) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM (Excel's "Unicode text")."""
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8", data[len(codecs.BOM_UTF8) :]
    elif data.startswith(codecs.BOM_UTF16_LE):
        encoding, body = "utf-16-le", data[2:]
    elif data.startswith(codecs.BOM_UTF16_BE):
        encoding, body = "utf-16-be", data[2:]
    else:
        encoding, body = "utf-8", data
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as error:
        if encoding == "utf-8":
            raise InvalidInput(
                "text_file.invalid_at_line",
                "{filename} line {line} is not valid {encoding} text; "
                'save it as UTF-8 ("CSV UTF-8") or UTF-16 "Unicode text"',
                filename=filename,
                line=body[: error.start].count(b"\n") + 1,
                encoding=encoding.upper(),
            ) from None
        raise InvalidInput(
            "text_file.invalid",
            "{filename} is not valid {encoding} text; "
            'save it as UTF-8 ("CSV UTF-8") or UTF-16 "Unicode text"',
            filename=filename,
            encoding=encoding.upper(),
        ) from None
    if "\x00" in text:
        raise InvalidInput(
            "text_file.nul_characters",
            "{filename} contains NUL characters (UTF-16 without a byte-order mark?); "
            "save it as UTF-8",
            filename=filename,
        )
    return text
