"""Source page: import a Vietnamese document after previewing its segmentation, keep the
project's segmentation rules, see each document's repair report, merge and split segments.

Merge and split run in button callbacks bound to the versions the page showed, so a
segment someone changed after the page was drawn is a visible conflict, never a silent
overwrite. Results and errors are queued and shown next to the controls on the rerun.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import streamlit as st

from primitives.errors import SongnguError
from ui.auth import as_signed_in
from ui.components.messages import push_message, show_messages
from ui.components.tm_panel import tm_admin
from ui.components.update_report import update_report_tables
from ui.state import current_project_id, database, error_text, show_error, sidebar, t
from workflow.document_metadata import document_metadata
from workflow.import_preview import SegmentationPreview, preview_segmentation
from workflow.importing import import_file, is_xliff, project_rules
from workflow.models import Segment
from workflow.project_rules import RulesDifference, reset_project_rules, save_project_rules
from workflow.projects import get_project
from workflow.reimport import latest_imports
from workflow.segment_flags import do_not_translate, needs_split, split_limit
from workflow.segment_structure import merge_segments, split_segment
from workflow.segments import list_segments
from workflow.users import Actor
from workflow.vietnamese.segmentation_rules import SegmentationRules
from workflow.xliff_import import XliffImportOutcome

PREVIEW_ROWS = 500
CELL_CHARS = 300  # a source in a table cell, at most
FOLD_CHARS = 600  # the beginning of a folded long segment
WHOLE_CHARS = 50_000  # the most of one segment sent to the browser
MESSAGES = "source_messages"  # + area: messages queued by callbacks, shown on the rerun
RULE_FIELDS = (
    ("abbreviations", "rules_abbreviations"),
    ("heading_words", "rules_heading_words"),
    ("no_break_patterns", "rules_no_break"),
    ("break_patterns", "rules_break"),
)


@dataclass(frozen=True)
class PendingSource:
    """The file or pasted text the user is about to import."""

    data: bytes
    filename: str
    title: str | None


@dataclass(frozen=True)
class DocumentSegments:
    """A document's title and its segments in order, as read for this run of the page."""

    title: str
    segments: list[Segment]


# --- import with preview ----------------------------------------------------------------


def _show_xliff(outcome: XliffImportOutcome, dry_run: bool) -> None:
    for document in outcome.documents:
        report = document.report
        if document.stored is None:
            line = t(
                "xliff_round_trip",
                title=document.title,
                applied=len(report.applied),
                unchanged=report.unchanged,
                conflicts=len(report.conflicts),
            )
        else:
            line = t(
                "xliff_new_document",
                title=document.title,
                segments=document.stored.segments,
                applied=len(report.applied),
                conflicts=len(report.conflicts),
            )
        (st.warning if report.conflicts else st.success)(line)
        update_report_tables(report)
    for line in outcome.warnings:
        st.write(f"• {line}")
    if dry_run:
        st.info(t("xliff_dry_run_done"))


def _import(actor: Actor, pending: PendingSource, dry_run: bool = False) -> None:
    try:
        with database().write() as session:
            project = get_project(session, current_project_id())
            outcome = import_file(
                session,
                actor,
                project,
                pending.data,
                pending.filename,
                title=pending.title,
                dry_run=dry_run,
            )
    except SongnguError as error:
        show_error(error)
        return
    if isinstance(outcome, XliffImportOutcome):
        _show_xliff(outcome, dry_run)
        return
    st.success(
        t("imported", title=outcome.title, segments=outcome.segments, revision=outcome.revision)
    )
    if outcome.revision > 1:
        st.info(
            t(
                "import_changes",
                revision=outcome.revision,
                unchanged=outcome.unchanged,
                changed=outcome.changed,
                added=outcome.added,
                removed=outcome.removed,
            )
        )
        if outcome.moved:
            st.info(t("import_moved", moved=outcome.moved))
        st.info(t("kept_translations", count=outcome.reused_translations))
    if outcome.needs_split:
        st.warning(t("import_needs_split", count=len(outcome.needs_split), limit=split_limit()))
    if outcome.do_not_translate:
        st.info(t("import_do_not_translate", count=outcome.do_not_translate))
    for line in outcome.repair_lines + outcome.warnings:
        st.write(f"• {line}")


