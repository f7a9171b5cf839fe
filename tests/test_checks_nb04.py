"""Checks of notebook 04: right, wrong and unanswered; the answer is never printed."""

import math

import pytest

from helpers import energy, load, monitoring
from helpers.checks import nb04
from near_miss import assert_tolerance


def test_days_before_visit(capsys):
    remark = load("weaknesses").set_index("id").loc["iran_wrong_step", "checked_date"]
    visit = load("visits").set_index("id").loc["peres_2009", "checked_date"]
    days = (visit - remark).days
    assert days > 0
    assert nb04.check_days_before_visit(days)
    assert not nb04.check_days_before_visit(0)
    assert not nb04.check_days_before_visit(...)
    out = capsys.readouterr().out
    assert "too low" in out and str(days) not in out


def test_peak_year(capsys):
    import numpy as np

    assert nb04.check_peak_year(energy.peak_year())
    assert nb04.check_peak_year(np.int64(energy.peak_year()))  # what idxmax() returns
    assert not nb04.check_peak_year(energy.peak_year() - 1)
    assert "too low" in capsys.readouterr().out
    assert not nb04.check_peak_year(2025)  # the article's other year: not in the series
    assert not nb04.check_peak_year(energy.production()["kbd"].max())  # max(), not idxmax()
    out = capsys.readouterr().out
    assert out.count("Expected a year") == 2 and str(energy.peak_year()) not in out
    assert not nb04.check_peak_year(...)


def test_rp_and_end_year(capsys):
    rp = energy.rp_ratio(2014)
    assert nb04.check_rp_2014(rp)
    assert nb04.check_rp_2014(round(rp, 1))
    assert nb04.check_rp_2014(rp * 365 / 365.25)  # a year of 365.25 days is fine
    for neighbour in (2013, 2015):  # the ratio of another year does not pass
        assert not nb04.check_rp_2014(energy.rp_ratio(neighbour))
    assert not nb04.check_rp_2014(rp * 365)  # forgot to turn days into years
    assert not nb04.check_rp_2014(1 / rp)  # production over reserves
    assert "upside down" in capsys.readouterr().out
    assert not nb04.check_rp_2014(...)
    assert nb04.check_end_year_2014(int(2014 + rp))  # truncated: rounded down
    assert nb04.check_end_year_2014(math.ceil(2014 + rp))  # rounded up
    assert nb04.check_end_year_2014(float(round(2014 + rp)))  # a whole float
    assert not nb04.check_end_year_2014(int(2014 + rp) - 1)
    assert not nb04.check_end_year_2014(math.ceil(2014 + rp) + 1)
    capsys.readouterr()
    for not_whole in (2014 + rp, int(2014 + rp) + 0.6):  # not a whole year: refused, named
        assert not nb04.check_end_year_2014(not_whole)
        assert "give a whole year" in capsys.readouterr().out
    for neighbour in (2013, 2015):  # another year's end year, to the nearest year
        assert not nb04.check_end_year_2014(neighbour + energy.rp_ratio(neighbour))
        assert not nb04.check_end_year_2014(round(neighbour + energy.rp_ratio(neighbour)))
    assert not nb04.check_end_year_2014(2025)
    assert not nb04.check_end_year_2014(...)
    assert f"{rp:.1f}" not in capsys.readouterr().out


def test_the_stated_tolerances_tell_2014_from_its_neighbours():
    """'To one decimal' and 'a whole year' are strict enough, on these data, to refuse a
    neighbouring year's ratio and end year (the exercise says the check can tell them apart)."""
    assert energy.neighbour_gap(2014) > 0.05
    assert energy.neighbour_gap(2014, "implied_end") > 0.5


def test_neighbour_gap():
    gap = energy.neighbour_gap(2014)
    assert 0 < gap < abs(energy.rp_ratio(2015) - energy.rp_ratio(2014))
    assert energy.neighbour_gap(2020) > 0  # the last year has one neighbour


def test_growing_indicators(capsys):
    ind = monitoring.indicators()
    growing = list(ind.index[ind["level"] == 2])
    assert growing
    assert nb04.check_growing_indicators(growing[::-1])
    assert not nb04.check_growing_indicators(list(ind.index))
    assert not nb04.check_growing_indicators(...)
    out = capsys.readouterr().out
    assert all(g not in out for g in growing)


