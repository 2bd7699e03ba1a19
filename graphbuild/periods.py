"""The periods evidence is counted by (`dyads.csv`, `--period`): ISO weeks, months, years.

Kept apart from `config` (which re-exports the choices and the default) so that the
writers can use it without importing the options that import them.
"""

from __future__ import annotations

import datetime as _dt
import re

PERIODS: tuple[str, ...] = ("week", "month", "year")
"""What evidence can be counted by: ISO weeks, calendar months, years."""
DEFAULT_PERIOD = "month"
"""The period `dyads.csv` counts evidence by unless told otherwise."""
UNDATED = "undated"
"""The period of evidence without a (valid) date."""

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def period_of(date: object, period: str = DEFAULT_PERIOD) -> str:
    """The period a ``YYYY-MM-DD`` date falls in; `UNDATED` for anything else.

    A week is ISO's (``2024-W28``): it belongs to the year of its Thursday, so the first
    days of January can fall in the last week of the year before.

    Examples
    --------
    >>> [period_of("2024-07-11", p) for p in PERIODS]
    ['2024-W28', '2024-07', '2024']
    >>> period_of("2021-01-01", "week"), period_of(None), period_of("2023-02-29")
    ('2020-W53', 'undated', 'undated')
    >>> period_of("2024-07-11", "day")
    Traceback (most recent call last):
    ...
    ValueError: unknown period 'day'; choose from: week, month, year
    """
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; choose from: {', '.join(PERIODS)}")
    if not isinstance(date, str) or not _DATE.match(date):
        return UNDATED
    try:
        day = _dt.date.fromisoformat(date)
    except ValueError:
        return UNDATED
    if period == "year":
        return f"{day.year:04d}"
    if period == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return f"{day.year:04d}-{day.month:02d}"
