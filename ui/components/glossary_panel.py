"""Glossary panel beside the segment editor: the terms in the source and the target check.

What the panel shows is what MT is told (``workflow.protect``): places and compound names
whole ("thành phố Hải Phòng" → "Hai Phong City", never "Phòng" → "Division"), glossary
terms with the entry in force on the document's date, and whether each is kept fixed in
MT and why (which date decided it). The project's matcher comes from ``project_matcher``,
cached per project and rebuilt only when a term changes, so a rerun of the editor costs
one aggregate query and a scan. Glossary text is the users' own: it is shown in a table
or with Markdown escaped, never as HTML.
"""

from __future__ import annotations

import re

import streamlit as st

from primitives.errors import SongnguError
from primitives.terms import GlossaryEntry, TermStatus
from ui.auth import current_actor
from ui.components.messages import push_message, show_messages
from ui.state import database, error_text, t
from workflow.glossary.from_segment import add_term_from_segment
from workflow.glossary.target_check import IssueKind, TermIssue
from workflow.models import Document
from workflow.permissions import Action, allowed
from workflow.projects import get_project
from workflow.protect import Finding, Protector, Reason, project_protector, target_issues
from workflow.users import Actor

_MARKDOWN_SPECIAL_RE = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def escape_markdown(text: str) -> str:
    """text shown literally inside st.markdown / st.warning (no links, emphasis, emoji)."""
    return _MARKDOWN_SPECIAL_RE.sub(r"\\\1", text)


def _status_label(entry: GlossaryEntry) -> str:
    status = entry.status
    label = t(f"term_status_{status.value}")
    if status is TermStatus.FORBIDDEN:  # capitals stand out in any font; emoji may not render
        label = label.upper()
    if entry.valid_until:
        label += f" ({t('glossary_until', date=entry.valid_until)})"
    return label


def in_mt_label(finding: Finding) -> str:
    """Whether MT keeps the finding fixed and why, in the interface language."""
    reason = finding.reason
    if reason is Reason.PLACE and finding.date is not None:
        return t("fixed_reason_place_on_date", date=finding.date.isoformat())
    if reason is Reason.COMPOUND:
        parts = " + ".join(f"«{part.text}»" for part in finding.parts)
        return t("fixed_reason_compound", parts=parts)
    on = finding.date.isoformat() if finding.date else ""
    return t(f"fixed_reason_{reason.value}", date=on, until=finding.valid_until)


def _rows(findings: list[Finding], source: str, protector: Protector) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for finding in findings:
        if finding.kind == "name":
            continue
        entry = finding.entry
        note = entry.note if entry is not None else finding.place.note if finding.place else ""
        rows.append(
            {
                t("col_term_source"): finding.text,
                t("col_term_target"): finding.english,
                t("col_kind"): t(f"fixed_kind_{finding.kind}"),
                t("col_status"): _status_label(entry) if finding.from_glossary and entry else "",
                t("col_in_mt"): in_mt_label(finding),
                t("col_variants"): " | ".join(finding.variants),
                t("col_note"): note,
            }
        )
        # Forbidden wordings listed for the same words stay in view.
        for other in finding.alternatives:
            if other is not entry and other.status is TermStatus.FORBIDDEN:
                rows.append(_forbidden_row(finding.text, other))
    shown = {(f.start, f.end) for f in findings}
    for hit in protector.matcher.find(source):  # forbidden wordings inside longer names
        if hit.entry.status is TermStatus.FORBIDDEN and (hit.start, hit.end) not in shown:
            rows.append(_forbidden_row(hit.text, hit.entry))
    return rows


def _forbidden_row(text: str, entry: GlossaryEntry) -> dict[str, str]:
    return {
        t("col_term_source"): text,
        t("col_term_target"): entry.target,
        t("col_kind"): t("fixed_kind_term"),
        t("col_status"): _status_label(entry),
        t("col_in_mt"): t("fixed_reason_forbidden"),
        t("col_variants"): " | ".join(entry.variants),
        t("col_note"): entry.note,
    }


