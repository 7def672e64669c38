"""Who wrote a file: the tool name and version formats put in their headers."""

from __future__ import annotations

from importlib import metadata

TOOL_NAME = "songngu"


def tool_version() -> str:
    """songngu's installed version ("0" when running from a source tree not installed)."""
    try:
        return metadata.version(TOOL_NAME)
    except metadata.PackageNotFoundError:
        return "0"
