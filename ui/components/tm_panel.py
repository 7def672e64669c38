"""Translation memory in the app: matches beside the segment editor, and TM administration.

``tm_panel`` shows the best matches for the segment being edited (in its document's
context), with what differs from the TM source marked: ~~deleted~~ words of the TM
source and **inserted** words of this segment, rendered by st.markdown from escaped text
(never HTML). "Use" writes the match into the target with the version the editor shows:
a stale version is a conflict with both texts, never an overwrite.

``tm_admin`` is the project's TM section: unit counts, the share/propagate options,
TMX import (all or nothing) and export (built on click, then downloaded).
"""

from __future__ import annotations

import streamlit as st

from primitives.errors import SongnguError
from primitives.statuses import Origin
from ui.auth import as_signed_in
from ui.components.glossary_panel import escape_markdown
from ui.components.messages import MessageKind, push_message, show_messages
from ui.state import database, error_text, t
from workflow.exports import record_file_export
from workflow.permissions import Action, allowed
from workflow.projects import get_project
from workflow.segments import edit_target, get_segment, segment_project
from workflow.tm.capture import propagated_repeats
from workflow.tm.diff import DiffSpan, diff_words
from workflow.tm.lookup import project_tm, segment_matches
from workflow.tm.model import TMMatch
from workflow.tm.settings import set_tm_settings, tm_settings
from workflow.tm.store import count_units
from workflow.tm.tmx_io import export_tmx, import_tmx
from workflow.users import Actor

MESSAGES = "tm_messages"
EXPORT = "tm_export"  # (project id, shared, file name, bytes) of the last prepared export
MAX_MATCHES = 5


def _push(kind: MessageKind, message: str) -> None:
    push_message(MESSAGES, kind, message)


# ---------------------------------------------------------------------------------------
# Matches beside the editor


def _marked(text: str, mark: str) -> str:
    """Escaped text inside a Markdown mark; spaces stay outside it (or it would not render)."""
    flat = text.replace("\n", " ")
    core = flat.strip()
    if not core:
        return flat
    start = flat.index(core)
    before, after = flat[:start], flat[start + len(core) :]
    return f"{before}{mark}{escape_markdown(core)}{mark}{after}"


def diff_markdown(spans: list[DiffSpan]) -> str:
    """Markdown of a word diff: ~~deleted~~, **inserted**, the rest escaped as it is."""
    parts: list[str] = []
    for op, text in spans:
        if op == "delete":
            parts.append(_marked(text, "~~"))
        elif op == "insert":
            parts.append(_marked(text, "**"))
        else:
            parts.append(escape_markdown(text.replace("\n", " ")))
    return "".join(parts)


def _heading(match: TMMatch, shared: bool) -> str:
    parts = [f"**{match.score:g}%**", t(f"tm_kind_{match.kind.replace('-', '_')}")]
    parts += [t(f"tm_penalty_{name.replace('-', '_')}") for name in match.penalties]
    if shared:
        parts.append(t("tm_shared"))
    return " · ".join(parts)


@as_signed_in
def _use(actor: Actor, segment_id: int, seen_version: int, target: str, state_key: str) -> None:
    try:
        with database().write() as session:
            saved = edit_target(
                session, actor, segment_id, target, expected_version=seen_version, origin=Origin.TM
            )
            version, text = saved.version, saved.target
    except SongnguError as error:  # a stale edit too: its message quotes both texts
        _push("error", error_text(error))
        return
    # The editor shows the version and text kept under state_key: it now shows the match.
    st.session_state[state_key] = (version, text)
    _push("success", t("tm_used", id=segment_id, version=version))


def tm_panel(segment_id: int, seen_version: int, actor: Actor, state_key: str) -> None:
    """TM matches for a segment; "Use" puts one in the target (origin TM, draft).

    seen_version is the version the editor shows; state_key is where the editor keeps the
    (version, target) it shows, updated here after a use so the editor shows the match.
    """
    st.markdown(f"**{t('tm_panel')}**")
    show_messages(MESSAGES)
    try:
        with database().read() as session:
            segment = get_segment(session, segment_id)
            memory = project_tm(session, segment_project(session, segment))
            matches = segment_matches(session, segment, memory=memory, limit=MAX_MATCHES)
            repeats = propagated_repeats(session, segment)
            source = segment.source
    except SongnguError as error:
        st.error(error_text(error))
        return
    if repeats:
        st.caption(t("tm_repeats_filled", count=repeats))
    if not matches:
        st.caption(t("tm_no_matches"))
        return
    for number, match in enumerate(matches):
        with st.container(border=True):
            st.markdown(_heading(match, memory.is_shared(match.unit)))
            st.markdown(diff_markdown(diff_words(match.unit.source, source)))
            st.markdown(escape_markdown(match.unit.target.replace("\n", " ")))
            where = [match.unit.origin, match.unit.created_by, match.unit.created_at[:10]]
            if any(where):
                st.caption(escape_markdown(" · ".join(part for part in where if part)))
            st.button(
                t("tm_use"),
                key=f"tm-use-{segment_id}-{number}",
                on_click=_use,
                args=(actor, segment_id, seen_version, match.unit.target, state_key),
            )


