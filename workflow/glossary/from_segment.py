"""A glossary term added from a phrase of a segment's source (the Review page's side editor).

The phrase must be in the segment's source as the glossary matcher finds it (tone-mark
placement, NFC/NFD, capitals, syllable boundaries): a term added here is then found in that
very segment, by the glossary panel, by MT protection and by QA. The term is stored through
``workflow.glossary.store.add_term``, with its role check and its refusal of duplicates.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from primitives.errors import InvalidInput
from primitives.excerpts import one_line
from primitives.terms import GlossaryEntry
from workflow.glossary.matcher import TermMatcher
from workflow.glossary.store import StoredTerm, add_term
from workflow.permissions import Action
from workflow.segments import get_segment, segment_project
from workflow.users import Actor


def add_term_from_segment(
    session: Session,
    actor: Actor,
    segment_id: int,
    phrase: str,
    target: str,
    *,
    scope: str = "project",
) -> StoredTerm:
    """Store «phrase → target» in one of the segment's project's glossaries."""
    actor.require(Action.MANAGE_GLOSSARY)
    segment = get_segment(session, segment_id)
    entry = GlossaryEntry(phrase, target)
    if not TermMatcher([entry]).find_all(segment.source):
        raise InvalidInput(
            "glossary.phrase_not_in_source",
            "«{phrase}» is not in the source of segment {segment_id}: copy the words from "
            "the source as they are written there",
            phrase=one_line(entry.source),
            segment_id=segment.id,
        )
    return add_term(session, actor, segment_project(session, segment), entry, scope=scope)
