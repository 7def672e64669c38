"""Sentence-segmentation rules as data, the way CAT tools keep SRX rules per project.

The defaults live in ``data/segmentation_rules.json``. A project stores its own rules with
:meth:`SegmentationRules.to_dict` and loads them back with :meth:`SegmentationRules.from_dict`;
:meth:`SegmentationRules.extended` adds project-specific abbreviations and patterns on top
of any rules. Every pattern is compiled when the rules are built, so a bad pattern is
reported at once (naming the pattern), never in the middle of a document.

What each field means to the segmenter:

- ``abbreviations``: words that take a dot and are followed by more of the sentence
  (titles, place prefixes): ``TS``, ``PGS``, ``TP``, ``Mr``. Written without the final dot
  and compared case-sensitively; a dotted compound such as ``PGS.TS`` or ``GS.TSKH`` is
  covered when its last part is listed. A dot after a listed word never ends a sentence.
  Words that may end a sentence ("v.v.", "etc.") are deliberately not listed: after them
  the sentence ends only if a capital letter follows.
- ``heading_words``: words that open a numbered heading at the start of a sentence
  ("Điều 1.", "Chương II."): the dot after the heading number does not end the sentence.
- ``no_break_patterns``: regular expressions matched on the text with inline tags removed;
  no sentence ends strictly inside a match (defaults protect URLs and e-mail addresses).
- ``break_patterns``: regular expressions matched on the text as given, tags included; a
  sentence always ends at the end of a match, except inside a tag or a ``<gN>…</gN>`` pair
  (nothing by default; ``<x\\d+/>`` makes every standalone code a boundary).

Patterns are searched over the whole paragraph, so a project pattern should avoid nested
quantifiers (``(a+)+``) that backtrack badly on long lines.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from primitives.errors import InvalidInput

DEFAULT_RULES_PATH = Path(__file__).with_name("data") / "segmentation_rules.json"
RULES_FORMAT = "songngu-segmentation-rules"
RULES_VERSION = 1
# The list-valued fields of a rules dict, in the order they are shown to users.
LIST_FIELDS = ("abbreviations", "heading_words", "no_break_patterns", "break_patterns")


def normalized_abbreviation(raw: object) -> str:
    """The word as the rules keep it: NFC, without its final dot ("TS." -> "TS")."""
    if not isinstance(raw, str):
        raise InvalidInput(
            "rules.abbreviation_not_text",
            "segmentation abbreviation {value} is not text; write it as a string",
            value=repr(raw),
        )
    word = unicodedata.normalize("NFC", raw.strip())
    # Users write "TS." or "TS"; the segmenter compares the word without its final dot.
    if word.endswith("."):
        word = word[:-1]
    if not word or any(char.isspace() for char in word):
        raise InvalidInput(
            "rules.abbreviation_not_one_word",
            "segmentation abbreviation {raw!r} must be one word without spaces, e.g. 'TS.'",
            raw=raw,
        )
    return word


def _normalized_heading_word(raw: object) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise InvalidInput(
            "rules.bad_heading_word",
            "segmentation heading word {value} must be non-empty text, e.g. 'Điều'",
            value=repr(raw),
        )
    return " ".join(unicodedata.normalize("NFC", raw).split())


def _checked_pattern(raw: object, kind: str) -> str:
    """A break ("break") or no-break ("no-break") pattern, checked; one code per kind, so
    each language can name the kind in its own words."""
    breaks = kind == "break"
    if not isinstance(raw, str) or not raw:
        if breaks:
            raise InvalidInput(
                "rules.break_pattern_not_text",
                "segmentation break pattern {value} must be a non-empty regex string",
                value=repr(raw),
            )
        raise InvalidInput(
            "rules.no_break_pattern_not_text",
            "segmentation no-break pattern {value} must be a non-empty regex string",
            value=repr(raw),
        )
    try:
        compiled = re.compile(raw)
    except re.error as error:
        if breaks:
            raise InvalidInput(
                "rules.break_pattern_invalid",
                "segmentation break pattern {raw!r} is not a valid regular expression "
                "({reason}); fix or remove it",
                raw=raw,
                reason=str(error),
            ) from error
        raise InvalidInput(
            "rules.no_break_pattern_invalid",
            "segmentation no-break pattern {raw!r} is not a valid regular expression "
            "({reason}); fix or remove it",
            raw=raw,
            reason=str(error),
        ) from error
    if compiled.match("") is not None and breaks:
        raise InvalidInput(
            "rules.break_pattern_matches_empty",
            "segmentation break pattern {raw!r} matches empty text; it must match something",
            raw=raw,
        )
    return raw


@dataclass(frozen=True)
class SegmentationRules:
    """Abbreviations, heading words and regex exceptions used by the sentence segmenter."""

    abbreviations: frozenset[str]
    heading_words: frozenset[str] = frozenset()
    no_break_patterns: tuple[str, ...] = ()
    break_patterns: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Normalise and validate here so every way of building rules (constructor,
        # from_dict, extended) rejects a bad value with one clear message.
        object.__setattr__(
            self,
            "abbreviations",
            frozenset(normalized_abbreviation(word) for word in self.abbreviations),
        )
        object.__setattr__(
            self,
            "heading_words",
            frozenset(_normalized_heading_word(word) for word in self.heading_words),
        )
        object.__setattr__(
            self,
            "no_break_patterns",
            tuple(_checked_pattern(p, "no-break") for p in self.no_break_patterns),
        )
        object.__setattr__(
            self,
            "break_patterns",
            tuple(_checked_pattern(p, "break") for p in self.break_patterns),
        )

    @classmethod
    def default(cls) -> SegmentationRules:
        """The shipped rules (Vietnamese and English abbreviations, URL/e-mail guards)."""
        return _default_rules()

    def extended(
        self,
        *,
        abbreviations: Iterable[str] = (),
        heading_words: Iterable[str] = (),
        no_break_patterns: Iterable[str] = (),
        break_patterns: Iterable[str] = (),
    ) -> SegmentationRules:
        """These rules plus project-specific additions (duplicates are ignored)."""
        return SegmentationRules(
            abbreviations=self.abbreviations | frozenset(_as_list(abbreviations, "abbreviations")),
            heading_words=self.heading_words | frozenset(_as_list(heading_words, "heading_words")),
            no_break_patterns=_merged(self.no_break_patterns, no_break_patterns, "no_break"),
            break_patterns=_merged(self.break_patterns, break_patterns, "break"),
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (sorted, so equal rules serialise identically)."""
        return {
            "format": RULES_FORMAT,
            "version": RULES_VERSION,
            "abbreviations": sorted(self.abbreviations),
            "heading_words": sorted(self.heading_words),
            "no_break_patterns": list(self.no_break_patterns),
            "break_patterns": list(self.break_patterns),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SegmentationRules:
        """Rules from a dict made by :meth:`to_dict` or read from a rules JSON file."""
        if not isinstance(data, Mapping):
            raise InvalidInput(
                "rules.not_an_object",
                "segmentation rules must be a JSON object with 'abbreviations'",
            )
        if data.get("format", RULES_FORMAT) != RULES_FORMAT:
            raise InvalidInput(
                "rules.wrong_format",
                "segmentation rules have format {found}; expected {expected!r}",
                found=repr(data.get("format")),
                expected=RULES_FORMAT,
            )
        if data.get("version", RULES_VERSION) != RULES_VERSION:
            raise InvalidInput(
                "rules.unsupported_version",
                "segmentation rules version {found} is not supported; expected {expected}",
                found=repr(data.get("version")),
                expected=RULES_VERSION,
            )
        unknown = sorted(set(data) - {"format", "version", "description", *LIST_FIELDS})
        if unknown:
            raise InvalidInput(
                "rules.unknown_fields",
                "segmentation rules have unknown field(s) {fields}; allowed: {allowed}",
                fields=", ".join(map(str, unknown)),
                allowed=", ".join(LIST_FIELDS),
            )
        if "abbreviations" not in data:
            raise InvalidInput(
                "rules.abbreviations_missing",
                "segmentation rules lack 'abbreviations'; add a list (may be empty)",
            )
        return cls(
            abbreviations=frozenset(_as_list(data["abbreviations"], "abbreviations")),
            heading_words=frozenset(_as_list(data.get("heading_words", []), "heading_words")),
            no_break_patterns=tuple(
                _as_list(data.get("no_break_patterns", []), "no_break_patterns")
            ),
            break_patterns=tuple(_as_list(data.get("break_patterns", []), "break_patterns")),
        )

    @classmethod
    def from_json_file(cls, path: Path) -> SegmentationRules:
        """Rules from a JSON file; a missing or malformed file is a user error."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError as error:
            raise InvalidInput(
                "rules.file_not_found",
                "segmentation rules file {path} does not exist",
                path=str(path),
            ) from error
        except IsADirectoryError as error:
            raise InvalidInput(
                "rules.file_is_folder",
                "{path} is a folder: name a segmentation rules JSON file",
                path=str(path),
            ) from error
        except UnicodeDecodeError as error:
            raise InvalidInput(
                "rules.file_not_utf8",
                "segmentation rules file {path} is not UTF-8 text: save the JSON as UTF-8",
                path=str(path),
            ) from error
        except OSError as error:
            raise InvalidInput(
                "rules.file_unreadable",
                "cannot read segmentation rules file {path} ({reason}); check the file",
                path=str(path),
                reason=str(error.strerror),
            ) from error
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise InvalidInput(
                "rules.file_not_json",
                "segmentation rules file {path} is not valid JSON (line {line}: {reason})",
                path=str(path),
                line=error.lineno,
                reason=error.msg,
            ) from error
        return cls.from_dict(data)


def _as_list(value: object, field: str) -> list[Any]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidInput(
            "rules.field_not_a_list",
            "segmentation rules field '{field}' must be a list of strings",
            field=field,
        )
    return list(value)


def _merged(existing: tuple[str, ...], extra: Iterable[str], field: str) -> tuple[str, ...]:
    merged = list(existing)
    for pattern in _as_list(extra, field):
        if pattern not in merged:
            merged.append(pattern)
    return tuple(merged)


@lru_cache(maxsize=1)
def _default_rules() -> SegmentationRules:
    return SegmentationRules.from_json_file(DEFAULT_RULES_PATH)