def test_weights_raise_score(capsys):
    ind = monitoring.indicators()
    growing = list(ind.index[ind["level"] == 2])
    assert nb04.check_weights_raise_score({g: 3 for g in growing})
    assert not nb04.check_weights_raise_score({})  # equal weights: not above
    assert not nb04.check_weights_raise_score({g: 0 for g in growing})
    assert not nb04.check_weights_raise_score({"nonsense": 2})
    assert "Unknown indicator" in capsys.readouterr().out  # the message opens with a capital
    assert not nb04.check_weights_raise_score({growing[0]: -1})
    assert not nb04.check_weights_raise_score([3, 2])
    assert "got a list" in capsys.readouterr().out
    assert not nb04.check_weights_raise_score({g: True for g in growing})
    assert not nb04.check_weights_raise_score(...)
    assert "Not answered yet" in capsys.readouterr().out


def test_weights_a_small_real_increase_counts(capsys):
    assert nb04.check_weights_raise_score({"energy_decline": 1.01})
    assert "✅" in capsys.readouterr().out
    ind = monitoring.indicators()
    assert not nb04.check_weights_raise_score({i: 0.1 for i in ind.index})  # equal, rescaled
    assert not nb04.check_weights_raise_score({"energy_decline": 0.99})


def test_weights_nan_and_inf_get_a_message(capsys):
    for bad in (float("nan"), float("inf")):
        assert not nb04.check_weights_raise_score({"energy_decline": bad})
        out = capsys.readouterr().out
        assert out.startswith("❌ Weight of 'energy_decline'") and "Hint:" in out


def test_peak_year_range_comes_from_the_data(capsys):
    oil = load("oil_production")
    assert nb04.series_years() == (int(oil["year"].min()), int(oil["year"].max()))
    first, last = nb04.series_years()
    assert not nb04.check_peak_year(last + 1)
    assert f"({first}–{last})" in capsys.readouterr().out


def test_peak_year_refuses_missing_and_booleans(capsys):
    import numpy as np
    import pandas as pd

    assert not nb04.check_peak_year(pd.Series([pd.NA], dtype="Int64"))
    assert "NaN (a missing value)" in capsys.readouterr().out
    assert not nb04.check_peak_year(np.True_)
    out = capsys.readouterr().out
    assert "True or False" in out and "numpy" not in out


# --- tolerances: the margin each check allows, as the exercise states it ----------------------

def _days():
    remark = load("weaknesses").set_index("id").loc["iran_wrong_step", "checked_date"]
    visit = load("visits").set_index("id").loc["peres_2009", "checked_date"]
    return (visit - remark).days, 0  # whole days: exact


NEAR_MISSES = {  # check -> () -> (expected answer, margin)
    "check_days_before_visit": _days,
    "check_peak_year": lambda: (energy.peak_year(), 0),
    # half the gap to the neighbouring years' ratios, so another year's ratio fails
    # "to one decimal": within 0.05
    "check_rp_2014": lambda: (energy.rp_ratio(2014), 0.05),
}
NO_TOLERANCE = {
    "check_end_year_2014": "a whole year: the computed year rounded down or up "
                           "(test_rp_and_end_year)",
    "check_growing_indicators": "compares a list of indicator ids",
    "check_weights_raise_score": "compares a score with the equal-weights score "
                                 "(test_weights_a_small_real_increase_counts)",
}


@pytest.mark.parametrize("name", sorted(NEAR_MISSES))
def test_near_misses_just_inside_and_outside_the_tolerance(name):
    expected, margin = NEAR_MISSES[name]()
    assert_tolerance(getattr(nb04, name), expected, margin)


@pytest.mark.parametrize("weight, named", [("3", 'the text "3"'), (True, "True or False"),
                                           (None, "None")])
def test_a_weight_that_is_not_a_number_is_named_with_its_kind(weight, named, capsys):
    assert not nb04.check_weights_raise_score({"energy_decline": weight})
    out = capsys.readouterr().out
    assert "'energy_decline'" in out and named in out and "got a dict" not in out


def test_weights_with_other_capitals_are_named_so(capsys):
    assert not nb04.check_weights_raise_score({"Energy_Decline": 3})
    out = capsys.readouterr().out
    assert "capital letters" in out and "'energy_decline'" in out
