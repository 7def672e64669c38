"""Stored glossaries: terms of the whole office (global), of a partner and of a project.

A project is checked against its *effective* glossary: the shipped glossaries its partner
profile lists (``glossaries``, default ``["official-names"]``), the partner's own names
from its profile (``own_names``), then the global terms, the partner's and the project's
own. A more specific layer that gives an allowed target for a
source replaces what the layers below say about that source; a layer that only forbids a
target adds the ban to the inherited entries (and drops an inherited entry recommending
the very target it forbids), so a project can forbid a wording without restating the rest.

Every change needs ``Action.MANAGE_GLOSSARY``. Edits and deletes name the version of the
term their author saw (``workflow.versioning``: ``UPDATE/DELETE ... WHERE version = seen``),
so of two people editing the same term exactly one wins and the other gets a Conflict with
both texts.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, and_, false, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from exporters.glossary_csv import write_glossary_csv
from exporters.tbx import write_tbx
from primitives.errors import Conflict, InvalidInput, NotFound, SongnguError
from primitives.terms import SCOPES, GlossaryEntry, TermStatus
from primitives.text_keys import loose_key, match_key
from workflow.audit import AuditAction, record
from workflow.glossary.defaults import load_default_glossary
from workflow.glossary.identity import term_identity
from workflow.glossary.matcher import TermMatcher, term_key
from workflow.insert_missing import insert_missing
from workflow.models import GlossaryTerm, PartnerProfile, Project, utcnow
from workflow.permissions import Action
from workflow.stored_ints import fits_integer_column
from workflow.users import Actor
from workflow.versioning import Describer, delete_if_current, update_if_current

EFFECTIVE = "effective"  # the export/list "scope" meaning: everything the project applies
EXPORT_FORMATS: tuple[str, ...] = ("csv", "tsv", "tbx")
SHIPPED_GLOSSARIES: dict[str, Callable[[], list[GlossaryEntry]]] = {
    "official-names": load_default_glossary,
}
# A glossary term is a name or phrase; anything longer is a pasted paragraph.
MAX_TERM_CHARS = 1000
_COLUMN_LIMITS = {"domain": 100}  # String(n) columns an entry fills from user text


@dataclass(frozen=True)
class StoredTerm:
    """A term as stored: its id and version (what an edit must name) and the entry."""

    id: int
    version: int
    entry: GlossaryEntry  # entry.scope is the term's scope
    updated_by: str
    updated_at: datetime

    @property
    def scope(self) -> str:
        return self.entry.scope


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did with each entry of the file."""

    scope: str
    added: int
    updated: int  # same source and target as a stored term, other fields replaced
    unchanged: int  # same as a stored term in every field
    skipped: int  # same source and target as a stored term, left alone (update_existing off)

    def summary(self) -> str:
        return (
            f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.skipped} skipped"
        )


# ---------------------------------------------------------------------------------------
# Scopes


def check_scope(scope: str) -> str:
    """The scope name, lower-cased; InvalidInput for anything else."""
    normalised = scope.strip().lower()
    if normalised not in SCOPES:
        raise InvalidInput(
            "glossary.unknown_scope",
            "unknown glossary scope {scope!r}: use {scopes}",
            scope=scope,
            scopes=", ".join(SCOPES),
        )
    return normalised


def _owner(project: Project, scope: str) -> tuple[int | None, int | None]:
    """(partner_id, project_id) a new term of this scope is stored under."""
    if scope == "global":
        return None, None
    if scope == "partner":
        if project.partner_id is None:
            raise InvalidInput(
                "glossary.no_partner_glossary",
                "project {project!r} has no partner profile, so it has no partner glossary",
                project=project.name,
            )
        return project.partner_id, None
    return None, project.id


def _in_scope(project: Project, scope: str) -> ColumnElement[bool]:
    if scope == "global":
        return GlossaryTerm.scope == "global"
    if scope == "partner":
        if project.partner_id is None:
            return false()
        return and_(GlossaryTerm.scope == "partner", GlossaryTerm.partner_id == project.partner_id)
    return and_(GlossaryTerm.scope == "project", GlossaryTerm.project_id == project.id)


