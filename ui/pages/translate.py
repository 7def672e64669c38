"""Machine translation page: run MT over a project in the background, and manage models.

The job runs in a background thread of the app's process (ThreadJobRunner), or on the Redis
queue's workers when SONGNGU_REDIS_URL is set (the page says which), so the page
stays usable; while it runs, a fragment polls the job row every second for progress and
offers Stop. The polling fragment lives on this page only, never beside the review grid.
Installing a model is an administrator's action and goes through the engine layer's
validated installer; without a vi→en model the page says how to get one and the rest of
the app works as before. For a chosen segment the page shows what MT will keep fixed
(places, names, titles, official names, dates...) and with what English, as
``workflow.protect`` tells the MT job.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from primitives.errors import NotFound, SongnguError
from translation.dates import english_date
from translation.engine import SHORTLIST_BELOW_THRESHOLD, SHORTLIST_CHANGED, SHORTLIST_USED
from translation.packages import InstalledPackage
from translation.shortlist import DEFAULT_THRESHOLD
from ui.components.glossary_panel import in_mt_label
from ui.components.job_progress import is_active, job_progress
from ui.state import (
    current_project_id,
    database,
    error_text,
    job_runner,
    lang,
    show_error,
    sidebar,
    t,
)
from workflow.jobs import (
    JobState,
    job_error,
)
from workflow.models import Document, Job
from workflow.mt import (
    MAX_BEAM_SIZE,
    MTJobOptions,
    MTJobResult,
    count_plan,
    create_mt_job,
    latest_mt_job,
    ready_engine,
    resume_mt_job,
)
from workflow.mt_settings import shortlist_threshold
from workflow.permissions import Action, allowed
from workflow.projects import get_project
from workflow.protect import project_protector, report
from workflow.runners import REDIS_RUNNER, active_runner
from workflow.segments import list_segments
from workflow.users import Actor

MESSAGES = "translate_messages"  # shown on the next run (after a rerun that used them)


# --- models ---------------------------------------------------------------------------


def _install_upload(actor: Actor, name: str, data: bytes) -> None:
    from workflow.model_packages import install_model

    try:
        actor.require(Action.MANAGE_MODELS)  # before the upload is written anywhere
        with tempfile.TemporaryDirectory(prefix="songngu-upload-") as folder:
            archive = Path(folder) / Path(name).name  # the browser's name, never a path
            archive.write_bytes(data)
            package = install_model(database(), actor, archive)
    except SongnguError as error:
        show_error(error)
        return
    _installed(package)


def _installed(package: InstalledPackage) -> None:
    """Rerun so the whole page sees the new model; the message waits for that run."""
    languages = f"{package.from_code}→{package.to_code}"
    message = t("models_installed", name=package.name, languages=languages, version=package.version)
    st.session_state.setdefault(MESSAGES, []).append(message)
    st.rerun()


def _download(actor: Actor) -> None:
    from translation.packages import PackageIndexUnreachable
    from workflow.model_packages import download_model

    bar = st.progress(0.0, text=t("models_downloading"))

    def show(done: int, total: int | None) -> None:
        if total:
            bar.progress(min(1.0, done / total), text=t("models_downloading"))

    try:
        package = download_model(database(), actor, "vi", "en", progress=show)
    except PackageIndexUnreachable as error:
        bar.empty()
        st.info(t("models_offline"))
        st.caption(error_text(error))
        return
    except SongnguError as error:
        bar.empty()
        show_error(error)
        return
    bar.empty()
    _installed(package)


def _percent(share: float | None) -> str:
    """A share 0..1 as a percentage in the interface language (99,5% in Vietnamese)."""
    if share is None:
        return "?"
    text = f"{share * 100:.1f}".removesuffix(".0") + "%"
    return text.replace(".", ",") if lang() == "vi" else text


def shortlist_label(state: str, identical: float | None, threshold: float | None) -> str:
    """What a package's shortlist does for MT, in the interface language."""
    shares = {"identical": _percent(identical), "threshold": _percent(threshold)}
    if state == SHORTLIST_USED:
        return t("shortlist_used", **shares)
    if state == SHORTLIST_BELOW_THRESHOLD:
        return t("shortlist_below_threshold", **shares)
    if state == SHORTLIST_CHANGED:
        return t("shortlist_changed")
    return t("shortlist_none")


