"""Dates as articles and feeds write them, reduced to YYYY-MM-DD."""

from __future__ import annotations

import pytest

from graphbuild.ingest.dates import normalize_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-16", "2024-05-16"),
        (" 2024-5-6 ", "2024-05-06"),
        ("2024-05-16T10:00:00Z", "2024-05-16"),
        ("2024-05-16T23:30:00-05:00", "2024-05-16"),  # the date as written, no tz conversion
        ("2024-05-16 10:00", "2024-05-16"),
        ("2024-05-16T10:00:00.123+0200", "2024-05-16"),
        ("Thu, 16 May 2024 10:00:00 GMT", "2024-05-16"),
    ],
)
def test_normalize_date_accepts(value, expected):
    assert normalize_date(value) == expected


@pytest.mark.parametrize("value", ["", "yesterday", "2024-02-30", "2024-13-01", "16/05/2024"])
def test_normalize_date_rejects(value):
    with pytest.raises(ValueError, match="not a date"):
        normalize_date(value)
