"""Hostile input through the CLI, case by case as issue 13 lists them ("Hostile input").

Every case runs the `songngu` command a user would, then checks the same four things: the
exit status is non-zero, stderr is one line naming what is wrong and what to do (never a
traceback), the run stayed within a time and memory bound, and the database holds exactly
what it held before. Library-level checks of the same guards live beside their owners
(tests/workflow/intake/test_intake_bad_files.py, tests/exporters/test_safe_xml.py); this file
adds the faces and the cases those do not cover. The hostile files are built by
tests/songngu_testing/hostile_files.py.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from songngu_testing import SONGNGU, run_cli, seed_project
from songngu_testing import hostile_files as hostile
from sqlalchemy import func, inspect, select, table

from workflow.storage import open_database

# Generous bounds: the machine is shared, and the point is "bounded", not "fast".
TIME_LIMIT_S = 60
RSS_LIMIT_MB = 600


@dataclass(frozen=True)
class Measured:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mb: float


def run_measured(*args: str, env: dict[str, str] | None = None) -> Measured:
    """Run songngu and measure this one child's peak RSS (os.wait4 gives its own rusage)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        process = subprocess.Popen(
            [SONGNGU, *args], stdout=out, stderr=err, env={**os.environ, **(env or {})}
        )
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            process.returncode = 0  # reaped by wait4; keeps Popen from waiting again
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        return Measured(
            returncode=os.waitstatus_to_exitcode(status),
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            seconds=seconds,
            peak_rss_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux
        )


def database_rows() -> dict[str, int]:
    """Rows per table of the default database (what 'nothing stored' is compared by)."""
    database = open_database()
    names = inspect(database.engine).get_table_names()
    with database.read() as session:
        return {
            name: session.execute(select(func.count()).select_from(table(name))).scalar_one()
            for name in names
            if name != "alembic_version"
        }


