"""Machine translation of a project as a job: what to translate, in what order, and how.

The "mt" job translates the segments nobody has worked on (status NEW). Everything a
person touched is left alone: confirmed segments (status >= TRANSLATED) are never sent to
MT, rejected ones wait for a translator, and a person's unconfirmed draft is theirs. A
segment that already holds a machine draft (MT, TM, propagation) is skipped too, which is
what makes a killed or cancelled job resumable: run it again and the chunks it committed
are not redone.

This job alone decides what the engine is asked (the engine translates each request it
gets): segments with the same source (same ``source_key`` and the same capitals) are
translated once, and segments with an exact translation-memory match skip MT. The unique
sources of the whole job are sorted by length and that order is cut into chunks: a batch
of sentences of one length decodes with no padding, and neither resuming nor the version
guard needs reading order. At the start of a chunk its segments are read again
(versions, statuses); the chunk is translated outside any transaction and written one
group of results at a time as the engine yields them (a batch each), with
``apply_fills``, whose version guard leaves alone every segment edited after that read
(counted as stale in the job result). Progress moves, and a request to stop is seen,
after each group. What the engine keeps fixed (places, compound names, enforced glossary
terms, titles, personal names, dates in the partner's style) is decided by
:mod:`workflow.protect` for each document's date; segments of documents with different
dates are not merged, since a name may be in force on one date and historic on the
other. The result records the engine's setup (threads, batches, shortlist) and how many
decodes the model ran, by retry reason.
"""

from __future__ import annotations

import datetime
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from sqlalchemy import Text, cast, func, select
from sqlalchemy.orm import Session

from primitives.errors import Conflict, InvalidInput, NotFound
from primitives.statuses import Origin, Status
from translation.engine import (
    MAX_BEAM_SIZE,
    RETRY_PLACEHOLDER_LOST,
    RETRY_REPETITION,
    RETRY_TRUNCATED,
    SHORTLIST_BELOW_THRESHOLD,
    SHORTLIST_CHANGED,
    SHORTLIST_USED,
    MTRequest,
    MTResult,
    TranslationEngine,
    engine_setup,
    get_engine,
)
from workflow.jobs import (
    FINISHED,
    JobContext,
    JobState,
    create_job,
    get_job,
    is_stalled,
    resume_job,
)
from workflow.models import Document, Job, Project, Segment
from workflow.mt_settings import MTRuntime
from workflow.permissions import Action
from workflow.projects import get_document
from workflow.protect import Protector, meta_date, project_protector
from workflow.segment_flags import do_not_translate
from workflow.segments import MT_FLAGS_KEY, Fill, apply_fills, check_target_text
from workflow.storage import Database
from workflow.tm.exact import exact_tm_targets
from workflow.users import Actor, resolve_actor

MT_JOB_KIND = "mt"  # run by run_mt_job, as listed in workflow/job_kinds.py
DEFAULT_CHUNK_SIZE = 64  # unique sources per chunk: one progress step and one chance to stop


# --- parameters and result ------------------------------------------------------------


