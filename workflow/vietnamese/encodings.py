"""Repair Vietnamese text: legacy encodings, UTF-8 mojibake, NFD, invisible characters.

Two entry points:

- :func:`repair_text` takes one run or paragraph of already-decoded text (for DOCX, call
  it per run with the run's font name) and returns a :class:`RepairResult`.
- :func:`decode_bytes` turns the bytes of a text file into text, recognising BOMs, UTF-8
  and the 8-bit Vietnamese encodings (TCVN3, VNI, VISCII, Windows-1258).

:class:`RepairReport` sums many results into the lines shown to the user, such as
"converted from TCVN3 (.VnTime font): 412 characters".

Cheap checks come first: text that is ASCII without VIQR marks, or whose accented words
are all well-formed Vietnamese syllables, is returned after NFC and the invisible-character
pass. Only suspicious text pays for candidate conversions, each scored by how many of its
accented words become well-formed syllables (:mod:`repair_syllables`). The author's
spelling and tone-mark placement ("hòa"/"hoà") are never rewritten.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers the "sloppy-windows-1252" codec)

from primitives.errors import InvalidInput
from workflow.vietnamese.legacy_tables import (
    EIGHT_BIT_BYTE,
    TCVN3_TO_UNICODE,
    VIETNAMESE_LETTERS,
    VISCII_DECODING,
    VNI_TO_UNICODE,
    decode_eight_bit,
)
from workflow.vietnamese.legacy_viqr import looks_like_viqr, might_be_viqr, viqr_to_unicode
from workflow.vietnamese.repair_controls import CLEANUP_MESSAGES, clean_controls
from workflow.vietnamese.repair_syllables import (
    SyllableTally,
    count_common_syllables,
    tally_words,
)

ENCODING_NAMES = {
    "unicode": "Unicode",
    "nfd": "Unicode NFD",
    "utf8-mojibake": "UTF-8 read as Windows-1252 (mojibake)",
    "tcvn3": "TCVN3",
    "vni": "VNI",
    "viscii": "VISCII",
    "viqr": "VIQR",
    "cp1258": "Windows-1258",
}
CONTENT_EVIDENCE = "content statistics"

# A candidate conversion must leave at most this share of accented words malformed
# (proper names and foreign words survive in real Vietnamese text).
_MAX_MALFORMED_SHARE = 0.3
# ... and more than this share of all its words must be Vietnamese syllables.
_MIN_VIETNAMESE_SHARE = 0.5


@dataclass(frozen=True)
class RepairResult:
    """One repaired run: the text (NFC), what it was written in, and what changed."""

    text: str
    encoding: str
    changed_chars: int
    notes: tuple[str, ...]
    # Why the encoding was chosen: "<font> font", "content statistics" or "" (unicode).
    evidence: str = ""
    # Invisible-character fixes, kind -> count (kinds are keys of CLEANUP_MESSAGES).
    cleanup: tuple[tuple[str, int], ...] = ()
    # Combining marks folded into precomposed letters by NFC.
    composed_marks: int = 0
    # Characters converted from the legacy encoding (part of changed_chars).
    converted_chars: int = 0


def describe_conversion(encoding: str, evidence: str, chars: int) -> str:
    """One report line: "converted from TCVN3 (.VnTime font): 412 characters"."""
    if encoding == "utf8-mojibake":
        return f"repaired UTF-8 read as Windows-1252 (mojibake): {chars} characters"
    where = f" ({evidence})" if evidence else ""
    return f"converted from {ENCODING_NAMES.get(encoding, encoding)}{where}: {chars} characters"


@dataclass
class RepairReport:
    """Totals over many RepairResults, as human-readable lines for the user."""

    # What one RepairResult stands for in the lines: a DOCX "run", a file's "line" ...
    unit: str = "run"
    runs: int = 0
    changed_runs: int = 0
    converted_chars: dict[tuple[str, str], int] = field(default_factory=dict)
    converted_runs: dict[tuple[str, str], int] = field(default_factory=dict)
    cleanup: dict[str, int] = field(default_factory=dict)
    composed_marks: int = 0
    source_notes: list[str] = field(default_factory=list)

    def add(self, result: RepairResult) -> None:
        """Count one result in the totals."""
        self.runs += 1
        if result.changed_chars or result.cleanup or result.composed_marks:
            self.changed_runs += 1
        if result.converted_chars:
            key = (result.encoding, result.evidence)
            self.converted_chars[key] = self.converted_chars.get(key, 0) + result.converted_chars
            self.converted_runs[key] = self.converted_runs.get(key, 0) + 1
        for kind, count in result.cleanup:
            self.cleanup[kind] = self.cleanup.get(kind, 0) + count
        self.composed_marks += result.composed_marks

    def add_note(self, note: str) -> None:
        """A line about the whole source, e.g. how the file's bytes were decoded."""
        self.source_notes.append(note)

    def lines(self) -> list[str]:
        """The summary, one finding per line; says so when nothing needed repair."""
        lines = list(self.source_notes)
        for (encoding, evidence), chars in sorted(self.converted_chars.items()):
            runs = self.converted_runs[(encoding, evidence)]
            unit = self.unit if runs == 1 else f"{self.unit}s"
            lines.append(f"{describe_conversion(encoding, evidence, chars)} in {runs} {unit}")
        if self.composed_marks:
            lines.append(f"composed {self.composed_marks} combining marks (Unicode NFD to NFC)")
        for kind, count in sorted(self.cleanup.items()):
            lines.append(CLEANUP_MESSAGES[kind].format(n=count))
        if len(lines) == len(self.source_notes):
            further = " further" if self.source_notes else ""
            lines.append(f"no{further} repair needed: text is Unicode NFC")
        return lines


