"""Glossary: entries, recognition in Vietnamese source, English-side checks, CSV/TBX I/O."""

from primitives.terms import GlossaryEntry, InvalidGlossaryEntry, TermStatus
from workflow.glossary.csv_io import read_glossary_csv, write_glossary_csv
from workflow.glossary.defaults import load_default_glossary
from workflow.glossary.files import read_glossary_file
from workflow.glossary.matcher import TermHit, TermMatcher
from workflow.glossary.target_check import IssueKind, TermIssue, check_target
from workflow.glossary.tbx_io import read_tbx, write_tbx

__all__ = [
    "GlossaryEntry",
    "InvalidGlossaryEntry",
    "IssueKind",
    "TermHit",
    "TermIssue",
    "TermMatcher",
    "TermStatus",
    "check_target",
    "load_default_glossary",
    "read_glossary_csv",
    "read_glossary_file",
    "read_tbx",
    "write_glossary_csv",
    "write_tbx",
]