def assert_refused(result: Measured, *expected: str, status: int = 2) -> str:
    """The run failed (exit ``status``) with one line naming the problem, in bounds; returns
    the line."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == status, (result.returncode, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    (line,) = lines
    assert line.startswith("songngu: error: "), line
    for text in expected:
        assert text in line, line
    assert result.seconds < TIME_LIMIT_S
    assert result.peak_rss_mb < RSS_LIMIT_MB, result.peak_rss_mb
    return line


def refused_without_storing(*args: str, expected: tuple[str, ...], env=None) -> str:  # noqa: ANN001
    before = database_rows()
    line = assert_refused(run_measured(*args, env=env), *expected)
    assert database_rows() == before
    return line


@pytest.fixture
def project() -> str:
    """Project P with one segment, created in-process (a CLI start costs seconds here)."""
    seed_project(open_database(), ["Xin chào."])
    return "P"


# --- 1, 2, 4. XML: entity bombs, external and parameter entities, a bad character reference --

# Each XML format and the command that reads it: (file builder, root element, name, command).
XML_FACES: dict[str, tuple[Callable[[str, str], bytes], str, str, tuple[str, ...]]] = {
    "xliff": (hostile.xliff, "xliff", "bai.xlf", ("import", "P")),
    "tmx": (hostile.tmx, "tmx", "bo-nho.tmx", ("tm", "import", "P")),
    "tbx": (hostile.tbx, "tbx", "thuat-ngu.tbx", ("glossary", "import", "P")),
    "docx-part": (hostile.docx_document, "w:document", "bai.docx", ("import", "P")),
}
ENTITY_ATTACKS = {
    "billion-laughs": lambda root, url: hostile.billion_laughs(root),
    "quadratic-blowup": lambda root, url: hostile.quadratic_blowup(root),
    "external-file": lambda root, url: hostile.external_entity(root, "file:///etc/passwd"),
    "external-url": hostile.external_entity,
    "parameter-entity": hostile.parameter_entity,
}


@pytest.mark.parametrize("attack", list(ENTITY_ATTACKS))
@pytest.mark.parametrize("face", list(XML_FACES))
def test_entity_declarations_are_refused_and_nothing_is_fetched(
    project: str, tmp_path: Path, face: str, attack: str
) -> None:
    build, root, filename, command = XML_FACES[face]
    path = tmp_path / filename
    with hostile.listening() as listener:
        doctype, body = ENTITY_ATTACKS[attack](root, listener.url)
        path.write_bytes(build(body, doctype))
        line = refused_without_storing(*command, str(path), expected=(filename,))
        time.sleep(0.2)  # a connection attempt would have been accepted by now
    assert listener.connections == []
    assert "entit" in line  # names the cause: XML entity declarations


@pytest.mark.parametrize("face", list(XML_FACES))
def test_an_external_dtd_is_never_fetched(project: str, tmp_path: Path, face: str) -> None:
    build, root, filename, command = XML_FACES[face]
    path = tmp_path / filename
    with hostile.listening() as listener:
        doctype, body = hostile.external_dtd(root, listener.url)
        path.write_bytes(build(body, doctype))
        result = run_measured(*command, str(path))
        time.sleep(0.2)
    assert listener.connections == []
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 2), result.stderr  # a bare DOCTYPE may be accepted


def test_an_invalid_character_reference_in_xliff_is_one_line(project: str, tmp_path: Path) -> None:
    path = tmp_path / "bai.xlf"
    path.write_bytes(hostile.xliff("Xin &#x1; chào."))
    refused_without_storing("import", "P", str(path), expected=("bai.xlf", "line 1"))


# --- 3. DOCX packages: bombs, damaged, disguised and oversized files ------------------------

GOOD_DOCX = "<w:p><w:r><w:t>Xin chào.</w:t></w:r></w:p>"
# case: (file builder, file name, what the line must say, settings for the run)
DOCX_CASES: dict[str, tuple[Callable[[], bytes], str, tuple[str, ...], dict[str, str]]] = {
    "zip-bomb-ratio": (hostile.docx_ratio_bomb, "bomb.docx", ("zip bomb",), {}),
    # 5 members of 900 kB at ~7:1 (a file of ~650 kB): each under the 1 MB limit of one part,
    # 4.5 MB together, over the total of 3 MB (three times a 1 MB upload limit).
    "zip-bomb-size": (
        lambda: hostile.docx_size_bomb(5, 900),
        "big.docx",
        ("inflates to more than", "SONGNGU_MAX_UPLOAD_MB"),
        {"SONGNGU_MAX_UPLOAD_MB": "1"},
    ),
    "two-million-empty-paragraphs": (
        lambda: hostile.empty_paragraphs_docx(2_000_000),
        "empty.docx",
        ("more than 250,000 paragraphs", "SONGNGU_MAX_PARAGRAPHS"),
        {},
    ),
    "encrypted-docx": (
        lambda: hostile.cfb_container("EncryptedPackage"),
        "secret.docx",
        ("password-protected", "save it again as .docx"),
        {},
    ),
    "legacy-doc": (
        lambda: hostile.cfb_container("WordDocument"),
        "old.doc",
        ("legacy Word 97-2003 .doc",),
        {},
    ),
    "truncated-zip": (hostile.truncated_docx, "cut.docx", ("damaged or truncated",), {}),
    "docx-named-txt": (
        lambda: hostile.docx_bytes(GOOD_DOCX),
        "report.txt",
        ("not plain text",),
        {},
    ),
    "text-named-docx": (
        lambda: "Xin chào.\n".encode(),
        "report.docx",
        ("report.docx",),
        {},
    ),
    "pdf-named-docx": (
        lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(1024),
        "scan.docx",
        ("scan.docx",),
        {},
    ),
    "eleven-mb-text-node": (
        lambda: hostile.single_text_node_docx(11),
        "long.docx",
        ("long.docx",),
        {},
    ),
}


@pytest.mark.parametrize("case", list(DOCX_CASES))
def test_hostile_docx_is_refused_in_bounds(project: str, tmp_path: Path, case: str) -> None:
    build, filename, expected, env = DOCX_CASES[case]
    path = tmp_path / filename
    path.write_bytes(build())
    refused_without_storing("import", "P", str(path), expected=(filename, *expected), env=env)


# --- 6. .argosmodel packages: path traversal, overwriting an installed package, a zip bomb ---


def folder_state(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (and its parent, where a traversal would land) by path."""
    return {
        str(path.relative_to(folder.parent)): path.read_bytes()
        for path in sorted(folder.parent.rglob("*"))
        if path.is_file() and not path.is_symlink() and "songngu-home" not in path.parts
    }


