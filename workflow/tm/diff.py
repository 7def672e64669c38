"""Word-level differences between a TM source and the segment being translated."""

from __future__ import annotations

import re

from rapidfuzz.distance import Indel

from primitives.inline import tokens
from primitives.text_keys import match_key
from workflow.tm.keys import tm_key

# Words, inline code tags, runs of spaces and single punctuation marks are the units shown.
# Combining marks (U+0300–U+036F) belong to their word, so NFD text splits like NFC.
_WORD_RE = re.compile(r"[\w\u0300-\u036f]+|\s+|[^\w\s]")

DiffSpan = tuple[str, str]  # (op, text): op is "equal", "delete" or "insert"


def _tokens(text: str) -> list[str]:
    found: list[str] = []
    for token in tokens(text):
        found.extend([token.text] if token.is_tag else _WORD_RE.findall(token.text))
    return found


def _compare_key(token: str) -> str:
    # Whitespace runs compare equal whatever their length; words by their matching key.
    return " " if token.isspace() else match_key(token)


def diff_words(old: str, new: str) -> list[DiffSpan]:
    """Spans turning old into new: equal (new's text), delete (old's), insert (new's).

    Words compare by matching key, so case, NFC/NFD and tone-mark placement are not
    differences. Joining the equal and insert spans gives new exactly; joining the delete
    spans with the equal ones gives old up to those invisible differences.
    """
    old_tokens, new_tokens = _tokens(old), _tokens(new)
    spans: list[DiffSpan] = []

    def emit(op: str, text: str) -> None:
        if not text:
            return
        if spans and spans[-1][0] == op:
            spans[-1] = (op, spans[-1][1] + text)
        else:
            spans.append((op, text))

    old_keys = [_compare_key(token) for token in old_tokens]
    new_keys = [_compare_key(token) for token in new_tokens]
    deleted: list[str] = []
    inserted: list[str] = []
    for op, old_start, old_end, new_start, new_end in Indel.opcodes(old_keys, new_keys):
        if op == "equal":
            # A change shows as what went, then what came, whatever order Indel found them.
            emit("delete", "".join(deleted))
            emit("insert", "".join(inserted))
            deleted.clear()
            inserted.clear()
            emit("equal", "".join(new_tokens[new_start:new_end]))
        else:
            deleted.extend(old_tokens[old_start:old_end])
            inserted.extend(new_tokens[new_start:new_end])
    emit("delete", "".join(deleted))
    emit("insert", "".join(inserted))
    return spans


def same_words(old: str, new: str) -> bool:
    """True when two texts differ only in case, spacing, normalisation or codes."""
    return tm_key(old) == tm_key(new)
