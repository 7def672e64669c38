"""Changing how a document is cut into segments: merging two segments, splitting one.

Merge and split change a document's structure, so each one first locks the document row
(:mod:`workflow.document_lock`, as a re-import does), then re-reads the segments it
touches: two people splitting in the same document never compute positions from a stale
read. Both segments' versions are checked like an
edit's (``workflow.versioning``), and every change leaves revision rows in the same
transaction.

Positions stay unique and ordered. A split shifts every later segment up by one in two
statements (first to distinct negative numbers, then to ``position + 1``), because both
SQLite and PostgreSQL check a unique constraint row by row and a plain
``position = position + 1`` can collide half-way. Positions are never negative otherwise.

A segment's ``ref`` is a :class:`~primitives.block_ref.BlockRef`: its block, the span of
its source in the block's text. A merge rebuilds the source from the block text between
the first's start and the second's end, so the whitespace between them is the original
one: it is read from ``space_after`` in the first segment's ref when recorded (a split
records it), else from the stored original file (read again, and checked against both
segments' sources before it is trusted).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from primitives.block_ref import BlockRef
from primitives.errors import Conflict, InvalidInput, InvalidTransition, SongnguError
from primitives.excerpts import one_line
from primitives.inline import (
    close_tag,
    codes_used,
    open_tag,
    opening_tags_before,
    paired_ranges,
    plain,
    tags,
)
from primitives.statuses import Origin, Status
from primitives.text_keys import match_key
from workflow.document_lock import lock_document
from workflow.intake import read_source
from workflow.models import Comment, Document, Project, Revision, Segment
from workflow.permissions import Action
from workflow.segment_flags import do_not_translate, finished_as_source, intake_flags, split_limit
from workflow.segments import get_segment, record_revision, segment_gone
from workflow.users import Actor
from workflow.versioning import (
    Describer,
    delete_if_current,
    require_version,
    update_if_current,
)

# ---------------------------------------------------------------------------------------
# Shared guards


def _fresh(session: Session, segment_id: int) -> Segment:
    segment = session.get(Segment, segment_id, populate_existing=True)
    if segment is None:  # deleted between the first read and the lock
        raise segment_gone(segment_id)
    return segment


def _version_params(segment_id: int, seen: int, current: Segment) -> dict[str, Any]:
    return {
        "segment_id": segment_id,
        "changed_by": current.updated_by or "someone",
        "expected_version": seen,
        "current_version": current.version,
        "current_target": current.target,
    }


def _stale_merge(segment_id: int, seen: int) -> Describer[Segment]:
    """Describes a merge refused because one of its segments changed since it was seen."""

    def describe(current: Segment | None) -> Conflict:
        if current is None:
            return segment_gone(segment_id)
        return Conflict(
            "segment.changed_before_merge",
            "segment {segment_id} was changed by {changed_by} (now version {current_version}, "
            "you saw version {expected_version}); not merged: reload the segments and try again",
            **_version_params(segment_id, seen, current),
        )

    return describe


def _stale_split(segment_id: int, seen: int) -> Describer[Segment]:
    """Describes a split refused because the segment changed since it was seen."""

    def describe(current: Segment | None) -> Conflict:
        if current is None:
            return segment_gone(segment_id)
        return Conflict(
            "segment.changed_before_split",
            "segment {segment_id} was changed by {changed_by} (now version {current_version}, "
            "you saw version {expected_version}); not split: reload the segments and try again",
            **_version_params(segment_id, seen, current),
        )

    return describe


def _check_unlocked_for_merge(segment: Segment) -> None:
    if Status(segment.status) >= Status.APPROVED:
        raise InvalidTransition(
            "segment.approved_locked_merge",
            "segment {segment_id} is approved and locked, so it cannot be merged: an editor "
            "must reopen it first",
            segment_id=segment.id,
        )


def _check_unlocked_for_split(segment: Segment) -> None:
    if Status(segment.status) >= Status.APPROVED:
        raise InvalidTransition(
            "segment.approved_locked_split",
            "segment {segment_id} is approved and locked, so it cannot be split: an editor "
            "must reopen it first",
            segment_id=segment.id,
        )


# ---------------------------------------------------------------------------------------
# Merge


def next_segment(session: Session, segment: Segment) -> Segment | None:
    """The segment right after this one in its document, if any."""
    return session.scalar(
        select(Segment)
        .where(Segment.document_id == segment.document_id, Segment.position > segment.position)
        .order_by(Segment.position)
        .limit(1)
    )


def _block_text_from_original(session: Session, first: Segment) -> str | None:
    """The source block's text, read again from the stored file (None if unavailable)."""
    document = session.get(Document, first.document_id)
    if document is None or not document.original:
        return None
    try:
        source = read_source(document.original, document.filename)
    except SongnguError:  # the reader has since become stricter: fall back to a space
        return None
    if not 0 <= first.block < len(source.blocks):
        return None
    return source.blocks[first.block].text