def _issue_text(issue: TermIssue) -> str:
    expected = issue.expected[0] if issue.expected else ""
    if issue.kind is IssueKind.MISSING:
        others = ", ".join(f"«{form}»" for form in issue.expected[1:])
        return t(
            "term_missing",
            source=issue.source_text,
            expected=expected,
            alternatives=t("term_or", forms=others) if others else "",
        )
    return t(
        "term_forbidden",
        found=issue.found,
        source=issue.source_text,
        advice=t("term_use", expected=expected) if expected else "",
    )


def glossary_panel(
    source: str, target: str, project_id: int | None, document_id: int | None = None
) -> None:
    """Terms found in source (forbidden ones marked) and what is wrong with target.

    document_id gives the document whose date decides which official names are in force.
    """
    if project_id is None:
        return
    try:
        with database().read() as session:
            document = session.get(Document, document_id) if document_id is not None else None
            protector = project_protector(session, get_project(session, project_id), document)
    except SongnguError as error:
        st.error(error_text(error))
        return
    findings = protector.findings(source)
    rows = _rows(findings, source, protector)
    st.markdown(f"**{t('glossary_panel')}**")
    if not rows:
        st.caption(t("glossary_no_hits"))
        return
    if protector.on is not None:
        st.caption(t("glossary_date", date=protector.on.isoformat()))
    elif any(f.reason is Reason.NO_DATE for f in findings):
        st.caption(t("glossary_no_date"))
    st.dataframe(rows, hide_index=True, width="stretch")
    if not target.strip():
        return
    issues = target_issues(protector, source, target, findings)
    for issue in issues:
        st.warning(escape_markdown(_issue_text(issue)))
    if not issues:
        st.caption(t("glossary_check_ok"))


ADD_TERM_MESSAGES = "add_term_messages"


def _add_from_segment(segment_id: int, phrase_key: str, target_key: str) -> None:
    """The button's callback: store the term, or leave the refusal to show; on success the
    two fields are emptied (only a callback may set a drawn widget's value)."""
    actor = current_actor()
    if actor is None:  # the session ended meanwhile: the page draws the sign-in screen
        return
    try:
        with database().write() as session:
            stored = add_term_from_segment(
                session,
                actor,
                segment_id,
                st.session_state.get(phrase_key, ""),
                st.session_state.get(target_key, ""),
            )
    except SongnguError as error:
        push_message(ADD_TERM_MESSAGES, "error", error_text(error))
        return
    st.session_state[phrase_key] = st.session_state[target_key] = ""
    push_message(
        ADD_TERM_MESSAGES,
        "success",
        t(
            "glossary_added",
            id=stored.id,
            source=escape_markdown(stored.entry.source),
            target=escape_markdown(stored.entry.target),
        ),
    )


def add_term_form(segment_id: int, actor: Actor) -> None:
    """ "Add a term" under the glossary panel: a phrase of this segment's source and its
    English, stored in the project's glossary (workflow checks the phrase is in the source,
    the role, and duplicates). Streamlit cannot read what the user selected in the browser,
    so the user copies the selected words into the phrase field (or types them)."""
    if not allowed(actor.role, Action.MANAGE_GLOSSARY):
        return  # workflow refuses it anyway; a translator is not offered it
    with st.expander(t("glossary_add"), expanded=ADD_TERM_MESSAGES in st.session_state):
        show_messages(ADD_TERM_MESSAGES)
        phrase_key, target_key = f"add-term-phrase-{segment_id}", f"add-term-target-{segment_id}"
        phrase_col, target_col = st.columns(2)
        phrase_col.text_input(t("col_term_source"), key=phrase_key, help=t("add_term_phrase_help"))
        target_col.text_input(t("col_term_target"), key=target_key)
        st.button(
            t("add_term_button"),
            key=f"add-term-{segment_id}",
            on_click=_add_from_segment,
            args=(segment_id, phrase_key, target_key),
        )
