"""Terminology: the glossary's terms found in the source, checked in the target.

Recognition is the glossary's own matcher (``workflow.glossary.matcher``) and the target
side its inflection-tolerant check (``workflow.glossary.target_check``). On top of that,
QA lets a term missing there pass when its words are in the target in order with a few
words between them, or as "Minister of …" after a minister's title, and it ignores terms
inside identifiers (document codes, addresses). Do-not-translate terms are checked here as written (exactly, in the
source's spelling), since the loose comparison would let "Ha Noi" pass for a kept
"Hà Nội".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import lru_cache

from primitives.inline import plain, replace_tags
from primitives.terms import TermStatus
from primitives.text_keys import loose_key
from primitives.units import Unit
from workflow.glossary.matcher import TermHit, TermMatcher
from workflow.glossary.target_check import IssueKind, TermIssue, check_target
from workflow.qa.checks.text import nfc, quoted
from workflow.qa.model import Category, Check, Finding, QAContext, Severity
from workflow.qa.values import extract


@lru_cache(maxsize=4096)
def _hits(matcher: TermMatcher, source: str, source_lang: str) -> tuple[TermHit, ...]:
    """The terms of source outside identifiers ("UBND" inside the code 2345/UBND-VX)."""
    codes = [(item.start, item.end) for item in extract(source, source_lang).identifiers]
    return tuple(
        hit
        for hit in matcher.find(source)
        if not any(hit.start < end and start < hit.end for start, end in codes)
    )


def source_hits(unit: Unit, context: QAContext) -> tuple[TermHit, ...]:
    """The glossary terms of the unit's source (none without a glossary)."""
    if context.glossary is None or not unit.source:
        return ()
    return _hits(context.glossary, unit.source, context.source_lang)


# Words a translator may put inside a term: "Chairman of the [Quang Ninh provincial]
# People's Committee", "a delegation of [Lao] National Assembly deputies".
MAX_INSERTED_WORDS = 3
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'"})
_TOKEN_RE = re.compile(r"\w+")
# "Bộ trưởng Bộ Y tế" is "Minister of Health": the ministry's name after a minister's title.
_MINISTER_BEFORE_RE = re.compile(r"trưởng\s*$", re.IGNORECASE)


def _words(text: str) -> list[str]:
    return _TOKEN_RE.findall(loose_key(replace_tags(text, " ").translate(_APOSTROPHES)))


def _same_word(wanted: str, found: str) -> bool:
    if found == wanted or found in (wanted + "s", wanted + "es"):
        return True
    return wanted.endswith("y") and found == wanted[:-1] + "ies"


def _with_inserted_words(form: list[str], target: list[str]) -> bool:
    """form's words in order in target, at most MAX_INSERTED_WORDS others between them."""
    for begin, word in enumerate(target):
        if not _same_word(form[0], word):
            continue
        position, spare = begin, MAX_INSERTED_WORDS
        for wanted in form[1:]:
            limit = min(len(target), position + 2 + spare)
            found = next(
                (k for k in range(position + 1, limit) if _same_word(wanted, target[k])), None
            )
            if found is None:
                break
            spare -= found - position - 1
            position = found
        else:
            return True
    return False


def _rendered_loosely(issue: TermIssue, source: str, target_words: list[str]) -> bool:
    """A missing term still found with inserted words, or as "Minister of …"."""
    forms = [_words(form) for form in issue.expected]
    if _MINISTER_BEFORE_RE.search(source[: issue.source_start]):
        forms += [["minister", *f[1:]] for f in forms if f[:1] == ["ministry"]]
    return any(form and _with_inserted_words(form, target_words) for form in forms)


@lru_cache(maxsize=4096)
def _issues(
    matcher: TermMatcher, source: str, target: str, source_lang: str
) -> tuple[TermIssue, ...]:
    hits = [
        h
        for h in _hits(matcher, source, source_lang)
        if h.entry.status is not TermStatus.DO_NOT_TRANSLATE
    ]
    if not hits:
        return ()
    # Words inside a URL or an e-mail address ("gso" in www.gso.gov.vn) are not terms.
    blanked = _blank_identifiers(target)
    issues = check_target(blanked, hits)
    if not any(issue.kind is IssueKind.MISSING for issue in issues):
        return tuple(issues)
    target_words = _words(blanked)
    return tuple(
        issue
        for issue in issues
        if issue.kind is not IssueKind.MISSING or not _rendered_loosely(issue, source, target_words)
    )


def _blank_identifiers(target: str) -> str:
    spans = [(item.start, item.end) for item in extract(target, "en").identifiers]
    if not spans:
        return target
    chars = list(target)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def target_issues(unit: Unit, context: QAContext) -> tuple[TermIssue, ...]:
    """Missing and forbidden terms of the target (do-not-translate terms aside)."""
    if context.glossary is None or not unit.source or not plain(unit.target).strip():
        return ()
    return _issues(context.glossary, unit.source, unit.target, context.source_lang)


def _alternatives(forms: tuple[str, ...]) -> tuple[str, str]:
    if len(forms) < 2:
        return "", ""
    listed = ", ".join(f"'{form}'" for form in forms[1:4])
    return f" (hoặc {listed})", f" (or {listed})"