def _applies_to(project: Project) -> ColumnElement[bool]:
    """Stored terms that take part in the project's glossary (any scope)."""
    return or_(*(_in_scope(project, scope) for scope in SCOPES))


# ---------------------------------------------------------------------------------------
# Rows and entries


# Columns a listing reads: plain rows load about twice as fast as ORM objects.
_LISTED_COLUMNS = tuple(
    getattr(GlossaryTerm, name)
    for name in (
        "id", "scope", "source", "target", "variants", "pos", "note", "status",
        "case_sensitive", "domain", "origin", "date", "valid_until", "version",
        "updated_by", "updated_at",
    )
)  # fmt: skip


def entry_of(row: GlossaryTerm | Row[Any]) -> GlossaryEntry:
    """The entry of a stored term (an ORM object or a row of _LISTED_COLUMNS)."""
    return GlossaryEntry(
        source=row.source,
        target=row.target,
        variants=tuple(row.variants or ()),
        pos=row.pos,
        note=row.note,
        status=row.status,
        case_sensitive=row.case_sensitive,
        domain=row.domain,
        scope=row.scope,
        origin=row.origin,
        date=row.date,
        valid_until=row.valid_until,
    )


def _stored(row: GlossaryTerm | Row[Any]) -> StoredTerm:
    return StoredTerm(row.id, row.version, entry_of(row), row.updated_by, row.updated_at)


def _check_entry(entry: GlossaryEntry) -> None:
    if len(entry.source) > MAX_TERM_CHARS:
        raise InvalidInput(
            "glossary.source_term_too_long",
            "the source term {start!r}… is longer than {limit} characters: a glossary holds "
            "names and phrases",
            start=entry.source[:40],
            limit=MAX_TERM_CHARS,
        )
    if len(entry.target) > MAX_TERM_CHARS:
        raise InvalidInput(
            "glossary.target_term_too_long",
            "the target term {start!r}… is longer than {limit} characters: a glossary holds "
            "names and phrases",
            start=entry.target[:40],
            limit=MAX_TERM_CHARS,
        )
    for name, limit in _COLUMN_LIMITS.items():
        if len(getattr(entry, name)) > limit:
            raise InvalidInput(
                "glossary.field_too_long",
                "the {field} of {source!r} is longer than {limit} characters: shorten it",
                field=name,
                source=entry.source,
                limit=limit,
            )


def _columns(
    entry: GlossaryEntry, scope: str, owner: tuple[int | None, int | None]
) -> dict[str, Any]:
    """Column values of an entry stored in a scope under an owner (both set elsewhere)."""
    return {
        "source": entry.source,
        "source_key": match_key(entry.source),
        "target": entry.target,
        "identity": term_identity(scope, *owner, entry.source, entry.target),
        "variants": list(entry.variants),
        "pos": entry.pos,
        "note": entry.note,
        "status": entry.status.value,
        "case_sensitive": entry.case_sensitive,
        "domain": entry.domain,
        "origin": entry.origin,
        "date": entry.date,
        "valid_until": entry.valid_until,
    }


def _describe(source: str, target: str) -> str:
    return f"«{source} → {target}»"


def _row_owner(row: GlossaryTerm) -> tuple[int | None, int | None]:
    return row.partner_id, row.project_id


def _find_same(
    session: Session, identity: str, exclude_id: int | None = None
) -> GlossaryTerm | None:
    row = session.scalar(select(GlossaryTerm).where(GlossaryTerm.identity == identity))
    return None if row is None or row.id == exclude_id else row


def _duplicate(same: GlossaryTerm) -> InvalidInput:
    return InvalidInput(
        "glossary.duplicate_term",
        "the {scope} glossary already has {term} as term {term_id}: edit that term instead",
        scope=same.scope,
        term=_describe(same.source, same.target),
        term_id=same.id,
    )


