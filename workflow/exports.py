"""Exporting a project: the file of any registered format, built from the database,
validated, reproducible, written atomically; and the readiness checklist before it.

:func:`build_export` takes a format of the registry by name and gives the bytes:

- a terms format (``tbx``, ``csv``, ``tsv``): the project's effective glossary, as
  ``songngu glossary export`` writes it;
- ``tmx``: the project's translation memory, as ``songngu tm export`` writes it;
- ``report-xml``: the partner report of the documents (metadata, segments with who
  confirmed, reviewed and approved them when, the approval record, the QA summary);
- ``docx`` (the target DOCX, once registered): one document's original with the English
  in place, with the partner's English and the chosen handling of unfinished segments;
- any other bilingual format: the documents' stores, all of them in one file when the
  format writes several (``write_stores``: XLIFF, the review table), else one document
  (``document`` is then required when the project has several).

Each export has one timestamp (``exported_at``, UTC to the second) and an id derived from
the project, format, documents and that moment; nothing else varies, so the same project
exported twice gives the same bytes but for them. Files with a schema are validated
(the official XLIFF, TMX and TBX schemas in ``workflow.settings.schemas_dir()``, the
report's own XSD, and songngu's XLIFF checks) and refused if invalid; a missing schema
folder is named in the notes instead. Final deliverables (the target DOCX, the report)
pass QA's export gate (``workflow.qa.readiness.require_export_ready``: the partner
profile's ``qa_export_policy``); the readiness, the report's QA summary and the review
table's QA column are QA's stored findings.

:func:`record_export` notes that an export was handed out (the CLI wrote it, the app's
download was prepared): one row per document, read by the dashboard's step indicator.

:func:`save_export` writes a file atomically: a temporary file in the same folder,
flushed and fsynced, then renamed over the target, so a failed write leaves the old file.
A process killed before the rename leaves its temporary file (``.NAME.HOST-PID.XXXX.part``,
never read); the next export to the same name deletes those whose process is gone.
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from exporters.registry import Format, formats, get_format
from exporters.report_xml import (
    STAMP_PROPS,
    STAMPED,
    QACount,
    QASummary,
    ReportContext,
    ReportXMLFormat,
)
from exporters.xliff_checks import xliff_problems
from primitives.errors import InvalidInput, NotFound
from primitives.processes import process_is_gone, this_host
from primitives.units import Store
from workflow import settings
from workflow.audit import AuditAction, record
from workflow.document_metadata import document_metadata
from workflow.glossary.store import EFFECTIVE, export_glossary
from workflow.intake import IntakeLimits
from workflow.models import (
    Document,
    ExportRecord,
    Project,
    Revision,
    Segment,
    iso_utc,
    utcnow,
)
from workflow.permissions import Action
from workflow.projects import get_document
from workflow.qa import readiness as qa_readiness
from workflow.qa.findings import FindingFilter, list_findings
from workflow.stores import document_store, project_stores
from workflow.tm.tmx_io import export_tmx
from workflow.users import Actor

PENDING_CHOICES: tuple[str, ...] = ("refuse", "source", "mark")
# Formats that are the finished deliverable: the QA export gate applies to them.
FINAL_DELIVERABLES = frozenset({"docx", "report-xml"})
# Checks beyond the official schema, by format.
_EXTRA_CHECKS: dict[str, Callable[[bytes], list[str]]] = {
    "xliff12": xliff_problems,
    "xliff21": xliff_problems,
}
_SLUG_RE = re.compile(r"[^A-Za-z0-9]+")


@dataclass(frozen=True)
class ExportRequest:
    """What to export: a registered format by name, optionally one document (title or
    id), and for the target DOCX what to do with segments not approved ("refuse" lists
    them, "source" writes their Vietnamese, "mark" highlights them)."""

    format: str
    document: str | int | None = None
    pending: str = "refuse"

    def checked_format(self) -> Format:
        """The registered format, or the error saying the request cannot be built (an
        unknown format, an unfinished-segment choice that does not exist)."""
        fmt = get_format(self.format)  # a format that cannot write says so when asked to
        if self.pending not in PENDING_CHOICES:
            raise InvalidInput(
                "export.bad_pending",
                "unfinished segments can be {choices}, not {value!r}",
                choices=", ".join(PENDING_CHOICES),
                value=self.pending,
            )
        return fmt


@dataclass
class ExportFile:
    """An export's bytes, a file name to offer, its id and moment, and what to know."""

    format: Format
    data: bytes
    filename: str
    export_id: str
    exported_at: str
    document_ids: list[int] = field(default_factory=list)
    validated: bool = False
    notes: list[str] = field(default_factory=list)