# --- converters: text -> (converted text, characters converted) ---------------------------

_TCVN3_TRANSLATION = {ord(code): letter for code, letter in TCVN3_TO_UNICODE.items()}
_VNI_RE = re.compile(
    "|".join(re.escape(code) for code in sorted(VNI_TO_UNICODE, key=len, reverse=True))
)
_VNI_MARKS = frozenset(char for code in VNI_TO_UNICODE for char in code if not char.isascii())


_VISCII_TRANSLATION = {ord(char): VISCII_DECODING[byte] for char, byte in EIGHT_BIT_BYTE.items()}
_EIGHT_BIT_RUN_RE = re.compile(f"[{re.escape(''.join(EIGHT_BIT_BYTE))}]+")


def _has_letters_beyond_8_bits(text: str) -> bool:
    """Letters no 8-bit font code can give ("ệ", "ư"): the text was typed in Unicode.

    Invisible characters and punctuation beyond 8 bits (U+200B, "…") do not count.
    """
    return any(char.isalpha() and char not in EIGHT_BIT_BYTE for char in set(text))


def _count_differences(before: str, after: str) -> int:
    if len(before) != len(after):
        raise ValueError("a 1:1 conversion changed the length")
    return sum(map(str.__ne__, before, after))


def tcvn3_to_unicode(text: str, capitals: bool = False) -> tuple[str, int]:
    """TCVN3 (ABC) text read as Latin-1 -> Unicode; ``capitals`` for .VnTimeH-style fonts."""
    converted = text.translate(_TCVN3_TRANSLATION)
    if capitals:
        # An "H" font draws every code as a capital: that is what the reader saw.
        converted = "".join(
            capital if len(capital := char.upper()) == 1 else char for char in converted
        )
    return converted, _count_differences(text, converted)


def vni_to_unicode(text: str) -> tuple[str, int]:
    """VNI text read as Windows-1252 -> Unicode."""
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return VNI_TO_UNICODE[match.group(0)]

    return _VNI_RE.sub(replace, text), count


