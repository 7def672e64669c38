"""``songngu normalize FILE``: repair a text file's Vietnamese, line for line.

stdout gets the repaired text as UTF-8 NFC with exactly the input's lines (line i of the
output is the repair of line i of the input, with the same line ending); stderr gets how
the bytes were decoded and what was repaired. Word's manual line break (\\x0b) inside a
line becomes U+2028 LINE SEPARATOR here, so that it stays a break without adding a line.
"""

from __future__ import annotations

import re
from pathlib import Path

import click

from primitives.errors import InvalidInput, NotFound
from workflow.vietnamese.encodings import (
    ENCODING_NAMES,
    RepairReport,
    decode_bytes,
    legacy_font_encoding,
    repair_text,
)

# Longest input we read into memory; larger files are not documents to translate.
MAX_INPUT_BYTES = 200 * 1024 * 1024
_LINE_RE = re.compile(r"([^\n]*?)(\r?\n|$)")
_IN_LINE_BREAK = "\u2028"


def read_input(source: str) -> bytes:
    """The bytes of FILE ("-" for stdin), or a one-line user error."""
    if source == "-":
        with click.open_file("-", "rb") as stdin:
            data = stdin.read(MAX_INPUT_BYTES + 1)  # one byte more tells an oversized input
        if len(data) > MAX_INPUT_BYTES:
            raise InvalidInput(
                "cli.stdin_too_large",
                "input is larger than {mib} MiB: split it",
                mib=MAX_INPUT_BYTES // 2**20,
            )
        return data
    path = Path(source)
    if not path.exists():
        raise NotFound("cli.file_not_found", "file not found: {source}", source=source)
    if path.is_dir():
        raise InvalidInput(
            "cli.input_is_folder", "{source} is a directory: give a text file", source=source
        )
    if path.stat().st_size > MAX_INPUT_BYTES:
        raise InvalidInput(
            "cli.file_too_large",
            "{source} is larger than {mib} MiB: split it",
            source=source,
            mib=MAX_INPUT_BYTES // 2**20,
        )
    try:
        return path.read_bytes()
    except OSError as error:
        raise InvalidInput(
            "cli.file_unreadable",
            "cannot read {source}: {reason}",
            source=source,
            reason=str(error.strerror or error),
        ) from None


def split_lines(text: str) -> list[tuple[str, str]]:
    """(line, ending) pairs; only \\n and \\r\\n end a line, so line numbers are stable."""
    pairs = [(m.group(1), m.group(2)) for m in _LINE_RE.finditer(text)]
    if pairs and pairs[-1] == ("", ""):
        pairs.pop()  # the empty match after the final line ending
    return pairs


def normalize_text(text: str, font: str | None, report: RepairReport) -> str:
    """Repair every line of ``text`` and count the results in ``report``."""
    pieces: list[str] = []
    for line, ending in split_lines(text):
        result = repair_text(line, font, manual_line_break=_IN_LINE_BREAK)
        report.add(result)
        pieces.append(result.text + ending)
    return "".join(pieces)


def register(cli: click.Group) -> None:
    @cli.command("normalize")
    @click.argument("source", metavar="FILE")
    @click.option(
        "--font",
        metavar="NAME",
        default=None,
        help="Font the text was typed in (e.g. .VnTime, .VnTimeH, VNI-Times): decode by it.",
    )
    def normalize(source: str, font: str | None) -> None:
        """Repair FILE's encoding (TCVN3, VNI, VISCII, VIQR, cp1258, mojibake) to UTF-8 NFC.

        Prints the repaired text to stdout, line for line (line i of the output is line i
        of FILE), and what was found and changed to stderr. FILE "-" reads stdin. Word's
        manual line break (\\x0b) becomes U+2028 so that the lines stay aligned.
        """
        if font is not None and legacy_font_encoding(font) is None:
            # Decoding "by" a Unicode font would silently ignore what the user asked for.
            raise InvalidInput(
                "cli.font_not_legacy",
                "--font {font!r} is not a legacy Vietnamese font (.Vn… for TCVN3, VNI-…, "
                "VISCII): leave --font out to detect the encoding",
                font=font,
            )
        data = read_input(source)
        name = "stdin" if source == "-" else source
        try:
            text, encoding = decode_bytes(data, font_hint=font)
        except InvalidInput as error:
            raise InvalidInput(
                "cli.input_not_text", "{name}: {detail}", name=name, detail=error
            ) from None
        report = RepairReport(unit="line")
        label = ENCODING_NAMES.get(encoding)
        if label:
            converted = sum(not char.isascii() for char in text)
            report.add_note(f"{name}: read as {label} (8-bit), {converted} non-ASCII characters")
        else:
            report.add_note(f"{name}: read as {encoding}")
        output = normalize_text(text, font, report)
        click.echo(output.encode("utf-8"), nl=False)  # bytes: UTF-8 whatever the locale
        for line in report.lines():
            click.echo(line, err=True)
