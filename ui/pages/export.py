"""Export page: a document's metadata, the readiness checklist, every registered format
built on click and offered for download, and the bilingual review table read back.

The metadata form is saved in its submit button's callback with the metadata the form
was drawn with, so a change someone made meanwhile is refused, never overwritten; the
form then shows what is stored. Files are built only when asked (a button per format)
and kept for download until the choice (format, scope, unfinished segments) changes.
The review upload applies nothing until its button is pressed, and can be a dry run.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from exporters.registry import Format
from primitives.errors import Conflict, SongnguError
from ui.auth import as_signed_in
from ui.components.job_progress import is_active, job_progress
from ui.components.messages import push_message, show_messages
from ui.components.update_report import update_report_tables
from ui.state import (
    current_project_id,
    database,
    error_text,
    job_runner,
    show_error,
    sidebar,
    t,
)
from ui.strings import STRINGS
from workflow.document_metadata import FIELD_NAMES, DocumentMetadata, document_metadata
from workflow.document_metadata import set_document_metadata as store_metadata
from workflow.export_job import create_export_job, job_output
from workflow.exports import (
    PENDING_CHOICES,
    ExportReadiness,
    ExportRequest,
    build_export,
    export_formats,
    export_readiness,
    record_export,
)
from workflow.jobs import JobState, get_job, job_error
from workflow.models import Document
from workflow.permissions import Action, allowed
from workflow.projects import get_project
from workflow.review_import import ReviewImportOutcome, import_review
from workflow.runners import REDIS_RUNNER, active_runner
from workflow.users import Actor

MESSAGES = "export_messages"  # + area: messages queued by callbacks, shown on the rerun
PREPARED = "export_prepared"  # format name -> (choice, file name, bytes, notes)
# With the Redis runner, a file is built by a queue worker: format name -> (choice, job id)
QUEUED = "export_queued"
WHOLE_PROJECT = 0  # the scope selector's value for every document
_MIME = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlf": "application/x-xliff+xml",
    ".tmx": "application/x-tmx+xml",
    ".tbx": "application/x-tbx+xml",
    ".xml": "application/xml",
    ".csv": "text/csv",
    ".tsv": "text/tab-separated-values",
}
# Fields shown in a wider box.
_LONG_FIELDS = frozenset({"title", "description"})


@dataclass(frozen=True)
class Choice:
    """What a prepared file was built for: a format, a scope and the unfinished handling."""

    format: str
    document_id: int
    pending: str


# --- metadata ------------------------------------------------------------------------------


def _meta_key(document_id: int, name: str) -> str:
    generation = st.session_state.get(f"meta-generation-{document_id}", 0)
    return f"meta-{document_id}-{name}-{generation}"


def _redraw_form(document_id: int) -> None:
    """The form's next draw shows the stored metadata (new widget keys)."""
    key = f"meta-generation-{document_id}"
    st.session_state[key] = st.session_state.get(key, 0) + 1


@as_signed_in
def _save_metadata(actor: Actor, document_id: int, seen: DocumentMetadata) -> None:
    changes = {
        name: st.session_state.get(_meta_key(document_id, name), getattr(seen, name))
        for name in FIELD_NAMES
    }
    changes = {name: value for name, value in changes.items() if value != getattr(seen, name)}
    if not changes:
        push_message(f"{MESSAGES}-meta", "info", t("meta_unchanged"))
        return
    try:
        with database().write() as session:
            store_metadata(session, actor, document_id, changes, seen=seen)
    except Conflict as error:
        push_message(f"{MESSAGES}-meta", "error", error_text(error))
        _redraw_form(document_id)
        return
    except SongnguError as error:
        push_message(f"{MESSAGES}-meta", "error", error_text(error))
        return
    push_message(f"{MESSAGES}-meta", "success", t("meta_saved"))
    _redraw_form(document_id)


def _metadata_form(actor: Actor, documents: list[Document]) -> None:
    st.subheader(t("meta_header"))
    show_messages(f"{MESSAGES}-meta")
    titles = {document.id: document.title for document in documents}
    document_id = st.selectbox(
        t("document"), list(titles), format_func=titles.__getitem__, key="meta_document"
    )
    with database().read() as session:
        metadata = document_metadata(session.get(Document, document_id))
    can_edit = allowed(actor.role, Action.MANAGE_PROJECT)
    with st.form(f"meta-form-{document_id}"):
        for name in FIELD_NAMES:
            label = t(f"meta_{name}")
            key = _meta_key(document_id, name)
            if name in _LONG_FIELDS:
                st.text_area(
                    label, getattr(metadata, name), key=key, height=68, disabled=not can_edit
                )
            else:
                st.text_input(label, getattr(metadata, name), key=key, disabled=not can_edit)
        st.form_submit_button(
            t("meta_save"),
            disabled=not can_edit,
            on_click=_save_metadata,
            args=(actor, document_id, metadata),
        )
    st.caption(t("meta_help") if can_edit else t("meta_read_only"))