def viscii_to_unicode(data: bytes) -> str:
    """VISCII bytes -> Unicode."""
    return "".join(VISCII_DECODING[byte] for byte in data)


def viscii_text_to_unicode(text: str) -> tuple[str, int]:
    """VISCII text read as Windows-1252/Latin-1 -> Unicode (other characters kept)."""
    converted = text.translate(_VISCII_TRANSLATION)
    return converted, _count_differences(text, converted)


def _viscii_candidate(text: str) -> tuple[str, int] | None:
    converted, count = viscii_text_to_unicode(text)
    return (converted, count) if count else None


def _cp1258_candidate(text: str) -> tuple[str, int] | None:
    if not _CP1258_DIFFERENT.intersection(text):
        return None  # reads the same as Windows-1252

    def redecode(match: re.Match[str]) -> str:
        return bytes(EIGHT_BIT_BYTE[char] for char in match.group(0)).decode("cp1258")

    try:
        converted = unicodedata.normalize("NFC", _EIGHT_BIT_RUN_RE.sub(redecode, text))
    except UnicodeDecodeError:
        return None  # a byte Windows-1258 leaves undefined
    return converted, sum(not char.isascii() for char in converted)


def _tcvn3_candidate(text: str) -> tuple[str, int] | None:
    converted, count = tcvn3_to_unicode(text)
    return (converted, count) if count else None


def _vni_candidate(text: str) -> tuple[str, int] | None:
    if not _VNI_MARKS.intersection(text):
        return None
    converted, count = vni_to_unicode(text)
    return (converted, count) if count else None


# Order matters on a tie: the more common encoding wins.
_TEXT_CANDIDATES: tuple[tuple[str, Callable[[str], tuple[str, int] | None]], ...] = (
    ("tcvn3", _tcvn3_candidate),
    ("vni", _vni_candidate),
    ("cp1258", _cp1258_candidate),
    ("viscii", _viscii_candidate),
)


# --- detection ----------------------------------------------------------------------------


def legacy_font_encoding(font_name: str | None) -> tuple[str, bool] | None:
    """(encoding, draws capitals) implied by a DOCX run's font name, or None.

    ".VnTime", ".VnArial" ... are TCVN3 (ABC) fonts; a trailing "H" (".VnTimeH",
    ".VnArialH") marks the all-capitals variant. "VNI-Times", "VNI-Helve" ... are VNI.
    """
    if not font_name:
        return None
    name = font_name.strip()
    lowered = name.lower()
    if lowered.startswith(".vn"):
        return "tcvn3", name.endswith("H")
    if lowered.startswith(("vni-", "vni ")):
        return "vni", False
    if "viscii" in lowered:
        return "viscii", False
    return None


def _score(tally: SyllableTally) -> int:
    return tally.well_formed - 2 * tally.malformed


def _quality(tally: SyllableTally, text: str) -> int:
    """Like _score over all words, less symbols stuck to letters ("TÃ´i", "ViÖt" keep
    some: mis-decoded text breaks words with symbols that well-formed text does not)."""
    plain = tally.plain_well_formed - 2 * tally.plain_malformed
    return _score(tally) + plain - 2 * len(_GLUED_SYMBOL_RE.findall(text))


def _rank(tally: SyllableTally, converted: str, priority: int) -> tuple[int, int, int]:
    """Best quality first; on a tie the reading with more everyday words wins ("bạn" over
    "bến"), then the more common encoding (mojibake, TCVN3, VNI, Windows-1258, VISCII)."""
    return _quality(tally, converted), count_common_syllables(converted), -priority


def _acceptable(candidate: SyllableTally, original: SyllableTally) -> bool:
    """The conversion scores better, few accented words stay malformed, and the text as a
    whole reads as Vietnamese (French "Où est la gare?" turns "Où" into "Ó" but stays
    French)."""
    return (
        _score(candidate) > _score(original)
        and candidate.malformed <= _MAX_MALFORMED_SHARE * candidate.total
        and candidate.vietnamese_share > _MIN_VIETNAMESE_SHARE
    )


