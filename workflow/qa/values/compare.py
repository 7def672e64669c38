"""Source and target compared as values: what the number, date and identifier checks report.

A source number is found when some target number has one of its values (any reading of
either side; words count on the target side); a target number written in digits is added
when nothing in the source has its value. Repeats are not counted: "2022 … 2022" is
satisfied by one "2022", because English often says "this year" the second time.

Dates match when every field both sides state agrees (a numeric English date may be read
either way round; the ambiguity is its own finding) and they share at least two fields, or
all the fields the shorter one has ("August 9" matches 9/8/2022; "August 2023" does not
match 9/8/2022). A source date left without a target date is still found when the target
states no other date and says its day and year as numbers ("the 9th", "in 2022"). Times
match in minutes, modulo 12 hours when either side leaves the half of the day open.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from workflow.qa.values.extract import extract
from workflow.qa.values.model import DateValue, Extraction, Identifier, Quantity, TimeValue


@dataclass(frozen=True)
class Comparison:
    """What differs between a source and a target, by kind of value."""

    source: Extraction
    target: Extraction
    missing_numbers: tuple[Quantity, ...] = ()
    added_numbers: tuple[Quantity, ...] = ()
    scale_pairs: tuple[tuple[Quantity, Quantity], ...] = ()
    number_pairs: tuple[tuple[Quantity, Quantity], ...] = ()
    foreign_numbers: tuple[Quantity, ...] = ()
    missing_dates: tuple[DateValue, ...] = ()
    added_dates: tuple[DateValue, ...] = ()
    missing_times: tuple[TimeValue, ...] = ()
    added_times: tuple[TimeValue, ...] = ()
    missing_identifiers: tuple[Identifier, ...] = ()
    added_identifiers: tuple[Identifier, ...] = ()


def _date_parts(item: DateValue) -> set[Decimal]:
    parts = {item.day, item.year, item.quarter}
    values = {Decimal(value) for value in parts if value is not None}
    return values or ({Decimal(item.month)} if item.month else set())


def _all_parts(extraction: Extraction) -> set[Decimal]:
    """Every value a side's dates and times state, months and hours included."""
    values: set[Decimal] = set()
    for item in extraction.dates:
        values |= {Decimal(v) for v in item.fields().values()}
    for time in extraction.times:
        hour, minute = divmod(time.minutes, 60)
        values |= {Decimal(hour), Decimal(hour % 12 or 12)}
        if minute:
            values.add(Decimal(minute))
    return values


def _number_values(extraction: Extraction) -> set[Decimal]:
    return {value for item in extraction.quantities for value in item.values}


def _readings(item: DateValue) -> list[dict[str, int]]:
    """The fields of a target date; an English numeric date also read month first."""
    fields = item.fields()
    if item.numeric and item.day is not None and item.month is not None:
        if item.day <= 12 and item.day != item.month:
            swapped = dict(fields, day=item.month, month=item.day)
            return [fields, swapped]
    return [fields]


def dates_agree(source: DateValue, target: DateValue) -> bool:
    """Every field both state agrees, and they share two fields (or all of the shorter)."""
    mine = source.fields()
    for theirs in _readings(target):
        common = set(mine) & set(theirs)
        if any(mine[name] != theirs[name] for name in common):
            continue
        if len(common) >= min(2, len(mine), len(theirs)):
            return True
    return False


def times_agree(source: TimeValue, target: TimeValue) -> bool:
    if source.minutes == target.minutes:
        return True
    if source.meridiem and target.meridiem:
        return False
    return source.minutes % 720 == target.minutes % 720


def _compare_dates(
    source: Extraction, target: Extraction
) -> tuple[tuple[DateValue, ...], tuple[DateValue, ...]]:
    missing = [s for s in source.dates if not any(dates_agree(s, t) for t in target.dates)]
    added = [t for t in target.dates if not any(dates_agree(s, t) for s in source.dates)]
    if missing and not added:
        pool = _number_values(target)
        missing = [s for s in missing if not _date_parts(s) <= pool]
    if added and not missing:
        pool = _number_values(source)
        added = [t for t in added if not _date_parts(t) <= pool]
    return tuple(missing), tuple(added)


