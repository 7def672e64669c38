"""songngu qa: check a whole project (or one document) as a job and print the findings."""

from __future__ import annotations

import json
from collections.abc import Iterable

import click

from cli.commands.jobs import follow_job
from cli.common import actor_for, as_option, database
from workflow.jobs import JobState, get_job
from workflow.projects import get_project
from workflow.qa.confirm import QAReport
from workflow.qa.findings import FindingFilter, StoredFinding, list_findings
from workflow.qa.job import QAJobResult, create_qa_job
from workflow.qa.model import Severity

EXIT_ERRORS = 1  # open error-severity findings, as 'songngu check' exits
EXIT_STOPPED = 130  # stopped by Ctrl-C or 'songngu jobs cancel'


def finding_json(finding: StoredFinding) -> str:
    """One finding as 'songngu check' prints it in JSON mode."""
    return json.dumps(
        {
            "segment": finding.segment_id,
            "check": finding.check,
            "severity": finding.severity.value,
            "message": finding.text("en"),
        },
        ensure_ascii=False,
    )


def finding_line(finding: StoredFinding) -> str:
    return (
        f"segment {finding.segment_id}: {finding.severity.value} {finding.check}: "
        f"{finding.text('en')}"
    )


def echo_findings(findings: Iterable[StoredFinding], *, indent: str = "") -> None:
    """Open findings, one line each (for commands that save a segment)."""
    for finding in findings:
        if finding.is_open:
            click.echo(f"{indent}QA {finding.severity.value} {finding.check}: {finding.text('en')}")


def echo_report(report: QAReport | None) -> None:
    """What QA said about a status change: its open findings, and what was overridden."""
    if report is None:
        return
    echo_findings(report.open, indent="  ")
    if report.overridden:
        checks = ", ".join(dict.fromkeys(finding.check for finding in report.overridden))
        click.echo(f"  went on over {len(report.overridden)} QA error(s) ({checks}): recorded")


@click.command("qa")
@click.argument("project")
@click.option("--document", default=None, help="Only this document (title or id).")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people; json: one object per finding a line, "
    '{"segment": ID, "check", "severity", "message"}, as \'songngu check\' prints.',
)
@as_option
def qa_command(project: str, document: str | None, output_format: str, as_user: str | None) -> None:
    """Check every segment of PROJECT (or one document) and print the open findings.

    Runs as a job: Ctrl-C stops after the current chunk, and 'songngu jobs resume ID' goes
    on without checking again what was checked. Findings set aside with a reason (on the
    QA page, or by going on over them) are not printed. Exits 1 when an open error remains,
    0 otherwise.
    """
    db = database()
    with db.write() as session:
        found = get_project(session, project)
        actor = actor_for(session, as_user)
        job = create_qa_job(session, actor, found, document=document)
        job_id, project_id = job.id, found.id
        which = FindingFilter(document_id=job.params.get("document_id"))
        label = f"checking {found.name}"
    state = follow_job(db, actor, job_id, label)
    if state == JobState.CANCELLED:
        click.echo(
            f"job {job_id} stopped; what it checked is kept: run 'songngu jobs resume {job_id}' "
            "to go on",
            err=True,
        )
        raise click.exceptions.Exit(EXIT_STOPPED)
    with db.read() as session:
        result = QAJobResult.from_dict(get_job(session, job_id).result)
        findings = list_findings(session, get_project(session, project_id), which)
    for finding in findings:
        click.echo(finding_json(finding) if output_format == "json" else finding_line(finding))
    errors = sum(finding.severity is Severity.ERROR for finding in findings)
    open_line = f"{len(findings)} open findings, {errors} errors"
    click.echo(f"job {job_id}: {result.summary()}; {open_line}", err=output_format == "json")
    if errors:
        raise click.exceptions.Exit(EXIT_ERRORS)


def register(cli: click.Group) -> None:
    cli.add_command(qa_command)