@dataclass(frozen=True)
class MTJobOptions:
    """What an "mt" job does; stored as the job's params."""

    document_id: int | None = None  # None: every document of the project
    beam_size: int = 4
    engine: str = "argos"
    chunk_size: int = DEFAULT_CHUNK_SIZE

    def __post_init__(self) -> None:
        if not 1 <= self.beam_size <= MAX_BEAM_SIZE:
            raise InvalidInput(
                "mt.beam_size_out_of_range",
                "beam size must be between 1 and {maximum}, not {beam_size}",
                maximum=MAX_BEAM_SIZE,
                beam_size=self.beam_size,
            )
        if self.chunk_size < 1:
            raise InvalidInput(
                "mt.chunk_size_too_small",
                "chunk size must be at least 1, not {chunk_size}",
                chunk_size=self.chunk_size,
            )

    def to_params(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> MTJobOptions:
        known = {name: params[name] for name in cls.__dataclass_fields__ if name in params}
        return cls(**known)

    def engine_options(self) -> dict[str, object]:
        return {"beam_size": self.beam_size}


@dataclass
class MTJobResult:
    """What one run of an "mt" job did, in segments (stored as the job's result)."""

    machine_translated: int = 0  # written with an MT target
    sources_sent: int = 0  # unique sources the engine translated
    from_tm: int = 0  # written from an exact translation-memory match
    stale: int = 0  # edited by someone after the job read it: left alone
    confirmed: int = 0  # confirmed by a person (before or during the job): left alone
    human_drafts: int = 0  # a person's unconfirmed draft: left alone
    rejected: int = 0  # sent back by a reviewer: left to a translator
    machine_drafts: int = 0  # already pre-filled (an earlier run): not redone
    do_not_translate: int = 0  # marked not to translate (an image's file name): left alone
    flagged: int = 0  # written with MT flags a reviewer should check
    refused: int = 0  # MT output that a segment cannot hold (kept out)
    decodes: int = 0  # model runs for the sources sent, retries included
    retries_truncated: int = 0  # output cut at its limit: redone with a higher limit
    retries_repetition: int = 0  # output looped: redone with a repetition penalty
    retries_placeholder: int = 0  # placeholders lost: redone without protection
    setup: dict[str, Any] = field(default_factory=dict)  # the engine's EngineSetup
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, stored: dict[str, Any]) -> MTJobResult:
        """A stored result; counts a newer or older songngu did not store are left at 0."""
        return cls(**{name: stored[name] for name in cls.__dataclass_fields__ if name in stored})

    @property
    def retries(self) -> int:
        return self.retries_truncated + self.retries_repetition + self.retries_placeholder

    def count(self, translated: MTResult) -> None:
        """Count the decodes and retries of one translated source."""
        self.decodes += translated.decodes
        for reason in translated.retries:
            if reason == RETRY_TRUNCATED:
                self.retries_truncated += 1
            elif reason == RETRY_REPETITION:
                self.retries_repetition += 1
            elif reason == RETRY_PLACEHOLDER_LOST:
                self.retries_placeholder += 1

    def decoding_summary(self) -> str:
        """Where the model's time went: decodes per source and each retry reason."""
        per_source = self.decodes / self.sources_sent if self.sources_sent else 0.0
        line = f"{self.decodes} decodes for {self.sources_sent} sources ({per_source:.2f} each)"
        reasons = {
            "cut at the length limit (redone with a higher limit)": self.retries_truncated,
            "looping (redone with a repetition penalty)": self.retries_repetition,
            "with placeholders lost (redone without protection)": self.retries_placeholder,
        }
        retried = ", ".join(f"{count} {label}" for label, count in reasons.items() if count)
        return line + (f"; retries: {retried}" if retried else "; no retries")

    def setup_summary(self) -> str:
        """How the engine ran: threads, batches and whether it used a shortlist."""
        if not self.setup:
            return ""
        setup = self.setup
        parts = [str(setup.get("engine", ""))]
        if setup.get("threads"):
            parts.append(f"threads {setup['threads']}")
        if setup.get("batch"):
            parts.append(f"batches of {setup['batch']}")
        state = setup.get("shortlist")
        identical = setup.get("shortlist_identical")
        threshold = setup.get("shortlist_threshold")
        if state == SHORTLIST_USED:
            parts.append(f"shortlist used ({identical:.1%} identical, threshold {threshold:.0%})")
        elif state == SHORTLIST_BELOW_THRESHOLD:
            parts.append(f"shortlist not used ({identical:.1%} identical, below {threshold:.0%})")
        elif state == SHORTLIST_CHANGED:
            parts.append("shortlist not used (changed since it was measured)")
        else:
            parts.append("no shortlist")
        return ", ".join(parts)

    def summary(self) -> str:
        """One line for people: what was written and what was left alone."""
        written = f"{self.machine_translated} segments machine-translated"
        parts = [written + f" ({self.sources_sent} unique sources)"]
        if self.from_tm:
            parts.append(f"{self.from_tm} from translation memory")
        if self.flagged:
            parts.append(f"{self.flagged} flagged for review")
        left = {
            "edited meanwhile": self.stale,
            "confirmed": self.confirmed,
            "human drafts": self.human_drafts,
            "rejected": self.rejected,
            "already pre-filled": self.machine_drafts,
            "not to translate": self.do_not_translate,
            "unusable MT output": self.refused,
        }
        alone = ", ".join(f"{count} {label}" for label, count in left.items() if count)
        if alone:
            parts.append(f"left alone: {alone}")
        if self.retries:
            parts.append(f"{self.retries} {'retry' if self.retries == 1 else 'retries'}")
        return "; ".join(parts)


