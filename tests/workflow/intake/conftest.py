"""Fixtures for the intake tests: DOCX files built part by part."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from songngu_testing.docx_builder import docx_bytes, part_xml


@pytest.fixture
def make_docx() -> Callable[..., bytes]:
    return docx_bytes


@pytest.fixture
def make_part() -> Callable[[str, str], str]:
    return part_xml
