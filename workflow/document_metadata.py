"""A document's metadata (Dublin Core): what it is, who made it, when, in which languages.

Every export carries it (the report XML's ``dc:`` elements, the review table's heading,
XLIFF and TMX headers), and the date of the source document decides which official names
were valid when it was written. It lives in ``Document.meta`` (JSON) and is read only
through :func:`document_metadata` (or :func:`metadata_of` for a row read column by
column), which fills what was never set: the title is the document's name in the project,
the languages are the project's (the target in the partner's English: en-US or en-GB).

It is filled from the DOCX core properties (``docProps/core.xml``) when the document is
first imported, without overwriting what someone set since, and edited in the app and
with ``songngu document set``. An edit names the metadata it started from; if someone
changed it meanwhile, the edit is refused (the document row is locked while comparing).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from sqlalchemy.orm import Session

from primitives.errors import Conflict, InvalidInput, NotFound
from primitives.excerpts import clipped
from workflow.document_lock import lock_document
from workflow.models import Document, Project
from workflow.permissions import Action
from workflow.users import Actor

# Longest value of each field, in characters (the title as long as a document's name).
MAX_CHARS: dict[str, int] = {
    "title": 300,
    "creator": 500,
    "publisher": 500,
    "date": 10,
    "subject": 500,
    "description": 2000,
    "rights": 500,
    "source_language": 35,
    "target_language": 35,
}
# Document.meta keys written before this module: "author" is the creator.
_LEGACY_KEYS = {"creator": "author"}
_LANGUAGE_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
# Characters that make a value more than one line (and that XML or a header cannot hold).
_NOT_ONE_LINE_RE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
_ENGLISH_VARIANTS = {"US": "en-US", "UK": "en-GB"}


@dataclass(frozen=True)
class DocumentMetadata:
    """Dublin Core metadata of one document; "" where nothing is known.

    ``date`` is the date of the source document, ISO 8601 (2022-08-09).
    ``source_language`` / ``target_language`` are language tags (vi, vi-VN, en-US).
    """

    title: str
    creator: str = ""
    publisher: str = ""
    date: str = ""
    subject: str = ""
    description: str = ""
    rights: str = ""
    source_language: str = ""
    target_language: str = ""

    @property
    def source_date(self) -> datetime.date | None:
        """The date of the source document, if known."""
        return datetime.date.fromisoformat(self.date) if self.date else None

    def as_dict(self) -> dict[str, str]:
        return asdict(self)

    def dublin_core(self) -> dict[str, str]:
        """The Dublin Core elements of a store's metadata (``language`` is the source's);
        empty ones left out."""
        elements = {
            "title": self.title,
            "creator": self.creator,
            "publisher": self.publisher,
            "date": self.date,
            "subject": self.subject,
            "description": self.description,
            "rights": self.rights,
            "language": self.source_language,
        }
        return {name: value for name, value in elements.items() if value}


FIELD_NAMES: tuple[str, ...] = tuple(field.name for field in fields(DocumentMetadata))


def english_variant_tag(target_lang: str, english_variant: str | None) -> str:
    """The target language tag: en-US or en-GB from the partner's English variant."""
    if target_lang.split("-")[0].lower() == "en" and english_variant in _ENGLISH_VARIANTS:
        return _ENGLISH_VARIANTS[english_variant]
    return target_lang


def metadata_of(
    title: str,
    meta: Mapping[str, Any] | None,
    *,
    source_lang: str = "vi",
    target_lang: str = "en",
    english_variant: str | None = None,
) -> DocumentMetadata:
    """The metadata of a document given its name, its stored meta and its project's
    languages (for callers reading rows column by column, as the stores do)."""
    stored = dict(meta or {})

    def value(name: str) -> str:
        found = stored.get(name)
        if not found and name in _LEGACY_KEYS:
            found = stored.get(_LEGACY_KEYS[name])
        return found if isinstance(found, str) else ""

    return DocumentMetadata(
        title=value("title") or title,
        creator=value("creator"),
        publisher=value("publisher"),
        date=value("date"),
        subject=value("subject"),
        description=value("description"),
        rights=value("rights"),
        source_language=value("source_language") or source_lang,
        target_language=value("target_language")
        or english_variant_tag(target_lang, english_variant),
    )


def partner_english(project: Project) -> str | None:
    """The partner profile's English variant (US or UK), if the project has a partner."""
    if project.partner is None:
        return None
    variant = project.partner.settings.get("english_variant")
    return variant if isinstance(variant, str) else None


def document_metadata(document: Document) -> DocumentMetadata:
    """The document's metadata, defaults filled (the one way to read it)."""
    project = document.project
    return metadata_of(
        document.title,
        document.meta,
        source_lang=project.source_lang,
        target_lang=project.target_lang,
        english_variant=partner_english(project),
    )


def document_date(document: Document) -> datetime.date | None:
    """The date of the source document (which official names were valid), if known."""
    return document_metadata(document).source_date


# ---------------------------------------------------------------------------------------
# Checking values


def _check_language(name: str, value: str, expected: str) -> None:
    if not _LANGUAGE_RE.match(value):
        raise InvalidInput(
            "metadata.bad_language",
            "{value!r} is not a language tag such as {example}",
            value=value,
            example=f"{expected}-VN" if expected == "vi" else f"{expected}-US",
        )
    if value.split("-")[0].lower() != expected.split("-")[0].lower():
        raise InvalidInput(
            "metadata.other_language",
            "the {field} {value!r} is not a form of {expected!r}, the project's language",
            field=name.replace("_", " "),
            value=value,
            expected=expected,
        )