ARGOS_CASES: dict[str, tuple[Callable[[bytes], bytes], tuple[str, ...], int]] = {
    "path-traversal": (
        lambda installed: hostile.argosmodel({**hostile.argos_metadata(), "../../x": b"owned"}),
        ("evil.argosmodel", "'../../x'", "points outside the package folder"),
        2,
    ),
    "traversal-into-the-installed-package": (
        lambda installed: hostile.argosmodel(
            {
                **hostile.argos_metadata(),
                "translate-vi_en-9_9/../translate-vi_en-1_9/model/model.bin": b"owned",
            }
        ),
        ("evil.argosmodel", "points outside the package folder"),
        2,
    ),
    "symlink-to-the-installed-package": (
        lambda installed: hostile.argosmodel(
            hostile.argos_metadata(),
            symlinks={"translate-vi_en-9_9/model": "../translate-vi_en-1_9/model"},
        ),
        ("evil.argosmodel", "is a symbolic link"),
        2,
    ),
    "same-name-as-the-installed-package": (
        lambda installed: installed,
        ("a package named translate-vi_en-1_9 is already installed",),
        4,
    ),
    "zip-bomb": (
        lambda installed: hostile.argosmodel_zip_bomb(),
        ("evil.argosmodel", "looks like a zip bomb"),
        2,
    ),
}


@pytest.mark.parametrize("case", list(ARGOS_CASES))
def test_hostile_argosmodel_is_refused_and_changes_no_package(
    project: str, tmp_path: Path, packages: Path, tiny_package_file: Path, case: str
) -> None:
    from translation.packages import install_package

    install_package(tiny_package_file, directory=packages)
    build, expected, status = ARGOS_CASES[case]
    archive = tmp_path / "upload" / "evil.argosmodel"
    archive.parent.mkdir()
    archive.write_bytes(build(tiny_package_file.read_bytes()))
    before_files = folder_state(packages)
    before_rows = database_rows()
    result = run_measured("models", "install", str(archive), "--dir", str(packages))
    assert_refused(result, *expected, status=status)
    assert folder_state(packages) == before_files
    assert sorted(path.name for path in packages.iterdir()) == ["translate-vi_en-1_9"]
    assert not (tmp_path / "x").exists() and not (packages.parent / "x").exists()
    assert database_rows() == before_rows


# --- 5. Review DOCX: another project's, tampered hidden keys, 100,000 rows -----------------


@pytest.fixture
def review_export(project: str, tmp_path: Path) -> bytes:
    """Project P's review DOCX (segments 1, 2 of P), with project Q (segment 3) beside it."""
    seed_project(open_database(), ["Câu của dự án khác."], name="Q")
    path = tmp_path / "export.docx"
    exported = run_cli("export", "P", "--format", "bilingual-docx", "--out", str(path))
    assert exported.returncode == 0, exported.stderr
    return path.read_bytes()


def targets_edited(review: bytes) -> bytes:
    """The review DOCX with every segment row's target edited, so anything applied shows."""
    import docx

    document = docx.Document(io.BytesIO(review))
    for row in document.tables[0].rows[3:]:
        row.cells[2].text = "Edited by a reviewer."
    document.save(buffer := io.BytesIO())
    return buffer.getvalue()


