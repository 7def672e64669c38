"""What QA knows about a project: partner settings, severities, glossary, consistency.

``project_qa`` gathers it once per check run: the partner profile's settings (each at its
default when the profile does not hold it), the severity overrides of the partner
(``qa_severities``) with the project's own on top (``project.settings["qa_severities"]``),
the project's effective glossary as a matcher (cached until the glossary changes), the
words allowed to stay Vietnamese in a target (the glossary's do-not-translate terms, kept
with the matcher) and,
for each unit, the consistency index of the project's units related to it
(``workflow.qa.project_index``). Each document adds its date, which picks
the official names valid then.
"""

from __future__ import annotations

import threading
import unicodedata
import weakref
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from primitives.terms import GlossaryEntry, TermStatus
from primitives.units import Unit
from workflow.glossary.matcher import TermMatcher
from workflow.glossary.store import effective_entries, project_matcher
from workflow.models import Document, Project
from workflow.partners import partner_settings
from workflow.qa.consistency import ConsistencyIndex
from workflow.qa.model import Finding, QAContext, Severity
from workflow.qa.project_index import unit_consistency
from workflow.qa.registry import check_unit, validate_severities
from workflow.segment_flags import do_not_translate

SEVERITIES_SETTING = "qa_severities"  # in partner profiles and in project.settings


@dataclass(frozen=True)
class ProjectQA:
    """A project's QA context (without a document date or a consistency index), its
    severity overrides, and where each unit's consistency index comes from."""

    context: QAContext
    severities: Mapping[str, Severity | None]
    consistency_for: Callable[[Unit], ConsistencyIndex]

    def for_unit(self, unit: Unit, document_date: date | None) -> QAContext:
        return replace(
            self.context, document_date=document_date, consistency=self.consistency_for(unit)
        )

    def check(self, unit: Unit, document_date: date | None) -> list[Finding]:
        if do_not_translate(unit.flags):
            return []  # not text to translate (an image's file name): nothing to check
        return check_unit(unit, self.for_unit(unit, document_date), severities=self.severities)


def project_severities(project: Project) -> Mapping[str, Severity | None]:
    """The partner's severity overrides with the project's own on top, validated."""
    partner: dict[str, Any] = dict(partner_settings(project).get(SEVERITIES_SETTING) or {})
    own = (project.settings or {}).get(SEVERITIES_SETTING) or {}
    return validate_severities({**partner, **own})


def document_date(document: Document | None) -> date | None:
    """The date of the source document (its metadata, ISO 8601), if it has a valid one."""
    value = (document.meta or {}).get("date") if document is not None else None
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _words_of(entries: Iterable[GlossaryEntry]) -> frozenset[str]:
    words: set[str] = set()
    for entry in entries:
        if entry.status is not TermStatus.DO_NOT_TRANSLATE:
            continue
        for form in (entry.source, *entry.target_forms):
            form = unicodedata.normalize("NFC", form)
            words.add(form)
            words.update(form.split())
    return frozenset(words)


# The project's matcher is rebuilt (a new object) whenever its glossary changes, so the
# words its glossary allows are kept per matcher: no second look at the glossary per check.
_allowed: weakref.WeakKeyDictionary[TermMatcher, frozenset[str]] = weakref.WeakKeyDictionary()
_allowed_lock = threading.Lock()


def allowed_untranslated(
    session: Session, project: Project, matcher: TermMatcher
) -> frozenset[str]:
    """Terms (and their words) the project's glossary, as matcher holds it, says not to
    translate."""
    with _allowed_lock:
        kept = _allowed.get(matcher)
    if kept is not None:
        return kept
    words = _words_of(effective_entries(session, project))
    with _allowed_lock:
        _allowed[matcher] = words
    return words


def project_qa(
    session: Session, project: Project, *, consistency: ConsistencyIndex | None = None
) -> ProjectQA:
    """The QA context of a project, for checks made while session is open.

    A whole-project run passes the index of all its units; otherwise each unit gets the
    index of the project's units related to it, from the kept project units.
    """
    matcher = project_matcher(session, project)
    context = QAContext(
        source_lang=project.source_lang,
        target_lang=project.target_lang,
        partner_settings=partner_settings(project),
        glossary=matcher,
        allowed_untranslated=allowed_untranslated(session, project, matcher),
    )
    severities = project_severities(project)
    if consistency is not None:
        whole = consistency
        return ProjectQA(context, severities, lambda unit: whole)
    return ProjectQA(context, severities, lambda unit: unit_consistency(session, project, unit))
