"""Dates as articles and feeds write them, reduced to ``YYYY-MM-DD``.

``YYYY-MM-DD``, ISO 8601 date-times (``2024-05-16T23:10:00+02:00``) and RFC 2822 dates as
RSS feeds write them (``Thu, 16 May 2024 10:00:00 GMT``) are accepted and reduced to the
calendar date as written, without converting time zones.
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

__all__ = ["ISO_PATTERN", "normalize_date"]

ISO_PATTERN = (
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?"
    r"(?:\s*(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?))?"
)
"""An ISO date or date-time, its year, month and day as groups 1-3."""
_ISO_DATE = re.compile(ISO_PATTERN, re.IGNORECASE)


def normalize_date(value: str) -> str:
    """Reduce a date or date-time string to ``YYYY-MM-DD``.

    Accepts ISO 8601 dates and date-times and RFC 2822 dates. The calendar date is taken as
    written; time zones are not converted.

    Parameters
    ----------
    value
        The date as the input carries it.

    Returns
    -------
    str
        The date as ``YYYY-MM-DD``.

    Raises
    ------
    ValueError
        When `value` is not a date in one of those shapes, or not a real calendar day.

    Examples
    --------
    >>> normalize_date("2024-05-16T23:10:00+02:00")
    '2024-05-16'
    >>> normalize_date("Thu, 16 May 2024 10:00:00 GMT")
    '2024-05-16'
    >>> normalize_date("2024-02-30")
    Traceback (most recent call last):
    ...
    ValueError: not a date: '2024-02-30'
    """
    text = value.strip()
    match = _ISO_DATE.fullmatch(text)
    try:
        if match:
            year, month, day = (int(part) for part in match.groups())
            return dt.date(year, month, day).isoformat()
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"not a date: {value!r}") from None