def _shortlist_threshold() -> float:
    try:
        return shortlist_threshold()
    except SongnguError:  # a bad setting: the page says so at the top (_engine_problem)
        return DEFAULT_THRESHOLD


def _models_panel(actor: Actor, ready: bool) -> None:
    from translation.packages import installed_packages
    from translation.shortlist import shortlist_status

    with st.expander(t("models_header"), expanded=not ready):
        for message in st.session_state.pop(MESSAGES, []):
            st.success(message)
        packages = installed_packages()
        if packages:
            threshold = _shortlist_threshold()
            rows = []
            for package in packages:
                status = shortlist_status(package, threshold)
                fidelity = status.record.fidelity if status.record else None
                identical = fidelity.identical_share if fidelity else None
                rows.append(
                    {
                        t("col_package"): package.name,
                        t("col_languages"): f"{package.from_code}→{package.to_code}",
                        t("col_version"): package.version,
                        t("col_shortlist"): shortlist_label(status.state, identical, threshold),
                        t("col_folder"): str(package.path),
                    }
                )
            st.dataframe(rows, hide_index=True, width="stretch")
            st.caption(t("models_shortlist_help"))
        else:
            st.caption(t("models_none"))
        if not allowed(actor.role, Action.MANAGE_MODELS):
            st.caption(t("models_admin_only"))
            return
        uploaded = st.file_uploader(t("models_upload"), type=["argosmodel"], key="model_upload")
        if st.button(t("models_install"), key="model_install", disabled=uploaded is None):
            assert uploaded is not None
            _install_upload(actor, uploaded.name, uploaded.getvalue())
        if st.button(t("models_download"), key="model_download"):
            _download(actor)


def _engine_problem() -> SongnguError | None:
    """Why MT cannot run now (no vi→en package, a bad MT setting), or None when it can."""
    try:
        ready_engine(MTJobOptions())
    except SongnguError as error:
        return error
    return None


# --- the job --------------------------------------------------------------------------


def _outcome(job: Job, actor: Actor) -> None:
    """How the project's last MT job ended, with Resume when it did not finish."""
    if job.state == JobState.SUCCEEDED:
        result = MTJobResult.from_dict(job.result)
        st.success(
            t(
                "mt_done",
                id=job.id,
                written=result.machine_translated,
                sources=result.sources_sent,
                tm=result.from_tm,
                flagged=result.flagged,
            )
        )
        st.caption(
            t(
                "mt_left_alone",
                confirmed=result.confirmed,
                human=result.human_drafts,
                rejected=result.rejected,
                drafts=result.machine_drafts,
                stale=result.stale,
            )
        )
        _decoding_captions(result)
        return
    if job.state == JobState.CANCELLED:
        st.info(t("mt_stopped", id=job.id))
    elif (failure := job_error(job)) is not None:  # in the user's language
        st.error(t("mt_failed", id=job.id, message=error_text(failure)))
    else:
        st.warning(t("mt_stalled", id=job.id))
    if st.button(t("mt_resume", id=job.id), key=f"mt_resume_{job.id}"):
        try:
            with database().write() as session:
                resume_mt_job(session, actor, job.id)
        except SongnguError as error:
            show_error(error)
            return
        job_runner().submit(job.id)
        st.rerun()


def _decoding_captions(result: MTJobResult) -> None:
    """Where the model's time went (retries by reason) and how the engine was set up."""
    per_source = result.decodes / result.sources_sent if result.sources_sent else 0.0
    per_source_text = f"{per_source:.2f}"
    st.caption(
        t(
            "mt_decoding",
            decodes=result.decodes,
            sources=result.sources_sent,
            per_source=per_source_text.replace(".", ",") if lang() == "vi" else per_source_text,
            truncated=result.retries_truncated,
            loops=result.retries_repetition,
            placeholders=result.retries_placeholder,
        )
    )
    setup = result.setup
    if setup:
        shortlist = shortlist_label(
            str(setup.get("shortlist", "")),
            setup.get("shortlist_identical"),
            setup.get("shortlist_threshold"),
        )
        size, _, kind = str(setup.get("batch") or "").partition(" ")
        batch = t(f"batch_{kind}", size=size) if kind in ("examples", "tokens") else "?"
        st.caption(
            t("mt_setup", threads=setup.get("threads") or "?", batch=batch, shortlist=shortlist)
        )


