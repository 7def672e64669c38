"""How the target reads: whitespace, end punctuation, brackets and quotes, doubled words,
the first capital letter."""

from __future__ import annotations

import re
from collections.abc import Iterator

from primitives.inline import plain
from primitives.units import Unit
from workflow.qa.checks.text import plain_with_offsets, quoted, repeated_word_count, stored_span
from workflow.qa.model import Category, Check, Finding, QAContext, Severity


class EdgeWhitespace(Check):
    id = "edge-whitespace"
    name = {"vi": "Khoảng trắng đầu, cuối câu", "en": "Leading or trailing whitespace"}
    description = {
        "vi": "Bản dịch có (hoặc thiếu) khoảng trắng ở đầu hay cuối câu khác với câu gốc; "
        "khi ghép câu lại thành đoạn, chữ sẽ dính nhau hoặc cách đôi.",
        "en": "The target starts or ends with whitespace the source does not have, or "
        "lacks whitespace it has; joined into paragraphs, words run together or double up.",
    }
    category = Category.FLUENCY
    default_severity = Severity.WARNING

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        source, target = plain(unit.source), plain(unit.target)
        if not target.strip():
            return
        for side_vi, side_en, source_edge, target_edge in (
            ("đầu", "start", _leading(source), _leading(target)),
            ("cuối", "end", _trailing(source), _trailing(target)),
        ):
            if source_edge != target_edge:
                yield self.finding(
                    f"Khoảng trắng ở {side_vi} câu khác câu gốc "
                    f"({_describe(target_edge, 'vi')} thay vì {_describe(source_edge, 'vi')}).",
                    f"Whitespace at the {side_en} differs from the source "
                    f"({_describe(target_edge, 'en')} instead of {_describe(source_edge, 'en')}).",
                    offending=f"{side_en}:{source_edge!r}>{target_edge!r}",
                )


def _leading(text: str) -> str:
    return text[: len(text) - len(text.lstrip())]


def _trailing(text: str) -> str:
    return text[len(text.rstrip()) :]


def _describe(whitespace: str, lang: str) -> str:
    if not whitespace:
        return "không có" if lang == "vi" else "none"
    if "\n" in whitespace:
        return "xuống dòng" if lang == "vi" else "a line break"
    count = len(whitespace)
    return f"{count} dấu cách" if lang == "vi" else f"{count} space{'s' if count > 1 else ''}"


_DOUBLE_SPACE_RE = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")


class DoubleSpace(Check):
    id = "double-space"
    name = {"vi": "Hai dấu cách liền nhau", "en": "Double space"}
    description = {
        "vi": "Bản dịch có hai dấu cách liền nhau giữa các chữ mà câu gốc không có.",
        "en": "The target has two or more spaces between words where the source has none.",
    }
    category = Category.FLUENCY
    default_severity = Severity.WARNING

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        text, _ = plain_with_offsets(unit.target)
        if "  " not in text.replace("\u00a0", " ") or _DOUBLE_SPACE_RE.search(plain(unit.source)):
            return
        match = _DOUBLE_SPACE_RE.search(text)
        if match:
            before = text[max(0, match.start() - 20) : match.end() + 20]
            yield self.finding(
                f"Hai dấu cách liền nhau: '{quoted(before)}'.",
                f"Double space: '{quoted(before)}'.",
                target_span=stored_span(unit.target, match.start(), match.end()),
                offending=before,
            )


_CLOSERS = "\"'”’»)]}*"
_END_CLASSES = {
    ".": "stop",
    "!": "stop",
    "…": "stop",
    "?": "question",
    ":": "colon",
    ";": "semicolon",
}
_END_NAMES = {
    "stop": ("dấu chấm", "a full stop"),
    "question": ("dấu hỏi", "a question mark"),
    "colon": ("dấu hai chấm", "a colon"),
    "semicolon": ("dấu chấm phẩy", "a semicolon"),
    "none": ("không có dấu", "no punctuation"),
}


def _end_class(text: str) -> str:
    stripped = text.rstrip().rstrip(_CLOSERS).rstrip()
    if not stripped:
        return "none"
    return _END_CLASSES.get(stripped[-1], "none")


class EndPunctuation(Check):
    id = "end-punctuation"
    name = {"vi": "Dấu câu cuối khác câu gốc", "en": "End punctuation mismatch"}
    description = {
        "vi": "Câu gốc và bản dịch kết thúc bằng loại dấu khác nhau (dấu chấm, dấu hỏi, dấu "
        "hai chấm, dấu chấm phẩy, hoặc không dấu). Dấu chấm, chấm than và dấu ba chấm "
        "được coi là cùng loại.",
        "en": "Source and target end in different kinds of punctuation (full stop, question "
        "mark, colon, semicolon, or none). Full stop, exclamation mark and ellipsis count "
        "as one kind.",
    }
    category = Category.FLUENCY
    default_severity = Severity.WARNING

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        source, target = plain(unit.source), plain(unit.target)
        if not target.strip() or not source.strip():
            return
        source_end, target_end = _end_class(source), _end_class(target)
        if source_end != target_end:
            source_vi, source_en = _END_NAMES[source_end]
            target_vi, target_en = _END_NAMES[target_end]
            yield self.finding(
                f"Câu gốc kết thúc bằng {source_vi}, bản dịch bằng {target_vi}.",
                f"The source ends with {source_en}, the target with {target_en}.",
                offending=f"{source_end}>{target_end}",
            )


