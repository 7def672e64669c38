"""Glossary: entries, recognition in Vietnamese source, English-side checks, stored terms.

The entry type is :mod:`primitives.terms`; its CSV/TSV and TBX files are
:mod:`exporters.glossary_csv` and :mod:`exporters.tbx` (re-exported here for callers).
"""

from exporters.glossary_csv import read_glossary_csv, write_glossary_csv
from exporters.tbx import read_tbx, write_tbx
from primitives.terms import GlossaryEntry, InvalidGlossaryEntry, TermStatus
from workflow.glossary.defaults import load_default_glossary
from workflow.glossary.files import read_glossary_file
from workflow.glossary.matcher import TermHit, TermMatcher
from workflow.glossary.target_check import IssueKind, TermIssue, check_target

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
