"""Bringing a source file into a project: read, repair, segment, store, in one transaction.

A file that fails leaves nothing behind, and a document it was re-importing stays as it
was. Re-importing a document with the same title updates it in place
(:mod:`workflow.reimport`): segments whose sentence is still there keep their id, target,
status, history and comments; edited sentences keep their id as changed drafts; removed
ones are deleted and recorded. A kept translation is never left approved after its
document changed around it (it is at most reviewed, with a status revision), unless the
document's text is identical. The document row is locked first (SELECT … FOR UPDATE; on
SQLite writers already queue), so two re-imports, or a re-import and a merge or split,
never interleave.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from exporters.docx_core_properties import read_core_properties
from primitives.errors import InvalidInput
from workflow.document_metadata import metadata_from_file, with_file_metadata
from workflow.insert_missing import insert_missing
from workflow.intake import IntakeLimits, SourceDocument, read_source
from workflow.models import Document, Project, utcnow
from workflow.permissions import Action
from workflow.reimport import SOURCE_NOTE_AUTHOR as SOURCE_NOTE_AUTHOR  # its former home
from workflow.reimport import locked_document, store_drafts
from workflow.segment_drafts import SegmentDraft as SegmentDraft  # its former home
from workflow.segment_drafts import segment_blocks
from workflow.segment_flags import DO_NOT_TRANSLATE_FLAG, NEEDS_SPLIT_FLAG, split_limit
from workflow.users import Actor
from workflow.vietnamese.segmenter import SegmentationRules

if TYPE_CHECKING:
    from workflow.xliff_import import XliffImportOutcome

MAX_NAME_CHARS = 300  # documents.title and documents.filename
XLIFF_EXTENSIONS = (".xlf", ".xliff")
MAX_META_CHARS = 500  # each of a document's author, date and description


@dataclass
class ImportOutcome:
    """What an import did; the counts split the new segments (and name the removed ones)."""

    document_id: int
    title: str
    segments: int
    reused_translations: int = 0
    revision: int = 1
    unchanged: int = 0
    moved: int = 0
    changed: int = 0
    added: int = 0
    removed: int = 0
    repair_lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Segments longer than SONGNGU_SPLIT_SEGMENT_CHARS, as (position, length): imported
    # flagged as needing a split (workflow.segment_flags).
    needs_split: list[tuple[int, int]] = field(default_factory=list)
    do_not_translate: int = 0  # segments marked not to translate (image file names)


def project_rules(project: Project) -> SegmentationRules:
    """The default segmentation rules extended with the project's own."""
    stored = project.settings.get("segmentation")
    if not stored:
        return SegmentationRules.default()
    return SegmentationRules.from_dict(stored)


def checked_names(filename: str, title: str | None) -> tuple[str, str]:
    """The file's base name and the document title (default: the name without its
    extension), refused when longer than their columns."""
    name = PurePath(filename).name
    title = (title or PurePath(name).stem).strip() or name
    # The columns' sizes: checked here so PostgreSQL never sees an over-long value.
    if len(name) > MAX_NAME_CHARS:
        raise InvalidInput(
            "document.file_name_too_long",
            "the file name has {length} characters, more than {limit}: rename the file",
            length=len(name),
            limit=MAX_NAME_CHARS,
        )
    if len(title) > MAX_NAME_CHARS:
        raise InvalidInput(
            "document.title_too_long",
            "the document title has {length} characters, more than {limit}: give a shorter title",
            length=len(title),
            limit=MAX_NAME_CHARS,
        )
    return name, title


def import_document(
    session: Session,
    actor: Actor,
    project: Project,
    data: bytes,
    filename: str,
    *,
    title: str | None = None,
    meta: dict[str, Any] | None = None,
) -> ImportOutcome:
    """Read, repair and segment a file and store it as a document of the project."""
    actor.require(Action.IMPORT)
    name, title = checked_names(filename, title)
    source_doc: SourceDocument = read_source(data, name, IntakeLimits.from_settings())
    drafts = list(
        segment_blocks(source_doc.blocks, project_rules(project), split_limit=split_limit())
    )
    if not drafts:
        raise InvalidInput(
            "document.nothing_to_translate",
            "{file}: no translatable text found (empty, or only numbers)",
            file=name,
        )
    # The file's own properties (a DOCX's title, author, date…) fill what nobody set yet.
    from_file = (
        metadata_from_file(read_core_properties(data), source_lang=project.source_lang)
        if source_doc.format == "docx"
        else {}
    )
    return store_import(
        session,
        actor,
        project,
        ImportedFile(name, title, source_doc.format, data, meta or {}, from_file),
        drafts,
        repair_lines=source_doc.repair_lines,
        warnings=source_doc.warnings,
    )


