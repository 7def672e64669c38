"""Where a segment's source came from in its file: a typed reference, parsed in one place.

A segment is a sentence of one source *block* (a DOCX paragraph, a line of text, a
Markdown table cell). Its reference names the block (``block``: ``"word/document.xml#p12"``,
``"line:3"``, ``"lines:4-6#c1"``; see ``workflow/intake/model.py``), the block's kind, the
span of the sentence in the block's text, and the text between this sentence and the next
one of the block (``space_after``), so a merge or an exporter never has to re-read the file.
It is stored as JSON in ``Segment.ref``; this class is the only reader and writer of it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from typing import Any


@dataclass(frozen=True)
class BlockRef:
    block: str = ""
    kind: str = ""
    start: int | None = None
    end: int | None = None
    space_after: str | None = None

    @classmethod
    def parse(cls, stored: str | None) -> BlockRef:
        """The reference stored in a segment ("" or anything unreadable: no position)."""
        if not stored:
            return cls()
        try:
            value = json.loads(stored)
        except json.JSONDecodeError:
            return cls()
        if not isinstance(value, dict):
            return cls()
        return cls.from_dict(value)

    @classmethod
    def from_dict(cls, value: dict[str, Any]) -> BlockRef:
        def text(name: str) -> str:
            item = value.get(name)
            return item if isinstance(item, str) else ""

        def offset(name: str) -> int | None:
            item = value.get(name)
            return item if isinstance(item, int) and not isinstance(item, bool) else None

        space = value.get("space_after")
        return cls(
            block=str(value.get("block", "")) if value.get("block") is not None else "",
            kind=text("kind"),
            start=offset("start"),
            end=offset("end"),
            space_after=space if isinstance(space, str) else None,
        )

    def dump(self) -> str:
        """The JSON stored in Segment.ref ("" for a reference that says nothing)."""
        value = {name: item for name, item in asdict(self).items() if item not in (None, "")}
        if self.space_after == "":
            value["space_after"] = ""
        return json.dumps(value, ensure_ascii=False) if value else ""

    @property
    def span(self) -> tuple[int, int] | None:
        """(start, end) of the sentence in its block's text, when recorded and sane."""
        if self.start is None or self.end is None or not 0 <= self.start <= self.end:
            return None
        return self.start, self.end

    def with_span(self, start: int | None, end: int | None) -> BlockRef:
        return replace(self, start=start, end=end)

    def with_space_after(self, space: str | None) -> BlockRef:
        return replace(self, space_after=space)