# --- choosing the segments ------------------------------------------------------------


@dataclass(frozen=True)
class PendingSegment:
    """A segment as read at the start of a chunk: its id, the version seen, its source."""

    id: int
    version: int
    source: str
    source_key: str
    document_id: int = 0


def skip_reason(status: int, origin: int, flags: dict[str, Any] | None = None) -> str | None:
    """Why MT leaves a segment alone (an MTJobResult field name), or None to translate it."""
    if do_not_translate(flags):
        return "do_not_translate"
    state = Status(status)
    if state >= Status.TRANSLATED:
        return "confirmed"
    if state == Status.REJECTED:
        return "rejected"
    if state == Status.DRAFT:
        return "human_drafts" if origin == Origin.HUMAN else "machine_drafts"
    return None


def reuse_key(segment: PendingSegment) -> tuple[str, tuple[bool, ...]]:
    """Segments with equal keys get one translation: same source_key and same capitals.

    source_key folds case, but a heading in capitals and the same words in a sentence are
    not the same text to translate; source_key keeps NFC length, so capitals line up.
    """
    nfc = unicodedata.normalize("NFC", segment.source)
    return segment.source_key, tuple(c.isupper() for c in nfc)


_COLUMNS = (
    Segment.id,
    Segment.version,
    Segment.status,
    Segment.origin,
    Segment.source,
    Segment.source_key,
    Segment.document_id,
    Segment.flags,
)


def _in_scope(query: Any, project: Project, document_id: int | None) -> Any:
    """The query limited to the project's segments, or to one of its documents."""
    query = query.join(Document, Document.id == Segment.document_id).where(
        Document.project_id == project.id
    )
    if document_id is not None:
        query = query.where(Segment.document_id == document_id)
    return query


def _triage(rows: Iterable[Any], skipped: dict[str, int]) -> Iterator[PendingSegment]:
    """The rows MT would translate; the others are counted in skipped by reason."""
    for row in rows:
        reason = skip_reason(row.status, row.origin, row.flags)
        if reason is not None:
            skipped[reason] = skipped.get(reason, 0) + 1
            continue
        yield PendingSegment(row.id, row.version, row.source, row.source_key, row.document_id)


@dataclass
class TranslationPlan:
    """The segments to translate, grouped by reuse key in document order."""

    groups: list[list[PendingSegment]]
    skipped: dict[str, int] = field(default_factory=dict)

    @property
    def segment_count(self) -> int:
        return sum(len(group) for group in self.groups)

    def chunks(self, size: int) -> list[list[list[PendingSegment]]]:
        """The groups sorted by the length of their source (shortest first), cut into chunks.

        The engine sorts what one call gets; sorting the whole job first makes every
        chunk's batches hold sentences of one length (reading order would mix them), and
        a chunk is still committed on its own. Equal lengths keep document order.
        """
        ordered = sorted(self.groups, key=lambda group: len(group[0].source))
        return [ordered[start : start + size] for start in range(0, len(ordered), size)]


def plan_translation(
    session: Session, project: Project, document_id: int | None = None
) -> TranslationPlan:
    """Which segments of the project (or one document) MT would translate now."""
    dates = document_dates(session, project)
    groups: dict[tuple[object, ...], list[PendingSegment]] = {}
    skipped: dict[str, int] = {}
    query = _in_scope(select(*_COLUMNS), project, document_id).order_by(
        Document.id, Segment.position
    )
    for segment in _triage(session.execute(query), skipped):
        key = (*reuse_key(segment), dates.get(segment.document_id))
        groups.setdefault(key, []).append(segment)
    return TranslationPlan(list(groups.values()), skipped)


def count_plan(
    session: Session, project: Project, document_id: int | None = None
) -> tuple[int, dict[str, int]]:
    """What plan_translation would find, counted by the database.

    (segments to translate, segments left alone by reason): cheap enough for a page that
    shows the numbers on every rerun, where the plan reads and keys every source.
    """
    query = _in_scope(
        select(Segment.status, Segment.origin, func.count()), project, document_id
    ).group_by(Segment.status, Segment.origin)
    to_translate = 0
    skipped: dict[str, int] = {}
    for status, origin, count in session.execute(query):
        reason = skip_reason(status, origin)
        if reason is None:
            to_translate += count
        else:
            skipped[reason] = skipped.get(reason, 0) + count
    # Segments marked not to translate, read one by one: only rows with any flag (few).
    flagged = _in_scope(
        select(Segment.status, Segment.origin, Segment.flags), project, document_id
    ).where(cast(Segment.flags, Text) != "{}")
    for status, origin, flags in session.execute(flagged):
        if do_not_translate(flags):
            reason = skip_reason(status, origin)
            if reason is None:
                to_translate -= 1
            else:
                skipped[reason] -= 1
            skipped["do_not_translate"] = skipped.get("do_not_translate", 0) + 1
    return to_translate, {reason: count for reason, count in skipped.items() if count}