def _refuse_duplicate(session: Session, identity: str, exclude_id: int | None = None) -> None:
    same = _find_same(session, identity, exclude_id)
    if same is not None:
        raise _duplicate(same)


# ---------------------------------------------------------------------------------------
# Reading


def get_term(session: Session, project: Project, term_id: int) -> GlossaryTerm:
    """A stored term that takes part in the project's glossary; NotFound otherwise."""
    row = None
    if fits_integer_column(term_id):  # a huge id would overflow the column: just not found
        row = session.scalar(
            select(GlossaryTerm).where(GlossaryTerm.id == term_id, _applies_to(project))
        )
    if row is None:
        raise NotFound(
            "glossary.term_not_found",
            "no glossary term {term_id} in project {project!r}'s glossaries",
            term_id=term_id,
            project=project.name,
        )
    return row


def stored_term(session: Session, project: Project, term_id: int) -> StoredTerm:
    """A stored term of the project's glossaries, with its current version."""
    return _stored(get_term(session, project, term_id))


def _texts_filter(search: str) -> Callable[[Iterable[str]], bool]:
    """Match texts (source, target, variants) of which one contains the query.

    A query typed without diacritics ("uy ban") matches with or without them; a query
    with diacritics matches them exactly, up to tone placement, NFC/NFD and case.
    """
    query = search.strip()
    if not query:
        return lambda texts: True
    loose = loose_key(query)
    key_function = loose_key if loose == match_key(query) else match_key
    needle = key_function(query)
    return lambda texts: any(needle in key_function(text) for text in texts)


def search_filter(search: str) -> Callable[[GlossaryEntry], bool]:
    """Whether an entry's source, target or a variant contains the query (see above)."""
    matches = _texts_filter(search)
    return lambda entry: matches((entry.source, *entry.target_forms))


def list_terms(
    session: Session,
    project: Project,
    *,
    scope: str | None = None,
    search: str = "",
    limit: int | None = None,
) -> list[StoredTerm]:
    """Stored terms of one scope (all scopes that apply when None), global first, by id."""
    where = _in_scope(project, check_scope(scope)) if scope else _applies_to(project)
    rows = session.execute(select(*_LISTED_COLUMNS).where(where).order_by(GlossaryTerm.id))
    matches = _texts_filter(search)
    # Rows are tested before they become entries: most rows of a search are not wanted.
    found = [
        _stored(row) for row in rows if matches((row.source, row.target, *(row.variants or ())))
    ]
    found.sort(key=lambda term: (SCOPES.index(term.scope), term.id))
    return found if limit is None else found[:limit]


def scope_entries(session: Session, project: Project, scope: str) -> list[GlossaryEntry]:
    """Entries of one stored scope as the project sees it."""
    return [term.entry for term in list_terms(session, project, scope=scope)]


def _shipped_names(project: Project) -> tuple[str, ...]:
    """Names of the glossaries the project's partner profile lists (official-names if none)."""
    return _listed_glossaries(project.partner)


def _listed_glossaries(partner: PartnerProfile | None) -> tuple[str, ...]:
    settings = partner.settings if partner is not None else {}
    return tuple(settings.get("glossaries", ["official-names"]))


def shipped_entries(project: Project) -> list[GlossaryEntry]:
    """Entries of the shipped glossaries the project's partner profile lists."""
    return _shipped_for(project.partner)


def _shipped_for(partner: PartnerProfile | None) -> list[GlossaryEntry]:
    entries: list[GlossaryEntry] = []
    for name in _listed_glossaries(partner):
        loader = SHIPPED_GLOSSARIES.get(name)
        if loader is not None:  # other names are glossaries songngu does not ship
            entries.extend(loader())
    return entries


def partner_name_entries(partner: PartnerProfile | None) -> list[GlossaryEntry]:
    """The partner's own names (its profile's own_names), as preferred entries."""
    if partner is None:
        return []
    names = partner.settings.get("own_names") or {}
    origin = f"partner profile {partner.name!r}"
    return [
        GlossaryEntry(source, target, domain="partner names", scope="partner", origin=origin)
        for source, target in names.items()
    ]


