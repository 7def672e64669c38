"""songngu audit through the console script: filters, table and JSON, admins only, and
the CLI's own actions recorded with the face "cli"."""

from __future__ import annotations

import json

from songngu_testing import TEST_PASSWORD, run_cli


def _ok(*args: str, stdin: str | None = None) -> str:
    result = run_cli(*args, input=stdin)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _json(*args: str) -> list[dict[str, object]]:
    return json.loads(_ok("audit", "--format", "json", *args))


def test_cli_actions_are_listed_filtered_and_only_for_admins() -> None:
    _ok("project", "create", "P")
    _ok(
        "user", "add", "lan", "--role", "translator", "--password-stdin", stdin=TEST_PASSWORD + "\n"
    )
    _ok("user", "role", "lan", "reviewer")
    _ok("glossary", "add", "P", "Bộ Tài chính", "Ministry of Finance")
    everything = _json()
    assert [row["action"] for row in everything] == ["glossary_add", "user_role", "user_add"]
    assert {row["face"] for row in everything} == {"cli"}
    assert {row["user"] for row in everything} == {"local-operator"}
    assert [row["action"] for row in _json("--action", "user-role")] == ["user_role"]
    assert [row["action"] for row in _json("--project", "P")] == ["glossary_add"]
    assert _json("--user", "lan") == []
    assert _json("--since", "2000-01-01", "--until", "2000-12-31") == []
    assert len(_json("--since", "2000-01-01")) == 3
    table = _ok("audit", "--action", "user_add").splitlines()
    assert table[0].split() == ["at", "user", "face", "action", "project", "object", "detail"]
    assert "user lan" in table[1] and "role translator" in table[1]
    assert _ok("audit", "--user", "nobody") == "no audit records match\n"

    _ok("glossary", "export", "P", "--out", "-")
    _ok("tm", "export", "P", "-", "--as", "lan")
    exports = _json("--action", "export")
    assert [(row["user"], row["face"], row["object_type"]) for row in exports] == [
        ("lan", "cli", "tm"),
        ("local-operator", "cli", "glossary"),
    ]
    assert _json("--action", "export", "--project", "P") == exports
    assert [row["detail"] for row in exports] == ["TM: -", "effective glossary: -"]

    refused = run_cli("audit", "--as", "lan")
    assert refused.returncode == 3 and "may not view audit" in refused.stderr
    bad = run_cli("audit", "--since", "yesterday")
    assert bad.returncode != 0 and len(bad.stderr.strip().splitlines()) == 1
    assert "is not a date or a moment" in bad.stderr
