"""The machine's MT settings reach the engine, and the job records how it ran."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from songngu_testing import seed_project

from primitives.errors import InvalidInput
from translation.engine import (
    RETRY_PLACEHOLDER_LOST,
    RETRY_REPETITION,
    RETRY_TRUNCATED,
    SHORTLIST_NONE,
    SHORTLIST_USED,
    MTRequest,
    MTResult,
    register_engine,
)
from translation.packages import install_package
from translation.shortlist_build import build_shortlist
from translation.threads import ThreadLayout, available_cores
from workflow.jobs import JobState, get_job, run_job
from workflow.mt import MTJobOptions, MTJobResult, create_mt_job
from workflow.mt_settings import MTRuntime
from workflow.projects import get_project
from workflow.settings import SETTINGS
from workflow.storage import Database
from workflow.users import resolve_actor

SOURCES = ["Chào bạn.", "Chúng tôi đã đi bộ rất nhiều.", "Hội nghị bế mạc.", "Tôi không biết."]


def test_the_defaults_are_one_batch_of_32_sentences_on_every_core() -> None:
    runtime = MTRuntime.from_settings()
    assert runtime == MTRuntime(ThreadLayout(1, available_cores()), 32, "examples", 0.99)
    options = runtime.engine_options()
    assert (options["inter_threads"], options["intra_threads"]) == (1, available_cores())
    assert options["shortlist_threshold"] == 0.99
    names = {setting.env for setting in SETTINGS}
    assert {
        "SONGNGU_MT_THREADS",
        "SONGNGU_MT_BATCH_SIZE",
        "SONGNGU_MT_BATCH_TYPE",
        "SONGNGU_MT_SHORTLIST_MIN_IDENTICAL",
    } <= names


def test_settings_change_the_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SONGNGU_MT_THREADS", "1x1")
    monkeypatch.setenv("SONGNGU_MT_BATCH_SIZE", "1024")
    monkeypatch.setenv("SONGNGU_MT_BATCH_TYPE", "Tokens")
    monkeypatch.setenv("SONGNGU_MT_SHORTLIST_MIN_IDENTICAL", "97.5%")
    runtime = MTRuntime.from_settings()
    assert runtime == MTRuntime(ThreadLayout(1, 1), 1024, "tokens", 0.975)
    assert runtime.pipeline().describe_batch() == "1024 tokens"


@pytest.mark.parametrize(
    ("variable", "value", "code"),
    [
        ("SONGNGU_MT_THREADS", "lots", "settings.mt_threads_invalid"),
        ("SONGNGU_MT_THREADS", "64x64", "settings.mt_threads_invalid"),
        ("SONGNGU_MT_BATCH_SIZE", "0", "settings.mt_batch_size_invalid"),
        ("SONGNGU_MT_BATCH_SIZE", "3.5", "settings.mt_batch_size_invalid"),
        ("SONGNGU_MT_BATCH_TYPE", "pages", "settings.mt_batch_type_invalid"),
        ("SONGNGU_MT_SHORTLIST_MIN_IDENTICAL", "101", "settings.mt_shortlist_threshold_invalid"),
        ("SONGNGU_MT_SHORTLIST_MIN_IDENTICAL", "most", "settings.mt_shortlist_threshold_invalid"),
    ],
)
def test_a_bad_setting_is_one_line_naming_its_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, code: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(InvalidInput) as refused:
        MTRuntime.from_settings()
    assert refused.value.code == code
    message = str(refused.value)
    assert message.startswith(f"{variable}={value!r} is not valid: ")
    assert "\n" not in message


class RetryingEngine:
    """Answers each request as if it had taken the decodes and retries its source names."""

    name = "retrying"

    def __init__(self, options: dict[str, object], **given: object) -> None:
        options.update(given)

    def available(self) -> bool:
        return True

    def translate(self, requests: Sequence[MTRequest]) -> Iterator[list[MTResult]]:
        for request in requests:
            reasons = {
                "cut": (RETRY_TRUNCATED,),
                "loop": (RETRY_REPETITION,),
                "lost": (RETRY_REPETITION, RETRY_PLACEHOLDER_LOST),
            }.get(request.source.split()[0], ())
            yield [MTResult(request.key, "EN", 0.5, (), 1 + len(reasons), reasons)]


def _run(database: Database, project_id: int, engine: str) -> MTJobResult:
    with database.write() as session:
        job = create_mt_job(
            session,
            resolve_actor(session, "admin"),
            get_project(session, project_id),
            options=MTJobOptions(engine=engine),
        )
    assert run_job(database, job.id) == JobState.SUCCEEDED
    with database.read() as session:
        return MTJobResult.from_dict(get_job(session, job.id).result)


def test_the_job_passes_the_settings_and_counts_decodes_by_retry_reason(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SONGNGU_MT_BATCH_SIZE", "8")
    given: dict[str, object] = {}
    register_engine("retrying", lambda **options: RetryingEngine(given, **options))
    sources = ["cut a.", "loop b.", "lost c.", "fine d.", "fine e.", "fine e."]
    project_id, _ = seed_project(sqlite_db, sources)
    result = _run(sqlite_db, project_id, "retrying")
    assert given["pipeline"].batch_size == 8  # type: ignore[attr-defined]
    assert (given["inter_threads"], given["shortlist_threshold"]) == (1, 0.99)
    # Counted per source sent (the repeated "fine e." is sent once).
    assert (result.sources_sent, result.decodes) == (5, 9)
    assert (result.retries_truncated, result.retries_repetition) == (1, 2)
    assert result.retries_placeholder == 1
    assert result.retries == 4
    assert "4 retries" in result.summary()
    assert result.decoding_summary() == (
        "9 decodes for 5 sources (1.80 each); retries: 1 cut at the length limit (redone "
        "with a higher limit), 2 looping (redone with a repetition penalty), 1 with "
        "placeholders lost (redone without protection)"
    )
    assert result.setup == {
        "engine": "retrying",
        "threads": "",
        "batch": "",
        "shortlist": SHORTLIST_NONE,
        "shortlist_identical": None,
        "shortlist_token_agreement": None,
        "shortlist_threshold": None,
    }


def test_the_job_record_says_whether_the_shortlist_was_used(
    sqlite_db: Database, copy_package_file: Path, packages: Path
) -> None:
    package = install_package(copy_package_file, directory=packages)
    project_id, _ = seed_project(sqlite_db, SOURCES)
    first = _run(sqlite_db, project_id, "argos")
    assert first.setup["shortlist"] == SHORTLIST_NONE
    assert first.setup["threads"] == f"1×{available_cores()}"
    assert first.setup["batch"] == "32 examples"
    # The copy model stops at the source's end and keeps placeholders: nothing retried.
    assert (first.decodes, first.retries) == (len(SOURCES), 0)
    assert first.decoding_summary().endswith("(1.00 each); no retries")
    assert first.setup_summary().endswith("no shortlist")

    corpus = [f"Câu {i}: {line}" for i, line in enumerate(SOURCES * 20)]  # 80 distinct
    build_shortlist(package, corpus, corpus_name="corpus.txt", size=50)
    second_project, _ = seed_project(sqlite_db, SOURCES, name="second")
    second = _run(sqlite_db, second_project, "argos")
    assert second.setup["shortlist"] == SHORTLIST_USED
    assert second.setup["shortlist_identical"] == 1.0
    assert "shortlist used (100.0% identical, threshold 99%)" in second.setup_summary()