def overlay(layers: Sequence[Sequence[GlossaryEntry]]) -> list[GlossaryEntry]:
    """Merge layers, least specific first, by source (see the module notes)."""
    merged: dict[str, list[GlossaryEntry]] = {}
    for layer in layers:
        by_source: dict[str, list[GlossaryEntry]] = {}
        for entry in layer:
            by_source.setdefault(term_key(entry.source), []).append(entry)
        for key, group in by_source.items():
            if any(entry.status is not TermStatus.FORBIDDEN for entry in group):
                merged[key] = group
                continue
            banned = {match_key(form) for entry in group for form in entry.target_forms}
            kept = [e for e in merged.get(key, []) if match_key(e.target) not in banned]
            merged[key] = kept + group
    return [entry for group in merged.values() for entry in group]


def effective_entries(
    session: Session, project: Project, *, include_shipped: bool = True
) -> list[GlossaryEntry]:
    """The glossary the project is translated and checked with."""
    by_scope: dict[str, list[GlossaryEntry]] = {scope: [] for scope in SCOPES}
    for term in list_terms(session, project):
        by_scope[term.scope].append(term.entry)
    shipped = shipped_entries(project) if include_shipped else []
    own_names = partner_name_entries(project.partner)
    return overlay([shipped, own_names, *(by_scope[scope] for scope in SCOPES)])


def partner_glossary(session: Session, partner: PartnerProfile | None) -> list[GlossaryEntry]:
    """The glossary of a partner's work outside any project.

    The shipped glossaries its profile lists, its own names, the office's global terms and
    the partner's terms: what a project of that partner applies before its own terms.
    """
    partner_terms = (
        and_(GlossaryTerm.scope == "partner", GlossaryTerm.partner_id == partner.id)
        if partner is not None
        else false()
    )
    stored = session.execute(
        select(*_LISTED_COLUMNS)
        .where(or_(GlossaryTerm.scope == "global", partner_terms))
        .order_by(GlossaryTerm.id)
    )
    by_scope: dict[str, list[GlossaryEntry]] = {"global": [], "partner": []}
    for row in stored:
        by_scope[row.scope].append(entry_of(row))
    return overlay(
        [
            _shipped_for(partner),
            partner_name_entries(partner),
            by_scope["global"],
            by_scope["partner"],
        ]
    )


# ---------------------------------------------------------------------------------------
# Writing


def _new_values(
    actor: Actor, scope: str, owner: tuple[int | None, int | None], values: dict[str, Any]
) -> dict[str, Any]:
    """All column values of a new term (version 1) of a scope and _owner."""
    partner_id, project_id = owner
    return {
        "scope": scope,
        "partner_id": partner_id,
        "project_id": project_id,
        "version": 1,
        "updated_by": actor.name,
        "updated_at": utcnow(),
        **values,
    }


def add_term(
    session: Session, actor: Actor, project: Project, entry: GlossaryEntry, *, scope: str
) -> StoredTerm:
    """Store a new term in one of the project's glossaries (project, its partner's, global)."""
    actor.require(Action.MANAGE_GLOSSARY)
    scope = check_scope(scope)
    owner = _owner(project, scope)
    entry = dataclasses.replace(entry, scope=scope)
    _check_entry(entry)
    values = _columns(entry, scope, owner)
    _refuse_duplicate(session, values["identity"])
    # Insert-or-skip, not add: a concurrent add of the same term may commit between the
    # check above and this insert (see workflow.insert_missing).
    new_values = _new_values(actor, scope, owner, values)
    inserted = insert_missing(session, GlossaryTerm, [new_values], identity=["identity"])
    if not inserted:
        same = _find_same(session, values["identity"])
        if same is not None:
            raise _duplicate(same)
        # The term that won was deleted again before it could be read: nothing is there.
        inserted = insert_missing(session, GlossaryTerm, [new_values], identity=["identity"])
        if not inserted:
            raise InvalidInput(
                "glossary.term_contended",
                "the term {term} is being added and removed by others right now: try again",
                term=_describe(entry.source, entry.target),
            )
    row = get_term(session, project, inserted[0])
    _record(
        session,
        actor,
        project,
        AuditAction.GLOSSARY_ADD,
        row.id,
        f"{scope}: {entry.source} → {entry.target}",
    )
    return _stored(row)