@dataclass(frozen=True)
class ImportedFile:
    """A file being stored as a document: its name, the title, its format and bytes, the
    metadata given with it (``meta``, see :mod:`workflow.document_metadata`) and the
    metadata the file carries (``meta_from_file``)."""

    name: str
    title: str
    format: str
    data: bytes
    meta: dict[str, Any] = field(default_factory=dict)
    # Metadata read from the file itself: used only where the document has none yet.
    meta_from_file: dict[str, Any] = field(default_factory=dict)


def _new_document(session: Session, project: Project, imported: ImportedFile) -> Document | None:
    """A new document row of this title, locked as the caller's (revision 0 until its
    first import is stored); None when a concurrent import stored the title first."""
    inserted = insert_missing(
        session,
        Document,
        [
            {
                "project_id": project.id,
                "title": imported.title,
                "filename": imported.name,
                "format": imported.format,
                "original": imported.data,
                "revision": 0,
            }
        ],
        identity=["project_id", "title"],
    )
    return session.get(Document, inserted[0]) if inserted else None


def store_import(
    session: Session,
    actor: Actor,
    project: Project,
    imported: ImportedFile,
    drafts: list[SegmentDraft],
    *,
    repair_lines: list[str] | None = None,
    warnings: list[str] | None = None,
) -> ImportOutcome:
    """Store segment drafts as the document of that title (a new one, or the same one
    updated in place: :mod:`workflow.reimport`) and record the import."""
    repair_lines = list(repair_lines or [])
    warnings = list(warnings or [])
    title, meta = imported.title, imported.meta
    # Locked until the transaction ends: a second re-import, a merge or a split waits.
    document = locked_document(session, project, title)
    if document is None:
        document = _new_document(session, project, imported)
    if document is None:  # a concurrent import made it first: this one re-imports it
        document = locked_document(session, project, title)
    if document is None:
        raise InvalidInput(
            "import.document_contended",
            "the document {title!r} is being imported and deleted by others right now: try again",
            title=title,
        )
    if document.revision:
        document.revision += 1
        document.imported_at = utcnow()
    else:
        document.revision = 1
    document.filename = imported.name
    document.format = imported.format
    document.original = imported.data
    document.meta = {**with_file_metadata(document.meta, imported.meta_from_file), **(meta or {})}
    document.repair_report = {"lines": repair_lines, "warnings": warnings}
    session.flush()
    changes = store_drafts(session, actor, document, drafts)
    return ImportOutcome(
        document_id=document.id,
        title=title,
        segments=len(drafts),
        reused_translations=changes.reused_translations,
        revision=document.revision,
        unchanged=changes.unchanged,
        moved=changes.moved,
        changed=changes.changed,
        added=changes.added,
        removed=changes.removed,
        repair_lines=repair_lines,
        warnings=warnings,
        needs_split=[
            (position, draft.flags[NEEDS_SPLIT_FLAG]["length"])
            for position, draft in enumerate(drafts)
            if NEEDS_SPLIT_FLAG in draft.flags
        ],
        do_not_translate=sum(DO_NOT_TRANSLATE_FLAG in draft.flags for draft in drafts),
    )


def is_xliff(filename: str) -> bool:
    """Whether a file name is an XLIFF file's (read by :mod:`workflow.xliff_import`)."""
    return PurePath(filename).suffix.lower() in XLIFF_EXTENSIONS


def import_file(
    session: Session,
    actor: Actor,
    project: Project,
    data: bytes,
    filename: str,
    *,
    title: str | None = None,
    meta: dict[str, Any] | None = None,
    dry_run: bool = False,
) -> ImportOutcome | XliffImportOutcome:
    """Import any file songngu reads: a source document (DOCX, TXT, Markdown) or an XLIFF
    file (a round trip of a songngu export, or another tool's file as a new document).

    With dry_run the import is done and rolled back, so the outcome says what it would do.
    """
    from workflow.xliff_import import import_xliff  # it stores through this module

    savepoint = session.begin_nested() if dry_run else None
    try:
        if is_xliff(filename):
            return import_xliff(session, actor, project, data, filename, title=title, meta=meta)
        return import_document(session, actor, project, data, filename, title=title, meta=meta)
    finally:
        if savepoint is not None:
            savepoint.rollback()
            session.expire_all()