_PAIRS = {")": "(", "]": "[", "}": "{", "”": "“", "»": "«"}
_OPENERS = set(_PAIRS.values())
_BRACKET_MARKS = frozenset(_PAIRS) | _OPENERS | {'"'}


def _bracket_problems(text: str) -> list[str]:
    """Brackets and curly quotes that do not pair, and an odd count of straight quotes."""
    stack: list[str] = []
    problems: list[str] = []
    for char in text:
        if char in _OPENERS:
            stack.append(char)
        elif char in _PAIRS:
            if stack and stack[-1] == _PAIRS[char]:
                stack.pop()
            else:
                problems.append(char)
    problems.extend(stack)
    if text.count('"') % 2:
        problems.append('"')
    return problems


class UnbalancedBrackets(Check):
    id = "brackets"
    name = {"vi": "Ngoặc, ngoặc kép không cân", "en": "Unbalanced brackets or quotes"}
    description = {
        "vi": "Bản dịch có ngoặc đơn, ngoặc vuông, ngoặc nhọn hay ngoặc kép mở mà không đóng "
        "(hoặc đóng mà không mở), trong khi câu gốc cân đối.",
        "en": "The target opens a bracket or quotation mark it does not close (or closes one "
        "it never opened) where the source is balanced.",
    }
    category = Category.FLUENCY
    default_severity = Severity.WARNING

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        if _BRACKET_MARKS.isdisjoint(unit.target):
            return
        target_problems = _bracket_problems(plain(unit.target))
        if not target_problems:
            return
        source_problems = sorted(_bracket_problems(plain(unit.source)))
        if sorted(target_problems) == source_problems:
            return  # a quotation running over several segments, as in the source
        marks = " ".join(dict.fromkeys(target_problems))
        yield self.finding(
            f"Ngoặc hoặc ngoặc kép không cân trong bản dịch: {marks}",
            f"Unbalanced brackets or quotes in the target: {marks}",
            offending=marks,
        )


_REPEATED_RE = re.compile(r"\b([^\W\d_]+)\s+\1\b", re.IGNORECASE)
# Doublings English grammar allows.
ALLOWED_DOUBLES = frozenset({"that", "had", "bye", "very", "so", "no", "yes", "ha", "knock"})


class RepeatedWord(Check):
    id = "repeated-word"
    name = {"vi": "Lặp từ", "en": "Repeated word"}
    description = {
        "vi": "Một từ viết hai lần liền nhau trong bản dịch ('of of', 'the the'), trừ những "
        "trường hợp ngữ pháp cho phép ('had had', 'that that').",
        "en": "A word written twice in a row in the target ('of of', 'the the'), except the "
        "doublings grammar allows ('had had', 'that that').",
    }
    category = Category.FLUENCY
    default_severity = Severity.WARNING

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        text, _ = plain_with_offsets(unit.target)
        if not repeated_word_count(text):
            return
        for match in _REPEATED_RE.finditer(text):
            word = match.group(1)
            if word.lower() in ALLOWED_DOUBLES:
                continue
            yield self.finding(
                f"Lặp từ: '{match.group(0)}'.",
                f"Repeated word: '{match.group(0)}'.",
                target_span=stored_span(unit.target, match.start(), match.end()),
                offending=match.group(0).lower(),
            )


_FIRST_LETTER_RE = re.compile(r"[^\W\d_]")
_FIRST_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")


def _first_word(text: str) -> re.Match[str] | None:
    return _FIRST_WORD_RE.search(text)


class Capitalisation(Check):
    id = "capitalisation"
    name = {"vi": "Chữ hoa đầu câu", "en": "First-letter capitalisation"}
    description = {
        "vi": "Câu gốc bắt đầu bằng chữ hoa nhưng bản dịch bắt đầu bằng chữ thường (trừ "
        "những từ viết thường có chủ ý như e-government, iPhone, eKYC).",
        "en": "The source starts with a capital letter but the target with a lower-case one "
        "(words written so on purpose aside: e-government, iPhone, eKYC).",
    }
    category = Category.FLUENCY
    default_severity = Severity.WARNING

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        source, target = plain(unit.source).lstrip(), plain(unit.target).lstrip()
        if not target or target[0].isupper() or not source or not source[0].isupper():
            return
        word = _first_word(target)
        if word is None or not target[word.start()].islower():
            return
        first = word.group(0)
        if re.match(r"[a-z]+[A-Z]|e-|[a-z]\d", first) or target[: word.start()].strip():
            return  # iPhone, eKYC, e-government; or the target opens with a number or mark
        yield self.finding(
            f"Bản dịch nên bắt đầu bằng chữ hoa: '{first}'.",
            f"The target should start with a capital letter: '{first}'.",
            offending=first,
        )