def _space_between(session: Session, first: Segment, second: Segment) -> str:
    """The original text between two segments of one block (whitespace in practice)."""
    first_ref, second_ref = BlockRef.parse(first.ref), BlockRef.parse(second.ref)
    first_span, second_span = first_ref.span, second_ref.span
    if first_span is None or second_span is None or second_span[0] < first_span[1]:
        return " "  # no recorded position (segments not made by an import): one space
    length = second_span[0] - first_span[1]
    recorded = first_ref.space_after
    if isinstance(recorded, str) and len(recorded) == length:
        return recorded
    block_text = _block_text_from_original(session, first)
    if (
        block_text is not None
        and block_text[first_span[0] : first_span[1]] == first.source
        and block_text[second_span[0] : second_span[1]] == second.source
    ):
        return block_text[first_span[1] : second_span[0]]
    return " " if length else ""


def _merged_origin(first: Segment, second: Segment, target: str) -> Origin:
    if not target:
        return Origin.NONE
    origins = {Origin(s.origin) for s in (first, second) if s.target.strip()}
    return origins.pop() if len(origins) == 1 else Origin.HUMAN


def _merged_target(first: str, second: str) -> str:
    parts = [part for part in (first.rstrip(), second.lstrip()) if part.strip()]
    return " ".join(parts)


def _check_same_block(first: Segment, second: Segment) -> None:
    first_block = BlockRef.parse(first.ref).block or first.block
    second_block = BlockRef.parse(second.ref).block or second.block
    if first.block != second.block or first_block != second_block:
        raise InvalidInput(
            "segment.merge_across_paragraphs",
            "segments {first_id} and {second_id} come from different paragraphs of the source "
            "({first_block} and {second_block}); only sentences of one paragraph can be "
            "merged, so the translated document can be rebuilt",
            first_id=first.id,
            second_id=second.id,
            first_block=first_block,
            second_block=second_block,
        )


