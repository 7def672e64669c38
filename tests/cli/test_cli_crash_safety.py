"""kill -9 of a real `songngu` process during import, MT, export and review re-import.

Each case stops the process at exact points (songngu_testing.crash: before a given SQL
statement inside the write transaction, or around a given call) and sends SIGKILL there;
then the database must pass its integrity check and hold all of the work or none of it,
and running the command again must finish it.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from lxml import etree
from songngu_testing import run_cli, seed_project
from songngu_testing.crash import kill_at, sqlite_file_is_sound
from sqlalchemy import func, select, update

from primitives.statuses import Origin, Status
from translation.packages import install_package
from workflow.exports import ExportRequest, build_export, save_export
from workflow.importing import import_file
from workflow.jobs import JobState, get_job
from workflow.models import Document, Job, Revision, Segment
from workflow.projects import get_project
from workflow.storage import Database
from workflow.users import OPERATOR

pytestmark = pytest.mark.sqlite_only(
    reason="kills a process writing the SQLite file; crash_db's postgresql cases run here too"
)

PARAGRAPHS = 1200


def _database_file(home: Path) -> Path:
    return home / "songngu.db"


@pytest.fixture(params=["sqlite", "postgresql"])
def crash_db(
    request: pytest.FixtureRequest, songngu_home: Path, monkeypatch: pytest.MonkeyPatch
) -> Database:
    """The database the killed process writes: the SQLite file, or a PostgreSQL database."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_db")
    database: Database = request.getfixturevalue("postgres_db")
    monkeypatch.setenv("SONGNGU_DATABASE_URL", database.url)
    return database


def _is_sound(database: Database, home: Path) -> None:
    """SQLite: the file passes its checks. PostgreSQL has no such check to run: its
    write-ahead log recovers a killed client's transaction by rolling it back, and the
    callers check what is stored."""
    if database.is_sqlite:
        sqlite_file_is_sound(_database_file(home))


def _last_job_id(database: Database) -> int:
    with database.read() as session:
        job_id = session.scalar(select(func.max(Job.id)))
        assert job_id is not None
        return job_id


def _big_text(path: Path, paragraphs: int = PARAGRAPHS) -> Path:
    words = "chúng tôi đã đi bộ rất nhiều hội nghị bế mạc báo cáo kinh tế năm".split()
    lines = [
        " ".join(words[(i + k) % len(words)] for k in range(8)).capitalize() + f" số {i}."
        for i in range(paragraphs)
    ]
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return path


def _document_segments(database: Database, title: str) -> int | None:
    """How many segments the document titled so holds; None if there is no such document."""
    with database.read() as session:
        document = session.scalar(select(Document).where(Document.title == title))
        if document is None:
            return None
        return session.scalar(
            select(func.count()).select_from(Segment).where(Segment.document_id == document.id)
        )


# --- 1. import ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pause_at",
    [
        "sql:INSERT INTO segments:1",  # the document row is written, no segment yet
        "sql:INSERT INTO document_imports:1",  # every segment is written, not committed
        "sql:UPDATE documents:1",  # the import's last statement before COMMIT
    ],
)
def test_an_import_killed_midway_leaves_no_half_document(
    sqlite_db: Database, songngu_home: Path, tmp_path: Path, pause_at: str
) -> None:
    seed_project(sqlite_db, ["Câu."])
    source = _big_text(tmp_path / "big.txt")
    kill_at(pause_at, "import", "P", str(source), workdir=tmp_path)

    sqlite_file_is_sound(_database_file(songngu_home))
    assert _document_segments(sqlite_db, "big") is None
    with sqlite_db.write() as session:  # importing it again, as the command does
        import_file(session, OPERATOR, get_project(session, "P"), source.read_bytes(), "big.txt")
    assert _document_segments(sqlite_db, "big") == PARAGRAPHS
    sqlite_file_is_sound(_database_file(songngu_home))


def test_an_import_killed_after_its_commit_is_whole(
    sqlite_db: Database, songngu_home: Path, tmp_path: Path
) -> None:
    seed_project(sqlite_db, ["Câu."])
    source = _big_text(tmp_path / "big.txt")
    # The report line is printed after the commit.
    kill_at("call:click.echo:1:before", "import", "P", str(source), workdir=tmp_path)

    sqlite_file_is_sound(_database_file(songngu_home))
    assert _document_segments(sqlite_db, "big") == PARAGRAPHS


# --- 2. machine translation -------------------------------------------------------------