def _record(
    session: Session,
    actor: Actor,
    project: Project,
    action: AuditAction,
    term_id: int | str,
    detail: str,
) -> None:
    record(
        session,
        actor,
        action,
        project_id=project.id,
        object_type="glossary_term",
        object_id=term_id,
        detail=detail,
    )


def _term_text(source: str, target: str) -> str:
    return f"{source} → {target}"


def _stale_edit(term_id: int, seen: int, attempted: GlossaryEntry) -> Describer[GlossaryTerm]:
    """Describes a refused edit: both terms as "source → target" texts, for the app."""
    yours = _term_text(attempted.source, attempted.target)

    def describe(current: GlossaryTerm | None) -> SongnguError:
        if current is None:
            return _term_gone(term_id)
        now = _term_text(current.source, current.target)
        return Conflict(
            "glossary.term_changed_meanwhile",
            "glossary term {term_id} was changed by {changed_by} (now version "
            "{current_version}, you saw version {expected_version}); not saved. Current: "
            "«{current}» | yours: «{yours}». Reload the glossary and try again.",
            term_id=term_id,
            changed_by=current.updated_by or "someone",
            expected_version=seen,
            current_version=current.version,
            current=now,
            yours=yours,
            current_target=now,
            attempted_target=yours,
        )

    return describe


def _stale_delete(term_id: int, seen: int) -> Describer[GlossaryTerm]:
    """Describes a refused delete: the term as it is now."""

    def describe(current: GlossaryTerm | None) -> SongnguError:
        if current is None:
            return _term_gone(term_id)
        now = _term_text(current.source, current.target)
        return Conflict(
            "glossary.term_changed_before_delete",
            "glossary term {term_id} was changed by {changed_by} (now version "
            "{current_version}, you saw version {expected_version}); not deleted. Current: "
            "«{current}». Reload the glossary and try again.",
            term_id=term_id,
            changed_by=current.updated_by or "someone",
            expected_version=seen,
            current_version=current.version,
            current=now,
            current_target=now,
        )

    return describe


def _term_gone(term_id: int) -> NotFound:
    return NotFound(
        "glossary.term_deleted_meanwhile",
        "glossary term {term_id} was deleted meanwhile: reload the glossary",
        term_id=term_id,
    )


def edit_term(
    session: Session,
    actor: Actor,
    project: Project,
    term_id: int,
    entry: GlossaryEntry,
    *,
    expected_version: int,
) -> StoredTerm:
    """Replace a term's fields (its scope stays) if it is still at expected_version."""
    actor.require(Action.MANAGE_GLOSSARY)
    row = get_term(session, project, term_id)
    entry = dataclasses.replace(entry, scope=row.scope)
    _check_entry(entry)
    values = _columns(entry, row.scope, _row_owner(row))
    _refuse_duplicate(session, values["identity"], exclude_id=row.id)
    try:
        # A savepoint: a concurrent edit or add that stored the same term first makes this
        # UPDATE break the unique identity, and only the savepoint is lost with it.
        with session.begin_nested():
            update_if_current(
                session,
                row,
                expected_version,
                actor,
                values,
                stale=_stale_edit(term_id, expected_version, entry),
            )
    except IntegrityError:
        same = _find_same(session, values["identity"], exclude_id=term_id)
        if same is None:
            raise
        raise _duplicate(same) from None
    _record(
        session,
        actor,
        project,
        AuditAction.GLOSSARY_EDIT,
        row.id,
        f"{row.scope}: {entry.source} → {entry.target}",
    )
    return _stored(row)


