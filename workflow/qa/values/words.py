"""The word tables of the value parser: number words, scale words, months, currencies.

English number words go from one to ninety-nine with "a hundred", the scale words and
"dozen" (12: "a dozen" is how English renders "một tá" or a plain "12" in speech and
news alike; "dozens" is vague, like "hàng chục", and has no value). Multiplicatives
("twice", "double", "threefold") carry the value of "gấp 2 lần"; "half" stands for 0.5
and for 50 (per cent). Vietnamese number words are read too: "ba người" may become
"3 people", and a digit in the English target must then find its source.
"""

from __future__ import annotations

import re
from decimal import Decimal

EN_UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
EN_TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
EN_ORDINAL_UNITS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
}
EN_ORDINAL_TENS: dict[str, int] = {
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
}
# Words that multiply ("gấp 2 lần" = twice, double), and other single-word values.
EN_MULTIPLIERS: dict[str, tuple[Decimal, ...]] = {
    "once": (Decimal(1),),
    "twice": (Decimal(2),),
    "double": (Decimal(2),),
    "doubled": (Decimal(2),),
    "doubling": (Decimal(2),),
    "triple": (Decimal(3),),
    "tripled": (Decimal(3),),
    "tripling": (Decimal(3),),
    "treble": (Decimal(3),),
    "trebled": (Decimal(3),),
    "thrice": (Decimal(3),),
    "quadruple": (Decimal(4),),
    "quadrupled": (Decimal(4),),
    "half": (Decimal("0.5"), Decimal(50)),
    "halved": (Decimal("0.5"), Decimal(50)),
    "dozen": (Decimal(12),),
}
# Vietnamese counts weekdays: "thứ 2" (thứ Hai) is Monday, "thứ 6" Friday; a weekday in
# the target may stand for such a number.
EN_WEEKDAYS: dict[str, int] = {
    "monday": 2,
    "tuesday": 3,
    "wednesday": 4,
    "thursday": 5,
    "friday": 6,
    "saturday": 7,
}
for _weekday, _number in EN_WEEKDAYS.items():
    EN_MULTIPLIERS[_weekday] = (Decimal(_number),)
# "a"/"an" before these is "1" ("1 năm" = a year, "1 tiếng" = an hour).
EN_ONE_OF_UNITS = frozenset(
    "hour year day week month minute second decade century time kilometre kilometer "
    "metre meter tonne ton litre liter hectare person quarter".split()
)
EN_FOLD_RE = re.compile(
    r"(one|two|three|four|five|six|seven|eight|nine|ten|hundred)[- ]?fold", re.IGNORECASE
)
EN_SCALES: dict[str, int] = {
    "hundred": 2,
    "thousand": 3,
    "million": 6,
    "billion": 9,
    "trillion": 12,
}
# Scale abbreviations written right after a number ("VND1.2tn", "$3m"). "m" and "k" are
# also metres and kilo-: a number with them may be read at scale 0 as well.
EN_SCALE_ABBREVIATIONS: dict[str, int] = {
    "k": 3,
    "m": 6,
    "mn": 6,
    "mln": 6,
    "bn": 9,
    "b": 9,
    "tn": 12,
    "trn": 12,
}
AMBIGUOUS_ABBREVIATIONS = frozenset({"k", "m", "b"})

VI_DIGITS: dict[str, int] = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "nhất": 1,
    "hai": 2,
    "nhì": 2,
    "đôi": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "nhăm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
}
VI_TENS_WORDS = frozenset({"mười", "mươi", "chục"})
VI_FILLERS = frozenset({"linh", "lẻ"})
VI_SCALE_WORDS: dict[str, int] = {"trăm": 2, "nghìn": 3, "ngàn": 3, "triệu": 6, "tỷ": 9, "tỉ": 9}

# After a Vietnamese number: the scale words, longest first ("nghìn tỷ" before "nghìn").
VI_SCALES: tuple[tuple[str, int], ...] = (
    ("nghìn tỷ", 12),
    ("ngàn tỷ", 12),
    ("nghìn tỉ", 12),
    ("ngàn tỉ", 12),
    ("triệu tỷ", 15),
    ("nghìn", 3),
    ("ngàn", 3),
    ("triệu", 6),
    ("tỷ", 9),
    ("tỉ", 9),
)

EN_MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# "tháng Tám", "tháng Mười Một", "tháng Chạp": months as words, longest first.
VI_MONTH_WORDS: tuple[tuple[str, int], ...] = (
    ("mười một", 11),
    ("mười hai", 12),
    ("giêng", 1),
    ("chạp", 12),
    ("một", 1),
    ("hai", 2),
    ("ba", 3),
    ("tư", 4),
    ("năm", 5),
    ("sáu", 6),
    ("bảy", 7),
    ("tám", 8),
    ("chín", 9),
    ("mười", 10),
)

# Currency words and signs, longest first within a language, with the ISO code.
VI_CURRENCIES: tuple[tuple[str, str], ...] = (
    ("đô la Mỹ", "USD"),
    ("đô-la Mỹ", "USD"),
    ("đô la", "USD"),
    ("đôla", "USD"),
    ("nhân dân tệ", "CNY"),
    ("bảng Anh", "GBP"),
    ("đồng", "VND"),
    ("VNĐ", "VND"),
    ("VND", "VND"),
    ("vnđ", "VND"),
    ("vnd", "VND"),
    ("₫", "VND"),
    ("đ", "VND"),
    ("US$", "USD"),
    ("USD", "USD"),
    ("$", "USD"),
    ("EUR", "EUR"),
    ("euro", "EUR"),
    ("€", "EUR"),
    ("yên", "JPY"),
    ("JPY", "JPY"),
    ("CNY", "CNY"),
    ("GBP", "GBP"),
    ("won", "KRW"),
    ("KRW", "KRW"),
    ("bạt", "THB"),
    ("baht", "THB"),
    ("THB", "THB"),
)
EN_CURRENCIES: tuple[tuple[str, str], ...] = (
    ("US dollars", "USD"),
    ("US dollar", "USD"),
    ("dollars", "USD"),
    ("dollar", "USD"),
    ("US$", "USD"),
    ("USD", "USD"),
    ("$", "USD"),
    ("VND", "VND"),
    ("VNĐ", "VND"),
    ("dong", "VND"),
    ("đồng", "VND"),
    ("₫", "VND"),
    ("EUR", "EUR"),
    ("euros", "EUR"),
    ("euro", "EUR"),
    ("€", "EUR"),
    ("JPY", "JPY"),
    ("yen", "JPY"),
    ("¥", "JPY"),
    ("CNY", "CNY"),
    ("RMB", "CNY"),
    ("yuan", "CNY"),
    ("GBP", "GBP"),
    ("pounds", "GBP"),
    ("£", "GBP"),
    ("KRW", "KRW"),
    ("won", "KRW"),
    ("THB", "THB"),
    ("baht", "THB"),
)

_ROMAN_RE = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_value(token: str) -> int | None:
    """The value of an upper-case Roman numeral (XIII: 13), None if it is not one."""
    if not token or not _ROMAN_RE.fullmatch(token):
        return None
    total = 0
    for index, char in enumerate(token):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[token[index + 1]] if index + 1 < len(token) else 0
        total += -value if value < following else value
    return total