def _compare_times(
    source: Extraction, target: Extraction
) -> tuple[tuple[TimeValue, ...], tuple[TimeValue, ...]]:
    missing = [s for s in source.times if not any(times_agree(s, t) for t in target.times)]
    added = [
        t for t in target.times if not t.named and not any(times_agree(s, t) for s in source.times)
    ]

    def told_as_numbers(time: TimeValue, pool: set[Decimal]) -> bool:
        hour, minute = divmod(time.minutes, 60)
        hours = {Decimal(hour), Decimal(hour % 12 or 12)}
        return bool(hours & pool) and (not minute or Decimal(minute) in pool)

    if missing and not added:
        pool = _number_values(target)
        missing = [s for s in missing if not told_as_numbers(s, pool)]
    if added and not missing:
        pool = _number_values(source)
        added = [t for t in added if not told_as_numbers(t, pool)]
    return tuple(missing), tuple(added)


def _compare_identifiers(
    source: Extraction, target: Extraction
) -> tuple[tuple[Identifier, ...], tuple[Identifier, ...]]:
    source_keys = {(item.kind, item.key) for item in source.identifiers}
    target_keys = {(item.kind, item.key) for item in target.identifiers}
    missing = tuple(i for i in source.identifiers if (i.kind, i.key) not in target_keys)
    added = tuple(i for i in target.identifiers if (i.kind, i.key) not in source_keys)
    return missing, added


def _compare_numbers(source: Extraction, target: Extraction) -> dict[str, tuple]:
    # Number words are read only for what digits leave unexplained (most pairs need none).
    pairs: list[tuple[Quantity, Quantity]] = []
    missing: list[Quantity] = []
    unmatched: list[Quantity] = []
    target_hard = [t for t in target.numbers if not t.soft]
    for item in source.numbers:
        if item.soft:
            continue
        partner = next((t for t in target.numbers if t.values & item.values), None)
        if partner is not None:
            pairs.append((item, partner))
        else:
            unmatched.append(item)
    if unmatched:
        target_words = target.words
        target_parts = _all_parts(target)
        target_pool = _number_values(target) | target_parts
        for item in unmatched:
            partner = next((t for t in target_words if t.values & item.values), None)
            if partner is not None:
                pairs.append((item, partner))
            elif not item.values & target_parts and not (item.parts and item.parts <= target_pool):
                missing.append(item)
    source_digits = {value for item in source.numbers for value in item.values}
    added = [t for t in target_hard if not t.values & source_digits]
    if added:
        source_values = _number_values(source) | _all_parts(source)
        source_values |= {part for item in source.numbers for part in item.parts}
        added = [t for t in added if not t.values & source_values]
    scale_pairs: list[tuple[Quantity, Quantity]] = []
    for item in list(missing):
        partner = next(
            (t for t in added if t.mantissas & item.mantissas and t.scale != item.scale), None
        )
        if partner is not None:
            scale_pairs.append((item, partner))
            missing.remove(item)
            added.remove(partner)
    foreign = tuple(t for t in target_hard if t.foreign)
    pairs.sort(key=lambda pair: pair[0].start)
    return {
        "missing_numbers": tuple(missing),
        "added_numbers": tuple(added),
        "scale_pairs": tuple(scale_pairs),
        "number_pairs": tuple(pairs),
        "foreign_numbers": foreign,
    }


@lru_cache(maxsize=8192)
def compare(
    source: str, target: str, source_lang: str = "vi", target_lang: str = "en"
) -> Comparison:
    """The value differences between a source and its target (cached: several checks ask)."""
    source_values = extract(source, source_lang)
    target_values = extract(target, target_lang)
    missing_dates, added_dates = _compare_dates(source_values, target_values)
    missing_times, added_times = _compare_times(source_values, target_values)
    missing_ids, added_ids = _compare_identifiers(source_values, target_values)
    return Comparison(
        source=source_values,
        target=target_values,
        missing_dates=missing_dates,
        added_dates=added_dates,
        missing_times=missing_times,
        added_times=added_times,
        missing_identifiers=missing_ids,
        added_identifiers=added_ids,
        **_compare_numbers(source_values, target_values),
    )