def export_formats() -> tuple[Format, ...]:
    """Every registered format songngu can write, in the registry's order."""
    return tuple(fmt for fmt in formats() if fmt.can_write)


def moment(now: datetime | None = None) -> str:
    """An export's timestamp: ISO 8601 UTC to the second."""
    return iso_utc((now or utcnow()).astimezone(UTC).replace(microsecond=0))


def export_id(project: Project, fmt: Format, document_ids: Sequence[int], at: str) -> str:
    """The export's id: the same for the same project, format, documents and moment."""
    key = f"{project.id}|{fmt.name}|{','.join(map(str, document_ids))}|{at}"
    return hashlib.sha256(key.encode()).hexdigest()[:12]


def file_slug(text: str) -> str:
    """A file-name part of a title: letters without diacritics, digits, dashes."""
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SLUG_RE.sub("-", ascii_only).strip("-").lower()[:80] or "songngu"


# ---------------------------------------------------------------------------------------
# Readiness


@dataclass(frozen=True)
class DocumentReadiness:
    document_id: int
    title: str
    segments: int
    untranslated: int
    not_approved: int
    open_qa_errors: int
    open_qa_warnings: int
    qa_unchecked: int  # never checked, or changed since their last check


@dataclass(frozen=True)
class ExportReadiness:
    """The checklist the Export page and the export command show; ``qa_policy`` is the
    partner profile's ``qa_export_policy`` ("warn" or "block"), ``qa_blocked`` whether it
    refuses the final deliverables now."""

    documents: tuple[DocumentReadiness, ...]
    qa_policy: str
    qa_blocked: bool

    @property
    def segments(self) -> int:
        return sum(document.segments for document in self.documents)

    @property
    def not_approved(self) -> int:
        return sum(document.not_approved for document in self.documents)

    @property
    def untranslated(self) -> int:
        return sum(document.untranslated for document in self.documents)

    @property
    def open_qa_errors(self) -> int:
        return sum(document.open_qa_errors for document in self.documents)

    @property
    def open_qa_warnings(self) -> int:
        return sum(document.open_qa_warnings for document in self.documents)

    @property
    def qa_unchecked(self) -> int:
        return sum(document.qa_unchecked for document in self.documents)

    @property
    def ready(self) -> bool:
        """Every segment approved and no open QA error: nothing to hold the export back."""
        return bool(self.documents) and not (self.not_approved or self.open_qa_errors)


def export_readiness(
    session: Session, project: Project, document_id: int | None = None
) -> ExportReadiness:
    """Per document: segments, untranslated, not approved, and QA's open problems. QA's
    readiness (``workflow.qa.readiness``) counts the segments, the unapproved ones and the
    findings; the untranslated are counted here."""
    qa = qa_readiness.export_readiness(session, project, document_id)
    untranslated = dict(
        session.execute(
            select(Segment.document_id, func.count(Segment.id))
            .where(
                Segment.document_id.in_([document.document_id for document in qa.documents]),
                Segment.target == "",
            )
            .group_by(Segment.document_id)
        ).all()
    )
    documents = tuple(
        DocumentReadiness(
            document_id=document.document_id,
            title=document.title,
            segments=document.segments,
            untranslated=untranslated.get(document.document_id, 0),
            not_approved=document.not_approved,
            open_qa_errors=document.open_errors,
            open_qa_warnings=document.open_warnings,
            qa_unchecked=document.unchecked,
        )
        for document in qa.documents
    )
    return ExportReadiness(documents, qa_policy=qa.policy, qa_blocked=qa.blocked)


# ---------------------------------------------------------------------------------------
# Building