@st.cache_data(max_entries=4, show_spinner=False)
def _cached_preview(data: bytes, filename: str, rules_json: str) -> SegmentationPreview:
    # Keyed by the bytes and the rules, so a big file is not read again on every rerun.
    return preview_segmentation(data, filename, SegmentationRules.from_dict(json.loads(rules_json)))


def _preview(pending: PendingSource, rules: SegmentationRules) -> None:
    st.subheader(t("preview_header"))
    try:
        preview = _cached_preview(
            pending.data, pending.filename, json.dumps(rules.to_dict(), ensure_ascii=False)
        )
    except SongnguError as error:
        show_error(error)
        return
    st.caption(t("preview_summary", paragraphs=preview.paragraphs, segments=len(preview.sentences)))
    for line in preview.repair_lines + preview.warnings:
        st.caption(f"• {line}")
    rows = [
        {t("col_paragraph"): sentence.paragraph + 1, t("col_source"): folded_cell(sentence.text)}
        for sentence in preview.sentences[:PREVIEW_ROWS]
    ]
    st.dataframe(rows, hide_index=True, width="stretch")
    if len(preview.sentences) > PREVIEW_ROWS:
        st.caption(t("preview_truncated", shown=PREVIEW_ROWS))


def _pending_source() -> PendingSource | None:
    uploaded = st.file_uploader(
        t("upload"), type=["docx", "txt", "md", "xlf", "xliff"], key="upload"
    )
    with st.expander(t("paste")):
        pasted_title = st.text_input(t("paste_title"), key="paste_title")
        pasted = st.text_area(t("paste"), key="paste_text", height=200)
    if uploaded is not None:
        return PendingSource(uploaded.getvalue(), uploaded.name, None)
    if pasted.strip():
        return PendingSource(pasted.encode("utf-8"), "pasted.txt", pasted_title or None)
    return None


# --- project rules ----------------------------------------------------------------------


def _rules_key(field_name: str) -> str:
    return f"rules-{field_name}-{st.session_state.get('rules_generation', 0)}"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@as_signed_in
def _save_rules(actor: Actor, project_id: int, keys: dict[str, str]) -> None:
    try:
        rules = SegmentationRules.from_dict(
            {name: _lines(st.session_state.get(key, "")) for name, key in keys.items()}
        )
        with database().write() as session:
            save_project_rules(session, actor, get_project(session, project_id), rules)
    except SongnguError as error:
        push_message(f"{MESSAGES}-rules", "error", error_text(error))
        return
    push_message(f"{MESSAGES}-rules", "success", t("rules_saved"))
    st.session_state["rules_generation"] = st.session_state.get("rules_generation", 0) + 1


@as_signed_in
def _reset_rules(actor: Actor, project_id: int) -> None:
    try:
        with database().write() as session:
            reset_project_rules(session, actor, get_project(session, project_id))
    except SongnguError as error:
        push_message(f"{MESSAGES}-rules", "error", error_text(error))
        return
    push_message(f"{MESSAGES}-rules", "success", t("rules_saved"))
    st.session_state["rules_generation"] = st.session_state.get("rules_generation", 0) + 1


def _rules_editor(actor: Actor, project_id: int, rules: SegmentationRules) -> None:
    # Open when a save just happened, so its message is seen.
    with st.expander(t("rules_header"), expanded=bool(st.session_state.get(f"{MESSAGES}-rules"))):
        show_messages(f"{MESSAGES}-rules")
        difference = RulesDifference.from_defaults(rules)
        if difference.is_empty:
            st.caption(t("rules_default"))
        else:
            st.caption(t("rules_changed"))
            for line in difference.lines():
                st.caption(f"• {line}")
        stored = rules.to_dict()
        keys = {name: _rules_key(name) for name, _ in RULE_FIELDS}
        for name, label in RULE_FIELDS:
            st.text_area(t(label), value="\n".join(stored[name]), key=keys[name], height=120)
        save_column, reset_column = st.columns(2)
        save_column.button(
            t("rules_save"), key="rules_save", on_click=_save_rules, args=(actor, project_id, keys)
        )
        reset_column.button(
            t("rules_reset"), key="rules_reset", on_click=_reset_rules, args=(actor, project_id)
        )


