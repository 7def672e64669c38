"""Configuration as data: every setting has a name, a default and help text.

Settings come from environment variables so the app, the CLI and background workers
agree without a config file. `songngu settings` prints this table and the README's
configuration section is checked against it by a test.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    env: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "SONGNGU_HOME",
        "~/.songngu",
        "Folder for songngu's data: the SQLite database, job logs and uploaded originals.",
    ),
    Setting(
        "SONGNGU_DATABASE_URL",
        "",
        "SQLAlchemy URL of a shared database, e.g. postgresql+psycopg://user:pw@host/songngu. "
        "Empty: a SQLite file songngu.db under SONGNGU_HOME.",
    ),
    Setting(
        "SONGNGU_USER",
        "",
        "Who the CLI acts for when --as is not given: a user's name. Empty: the built-in local "
        "operator, with the admin role, which exists only for the CLI and never signs in to "
        "the app.",
    ),
    Setting(
        "SONGNGU_LANG",
        "vi",
        "Language of the app's interface: vi or en (switchable in the app).",
    ),
    Setting(
        "SONGNGU_REVIEW_PAGE_SIZE",
        "100",
        "Rows per page of the Review list (10 to 200). The browser's time to draw a page "
        "grows with its rows (see BENCHMARKS.md): fewer suit a slow machine.",
    ),
    Setting(
        "SONGNGU_SESSION_IDLE_MINUTES",
        "60",
        "Minutes without any action after which the app signs a person out (1 to 10080).",
    ),
    Setting(
        "SONGNGU_SIGNIN_MAX_FAILURES",
        "5",
        "Wrong passwords for one account, within SONGNGU_SIGNIN_LOCKOUT_SECONDS, after "
        "which its password sign-ins are refused for that long (1 to 1000).",
    ),
    Setting(
        "SONGNGU_SIGNIN_LOCKOUT_SECONDS",
        "900",
        "Window in which SONGNGU_SIGNIN_MAX_FAILURES wrong passwords lock an account's "
        "password sign-in, and how long from the first of them it stays locked (1 to 604800).",
    ),
    Setting(
        "SONGNGU_PASSWORD_MIN_LENGTH",
        "10",
        "Fewest characters a new password may have (8 to 128).",
    ),
    Setting(
        "SONGNGU_PASSWORD_HASH_TIME_COST",
        "3",
        "argon2id passes per password hash (RFC 9106's default 3). Raising it or the memory "
        "makes guessing slower; older hashes are replaced at their next sign-in.",
    ),
    Setting(
        "SONGNGU_PASSWORD_HASH_MEMORY_KIB",
        "65536",
        "Memory per argon2id password hash in KiB (RFC 9106's default 65536, 64 MiB; at "
        "least 1024, which only tests should use).",
    ),
    Setting(
        "SONGNGU_SQLITE_BUSY_TIMEOUT_MS",
        "10000",
        "How long a SQLite writer waits for another writer before giving up, in milliseconds.",
    ),
    Setting(
        "SONGNGU_SCHEMAS_DIR",
        "../shared/schemas",
        "Folder with the official XLIFF, TMX and TBX schemas used to validate exports "
        "(relative paths are taken from the project checkout).",
    ),
    Setting(
        "ARGOS_PACKAGES_DIR",
        "~/.local/share/argos-translate/packages",
        "Where Argos Translate packages (MT models) are installed; read by argostranslate.",
    ),
    Setting(
        "SONGNGU_MAX_UPLOAD_MB",
        "100",
        "Largest source file accepted for import, in megabytes (MiB); a DOCX may also inflate "
        "to this much per part and three times it in all. The app's upload limit follows it.",
    ),
    Setting(
        "SONGNGU_MAX_TEXT_MB",
        "20",
        "Largest .txt/.md source file accepted, in megabytes (MiB); 20 is about 3,000 pages.",
    ),
    Setting(
        "SONGNGU_MAX_ZIP_RATIO",
        "100",
        "How many times larger than its compressed size a DOCX part may inflate (zip-bomb "
        "guard; parts under 100 KiB are exempt).",
    ),
    Setting(
        "SONGNGU_MAX_PARAGRAPHS",
        "250000",
        "Most paragraphs (DOCX) or lines with text (TXT/Markdown) in one source file.",
    ),
    Setting(
        "SONGNGU_SPLIT_SEGMENT_CHARS",
        "2000",
        "Longest segment, in characters, imported as it is: a longer one (a line with no full "
        "stop, say) is imported flagged as needing a split, listed in the import report and "
        "shown folded with a warning, to be split on the Source page.",
    ),
    Setting(
        "SONGNGU_REDIS_URL",
        "",
        "Redis URL of the job queue, e.g. redis://queue-host:6379/0: MT, QA and other jobs are "
        "then run by `songngu worker` processes on any machine that reaches Redis and the "
        "database. Empty: jobs run in the process that starts them (the app or the CLI).",
    ),
    Setting(
        "SONGNGU_WORKER_SILENT_SECONDS",
        "60",
        "Seconds a worker may stay silent on the Redis queue before its unfinished messages go "
        "to the other workers (a killed worker's chunk is retried after this).",
    ),
    Setting(
        "SONGNGU_MT_THREADS",
        "auto",
        "Threads for machine translation: auto (one batch at a time on every core), a thread "
        "count, or INTERxINTRA (batches decoded in parallel x threads each, e.g. 2x1); at "
        "most the machine's cores. OMP_NUM_THREADS is set to match unless already set.",
    ),
    Setting(
        "SONGNGU_MT_BATCH_SIZE",
        "32",
        "Sentences per machine-translation batch (or padded tokens per batch, with "
        "SONGNGU_MT_BATCH_TYPE=tokens); sentences are sorted by length first.",
    ),
    Setting(
        "SONGNGU_MT_BATCH_TYPE",
        "examples",
        "What SONGNGU_MT_BATCH_SIZE counts: examples (sentences) or tokens.",
    ),
    Setting(
        "SONGNGU_MT_SHORTLIST_MIN_IDENTICAL",
        "99",
        "A model's vocabulary shortlist (songngu models shortlist) is used only if at least "
        "this percentage of its held-out sentences came out identical to the full "
        "vocabulary's translation.",
    ),
)

_BY_NAME = {setting.env: setting for setting in SETTINGS}


def get(env: str) -> str:
    """Current value of a declared setting (environment first, then the default)."""
    setting = _BY_NAME[env]
    return os.environ.get(env, "") or setting.default


def shown(env: str) -> str:
    """A setting's value as it may be printed or shown: a database URL without its password."""
    value = get(env)
    if env == "SONGNGU_DATABASE_URL" and value:
        from sqlalchemy import make_url

        try:
            return make_url(value).render_as_string(hide_password=True)
        except Exception:  # not even parseable: show nothing of it
            return "(unparseable URL)"
    return value


def home() -> Path:
    """SONGNGU_HOME, created on first use."""
    path = Path(get("SONGNGU_HOME")).expanduser()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        from primitives.errors import InvalidInput

        raise InvalidInput(
            "settings.home_not_a_folder",
            "SONGNGU_HOME={path} cannot be used as a folder ({reason}): set it to a writable folder",
            path=str(path),
            reason=str(error.strerror),
        ) from None
    return path


# The checkout this package runs from (an editable install): relative folders start here.
_CHECKOUT = Path(__file__).resolve().parents[1]


def schemas_dir() -> Path:
    """SONGNGU_SCHEMAS_DIR as a folder; a relative path is taken from the project checkout.

    Exporters take this folder as an argument (they read no settings).
    """
    path = Path(get("SONGNGU_SCHEMAS_DIR")).expanduser()
    return path if path.is_absolute() else (_CHECKOUT / path).resolve()


def database_url() -> str:
    url = get("SONGNGU_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{home() / 'songngu.db'}"