# ---------------------------------------------------------------------------------------
# Project TM administration


@as_signed_in
def _save_settings(actor: Actor, project_id: int) -> None:
    try:
        with database().write() as session:
            set_tm_settings(
                session,
                actor,
                get_project(session, project_id),
                share=bool(st.session_state.get(f"tm_share-{project_id}")),
                propagate=bool(st.session_state.get(f"tm_propagate-{project_id}")),
            )
    except SongnguError as error:
        _push("error", error_text(error))
        return
    _push("success", t("tm_settings_saved"))


@as_signed_in
def _import(actor: Actor, project_id: int) -> None:
    uploaded = st.session_state.get("tm_upload")
    if uploaded is None:
        _push("error", t("tm_no_file"))
        return
    try:
        with database().write() as session:
            outcome = import_tmx(
                session,
                actor,
                get_project(session, project_id),
                uploaded.getvalue(),
                uploaded.name,
                shared=bool(st.session_state.get("tm_import_shared")),
            )
    except SongnguError as error:
        _push("error", error_text(error))
        return
    _push(
        "success",
        t(
            "tm_imported",
            file=uploaded.name,
            added=outcome.added,
            updated=outcome.updated,
            duplicates=outcome.duplicates,
            other=outcome.skipped_other_language,
        ),
    )
    for warning in outcome.warnings:
        _push("warning", warning)


@as_signed_in
def _prepare_export(actor: Actor, project_id: int, shared: bool) -> None:
    try:
        with database().write() as session:  # the export is recorded in the audit log
            project = get_project(session, project_id)
            data = export_tmx(session, actor, project, shared=shared)
            name = "shared-tm.tmx" if shared else f"{project.name}-tm.tmx"
            record_file_export(session, actor, project, "shared TM" if shared else "TM", name)
    except SongnguError as error:
        _push("error", error_text(error))
        return
    st.session_state[EXPORT] = (project_id, shared, name, data)


def tm_admin(project_id: int, actor: Actor) -> None:
    """The project's TM: counts, options, TMX import and export."""
    try:
        with database().read() as session:
            project = get_project(session, project_id)
            counts = count_units(session, project)
            current = tm_settings(project)
    except SongnguError as error:
        st.error(error_text(error))
        return
    with st.expander(t("tm_admin")):
        show_messages(MESSAGES)
        st.caption(t("tm_counts", own=counts.project_units, shared=counts.shared_units))
        may_manage = allowed(actor.role, Action.MANAGE_PROJECT)
        st.checkbox(
            t("tm_share_setting"),
            value=current.share,
            key=f"tm_share-{project_id}",
            disabled=not may_manage,
        )
        st.checkbox(
            t("tm_propagate_setting"),
            value=current.propagate,
            key=f"tm_propagate-{project_id}",
            disabled=not may_manage,
        )
        st.button(
            t("tm_save_settings"),
            key="tm_save_settings",
            on_click=_save_settings,
            args=(actor, project_id),
            disabled=not may_manage,
        )
        st.divider()
        st.file_uploader(t("tm_upload"), type=["tmx", "xml"], key="tm_upload")
        st.checkbox(t("tm_into_shared"), key="tm_import_shared")
        st.button(
            t("tm_import"), key="tm_import_button", on_click=_import, args=(actor, project_id)
        )
        st.divider()
        shared = st.checkbox(t("tm_export_shared"), key="tm_export_shared")
        st.button(
            t("tm_prepare_export"),
            key="tm_prepare_export",
            on_click=_prepare_export,
            args=(actor, project_id, shared),
        )
        prepared = st.session_state.get(EXPORT)
        if prepared is not None and prepared[:2] == (project_id, shared):
            _, _, name, data = prepared
            st.download_button(
                t("tm_download", file=name),
                data=data,
                file_name=name,
                mime="application/x-tmx+xml",
                key="tm_download",
            )