@dataclass
class _Context:
    session: Session
    actor: Actor
    project: Project
    request: ExportRequest
    fmt: Format
    exported_at: str
    documents: list[Document]
    export_id: str = ""
    notes: list[str] = field(default_factory=list)
    whole_project: bool = True  # the project's documents, not a chosen one

    @property
    def document_ids(self) -> list[int]:
        return [document.id for document in self.documents]

    def stores(self, *, with_original: bool = False) -> list[Store]:
        if self.whole_project:
            stores = project_stores(self.session, self.project, with_original=with_original)
        else:
            stores = [
                document_store(self.session, document.id, with_original=with_original)
                for document in self.documents
            ]
        for store in stores:
            store.props["export_id"] = self.export_id
            store.props["exported_at"] = self.exported_at
        return stores

    def one_document(self) -> Document:
        """The document of a one-document format (the project's only one, if not chosen)."""
        if len(self.documents) == 1:
            self.whole_project = False
            return self.documents[0]
        raise InvalidInput(
            "export.document_required",
            "a {format} file holds one document and project {project!r} has {count}: "
            "choose one of {titles}",
            format=self.fmt.label,
            project=self.project.name,
            count=len(self.documents),
            titles=", ".join(repr(document.title) for document in self.documents),
        )


def _project_resource_only(context: _Context) -> None:
    if context.request.document is not None:
        raise InvalidInput(
            "export.not_per_document",
            "a {format} export holds the whole project's {what}, not one document's",
            format=context.fmt.label,
            what="glossary" if context.fmt.kind == "terms" else "translation memory",
        )


def _glossary(context: _Context) -> bytes:
    _project_resource_only(context)
    return export_glossary(
        context.session,
        context.actor,
        context.project,
        scope=EFFECTIVE,
        file_format=context.fmt.name,
    )


def _translation_memory(context: _Context) -> bytes:
    _project_resource_only(context)
    return export_tmx(
        context.session, context.actor, context.project, creation_date=context.exported_at
    )


def _stamps(session: Session, document_ids: list[int]) -> dict[int, dict[str, str]]:
    """Who last gave each segment each stamped status, and when (from its revisions)."""
    labels = {status.label: status for status in STAMPED}
    stamps: dict[int, dict[str, str]] = {}
    for segment_id, user, at, new in session.execute(
        select(Revision.segment_id, Revision.user, Revision.at, Revision.new)
        .join(Segment, Segment.id == Revision.segment_id)
        .where(
            Segment.document_id.in_(document_ids),
            Revision.field == "status",
            Revision.new.in_(list(labels)),
        )
        .order_by(Revision.id)
    ):
        by_prop, at_prop = STAMP_PROPS[labels[new]]
        stamps.setdefault(segment_id, {}).update({by_prop: user, at_prop: iso_utc(at)})
    return stamps


def _qa_summary(session: Session, project: Project, document_id: int | None) -> QASummary:
    """QA's stored findings counted by check and severity, for the partner report."""
    rows = qa_readiness.qa_summary(session, project, document_id)
    return QASummary(
        True,
        tuple(QACount(row.check, row.severity.value, row.open, row.ignored) for row in rows),
    )


def _report(context: _Context) -> bytes:
    stores = context.stores()
    stamps = _stamps(context.session, context.document_ids)
    for store in stores:
        for unit in store:
            if isinstance(unit.id, int):
                unit.props.update(stamps.get(unit.id, {}))
    project = context.project
    document_id = None if context.whole_project else context.documents[0].id
    report = ReportContext(
        export_id=context.export_id,
        exported_at=context.exported_at,
        exported_by=context.actor.name,
        project=project.name,
        partner=project.partner.name if project.partner is not None else "",
        partner_settings=dict(project.partner.settings) if project.partner is not None else {},
        qa=_qa_summary(context.session, project, document_id),
    )
    return cast(ReportXMLFormat, context.fmt).write_report(stores, report)


def _target_docx(context: _Context) -> bytes:
    """The target DOCX (exporters/docx_target.py, format "docx"): one document's original
    with the English in place."""
    from exporters.docx_target import TargetOptions  # registered as "docx"

    document = context.one_document()
    language = document_metadata(document).target_language
    options = TargetOptions(
        language=language if language in ("en-US", "en-GB") else "en-US",
        pending=context.request.pending,  # type: ignore[arg-type]
        limits=IntakeLimits.from_settings(),
    )
    store = document_store(context.session, document.id, with_original=True)
    built = context.fmt.build(store, options)  # type: ignore[attr-defined]
    report = built.report
    if report.pending:
        context.notes.append(
            f"{len(report.pending)} segment(s) not approved written "
            + ("in Vietnamese" if context.request.pending == "source" else "highlighted")
        )
    context.notes.extend(report.warnings)
    if report.dropped:
        context.notes.append(f"{len(report.dropped)} character(s) XML cannot hold were left out")
    return built.data


