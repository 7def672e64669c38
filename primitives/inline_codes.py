"""Inline codes inside segment text.

Formatting and protected objects from the source live in the segment text as tags, the
way OmegaT shows them: a paired code ``<g1>…</g1>`` wraps formatted words (bold, italic,
hyperlink, …) and a standalone code ``<x2/>`` stands for a line break, tab, field, image
or footnote reference. What each number means is kept beside the segment (its ``codes``
mapping), so the target DOCX can put the formatting back on the right words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CODE_RE = re.compile(r"<g(\d+)>|</g(\d+)>|<x(\d+)/>")


@dataclass(frozen=True)
class CodeToken:
    """One tag in a text: kind is 'open', 'close' or 'standalone'."""

    kind: str
    code_id: int
    start: int
    end: int

    @property
    def text(self) -> str:
        if self.kind == "open":
            return f"<g{self.code_id}>"
        if self.kind == "close":
            return f"</g{self.code_id}>"
        return f"<x{self.code_id}/>"


def tokens(text: str) -> list[CodeToken]:
    """All tags in text, in order."""
    found: list[CodeToken] = []
    for match in CODE_RE.finditer(text):
        if match.group(1) is not None:
            found.append(CodeToken("open", int(match.group(1)), match.start(), match.end()))
        elif match.group(2) is not None:
            found.append(CodeToken("close", int(match.group(2)), match.start(), match.end()))
        else:
            found.append(CodeToken("standalone", int(match.group(3)), match.start(), match.end()))
    return found


def plain_text(text: str) -> str:
    """Text with every tag removed (what a reader sees)."""
    return CODE_RE.sub("", text)


def pairing_problems(text: str) -> list[str]:
    """Human-readable problems with tag pairing (unclosed, unopened, crossed)."""
    problems: list[str] = []
    open_stack: list[int] = []
    for token in tokens(text):
        if token.kind == "open":
            open_stack.append(token.code_id)
        elif token.kind == "close":
            if not open_stack:
                problems.append(f"{token.text} closes a tag that was never opened")
            elif open_stack[-1] != token.code_id:
                problems.append(f"{token.text} crosses <g{open_stack[-1]}>")
                if token.code_id in open_stack:
                    open_stack.remove(token.code_id)
            else:
                open_stack.pop()
    problems.extend(f"<g{code_id}> is never closed" for code_id in open_stack)
    return problems