def delete_term(
    session: Session, actor: Actor, project: Project, term_id: int, *, expected_version: int
) -> None:
    """Delete a term if it is still at expected_version (nobody changed it meanwhile)."""
    actor.require(Action.MANAGE_GLOSSARY)
    row = get_term(session, project, term_id)
    detail = f"{row.scope}: {row.source} → {row.target}"
    delete_if_current(
        session, row, expected_version, stale=_stale_delete(term_id, expected_version)
    )
    _record(session, actor, project, AuditAction.GLOSSARY_DELETE, term_id, detail)


def import_terms(
    session: Session,
    actor: Actor,
    project: Project,
    entries: Iterable[GlossaryEntry],
    *,
    scope: str,
    update_existing: bool = True,
) -> ImportOutcome:
    """Store entries in one scope, inside the caller's transaction (all or nothing).

    An entry with the same source and target as a stored term (or an earlier entry of the
    same import) is not stored twice: its other fields replace the stored ones, or with
    update_existing off the stored term is left as it is.
    """
    actor.require(Action.MANAGE_GLOSSARY)
    scope = check_scope(scope)
    owner = _owner(project, scope)
    existing = {
        row.identity: row
        for row in session.scalars(select(GlossaryTerm).where(_in_scope(project, scope)))
    }
    outcome = _ImportCounts()
    pending: dict[str, tuple[GlossaryEntry, dict[str, Any]]] = {}  # new terms, by identity
    for raw_entry in entries:
        entry = dataclasses.replace(raw_entry, scope=scope)
        _check_entry(entry)
        values = _columns(entry, scope, owner)
        identity = values["identity"]
        row = existing.get(identity)
        if row is not None:
            _merge_into(session, actor, row, entry, values, update_existing, outcome)
        elif identity not in pending:
            pending[identity] = (entry, values)
            outcome.added += 1
        elif pending[identity][0] == entry:
            outcome.unchanged += 1
        elif not update_existing:
            outcome.skipped += 1
        else:
            pending[identity] = (entry, values)  # a later line of the same import wins
            outcome.updated += 1
    if pending:
        inserted = insert_missing(
            session,
            GlossaryTerm,
            [_new_values(actor, scope, owner, values) for _entry, values in pending.values()],
            identity=["identity"],
        )
        if len(inserted) < len(pending):
            # A concurrent import stored some of these terms first: they are stored terms
            # now, merged like the ones this import found.
            outcome.added = len(inserted)
            for row in session.scalars(
                select(GlossaryTerm).where(
                    GlossaryTerm.identity.in_(pending), GlossaryTerm.id.not_in(inserted)
                )
            ):
                entry, values = pending[row.identity]
                _merge_into(session, actor, row, entry, values, update_existing, outcome)
    session.flush()
    _record(
        session,
        actor,
        project,
        AuditAction.GLOSSARY_IMPORT,
        "",
        f"{scope}: {outcome.added} added, {outcome.updated} updated,"
        f" {outcome.unchanged} unchanged, {outcome.skipped} skipped",
    )
    return ImportOutcome(scope, outcome.added, outcome.updated, outcome.unchanged, outcome.skipped)


@dataclass
class _ImportCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0


def _merge_into(
    session: Session,
    actor: Actor,
    row: GlossaryTerm,
    entry: GlossaryEntry,
    values: dict[str, Any],
    update_existing: bool,
    counts: _ImportCounts,
) -> None:
    """An imported entry meeting a stored term: unchanged, skipped or written (guarded)."""
    if entry_of(row) == entry:
        counts.unchanged += 1
    elif not update_existing:
        counts.skipped += 1
    else:
        update_if_current(
            session, row, row.version, actor, values, stale=_stale_edit(row.id, row.version, entry)
        )
        counts.updated += 1


# ---------------------------------------------------------------------------------------
# Export


