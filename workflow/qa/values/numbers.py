"""Numbers in Vietnamese and English text, read as values with their scale, unit and currency.

A run of digits and separators is read by the rules of its locale. Vietnamese groups
thousands with dots and marks decimals with a comma ("1.000,5"); English the other way
("1,000.5"). Parsed as English, "6,5" silently becomes 65 (the main complaint about
locale-blind checkers), so each run is read by its own text's rules, with every reading
the locale allows kept as a candidate: Vietnamese writers sometimes follow the English
habit, so "2,125" in a Vietnamese text may be 2.125 or 2125. An English run only a
Vietnamese reading explains ("6,5", "1.000.000") is marked ``foreign``: left like that, an
English reader misreads it.

After the digits come the scale word (nghìn/ngàn, triệu, tỷ/tỉ, nghìn tỷ; thousand, million,
billion, trillion, bn, tn), the unit (%, phần trăm, percent, per cent; điểm phần trăm,
percentage points) and the currency (đồng, đ, VNĐ, ₫, VND, USD, US$, ...), which may also
stand before the number ("VND1,000 billion", "US$5").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from workflow.qa.values.model import NumberUnit, Quantity
from workflow.qa.values.words import (
    AMBIGUOUS_ABBREVIATIONS,
    EN_CURRENCIES,
    EN_FOLD_RE,
    EN_MULTIPLIERS,
    EN_ONE_OF_UNITS,
    EN_ORDINAL_TENS,
    EN_ORDINAL_UNITS,
    EN_SCALE_ABBREVIATIONS,
    EN_SCALES,
    EN_TENS,
    EN_UNITS,
    VI_CURRENCIES,
    VI_DIGITS,
    VI_FILLERS,
    VI_SCALE_WORDS,
    VI_SCALES,
    VI_TENS_WORDS,
    roman_value,
)

RUN_RE = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*")

_DIGIT_RE = re.compile(r"\d")


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


# "tỷ lệ" (ratio), "tỷ trọng" (share), "triệu chứng" (symptom), "triệu tập" (convene): words.
_VI_SCALE_RE = re.compile(
    rf"\s*({_alternation([w for w, _ in VI_SCALES])})(?![^\W\d_])"
    r"(?!\s+(?:lệ|trọng|phú|chứng|tập|hồi)(?![^\W\d_]))",
    re.IGNORECASE,
)
_VI_SCALE_POWERS = dict(VI_SCALES)
_EN_SCALE_RE = re.compile(
    rf"(?:\s*({_alternation(list(EN_SCALES))})|\s?(bn|tn|trn|mn|mln)|(m|k|b))(?![^\W\d_])",
    re.IGNORECASE,
)
_VI_CURRENCY_CODES = dict(VI_CURRENCIES)
_EN_CURRENCY_CODES = {word.lower(): code for word, code in EN_CURRENCIES}
_VI_CURRENCY_AFTER_RE = re.compile(
    rf"\s*({_alternation([w for w, _ in VI_CURRENCIES])})(?![^\W\d_])"
)
_EN_CURRENCY_AFTER_RE = re.compile(
    rf"\s*({_alternation([w for w, _ in EN_CURRENCIES])})(?![^\W\d_])", re.IGNORECASE
)
# Signs and codes written before the number: "US$5", "$5", "VND1,000", "USD 40".
_CURRENCY_BEFORE = (
    "US$",
    "USD",
    "VND",
    "VNĐ",
    "EUR",
    "GBP",
    "JPY",
    "CNY",
    "RMB",
    "$",
    "€",
    "£",
    "¥",
)
_CURRENCY_BEFORE_CODES = {
    "US$": "USD",
    "USD": "USD",
    "VND": "VND",
    "VNĐ": "VND",
    "EUR": "EUR",
    "GBP": "GBP",
    "JPY": "JPY",
    "CNY": "CNY",
    "RMB": "CNY",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
}
_VI_PERCENT_RE = re.compile(r"\s*(điểm phần trăm|điểm %|%|phần trăm)", re.IGNORECASE)
_EN_PERCENT_RE = re.compile(
    r"\s*(percentage[ -]points?|percent(?:age)? points?|pct points?|pp|ppt|%|per ?cent|pct)"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)
_EN_ORDINAL_SUFFIX_RE = re.compile(r"(st|nd|rd|th)(?![^\W\d_])", re.IGNORECASE)
_UNIT_LETTERS_RE = re.compile(r"[^\W\d_]+\d?")
_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_ROMAN_TOKEN_RE = re.compile(r"(?<![\w.])[IVXLCDM]+(?![\w])")
# Before a Roman numeral in Vietnamese: "khóa XIII", "Đại hội XIV", "quý I", "kỳ họp thứ V".
_VI_ROMAN_CONTEXT_RE = re.compile(
    r"(?:khóa|khoá|đại hội|hội nghị|quý|kỳ|kì|phần|chương|mục|thế kỷ|thế kỉ|lần thứ|thứ|"
    r"nhiệm kỳ|giai đoạn|phụ lục)\s*$",
    re.IGNORECASE,
)


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _grouped(groups: list[str]) -> bool:
    """Thousands groups: 1-3 digits, then groups of exactly 3."""
    return 1 <= len(groups[0]) <= 3 and all(len(group) == 3 for group in groups[1:])


def vi_readings(run: str) -> frozenset[Decimal]:
    """The values a run of digits may have in a Vietnamese text (empty: not a number)."""
    dots, commas = run.count("."), run.count(",")
    if not dots and not commas:
        return frozenset({Decimal(run)})
    readings: set[Decimal] = set()
    if dots and commas:
        last = max(run.rfind("."), run.rfind(","))
        whole, fraction = run[:last], run[last + 1 :]
        if run[last] == "," and _grouped(whole.split(".")):
            readings.add(Decimal(whole.replace(".", "") + "." + fraction))
        elif run[last] == "." and _grouped(whole.split(",")):
            readings.add(Decimal(whole.replace(",", "") + "." + fraction))
    elif dots:
        groups = run.split(".")
        if _grouped(groups):
            readings.add(Decimal("".join(groups)))
        elif dots == 1:
            readings.add(Decimal(run))
    else:
        groups = run.split(",")
        # "2,5" is 2.5; "2,125" may be 2.125 or 2125; "2,500" or "1,000" (a decimal
        # ending in zero) is only the English habit of grouping thousands.
        if commas == 1 and not (_grouped(groups) and groups[1].endswith("0")):
            readings.add(Decimal(run.replace(",", ".")))
        if _grouped(groups):
            readings.add(Decimal("".join(groups)))
    return frozenset(readings)


def en_readings(run: str) -> tuple[frozenset[Decimal], bool]:
    """The values of a run in an English text, and whether only a Vietnamese reading
    explains it (foreign: "6,5", "1.000.000", "1.000,5")."""
    dots, commas = run.count("."), run.count(",")
    if not dots and not commas:
        return frozenset({Decimal(run)}), False
    if commas and dots:
        last = max(run.rfind("."), run.rfind(","))
        if run[last] == "." and _grouped(run[:last].split(",")):
            return frozenset({Decimal(run.replace(",", ""))}), False
    elif commas:
        if _grouped(run.split(",")):
            return frozenset({Decimal(run.replace(",", ""))}), False
    elif dots == 1:
        return frozenset({Decimal(run)}), False
    vietnamese = vi_readings(run)
    return vietnamese, bool(vietnamese)


def _scaled(mantissas: frozenset[Decimal], power: int) -> frozenset[Decimal]:
    if not power:
        return mantissas
    return frozenset(m.scaleb(power) for m in mantissas)


def _normal(values: frozenset[Decimal] | set[Decimal]) -> frozenset[Decimal]:
    """Values as a set; equal values compare and hash equal whatever their exponent
    (Decimal("1.0") == Decimal(1)), so no normalising is needed."""
    return frozenset(values)


def _currency_before(text: str, start: int, codes: dict[str, str]) -> tuple[str, int]:
    """(ISO code, where the sign starts) of a currency written right before start."""
    before = text[max(0, start - 4) : start]
    stripped = before.rstrip()
    for sign in _CURRENCY_BEFORE:
        if stripped.endswith(sign):
            sign_start = start - (len(before) - len(stripped)) - len(sign)
            preceding = text[sign_start - 1] if sign_start > 0 else " "
            if sign[0].isalpha() and preceding.isalpha():
                continue  # "...USD" inside a word
            if len(before) - len(stripped) > 1:
                continue
            return codes[sign], sign_start
    return "", start


def _digit_quantities(text: str, lang: str) -> Iterator[Quantity]:
    vietnamese = lang == "vi"
    for match in RUN_RE.finditer(text):
        start, end = match.span()
        if start > 0 and text[start - 1].isalpha():
            code, _ = _currency_before(text, start, _CURRENCY_BEFORE_CODES)
            if not code:
                continue  # a name's digits (masked already) or a glued word
        run = match.group(0)
        if vietnamese:
            mantissas, foreign = vi_readings(run), False
        else:
            mantissas, foreign = en_readings(run)
        if not mantissas:
            continue
        power, ambiguous_scale, ordinal = 0, False, False
        cursor = end
        scale_match = (_VI_SCALE_RE if vietnamese else _EN_SCALE_RE).match(text, cursor)
        if scale_match:
            if vietnamese:
                power = _VI_SCALE_POWERS[scale_match.group(1).lower()]
            else:
                word = next(g for g in scale_match.groups() if g).lower()
                power = EN_SCALES.get(word) or EN_SCALE_ABBREVIATIONS[word]
                ambiguous_scale = word in AMBIGUOUS_ABBREVIATIONS
            cursor = scale_match.end()
        elif not vietnamese:
            suffix = _EN_ORDINAL_SUFFIX_RE.match(text, cursor)
            if suffix:
                ordinal, cursor = True, suffix.end()
        unit = NumberUnit.NONE
        percent = (_VI_PERCENT_RE if vietnamese else _EN_PERCENT_RE).match(text, cursor)
        if percent:
            word = percent.group(1).lower()
            points = "điểm" in word or "point" in word or word in ("pp", "ppt")
            unit = NumberUnit.POINTS if points else NumberUnit.PERCENT
            cursor = percent.end()
        currency, first = _currency_before(text, start, _CURRENCY_BEFORE_CODES)
        if not currency:
            after = (_VI_CURRENCY_AFTER_RE if vietnamese else _EN_CURRENCY_AFTER_RE).match(
                text, cursor
            )
            if after:
                sign = after.group(1)
                codes = _VI_CURRENCY_CODES if vietnamese else _EN_CURRENCY_CODES
                currency = codes.get(sign if vietnamese else sign.lower(), "")
                cursor = after.end()
        if not scale_match and not ordinal and not percent:
            units = _UNIT_LETTERS_RE.match(text, cursor)  # "50m2", "5G": a unit, not a number
            if units and units.start() == cursor:
                cursor = units.end()
        values = _scaled(mantissas, power)
        if ambiguous_scale:
            values |= _normal(mantissas)
        yield Quantity(
            start=first,
            end=cursor,
            text=text[first:cursor],
            values=values,
            mantissas=_normal(mantissas),
            scale=power,
            unit=unit,
            currency=currency,
            foreign=foreign,
            ordinal=ordinal,
        )


def _en_word_value(words: list[str]) -> tuple[Decimal | None, bool]:
    """The value of a run of English number words ("twenty one", "a hundred", "two
    million", "thirteenth"; hyphens are already separators) and whether it is an ordinal;
    None if it is not a number."""
    total, current, seen, ordinal = Decimal(0), Decimal(0), False, False
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        if word == "a":
            if following == "hundred" or following in EN_SCALES:
                current, seen = Decimal(1), True
            continue
        if word == "and":
            continue
        if word in EN_UNITS:
            current += EN_UNITS[word]
        elif word in EN_TENS:
            current += EN_TENS[word]
        elif word in EN_ORDINAL_UNITS:
            current += EN_ORDINAL_UNITS[word]
            ordinal = True
        elif word == "hundredth":
            current = (current or 1) * 100
            ordinal = True
        elif word in EN_ORDINAL_TENS:
            current += EN_ORDINAL_TENS[word]
            ordinal = True
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in EN_SCALES:
            total += (current or 1) * (Decimal(10) ** EN_SCALES[word])
            current = Decimal(0)
        else:
            return None, False
        seen = True
    return (total + current) if seen else None, ordinal


_EN_NUMBER_WORDS = (
    set(EN_UNITS)
    | set(EN_TENS)
    | set(EN_ORDINAL_UNITS)
    | set(EN_ORDINAL_TENS)
    | set(EN_SCALES)
    | {"a", "and"}
)
_EN_ORDINAL_WORDS = set(EN_ORDINAL_UNITS) | set(EN_ORDINAL_TENS)
_PLAIN_WORD_RE = re.compile(r"[^\W\d_]+")
_DENOMINATORS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "quarter": 4,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
_EN_FRACTION_RE = re.compile(
    r"\b(a|one|two|three|four|five|six|seven|eight|nine)[\s-]+"
    r"(half|halves|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b",
    re.IGNORECASE,
)


def fraction_values(numerator: int, denominator: int) -> frozenset[Decimal]:
    """A fraction as a share and as a percentage (whole and to one decimal)."""
    share = Decimal(numerator) / Decimal(denominator)
    percent = share * 100
    return _normal({share, percent.quantize(Decimal(1)), percent.quantize(Decimal("0.1"))})


def _en_fractions(text: str) -> Iterator[Quantity]:
    for match in _EN_FRACTION_RE.finditer(text):
        numerator_word = match.group(1).lower()
        numerator = 1 if numerator_word == "a" else EN_UNITS[numerator_word]
        denominator_word = match.group(2).lower()
        denominator = _DENOMINATORS[denominator_word.removesuffix("s")]
        if denominator_word == "halves":
            denominator = 2
        yield Quantity(
            match.start(),
            match.end(),
            match.group(0),
            fraction_values(numerator, denominator),
            soft=True,
        )


def _en_word_quantities(text: str) -> Iterator[Quantity]:
    fractions = list(_en_fractions(text))
    yield from fractions
    taken = [(f.start, f.end) for f in fractions]
    words = [
        w for w in _PLAIN_WORD_RE.finditer(text) if not any(s <= w.start() < e for s, e in taken)
    ]
    index = 0
    while index < len(words):
        match = words[index]
        word = match.group(0).lower()
        single = EN_MULTIPLIERS.get(word)
        fold = EN_FOLD_RE.fullmatch(text, match.start(), _fold_end(text, match.end()))
        if single or fold:
            if fold:
                base = fold.group(1).lower()
                single = (Decimal(100 if base == "hundred" else EN_UNITS[base]),)
                end_offset = fold.end()
            else:
                end_offset = match.end()
            yield Quantity(
                match.start(),
                end_offset,
                text[match.start() : end_offset],
                _normal(set(single or ())),
                soft=True,
            )
            while index < len(words) and words[index].start() < end_offset:
                index += 1
            continue
        if word in ("a", "an") and index + 1 < len(words):
            following = words[index + 1].group(0).lower()
            if following in EN_ONE_OF_UNITS or following.removesuffix("s") in EN_ONE_OF_UNITS:
                yield Quantity(
                    match.start(), match.end(), match.group(0), frozenset({Decimal(1)}), soft=True
                )
                index += 1
                continue
        if word not in _EN_NUMBER_WORDS or word == "and":
            index += 1
            continue
        end = index
        while (
            end + 1 < len(words)
            and _continues(words[end].group(0).lower(), words[end + 1].group(0).lower())
            and text[words[end].end() : words[end + 1].start()].strip() in ("", "-")
        ):
            end += 1
        run = [w.group(0).lower() for w in words[index : end + 1]]
        while run and run[-1] in ("a", "and"):
            run.pop()
            end -= 1
        value, ordinal = _en_word_value(run) if run else (None, False)
        if value is not None:
            counted_a = len(run) > 1 and (run[1] == "hundred" or run[1] in EN_SCALES)
            first = index + 1 if run[0] == "a" and not counted_a else index
            start_offset, end_offset = words[first].start(), words[end].end()
            yield Quantity(
                start_offset,
                end_offset,
                text[start_offset:end_offset],
                _normal({value}),
                soft=True,
                ordinal=ordinal,
            )
        index = max(end, index) + 1


_EN_SMALL = set(EN_UNITS)
_EN_AFTER_TENS = set(EN_UNITS) - {"zero", *(w for w, v in EN_UNITS.items() if v >= 10)}


def _continues(previous: str, word: str) -> bool:
    """Whether word carries on the number previous is part of: "twenty one", "two
    hundred", "a million" do; "ten forty" (a time), "first seven" (an ordinal, then a
    count) and "one two" do not."""
    if word not in _EN_NUMBER_WORDS or previous in _EN_ORDINAL_WORDS:
        return False
    if previous in ("a", "and"):
        return word != "and"
    if word in ("hundred", "hundredth") or word in EN_SCALES:
        return True
    if word == "and":
        return previous in ("hundred", *EN_SCALES)
    if previous in EN_TENS:
        return word in _EN_AFTER_TENS or word in EN_ORDINAL_UNITS
    if previous in ("hundred", *EN_SCALES):
        return word in _EN_SMALL or word in EN_TENS or word in _EN_ORDINAL_WORDS
    return False


def _fold_end(text: str, end: int) -> int:
    """Where "two-fold" / "two fold" ends, for the fold pattern to see both parts."""
    following = re.match(r"[\s-]?fold\b", text[end:], re.IGNORECASE)
    return end + following.end() if following else end


def _vi_word_value(words: list[str]) -> Decimal:
    total, group, digit = Decimal(0), Decimal(0), None
    for word in words:
        if word in VI_DIGITS:
            if digit is not None:
                group += digit
            digit = Decimal(VI_DIGITS[word])
        elif word == "mười":
            group += 10 + (digit or 0)
            digit = None
        elif word in VI_TENS_WORDS:
            group += (digit if digit is not None else 1) * 10
            digit = None
        elif word in VI_FILLERS:
            continue
        elif word == "trăm":
            group += (digit if digit is not None else 1) * 100
            digit = None
        else:
            power = Decimal(10) ** VI_SCALE_WORDS[word]
            amount = group + (digit or 0)
            if amount == 0 and total > 0:
                total *= power
            else:
                total += (amount or 1) * power
            group, digit = Decimal(0), None
    return total + group + (digit or 0)


_VI_NUMBER_WORDS = set(VI_DIGITS) | VI_TENS_WORDS | VI_FILLERS | set(VI_SCALE_WORDS)


def _vi_word_quantities(text: str) -> Iterator[Quantity]:
    words = list(_WORD_RE.finditer(text))
    index = 0
    while index < len(words):
        if words[index].group(0).lower() not in _VI_NUMBER_WORDS:
            index += 1
            continue
        end = index
        while (
            end + 1 < len(words)
            and words[end + 1].group(0).lower() in _VI_NUMBER_WORDS
            and not text[words[end].end() : words[end + 1].start()].strip()
        ):
            end += 1
        run = [w.group(0).lower() for w in words[index : end + 1]]
        values = {_vi_word_value(run)} | {Decimal(VI_DIGITS[w]) for w in run if w in VI_DIGITS}
        start_offset, end_offset = words[index].start(), words[end].end()
        yield Quantity(
            start_offset, end_offset, text[start_offset:end_offset], _normal(values), soft=True
        )
        index = end + 1


def _roman_quantities(text: str, lang: str) -> Iterator[Quantity]:
    for match in _ROMAN_TOKEN_RE.finditer(text):
        token = match.group(0)
        value = roman_value(token)
        if value is None:
            continue
        if lang == "vi":
            in_context = _VI_ROMAN_CONTEXT_RE.search(
                text[max(0, match.start() - 20) : match.start()]
            )
            if len(token) < 2 and not in_context:
                continue
            soft = False
        else:
            if len(token) < 2:
                continue  # "I" is a pronoun, "V" and "X" letters
            soft = True
        yield Quantity(
            match.start(),
            match.end(),
            token,
            frozenset({Decimal(value)}),
            soft=soft,
            ordinal=True,
        )


_ROMAN_LETTERS = frozenset("IVXLCDM")
_FRACTION_RE = re.compile(r"(?<![\d/.,])([1-9])/([2-9]|10)(?![\d/.,]?\d)")


def _fractions(text: str) -> list[Quantity]:
    """Small fractions written with a slash ("3/4 doanh nghiệp", "1/3 số hồ sơ")."""
    found = []
    for match in _FRACTION_RE.finditer(text):
        numerator, denominator = int(match.group(1)), int(match.group(2))
        if numerator < denominator:
            found.append(
                Quantity(
                    match.start(),
                    match.end(),
                    match.group(0),
                    fraction_values(numerator, denominator),
                    parts=frozenset({Decimal(numerator), Decimal(denominator)}),
                )
            )
    return found


def _blanked(text: str, items: list[Quantity]) -> str:
    if not items:
        return text
    chars = list(text)
    for item in items:
        chars[item.start : item.end] = "\x00" * (item.end - item.start)
    return "".join(chars)


def find_numbers(text: str, lang: str) -> tuple[list[Quantity], str]:
    """The numbers of text written with digits or Roman numerals (already masked where
    dates, codes and names were), in order, and the text with them blanked too, where
    number words are read (``find_number_words``) when a comparison needs them."""
    digits = _DIGIT_RE.search(text) is not None
    fractions = _fractions(text) if digits and "/" in text else []
    text = _blanked(text, fractions)
    found = fractions
    if digits:
        found = found + list(_digit_quantities(text, lang))
    if not _ROMAN_LETTERS.isdisjoint(text):
        found += _roman_quantities(text, lang)
    found.sort(key=lambda q: q.start)
    return found, _blanked(text, found)


@lru_cache(maxsize=16384)
def find_number_words(masked: str, lang: str) -> tuple[Quantity, ...]:
    """Numbers written as words (soft), in the text ``find_numbers`` left."""
    words = _vi_word_quantities(masked) if lang == "vi" else _en_word_quantities(masked)
    return tuple(words)


@lru_cache(maxsize=16384)
def find_currencies(text: str, lang: str) -> frozenset[str]:
    """Every currency the text names, with or without a number beside it."""
    if lang == "vi":
        pattern, codes, fold = _VI_CURRENCY_AFTER_RE, _VI_CURRENCY_CODES, False
    else:
        pattern, codes, fold = _EN_CURRENCY_AFTER_RE, _EN_CURRENCY_CODES, True
    found = set()
    for match in pattern.finditer(text):
        sign = match.group(1)
        start = match.start(1)
        if sign[0].isalpha() and start > 0 and text[start - 1].isalpha():
            continue
        if sign in ("đ", "$") and lang == "vi" and not re.search(r"\d\s?$", text[:start]):
            continue  # "đ" alone is a letter; a bare "$" a symbol
        code = codes.get(sign.lower() if fold else sign)
        if code:
            found.add(code)
    for sign in ("US$", "$", "€", "£", "¥"):
        if sign in text:
            found.add(_CURRENCY_BEFORE_CODES[sign])
    return frozenset(found)
