"""docs/qa-checks.md, generated from the registry: `python -m workflow.qa.docs > docs/qa-checks.md`.

A test compares the page with this output, so a check added without documentation, or a
description changed without regenerating the page, fails.
"""

from __future__ import annotations

from workflow.qa.model import CATEGORY_NAMES, ITS_ISSUE_TYPES, Category
from workflow.qa.registry import CHECKS, SEVERITY_CHOICES

_INTRO = """\
# QA checks

Generated from the registry (`workflow/qa/registry.py`) by
`python -m workflow.qa.docs > docs/qa-checks.md`; a test fails when this page is stale.

Each check is one class in `workflow/qa/checks/`. Its severity is a default: a partner
profile's `qa_severities` (and a project's overrides) map a check id to one of
{choices}. Numbers, dates and times are compared as values, each text read by its own
locale's rules (Vietnamese source, English target), as Okapi's checker does; identifiers
(document codes, URLs, e-mail addresses, telephone numbers) are compared as tokens.
An *empty target* or *untranslated* finding is the only finding of its segment.
Style checks run only when the partner profile gives their setting.

| id | check | kiểm tra | category | default severity |
|---|---|---|---|---|
"""


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


def render() -> str:
    """The whole page, in registry order."""
    choices = ", ".join(f"`{choice}`" for choice in SEVERITY_CHOICES)
    lines = [_INTRO.format(choices=choices).rstrip("\n")]
    for check in CHECKS:
        lines.append(
            f"| `{check.id}` | {_escape(check.name['en'])} | {_escape(check.name['vi'])} | "
            f"{CATEGORY_NAMES[check.category]['en']} | {check.default_severity.value} |"
        )
    lines += [
        "",
        "## Categories",
        "",
        "| category | hạng mục | ITS 2.0 issue type |",
        "|---|---|---|",
    ]
    for category in Category:
        names = CATEGORY_NAMES[category]
        lines.append(f"| {names['en']} | {names['vi']} | `{ITS_ISSUE_TYPES[category]}` |")
    lines += ["", "## The checks"]
    for check in CHECKS:
        lines += [
            "",
            f"### `{check.id}`: {check.name['en']}",
            "",
            f"*{check.name['vi']}* · {CATEGORY_NAMES[check.category]['en']} · "
            f"default {check.default_severity.value}",
            "",
            check.description["en"],
            "",
            f"> {check.description['vi']}",
        ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render(), end="")
