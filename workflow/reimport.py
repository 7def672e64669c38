"""Storing an import's segments over a document's current ones, in place.

Exported review files and open editors name segments by id, so a re-import keeps every
segment whose sentence is still there (see :mod:`workflow.source_alignment` for which
sentence is which, and what "unchanged" means):

- **unchanged** and **moved** segments keep their id, version, target, status, history and
  comments; only their position, block, ref and codes follow the new file. A pure move
  does not bump the version, so an editor who has the segment open gets no false conflict.
- a **changed** segment (its sentence was edited in the source) keeps its id and history;
  it gets the new source, keeps its old target as a draft (DRAFT with a target, else NEW),
  a ``source`` revision (old → new), the flag ``flags["source_changed"]`` =
  ``{"previous": old source, "revision": n}`` so a reviewer sees why, and a new version.
- a **removed** segment is deleted (its revisions and comments go with it) and recorded.
- an **added** segment is NEW, unless the old document held a translation of the same
  source: then it reuses it (the status rule below), or, when only the matching key is
  equal (case, tone placement), reuses it as a DRAFT.

The status rule: a kept translation is never left approved after its document changed
around it. When the new text differs from the old one in any sentence (or their order),
every kept or reused translation is at most REVIEWED, with a status revision, and goes
through sign-off again; when the text is identical, approved stays approved.

Positions stay unique and ordered: both databases check the (document_id, position)
constraint row by row, so removed rows go first, then the rows that move are parked at
distinct negative positions, then each gets its final position, then added rows come in.
The document is locked first (:func:`locked_document`, :mod:`workflow.document_lock`, as a
merge or split locks it). Every write to a kept segment that bumps its version, and every
delete, is guarded by the version read after that (``workflow.versioning``'s writes of many
rows), so an edit that slipped in makes the whole import fail (as a Conflict) instead of
being overwritten. Comments that came from the source file (by
:data:`SOURCE_NOTE_AUTHOR`) are added to a kept segment only when it does not have them.
Each import leaves one :class:`~workflow.models.DocumentImport` row.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from primitives.errors import Conflict
from primitives.inline import codes_used
from primitives.statuses import Origin, Status
from primitives.text_keys import match_key
from workflow.document_lock import lock_document
from workflow.models import Comment, Document, DocumentImport, Project, Segment
from workflow.segment_drafts import SegmentDraft
from workflow.segment_flags import INTAKE_FLAGS, do_not_translate, finished_as_source
from workflow.segments import one_line, record_revision
from workflow.source_alignment import Alignment, Kept, align_sources
from workflow.users import Actor
from workflow.versioning import BatchDescriber, delete_all_if_current, update_all_if_current

# Comments found in the source document are kept as segment comments by this author.
SOURCE_NOTE_AUTHOR = "source document"
SOURCE_CHANGED_FLAG = "source_changed"  # Segment.flags[...]: {"previous": …, "revision": n}
SHORT_TEXT_CHARS = 120  # texts in DocumentImport.changes
_CHUNK = 500  # ids per IN (…) list


@dataclass(frozen=True)
class DocumentChanges:
    """What one import did to a document's segments (counts as in DocumentImport)."""

    revision: int
    unchanged: int = 0
    moved: int = 0
    changed: int = 0
    added: int = 0
    removed: int = 0
    reused_translations: int = 0
    entries: tuple[dict[str, Any], ...] = ()


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _short(text: str) -> str:
    return one_line(text, SHORT_TEXT_CHARS)


def _chunks(items: Sequence[Any]) -> list[Sequence[Any]]:
    return [items[start : start + _CHUNK] for start in range(0, len(items), _CHUNK)]


def _changed_meanwhile(document: Document) -> BatchDescriber:
    """Describes an import refused because one of the document's segments was edited
    after the document was locked and read (the whole import is rolled back)."""

    def describe(segment_id: int, seen: int, now: int | None) -> Conflict:
        return Conflict(
            "import.segment_changed_meanwhile",
            "segment {segment_id} of {title!r} was changed while the document was being "
            "re-imported; nothing was imported",
            segment_id=segment_id,
            expected_version=seen,
            current_version=now,
            title=document.title,
        )

    return describe