class TermMissing(Check):
    id = "term-missing"
    name = {"vi": "Thiếu thuật ngữ", "en": "Preferred term missing"}
    description = {
        "vi": "Câu gốc có thuật ngữ trong bảng thuật ngữ nhưng bản dịch không dùng bản dịch "
        "đã quy định (hay một biến thể được chấp nhận; số nhiều và sở hữu cách được tính).",
        "en": "A glossary term of the source is not rendered by its listed target or an "
        "allowed variant (plural and possessive forms count).",
    }
    category = Category.TERMINOLOGY
    default_severity = Severity.WARNING

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        for issue in target_issues(unit, context):
            if issue.kind is not IssueKind.MISSING:
                continue
            vi_more, en_more = _alternatives(issue.expected)
            yield self.finding(
                f"Thuật ngữ '{issue.source_text}' cần dịch là '{issue.expected[0]}'{vi_more}.",
                f"'{issue.source_text}' should be translated as '{issue.expected[0]}'{en_more}.",
                source_span=(issue.source_start, issue.source_end),
                offending=issue.source_text,
            )


class TermForbidden(Check):
    id = "term-forbidden"
    name = {"vi": "Dùng thuật ngữ bị cấm", "en": "Forbidden term used"}
    description = {
        "vi": "Bản dịch dùng một cách dịch mà bảng thuật ngữ đánh dấu là cấm cho thuật ngữ "
        "của câu gốc.",
        "en": "The target uses a rendering the glossary marks as forbidden for a term of "
        "the source.",
    }
    category = Category.TERMINOLOGY
    default_severity = Severity.ERROR

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        for issue in target_issues(unit, context):
            if issue.kind is not IssueKind.FORBIDDEN:
                continue
            use_vi = f"; hãy dùng '{issue.expected[0]}'" if issue.expected else ""
            use_en = f"; use '{issue.expected[0]}'" if issue.expected else ""
            yield self.finding(
                f"Cách dịch bị cấm '{issue.found}' cho '{issue.source_text}'{use_vi}.",
                f"Forbidden term '{issue.found}' for '{issue.source_text}'{use_en}.",
                source_span=(issue.source_start, issue.source_end),
                target_span=(issue.target_start, issue.target_end),
                offending=issue.found,
            )


class DoNotTranslate(Check):
    id = "dnt-altered"
    name = {"vi": "Thuật ngữ giữ nguyên bị thay đổi", "en": "Do-not-translate term altered"}
    description = {
        "vi": "Thuật ngữ được đánh dấu giữ nguyên (không dịch) không xuất hiện đúng như "
        "trong câu gốc ở bản dịch.",
        "en": "A term marked do-not-translate does not appear in the target exactly as "
        "the source writes it.",
    }
    category = Category.TERMINOLOGY
    default_severity = Severity.ERROR

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        hits = [
            h for h in source_hits(unit, context) if h.entry.status is TermStatus.DO_NOT_TRANSLATE
        ]
        if not hits or not plain(unit.target).strip():
            return
        target = nfc(plain(unit.target))
        for hit in hits:
            if nfc(hit.entry.target) not in target:
                yield self.finding(
                    f"'{hit.text}' phải giữ nguyên trong bản dịch.",
                    f"'{hit.text}' must stay as it is in the target.",
                    source_span=(hit.start, hit.end),
                    offending=hit.text,
                )


class OutdatedName(Check):
    id = "outdated-name"
    name = {"vi": "Tên chính thức đã hết hiệu lực", "en": "Official name no longer current"}
    description = {
        "vi": "Câu gốc nêu một cơ quan, đơn vị mà bảng thuật ngữ ghi là đã đổi tên, sáp nhập "
        "hay giải thể trước ngày của văn bản (ví dụ các bộ sáp nhập ngày 1/3/2025): kiểm "
        "tra lại tên gọi. Chỉ chạy khi biết ngày của văn bản.",
        "en": "The source names a body the glossary lists as renamed, merged or dissolved "
        "before the document's date (the ministries merged on 1 March 2025, say): check "
        "the name. Runs only when the document date is known.",
    }
    category = Category.TERMINOLOGY
    default_severity = Severity.WARNING

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        when = context.document_date
        if when is None:
            return
        by_span: dict[tuple[int, int], list[TermHit]] = {}
        for hit in source_hits(unit, context):
            by_span.setdefault((hit.start, hit.end), []).append(hit)
        for span, group in by_span.items():
            # A span with a current alternative (a name valid on the date) is fine.
            if not all(
                h.entry.valid_until and date.fromisoformat(h.entry.valid_until) < when
                for h in group
            ):
                continue
            hit = group[0]
            until = hit.entry.valid_until
            note = f" ({quoted(hit.entry.note, 160)})" if hit.entry.note else ""
            yield self.finding(
                f"'{hit.text}' chỉ dùng đến {until}, trước ngày văn bản {when.isoformat()}"
                f"{note}: kiểm tra lại tên.",
                f"'{hit.text}' was current until {until}, before the document's date "
                f"{when.isoformat()}{note}: check the name.",
                source_span=span,
                offending=hit.text,
            )