def reread(session: Session, ids: Sequence[int]) -> tuple[list[PendingSegment], dict[str, int]]:
    """The chunk's segments as they are now: still to translate, and why others are not."""
    by_id = {row.id: row for row in session.execute(select(*_COLUMNS).where(Segment.id.in_(ids)))}
    # A segment deleted (merged away) meanwhile has no row.
    rows = [by_id[segment_id] for segment_id in ids if segment_id in by_id]
    skipped: dict[str, int] = {}
    return list(_triage(rows, skipped)), skipped


# --- building engine requests ---------------------------------------------------------


def document_dates(session: Session, project: Project) -> dict[int, datetime.date | None]:
    """The date of each document of the project (what decides its official names)."""
    rows = session.execute(
        select(Document.id, Document.meta).where(Document.project_id == project.id)
    )
    return {row.id: meta_date(row.meta) for row in rows}


@dataclass(frozen=True)
class RequestContext:
    """What every request of a project shares: its protector and its documents' dates."""

    protector: Protector
    dates: dict[int, datetime.date | None] = field(default_factory=dict)

    @classmethod
    def for_project(cls, session: Session, project: Project) -> RequestContext:
        return cls(project_protector(session, project), document_dates(session, project))

    def request(self, key: int, source: str, document_id: int | None = None) -> MTRequest:
        """The engine request for a source of one of the project's documents."""
        on = self.dates.get(document_id) if document_id is not None else None
        return self.protector.with_date(on).request(key, source)


# --- starting and running the job -----------------------------------------------------


def ready_engine(options: MTJobOptions) -> TranslationEngine:
    """The engine the options name, set up as this machine's settings say, or NotFound
    saying how to install a model."""
    runtime = MTRuntime.from_settings()
    engine = get_engine(options.engine, **options.engine_options(), **runtime.engine_options())
    if not engine.available():
        from translation.packages import packages_dir

        raise NotFound(
            "mt.not_available",
            "machine translation is not available: no vi→en translation package is "
            "installed in {folder}",
            folder=str(packages_dir()),
        )
    return engine


def active_mt_job(session: Session, project: Project) -> Job | None:
    """The project's queued or running MT job, if any.

    A stalled job (its process died) or one asked to stop does not count: otherwise a
    killed 'songngu translate' would block the project until its heartbeat times out.
    """
    jobs = session.scalars(
        select(Job)
        .where(Job.project_id == project.id, Job.kind == MT_JOB_KIND)
        .order_by(Job.id.desc())
    )
    for job in jobs:
        if job.state not in FINISHED and not job.cancel_requested and not is_stalled(job):
            return job
    return None


def latest_mt_job(session: Session, project: Project) -> Job | None:
    """The project's most recent MT job, whatever its state."""
    return session.scalar(
        select(Job)
        .where(Job.project_id == project.id, Job.kind == MT_JOB_KIND)
        .order_by(Job.id.desc())
        .limit(1)
    )


def resume_mt_job(session: Session, actor: Actor, job_id: int) -> Job:
    """Queue the MT job again if it may go on now (stopped, failed or stalled, MT ready)."""
    actor.require(Action.TRANSLATE)
    job = get_job(session, job_id)
    if job.kind != MT_JOB_KIND:
        raise InvalidInput(
            "mt.not_an_mt_job",
            "job {job_id} is a {kind!r} job, not machine translation",
            job_id=job_id,
            kind=job.kind,
        )
    if job.state == JobState.SUCCEEDED:
        raise InvalidInput(
            "mt.job_finished",
            "job {job_id} has already finished: start a new translation",
            job_id=job_id,
        )
    if job.state not in FINISHED and not is_stalled(job):
        raise Conflict(
            "job.still_running",
            "job {job_id} is still running: wait for it or stop it first",
            job_id=job_id,
        )
    ready_engine(MTJobOptions.from_params(job.params))
    return resume_job(session, actor, job_id)