MT_SEGMENTS = 320  # 5 chunks of 64 unique sources


def _sentences(count: int) -> list[str]:
    words = "chúng tôi đã đi bộ rất nhiều hội nghị bế mạc báo cáo kinh tế năm".split()
    return [
        " ".join(words[(i + k) % len(words)] for k in range(3 + i % 5)).capitalize() + f" {i}."
        for i in range(count)
    ]


def _target_revisions(database: Database, project_id: int) -> dict[int, int]:
    """For each segment of the project: how many target revisions it has."""
    with database.read() as session:
        rows = session.execute(
            select(Segment.id, func.count(Revision.id))
            .join(Document, Document.id == Segment.document_id)
            .outerjoin(Revision, (Revision.segment_id == Segment.id) & (Revision.field == "target"))
            .where(Document.project_id == project_id)
            .group_by(Segment.id)
        )
        return dict(rows.all())


@pytest.mark.parametrize(
    "pause_at",
    [
        "sql:INSERT INTO revisions:1",  # inside the first group's write
        "sql:UPDATE jobs:4",  # between groups: a progress report
        "sql:UPDATE jobs:8 then sql:INSERT INTO revisions:1",  # inside a later chunk's write
    ],
)
def test_mt_killed_midway_resumes_without_translating_a_segment_twice(
    crash_db: Database,
    songngu_home: Path,
    tmp_path: Path,
    packages: Path,
    tiny_package_file: Path,
    pause_at: str,
) -> None:
    install_package(tiny_package_file, directory=packages)
    project_id, ids = seed_project(crash_db, _sentences(MT_SEGMENTS))
    kill_at(pause_at, "translate", "P", "--beam", "1", workdir=tmp_path)

    _is_sound(crash_db, songngu_home)
    job_id = _last_job_id(crash_db)
    with crash_db.read() as session:
        job = get_job(session, job_id)
        assert job.state == JobState.RUNNING and 0 <= job.done < job.total
    before = _target_revisions(crash_db, project_id)
    assert set(before.values()) <= {0, 1} and 0 in before.values()
    if " then " in pause_at:  # killed in a later chunk: the earlier ones are stored
        assert 1 in before.values()

    resumed = run_cli("jobs", "resume", str(job_id))
    assert resumed.returncode == 0, resumed.stderr
    assert f"job {job_id} succeeded" in resumed.stdout
    _is_sound(crash_db, songngu_home)
    assert _target_revisions(crash_db, project_id) == dict.fromkeys(ids, 1)
    with crash_db.read() as session:
        segments = session.scalars(select(Segment).where(Segment.id.in_(ids))).all()
        assert {(Status(s.status), Origin(s.origin)) for s in segments} == {
            (Status.DRAFT, Origin.MT)
        }
        assert all(s.target for s in segments)


# --- 3. export --------------------------------------------------------------------------

EXPORT_SEGMENTS = 600


def _number(segment: Segment) -> int:
    """The number _sentences ended the segment's source with."""
    return int(segment.source.rstrip(".").rsplit(" ", 1)[1])


def _set_targets(database: Database, word: str) -> dict[int, str]:
    """Every segment's target set to WORD and its source's number; the targets by id."""
    with database.write() as session:
        segments = session.scalars(select(Segment)).all()
        for segment in segments:
            segment.target = f"{word} {_number(segment)}"
        return {segment.id: segment.target for segment in segments}


def _translated_project(database: Database, count: int) -> list[int]:
    """A project of count segments, each translated; their ids."""
    _, ids = seed_project(database, _sentences(count))
    _set_targets(database, "Sentence")
    with database.write() as session:
        session.execute(update(Segment).values(status=Status.TRANSLATED))
    return ids


def _exported(database: Database, format_name: str) -> bytes:
    """The project exported in this format, as `songngu export` builds it."""
    with database.read() as session:
        project = get_project(session, "P")
        return build_export(session, OPERATOR, project, ExportRequest(format_name)).data


def _xliff_targets(path: Path) -> dict[str, str]:
    """The exported file's targets by unit id; fails unless it is a whole XLIFF file."""
    tree = etree.parse(str(path))
    units = tree.findall(".//{*}trans-unit")
    return {unit.get("id"): unit.findtext("{*}target") or "" for unit in units}