# Characters that correct Unicode text may hold without raising suspicion: ASCII, the
# Vietnamese letters, and typography beyond Latin-1 (quotes, dashes, symbols, CJK ...).
def _needs_detection(text: str) -> bool:
    for char in set(text):
        if char.isascii() or char in VIETNAMESE_LETTERS:
            continue
        if ord(char) <= 0xFF or char in EIGHT_BIT_BYTE or unicodedata.combining(char):
            return True
    return tally_words(text).malformed > 0


# UTF-8 read as Windows-1252: a lead byte (Ã, Ä, á ...) then a continuation byte, which
# Windows-1252 shows as a Latin-1 symbol or one of its own 0x80-0x9F characters.
# Content statistics need at least two letters to go on.
_MIN_LETTERS = re.compile(r"(?s).*?[^\W\d_].*?[^\W\d_]")
# A non-ASCII symbol or control with a letter on either side: "TÃ´i", "x·", "ViÖt" has
# none but "Ð\x80I" has one.
_GLUED_SYMBOL_RE = re.compile(r"(?<=[^\W\d_])[^\w\s\x00-\x7f]|[^\w\s\x00-\x7f](?=[^\W\d_])")
_CONTINUATION_CHARS = "".join(char for char, byte in EIGHT_BIT_BYTE.items() if 0x80 <= byte <= 0xBF)
_MOJIBAKE_RE = re.compile(f"[\u00c2-\u00f4][{re.escape(_CONTINUATION_CHARS)}]")
# Characters whose byte Windows-1258 reads differently from Windows-1252.
_CP1258_DIFFERENT = frozenset(
    char
    for char, byte in EIGHT_BIT_BYTE.items()
    if byte >= 0x80 and bytes([byte]).decode("cp1258", errors="replace") != char
)


def _strict_mojibake_repair(text: str) -> str:
    """Undo UTF-8 read as Windows-1252 when ftfy declines (short text such as "thá»\xad").

    Exact by construction: the text must re-encode to bytes that are valid UTF-8.
    """
    try:
        return text.encode("sloppy-windows-1252").decode("utf-8")
    except UnicodeError:
        return text


def _detect(text: str) -> tuple[str, int, str]:
    """(converted text, characters converted, encoding) for suspicious text."""
    original = tally_words(text)
    best: tuple[tuple[int, int, int], str, int, str] | None = None
    if _MOJIBAKE_RE.search(text):
        # ftfy's judgement is trusted unless the words get worse; the strict re-decoding
        # must make them better. Legacy readings still compete: "Ð\x80" is VISCII "Đ".
        original_quality = _quality(original, text)
        for fixed, margin in ((ftfy.fix_encoding(text), 0), (_strict_mojibake_repair(text), 1)):
            if fixed == text:
                continue
            fixed = unicodedata.normalize("NFC", fixed)
            tally = tally_words(fixed)
            if _quality(tally, fixed) >= original_quality + margin:
                count = sum(not char.isascii() for char in fixed)
                best = (_rank(tally, fixed, -1), fixed, count, "utf8-mojibake")
                break
    if _has_letters_beyond_8_bits(text) or _MIN_LETTERS.match(text) is None:
        # "ệ", "ư": typed in Unicode, not a legacy 8-bit text; or a lone "Ö", which is
        # no evidence of anything without the run's font.
        return (text, 0, "unicode") if best is None else (best[1], best[2], best[3])
    for priority, (encoding, convert) in enumerate(_TEXT_CANDIDATES):
        attempt = convert(text)
        if attempt is None:
            continue
        converted, count = attempt
        same_length = len(converted) == len(text)
        tally = tally_words(converted, text if same_length else None)
        if not _acceptable(tally, original):
            continue
        rank = _rank(tally, converted, priority)
        if best is None or rank > best[0]:
            best = (rank, converted, count, encoding)
    if best is None:
        return text, 0, "unicode"
    return best[1], best[2], best[3]


