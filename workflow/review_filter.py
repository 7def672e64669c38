"""Which segments the Review grid lists: a document's segments narrowed by filters.

One query builder serves the page of rows and their count, so the pager and the rows can
never disagree. "Has a QA finding" means an open one (not ignored); "low MT confidence"
is an MT target whose score is under the threshold the QA check uses; the text filter
looks for the words in the source or the target, ignoring case (on SQLite, whose lower()
knows only ASCII, the case of accented letters such as "Đ" still counts). The glossary-term
filter keeps the segments whose source holds a glossary term of the project, found by the
project's glossary matcher as the glossary panel finds it (tone-mark placement, NFC/NFD,
case and syllable boundaries as there; a term inside a longer one counts too): the SQL
filters narrow first, then the matcher reads the sources left, in document order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import Session

from primitives.errors import InvalidInput
from primitives.statuses import Origin, Status
from workflow import settings
from workflow.glossary.matcher import TermMatcher, term_key
from workflow.glossary.store import effective_entries
from workflow.models import Document, Project, QAFinding, QAIgnore, Segment
from workflow.qa.checks.mt import LOW_CONFIDENCE

PAGE_SIZES = range(10, 201)


def page_size() -> int:
    """SONGNGU_REVIEW_PAGE_SIZE: how many segments one page of the Review list holds."""
    raw = settings.get("SONGNGU_REVIEW_PAGE_SIZE")
    try:
        size = int(raw)
    except ValueError:
        size = 0
    if size not in PAGE_SIZES:
        raise InvalidInput(
            "settings.bad_review_page_size",
            "SONGNGU_REVIEW_PAGE_SIZE={value!r} must be a whole number from {least} to {most}: "
            "set it so or unset it",
            value=raw,
            least=PAGE_SIZES[0],
            most=PAGE_SIZES[-1],
        )
    return size


@dataclass(frozen=True)
class SegmentFilter:
    """What the reviewer narrowed the list to (the defaults list every segment)."""

    status: Status | None = None
    has_qa_finding: bool = False
    low_mt_confidence: bool = False
    text: str = ""
    term: str = ""  # a glossary term's source: segments whose source holds it

    @property
    def narrows(self) -> bool:
        return self != SegmentFilter()


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _narrowed(query: Select, document_id: int, wanted: SegmentFilter) -> Select:  # type: ignore[type-arg]
    query = query.where(Segment.document_id == document_id)
    if wanted.status is not None:
        query = query.where(Segment.status == int(wanted.status))
    if wanted.has_qa_finding:
        open_finding = (
            select(QAFinding.id)
            .outerjoin(QAIgnore, QAIgnore.signature == QAFinding.signature)
            .where(QAFinding.segment_id == Segment.id, QAIgnore.id.is_(None))
        )
        query = query.where(exists(open_finding))
    if wanted.low_mt_confidence:
        query = query.where(
            Segment.origin == int(Origin.MT),
            Segment.score.is_not(None),
            Segment.score < LOW_CONFIDENCE,
        )
    words = wanted.text.strip()
    if words:
        pattern = _like_pattern(words.lower())
        query = query.where(
            or_(
                func.lower(Segment.source).like(pattern, escape="\\"),
                func.lower(Segment.target).like(pattern, escape="\\"),
            )
        )
    return query


def glossary_terms(session: Session, project: Project) -> list[str]:
    """The sources of the project's effective glossary, one per matching key, sorted: what
    the glossary-term filter offers."""
    by_key: dict[str, str] = {}
    for entry in effective_entries(session, project):
        by_key.setdefault(term_key(entry.source), entry.source)
    return sorted(by_key.values(), key=str.casefold)


def term_finder(session: Session, project: Project, term: str) -> Callable[[str], bool]:
    """Whether a source holds the glossary term (any entry of its matching key), found as
    the project's matcher finds it; an unknown term is refused."""
    key = term_key(term.strip())
    # The entries of that key only: the same matcher rules (boundaries, capitals of
    # case-sensitive entries), on an automaton of one key, so a long document scans fast.
    entries = [e for e in effective_entries(session, project) if term_key(e.source) == key]
    if not key or not entries:
        raise InvalidInput(
            "glossary.unknown_term",
            "{term!r} is not a term of the glossaries of project {project!r}",
            term=term,
            project=project.name,
        )
    matcher = TermMatcher(entries)

    def holds(source: str) -> bool:
        return bool(matcher.find_all(source))

    return holds


def _term_ids(session: Session, document_id: int, wanted: SegmentFilter) -> list[int]:
    """The ids, in document order, of the segments that pass every filter, the term too."""
    document = session.get(Document, document_id)
    if document is None:
        return []
    holds = term_finder(session, document.project, wanted.term)
    query = _narrowed(select(Segment.id, Segment.source), document_id, wanted)
    rows = session.execute(query.order_by(Segment.position))
    return [segment_id for segment_id, source in rows if holds(source)]


def filtered_segments(
    session: Session, document_id: int, wanted: SegmentFilter, *, offset: int, limit: int
) -> list[Segment]:
    """One page of the document's segments that pass the filter, in document order."""
    if wanted.term.strip():
        ids = _term_ids(session, document_id, wanted)[offset : offset + limit]
        found = {s.id: s for s in session.scalars(select(Segment).where(Segment.id.in_(ids)))}
        return [found[segment_id] for segment_id in ids if segment_id in found]
    query = _narrowed(select(Segment), document_id, wanted).order_by(Segment.position)
    return list(session.scalars(query.offset(offset).limit(limit)))


def count_filtered(session: Session, document_id: int, wanted: SegmentFilter) -> int:
    if wanted.term.strip():
        return len(_term_ids(session, document_id, wanted))
    query = _narrowed(select(func.count()).select_from(Segment), document_id, wanted)
    return session.scalar(query) or 0


# --- where the Review page's keyboard flow goes next --------------------------------------

# A segment a translator still has to confirm (rejected ones came back to them).
UNCONFIRMED = (Status.NEW, Status.DRAFT, Status.REJECTED)


def filtered_index(session: Session, document_id: int, wanted: SegmentFilter, position: int) -> int:
    """How many segments that pass the filter come before this position (its row index)."""
    query = _narrowed(select(func.count()).select_from(Segment), document_id, wanted)
    return session.scalar(query.where(Segment.position < position)) or 0


def neighbour(
    session: Session, document_id: int, wanted: SegmentFilter, position: int, step: int
) -> Segment | None:
    """The listed segment just after (step 1) or before (step -1) this position, if any."""
    query = _narrowed(select(Segment), document_id, wanted)
    if step > 0:
        query = query.where(Segment.position > position).order_by(Segment.position)
    else:
        query = query.where(Segment.position < position).order_by(Segment.position.desc())
    return session.scalars(query.limit(1)).first()


def next_unconfirmed(
    session: Session, document_id: int, wanted: SegmentFilter, position: int
) -> Segment | None:
    """The first listed unconfirmed segment after this position, else from the start (as
    a translator works round a document); None when every listed one is confirmed."""
    query = _narrowed(select(Segment), document_id, wanted).where(
        Segment.status.in_([int(s) for s in UNCONFIRMED])
    )
    after = query.where(Segment.position > position).order_by(Segment.position).limit(1)
    found = session.scalars(after).first()
    if found is None:
        before = query.where(Segment.position < position).order_by(Segment.position).limit(1)
        found = session.scalars(before).first()
    return found
