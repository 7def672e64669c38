"""Numbers, dates, times and identifiers read as values in the source and target locales.

``extract(text, lang)`` finds them (identifiers, dates, times, numbers, in that order);
``compare(source, target)`` says what differs. The checks in ``workflow.qa.checks`` word
the findings.
"""

from workflow.qa.values.compare import Comparison, compare
from workflow.qa.values.extract import extract
from workflow.qa.values.model import (
    DateValue,
    Extraction,
    Identifier,
    NumberUnit,
    Quantity,
    TimeValue,
)

__all__ = [
    "Comparison",
    "DateValue",
    "Extraction",
    "Identifier",
    "NumberUnit",
    "Quantity",
    "TimeValue",
    "compare",
    "extract",
]
