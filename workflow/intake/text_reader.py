"""Plain text (.txt, and text pasted in the app) → one block per non-empty line."""

from __future__ import annotations

from primitives.errors import InvalidInput
from primitives.inline import CodeNumbering, standalone_tag
from workflow.intake.limits import PARAGRAPHS_SETTING, IntakeLimits
from workflow.intake.model import SourceBlock, SourceDocument, is_translatable
from workflow.intake.repair import RunRepairer

# Word's manual line break survives in pasted text as a vertical tab.
_MANUAL_BREAK = "\x0b"


def split_lines(text: str, filename: str, limits: IntakeLimits) -> list[str]:
    """Lines of a decoded text (\\n, \\r\\n, \\r and form feed end a line), within limits.

    At most ``max_paragraphs`` lines may hold text; blank lines are cheap but not free, so
    there may be at most four times as many lines in all.
    """
    normalised = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n")
    if normalised.count("\n") >= 4 * limits.max_paragraphs:
        raise InvalidInput(
            "intake.too_many_lines",
            "{file} has more than {limit:,} lines, more than the import limit; split it into "
            "smaller files, or raise {setting} if such files are expected",
            file=filename,
            limit=4 * limits.max_paragraphs,
            setting=PARAGRAPHS_SETTING,
        )
    lines = normalised.split("\n")
    with_text = sum(1 for line in lines if line.strip())
    if with_text > limits.max_paragraphs:
        raise InvalidInput(
            "intake.too_many_text_lines",
            "{file} has {count:,} lines of text, more than the import limit of {limit:,}; "
            "split it into smaller files, or raise {setting} if such files are expected",
            file=filename,
            count=with_text,
            limit=limits.max_paragraphs,
            setting=PARAGRAPHS_SETTING,
        )
    return lines


def read_text(text: str, filename: str, limits: IntakeLimits) -> SourceDocument:
    """Blocks for every line that has letters; ref ``line:<n>`` (1-based)."""
    repairer = RunRepairer()
    blocks: list[SourceBlock] = []
    for number, line in enumerate(split_lines(text, filename, limits), start=1):
        stripped = line.strip()
        if not is_translatable(stripped):
            continue
        numbering = CodeNumbering()
        pieces = [repairer.repair(piece, None) for piece in stripped.split(_MANUAL_BREAK)]
        tagged = pieces[0]
        for piece in pieces[1:]:
            code = numbering.add({"type": "standalone", "kind": "line_break", "text": "\x0b"})
            tagged += standalone_tag(code) + piece
        blocks.append(
            SourceBlock(ref=f"line:{number}", kind="paragraph", text=tagged, codes=numbering.codes)
        )
    return SourceDocument(format="txt", blocks=blocks, repair_lines=repairer.lines())