def _parts(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


@pytest.mark.parametrize(
    ("pause_at", "leaves"),
    [
        ("call:tempfile.mkstemp:1:after", "old"),  # the temporary file is created, empty
        ("call:os.fsync:1:before", "old"),  # it holds the whole new file, not yet synced
        ("call:os.replace:1:after", "new"),  # renamed over the old file, not yet recorded
    ],
)
def test_an_export_killed_midway_leaves_the_old_file_or_the_whole_new_one(
    sqlite_db: Database, songngu_home: Path, tmp_path: Path, pause_at: str, leaves: str
) -> None:
    _translated_project(sqlite_db, EXPORT_SEGMENTS)
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "p.xlf"
    save_export(_exported(sqlite_db, "xliff12"), out)
    old = out.read_bytes()
    assert len(_xliff_targets(out)) == EXPORT_SEGMENTS
    edited = sorted(_set_targets(sqlite_db, "Edited").values())

    kill_at(pause_at, "export", "P", "--format", "xliff12", "--out", str(out), workdir=tmp_path)

    sqlite_file_is_sound(_database_file(songngu_home))
    targets = _xliff_targets(out)
    if leaves == "old":
        assert out.read_bytes() == old
        assert len(_parts(folder)) == 1  # the killed process's temporary file, never read
    else:
        assert sorted(targets.values()) == edited
        assert _parts(folder) == []
    save_export(_exported(sqlite_db, "xliff12"), out)  # the next export, as the command does
    assert sorted(_xliff_targets(out).values()) == edited
    assert _parts(folder) == []  # the next export deleted what the killed one left


# --- 4. review re-import ----------------------------------------------------------------

REVIEW_SEGMENTS = 60  # a review import costs ~50 ms a row (QA on every change)


def _edited_review_file(exported: Path, edited: Path) -> int:
    """The review table with every segment's target edited; how many rows were edited."""
    document = docx.Document(str(exported))
    table = document.tables[0]
    rows = table.rows[3:]  # after the first row, the header and the document row
    for row in rows:
        cell = row.cells[2]
        cell.text = cell.text.replace("Sentence", "Reviewed")
    document.save(str(edited))
    return len(rows)


def _revision_count(database: Database) -> int:
    with database.read() as session:
        return session.scalar(select(func.count()).select_from(Revision)) or 0


def _targets(database: Database, ids: list[int]) -> dict[int, str]:
    with database.read() as session:
        rows = session.execute(select(Segment.id, Segment.target).where(Segment.id.in_(ids)))
        return {segment_id: target for segment_id, target in rows}


@pytest.mark.parametrize(
    "pause_at",
    [
        "sql:UPDATE segments:1",  # the first row's change
        "sql:UPDATE segments:30",  # half the rows changed, not committed
        "sql:INSERT INTO audit_events:1",  # the import's audit record, after every row
    ],
)
def test_a_review_import_killed_midway_applies_no_row(
    crash_db: Database, songngu_home: Path, tmp_path: Path, pause_at: str
) -> None:
    ids = _translated_project(crash_db, REVIEW_SEGMENTS)
    exported, edited = tmp_path / "review.docx", tmp_path / "review-edited.docx"
    exported.write_bytes(_exported(crash_db, "bilingual-docx"))
    assert _edited_review_file(exported, edited) == REVIEW_SEGMENTS
    before_targets, before_revisions = _targets(crash_db, ids), _revision_count(crash_db)

    kill_at(pause_at, "review", "import", "P", str(edited), workdir=tmp_path)

    _is_sound(crash_db, songngu_home)
    assert _targets(crash_db, ids) == before_targets
    assert _revision_count(crash_db) == before_revisions
    again = run_cli("review", "import", "P", str(edited))
    assert again.returncode == 0, again.stderr
    assert f"{REVIEW_SEGMENTS} applied" in again.stdout
    assert _targets(crash_db, ids) == {
        i: target.replace("Sentence", "Reviewed") for i, target in before_targets.items()
    }
    with crash_db.read() as session:
        per_segment = session.execute(
            select(Revision.segment_id, Revision.field, func.count())
            .where(Revision.segment_id.in_(ids))
            .group_by(Revision.segment_id, Revision.field)
        ).all()
    targets = {segment_id: n for segment_id, field, n in per_segment if field == "target"}
    statuses = {segment_id: n for segment_id, field, n in per_segment if field == "status"}
    assert targets == dict.fromkeys(ids, 1)  # each row applied once, by the second run
    (per_row,) = set(statuses.values())  # and each row's status moved the same way
    assert _revision_count(crash_db) - before_revisions == REVIEW_SEGMENTS * (1 + per_row)
