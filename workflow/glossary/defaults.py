"""The glossary shipped with songngu: official English names of Vietnamese bodies and titles.

Every row of ``data/official_names.tsv`` names its source (Circular 03/2009/TT-BNG,
Resolution 176/2025/QH15, VNA usage, ...) and a date; names that stopped being current
(the ministries merged on 1 March 2025, the district level dissolved on 1 July 2025)
carry ``valid_until`` and stay listed for older documents.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from exporters.glossary_csv import read_glossary_csv
from primitives.terms import GlossaryEntry

DEFAULT_GLOSSARY_FILE = "official_names.tsv"


@lru_cache(maxsize=1)
def _default_entries() -> tuple[GlossaryEntry, ...]:
    data = resources.files("workflow.glossary").joinpath("data", DEFAULT_GLOSSARY_FILE)
    return tuple(read_glossary_csv(data.read_bytes(), DEFAULT_GLOSSARY_FILE))


def load_default_glossary() -> list[GlossaryEntry]:
    """The default entries (a fresh list; the entries themselves are immutable)."""
    return list(_default_entries())
