"""Checks for 01_background.ipynb. Each computes its expected answer from the data when called,
and follows the policy of :mod:`helpers.exercises` (a tolerance is the exercise's own words).

    >>> check_israeli_share(...)
    ⏳ Not answered yet: replace ... with your answer. Hint: Count the visits whose from_code is 'IL', divide by all visits and multiply by 100.
    Verdict(False)
"""

from __future__ import annotations

from helpers.data import load
from helpers.exercises import ONE_DECIMAL, WHOLE, check_items, check_number
from helpers.dates import compare_dates


def check_israeli_share(answer) -> bool:
    """Exercise 1: the percentage of the listed high-level visits made by Israeli officials,
    as a whole number or better (within 0.5 of a percentage point). A share (0 to 1) gets its
    own message."""
    visits = load("visits")
    expected = 100 * float((visits["from_code"].astype(str) == "IL").mean())
    return check_number(answer, expected=expected, tol=WHOLE, unit="%",
                        hint="Count the visits whose from_code is 'IL', divide by all visits "
                             "and multiply by 100.")


def check_date_slips(answer) -> bool:
    """Exercise 2: the ids of the visits whose date in the article disagrees with the checked
    date, compared at the precision the article gives (a year, a month)."""
    expected = compare_dates(load("visits")).query("not agrees")["id"].tolist()
    return check_items(answer, expected, what="visit ids",
                       hint="Compare at the article's own precision (date_precision): "
                            "'1997' is right for any day in 1997.")


def check_deals_to_deliveries(answer) -> bool:
    """Exercise 3: how many times larger the article's estimated deals of 'the last three
    years' are than SIPRI's Israeli deliveries to Azerbaijan over 2006-2019, to one decimal
    (within 0.05).

    A whole number rounded from the right ratio gets its own message (give one decimal:
    :func:`helpers.exercises.check_number` does it for every "to one decimal"), and so does
    the ratio upside down."""
    deals_bn = float(load("arms").set_index("id").loc["deals_last_three_years", "value_usd_bn"])
    sipri = load("sipri_arms").set_index("id")
    delivered_bn = float(sipri.loc["il_deliveries_2006_2019", "value"]) / 1000  # million -> bn
    expected = deals_bn / delivered_bn
    hint = ("Put both in the same unit first: value_usd_bn is in billions, the SIPRI value in "
            "millions (see its `unit`).")
    return check_number(answer, expected=expected, tol=ONE_DECIMAL, slips=("inverse",),
                        hint=hint)