def create_mt_job(
    session: Session,
    actor: Actor,
    project: Project,
    *,
    document: str | int | None = None,
    options: MTJobOptions | None = None,
) -> Job:
    """Record an MT job for the project (or one document) after checking it can run."""
    actor.require(Action.TRANSLATE)
    options = options or MTJobOptions()
    if document is not None:
        options = replace(options, document_id=get_document(session, project, document).id)
    ready_engine(options)
    running = active_mt_job(session, project)
    if running is not None:
        raise Conflict(
            "mt.already_translating",
            "job {job_id} is already translating project {project!r}: wait for it or stop it first",
            job_id=running.id,
            project=project.name,
        )
    return create_job(session, actor, MT_JOB_KIND, project, options.to_params())


def _add(counts: dict[str, int], result: MTJobResult) -> None:
    for name, count in counts.items():
        setattr(result, name, getattr(result, name) + count)


def _tm_fills(groups: Sequence[Sequence[PendingSegment]], tm_targets: dict[str, str]) -> list[Fill]:
    return [
        Fill(segment.id, segment.version, tm_targets[group[0].source_key], Origin.TM, 1.0, {})
        for group in groups
        for segment in group
    ]


def _mt_fills(answered: Iterable[tuple[Sequence[PendingSegment], MTResult]]) -> list[Fill]:
    """Each group's segments filled with the engine's translation of its representative."""
    fills: list[Fill] = []
    for group, translated in answered:
        flags = {MT_FLAGS_KEY: list(translated.flags)} if translated.flags else {}
        fills += [
            Fill(s.id, s.version, translated.target, Origin.MT, translated.score, flags)
            for s in group
        ]
    return fills


def _write(context: JobContext, actor: Actor, fills: list[Fill], result: MTJobResult) -> int:
    """Store the fills; the number of segments they were for (written or left alone)."""
    with context.database.write() as session:
        store_fills(session, actor, fills, result)
    return len(fills)


def store_fills(session: Session, actor: Actor, fills: list[Fill], result: MTJobResult) -> None:
    """Write the usable fills with the version guard in session, counted in result."""
    usable: list[Fill] = []
    for fill in fills:
        try:
            check_target_text(fill.target)
        except InvalidInput:
            result.refused += 1
            continue
        usable.append(fill)
    outcome = apply_fills(session, actor, usable)
    written = set(outcome.written)
    for fill in usable:
        if fill.segment_id not in written:
            continue
        if fill.origin == Origin.TM:
            result.from_tm += 1
        else:
            result.machine_translated += 1
            result.flagged += bool(fill.flags)
    result.stale += len(outcome.stale)
    result.confirmed += len(outcome.confirmed)


def run_mt_job(context: JobContext, params: dict[str, Any]) -> dict[str, Any]:
    """Translate the job's segments chunk by chunk; returns an MTJobResult as a dict."""
    started = time.monotonic()
    options = MTJobOptions.from_params(params)
    engine = ready_engine(options)
    result = MTJobResult()
    with context.database.read() as session:
        actor = resolve_actor(session, context.actor_name)
        actor.require(Action.TRANSLATE)
        project = session.get(Project, context.project_id)
        if project is None:
            raise NotFound(
                "mt.project_deleted",
                "project {project_id} was deleted: nothing to translate",
                project_id=context.project_id,
            )
        plan = plan_translation(session, project, options.document_id)
        requests = RequestContext.for_project(session, project)
    result.setup = engine_setup(engine).as_dict()
    _add(plan.skipped, result)
    total, done = plan.segment_count, 0
    context.progress(done, total, "translating")

    def report(step: int) -> None:
        nonlocal done
        done += step
        context.progress(done, total, f"{result.machine_translated + result.from_tm} written")

    for chunk in plan.chunks(options.chunk_size):
        context.check_cancel()
        ids = [segment.id for group in chunk for segment in group]
        chunk_end = done + len(ids)
        with context.database.read() as session:
            pending, skipped = reread(session, ids)
            tm_targets = exact_tm_targets(
                session, project, sorted({segment.source_key for segment in pending})
            )
        _add(skipped, result)
        current = {segment.id: segment for segment in pending}
        groups = [
            [current[segment.id] for segment in group if segment.id in current] for group in chunk
        ]
        groups = [group for group in groups if group]
        from_tm = [group for group in groups if group[0].source_key in tm_targets]
        # Segments gone or left alone since the plan, and those from TM, are done now.
        step = len(ids) - len(pending)
        if from_tm:
            step += _write(context, actor, _tm_fills(from_tm, tm_targets), result)
        if step:
            report(step)
        # One request per group, keyed by its first segment; the rest get the same text.
        to_translate = {g[0].id: g for g in groups if g[0].source_key not in tm_targets}
        result.sources_sent += len(to_translate)
        sent = [
            requests.request(key, group[0].source, group[0].document_id)
            for key, group in to_translate.items()
        ]
        for translated in engine.translate(sent) if sent else ():
            # A request the engine did not answer leaves its segments NEW.
            answered = [(to_translate[r.key], r) for r in translated if r.key in to_translate]
            for _, answer in answered:
                result.count(answer)
            report(_write(context, actor, _mt_fills(answered), result))
            context.check_cancel()  # stopping here keeps every group written so far
        if done < chunk_end:
            report(chunk_end - done)  # requests the engine did not answer: done with too
    result.seconds = round(time.monotonic() - started, 2)
    return result.as_dict()