def checked_value(
    name: str, value: str, *, source_lang: str = "vi", target_lang: str = "en"
) -> str:
    """One field's value, stripped, or InvalidInput saying what is wrong ("" clears it)."""
    if name not in MAX_CHARS:
        raise InvalidInput(
            "metadata.unknown_field",
            "unknown metadata field {name!r}: use {known}",
            name=name,
            known=", ".join(FIELD_NAMES),
        )
    value = value.strip()
    label = name.replace("_", " ")
    if _NOT_ONE_LINE_RE.search(value):
        raise InvalidInput(
            "metadata.not_one_line",
            "the document {field} must be one line, without tabs or control characters",
            field=label,
        )
    if len(value) > MAX_CHARS[name]:
        raise InvalidInput(
            "metadata.too_long",
            "the document {field} has {count} characters, more than {limit}",
            field=label,
            count=len(value),
            limit=MAX_CHARS[name],
        )
    if name == "date" and value:
        try:
            datetime.date.fromisoformat(value)
            valid = len(value) == 10
        except ValueError:
            valid = False
        if not valid:
            raise InvalidInput(
                "metadata.bad_date",
                "document date {value!r} is not a date written YYYY-MM-DD, such as 2022-08-09",
                value=value,
            )
    if name == "source_language" and value:
        _check_language(name, value, source_lang)
    if name == "target_language" and value:
        _check_language(name, value, target_lang)
    return value


def checked_metadata(
    changes: Mapping[str, str | None], *, source_lang: str = "vi", target_lang: str = "en"
) -> dict[str, str]:
    """The fields given (None: not given), each checked; "" clears a field."""
    return {
        name: checked_value(name, value, source_lang=source_lang, target_lang=target_lang)
        for name, value in changes.items()
        if value is not None
    }


def _core_value(name: str, value: str) -> str:
    """A value read from a file's core properties made fit for the field, or "" (a file's
    properties are not refused: what does not fit is left out or shortened)."""
    value = " ".join(_NOT_ONE_LINE_RE.sub(" ", value).split())
    if name == "date":
        value = value[:10]
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            return ""
        return value if len(value) == 10 else ""
    if name.endswith("_language"):
        return value if _LANGUAGE_RE.match(value) and len(value) <= MAX_CHARS[name] else ""
    return clipped(value, MAX_CHARS[name])


def metadata_from_file(properties: Mapping[str, str], *, source_lang: str = "vi") -> dict[str, str]:
    """Document.meta values from a file's properties (Dublin Core names, as
    :func:`exporters.docx_core_properties.read_core_properties` gives them): only fields
    that fit, the language only when it is the project's source language."""
    meta: dict[str, str] = {}
    for element, name in (
        ("title", "title"),
        ("creator", "creator"),
        ("publisher", "publisher"),
        ("date", "date"),
        ("subject", "subject"),
        ("description", "description"),
        ("rights", "rights"),
        ("language", "source_language"),
    ):
        value = _core_value(name, properties.get(element, ""))
        if name == "source_language" and value.split("-")[0].lower() != source_lang.lower():
            continue
        if value:
            meta[name] = value
    return meta


def with_file_metadata(
    meta: Mapping[str, Any] | None, from_file: Mapping[str, str]
) -> dict[str, Any]:
    """A document's stored meta with what its file says filled in where nothing is set
    (an edit made in songngu is never overwritten by a re-imported file)."""
    merged = dict(meta or {})
    for name, value in from_file.items():
        if not merged.get(name) and not merged.get(_LEGACY_KEYS.get(name, "")):
            merged[name] = value
    return merged


# ---------------------------------------------------------------------------------------
# Editing


def _changed_meanwhile(
    document: Document, seen: DocumentMetadata, now: DocumentMetadata
) -> Conflict:
    differing = [name for name in FIELD_NAMES if getattr(seen, name) != getattr(now, name)]
    return Conflict(
        "metadata.changed_meanwhile",
        "the metadata of document {document!r} was changed by someone else meanwhile "
        "({fields}); not saved: reload it and edit again",
        document=document.title,
        fields=", ".join(name.replace("_", " ") for name in differing),
        project=document.project.name,
        document_id=document.id,
    )


def set_document_metadata(
    session: Session,
    actor: Actor,
    document_id: int,
    changes: Mapping[str, str | None],
    *,
    seen: DocumentMetadata | None = None,
) -> DocumentMetadata:
    """Change some fields of a document's metadata ("" puts a field back to its default);
    the metadata as it now is.

    ``seen`` is the metadata the editor started from: if the stored one differs, nothing
    is saved (Conflict). The document row is locked while comparing and writing.
    """
    actor.require(Action.MANAGE_PROJECT)
    # Read after the lock, as it is now (not as this session saw it before waiting).
    locked = lock_document(session, document_id)
    document = session.get(Document, document_id, populate_existing=True) if locked else None
    if document is None:
        raise NotFound(
            "document.id_not_found", "no document {document_id}", document_id=document_id
        )
    project = document.project
    values = checked_metadata(
        changes, source_lang=project.source_lang, target_lang=project.target_lang
    )
    current = document_metadata(document)
    if seen is not None and seen != current:
        raise _changed_meanwhile(document, seen, current)
    meta = dict(document.meta or {})
    defaults = metadata_of(
        document.title,
        {},
        source_lang=project.source_lang,
        target_lang=project.target_lang,
        english_variant=partner_english(project),
    )
    for name, value in values.items():
        meta.pop(_LEGACY_KEYS.get(name, ""), None)
        if not value or value == getattr(defaults, name):
            meta.pop(name, None)  # the default again: follows the document and project
        else:
            meta[name] = value
    document.meta = meta  # a new dict: the JSON column sees the change
    session.flush()
    return document_metadata(document)