def merge_segments(
    session: Session,
    actor: Actor,
    first_id: int,
    *,
    second_id: int | None = None,
    expected_versions: tuple[int, int] | None = None,
    project: Project | None = None,
) -> Segment:
    """Merge a segment with the next one of the same source paragraph; returns the result.

    ``second_id``, when given, must be the segment right after the first (the app passes
    the neighbour it showed). ``expected_versions`` are the versions the user saw of the
    first and the second; without them the current versions are taken. The merged segment
    keeps the first's id and becomes a draft (or new, without a target); the second is
    deleted after its comments and revisions are moved to the merged segment.
    """
    actor.require(Action.EDIT)
    first = get_segment(session, first_id, project)
    lock_document(session, first.document_id)
    first = _fresh(session, first_id)
    second = next_segment(session, first)
    if second is None:
        raise InvalidInput(
            "segment.merge_last",
            "segment {segment_id} is the last of its document: nothing follows it",
            segment_id=first.id,
        )
    if second_id is not None and second.id != second_id:
        raise Conflict(
            "segment.neighbour_changed",
            "segment {expected_id} no longer follows segment {segment_id} (segment "
            "{following_id} does now): reload the segments and try again",
            segment_id=first.id,
            expected_id=second_id,
            following_id=second.id,
        )
    _check_same_block(first, second)
    for segment in (first, second):
        _check_unlocked_for_merge(segment)
    first_seen, second_seen = expected_versions or (first.version, second.version)
    require_version(first, first_seen, _stale_merge(first.id, first_seen))
    require_version(second, second_seen, _stale_merge(second.id, second_seen))

    source = first.source + _space_between(session, first, second) + second.source
    target = _merged_target(first.target, second.target)
    old_status = Status(first.status)
    new_status = Status.DRAFT if target else Status.NEW
    first_ref, second_ref = BlockRef.parse(first.ref), BlockRef.parse(second.ref)
    merged_ref = first_ref.with_space_after(second_ref.space_after)
    if first_ref.span and second_ref.span:
        merged_ref = merged_ref.with_span(first_ref.start, second_ref.end)
    old_source, old_target = first.source, first.target
    second_note = (
        f"merged with segment {second.id} (version {second.version}): "
        f"source «{second.source}», target «{second.target}»"
    )

    # The merged text carries both discussions and both histories (moved before the
    # delete, which would cascade to them; a refused delete rolls the move back).
    for table in (Comment, Revision):
        session.execute(
            update(table)
            .where(table.segment_id == second.id)
            .values(segment_id=first.id)
            .execution_options(synchronize_session=False)
        )
    delete_if_current(session, second, second_seen, stale=_stale_merge(second.id, second_seen))
    update_if_current(
        session,
        first,
        first_seen,
        actor,
        {
            "source": source,
            "source_key": match_key(source),
            "ref": merged_ref.dump(),
            "codes": {**first.codes, **second.codes},
            "target": target,
            "status": int(new_status),
            "origin": int(_merged_origin(first, second, target)),
            "score": None,  # neither part's MT or TM score describes the joined text
            "flags": intake_flags(source, split_limit()),
        },
        stale=_stale_merge(first.id, first_seen),
    )
    record_revision(session, first, actor, "merge", old_source, source, second_note)
    if target != old_target:
        record_revision(session, first, actor, "target", old_target, target, "merge")
    if new_status != old_status:
        record_revision(
            session, first, actor, "status", old_status.label, new_status.label, "merge"
        )
    session.flush()
    return first


# ---------------------------------------------------------------------------------------
# Split


def check_split_offset(segment_id: int, source: str, offset: int) -> None:
    """Refuse a split point outside the text, inside a tag or a tag pair, or at an edge."""
    if not 0 < offset < len(source):
        raise InvalidInput(
            "split.offset_outside",
            "offset {offset} is not inside segment {segment_id}'s source: give a number from "
            "1 to {last} (characters before the split)",
            offset=offset,
            segment_id=segment_id,
            last=len(source) - 1,
        )
    for tag in tags(source):
        if tag.start < offset < tag.end:
            raise InvalidInput(
                "split.inside_tag",
                "offset {offset} falls inside the tag {tag} of segment {segment_id}: split "
                "before or after the tag",
                offset=offset,
                tag=tag.text,
                segment_id=segment_id,
            )
    for start, end, code in paired_ranges(source):
        if start < offset < end:
            raise InvalidInput(
                "split.inside_formatting",
                "offset {offset} falls inside the formatted stretch {opening}…{closing} of "
                "segment {segment_id} (offsets {start}-{end}): a split there would separate "
                "its tags; split before or after it",
                offset=offset,
                opening=open_tag(code),
                closing=close_tag(code),
                segment_id=segment_id,
                start=start,
                end=end,
            )
    if not plain(source[:offset]).strip():
        raise InvalidInput(
            "split.empty_first_part",
            "splitting segment {segment_id} at offset {offset} would leave the first part "
            "without text: choose a point between two words",
            segment_id=segment_id,
            offset=offset,
        )
    if not plain(source[offset:]).strip():
        raise InvalidInput(
            "split.empty_second_part",
            "splitting segment {segment_id} at offset {offset} would leave the second part "
            "without text: choose a point between two words",
            segment_id=segment_id,
            offset=offset,
        )