# --- one chunk on a queue worker ------------------------------------------------------


@dataclass
class TranslatedChunk:
    """A chunk translated but not yet stored: its fills and what it counted so far."""

    fills: list[Fill]
    result: MTJobResult


def plan_chunks(
    session: Session, project: Project, options: MTJobOptions
) -> tuple[list[list[int]], MTJobResult]:
    """The job's chunks as segment ids (the same length order as run_mt_job), and the
    segments the plan leaves alone, counted in a result."""
    plan = plan_translation(session, project, options.document_id)
    result = MTJobResult()
    _add(plan.skipped, result)
    chunks = [
        [segment.id for group in chunk for segment in group]
        for chunk in plan.chunks(options.chunk_size)
    ]
    return chunks, result


def translate_chunk(
    database: Database,
    engine: TranslationEngine,
    project_id: int,
    ids: Sequence[int],
    check_cancel: Callable[[], None],
) -> TranslatedChunk:
    """Translate the chunk's segments as they are now, writing nothing.

    The segments are read again first (outside that read, the engine runs with no
    transaction open). Groups are formed again from them: same reuse key and document
    date, as the plan grouped them. check_cancel is called after each engine batch (it
    raises to stop); the caller stores the fills and the chunk's done marker together.
    """
    result = MTJobResult()
    with database.read() as session:
        project = session.get(Project, project_id)
        if project is None:
            raise NotFound(
                "mt.project_deleted",
                "project {project_id} was deleted: nothing to translate",
                project_id=project_id,
            )
        pending, skipped = reread(session, ids)
        tm_targets = exact_tm_targets(session, project, sorted({s.source_key for s in pending}))
        requests = RequestContext.for_project(session, project)
    _add(skipped, result)
    grouped: dict[tuple[object, ...], list[PendingSegment]] = {}
    for segment in pending:
        key = (*reuse_key(segment), requests.dates.get(segment.document_id))
        grouped.setdefault(key, []).append(segment)
    groups = list(grouped.values())
    from_tm = [group for group in groups if group[0].source_key in tm_targets]
    fills = _tm_fills(from_tm, tm_targets)
    to_translate = {g[0].id: g for g in groups if g[0].source_key not in tm_targets}
    result.sources_sent += len(to_translate)
    sent = [
        requests.request(key, group[0].source, group[0].document_id)
        for key, group in to_translate.items()
    ]
    for translated in engine.translate(sent) if sent else ():
        answered = [(to_translate[r.key], r) for r in translated if r.key in to_translate]
        for _, answer in answered:
            result.count(answer)
        fills += _mt_fills(answered)
        check_cancel()
    return TranslatedChunk(fills, result)


def add_results(total: MTJobResult, part: dict[str, Any]) -> None:
    """Add a chunk's stored counts to total (the setup is the engine's: kept, not added)."""
    for name, value in MTJobResult.from_dict(part).as_dict().items():
        if name == "setup":
            total.setup = total.setup or value
        elif name == "seconds":
            total.seconds = round(total.seconds + value, 2)
        else:
            setattr(total, name, getattr(total, name) + value)