def segment_texts() -> list[tuple[int, str, str | None, int]]:
    from workflow.models import Segment

    with open_database().read() as session:
        rows = session.execute(
            select(Segment.id, Segment.source, Segment.target, Segment.version).order_by(Segment.id)
        )
        return [tuple(row) for row in rows]


# case: (tamper of P's export, project imported into, refused in one line (True) or applied
# as a report of conflicts (False), what stderr / stdout says)
REVIEW_CASES: dict[str, tuple[Callable[[bytes], bytes], str, bool, tuple[str, ...]]] = {
    "from-another-project": (
        lambda data: data,
        "Q",
        True,
        ("exported from project 'P', not 'Q'", 'songngu review import "P"'),
    ),
    "project-key-tampered": (hostile.replaced("project=P;", "project=Q;"), "Q", True, ()),
    "document-key-tampered": (
        hostile.replaced("songngu-document id=1;", "songngu-document id=2;"),
        "P",
        True,
        (),
    ),
    "row-key-names-another-projects-segment": (
        hostile.replaced("songngu-row s=1;", "songngu-row s=2;"),  # Q's one segment
        "P",
        False,
        ("segment 2",),
    ),
    "row-key-with-a-huge-id": (
        hostile.replaced("songngu-row s=1;", "songngu-row s=99999999999999999999;"),
        "P",
        False,
        ("segment 99999999999999999999",),
    ),
    # Found by this corpus: a version the reader could not read skipped the stale-edit guard.
    "row-key-with-a-negative-version": (
        hostile.replaced("songngu-row s=1; v=1;", "songngu-row s=1; v=-1;"),
        "P",
        False,
        ("segment 1",),
    ),
}


@pytest.mark.parametrize("case", list(REVIEW_CASES))
def test_hostile_review_docx_applies_nothing(
    review_export: bytes, tmp_path: Path, case: str
) -> None:
    tamper, into, refused, expected = REVIEW_CASES[case]
    edited = hostile.with_document_xml(targets_edited(review_export), tamper)
    path = tmp_path / "review.docx"
    path.write_bytes(edited)
    before_rows, before_segments = database_rows(), segment_texts()
    result = run_measured("review", "import", into, str(path))
    if refused:
        assert_refused(result, "review.docx", *expected)
    else:
        assert result.returncode == 0 and result.stderr == "", result.stderr
        assert "0 applied" in result.stdout and "conflict" in result.stdout
        for text in expected:
            assert text in result.stdout
    assert segment_texts() == before_segments
    assert_only_audited(before_rows, database_rows(), audited=not refused)


def assert_only_audited(before: dict[str, int], after: dict[str, int], *, audited: bool) -> None:
    """Nothing stored but, for an import that ran and applied nothing, its audit record
    (review imports are audited whatever they apply)."""
    grown = after.pop("audit_events") - before.pop("audit_events")
    assert after == before
    assert grown == (1 if audited else 0)


@pytest.mark.parametrize(
    "zip_ratio",
    [
        None,  # the default guard: the copies compress ~200:1 and the file is refused
        "1000",  # raised, so that the rows are read (walked as parsed, each dropped once read)
    ],
)
def test_a_review_docx_of_100000_rows_is_read_in_bounded_memory(
    review_export: bytes, tmp_path: Path, zip_ratio: str | None
) -> None:
    path = tmp_path / "review.docx"
    path.write_bytes(hostile.with_document_xml(review_export, hostile.repeated_last_row(100_000)))
    before_rows, before_segments = database_rows(), segment_texts()
    env = {"SONGNGU_MAX_ZIP_RATIO": zip_ratio} if zip_ratio else None
    result = run_measured("review", "import", "P", str(path), env=env)
    assert "Traceback" not in result.stderr
    assert result.seconds < TIME_LIMIT_S
    assert result.peak_rss_mb < RSS_LIMIT_MB, result.peak_rss_mb
    if zip_ratio is None:
        assert_refused(result, "review.docx", "inflates")
        assert database_rows() == before_rows
    else:
        # Every copy repeats one row: all conflicts, nothing applied, one audit record.
        assert result.returncode == 0, result.stderr
        assert "0 applied" in result.stdout and "100001 conflicts" in result.stdout
        assert_only_audited(before_rows, database_rows(), audited=True)
    assert segment_texts() == before_segments