def offset_before(segment_id: int, source: str, text: str) -> int:
    """Offset of text's first occurrence after the start of source.

    An exact match first, else one that ignores case, NFC/NFD and tone-mark placement.
    """
    wanted = text.strip()
    if not wanted:
        raise InvalidInput(
            "split.before_text_empty",
            "the text to split before is empty: type the words the second part starts with",
        )
    # From offset 1: the source's own first words are no place to split.
    found = source.find(wanted, 1)
    if found < 0:  # match_key keeps an NFC text's length, so its offsets are source offsets
        found = match_key(source).find(match_key(wanted), 1)
    if found < 0:
        raise InvalidInput(
            "split.before_text_not_found",
            "«{text}» does not occur in segment {segment_id}'s source: copy the words the "
            "second part should start with",
            text=one_line(wanted, 80),
            segment_id=segment_id,
        )
    # Opening tags right before the words go with them, as the segmenter does.
    return opening_tags_before(source, found)


def split_segment(
    session: Session,
    actor: Actor,
    segment_id: int,
    *,
    offset: int | None = None,
    before: str | None = None,
    expected_version: int | None = None,
    project: Project | None = None,
) -> tuple[Segment, Segment]:
    """Split a segment's source at a character offset (or before a text) into two.

    The first part keeps the segment's id and its target (as a draft, since the source it
    translates shrank); the second part is a new segment placed right after it, with no
    target. Returns (first, second).
    """
    actor.require(Action.EDIT)
    if (offset is None) == (before is None):
        raise InvalidInput(
            "split.where_missing",
            "say where to split: give either an offset or the text to split before",
        )
    segment = get_segment(session, segment_id, project)
    lock_document(session, segment.document_id)
    segment = _fresh(session, segment_id)
    _check_unlocked_for_split(segment)
    seen = segment.version if expected_version is None else expected_version
    require_version(segment, seen, _stale_split(segment.id, seen))
    source = segment.source
    at = offset if offset is not None else offset_before(segment.id, source, before or "")
    check_split_offset(segment.id, source, at)

    head, tail = source[:at].rstrip(), source[at:].lstrip()
    space = source[len(head) : len(source) - len(tail)]
    ref = BlockRef.parse(segment.ref)
    head_ref, tail_ref = ref, ref
    span = ref.span
    if span is not None:
        head_ref = ref.with_span(span[0], span[0] + len(head))
        tail_ref = ref.with_span(span[0] + len(head) + len(space), span[1])
    head_ref = head_ref.with_space_after(space)
    old_status = Status(segment.status)
    new_status = Status.DRAFT if segment.target.strip() else Status.NEW
    position, document_id, block = segment.position, segment.document_id, segment.block
    codes = dict(segment.codes)

    # Make room right after the segment (two phases: see the module docstring).
    later = (Segment.document_id == document_id) & (Segment.position > position)
    session.execute(
        update(Segment)
        .where(later)
        .values(position=-Segment.position - 2)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(Segment)
        .where(Segment.document_id == document_id, Segment.position < 0)
        .values(position=-Segment.position - 1)
        .execution_options(synchronize_session=False)
    )
    update_if_current(
        session,
        segment,
        seen,
        actor,
        {
            "source": head,
            "source_key": match_key(head),
            "ref": head_ref.dump(),
            "codes": codes_used(codes, head, segment.target),
            "status": int(new_status),
            "flags": intake_flags(head, split_limit()),
        },
        stale=_stale_split(segment.id, seen),
    )
    tail_flags = intake_flags(tail, split_limit())
    untranslated: dict[str, Any] = {
        "target": "",
        "status": int(Status.NEW),
        "origin": int(Origin.NONE),
        "score": None,
    }
    # A part that is an image's file name is finished as the intake would store it.
    tail_values = finished_as_source(tail) if do_not_translate(tail_flags) else untranslated
    second = Segment(
        document_id=document_id,
        position=position + 1,
        block=block,
        ref=tail_ref.dump(),
        source=tail,
        source_key=match_key(tail),
        codes=codes_used(codes, tail),
        flags=tail_flags,
        version=1,
        updated_by=actor.name,
        **tail_values,
    )
    session.add(second)
    session.flush()
    record_revision(
        session, segment, actor, "split", source, head, f"the rest became segment {second.id}"
    )
    if new_status != old_status:
        record_revision(
            session, segment, actor, "status", old_status.label, new_status.label, "split"
        )
    record_revision(
        session, second, actor, "split", source, tail, f"split from segment {segment.id}"
    )
    session.flush()
    return segment, second
