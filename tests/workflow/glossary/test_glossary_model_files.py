"""Entry validation and reading glossary files of either format from disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from primitives.errors import InvalidInput, NotFound
from workflow.glossary import (
    GlossaryEntry,
    read_glossary_file,
    write_glossary_csv,
    write_tbx,
)


def test_read_glossary_file_picks_the_format(tmp_path: Path) -> None:
    entries = [GlossaryEntry("Ủy ban nhân dân", "People's Committee", variants=("PC",))]
    (tmp_path / "g.csv").write_bytes(write_glossary_csv(entries))
    (tmp_path / "g.tbx").write_bytes(write_tbx(entries, title="g"))
    (tmp_path / "g-export").write_bytes(write_tbx(entries, title="g"))
    for name in ("g.csv", "g.tbx", "g-export"):
        assert read_glossary_file(tmp_path / name) == entries


def test_read_glossary_file_errors(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="does not exist"):
        read_glossary_file(tmp_path / "missing.csv")
    with pytest.raises(InvalidInput, match="is a folder"):
        read_glossary_file(tmp_path)
