"""User errors as data: the SongnguError mechanism, and every raise site in the code base.

The sites are read from the source (tests/error_sites.py), so a new raise is checked the
moment it is written: a literal code and English template, the template's fields passed,
one template per code, no CLI syntax in a domain template, and no code-less raise.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from error_sites import (
    cli_syntax_in,
    coded_sites,
    error_sites,
    fields,
    legacy_sites,
    templates_by_code,
)

from primitives.errors import (
    LABEL_PARAMETERS,
    Conflict,
    InvalidInput,
    NotFound,
    PermissionDenied,
    SongnguError,
    error_from_record,
    template_fields,
)

# Pure code: SQLite half only (tests/conftest.py).
pytestmark = pytest.mark.database_free

CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")


# --- the mechanism ----------------------------------------------------------------------


def test_template_fields_are_the_names_formatted() -> None:
    assert template_fields("no segment {segment_id} in {project!r} ({size:,} bytes)") == {
        "segment_id",
        "project",
        "size",
    }
    assert template_fields("a literal {{brace}} only") == set()


def test_an_error_is_its_english_message_with_code_and_parameters() -> None:
    error = NotFound("segment.not_found", "no segment {segment_id}", segment_id=12)
    assert str(error) == "no segment 12"
    assert (error.code, error.params, error.kind) == (
        "segment.not_found",
        {"segment_id": 12},
        "not_found",
    )


def test_a_missing_parameter_is_a_programming_error() -> None:
    with pytest.raises(TypeError, match=r"needs parameters \['segment_id'\]"):
        NotFound("segment.not_found", "no segment {segment_id}")


def test_a_legacy_message_is_taken_literally() -> None:
    error = InvalidInput("takes a JSON object, e.g. {'a': 1}")
    assert (error.code, str(error)) == ("", "takes a JSON object, e.g. {'a': 1}")


def test_render_uses_the_face_templates_and_labels_inside_out() -> None:
    inner = InvalidInput("encoding.nul_bytes", "input contains NUL bytes")
    outer = InvalidInput("intake.not_text", "{file}: {detail}", file="a.txt", detail=inner)
    assert str(outer) == "a.txt: input contains NUL bytes"
    templates = {"intake.not_text": "[{file}] {detail}", "encoding.nul_bytes": "có byte NUL"}
    assert outer.render(lambda e: templates.get(e.code)) == "[a.txt] có byte NUL"
    assert outer.render(lambda e: None) == str(outer)  # no face template: the English one

    denied = PermissionDenied(
        "permission.denied",
        "{user} ({role}) may not {action}",
        user="lan",
        role="translator",
        action="manage project",
    )
    shown = denied.render(
        lambda e: None, lambda name, value: value.upper() if name in LABEL_PARAMETERS else value
    )
    assert shown == "lan (TRANSLATOR) may not MANAGE PROJECT"


def test_a_face_template_with_a_wrong_field_falls_back_to_english() -> None:
    error = NotFound("project.not_found", "no project {project!r}", project="P")
    assert error.render(lambda e: "không có dự án {name}") == "no project 'P'"


def test_a_conflict_carries_both_texts_and_its_versions() -> None:
    error = Conflict(
        "segment.stale",
        "segment {segment_id} changed (version {current_version}, not {expected_version})",
        segment_id=3,
        expected_version=1,
        current_version=2,
        current_target="new",
        attempted_target="mine",
    )
    assert (error.segment_id, error.expected_version, error.current_version) == (3, 1, 2)
    assert (error.current_target, error.attempted_target) == ("new", "mine")
    assert str(error) == "segment 3 changed (version 2, not 1)"


def test_an_error_record_reads_back_as_the_same_error() -> None:
    """A failed job keeps its error as JSON; the faces render it as they render a raise."""
    inner = NotFound("user.not_found", "no user {name!r}", name="ghost")
    lines = [InvalidInput("term.empty_target", "empty target term")]
    error = InvalidInput(
        "x.outer",
        "{file}: {detail} ({details})",
        file=Path("a.txt"),
        detail=inner,
        details=lines,
    )
    again = error_from_record(json.loads(json.dumps(error.to_record())))
    assert type(again) is InvalidInput and str(again) == str(error)
    assert again.params == {"file": "a.txt"}  # a value JSON cannot hold is kept as its text
    assert isinstance(again.detail, NotFound) and again.detail.params == {"name": "ghost"}
    assert [line.code for line in again.details] == ["term.empty_target"]

    conflict = Conflict(
        "segment.stale",
        "segment {segment_id} changed",
        segment_id=3,
        current_target="new",
        attempted_target="mine",
    )
    back = error_from_record(json.loads(json.dumps(conflict.to_record())))
    assert isinstance(back, Conflict)
    assert (back.segment_id, back.current_target, back.attempted_target) == (3, "new", "mine")
    denied = PermissionDenied("permission.denied", "not {user}", user="lan")
    assert type(error_from_record(denied.to_record())) is PermissionDenied


# --- every raise site -----------------------------------------------------------------


def test_the_scan_finds_the_raise_sites() -> None:
    sites = error_sites()
    assert len(coded_sites()) > 100, "the scan found too few sites: it is out of date"
    assert {"InvalidInput", "NotFound", "PermissionDenied", "Conflict"} <= {
        s.class_name for s in sites
    }
    assert any(
        s.path == "translation/packages.py" and s.code == "packages.not_a_zip" for s in sites
    )


def test_every_coded_site_gives_a_literal_code_and_template() -> None:
    unreadable = [f"{s.where}: {s.problem}" for s in error_sites() if s.problem]
    assert unreadable == []


def test_codes_are_stable_dotted_names() -> None:
    bad = sorted({f"{s.where}: {s.code!r}" for s in coded_sites() if not CODE.match(s.code or "")})
    assert bad == []


def test_one_code_has_one_template_and_one_kind() -> None:
    several = {
        code: sorted(templates)
        for code, templates in templates_by_code().items()
        if len(templates) > 1
    }
    assert several == {}
    classes: dict[str, set[str]] = {}
    for site in coded_sites():
        classes.setdefault(site.code or "", set()).add(site.class_name)
    assert {code: names for code, names in classes.items() if len(names) > 1} == {}


def test_every_site_passes_the_fields_of_its_template() -> None:
    missing = []
    for site in coded_sites():
        if site.open_params:
            continue
        passed = set(site.params) | {
            name
            for name, given in (("detail", site.has_detail), ("details", site.has_details))
            if given
        }
        if lacking := fields(site.template or "") - passed:
            missing.append(f"{site.where} {site.code}: {sorted(lacking)}")
    assert missing == []


def test_a_detail_field_is_filled_by_an_inner_error() -> None:
    wrong = [
        f"{s.where} {s.code}"
        for s in coded_sites()
        if ("detail" in fields(s.template or "")) != s.has_detail
        or ("details" in fields(s.template or "")) != s.has_details
        or {"detail", "details"} & s.params
    ]
    assert wrong == []


def test_details_are_the_inner_errors_listed_in_each_language() -> None:
    lines = [
        InvalidInput("x.at_line", "line {line}: {detail}", line=n, detail=inner)
        for n, inner in (
            (3, InvalidInput("term.empty_target", "empty target term")),
            (7, InvalidInput("term.unknown_scope", "unknown scope {scope!r}", scope="x")),
        )
    ]
    error = InvalidInput(
        "x.bad_lines", "{file} {details}; nothing stored", file="t.csv", details=lines
    )
    assert (
        str(error) == "t.csv line 3: empty target term; line 7: unknown scope 'x'; nothing stored"
    )
    vi = {
        "x.at_line": "dòng {line}: {detail}",
        "term.empty_target": "thiếu thuật ngữ đích",
        "term.unknown_scope": "không có phạm vi {scope!r}",
        "x.bad_lines": "{file} {details}; chưa lưu gì",
    }
    assert error.render(lambda e: vi.get(e.code)) == (
        "t.csv dòng 3: thiếu thuật ngữ đích; dòng 7: không có phạm vi 'x'; chưa lưu gì"
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("no segment 12: list them with 'songngu segments P'", ["songngu segments"]),
        ("run `songngu models install FILE`", ["songngu models"]),
        ("a rejection needs a reason: add --reason 'what to fix'", [" --"]),
        ("see (--show)", ["(--"]),
        ("songngu does not read PDF files", []),
        ("This version of songngu cannot run jobs of kind 'x'", []),
        ("Phiên bản songngu này không chạy được tác vụ", []),
        ("a range 1--5 and an en dash", []),
    ],
)
def test_cli_syntax_is_a_command_or_an_option_not_the_product_name(
    text: str, found: list[str]
) -> None:
    assert cli_syntax_in(text) == found


def test_no_domain_template_says_what_to_type() -> None:
    """Commands and options belong to the CLI's hints; only the CLI's own errors name them."""
    offending = [
        f"{s.where} {s.code}: {s.template!r}"
        for s in coded_sites()
        if not s.in_cli and cli_syntax_in(s.template or "")
    ]
    assert offending == []


def test_cli_codes_are_raised_only_by_the_cli() -> None:
    outside = [
        f"{s.where} {s.code}"
        for s in coded_sites()
        if (s.code or "").startswith("cli.") and not s.in_cli
    ]
    assert outside == []


def test_no_raise_is_code_less() -> None:
    """Every error a user can cause has a code: the app shows it in the user's language."""
    assert [f"{site.where} {site.class_name}" for site in legacy_sites()] == []


def test_every_error_class_is_a_songngu_error() -> None:
    assert issubclass(PermissionDenied, SongnguError)
    kinds = {cls.kind for cls in (InvalidInput, NotFound, PermissionDenied, Conflict)}
    assert kinds == {"invalid", "not_found", "denied", "conflict"}