def _start(actor: Actor, project_id: int, document_id: int | None, beam: int) -> None:
    try:
        with database().write() as session:
            job = create_mt_job(
                session,
                actor,
                get_project(session, project_id),
                document=document_id,
                options=MTJobOptions(beam_size=beam),
            )
            job_id = job.id
    except SongnguError as error:
        show_error(error)
        return
    job_runner().submit(job_id)
    st.rerun()


# Segments offered in the "what MT will keep fixed" chooser (a long document: its start).
FIXED_CHOICES = 500


def _fixed_spans_panel(project_id: int, document_id: int | None) -> None:
    """What MT will keep fixed in one chosen segment, and with what English."""
    st.subheader(t("mt_fixed_header"))
    with database().read() as session:
        project = get_project(session, project_id)
        segments = list_segments(session, project, document_id=document_id, limit=FIXED_CHOICES)
        if not segments:
            return
        # Options are the labels themselves (no session-reading format_func).
        labels = {f"#{s.id}: {s.source[:70]}": s for s in segments}
        chosen = labels[st.selectbox(t("mt_fixed_segment"), list(labels), key="mt_fixed_segment")]
        document = session.get(Document, chosen.document_id)
        protector = project_protector(session, project, document)
        partner = project.partner.name if project.partner else ""
        source = chosen.source
    style = protector.style
    names = t("mt_names_strip") if style.strip_name_diacritics else t("mt_names_keep")
    example = english_date(style.date_style, 8, 2022, 9)
    st.caption(t("mt_fixed_style", partner=partner, names=names, example=example))
    if protector.on is not None:
        st.caption(t("glossary_date", date=protector.on.isoformat()))
    else:
        st.caption(t("glossary_no_date"))
    spans = report(protector, source)
    if not spans:
        st.caption(t("mt_fixed_none"))
        return
    st.dataframe(
        [
            {
                t("col_fixed_text"): span.text,
                t("col_kind"): t(f"fixed_kind_{span.kind}"),
                t("col_english"): span.replacement,
                t("col_in_mt"): in_mt_label(span.finding)
                if span.finding
                else t("fixed_reason_enforced"),
            }
            for span in spans
        ],
        hide_index=True,
        width="stretch",
    )


def _translate_panel(actor: Actor, project_id: int, ready: bool) -> None:
    with database().read() as session:
        project = get_project(session, project_id)
        documents = {d.id: d.title for d in project.documents}
        last = latest_mt_job(session, project)
    st.subheader(project.name)
    if last is not None and is_active(last):
        job_progress(actor, last.id, "mt")
        return
    if last is not None:
        _outcome(last, actor)
    if not documents:
        st.info(t("no_documents"))
        return
    # Options are the labels themselves (see the review page: no session-reading format_func).
    choices = {t("all"): None, **{title: document_id for document_id, title in documents.items()}}
    document_id = choices[st.selectbox(t("document"), list(choices), key="mt_document")]
    with database().read() as session:
        todo, skipped = count_plan(session, get_project(session, project_id), document_id)
    st.caption(t("mt_plan", todo=todo, kept=sum(skipped.values())))
    beam = st.number_input(
        t("mt_beam"),
        min_value=1,
        max_value=MAX_BEAM_SIZE,
        value=MTJobOptions.beam_size,
        help=t("mt_beam_help"),
        key="mt_beam",
    )
    disabled = not ready or todo == 0
    if st.button(t("mt_start"), key="mt_start", type="primary", disabled=disabled):
        _start(actor, project_id, document_id, int(beam))
    _fixed_spans_panel(project_id, document_id)


def render() -> None:
    actor = sidebar()
    st.title(t("translate_header"))
    st.caption(t("mt_runner_redis" if active_runner() == REDIS_RUNNER else "mt_runner_thread"))
    problem = _engine_problem()
    if isinstance(problem, NotFound):
        st.error(t("models_missing"))
        st.caption(str(problem))
    elif problem is not None:
        show_error(problem)
    project_id = current_project_id()
    if project_id is None:
        st.warning(t("choose_project_first"))
    else:
        _translate_panel(actor, project_id, problem is None)
    _models_panel(actor, problem is None)
