"""Invisible and XML-forbidden characters: what each one becomes, and how many there were.

Decisions (each counted and reported, never silent):

- Zero-width space U+200B, word joiner U+2060 and a BOM U+FEFF inside text: removed. They
  are paste debris that split words for TM, glossary and search and have no use in a
  translated document.
- Zero-width (non-)joiner U+200C/U+200D: removed, except inside an emoji sequence (between
  two symbols), where ZWJ builds one pictogram.
- Soft hyphen U+00AD: removed. It is only a hyphenation hint for the layout engine, and it
  breaks word matching ("chuyển\\xadđổi").
- No-break space U+00A0 (and U+202F): between two letters it becomes a plain space, since
  Vietnamese typography never needs it there and it comes from web pastes; next to digits,
  punctuation or symbols ("10\\xa0%", "Điều\\xa05", "«\\xa0") it is kept: the author chose
  to forbid a line break there.
- Vertical tab \\x0b is Word's manual line break (``<w:br/>``) and form feed \\x0c its page
  break: both become ``manual_line_break`` ("\\n" by default, which python-docx writes back
  as ``<w:br/>``; a caller that must keep one line per line passes U+2028).
- C1 control characters U+0080-U+009F that Windows-1252 defines: the punctuation they
  were before a Latin-1 decoder got them ("\x93" -> "“", "\x96" -> "–"). (Legacy-encoding
  detection runs first: VISCII uses those bytes for capitals.)
- Other characters XML 1.0 forbids (\\x00-\\x08, \\x0e-\\x1f, lone surrogates, U+FFFE,
  U+FFFF): removed, so every exporter can write the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ZERO_WIDTH = "\u200b\u2060\ufeff"
_JOINERS = "\u200c\u200d"
_SOFT_HYPHEN = "\u00ad"
_NO_BREAK = "\u00a0\u202f"
_BREAKS = "\x0b\x0c"
_FORBIDDEN = "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r\x0b\x0c") + (
    "\ufffe\uffff"
)
_SURROGATES = "\ud800-\udfff"
# Latin-1 C1 control -> the Windows-1252 character of the same byte, where one exists.
_C1_AS_CP1252 = {
    chr(byte): char
    for byte in range(0x80, 0xA0)
    if (char := bytes([byte]).decode("cp1252", errors="replace")) != "\ufffd"
}
_ANY_SPECIAL_RE = re.compile(
    f"[{_ZERO_WIDTH}{_JOINERS}{_SOFT_HYPHEN}{_NO_BREAK}{_BREAKS}{_FORBIDDEN}{_SURROGATES}"
    "\u0080-\u009f]"
)


@dataclass(frozen=True)
class ControlCleanup:
    """The cleaned text and, per kind of character, how many were changed."""

    text: str
    counts: tuple[tuple[str, int], ...]


# Kind -> sentence for the report, with {n} for the count.
CLEANUP_MESSAGES = {
    "zero-width": "removed {n} zero-width characters",
    "soft-hyphen": "removed {n} soft hyphens",
    "nbsp-to-space": "replaced {n} no-break spaces between words with spaces",
    "manual-break": "turned {n} manual line/page breaks (\\x0b/\\x0c) into line breaks",
    "forbidden": "removed {n} control characters that XML 1.0 forbids",
    "c1-as-cp1252": "turned {n} C1 control characters into their Windows-1252 punctuation",
}


def _is_symbol(char: str) -> bool:
    return ord(char) >= 0x2190 and not char.isalpha()


def clean_controls(text: str, manual_line_break: str = "\n") -> ControlCleanup:
    """Apply the decisions in the module docstring to ``text``."""
    if _ANY_SPECIAL_RE.search(text) is None:
        return ControlCleanup(text, ())
    counts: dict[str, int] = {}
    out: list[str] = []
    last = len(text) - 1
    for index, char in enumerate(text):
        kind = None
        replacement = ""
        if char in _ZERO_WIDTH:
            kind = "zero-width"
        elif char in _JOINERS:
            before = text[index - 1] if index > 0 else ""
            after = text[index + 1] if index < last else ""
            if before and after and _is_symbol(before) and _is_symbol(after):
                out.append(char)
                continue
            kind = "zero-width"
        elif char == _SOFT_HYPHEN:
            kind = "soft-hyphen"
        elif char in _NO_BREAK:
            before = text[index - 1] if index > 0 else ""
            after = text[index + 1] if index < last else ""
            if before.isalpha() and after.isalpha():
                kind, replacement = "nbsp-to-space", " "
            else:
                out.append(char)
                continue
        elif char in _C1_AS_CP1252:
            kind, replacement = "c1-as-cp1252", _C1_AS_CP1252[char]
        elif char in _BREAKS:
            kind, replacement = "manual-break", manual_line_break
        elif char in _FORBIDDEN or 0xD800 <= ord(char) <= 0xDFFF or char in "\ufffe\uffff":
            kind = "forbidden"
        if kind is None:
            out.append(char)
            continue
        counts[kind] = counts.get(kind, 0) + 1
        out.append(replacement)
    return ControlCleanup("".join(out), tuple(sorted(counts.items())))
