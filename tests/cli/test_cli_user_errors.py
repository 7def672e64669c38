"""Every command given the bad input a user would give: one clear line, no traceback, no change.

Each case runs the installed `songngu` in a subprocess against one prepared database
(a project with a document, users of each role, finished and unknown-kind jobs) and
checks: exit status non-zero; stderr either exactly one `songngu: error: ...` line or
click's usage output ending in one `Error: ...` line; the expected words in that line;
and a fingerprint of every stored row identical before and after (nothing half-stored).
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from songngu_testing import add_users, run_cli
from songngu_testing.office import table_rows
from songngu_testing.postgres import ON_POSTGRES_HALF
from sqlalchemy import select

from workflow.importing import import_document
from workflow.models import Job, Segment
from workflow.projects import create_project
from workflow.storage import open_database
from workflow.users import resolve_actor

SOURCE = "Hội thảo khai mạc.\nĐại biểu thảo luận sôi nổi. Bế mạc lúc 17 giờ.\n"
# Columns a failed command may legitimately touch: a resumed job records its new attempt.
VOLATILE_JOB_COLUMNS = ("started_at", "heartbeat_at", "finished_at")


@dataclass(frozen=True)
class World:
    home: Path
    files: Path
    database_url: str
    segment_ids: list[int]
    unknown_kind_job: int
    succeeded_job: int

    def env(self) -> dict[str, str]:
        env = {
            "SONGNGU_HOME": str(self.home),
            "SONGNGU_USER": "",
            "ARGOS_PACKAGES_DIR": str(self.home / "no-packages"),
        }
        if not self.database_url.startswith("sqlite"):
            # The PostgreSQL half: the world's database, not the test's fresh default one.
            env["SONGNGU_DATABASE_URL"] = self.database_url
        return env

    def path(self, name: str) -> str:
        return str(self.files / name)


def _write_files(files: Path) -> None:
    files.mkdir()
    (files / "folder").mkdir()
    (files / "good.txt").write_text(SOURCE, encoding="utf-8")
    (files / "empty.txt").write_bytes(b"")
    garbage = bytes(range(256)) * 8  # NUL bytes and every other byte value
    for name in ("garbage.bin", "garbage.txt", "garbage.docx", "garbage.csv", "garbage.tmx"):
        (files / name).write_bytes(garbage)
    (files / "garbage.json").write_bytes(b"\xff\xfe\x00{")
    (files / "report.pdf").write_bytes(b"%PDF-1.7\n")
    not_argos = io.BytesIO()
    with zipfile.ZipFile(not_argos, "w") as archive:
        archive.writestr("hello.txt", "not a model")
    (files / "not-a-model.argosmodel").write_bytes(not_argos.getvalue())


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> World:
    """The prepared database: SQLite in the world's home, or on the PostgreSQL half of
    `make test` a database on the session's PostgreSQL server."""
    base = tmp_path_factory.mktemp("user-errors")
    home = base / "home"
    home.mkdir()
    (home / "no-packages").mkdir()
    _write_files(base / "files")
    if ON_POSTGRES_HALF:
        database_url = request.getfixturevalue("postgres_databases").create()
    else:
        database_url = f"sqlite:///{home / 'songngu.db'}"
    database = open_database(database_url)
    add_users(database, "admin", "tran", "rev", "ed")
    with database.write() as session:
        admin = resolve_actor(session, "admin")
        project = create_project(session, admin, "P")
        import_document(session, admin, project, SOURCE.encode(), "good.txt")
        # A job of a kind this version has no handler for (made by a newer app), which
        # already failed for that reason, and a finished MT job.
        jobs = [
            Job(
                kind=kind,
                state=state,
                message=message,
                params={},
                project_id=project.id,
                created_by="admin",
            )
            for kind, state, message in (
                (
                    "export-later",
                    "failed",
                    "no handler for job kind 'export-later' in this process",
                ),
                ("mt", "succeeded", ""),
            )
        ]
        session.add_all(jobs)
        session.flush()
        unknown_kind_job, succeeded_job = (job.id for job in jobs)
        segment_ids = list(session.scalars(select(Segment.id).order_by(Segment.id)))
    database.dispose()
    return World(home, base / "files", database_url, segment_ids, unknown_kind_job, succeeded_job)


def fingerprint(url: str) -> dict[str, str]:
    """A digest of every table's rows (jobs without their attempt timestamps)."""
    rows = table_rows(open_database(url))
    rows["jobs"] = [
        {name: value for name, value in row.items() if name not in VOLATILE_JOB_COLUMNS}
        for row in rows["jobs"]
    ]
    return {table: hashlib.sha256(repr(kept).encode()).hexdigest() for table, kept in rows.items()}