def _open_findings(
    session: Session, project: Project, document_ids: list[int]
) -> dict[int, list[str]]:
    """Each segment's open findings, one line each ("error: message"), most severe first."""
    found: dict[int, list[str]] = {}
    for document_id in document_ids:
        for finding in list_findings(session, project, FindingFilter(document_id=document_id)):
            line = f"{finding.severity.value}: {finding.text('en')}"
            found.setdefault(finding.segment_id, []).append(line)
    return found


def _review_table(context: _Context) -> bytes:
    stores = context.stores()
    findings = _open_findings(context.session, context.project, context.document_ids)
    for store in stores:
        for unit in store:
            if isinstance(unit.id, int) and unit.id in findings:
                unit.props["qa_findings"] = "\n".join(findings[unit.id])
    return context.fmt.write_stores(stores)  # type: ignore[attr-defined]


def _bilingual(context: _Context) -> bytes:
    write_stores = getattr(context.fmt, "write_stores", None)
    if write_stores is not None:
        return write_stores(context.stores())
    context.documents = [context.one_document()]
    return context.fmt.write(context.stores()[0])  # type: ignore[call-arg, arg-type]


# Formats whose input is not simply the documents' stores, by registry name.
_BUILDERS: dict[str, Callable[[_Context], bytes]] = {
    "tmx": _translation_memory,
    "report-xml": _report,
    "docx": _target_docx,
    "bilingual-docx": _review_table,
}


def _builder(fmt: Format) -> Callable[[_Context], bytes]:
    if fmt.kind == "terms":
        return _glossary
    return _BUILDERS.get(fmt.name, _bilingual)


def _validate(fmt: Format, data: bytes, notes: list[str]) -> bool:
    problems: list[str] = []
    validated = False
    if fmt.schema is not None:
        path = fmt.schema_path(settings.schemas_dir())
        if path is None or not path.is_file():
            notes.append(f"not validated: the {fmt.label} schema is not at {path}")
        else:
            problems = fmt.validate(data, settings.schemas_dir())
            validated = True
    extra = _EXTRA_CHECKS.get(fmt.name)
    if extra is not None:
        problems += extra(data)
    if problems:
        raise InvalidInput(
            "export.invalid",
            "the {format} file just written is not valid ({problem}); nothing was exported: "
            "please report this",
            format=fmt.label,
            problem=problems[0],
        )
    return validated


def _documents(session: Session, project: Project, document: str | int | None) -> list[Document]:
    if document is not None:
        return [get_document(session, project, document)]
    return list(project.documents)


def _filename(context: _Context) -> str:
    extension = context.fmt.extensions[0]
    if context.fmt.name == "docx" and len(context.documents) == 1:
        return f"{file_slug(context.documents[0].title)}-{file_slug(context.project.target_lang)}{extension}"
    parts = [file_slug(context.project.name)]
    if not context.whole_project and context.fmt.kind == "bilingual":
        parts.append(file_slug(context.documents[0].title))
    suffix = {"bilingual-docx": "review", "report-xml": "report", "tmx": "tm"}.get(
        context.fmt.name, "glossary" if context.fmt.kind == "terms" else ""
    )
    if suffix:
        parts.append(suffix)
    return "-".join(parts) + extension


def build_export(
    session: Session,
    actor: Actor,
    project: Project,
    request: ExportRequest,
    *,
    now: datetime | None = None,
) -> ExportFile:
    """The export's bytes (see the module), validated; nothing is written anywhere."""
    actor.require(Action.EXPORT)
    fmt = request.checked_format()
    documents = _documents(session, project, request.document)
    at = moment(now)
    context = _Context(session, actor, project, request, fmt, at, documents)
    context.whole_project = request.document is None
    if fmt.kind == "bilingual" and fmt.name != "tmx" and not documents:
        raise NotFound(
            "export.no_documents",
            "project {project!r} has no documents to export",
            project=project.name,
        )
    if fmt.name in FINAL_DELIVERABLES:
        document_id = None if context.whole_project else documents[0].id
        qa_readiness.require_export_ready(session, project, document_id)
    context.export_id = export_id(project, fmt, context.document_ids, at)
    data = _builder(fmt)(context)
    validated = _validate(fmt, data, context.notes)
    return ExportFile(
        fmt,
        data,
        _filename(context),
        context.export_id,
        at,
        context.document_ids,
        validated,
        context.notes,
    )


