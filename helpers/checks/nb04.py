"""Checks for 04_weaknesses.ipynb. Each computes its expected answer from the data when it is
called, and never prints it; all follow the policy of :mod:`helpers.exercises` ("to one
decimal" is within 0.05, "a whole year" the computed year rounded down or up)."""

from __future__ import annotations

from numbers import Real

import pandas as pd

from helpers.data import load
from helpers.exercises import (CORRECT, not_done, ONE_DECIMAL, Verdict, as_number,
                               check_items, check_number, check_year, kind, say, show,
                               unanswered)
from helpers.exercises import _is_bool, _numeric_text


def visit_gaps() -> dict[str, int]:
    """Days from the 'wrong step' remark (its checked date) to the start of Peres's visit, by
    each checked dating of the visit: the sources differ by a day (``checked_date``: the
    Jerusalem Post and EurasiaNet; ``alt_checked_date``: the US embassy cable).

    >>> gaps = visit_gaps()
    >>> sorted(gaps), gaps["alt_checked_date"] - gaps["checked_date"]
    (['alt_checked_date', 'checked_date'], 1)
    """
    remark = load("weaknesses").set_index("id").loc["iran_wrong_step", "checked_date"]
    peres = load("visits").set_index("id").loc["peres_2009"]
    return {field: int((peres[field] - remark).days)
            for field in ("checked_date", "alt_checked_date") if not pd.isna(peres[field])}


def check_days_before_visit(answer) -> Verdict:
    """How many days before the (checked) start of Peres's visit did the Iranian chief of
    staff's 'wrong step' remark come? The sources differ on the start by a day, so the gap by
    either dating is right, and the feedback says which one the answer follows (never the
    number).

    >>> check_days_before_visit(...)
    ⏳ Not answered yet: replace ... with your answer. Hint: Subtract the remark's checked_date (weaknesses) from the visit's checked_date or alt_checked_date (visits) and take .days.
    Verdict(False)
    """
    hint = ("Subtract the remark's checked_date (weaknesses) from the visit's checked_date or "
            "alt_checked_date (visits) and take .days.")
    gaps = visit_gaps()
    value = as_number(answer)
    if value is not None and not unanswered(answer):
        for field, days in gaps.items():
            if value == days:
                others = [f for f in gaps if f != field]
                more = ""
                if others:
                    diff = abs(gaps[others[0]] - days)
                    more = (f" The other dating ({others[0]}) gives a gap {diff} "
                            f"day{'' if diff == 1 else 's'} different: the sources disagree on "
                            "when the visit began.")
                return say(True, f"{CORRECT} That is the gap by the visit's {field}.{more}")
    return check_number(answer, expected=gaps["checked_date"], unit="days", hint=hint)


def series_years() -> tuple[int, int]:
    """The first and last year of the BP series: a peak year outside them is not a year of the
    series at all.

    >>> series_years()
    (1985, 2020)
    """
    years = load("oil_production")["year"]
    return int(years.min()), int(years.max())


def check_peak_year(answer) -> Verdict:
    """In which year was Azerbaijan's oil output highest in the BP series?

    >>> check_peak_year(1036.7)
    ❌ Expected a year of the BP series (1985–2020); got 1036.7: idxmax() gives the year, max() the output. Hint: idxmax() of the production column gives the year of the maximum.
    Verdict(False)
    """
    from helpers import energy

    hint = "idxmax() of the production column gives the year of the maximum."
    first, last = series_years()
    value = as_number(answer)
    if value is not None and value == value and not first <= value <= last:
        if 1900 <= value <= 2100:
            why = f"{show(value)} is outside the series"
        else:
            why = f"got {show(value)}: idxmax() gives the year, max() the output"
        return say(False, f"❌ Expected a year of the BP series ({first}–{last}); {why}.", hint)
    return check_number(answer, expected=energy.peak_year(), hint=hint)


def check_rp_2014(answer) -> Verdict:
    """The reserves-to-production ratio in 2014, in years, to one decimal (within 0.05, which
    the ratio of another year, 2013 or 2015, is far outside). Production over reserves, the
    ratio upside down, gets its own message."""
    from helpers import energy

    return check_number(answer, expected=energy.rp_ratio(2014), tol=ONE_DECIMAL,
                        unit="years", slips=("inverse",),
                        hint="Use the 2014 row, give one decimal. Reserves are in "
                             "thousand million barrels (× 1e9); output is in thousand barrels "
                             "per day (× 1000 × 365 for a year).")


def check_end_year_2014(answer) -> Verdict:
    """The year the oil would run out by the R/P arithmetic of 2014, as a whole year: 2014 +
    the ratio rounded down or up (:func:`helpers.exercises.check_year`); a number that is not
    whole is asked for a whole year, and a neighbouring year's end year rounded to the nearest
    year is refused (tests/test_checks_nb04.py holds the data to that)."""
    from helpers import energy

    return check_year(answer, expected=2014 + energy.rp_ratio(2014),
                      hint="Add the 2014 R/P ratio to 2014, then round down or up to a "
                           "whole year.")


def check_growing_indicators(answer) -> Verdict:
    """Which indicators did we code at level 2 (the article says the sign is growing)?
    Answer as a list of indicator ids."""
    from helpers import monitoring

    ind = monitoring.indicators()
    expected = list(ind.index[ind["level"] == monitoring.MAX_LEVEL])
    return check_items(answer, expected, what="indicator ids",
                       hint="Keep the rows of the indicators table whose level is 2, and "
                            "take their id column as a list.")


def check_weights_raise_score(answer) -> Verdict:
    """A dict of weights (indicator id → number ≥ 0) under which the article's evidence scores
    higher than under equal weights."""
    from helpers import monitoring

    hint = ("A dict with indicator ids as its keys and weights (numbers of 0 or more) as its "
            "values; give more weight to the indicators coded 2 than to those coded 1.")
    if unanswered(answer):
        return say(False, not_done(answer), hint)
    if not isinstance(answer, dict):
        return say(False, f"❌ Expected a dict of numbers, got {kind(answer)}.", hint)
    for key, weight in answer.items():
        if not isinstance(weight, Real) or _is_bool(weight):
            what = (f'the text "{weight.strip()}": write the number without quotes'
                    if _numeric_text(weight) is not None else kind(weight))
            return say(False, f"❌ Expected a dict of numbers: the weight of {key!r} is "
                              f"{what}.", hint)
    try:
        mine = monitoring.score(answer, ndigits=None)
    except ValueError as err:
        return say(False, f"❌ {err}.", hint)
    # Unrounded: a small real increase counts (the printed score is rounded to 3 decimals),
    # but not the last-digit noise of weights that are all equal (e.g. all 0.1).
    if mine > monitoring.score(ndigits=None) + 1e-12:
        return say(True, CORRECT)
    return say(False, f"❌ Not yet: your weights give {mine:.3f}, not above the equal-weights "
                      "score.", hint)