def error_line(stderr: str) -> str:
    """The one error line, or fail: `songngu: error:` alone, or click's usage + `Error:`."""
    assert "Traceback" not in stderr, stderr
    lines = stderr.strip().splitlines()
    if lines and lines[0].startswith("Usage: "):
        assert lines[-1].startswith("Error: "), stderr
        assert not any(line.startswith("Error: ") for line in lines[:-1]), stderr
        return lines[-1]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("songngu: error: "), stderr
    return lines[0]


# (arguments, expected words in the error line, extra environment). "{f:NAME}" is a
# prepared file, "{seg:N}" the N-th segment's id, "{job:unknown}" / "{job:done}" jobs.


def case(*args: str, expect: str, env: dict[str, str] | None = None, **marks: object) -> object:
    broken = marks.get("broken")
    param_marks = [pytest.mark.xfail(strict=True, reason=str(broken))] if broken else []
    if "sqlite_only" in marks:
        param_marks.append(pytest.mark.sqlite_only(reason=str(marks["sqlite_only"])))
    return pytest.param(args, expect, env or {}, marks=param_marks, id=" ".join(args)[:60])


LONG = "x" * 400
HUGE = str(10**20)  # beyond every INTEGER column: must be "no such ...", not an overflow

CASES = [
    # projects, users, partner profiles
    case("project", "create", "  ", expect="project name must be 1-200 characters"),
    case("project", "create", "P", expect="project 'P' already exists"),
    case("project", "create", "Q", "--partner", "Nobody", expect="no partner profile 'Nobody'"),
    case("project", "create", "Q", "--as", "tran", expect="tran (translator) may not"),
    case("project", "rules", "Nope", expect="no project 'Nope'"),
    case("project", "rules", "P", "--add-break", "[", expect="not a valid regular expression"),
    case("project", "rules", "P", "--reset", "--add-abbreviation", "KTS.", expect="--reset"),
    case("user", "add", "x", "--role", "god", expect="unknown role 'god'"),
    case("user", "add", "y", "--role", "translator", "--as", "rev", expect="may not manage users"),
    case("user", "add", "z", "--role", "editor", "--display-name", LONG, expect="display name"),
    case("partner", "set", "Nobody", "english_variant", "UK", expect="no partner profile"),
    case("partner", "set", "USAID", "english_variant", "Martian", expect="not one of US, UK"),
    case("partner", "set", "USAID", "qa_severities", "{", expect="takes a JSON object"),
    # import
    case("import", "Nope", "{f:good.txt}", expect="no project 'Nope'"),
    case("import", "P", "{f:missing.txt}", expect="no such file"),
    case("import", "P", "{f:folder}", expect="is a folder"),
    case("import", "P", "{f:empty.txt}", expect="is empty (0 bytes)"),
    case("import", "P", "{f:garbage.txt}", expect="not text"),
    case("import", "P", "{f:garbage.docx}", expect="not a DOCX file"),
    case("import", "P", "{f:report.pdf}", expect="PDF is not supported"),
    case("import", "P", "{f:good.txt}", "--title", LONG, expect="title has 400 characters"),
    case("import", "P", "{f:good.txt}", "--as", "ghost", expect="no user 'ghost'"),
    case("import", "P", "{f:good.txt}", "{f:good.txt}", "--title", "T", expect="one document"),
    case(
        "import",
        "P",
        "{f:good.txt}",
        expect="SONGNGU_MAX_PARAGRAPHS='0' is not valid",
        env={"SONGNGU_MAX_PARAGRAPHS": "0"},
    ),  # fmt: skip
    # segments and their workflow
    case("segments", "P", "--status", "bogus", expect="unknown status 'bogus'"),
    case("segments", "P", "--document", HUGE, expect=f"no document '{HUGE}'"),
    case("edit", "P", HUGE, "--target", "x", expect=f"no segment {HUGE}"),
    case("edit", "P", "{seg:0}", "--target", "a\x01b", expect="control character U+0001"),
    case("edit", "P", "{seg:0}", "--target", "x", "--expect-version", "9", expect="version"),
    case("edit", "P", "{seg:0}", "--target", "x", "--as", "ghost", expect="no user 'ghost'"),
    case("set-status", "P", "{seg:0}", "bogus", expect="unknown status 'bogus'"),
    case("set-status", "P", "{seg:0}", "approved", expect="cannot change status from new"),
    case("comment", "P", "{seg:0}", "   ", expect="a comment cannot be empty"),
    case("merge", "P", "{seg:-1}", expect="is the last of its document"),
    case("merge", "P", "{seg:0}", "--expect-versions", "x", expect="must be two versions"),
    case("split", "P", "{seg:0}", "999", expect="offset 999 is not inside"),
    case("merge", "P", "{seg:1}", "--expect-versions", f"{HUGE},1", expect="you saw version"),
    case("split", "P", "{seg:0}", "3", "--before", "Đại", expect="one of them"),
    # jobs and machine translation
    case("jobs", "show", HUGE, expect=f"no job {HUGE}"),
    case("jobs", "cancel", "{job:done}", expect="has already succeeded"),
    case("jobs", "resume", "{job:unknown}", expect="no handler for job kind 'export-later'"),
    case("translate", "P", "--beam", "0", expect="beam size must be between 1 and 16"),
    case("models", "install", "{f:not-a-model.argosmodel}", expect="argosmodel"),
    case(
        "models",
        "translate",
        "--input",
        "{f:garbage.bin}",
        expect="not text",
    ),  # fmt: skip
    # files without a project
    case("inspect", "{f:folder}", expect="is a folder"),
    case("normalize", "{f:garbage.bin}", expect="not text"),
    case("normalize", "{f:good.txt}", "--font", "Arial", expect="not a legacy Vietnamese font"),
    case("segment", "{f:good.txt}", "--rules", "{f:garbage.json}", expect="not UTF-8"),
    case("segment", "{f:good.txt}", "--rules", "{f:folder}", expect="is a folder"),
    case("segment", "{f:good.txt}", "--rules", "{f:x.json}", "--project", "P", expect="one of"),
    case("glossary", "import", "P", "{f:garbage.csv}", expect="garbage.csv"),
    case("glossary", "add", "P", "Hà Nội", "Hanoi", "--status", "bogus", expect="'bogus'"),
    case("tm", "check", "{f:garbage.tmx}", expect="not well-formed XML"),
    case("tm", "import", "P", "{f:garbage.tmx}", expect="not well-formed XML"),
    case("models", "remove", "..", "--dir", "{f:folder}", expect="no package named '..'"),
    case("app", "--port", "70000", expect="not in the range 1<=x<=65535"),
    case("models", "download", "vi", "en", "--index-url", "not-a-url", expect="models install"),
    case(
        "glossary", "delete", "P", HUGE, "--expect-version", "1", expect=f"no glossary term {HUGE}"
    ),
    # configuration
    case("project", "create", "Z", expect="no user 'ghost'", env={"SONGNGU_USER": "ghost"}),
    case(
        "project",
        "list",
        expect="SONGNGU_SQLITE_BUSY_TIMEOUT_MS",
        env={"SONGNGU_SQLITE_BUSY_TIMEOUT_MS": "soon"},
        sqlite_only="read when a SQLite database is opened; PostgreSQL has no busy timeout",
    ),  # fmt: skip
    case(
        "project",
        "list",
        expect="SONGNGU_HOME",
        env={"SONGNGU_HOME": "{f:good.txt}"},
        sqlite_only="the home holds the default SQLite file; with a database URL it is unused",
    ),  # fmt: skip
    case(
        "project",
        "list",
        expect="SONGNGU_DATABASE_URL",
        env={"SONGNGU_DATABASE_URL": "sqlite:////nonexistent-folder/songngu.db"},
    ),  # fmt: skip
    case(
        "project",
        "list",
        expect="u:***@127.0.0.1:1",  # refused at once, and the password is not printed
        env={"SONGNGU_DATABASE_URL": "postgresql+psycopg://u:secret@127.0.0.1:1/x"},
    ),  # fmt: skip
]


def _expand(text: str, world: World) -> str:
    if text.startswith("{f:"):
        return world.path(text[3:-1])
    if text.startswith("{seg:"):
        return str(world.segment_ids[int(text[5:-1])])
    if text == "{job:unknown}":
        return str(world.unknown_kind_job)
    if text == "{job:done}":
        return str(world.succeeded_job)
    return text


@pytest.mark.parametrize(("args", "expect", "env"), CASES)
def test_bad_input_gets_one_clear_line_and_changes_nothing(
    world: World, args: tuple[str, ...], expect: str, env: dict[str, str]
) -> None:
    before = fingerprint(world.database_url)
    result = run_cli(
        *(_expand(arg, world) for arg in args),
        env={**world.env(), **{name: _expand(value, world) for name, value in env.items()}},
    )
    assert result.returncode != 0, result.stdout
    assert expect in error_line(result.stderr)
    assert fingerprint(world.database_url) == before
