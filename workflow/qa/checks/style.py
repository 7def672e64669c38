"""The partner's house style: US or UK spelling, "Vietnam" or "Viet Nam", diacritics in
personal names, the order of day and month. Each runs only when the partner profile
gives its setting (``english_variant``, ``country_name``, ``name_diacritics``,
``date_style``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from primitives.inline import plain
from primitives.units import Unit
from workflow.qa.checks.numbers import comparison
from workflow.qa.checks.text import nfc, plain_with_offsets, stored_span, strip_diacritics
from workflow.qa.model import Category, Check, Finding, QAContext, Severity
from workflow.vietnamese.names import personal_names

# (US, UK) spellings common in reports; a "us_only" pair is flagged only for US partners
# (British English also writes "program" for software).
_SPELLINGS: tuple[tuple[str, str], ...] = (
    ("color", "colour"),
    ("favor", "favour"),
    ("favorable", "favourable"),
    ("honor", "honour"),
    ("labor", "labour"),
    ("neighbor", "neighbour"),
    ("neighboring", "neighbouring"),
    ("behavior", "behaviour"),
    ("center", "centre"),
    ("liter", "litre"),
    ("organization", "organisation"),
    ("organize", "organise"),
    ("organized", "organised"),
    ("realize", "realise"),
    ("realized", "realised"),
    ("recognize", "recognise"),
    ("recognized", "recognised"),
    ("modernize", "modernise"),
    ("modernization", "modernisation"),
    ("prioritize", "prioritise"),
    ("utilize", "utilise"),
    ("mobilize", "mobilise"),
    ("mobilized", "mobilised"),
    ("mobilization", "mobilisation"),
    ("analyze", "analyse"),
    ("analyzed", "analysed"),
    ("optimize", "optimise"),
    ("digitize", "digitise"),
    ("digitization", "digitisation"),
    ("industrialization", "industrialisation"),
    ("urbanization", "urbanisation"),
    ("globalization", "globalisation"),
    ("privatization", "privatisation"),
    ("standardize", "standardise"),
    ("emphasize", "emphasise"),
    ("defense", "defence"),
    ("traveled", "travelled"),
    ("traveling", "travelling"),
    ("canceled", "cancelled"),
    ("fulfill", "fulfil"),
    ("enrollment", "enrolment"),
    ("catalog", "catalogue"),
    ("gray", "grey"),
    ("aluminum", "aluminium"),
    ("pediatric", "paediatric"),
    ("skeptical", "sceptical"),
    ("jewelry", "jewellery"),
    ("aging", "ageing"),
)
_US_ONLY: tuple[tuple[str, str], ...] = (("program", "programme"),)
# Plural and -s forms of each listed word count too.
_SUFFIXES = r"(?:s|es)?"


def _pattern(words: list[str]) -> re.Pattern[str]:
    listed = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(rf"\b({listed}){_SUFFIXES}\b", re.IGNORECASE)


_UK_WORDS = {uk: us for us, uk in _SPELLINGS + _US_ONLY}
_US_WORDS = {us: uk for us, uk in _SPELLINGS}
_UK_RE = _pattern(list(_UK_WORDS))
_US_RE = _pattern(list(_US_WORDS))


def _match_case(model: str, word: str) -> str:
    return word.capitalize() if model[:1].isupper() else word


class SpellingVariant(Check):
    id = "spelling-variant"
    name = {"vi": "Chính tả Anh-Mỹ, Anh-Anh", "en": "US/UK spelling"}
    description = {
        "vi": "Bản dịch dùng chính tả khác biến thể tiếng Anh của đối tác (english_variant): "
        "color/colour, organization/organisation, center/centre, defense/defence...",
        "en": "The target spells a word the other variety's way than the partner's English "
        "(english_variant): color/colour, organization/organisation, center/centre, "
        "defense/defence...",
    }
    category = Category.STYLE
    default_severity = Severity.WARNING

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        variant = context.partner_settings.get("english_variant")
        if variant not in ("US", "UK"):
            return
        pattern, table = (_UK_RE, _UK_WORDS) if variant == "US" else (_US_RE, _US_WORDS)
        text, _ = plain_with_offsets(unit.target)
        for match in pattern.finditer(text):
            found = match.group(0)
            wanted = (
                _match_case(found, table[match.group(1).lower()]) + found[len(match.group(1)) :]
            )
            yield self.finding(
                f"Chính tả {variant}: viết '{wanted}' thay vì '{found}'.",
                f"{variant} spelling: write '{wanted}', not '{found}'.",
                target_span=stored_span(unit.target, match.start(), match.end()),
                offending=found,
            )


# Names that keep their own spelling whatever the house style.
_FIXED_NAMES = (
    "Viet Nam News",
    "Vietnam News Agency",
    "Vietnam Airlines",
    "VietnamPlus",
    "Vietnam Television",
    "Communist Party of Vietnam",
    "Vietnam National University",
)
_VIETNAM_RE = re.compile(r"\bViet\s?Nam\b|\bVietnam\b(?!ese)", re.IGNORECASE)


class CountryName(Check):
    id = "country-name"
    name = {"vi": "Cách viết tên nước", "en": "Country name style"}
    description = {
        "vi": "Tên nước viết khác cách đối tác quy định (country_name): 'Vietnam' hoặc "
        "'Viet Nam' (văn bản chính thức). Tên riêng như Vietnam News Agency, Viet Nam News "
        "giữ nguyên.",
        "en": "The country is written otherwise than the partner's setting (country_name): "
        "'Vietnam' or 'Viet Nam' (official documents). Names such as Vietnam News Agency "
        "and Viet Nam News keep their spelling.",
    }
    category = Category.STYLE
    default_severity = Severity.WARNING

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        wanted = context.partner_settings.get("country_name")
        if wanted not in ("Vietnam", "Viet Nam"):
            return
        text, _ = plain_with_offsets(unit.target)
        fixed = [
            (m.start(), m.end())
            for name in _FIXED_NAMES
            for m in re.finditer(re.escape(name), text)
        ]
        for match in _VIETNAM_RE.finditer(text):
            found = match.group(0)
            if found == wanted or any(s <= match.start() < e for s, e in fixed):
                continue
            yield self.finding(
                f"Đối tác viết tên nước là '{wanted}', không phải '{found}'.",
                f"The partner writes the country as '{wanted}', not '{found}'.",
                target_span=stored_span(unit.target, match.start(), match.end()),
                offending=found,
            )


class NameDiacritics(Check):
    id = "name-diacritics"
    name = {"vi": "Dấu trong tên người", "en": "Diacritics in personal names"}
    description = {
        "vi": "Tên người Việt trong bản dịch giữ hay bỏ dấu khác quy định của đối tác "
        "(name_diacritics): 'Nguyễn Văn An' (giữ) hoặc 'Nguyen Van An' (bỏ dấu).",
        "en": "A Vietnamese personal name in the target keeps or drops its diacritics "
        "against the partner's setting (name_diacritics): 'Nguyễn Văn An' (keep) or "
        "'Nguyen Van An' (strip).",
    }
    category = Category.STYLE
    default_severity = Severity.WARNING

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        setting = context.partner_settings.get("name_diacritics")
        if setting not in ("keep", "strip"):
            return
        target = nfc(plain(unit.target))
        for name in personal_names(unit.source):
            stripped = strip_diacritics(name)
            if stripped == name:
                continue
            if setting == "strip" and name in target:
                yield self.finding(
                    f"Đối tác bỏ dấu tên người: viết '{stripped}' thay vì '{name}'.",
                    f"The partner strips diacritics from names: write '{stripped}', not '{name}'.",
                    offending=name,
                )
            elif setting == "keep" and re.search(rf"\b{re.escape(stripped)}\b", target):
                yield self.finding(
                    f"Đối tác giữ dấu tên người: viết '{name}' thay vì '{stripped}'.",
                    f"The partner keeps diacritics in names: write '{name}', not '{stripped}'.",
                    offending=name,
                )


_ORDERS = {"month_day_year": "mdy", "day_month_year": "dmy"}
_EXAMPLES = {"mdy": "August 9, 2022", "dmy": "9 August 2022"}


class DateStyle(Check):
    id = "date-style"
    name = {"vi": "Thứ tự ngày tháng", "en": "Date style"}
    description = {
        "vi": "Ngày trong bản dịch viết theo thứ tự khác quy định của đối tác (date_style): "
        "August 9, 2022 (tháng trước ngày) hoặc 9 August 2022 (ngày trước tháng).",
        "en": "A date of the target is in another order than the partner's setting "
        "(date_style): August 9, 2022 (month first) or 9 August 2022 (day first).",
    }
    category = Category.STYLE
    default_severity = Severity.WARNING

    def run(self, unit: Unit, context: QAContext) -> Iterator[Finding]:
        wanted = _ORDERS.get(str(context.partner_settings.get("date_style", "")))
        if wanted is None:
            return
        seen: set[tuple[int, int]] = set()
        for item in comparison(unit, context).target.dates:
            if item.order and item.order != wanted and (item.start, item.end) not in seen:
                seen.add((item.start, item.end))
                yield self.finding(
                    f"Đối tác viết ngày kiểu '{_EXAMPLES[wanted]}', không phải '{item.text}'.",
                    f"The partner writes dates as '{_EXAMPLES[wanted]}', not '{item.text}'.",
                    target_span=(item.start, item.end),
                    offending=item.text,
                )
