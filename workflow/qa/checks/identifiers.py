"""Identifiers copied from the source: document codes, URLs, e-mail addresses and telephone
numbers. They are compared as tokens, never as numbers."""

from __future__ import annotations

from collections.abc import Iterator

from primitives.units import Unit
from workflow.qa.checks.numbers import comparison
from workflow.qa.model import Category, Check, Finding, QAContext, Severity
from workflow.qa.values import Identifier

_KIND_NAMES = {
    "url": ("địa chỉ web", "URL"),
    "email": ("địa chỉ e-mail", "e-mail address"),
    "phone": ("số điện thoại", "telephone number"),
    "code": ("số hiệu văn bản", "document code"),
}


def _changes(missing: list[Identifier], added: list[Identifier], check: Check) -> Iterator[Finding]:
    while missing and added:
        source, target = missing.pop(0), added.pop(0)
        vi_kind, en_kind = _KIND_NAMES[source.kind]
        yield check.finding(
            f"{vi_kind.capitalize()} '{source.text}' của câu gốc thành '{target.text}'.",
            f"The {en_kind} '{source.text}' of the source became '{target.text}'.",
            source_span=(source.start, source.end),
            target_span=(target.start, target.end),
            offending=source.text,
        )
    for source in missing:
        vi_kind, en_kind = _KIND_NAMES[source.kind]
        yield check.finding(
            f"{vi_kind.capitalize()} '{source.text}' không có trong bản dịch.",
            f"The {en_kind} '{source.text}' is missing from the target.",
            source_span=(source.start, source.end),
            offending=source.text,
        )
    for target in added:
        vi_kind, en_kind = _KIND_NAMES[target.kind]
        yield check.finding(
            f"Bản dịch có {vi_kind} '{target.text}' mà câu gốc không có.",
            f"The target has the {en_kind} '{target.text}', which the source does not.",
            target_span=(target.start, target.end),
            offending=target.text,
        )


class DocumentCode(Check):
    id = "document-code"
    name = {"vi": "Số hiệu văn bản bị thay đổi", "en": "Document code changed"}
    description = {
        "vi": "Số hiệu văn bản (03-NQ/TU, 749/QĐ-TTg, 176/2025/QH15) phải giữ nguyên trong "
        "bản dịch; chỉ cho phép viết Đ thành D và khác chữ hoa, chữ thường.",
        "en": "Document codes (03-NQ/TU, 749/QĐ-TTg, 176/2025/QH15) stay as they are in the "
        "target; only Đ written as D and letter case may differ.",
    }
    category = Category.ACCURACY
    default_severity = Severity.ERROR

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        found = comparison(unit, context)
        if not (found.missing_identifiers or found.added_identifiers):
            return
        missing = [i for i in found.missing_identifiers if i.kind == "code"]
        added = [i for i in found.added_identifiers if i.kind == "code"]
        yield from _changes(missing, added, self)


class LinkChanged(Check):
    id = "url-changed"
    name = {
        "vi": "Địa chỉ web, e-mail, điện thoại bị thay đổi",
        "en": "URL, e-mail or telephone changed",
    }
    description = {
        "vi": "Địa chỉ web, e-mail và số điện thoại của câu gốc phải có nguyên trong bản "
        "dịch, và bản dịch không thêm địa chỉ nào khác.",
        "en": "The source's URLs, e-mail addresses and telephone numbers are in the target "
        "unchanged, and the target adds none of its own.",
    }
    category = Category.ACCURACY
    default_severity = Severity.ERROR

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        found = comparison(unit, context)
        if not (found.missing_identifiers or found.added_identifiers):
            return
        for kind in ("url", "email", "phone"):
            missing = [i for i in found.missing_identifiers if i.kind == kind]
            added = [i for i in found.added_identifiers if i.kind == kind]
            yield from _changes(missing, added, self)