# --- 7. MT on hostile text: a 5,000-word sentence, empty, whitespace, emoji and NUL ---------

MT_INPUTS = {
    "5000-words-no-punctuation": " ".join(["hội nghị"] * 2_500),
    "empty": "",
    "whitespace-only": " \t \u00a0 \u3000 ",
    "emoji": "🙂🎉👍🏽 Xin chào 🇻🇳",
    "nul": "Xin\x00 chào\x00",
}


@pytest.mark.parametrize("case", list(MT_INPUTS))
def test_mt_on_hostile_text_ends_in_bounds_without_a_traceback(
    packages: Path, tiny_package_file: Path, tmp_path: Path, case: str
) -> None:
    from translation.packages import install_package

    install_package(tiny_package_file, directory=packages)
    text_file = tmp_path / "input.txt"
    text_file.write_text(MT_INPUTS[case] + "\n", encoding="utf-8")
    result = run_measured("models", "translate", "--json", "--beam", "1", "--input", str(text_file))
    assert "Traceback" not in result.stderr, result.stderr
    assert result.seconds < TIME_LIMIT_S
    assert result.peak_rss_mb < RSS_LIMIT_MB, result.peak_rss_mb
    if result.returncode == 2:
        assert_refused(result)
    else:
        assert result.returncode == 0, result.stderr
        lines = [json.loads(line) for line in result.stdout.splitlines()]
        assert len(lines) == 1
        assert "\x00" not in lines[0]["target"]
        if not MT_INPUTS[case].strip():
            assert lines[0]["target"] == ""  # nothing to translate: nothing made up


# --- 9. Glossary CSV/TSV cells a spreadsheet would run as formulas ---------------------------

FORMULA_TERMS = [("bằng", "=HYPERLINK(\"http://x\")"), ("cộng", "+84"), ("trừ", "-ism"),
                 ("a còng", "@SUM(A1)"), ("nháy", "'=quoted")]  # fmt: skip


def glossary_rows(project: str) -> list[tuple[str, str]]:
    listed = run_cli(
        "glossary", "export", project, "--format", "tsv", "--out", "-", "--scope", "project"
    )
    assert listed.returncode == 0, listed.stderr
    rows = list(csv.reader(io.StringIO(listed.stdout.lstrip("\ufeff")), delimiter="\t"))[1:]
    return sorted((row[0], row[1]) for row in rows)


def test_formula_cells_are_marked_in_csv_raw_in_tsv_and_read_back_as_typed(
    project: str, tmp_path: Path
) -> None:
    seed_project(open_database(), ["Câu."], name="Q")
    tsv = tmp_path / "in.tsv"
    tsv.write_text(
        "source\ttarget\n" + "".join(f"{s}\t{t}\n" for s, t in FORMULA_TERMS), encoding="utf-8"
    )
    assert run_cli("glossary", "import", "P", str(tsv)).returncode == 0
    assert glossary_rows("P") == sorted(FORMULA_TERMS)  # TSV: data-only, both ways
    exported = tmp_path / "out.csv"
    done = run_cli(
        "glossary", "export", "P", "--format", "csv", "--out", str(exported), "--scope", "project"
    )
    assert done.returncode == 0, done.stderr
    cells = {
        row[0]: row[1] for row in csv.reader(io.StringIO(exported.read_text(encoding="utf-8-sig")))
    }
    assert all(cells[source] == "'" + target for source, target in FORMULA_TERMS)
    assert run_cli("glossary", "import", "Q", str(exported)).returncode == 0
    assert glossary_rows("Q") == sorted(FORMULA_TERMS)  # the CSV's marks are taken off
