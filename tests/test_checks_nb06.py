import pandas as pd
import pytest

from helpers import load
from helpers.checks import nb06
from helpers.energy import neighbour_gap, rp_ratio
from near_miss import assert_tolerance


def test_share_of_peak(capsys):
    kbd = load("oil_production").set_index("year")["oil_production_kbd"]
    right = 100 * kbd[kbd.index.max()] / kbd.max()
    assert nb06.check_share_of_peak(right)
    assert nb06.check_share_of_peak(round(right))
    assert not nb06.check_share_of_peak(right / 100)  # a fraction, not a percentage
    assert not nb06.check_share_of_peak(...)
    out = capsys.readouterr().out
    assert "too low" in out and "Not answered yet" in out
    assert f"{right:.1f}" not in out, "never the answer"


def test_rp_2020(capsys):
    right = rp_ratio(nb06.rp_year())
    assert nb06.check_rp_2020(right)
    assert nb06.check_rp_2020(round(right, 1))
    assert nb06.check_rp_2020(right * 365 / 365.25)
    assert not nb06.check_rp_2020(rp_ratio(nb06.rp_year() - 1))
    assert not nb06.check_rp_2020(rp_ratio(2014))  # notebook 04's year
    assert not nb06.check_rp_2020(right * 1000)  # units not converted
    assert not nb06.check_rp_2020("27")
    assert not nb06.check_rp_2020(...)
    out = capsys.readouterr().out
    assert "Not answered yet" in out and f"{right:.1f}" not in out


def test_end_year_2020(capsys):
    year = nb06.rp_year()
    right = year + rp_ratio(year)
    assert nb06.check_end_year_2020(right)
    assert nb06.check_end_year_2020(round(right))
    assert not nb06.check_end_year_2020(year - 1 + rp_ratio(year - 1))
    assert not nb06.check_end_year_2020(2025)
    assert not nb06.check_end_year_2020(...)
    assert str(round(right)) not in capsys.readouterr().out


def test_crosstab(capsys):
    card = load("scorecard")
    right = pd.crosstab(card["explicit"], card["our_judgement"])
    assert nb06.check_crosstab(right)
    assert nb06.check_crosstab(right.T)
    assert nb06.check_crosstab(pd.crosstab(card["explicit"], card["our_judgement"], margins=True))
    assert not nb06.check_crosstab(right * 2)
    assert not nb06.check_crosstab(...)
    assert "Not answered yet" in capsys.readouterr().out


def test_crosstab_accepts_long_counts():
    card = load("scorecard")
    long = card.groupby(["explicit", "our_judgement"], observed=True).size()
    assert nb06.check_crosstab(long)
    assert nb06.check_crosstab(card.groupby(["our_judgement", "explicit"], observed=False).size())
    assert nb06.check_crosstab(card[["explicit", "our_judgement"]].value_counts())
    assert nb06.check_crosstab(long.reset_index(name="n"))


def test_crosstab_explains_what_is_wrong(capsys):
    card = load("scorecard")
    right = pd.crosstab(card["explicit"], card["our_judgement"])
    assert not nb06.check_crosstab(card["our_judgement"].value_counts())
    assert "counts over one column only" in capsys.readouterr().out
    assert not nb06.check_crosstab(right.to_numpy())
    assert not nb06.check_crosstab([1, 2])
    out = capsys.readouterr().out
    assert out.count("two dimensions") == 2 and "ndarray" in out and "list" in out
    assert not nb06.check_crosstab(right.rename(index={True: "yes", False: "no"}))
    assert not nb06.check_crosstab(pd.crosstab(card["voice"], card["our_judgement"]))
    assert capsys.readouterr().out.count("labels have been changed") == 2
    assert not nb06.check_crosstab(pd.crosstab(card["explicit"], card["our_judgement"],
                                               normalize=True))
    assert "not shares" in capsys.readouterr().out


# --- tolerances: the margin each check allows, as the exercise states it ----------------------

def _share_of_peak():
    kbd = load("oil_production").set_index("year")["oil_production_kbd"]
    return 100 * float(kbd[kbd.index.max()] / kbd.max()), 0.5  # half a percentage point


def _rp():
    year = nb06.rp_year()
    return rp_ratio(year), min(0.3, neighbour_gap(year))  # another year's ratio fails


def _end_year():
    year = nb06.rp_year()
    return year + rp_ratio(year), min(1.0, neighbour_gap(year, "implied_end"))


NEAR_MISSES = {  # check -> () -> (expected answer, margin)
    "check_share_of_peak": _share_of_peak,
    "check_rp_2020": _rp,
    "check_end_year_2020": _end_year,
}
NO_TOLERANCE = {"check_crosstab": "compares the cells of a table of counts"}


@pytest.mark.parametrize("name", sorted(NEAR_MISSES))
def test_near_misses_just_inside_and_outside_the_tolerance(name):
    expected, margin = NEAR_MISSES[name]()
    assert_tolerance(getattr(nb06, name), expected, margin)