# --- merge and split --------------------------------------------------------------------


@as_signed_in
def _merge(actor: Actor, project_id: int, first: tuple[int, int], second: tuple[int, int]) -> None:
    try:
        with database().write() as session:
            merged = merge_segments(
                session,
                actor,
                first[0],
                second_id=second[0],
                expected_versions=(first[1], second[1]),
                project=get_project(session, project_id),
            )
            push_message(f"{MESSAGES}-tools", "success", t("merged", id=merged.id))
    except SongnguError as error:
        push_message(f"{MESSAGES}-tools", "error", error_text(error))


@as_signed_in
def _split(
    actor: Actor, project_id: int, segment_id: int, version: int, keys: tuple[str, str]
) -> None:
    before = (st.session_state.get(keys[0]) or "").strip()
    offset = int(st.session_state.get(keys[1]) or 0)
    if not before and offset <= 0:
        push_message(f"{MESSAGES}-tools", "error", t("split_where"))
        return
    try:
        with database().write() as session:
            first, second = split_segment(
                session,
                actor,
                segment_id,
                offset=None if before else offset,
                before=before or None,
                expected_version=version,
                project=get_project(session, project_id),
            )
            push_message(
                f"{MESSAGES}-tools", "success", t("split_done", first=first.id, second=second.id)
            )
    except SongnguError as error:
        push_message(f"{MESSAGES}-tools", "error", error_text(error))


def folded_cell(source: str) -> str:
    """A source as a table cell: a very long one cut, so a page never carries megabytes."""
    return source if len(source) <= CELL_CHARS else source[: CELL_CHARS - 1] + "…"


def _flag_text(flags: dict | None) -> str:
    marks = []
    if needs_split(flags):
        marks.append(t("flag_needs_split"))
    if do_not_translate(flags):
        marks.append(t("flag_do_not_translate"))
    return ", ".join(marks)


def folded_source(source: str, limit: int) -> None:
    """A segment's source; one over the limit folded: its beginning, a length warning,
    and the whole (up to WHOLE_CHARS) in a closed expander."""
    if len(source) <= limit:
        st.text(source)
        st.caption(t("source_length", count=len(source)))
        return
    st.warning(t("source_folded", count=len(source), limit=limit))
    st.text(source[:FOLD_CHARS] + "…")
    with st.expander(t("source_show_whole")):
        st.text(source[:WHOLE_CHARS])
        if len(source) > WHOLE_CHARS:
            st.caption(t("source_whole_cut", shown=WHOLE_CHARS, count=len(source)))


def _segment_label(segment: Segment) -> str:
    text = segment.source if len(segment.source) <= 80 else segment.source[:79] + "…"
    return f"#{segment.position} · {segment.id} · {text}"