def _park(session: Session, moving: list[int]) -> None:
    """Move rows out of the way: position p becomes -p - 1 (distinct, never a final one)."""
    for chunk in _chunks(moving):
        session.execute(
            update(Segment)
            .where(Segment.id.in_(chunk))
            .values(position=-Segment.position - 1)
            .execution_options(synchronize_session=False)
        )


def _status_when_changed(segment: Segment, draft: SegmentDraft) -> Status:
    """A changed sentence's old target is a draft to check; without one it is new. A new
    source not to translate is finished at once; an old one's target was its source."""
    if do_not_translate(draft.flags):
        return Status.APPROVED
    if do_not_translate(segment.flags) and segment.target == segment.source:
        return Status.NEW
    return Status.DRAFT if segment.target.strip() else Status.NEW


def _codes_for_changed(segment: Segment, draft: SegmentDraft) -> dict[str, Any]:
    """The new source's codes, plus the old ones its kept target still uses."""
    return {**codes_used(segment.codes or {}, segment.target), **draft.codes}


class _Store:
    """One import's writes to one document (see the module docstring for the order)."""

    def __init__(
        self,
        session: Session,
        actor: Actor,
        document: Document,
        old: list[Segment],
        drafts: Sequence[SegmentDraft],
    ) -> None:
        self.session, self.actor, self.document = session, actor, document
        self.old, self.drafts = old, drafts
        self.alignment: Alignment = align_sources(
            [s.source for s in old], [d.source for d in drafts]
        )
        self.revision = document.revision
        self.reason = f"re-import, revision {self.revision}"
        # Sign-off again unless the text is the same: see the module docstring.
        self.ceiling = Status.APPROVED if self.alignment.identical else Status.REVIEWED
        self.entries: list[dict[str, Any]] = []
        self.reused = 0

    def run(self) -> DocumentChanges:
        alignment, old = self.alignment, self.old
        # Translations an added sentence may reuse, read before anything is deleted.
        by_source: dict[str, Segment] = {}
        by_key: dict[str, Segment] = {}
        for segment in old:
            if segment.target.strip():
                by_source.setdefault(_nfc(segment.source), segment)
                by_key.setdefault(match_key(segment.source), segment)
        added_rows = [self._added_row(j, by_source, by_key) for j in alignment.added]
        removed = [old[i] for i in alignment.removed]
        self.entries += [
            {
                "kind": "removed",
                "segment_id": segment.id,
                "position": segment.position,
                "before": _short(segment.source),
                "target": _short(segment.target),
            }
            for segment in removed
        ]
        delete_all_if_current(self.session, removed, stale=_changed_meanwhile(self.document))
        moving = [old[i].id for j, (i, _) in alignment.kept.items() if old[i].position != j]
        _park(self.session, moving)
        self._update_kept(set(moving))
        if added_rows:
            self.session.execute(Segment.__table__.insert(), added_rows)
        ids = dict(
            self.session.execute(
                select(Segment.position, Segment.id).where(Segment.document_id == self.document.id)
            ).all()
        )
        self.entries += [
            {
                "kind": "added",
                "segment_id": ids[j],
                "position": j,
                "after": _short(self.drafts[j].source),
            }
            for j in alignment.added
        ]
        self._add_source_notes(ids)
        changes = DocumentChanges(
            revision=self.revision,
            unchanged=alignment.count(Kept.UNCHANGED),
            moved=alignment.count(Kept.MOVED),
            changed=alignment.count(Kept.CHANGED),
            added=len(alignment.added),
            removed=len(alignment.removed),
            reused_translations=self.reused,
            # The first import adds everything; the document itself is that list.
            entries=tuple(sorted(self.entries, key=_entry_order)) if old else (),
        )
        self.session.flush()
        return changes

    def _added_row(
        self, index: int, by_source: dict[str, Segment], by_key: dict[str, Segment]
    ) -> dict[str, Any]:
        draft = self.drafts[index]
        key = match_key(draft.source)
        # Every row names the same columns: one executemany statement for all of them.
        row: dict[str, Any] = {
            "document_id": self.document.id,
            "position": index,
            "block": draft.block,
            "ref": draft.ref,
            "source": draft.source,
            "source_key": key,
            "codes": draft.codes,
            "target": "",
            "status": int(Status.NEW),
            "origin": int(Origin.NONE),
            "score": None,
            "flags": dict(draft.flags),
            "version": 1,
            "updated_by": self.actor.name,
        }
        if do_not_translate(draft.flags):
            row.update(finished_as_source(draft.source))
            return row
        same = by_source.get(draft.source)
        similar = same or by_key.get(key)
        if similar is not None:
            self.reused += 1
            status = min(Status(similar.status), self.ceiling) if same else Status.DRAFT
            row.update(
                target=similar.target,
                status=int(status),
                origin=similar.origin,
                score=similar.score if same else None,
            )
        return row

    def _update_kept(self, parked: set[int]) -> None:
        session, old, drafts = self.session, self.old, self.drafts
        plain: list[dict[str, Any]] = []  # unguarded: position, block, ref, codes only
        guarded: list[tuple[Segment, dict[str, Any]]] = []  # and a new version
        revisions: list[tuple[Segment, str, str, str, str]] = []
        for new_index, (old_index, how) in sorted(self.alignment.kept.items()):
            segment, draft = old[old_index], drafts[new_index]
            not_translated = do_not_translate(draft.flags)
            if segment.target.strip() and not not_translated:
                self.reused += 1
            placed = {
                "position": new_index,
                "block": draft.block,
                "ref": draft.ref,
                "source": draft.source,
                "source_key": match_key(draft.source),
            }
            if how is Kept.CHANGED:
                guarded.append((segment, self._changed_values(segment, draft, placed)))
                revisions += self._changed_revisions(segment, draft)
                self.entries.append(
                    {
                        "kind": "changed",
                        "segment_id": segment.id,
                        "position": new_index,
                        "before": _short(segment.source),
                        "after": _short(draft.source),
                    }
                )
                continue
            if how is Kept.MOVED:
                self.entries.append(
                    {
                        "kind": "moved",
                        "segment_id": segment.id,
                        "position": new_index,
                        "from_position": segment.position,
                        "after": _short(draft.source),
                    }
                )
            untouched = Status(segment.status) is Status.NEW and not segment.target.strip()
            if not_translated and untouched:
                # Stored new by a version from before these were finished at intake.
                finished = {**placed, "codes": draft.codes, **finished_as_source(draft.source)}
                guarded.append((segment, finished))
                revisions.append((segment, "status", Status.NEW.label, "approved", self.reason))
                continue
            # Still its source as its target: right whatever changed around it. One a person
            # reopened and changed follows the rule of any kept translation.
            as_source = not_translated and segment.target == draft.source
            if not as_source and Status(segment.status) > self.ceiling:
                lowered = {**placed, "codes": draft.codes, "status": int(self.ceiling)}
                guarded.append((segment, lowered))
                why = f"{self.reason}: the document changed around it"
                old_label = Status(segment.status).label
                revisions.append((segment, "status", old_label, self.ceiling.label, why))
                continue
            current = (segment.position, segment.block, segment.ref, segment.source, segment.codes)
            wanted = (new_index, draft.block, draft.ref, draft.source, draft.codes)
            if segment.id in parked or current != wanted:
                plain.append({"id": segment.id, **placed, "codes": draft.codes})
        # Each guarded by the version read after the lock; a new version for each.
        update_all_if_current(session, guarded, self.actor, stale=_changed_meanwhile(self.document))
        for segment, field_name, before, after, reason in revisions:
            record_revision(session, segment, self.actor, field_name, before, after, reason)
        if plain:
            # ORM bulk UPDATE by primary key: one executemany, the version left alone.
            session.execute(update(Segment), plain)
        for segment in old:
            if segment in session:
                session.expire(segment)

    def _changed_values(
        self, segment: Segment, draft: SegmentDraft, placed: dict[str, Any]
    ) -> dict[str, Any]:
        values = {
            **placed,
            "codes": _codes_for_changed(segment, draft),
            "status": int(_status_when_changed(segment, draft)),
            "score": None,  # an MT or TM score described the old source
            "flags": {
                # The intake's flags describe the new source, not the old one.
                **{k: v for k, v in (segment.flags or {}).items() if k not in INTAKE_FLAGS},
                **draft.flags,
                SOURCE_CHANGED_FLAG: {"previous": segment.source, "revision": self.revision},
            },
        }
        if do_not_translate(draft.flags):  # finished as it is read, like a new one
            values.update(finished_as_source(draft.source), codes=draft.codes)
            del values["flags"][SOURCE_CHANGED_FLAG]
        elif self._changed_target(segment, draft) != segment.target:
            values.update(target="", origin=int(Origin.NONE), codes=draft.codes)
        return values

    @staticmethod
    def _changed_target(segment: Segment, draft: SegmentDraft) -> str:
        """A changed segment's target: the old one kept as a draft, except that a new
        source not to translate is its own target, and an old one's target was only its
        source copied through, not a translation."""
        if do_not_translate(draft.flags):
            return draft.source
        if do_not_translate(segment.flags) and segment.target == segment.source:
            return ""
        return segment.target

    def _changed_revisions(
        self, segment: Segment, draft: SegmentDraft
    ) -> list[tuple[Segment, str, str, str, str]]:
        old_status = Status(segment.status)
        new_status = _status_when_changed(segment, draft)
        revisions = [(segment, "source", segment.source, draft.source, self.reason)]
        new_target = self._changed_target(segment, draft)
        if new_target != segment.target:  # the target it had stays in its history
            revisions.append((segment, "target", segment.target, new_target, self.reason))
        if new_status != old_status:
            revisions.append((segment, "status", old_status.label, new_status.label, self.reason))
        return revisions

    def _add_source_notes(self, ids: dict[int, int]) -> None:
        """The source file's comments on the segments they annotate, each once."""
        noted = {position: draft.notes for position, draft in enumerate(self.drafts) if draft.notes}
        if not noted:
            return
        present = set(
            self.session.execute(
                select(Comment.segment_id, Comment.text)
                .join(Segment, Segment.id == Comment.segment_id)
                .where(Segment.document_id == self.document.id, Comment.user == SOURCE_NOTE_AUTHOR)
            ).all()
        )
        for position, notes in noted.items():
            for note in notes:
                if note.strip() and (ids[position], note) not in present:
                    present.add((ids[position], note))
                    self.session.add(
                        Comment(segment_id=ids[position], user=SOURCE_NOTE_AUTHOR, text=note)
                    )