def _convert_by_font(text: str, encoding: str, capitals: bool) -> tuple[str, int] | None:
    """Convert with the font's encoding, unless the run is already Unicode beyond 8 bits."""
    if _has_letters_beyond_8_bits(text):
        return None  # retyped in Unicode ("ệ", "ư"): the font name is stale
    if encoding == "tcvn3":
        return tcvn3_to_unicode(text, capitals)
    if encoding == "vni":
        return vni_to_unicode(text)
    return viscii_text_to_unicode(text)


def repair_text(
    text: str, font_hint: str | None = None, *, manual_line_break: str = "\n"
) -> RepairResult:
    """Repair one run/paragraph; ``font_hint`` is the DOCX run's font name, if any.

    ``manual_line_break`` replaces Word's \\x0b/\\x0c (see :mod:`repair_controls`).
    """
    nfc = unicodedata.normalize("NFC", text)
    composed = len(text) - len(nfc)
    encoding, evidence, converted_chars = "unicode", "", 0
    converted = nfc
    by_font = legacy_font_encoding(font_hint)
    font_result = _convert_by_font(nfc, *by_font) if by_font else None
    if font_result is not None:
        if font_result[1]:
            converted, converted_chars = font_result
            encoding, evidence = by_font[0], f"{font_hint.strip()} font"  # type: ignore[union-attr]
    elif nfc.isascii():
        if might_be_viqr(nfc) and looks_like_viqr(nfc):
            converted, converted_chars = viqr_to_unicode(nfc)
            encoding, evidence = "viqr", CONTENT_EVIDENCE
    elif _needs_detection(nfc):
        converted, converted_chars, encoding = _detect(nfc)
        # ftfy's repair is exact re-decoding, not a statistical guess.
        evidence = CONTENT_EVIDENCE if encoding not in ("unicode", "utf8-mojibake") else ""
    cleanup = clean_controls(converted, manual_line_break)
    final = unicodedata.normalize("NFC", cleanup.text)
    if encoding == "unicode" and composed:
        encoding = "nfd"
    notes: list[str] = []
    if converted_chars:
        notes.append(describe_conversion(encoding, evidence, converted_chars))
    if composed:
        notes.append(f"composed {composed} combining marks (Unicode NFD to NFC)")
    notes.extend(CLEANUP_MESSAGES[kind].format(n=count) for kind, count in cleanup.counts)
    return RepairResult(
        text=final,
        encoding=encoding,
        changed_chars=converted_chars + composed + sum(n for _, n in cleanup.counts),
        notes=tuple(notes),
        evidence=evidence,
        cleanup=cleanup.counts,
        composed_marks=composed,
        converted_chars=converted_chars,
    )


# --- bytes --------------------------------------------------------------------------------

_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32 with BOM"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32 with BOM"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8 with BOM"),
    (b"\xff\xfe", "utf-16-le", "UTF-16 with BOM"),
    (b"\xfe\xff", "utf-16-be", "UTF-16 with BOM"),
)
# C0 controls that never occur in text; VISCII uses 0x02 0x05 0x06 0x14 0x19 0x1E for
# capitals, so those are judged separately in 8-bit input.
_TEXT_CONTROLS = frozenset("\t\n\r\x0b\x0c\x1a")
_VISCII_CONTROLS = frozenset("\x02\x05\x06\x14\x19\x1e")
_MAX_CONTROL_SHARE = 0.01


def _control_share(text: str, allowed: frozenset[str]) -> float:
    controls = sum(1 for char in text if ord(char) < 0x20 and char not in allowed)
    return controls / len(text) if text else 0.0