def record_export(session: Session, actor: Actor, project: Project, exported: ExportFile) -> None:
    """Record the export once it leaves songngu: a row per document it holds, or one
    row without a document for the project's glossary or TM."""
    at = datetime.strptime(exported.exported_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    resource = exported.format.kind == "terms" or exported.format.name == "tmx"
    document_ids: list[int | None] = [] if resource else list(exported.document_ids)
    for document_id in document_ids or [None]:
        session.add(
            ExportRecord(
                project_id=project.id,
                document_id=document_id,
                format=exported.format.name,
                export_id=exported.export_id,
                exported_by=actor.name,
                exported_at=at,
            )
        )
    documents = ", ".join(str(document_id) for document_id in document_ids)
    record(
        session,
        actor,
        AuditAction.EXPORT,
        project_id=project.id,
        object_type="export",
        object_id=exported.export_id,
        detail=f"{exported.format.name}: {exported.filename}"
        + (f" (documents {documents})" if documents else ""),
    )


def record_file_export(
    session: Session, actor: Actor, project: Project, what: str, filename: str
) -> None:
    """Record a glossary or TM file a face hands over on its own (outside an export
    bundle, which ``record_export`` records): who, which project, what, which file."""
    record(
        session,
        actor,
        AuditAction.EXPORT,
        project_id=project.id,
        object_type="tm" if what.endswith("TM") else "glossary",
        object_id=project.id,
        detail=f"{what}: {filename}",
    )


# ---------------------------------------------------------------------------------------
# Writing a file


def check_output_path(path: str | Path) -> Path:
    """The path a file can be written to, or the error saying why not (a folder, a missing
    folder); asked before long work, so a job is not run for a file that cannot be saved."""
    target = Path(path)
    if target.is_dir():
        raise InvalidInput(
            "export.output_is_folder",
            "{path} is a folder: give a file name inside it",
            path=str(target),
        )
    if not target.parent.is_dir():
        raise NotFound(
            "export.output_folder_missing",
            "folder {folder} does not exist: create it first",
            folder=str(target.parent),
        )
    return target


def save_export(data: bytes, path: str | Path) -> Path:
    """Write data to path atomically (temporary file beside it, fsync, rename): either
    the whole new file is there, or the old one (if any) is left as it was."""
    target = check_output_path(path)
    folder = target.parent
    _remove_parts_of_gone_processes(target)
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f"{_part_prefix(target)}{this_host()}-{os.getpid()}.",
            suffix=_PART_SUFFIX,
            dir=folder,
        )
    except OSError as error:
        raise InvalidInput(
            "export.output_not_writable",
            "cannot write in {folder} ({reason})",
            folder=str(folder),
            reason=error.strerror or str(error),
        ) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise InvalidInput(
                "export.output_not_writable",
                "cannot write in {folder} ({reason})",
                folder=str(folder),
                reason=error.strerror or str(error),
            ) from None
        raise
    _sync_folder(folder)
    return target


_PART_SUFFIX = ".part"


def _part_prefix(target: Path) -> str:
    return f".{target.name}."


def _remove_parts_of_gone_processes(target: Path) -> None:
    """Delete the temporary files killed exports to target left behind.

    Only those of processes of this machine that no longer exist: another export to the
    same name, running now (here or on another machine sharing the folder), keeps its own.
    """
    prefix = _part_prefix(target)
    for part in target.parent.glob(f"{glob.escape(prefix)}*{_PART_SUFFIX}"):
        owner = part.name[len(prefix) : -len(_PART_SUFFIX)].rpartition(".")[0]
        host, _, pid = owner.rpartition("-")
        if pid.isdigit() and process_is_gone(host, int(pid)):
            part.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a platform without folder handles skips it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