# --- readiness -----------------------------------------------------------------------------


def _readiness(readiness: ExportReadiness) -> None:
    st.subheader(t("readiness_header"))
    rows = [
        {
            t("document"): document.title,
            t("segments"): document.segments,
            t("readiness_untranslated"): document.untranslated,
            t("readiness_not_approved"): document.not_approved,
            t("readiness_qa_errors"): document.open_qa_errors,
            t("readiness_qa_warnings"): document.open_qa_warnings,
            t("readiness_qa_unchecked"): document.qa_unchecked,
        }
        for document in readiness.documents
    ]
    st.dataframe(rows, hide_index=True, width="stretch")
    if readiness.not_approved:
        st.warning(t("readiness_some_not_approved", count=readiness.not_approved))
    else:
        st.success(t("readiness_all_approved"))
    counts = {"errors": readiness.open_qa_errors, "unchecked": readiness.qa_unchecked}
    if readiness.qa_blocked:
        st.error(t("readiness_qa_blocked", **counts))
    elif readiness.open_qa_errors or readiness.qa_unchecked:
        st.warning(t("readiness_qa_errors_open", **counts))
    else:
        st.success(t("readiness_qa_clear"))
    if readiness.open_qa_warnings:
        st.info(t("readiness_qa_warnings_open", count=readiness.open_qa_warnings))
    st.caption(t(f"readiness_qa_policy_{readiness.qa_policy}"))


# --- formats -------------------------------------------------------------------------------


def format_label(fmt: Format) -> str:
    """A format's name for people, in the interface language (its own label otherwise)."""
    key = f"export_format_{fmt.name.replace('-', '_')}"
    return t(key) if key in STRINGS else fmt.label


@as_signed_in
def _prepare(actor: Actor, project_id: int, choice: Choice) -> None:
    request = ExportRequest(
        choice.format, None if choice.document_id == WHOLE_PROJECT else choice.document_id,
        choice.pending,
    )  # fmt: skip
    if active_runner() == REDIS_RUNNER:
        _queue(actor, project_id, choice, request)
        return
    try:
        with database().write() as session:
            project = get_project(session, project_id)
            exported = build_export(session, actor, project, request)
            record_export(session, actor, project, exported)
    except SongnguError as error:
        push_message(f"{MESSAGES}-{choice.format}", "error", error_text(error))
        return
    _prepared(choice, exported.filename, exported.data, exported.notes, exported.validated)


def _prepared(choice: Choice, name: str, data: bytes, notes: list[str], validated: bool) -> None:
    st.session_state.setdefault(PREPARED, {})[choice.format] = (choice, name, data, notes)
    push_message(
        f"{MESSAGES}-{choice.format}",
        "success",
        t("export_ready_valid" if validated else "export_ready", file=name, size=f"{len(data):,}"),
    )


def _queue(actor: Actor, project_id: int, choice: Choice, request: ExportRequest) -> None:
    """Queue the file as an export job for the workers (the page follows it)."""
    try:
        with database().write() as session:
            job_id = create_export_job(session, actor, get_project(session, project_id), request).id
        job_runner().submit(job_id)
    except SongnguError as error:
        push_message(f"{MESSAGES}-{choice.format}", "error", error_text(error))
        return
    st.session_state.setdefault(QUEUED, {})[choice.format] = (choice, job_id)


def _follow_queued(actor: Actor, choice: Choice) -> bool:
    """The progress of this choice's export job while it runs (True); once it ended, its
    file offered like one built here, or why there is none."""
    queued = st.session_state.get(QUEUED, {}).get(choice.format)
    if queued is None or queued[0] != choice:
        return False
    job_id = queued[1]
    output = error = None
    try:
        with database().read() as session:
            job = get_job(session, job_id)
            if is_active(job):
                running = True
            else:
                running = False
                error = job_error(job)
                if job.state == JobState.SUCCEEDED:
                    output = job_output(session, actor, job_id)
    except SongnguError as refused:  # the job was deleted meanwhile
        running, error = False, refused
    if running:
        job_progress(actor, job_id, "export")
        return True
    del st.session_state[QUEUED][choice.format]
    if output is not None:
        result = output.result
        _prepared(choice, result.filename, output.data, result.notes, result.validated)
    else:
        message = error_text(error) if error is not None else t("export_job_stopped", id=job_id)
        push_message(f"{MESSAGES}-{choice.format}", "error", message)
    return False


