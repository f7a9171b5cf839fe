"""helpers.dates against an independent reckoning of the calendar."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import dates


@pytest.mark.parametrize("year", [2015, 2016])  # a common year and a leap year
def test_decimal_year_counts_the_days_elapsed_before_the_date(year):
    """Every day of the year sits at the days elapsed since 1 January over 365.25, to the
    two decimals the helper keeps (1 January at the start of its year, not a day in)."""
    start = pd.Timestamp(year, 1, 1)
    for day in pd.date_range(start, periods=366 if year % 4 == 0 else 365):
        expected = year + (day - start).days / 365.25
        assert abs(dates.decimal_year(day) - expected) <= 0.005 + 1e-9, day.date()
