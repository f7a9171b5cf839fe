"""Checks for 04_weaknesses.ipynb. Each computes its expected answer from the data when it is
called, and never prints it."""

from __future__ import annotations

from numbers import Real

from helpers.data import load
from helpers.exercises import CORRECT, NOT_DONE, Verdict, check_items, check_number


def check_days_before_visit(answer) -> Verdict:
    """How many days before the (checked) start of Peres's visit did the Iranian chief of
    staff's 'wrong step' remark come?

    >>> check_days_before_visit(...)
    ⏳ Not answered yet: replace ... with your answer. Hint: Subtract the two checked_date values (weaknesses and visits) and take .days.
    Verdict(False)
    """
    remark = load("weaknesses").set_index("id").loc["iran_wrong_step", "checked_date"]
    visit = load("visits").set_index("id").loc["peres_2009", "checked_date"]
    return check_number(answer, expected=(visit - remark).days, unit="days",
                        hint="Subtract the two checked_date values (weaknesses and visits) "
                             "and take .days.")


def check_peak_year(answer) -> Verdict:
    """In which year was Azerbaijan's oil output highest in the BP series?"""
    from helpers import energy

    return check_number(answer, expected=energy.peak_year(),
                        hint="idxmax() of the production column gives the year of the maximum.")


def check_rp_2014(answer) -> Verdict:
    """The reserves-to-production ratio in 2014, in years."""
    from helpers import energy

    return check_number(answer, expected=energy.rp_ratio(2014), rel=0.02, unit="years",
                        hint="Reserves are in thousand million barrels (× 1e9); output is in "
                             "thousand barrels per day (× 1000 × 365 for a year).")


def check_end_year_2014(answer) -> Verdict:
    """The year the oil would run out by the R/P arithmetic of 2014."""
    from helpers import energy

    return check_number(answer, expected=2014 + energy.rp_ratio(2014), tol=1.0,
                        hint="Add the 2014 R/P ratio to 2014.")


def check_growing_indicators(answer) -> Verdict:
    """Which indicators did we code at level 2 (the article says the sign is growing)?
    Answer as a list of indicator ids."""
    from helpers import monitoring

    ind = monitoring.indicators()
    expected = list(ind.index[ind["level"] == monitoring.MAX_LEVEL])
    return check_items(answer, expected, what="indicator ids",
                       hint="Filter the indicators table where level == 2; use its index "
                            "(the ids).")


def check_weights_raise_score(answer) -> Verdict:
    """A dict of weights (indicator id → number ≥ 0) under which the article's evidence scores
    higher than under equal weights."""
    from helpers import monitoring

    hint = ("A dict like {'energy_decline': 2, ...}; give more weight to the indicators "
            "coded 2 than to those coded 1.")
    if answer is ... or answer is None:
        print(f"{NOT_DONE} Hint: {hint}")
        return Verdict(False)
    if not isinstance(answer, dict) or not all(
            isinstance(v, Real) and not isinstance(v, bool) for v in answer.values()):
        print(f"❌ Expected a dict of numbers, got {type(answer).__name__}. Hint: {hint}")
        return Verdict(False)
    try:
        mine = monitoring.score(answer)
    except ValueError as err:
        print(f"❌ {err}. Hint: {hint}")
        return Verdict(False)
    if mine > monitoring.score():
        print(CORRECT)
        return Verdict(True)
    print(f"❌ Not yet: your weights give {mine:.3f}, not above the equal-weights score. "
          f"Hint: {hint}")
    return Verdict(False)