def _segment_tools(actor: Actor, project_id: int, documents: dict[int, DocumentSegments]) -> None:
    st.subheader(t("segment_tools"))
    show_messages(f"{MESSAGES}-tools")
    document_id = st.selectbox(
        t("document"),
        list(documents),
        format_func=lambda key: documents[key].title,
        key="tools_document",
    )
    segments = documents[document_id].segments
    if not segments:
        return
    labels = {s.id: _segment_label(s) for s in segments}
    chosen_id = st.selectbox(
        t("choose_segment"), list(labels), format_func=labels.__getitem__, key="tools_segment"
    )
    index = next(i for i, s in enumerate(segments) if s.id == chosen_id)
    chosen = segments[index]
    following = segments[index + 1] if index + 1 < len(segments) else None
    folded_source(chosen.source, split_limit())
    if following is None:
        st.caption(t("merge_last"))
    else:
        st.button(
            t("merge_next"),
            key="merge_next",
            on_click=_merge,
            args=(
                actor,
                project_id,
                (chosen.id, chosen.version),
                (following.id, following.version),
            ),
        )
    # Keyed by segment and version: a changed segment gets empty inputs with fitting bounds.
    keys = (f"split-before-{chosen.id}-{chosen.version}", f"split-at-{chosen.id}-{chosen.version}")
    before_column, offset_column = st.columns([3, 1])
    before_column.text_input(t("split_before"), key=keys[0])
    offset_column.number_input(
        t("split_offset"), min_value=0, max_value=max(0, len(chosen.source) - 1), key=keys[1]
    )
    st.button(
        t("split"),
        key="split",
        on_click=_split,
        args=(actor, project_id, chosen.id, chosen.version, keys),
    )


# --- the page ---------------------------------------------------------------------------


def _documents(project_id: int) -> dict[int, DocumentSegments]:
    """Show each document with its repair report and segments; returns them by id."""
    with database().read() as session:
        project = get_project(session, project_id)
        documents = list(project.documents)
        if not documents:
            st.info(t("no_documents"))
            return {}
        # One query for the whole project on every rerun, shared with the segment tools.
        by_document: dict[int, list[Segment]] = {document.id: [] for document in documents}
        for segment in list_segments(session, project):
            by_document[segment.document_id].append(segment)
        imports = latest_imports(session, [document.id for document in documents])
        st.subheader(t("documents"))
        for document in documents:
            segments = by_document[document.id]
            title = document_metadata(document).title
            named = title if title == document.title else f"{title} ({document.title})"
            with st.expander(t("document_segments", title=named, count=len(segments))):
                last = imports.get(document.id)
                if last is not None and last.revision > 1:
                    st.caption(
                        t(
                            "last_import",
                            revision=last.revision,
                            user=last.imported_by,
                            at=f"{last.imported_at:%Y-%m-%d %H:%M}",
                            unchanged=last.unchanged,
                            changed=last.changed,
                            added=last.added,
                            removed=last.removed,
                            moved=last.moved,
                        )
                    )
                lines = document.repair_report.get("lines", []) + document.repair_report.get(
                    "warnings", []
                )
                if lines:
                    st.caption(t("repair_report"))
                    for line in lines:
                        st.write(f"• {line}")
                st.dataframe(
                    [
                        {
                            t("col_id"): s.id,
                            "#": s.position,
                            t("col_source"): folded_cell(s.source),
                            t("col_length"): len(s.source),
                            t("col_flag"): _flag_text(s.flags),
                        }
                        for s in segments
                    ],
                    hide_index=True,
                    width="stretch",
                )
        return {
            document.id: DocumentSegments(document.title, by_document[document.id])
            for document in documents
        }


def render() -> None:
    actor = sidebar()
    st.title(t("source_header"))
    project_id = current_project_id()
    if project_id is None:
        st.warning(t("choose_project_first"))
        return
    pending = _pending_source()
    try:
        with database().read() as session:
            rules = project_rules(get_project(session, project_id))
    except SongnguError as error:  # stored rules that no longer load: say so, use defaults
        show_error(error)
        rules = SegmentationRules.default()
    xliff = pending is not None and is_xliff(pending.filename)
    dry_run = False
    if xliff:  # units are segments already: no segmentation to preview
        st.caption(t("xliff_note"))
        dry_run = st.checkbox(t("xliff_dry_run"), key="xliff_dry_run")
    elif pending is not None:
        _preview(pending, rules)
    if st.button(t("import"), type="primary"):
        if pending is None:
            st.error(t("nothing_to_import"))
        else:
            _import(actor, pending, dry_run)
    _rules_editor(actor, project_id, rules)
    tm_admin(project_id, actor)
    documents = _documents(project_id)
    if documents:
        _segment_tools(actor, project_id, documents)
