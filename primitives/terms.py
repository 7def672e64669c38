"""Glossary entries: one source term, its English target and how it may be used.

The entry type lives with the primitives so term formats (TBX, CSV/TSV in ``exporters/``)
read and write entries without the database; ``workflow/glossary`` stores them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from primitives.errors import InvalidInput


class InvalidGlossaryEntry(InvalidInput, ValueError):
    """A glossary field that cannot be used; the message names the field and the fix."""


class TermStatus(StrEnum):
    """How the target term may be used; the value is what CSV and the CLI show."""

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    FORBIDDEN = "forbidden"
    DO_NOT_TRANSLATE = "do-not-translate"


# Spellings other tools write for the same statuses (TBX, Weblate, memoQ exports).
_STATUS_ALIASES: dict[str, TermStatus] = {
    "preferred": TermStatus.PREFERRED,
    "preferredterm-admn-sts": TermStatus.PREFERRED,
    "admitted": TermStatus.ADMITTED,
    "admittedterm-admn-sts": TermStatus.ADMITTED,
    "supersededterm-admn-sts": TermStatus.ADMITTED,
    "forbidden": TermStatus.FORBIDDEN,
    "deprecated": TermStatus.FORBIDDEN,
    "deprecatedterm-admn-sts": TermStatus.FORBIDDEN,
    "do-not-translate": TermStatus.DO_NOT_TRANSLATE,
    "do not translate": TermStatus.DO_NOT_TRANSLATE,
    "dnt": TermStatus.DO_NOT_TRANSLATE,
}

SCOPES: tuple[str, ...] = ("global", "partner", "project")
# TBX-Basic's closed list of parts of speech; anything richer goes in the note.
PARTS_OF_SPEECH: tuple[str, ...] = ("noun", "verb", "adjective", "adverb", "other")

_WHITESPACE_RE = re.compile(r"\s+")
# Characters XML 1.0 forbids; Word pastes them (\x0b is its manual line break). They
# would make every XML export fail, so they become spaces on the way in.
_XML_FORBIDDEN_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_status(value: str) -> TermStatus:
    """Status from its name or a known alias; InvalidGlossaryEntry lists the allowed names."""
    status = _STATUS_ALIASES.get(value.strip().lower())
    if status is None:
        allowed = ", ".join(s.value for s in TermStatus)
        raise InvalidGlossaryEntry(
            "term.unknown_status",
            "unknown status {value!r} (use {allowed})",
            value=value.strip(),
            allowed=allowed,
        )
    return status


def parse_iso_date(value: str) -> str:
    """Return value if it is empty or a real YYYY-MM-DD date, else InvalidGlossaryEntry."""
    value = value.strip()
    if not value:
        return ""
    if not _ISO_DATE_RE.match(value):
        raise InvalidGlossaryEntry(
            "term.date_not_iso", "date {value!r} is not YYYY-MM-DD", value=value
        )
    try:
        date.fromisoformat(value)
    except ValueError:
        raise InvalidGlossaryEntry(
            "term.date_not_real", "date {value!r} does not exist", value=value
        ) from None
    return value


def clean_term(text: str) -> str:
    """NFC, single spaces, no outer whitespace: the form terms are stored and matched in."""
    return _WHITESPACE_RE.sub(" ", clean_text(text)).strip()


def clean_text(text: str) -> str:
    """NFC with XML-forbidden control characters as spaces; line breaks are kept."""
    return _XML_FORBIDDEN_RE.sub(" ", unicodedata.normalize("NFC", text)).strip()


@dataclass(frozen=True)
class GlossaryEntry:
    """One source term and its target.

    ``variants`` are other acceptable target spellings; source-side variants and
    abbreviations (UBND for Ủy ban nhân dân) are entries of their own. ``valid_until``
    dates names that stopped being current (ministries merged in 2025): the entry stays,
    because older documents still use the name.
    """

    source: str
    target: str
    variants: tuple[str, ...] = ()
    pos: str | None = None
    note: str = ""
    status: TermStatus = TermStatus.PREFERRED
    case_sensitive: bool = False
    domain: str = ""
    scope: str = "global"
    origin: str = ""
    date: str = ""
    valid_until: str = ""

    def __post_init__(self) -> None:
        # Storage hands statuses back as plain strings; accept them (and aliases).
        status = self.status if isinstance(self.status, TermStatus) else parse_status(self.status)
        source = clean_term(self.source)
        target = clean_term(self.target)
        if not source:
            raise InvalidGlossaryEntry("term.empty_source", "empty source term")
        if status is TermStatus.DO_NOT_TRANSLATE and not target:
            target = source
        if not target:
            raise InvalidGlossaryEntry("term.empty_target", "empty target term")
        if self.scope not in SCOPES:
            raise InvalidGlossaryEntry(
                "term.unknown_scope",
                "unknown scope {scope!r} (use {allowed})",
                scope=self.scope,
                allowed=", ".join(SCOPES),
            )
        if self.pos is not None and self.pos not in PARTS_OF_SPEECH:
            allowed = ", ".join(PARTS_OF_SPEECH)
            raise InvalidGlossaryEntry(
                "term.unknown_pos",
                "unknown part of speech {pos!r} (use {allowed})",
                pos=self.pos,
                allowed=allowed,
            )
        parse_iso_date(self.date)
        parse_iso_date(self.valid_until)
        variants = tuple(
            dict.fromkeys(v for v in (clean_term(v) for v in self.variants) if v and v != target)
        )
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "target", target)
        object.__setattr__(self, "variants", variants)
        for name in ("note", "domain", "origin"):
            object.__setattr__(self, name, clean_text(getattr(self, name)))
        object.__setattr__(self, "status", status)

    @property
    def target_forms(self) -> tuple[str, ...]:
        """The target and every allowed variant, target first."""
        return (self.target, *self.variants)

    def case_matches(self, found: str) -> bool:
        """For case-sensitive entries: found (NFC, same length) has the same capitals."""
        if not self.case_sensitive:
            return True
        return len(found) == len(self.source) and all(
            a.isupper() == b.isupper() for a, b in zip(found, self.source, strict=True)
        )
