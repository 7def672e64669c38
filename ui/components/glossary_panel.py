"""Glossary panel beside the segment editor: the terms in the source and the target check.

The project's matcher comes from ``project_matcher``, cached per project and rebuilt only
when a term changes, so a rerun of the editor costs one aggregate query and a scan.
Glossary text is the users' own: it is shown in a table or with Markdown escaped, never
as HTML.
"""

from __future__ import annotations

import re

import streamlit as st

from primitives.errors import SongnguError
from primitives.terms import TermStatus
from ui.state import database, error_text, t
from workflow.glossary.matcher import TermHit
from workflow.glossary.store import project_matcher
from workflow.glossary.target_check import IssueKind, TermIssue, check_target
from workflow.projects import get_project

_MARKDOWN_SPECIAL_RE = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def escape_markdown(text: str) -> str:
    """text shown literally inside st.markdown / st.warning (no links, emphasis, emoji)."""
    return _MARKDOWN_SPECIAL_RE.sub(r"\\\1", text)


def _status_label(hit: TermHit) -> str:
    status = hit.entry.status
    label = t(f"term_status_{status.value}")
    if status is TermStatus.FORBIDDEN:  # capitals stand out in any font; emoji may not render
        label = label.upper()
    if hit.entry.valid_until:
        label += f" ({t('glossary_until', date=hit.entry.valid_until)})"
    return label


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


def glossary_panel(source: str, target: str, project_id: int | None) -> None:
    """Terms found in source (forbidden ones marked) and what is wrong with target."""
    if project_id is None:
        return
    try:
        with database().read() as session:
            matcher = project_matcher(session, get_project(session, project_id))
    except SongnguError as error:
        st.error(error_text(error))
        return
    hits = matcher.find(source)
    st.markdown(f"**{t('glossary_panel')}**")
    if not hits:
        st.caption(t("glossary_no_hits"))
        return
    st.dataframe(
        [
            {
                t("col_term_source"): hit.text,
                t("col_term_target"): hit.entry.target,
                t("col_status"): _status_label(hit),
                t("col_variants"): " | ".join(hit.entry.variants),
                t("col_note"): hit.entry.note,
            }
            for hit in hits
        ],
        hide_index=True,
        width="stretch",
    )
    if not target.strip():
        return
    issues = check_target(target, hits)
    for issue in issues:
        st.warning(escape_markdown(_issue_text(issue)))
    if not issues:
        st.caption(t("glossary_check_ok"))
