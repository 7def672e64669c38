"""Glossary page: search, add, edit and delete terms of one glossary of the current project
(its own, its partner's or the global one); import a CSV/TSV/TBX file; export.

Every change runs in a button callback, before the page is drawn again, so the table
below always shows the stored state. An edit or delete carries the version of the term
the form was drawn with (remembered across reruns, not re-read), so a term someone changed
meanwhile is a visible conflict, never an overwrite. Export files are built on click.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from exporters.glossary_csv import VARIANT_SEPARATOR
from primitives.errors import SongnguError
from primitives.terms import GlossaryEntry, TermStatus
from ui.auth import as_signed_in
from ui.components.messages import MessageKind, push_message, show_messages
from ui.state import current_project_id, database, error_text, sidebar, t
from workflow.exports import record_file_export
from workflow.glossary.files import read_glossary_bytes
from workflow.glossary.store import (
    EFFECTIVE,
    EXPORT_FORMATS,
    StoredTerm,
    add_term,
    delete_term,
    edit_term,
    export_glossary,
    import_terms,
    list_terms,
    search_filter,
    shipped_entries,
    stored_term,
)
from workflow.permissions import Action, allowed
from workflow.projects import get_project
from workflow.users import Actor

MAX_ROWS = 1000
MESSAGES = "glossary_messages"
EXPORT = "glossary_export"  # (choice, file name, bytes) of the last file built
_MIME = {"csv": "text/csv", "tsv": "text/tab-separated-values", "tbx": "application/x-tbx+xml"}
STATUSES = tuple(TermStatus)


@dataclass(frozen=True)
class TermForm:
    """The widget keys of one term form (add, or edit of one term at one version)."""

    prefix: str

    def key(self, field: str) -> str:
        return f"{self.prefix}-{field}"

    def entry(self) -> GlossaryEntry:
        state = st.session_state
        status_label = state[self.key("status")]
        return GlossaryEntry(
            source=state[self.key("source")],
            target=state[self.key("target")],
            status=STATUSES[_status_labels().index(status_label)],
            variants=tuple(state[self.key("variants")].split(VARIANT_SEPARATOR)),
            note=state[self.key("note")],
            case_sensitive=state[self.key("case_sensitive")],
        )


def _status_labels() -> list[str]:
    # Options are the translated labels themselves (a format_func reading the session's
    # language would run outside the session under AppTest).
    return [t(f"term_status_{status.value}") for status in STATUSES]


def _push(kind: MessageKind, message: str) -> None:
    push_message(MESSAGES, kind, message)


def _changed(message: str) -> None:
    """Report a change; a file prepared for download before it is out of date now."""
    st.session_state.pop(EXPORT, None)
    _push("success", message)


def _report(error: SongnguError) -> None:
    """A refusal in the user's language; a stale edit's message quotes both terms."""
    _push("error", error_text(error))


# --- actions (button callbacks) ----------------------------------------------------------


@as_signed_in
def _add(actor: Actor, project_id: int, scope: str, form: TermForm) -> None:
    try:
        entry = form.entry()
        with database().write() as session:
            term = add_term(session, actor, get_project(session, project_id), entry, scope=scope)
    except SongnguError as error:
        _report(error)
        return
    _changed(t("glossary_added", id=term.id, source=term.entry.source, target=term.entry.target))
    for field in ("source", "target", "variants", "note"):
        st.session_state[form.key(field)] = ""


@as_signed_in
def _save(actor: Actor, project_id: int, term_id: int, seen_version: int, form: TermForm) -> None:
    try:
        entry = form.entry()
        with database().write() as session:
            project = get_project(session, project_id)
            term = edit_term(session, actor, project, term_id, entry, expected_version=seen_version)
    except SongnguError as error:
        _report(error)
        return
    st.session_state[_shown_key(term_id)] = term.version
    _changed(t("glossary_saved", id=term.id, version=term.version))


@as_signed_in
def _delete(actor: Actor, project_id: int, term_id: int, seen_version: int) -> None:
    try:
        with database().write() as session:
            project = get_project(session, project_id)
            delete_term(session, actor, project, term_id, expected_version=seen_version)
    except SongnguError as error:
        _report(error)
        return
    st.session_state.pop(_shown_key(term_id), None)
    _changed(t("glossary_deleted", id=term_id))


def _reload(term_id: int) -> None:
    st.session_state.pop(_shown_key(term_id), None)


@as_signed_in
def _import(actor: Actor, project_id: int, scope: str) -> None:
    uploaded = st.session_state.get("glossary_upload")
    if uploaded is None:
        _push("error", t("glossary_no_file"))
        return
    try:
        entries = read_glossary_bytes(uploaded.getvalue(), uploaded.name)
        with database().write() as session:
            outcome = import_terms(
                session,
                actor,
                get_project(session, project_id),
                entries,
                scope=scope,
                update_existing=not st.session_state.get("glossary_skip_existing", False),
            )
    except SongnguError as error:
        _report(error)
        return
    _changed(
        t(
            "glossary_imported",
            file=uploaded.name,
            added=outcome.added,
            updated=outcome.updated,
            unchanged=outcome.unchanged,
            skipped=outcome.skipped,
        )
    )


@as_signed_in
def _prepare_export(actor: Actor, project_id: int, choice: tuple[str, str]) -> None:
    what, file_format = choice
    try:
        with database().write() as session:  # the export is recorded in the audit log
            project = get_project(session, project_id)
            data = export_glossary(session, actor, project, scope=what, file_format=file_format)
            name = f"{project.name}-{what}-glossary.{file_format}"
            record_file_export(session, actor, project, "glossary", name)
    except SongnguError as error:
        _report(error)
        return
    st.session_state[EXPORT] = (choice, name, data)


# --- sections ------------------------------------------------------------------------------


def _shown_key(term_id: int) -> str:
    return f"glossary-shown-{term_id}"


def _term_fields(form: TermForm, entry: GlossaryEntry | None) -> None:
    """Inputs of a term form, filled from entry (blank for a new term)."""
    labels = _status_labels()
    status_index = STATUSES.index(entry.status) if entry else 0
    source_col, target_col, status_col = st.columns([3, 3, 2])
    source_col.text_input(
        t("col_term_source"), value=entry.source if entry else "", key=form.key("source")
    )
    target_col.text_input(
        t("col_term_target"), value=entry.target if entry else "", key=form.key("target")
    )
    status_col.selectbox(t("col_status"), labels, index=status_index, key=form.key("status"))
    variants_col, note_col, case_col = st.columns([3, 3, 2])
    variants_col.text_input(
        t("col_variants"),
        value=f" {VARIANT_SEPARATOR} ".join(entry.variants) if entry else "",
        help=t("glossary_variants_help"),
        key=form.key("variants"),
    )
    note_col.text_input(t("col_note"), value=entry.note if entry else "", key=form.key("note"))
    case_col.checkbox(
        t("col_case_sensitive"),
        value=entry.case_sensitive if entry else False,
        key=form.key("case_sensitive"),
    )


def _table(terms: list[StoredTerm]) -> None:
    if not terms:
        st.info(t("glossary_empty"))
        return
    st.caption(t("glossary_count", count=len(terms)))
    st.dataframe(
        [
            {
                t("col_id"): term.id,
                t("col_term_source"): term.entry.source,
                t("col_term_target"): term.entry.target,
                t("col_status"): t(f"term_status_{term.entry.status.value}"),
                t("col_variants"): " | ".join(term.entry.variants),
                t("col_note"): term.entry.note,
                t("col_version"): term.version,
            }
            for term in terms[:MAX_ROWS]
        ],
        hide_index=True,
        width="stretch",
    )
    if len(terms) > MAX_ROWS:
        st.caption(t("glossary_truncated", shown=MAX_ROWS))


def _shipped_table(entries: list[GlossaryEntry]) -> None:
    """The shipped official-names glossary, read-only (it is data, edited by release)."""
    st.caption(t("glossary_count", count=len(entries)))
    st.dataframe(
        [
            {
                t("col_term_source"): entry.source,
                t("col_term_target"): entry.target,
                t("col_status"): t(f"term_status_{entry.status.value}"),
                t("col_variants"): " | ".join(entry.variants),
                t("col_note"): " ".join(
                    part for part in (entry.note, entry.origin, entry.date) if part
                ),
            }
            for entry in entries[:MAX_ROWS]
        ],
        hide_index=True,
        width="stretch",
    )


def _add_section(actor: Actor, project_id: int, scope: str) -> None:
    with st.expander(t("glossary_add")):
        form = TermForm(f"glossary-add-{scope}")
        _term_fields(form, None)
        st.button(
            t("glossary_add"),
            key="glossary_add_button",
            on_click=_add,
            args=(actor, project_id, scope, form),
        )


def _edit_section(actor: Actor, project_id: int, terms: list[StoredTerm]) -> None:
    with st.expander(t("glossary_edit"), expanded=_shown_key_present(terms)):
        labels = {
            term.id: f"{term.id}: {term.entry.source} → {term.entry.target}" for term in terms
        }
        term_id = st.selectbox(
            t("glossary_choose_term"),
            list(labels),
            format_func=labels.__getitem__,
            key="glossary_edit_term",
        )
        if term_id is None:
            return
        try:
            with database().read() as session:
                current = stored_term(session, get_project(session, project_id), term_id)
        except SongnguError as error:
            st.error(error_text(error))
            return
        # The version the user is looking at is the one the form was first drawn with.
        seen_version = st.session_state.setdefault(_shown_key(term_id), current.version)
        if current.version != seen_version:
            st.warning(
                t("glossary_changed_meanwhile", user=current.updated_by, version=current.version)
            )
        form = TermForm(f"glossary-edit-{term_id}-{seen_version}")
        # Fields keep what the user typed across reruns (same keys); a new version gets new
        # keys, so Reload and a successful save show the stored term afresh.
        _term_fields(form, current.entry)
        save_col, delete_col, reload_col = st.columns(3)
        save_col.button(
            t("save"), key="glossary_save", type="primary", on_click=_save,
            args=(actor, project_id, term_id, seen_version, form),
        )  # fmt: skip
        delete_col.button(
            t("glossary_delete"), key="glossary_delete", on_click=_delete,
            args=(actor, project_id, term_id, seen_version),
        )  # fmt: skip
        reload_col.button(t("reload"), key="glossary_reload", on_click=_reload, args=(term_id,))


def _shown_key_present(terms: list[StoredTerm]) -> bool:
    return any(_shown_key(term.id) in st.session_state for term in terms)


def _import_section(actor: Actor, project_id: int, scope: str) -> None:
    with st.expander(t("glossary_import")):
        st.file_uploader(
            t("glossary_upload"), type=["csv", "tsv", "txt", "tbx", "xml"], key="glossary_upload"
        )
        st.checkbox(t("glossary_skip_existing"), key="glossary_skip_existing")
        st.button(
            t("import"),
            key="glossary_import_button",
            on_click=_import,
            args=(actor, project_id, scope),
        )


def _export_section(actor: Actor, project_id: int, scope: str) -> None:
    with st.expander(t("glossary_export")):
        contents = {t("glossary_export_scope"): scope, t("glossary_export_effective"): EFFECTIVE}
        what = contents[
            st.radio(t("glossary_export_what"), list(contents), key="glossary_export_what")
        ]
        file_format = st.selectbox(
            t("glossary_export_format"), EXPORT_FORMATS, key="glossary_export_format"
        )
        choice = (what, file_format)
        st.button(
            t("glossary_prepare"),
            key="glossary_prepare",
            on_click=_prepare_export,
            args=(actor, project_id, choice),
        )
        prepared = st.session_state.get(EXPORT)
        if prepared is not None and prepared[0] == choice:
            _, name, data = prepared
            st.download_button(
                t("glossary_download", file=name), data=data, file_name=name,
                mime=_MIME[file_format], key="glossary_download",
            )  # fmt: skip


SHIPPED = "shipped"  # the radio's value for the read-only shipped glossary


def render() -> None:
    actor = sidebar()
    st.title(t("glossary_header"))
    project_id = current_project_id()
    if project_id is None:
        st.warning(t("choose_project_first"))
        return
    with database().read() as session:
        project = get_project(session, project_id)
        partner = project.partner.name if project.partner else None
        shipped = shipped_entries(project)
    shipped_count = len(shipped)
    scope_labels = {
        t("scope_project", project=project.name): "project",
        **({t("scope_partner", partner=partner): "partner"} if partner else {}),
        t("scope_global"): "global",
        **({t("scope_shipped"): SHIPPED} if shipped_count else {}),
    }
    scope = scope_labels[
        st.radio(t("glossary_scope"), list(scope_labels), key="glossary_scope", horizontal=True)
    ]
    if shipped_count:
        st.caption(t("glossary_shipped", count=shipped_count))
    can_manage = allowed(actor.role, Action.MANAGE_GLOSSARY)
    if not can_manage:
        st.info(t("glossary_read_only"))
    show_messages(MESSAGES)
    search = st.text_input(t("glossary_search"), key="glossary_search")
    if scope == SHIPPED:
        matches = search_filter(search)
        _shipped_table([entry for entry in shipped if matches(entry)])
        return
    with database().read() as session:
        terms = list_terms(session, get_project(session, project_id), scope=scope, search=search)
    _table(terms)
    if can_manage:
        _add_section(actor, project_id, scope)
        if terms:
            _edit_section(actor, project_id, terms[:MAX_ROWS])
        _import_section(actor, project_id, scope)
    _export_section(actor, project_id, scope)