def _entry_order(entry: dict[str, Any]) -> tuple[int, int]:
    """Removed segments first (at their old positions), then the rest in the new order."""
    return (0 if entry["kind"] == "removed" else 1, entry["position"])


def locked_document(session: Session, project: Project, title: str) -> Document | None:
    """The project's document with this title, locked until the transaction ends (see
    :mod:`workflow.document_lock`): a second re-import, a merge or a split waits. None when
    the project has no such document (the import makes it)."""
    document_id = session.scalar(
        select(Document.id).where(Document.project_id == project.id, Document.title == title)
    )
    if document_id is None or not lock_document(session, document_id):
        return None
    return session.get(Document, document_id, populate_existing=True)


def store_drafts(
    session: Session, actor: Actor, document: Document, drafts: Sequence[SegmentDraft]
) -> DocumentChanges:
    """Make the drafts the document's segments, keeping what is still there; record it.

    The caller has locked the document row (:func:`locked_document`), set its new
    revision and flushed it.
    """
    old = list(
        session.scalars(
            select(Segment)
            .where(Segment.document_id == document.id)
            .order_by(Segment.position)
            .execution_options(populate_existing=True)
        )
    )
    changes = _Store(session, actor, document, old, drafts).run()
    session.add(
        DocumentImport(
            document_id=document.id,
            revision=changes.revision,
            filename=document.filename,
            imported_by=actor.name,
            unchanged=changes.unchanged,
            moved=changes.moved,
            changed=changes.changed,
            added=changes.added,
            removed=changes.removed,
            reused_translations=changes.reused_translations,
            changes=list(changes.entries),
        )
    )
    session.flush()
    return changes


def latest_imports(session: Session, document_ids: Sequence[int]) -> dict[int, DocumentImport]:
    """The most recent import record of each of these documents that has one."""
    found: dict[int, DocumentImport] = {}
    for chunk in _chunks(list(document_ids)):
        rows = session.scalars(
            select(DocumentImport)
            .where(DocumentImport.document_id.in_(chunk))
            .order_by(DocumentImport.document_id, DocumentImport.revision)
        )
        for row in rows:
            found[row.document_id] = row  # ordered by revision: the last one stays
    return found
