"""How the CLI shows a domain error: one English line with a CLI hint, and an exit status.

Domain errors say what is wrong; the hint for a code says what to type here (a command,
an option). The exit status comes from the error's kind: 2 bad input or unknown name,
3 not allowed for the user's role, 4 a stale edit.

Errors the CLI raises itself (codes ``cli.*``) are about its own arguments and options;
they name them in their template, need no hint and never reach the app, so they have no
app strings.
"""

from __future__ import annotations

from primitives.errors import SongnguError

EXIT_STATUS: dict[str, int] = {"denied": 3, "conflict": 4}
DEFAULT_EXIT_STATUS = 2

INSTALL_PACKAGE_HINT = (
    "install one with `songngu models install FILE.argosmodel` or `songngu models download vi en`"
)
_INSTALL_FILE = "then run `songngu models install FILE.argosmodel`"
_SHOW_RULES = "see 'songngu project rules {project} --show'"

# code -> what to type to fix it, with the error's parameters; shown after the message.
HINTS: dict[str, str] = {
    "job.not_found": "see 'songngu jobs list'",
    "job.still_running": "stop it with 'songngu jobs cancel {job_id}'",
    "job.claimed_elsewhere": "follow it with 'songngu jobs show {job_id}'",
    "job.chunks_failed": "see every failed chunk with 'songngu jobs show ID'",
    "worker.no_queue": "e.g. {setting}=redis://127.0.0.1:6379/0 songngu worker",
    "import.segment_changed_meanwhile": "run the same 'songngu import' again",
    "xliff.other_project": "run 'songngu import \"{exported}\" {filename}'",
    "review.other_project": "run 'songngu review import \"{exported}\" {filename}'",
    "export.document_required": "add --document with one of them",
    "export.not_per_document": "leave out --document",
    # translation
    "mt.package_unloadable": "reinstall it with `songngu models install FILE.argosmodel`",
    "packages.none_installed": INSTALL_PACKAGE_HINT.replace("vi en", "{from_code} {to_code}"),
    "packages.folder_not_writable": "or give --dir FOLDER",
    "packages.already_installed": (
        "run `songngu models remove {name}` first if you mean to replace it"
    ),
    "packages.not_installed": "`songngu models list` shows the installed ones",
    "packages.index_unreachable": _INSTALL_FILE,
    "packages.download_unreachable": _INSTALL_FILE,
    # workflow: operations
    "operations.backup_exists": "add --force to replace it",
    "operations.pg_tool_missing": (
        "install it with 'apt-get install postgresql-client', then run the same songngu "
        "command again"
    ),
    "operations.backup_unreadable": "name a file written by 'songngu backup OUT'",
    "operations.not_songngu_backup": "restore a file written by 'songngu backup'",
    "operations.target_not_empty": "create one with 'createdb NAME' and give its URL to --to",
    "operations.migrate_target_not_postgresql": (
        "e.g. songngu migrate-db --to postgresql+psycopg://songngu@db-host/songngu"
    ),
    "operations.restore_busy": (
        "stop the app and the workers, then run 'songngu restore FILE --yes' again"
    ),
    # workflow
    "rules.file_is_folder": "see 'songngu segmentation-rules'",
    "user.not_found": "add one with 'songngu user add {name} --role translator'",
    "metadata.changed_meanwhile": "see it now with 'songngu document show \"{project}\" {document_id}'",
    "user.disabled": "enable it with 'songngu user enable {name}'",
    "user.last_admin": "give another user the role with 'songngu user role NAME admin'",
    "project.not_found": (
        "see 'songngu project list' or create it with 'songngu project create NAME'"
    ),
    "segment.not_found": "list them with 'songngu segments \"{project}\"'",
    "segment.id_not_found": "list them with 'songngu segments PROJECT'",
    "segment.reject_reason_missing": "add --reason 'what to fix'",
    "rules.abbreviation_not_in_project": _SHOW_RULES,
    "rules.no_break_pattern_not_in_project": _SHOW_RULES,
    "rules.break_pattern_not_in_project": _SHOW_RULES,
    "glossary.term_not_found": "see 'songngu glossary list {project}'",
    "glossary.unknown_term": "see 'songngu glossary list {project} --scope effective'",
    "glossary.no_partner_glossary": "use --scope project or global",
    "mt.not_available": INSTALL_PACKAGE_HINT,
    "mt.already_translating": "stop it with 'songngu jobs cancel {job_id}'",
    # workflow/qa
    "qa.errors_block_status_change": (
        "fix the target with 'songngu edit', or go on with --qa-override 'why' if your role may"
    ),
    "qa.job_running": "follow it with 'songngu jobs show {job_id}' or stop it with "
    "'songngu jobs cancel {job_id}'",
    "qa.export_blocked": "see the findings with 'songngu qa {project}'",
    "docx_target.not_ready": "for that, add --unfinished source or --unfinished mark",
}


def exit_status(error: SongnguError) -> int:
    return EXIT_STATUS.get(error.kind, DEFAULT_EXIT_STATUS)


def hint(error: SongnguError) -> str | None:
    """What to type about the error: its code's hint, else that of the error it wraps."""
    current: SongnguError | None = error
    while current is not None:
        template = HINTS.get(current.code)
        if template:
            try:
                return template.format(**current.params)
            except (KeyError, IndexError, ValueError):  # a test checks every hint's fields
                return None
        current = current.detail
    return None


def one_line(error: SongnguError) -> str:
    """The error as the CLI prints it (without the 'songngu: error: ' prefix)."""
    message = str(error)
    advice = hint(error)
    if advice:
        message = f"{message}; {advice}"
    return " ".join(message.split("\n"))