def _reject_binary(text: str, allowed: frozenset[str] = _TEXT_CONTROLS) -> None:
    if "\x00" in text:
        raise InvalidInput(
            "encoding.nul_characters",
            "input contains NUL characters, so it is not text: give a plain-text file "
            "(UTF-8, UTF-16 or an 8-bit Vietnamese encoding)",
        )
    if _control_share(text, allowed) > _MAX_CONTROL_SHARE:
        raise InvalidInput(
            "encoding.control_characters",
            "input is full of control characters, not text: give a plain-text file "
            "(UTF-8, UTF-16 or an 8-bit Vietnamese encoding)",
        )


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM shows as NUL in every other byte of ASCII-heavy text."""
    if len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    for nuls, other, codec in (
        (odd_nuls, even_nuls, "utf-16-le"),
        (even_nuls, odd_nuls, "utf-16-be"),
    ):
        if nuls >= 0.4 * half and other == 0:
            try:
                return data.decode(codec), "UTF-16 (no BOM)"
            except UnicodeDecodeError:
                return None
    return None


def _decode_legacy(data: bytes) -> tuple[str, str]:
    as_windows = decode_eight_bit(data)
    _reject_binary(as_windows, _TEXT_CONTROLS | _VISCII_CONTROLS)
    original = tally_words(as_windows)
    candidates: list[tuple[str, str]] = [
        (tcvn3_to_unicode(as_windows)[0], "tcvn3"),
        (vni_to_unicode(as_windows)[0], "vni"),
    ]
    try:
        candidates.append((unicodedata.normalize("NFC", data.decode("cp1258")), "cp1258"))
    except UnicodeDecodeError:
        pass
    candidates.append((viscii_to_unicode(data), "viscii"))
    best: tuple[tuple[int, int, int], str, str] | None = None
    for priority, (text, encoding) in enumerate(candidates):
        tally = tally_words(text, as_windows if len(text) == len(as_windows) else None)
        if not _acceptable(tally, original):
            continue
        rank = _rank(tally, text, priority)
        if best is None or rank > best[0]:
            best = (rank, text, encoding)
    if best is None:
        _reject_binary(as_windows)
        return as_windows, "cp1252"
    return best[1], best[2]


def decode_bytes(data: bytes, font_hint: str | None = None) -> tuple[str, str]:
    """Decode a text file's bytes; return (text, encoding name).

    Names: "utf-8", "UTF-8 with BOM", "UTF-16 with BOM", "UTF-32 with BOM",
    "UTF-16 (no BOM)", "tcvn3", "vni", "viscii", "cp1258", "cp1252". The legacy 8-bit
    encodings come back already converted to Unicode. When ``font_hint`` names a legacy
    font (".VnTimeH", "VNI-Times") and the bytes are not Unicode, they come back as that
    font's raw 8-bit characters, named "8-bit for <font>", for
    ``repair_text(line, font_hint)`` to convert (only the font can restore .VnTimeH
    capitals). Raises InvalidInput for empty input and for binary data.
    """
    if not data:
        raise InvalidInput(
            "encoding.empty_input", "input is empty (0 bytes): give a file that contains text"
        )
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as error:
                raise InvalidInput(
                    "encoding.bad_after_bom",
                    "input starts with a {encoding} byte-order mark but byte {offset} is not "
                    "valid {encoding}: re-save it as UTF-8",
                    encoding=name.split()[0],
                    offset=error.start + len(bom),
                ) from None
            _reject_binary(text)
            return text, name
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise InvalidInput(
                "encoding.nul_bytes",
                "input contains NUL bytes, so it is not text: give a plain-text file "
                "(UTF-8, UTF-16 or an 8-bit Vietnamese encoding)",
            )
        _reject_binary(utf16[0])
        return utf16
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        if legacy_font_encoding(font_hint):
            raw = decode_eight_bit(data)
            _reject_binary(raw, _TEXT_CONTROLS | _VISCII_CONTROLS)
            return raw, f"8-bit for {font_hint.strip()}"  # type: ignore[union-attr]
        return _decode_legacy(data)
    _reject_binary(text)
    return text, "utf-8"
