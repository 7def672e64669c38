"""Whole numbers a user types that end up in a query (ids, versions).

A number outside the range of the INTEGER columns cannot name a stored row, and handing it
to the database driver fails with an overflow (SQLite) or a data error (PostgreSQL) instead
of the "no such ..." message the user needs; callers check it first.
"""

from __future__ import annotations

# INTEGER columns (ids, versions) are 32-bit signed on PostgreSQL; SQLite allows more.
MAX_STORED_INT = 2**31 - 1
MIN_STORED_INT = -(2**31)


def fits_integer_column(value: int) -> bool:
    """Whether ``value`` can be compared with an INTEGER column on every back end."""
    return MIN_STORED_INT <= value <= MAX_STORED_INT