def _formats(actor: Actor, project_id: int, documents: list[Document]) -> None:
    st.subheader(t("export_formats_header"))
    scopes = {WHOLE_PROJECT: t("export_whole_project")}
    scopes |= {document.id: document.title for document in documents}
    document_id = st.selectbox(
        t("export_scope"), list(scopes), format_func=scopes.__getitem__, key="export_scope"
    )
    can_export = allowed(actor.role, Action.EXPORT)
    if not can_export:
        st.info(t("export_not_allowed"))
    if active_runner() == REDIS_RUNNER:
        st.caption(t("export_on_workers"))
    for fmt in export_formats():
        with st.container(border=True):
            st.markdown(f"**{format_label(fmt)}**")
            help_key = f"export_help_{fmt.name.replace('-', '_')}"
            if help_key in STRINGS:
                st.caption(t(help_key))
            pending = "refuse"
            if fmt.name == "docx":
                labels = {choice: t(f"export_pending_{choice}") for choice in PENDING_CHOICES}
                pending = st.radio(
                    t("export_pending"),
                    list(labels),
                    format_func=labels.__getitem__,
                    key="export_pending",
                    horizontal=True,
                )
            choice = Choice(fmt.name, document_id, pending)
            building = _follow_queued(actor, choice)
            show_messages(f"{MESSAGES}-{fmt.name}")
            st.button(
                t("export_prepare"),
                key=f"export-prepare-{fmt.name}",
                on_click=_prepare,
                args=(actor, project_id, choice),
                disabled=not can_export or building,
            )
            prepared = st.session_state.get(PREPARED, {}).get(fmt.name)
            if prepared is not None and prepared[0] == choice:
                _, name, data, notes = prepared
                for note in notes:
                    st.caption(f"• {note}")
                st.download_button(
                    t("export_download", file=name),
                    data=data,
                    file_name=name,
                    mime=_MIME.get(fmt.extensions[0], "application/octet-stream"),
                    key=f"export-download-{fmt.name}",
                )


# --- review re-import ---------------------------------------------------------------------


def _show_review(outcome: ReviewImportOutcome) -> None:
    report = outcome.report
    line = t(
        "reimport_outcome",
        file=outcome.filename,
        export=outcome.export_id or "?",
        at=outcome.exported_at or "?",
        applied=len(report.applied),
        unchanged=report.unchanged,
        conflicts=len(report.conflicts),
    )
    (st.warning if report.conflicts else st.success)(line)
    for older in outcome.older:
        st.warning(
            t(
                "reimport_older_export",
                title=older.title,
                exported=older.exported_revision,
                current=older.current_revision,
            )
        )
    update_report_tables(report)
    if outcome.dry_run:
        st.info(t("reimport_dry_run_done"))


def _review_import(actor: Actor, project_id: int) -> None:
    st.subheader(t("reimport_header"))
    st.caption(t("reimport_note"))
    uploaded = st.file_uploader(t("reimport_upload"), type=["docx"], key="review_upload")
    dry_run = st.checkbox(t("reimport_dry_run"), key="review_dry_run")
    as_draft = st.checkbox(t("reimport_as_draft"), key="review_as_draft")
    can_import = allowed(actor.role, Action.EDIT)
    if not st.button(t("reimport_import"), key="review_import", disabled=not can_import):
        return
    if uploaded is None:
        st.error(t("reimport_no_file"))
        return
    try:
        with database().write() as session:
            outcome = import_review(
                session,
                actor,
                get_project(session, project_id),
                uploaded.getvalue(),
                uploaded.name,
                dry_run=dry_run,
                as_draft=as_draft,
            )
    except SongnguError as error:
        show_error(error)
        return
    _show_review(outcome)


# --- the page ------------------------------------------------------------------------------


def render() -> None:
    actor = sidebar()
    st.title(t("export_header"))
    project_id = current_project_id()
    if project_id is None:
        st.warning(t("choose_project_first"))
        return
    with database().read() as session:
        project = get_project(session, project_id)
        documents = list(project.documents)
        for document in documents:
            session.expunge(document)
        readiness = export_readiness(session, project)
    if documents:
        _metadata_form(actor, documents)
        _readiness(readiness)
    else:
        st.info(t("no_documents"))  # the TM and the glossary can still be exported
    _formats(actor, project_id, documents)
    if documents:
        _review_import(actor, project_id)
