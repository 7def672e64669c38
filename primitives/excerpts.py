"""Short forms of user text: for one-line messages and for bounded text columns."""

from __future__ import annotations

ELLIPSIS = "…"


def clipped(text: str, limit: int) -> str:
    """Text cut to at most limit characters, the cut shown with …."""
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def one_line(text: str, limit: int = 200) -> str:
    """Text fit for a one-line message: line breaks shown as ⏎, long text cut with …."""
    return clipped(text.replace("\n", " ⏎ "), limit)
