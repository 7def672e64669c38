"""`songngu glossary list/add/edit/delete/import/export` and `scan --project` on a database."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result
from songngu_testing import add_users, run_cli, seed_project

from cli.main import cli
from workflow.glossary.files import read_glossary_bytes
from workflow.storage import Database


def _invoke(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def _listed(project: str = "P", *args: str) -> list[dict[str, object]]:
    output = _invoke("glossary", "list", project, "--format", "jsonl", *args).output
    return [json.loads(line) for line in output.splitlines()]


def test_add_list_edit_and_delete_with_a_version_guard(sqlite_db: Database) -> None:
    seed_project(sqlite_db, ["Câu."])
    added = run_cli(
        "glossary", "add", "P", "Sở Y tế", "Department of Health",
        "--note", "city level", "--variant", "Health Department",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == (
        "added term 1 (project, version 1): Sở Y tế → Department of Health [preferred]"
    )
    [record] = _listed()
    assert (record["id"], record["version"], record["variants"]) == (1, 1, ["Health Department"])
    assert record["note"] == "city level" and record["scope"] == "project"

    _invoke("glossary", "edit", "P", "1", "--expect-version", "1", "--status", "admitted")
    stale = run_cli("glossary", "edit", "P", "1", "--expect-version", "1", "--target", "DoH")
    assert stale.returncode == 4
    assert stale.stderr.startswith("songngu: error: glossary term 1 was changed by local-operator")
    assert "«Sở Y tế → Department of Health» | yours: «Sở Y tế → DoH»" in stale.stderr
    assert len(stale.stderr.splitlines()) == 1
    [record] = _listed()
    assert (record["version"], record["status"], record["target"]) == (
        2,
        "admitted",
        "Department of Health",
    )
    assert record["note"] == "city level"  # options not given keep their values

    _invoke("glossary", "delete", "P", "1", "--expect-version", "2")
    assert _listed() == []


def test_translators_are_refused_in_one_line(sqlite_db: Database) -> None:
    seed_project(sqlite_db, ["Câu."])
    add_users(sqlite_db)
    refused = run_cli("glossary", "add", "P", "Bộ Y tế", "Ministry of Health", "--as", "tran")
    assert refused.returncode == 3
    assert refused.stderr == (
        "songngu: error: tran (translator) may not manage glossary: ask a user with a role "
        "that can\n"
    )
    allowed = run_cli(
        "glossary", "add", "P", "Bộ Y tế", "Ministry of Health", "--as", "rev", "--scope", "global"
    )
    assert allowed.returncode == 0, allowed.stderr
    assert [r["scope"] for r in _listed()] == ["global"]


def test_a_bad_file_imports_nothing_and_names_its_lines(
    sqlite_db: Database, tmp_path: Path
) -> None:
    seed_project(sqlite_db, ["Câu."])
    bad = tmp_path / "terms.csv"
    bad.write_text("source,target,status\nBộ Y tế,Ministry of Health,\nSở,,\nA,B,wrong\n")
    result = run_cli("glossary", "import", "P", str(bad))
    assert result.returncode == 2
    assert result.stderr == (
        "songngu: error: terms.csv line 3: empty target term; line 4: unknown status 'wrong' "
        "(use preferred, admitted, forbidden, do-not-translate); nothing was imported\n"
    )
    assert _listed() == []
    unknown = run_cli("glossary", "import", "Nope", str(tmp_path / "missing.csv"))
    assert unknown.returncode == 2 and unknown.stderr.startswith(
        "songngu: error: no project 'Nope'"
    )


def test_import_counts_repeats_and_export_reads_back(sqlite_db: Database, tmp_path: Path) -> None:
    seed_project(sqlite_db, ["Câu."])
    terms = tmp_path / "terms.tsv"
    terms.write_text(
        "source\ttarget\tstatus\nBộ Ngoại giao\tMinistry of Foreign Affairs\t\n"
        "Bộ Ngoại giao\tForeign Ministry\tforbidden\n"
    )
    first = _invoke("glossary", "import", "P", str(terms), "--scope", "partner").output
    assert first == "imported terms.tsv into the partner glossary: 2 added, 0 updated, " + (
        "0 unchanged, 0 skipped\n"
    )
    terms.write_text(
        "source\ttarget\tnote\nBộ Ngoại giao\tMinistry of Foreign Affairs\tMOFA\n"
        "Bộ Công an\tMinistry of Public Security\t\n"
    )
    skipped = _invoke(
        "glossary", "import", "P", str(terms), "--scope", "partner", "--skip-existing"
    )
    assert skipped.output.endswith("1 added, 0 updated, 0 unchanged, 1 skipped\n")
    assert len(_listed()) == 3

    out = tmp_path / "partner.tbx"
    _invoke("glossary", "export", "P", "--out", str(out), "--scope", "partner")
    back = read_glossary_bytes(out.read_bytes(), out.name)
    assert sorted((e.source, e.target, e.status.value) for e in back) == [
        ("Bộ Công an", "Ministry of Public Security", "preferred"),
        ("Bộ Ngoại giao", "Foreign Ministry", "forbidden"),
        ("Bộ Ngoại giao", "Ministry of Foreign Affairs", "preferred"),
    ]
    effective = _invoke("glossary", "export", "P", "--out", "-", "--format", "csv").stdout_bytes
    effective_entries = read_glossary_bytes(effective, "effective.csv")
    assert len(effective_entries) > 100  # the shipped official names are part of it
    assert ("Bộ Công an", "Ministry of Public Security") in {
        (e.source, e.target) for e in effective_entries
    }


def test_scan_with_a_project_uses_its_effective_glossary(
    sqlite_db: Database, tmp_path: Path
) -> None:
    seed_project(sqlite_db, ["Câu."])
    source = tmp_path / "source.txt"
    source.write_text("Ủy ban nhân dân tỉnh họp.\n")
    _invoke("glossary", "add", "P", "Ủy ban nhân dân", "Municipal Committee")
    output = _invoke("glossary", "scan", str(source), "--project", "P").output
    records = [json.loads(line) for line in output.splitlines()]
    assert [(r["source"], r["target"]) for r in records] == [
        ("Ủy ban nhân dân", "Municipal Committee"),
        ("tỉnh", "Province"),
    ]
    only_stored = _invoke("glossary", "scan", str(source), "--project", "P", "--no-default")
    assert [json.loads(line)["target"] for line in only_stored.output.splitlines()] == [
        "Municipal Committee"
    ]
    effective = _listed("P", "--scope", "effective", "--search", "uy ban nhan dan")
    assert [(r["target"], r["scope"]) for r in effective][:1] == [
        ("Municipal Committee", "project")
    ]
    assert all("id" not in r for r in effective)