def export_glossary(
    session: Session,
    actor: Actor,
    project: Project,
    *,
    scope: str = EFFECTIVE,
    file_format: str = "csv",
) -> bytes:
    """One scope's terms, or the project's effective glossary, as CSV, TSV or TBX bytes.

    Not recorded here: a face records the file it hands over (``record_resource_export``),
    and an export bundle records itself once (``workflow.exports.record_export``).
    """
    actor.require(Action.EXPORT)
    file_format = file_format.strip().lower()
    if file_format not in EXPORT_FORMATS:
        raise InvalidInput(
            "glossary.unknown_export_format",
            "unknown glossary format {format!r}: use {formats}",
            format=file_format,
            formats=", ".join(EXPORT_FORMATS),
        )
    if scope.strip().lower() == EFFECTIVE:
        entries, label = effective_entries(session, project), "effective"
    else:
        label = check_scope(scope)
        entries = scope_entries(session, project, label)
    if file_format == "tbx":
        return write_tbx(entries, title=f"{project.name} ({label} glossary)")
    if file_format == "tsv":
        return write_glossary_csv(entries, delimiter="\t")  # data-only: cells as they are
    return write_glossary_csv(entries, spreadsheet=True)  # formula-like cells marked with '


# ---------------------------------------------------------------------------------------
# A matcher per project, rebuilt only when the project's glossary changed


_MATCHER_CACHE_SIZE = 32
_matchers: OrderedDict[tuple[str, int], tuple[Hashable, TermMatcher]] = OrderedDict()
_matchers_lock = threading.Lock()


def glossary_fingerprint(session: Session, project: Project) -> Hashable:
    """Changes whenever a term applying to the project is added, edited or deleted.

    One aggregate query: count, highest id, sum of versions and last change time of the
    project's stored terms, plus what decides the shipped part (partner, its glossaries)
    and the partner's own names.
    """
    count, max_id, version_sum, last_change = session.execute(
        select(
            func.count(GlossaryTerm.id),
            func.max(GlossaryTerm.id),
            func.sum(GlossaryTerm.version),
            func.max(GlossaryTerm.updated_at),
        ).where(_applies_to(project))
    ).one()
    own_names = project.partner.settings.get("own_names") if project.partner else None
    return (
        project.partner_id,
        _shipped_names(project),
        tuple(sorted((own_names or {}).items())),
        count,
        max_id,
        version_sum,
        str(last_change),
    )


def project_matcher(session: Session, project: Project) -> TermMatcher:
    """The TermMatcher of the project's effective glossary, cached per project."""
    cache_key = (str(session.get_bind().url), project.id)
    fingerprint = glossary_fingerprint(session, project)
    with _matchers_lock:
        cached = _matchers.get(cache_key)
        if cached is not None and cached[0] == fingerprint:
            _matchers.move_to_end(cache_key)
            return cached[1]
    matcher = TermMatcher(effective_entries(session, project))
    with _matchers_lock:
        _matchers[cache_key] = (fingerprint, matcher)
        _matchers.move_to_end(cache_key)
        while len(_matchers) > _MATCHER_CACHE_SIZE:
            _matchers.popitem(last=False)
    return matcher


def english_targets(session: Session) -> list[str]:
    """Every English form a glossary can ask MT for: shipped and stored, every scope.

    For a model's vocabulary shortlist, which serves every project; forbidden forms are
    left out. Distinct, in a stable order.
    """
    forms: list[str] = []
    for loader in SHIPPED_GLOSSARIES.values():
        for entry in loader():
            if entry.status is not TermStatus.FORBIDDEN:
                forms += entry.target_forms
    query = select(GlossaryTerm.target, GlossaryTerm.variants).where(
        GlossaryTerm.status != TermStatus.FORBIDDEN.value
    )
    for target, variants in session.execute(query.order_by(GlossaryTerm.id)):
        forms += [target, *(variants or [])]
    return list(dict.fromkeys(form for form in forms if form.strip()))
