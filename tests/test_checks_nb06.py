import math
import pandas as pd
import pytest

from helpers import energy, load, scorecard
from helpers.checks import nb06
from helpers.energy import neighbour_gap, rp_ratio
from near_miss import assert_tolerance


def test_share_2025(capsys):
    national = scorecard.later_output("national")["mt"]
    right = 100 * national[2025] / national[2010]
    assert nb06.check_share_2025(right)
    assert nb06.check_share_2025(round(right, 1))
    assert nb06.check_share_2025(pd.Series([right]))
    assert not nb06.check_share_2025(round(right))  # to one decimal, not a whole number
    assert not nb06.check_share_2025(...)
    out = capsys.readouterr().out
    assert "Not answered yet" in out and f"{right:.1f}" not in out, "never the answer"


def test_share_2025_rounded_too_far_before_the_slips(capsys):
    """A whole number the answer rounds to is "rounded too far", even where it also lies
    near a slip's value (54 is near the mixed-series share)."""
    national = scorecard.later_output("national")["mt"]
    right = 100 * national[2025] / national[2010]
    for whole in (math.floor(right), float(math.floor(right)), math.ceil(right)):
        assert not nb06.check_share_2025(whole)
        out = capsys.readouterr().out
        assert "rounded too far" in out and "BP's series" not in out, (whole, out)


def test_share_2025_names_the_slips(capsys):
    national = scorecard.later_output("national")["mt"]
    right = 100 * national[2025] / national[2010]
    assert not nb06.check_share_2025(right / 100)
    assert "looks like a share (a fraction of 1): multiply by 100" in capsys.readouterr().out
    assert not nb06.check_share_2025(100 * national[2010] / national[2025])
    assert "upside down" in capsys.readouterr().out
    bp_2010 = energy.production().loc[2010, "mt"]
    assert not nb06.check_share_2025(100 * national[2025] / bp_2010)
    assert "from BP's series" in capsys.readouterr().out
    assert not nb06.check_share_2025(100 * national[2024] / national[2010])
    out = capsys.readouterr().out
    assert "too low" not in out and "too high" in out
    for printed in (out,):
        assert "e+" not in printed and "e-0" not in printed, "no scientific notation"


def test_changed_verdicts(capsys):
    card = load("scorecard")
    then, now = card["judgement_2024"].astype("string"), card["our_judgement"].astype("string")
    right = card.loc[then.notna() & (then != now), "id"].tolist()
    assert len(right) >= 2, "the 2026 reading changes some verdicts"
    assert nb06.check_changed_verdicts(right)
    assert nb06.check_changed_verdicts(list(reversed(right)))
    assert nb06.check_changed_verdicts(pd.Series(right))
    assert not nb06.check_changed_verdicts(right[:-1])
    assert not nb06.check_changed_verdicts(...)
    out = capsys.readouterr().out
    assert "Not answered yet" in out and "is missing" in out
    for r in right:
        assert r not in out, "never the answer"


def test_changed_verdicts_names_the_unscored_rows(capsys):
    card = load("scorecard")
    then, now = card["judgement_2024"].astype("string"), card["our_judgement"].astype("string")
    naive = card.loc[(then != now).fillna(True), "id"].tolist()  # NaN counted as a change
    assert not nb06.check_changed_verdicts(naive)
    assert "were not scored in 2024" in capsys.readouterr().out
    assert not nb06.check_changed_verdicts(card["id"].tolist())


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
    assert nb06.check_end_year_2020(int(right))  # truncated: rounded down
    assert nb06.check_end_year_2020(math.ceil(right))  # rounded up
    assert nb06.check_end_year_2020(float(round(right)))  # a whole float
    assert not nb06.check_end_year_2020(right)  # not a whole year
    assert "give a whole year" in capsys.readouterr().out
    assert not nb06.check_end_year_2020(int(right) - 1)
    assert not nb06.check_end_year_2020(math.ceil(right) + 1)
    neighbour = year - 1 + rp_ratio(year - 1)
    assert not nb06.check_end_year_2020(neighbour)
    assert not nb06.check_end_year_2020(round(neighbour))
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
    assert out.count("two dimensions") == 2 and "an array" in out and "a list" in out
    assert "ndarray" not in out
    assert not nb06.check_crosstab(right.rename(index={True: "yes", False: "no"}))
    assert not nb06.check_crosstab(pd.crosstab(card["voice"], card["our_judgement"]))
    assert capsys.readouterr().out.count("labels have been changed") == 2
    assert not nb06.check_crosstab(pd.crosstab(card["explicit"], card["our_judgement"],
                                               normalize=True))
    assert "not shares" in capsys.readouterr().out


# --- tolerances: the margin each check allows, as the exercise states it ----------------------

def _share_2025():
    national = scorecard.later_output("national")["mt"]
    return 100 * float(national[2025] / national[2010]), 0.05  # to one decimal


def _rp():
    year = nb06.rp_year()
    assert neighbour_gap(year) > 0.05  # another year's ratio fails
    return rp_ratio(year), 0.05  # to one decimal


NEAR_MISSES = {  # check -> () -> (expected answer, margin)
    "check_share_2025": _share_2025,
    "check_rp_2020": _rp,
}
NO_TOLERANCE = {"check_end_year_2020": "a whole year: the computed year rounded down or up "
                                       "(test_end_year_2020)",
                "check_crosstab": "compares the cells of a table of counts",
                "check_changed_verdicts": "compares a set of ids"}


def test_every_check_is_covered():
    checks = {n for n in dir(nb06) if n.startswith("check_") and n not in ("check_items", "check_number", "check_year")}
    assert checks == set(NEAR_MISSES) | set(NO_TOLERANCE)


@pytest.mark.parametrize("name", sorted(NEAR_MISSES))
def test_near_misses_just_inside_and_outside_the_tolerance(name):
    expected, margin = NEAR_MISSES[name]()
    assert_tolerance(getattr(nb06, name), expected, margin)


@pytest.mark.parametrize("answer, words", [(__import__("numpy").array([1, 2]), "got an array"),
                                           (3, "got a number"), ([3, 4], "got a list")])
def test_crosstab_names_what_it_got_in_words(answer, words, capsys):
    assert not nb06.check_crosstab(answer)
    out = capsys.readouterr().out
    assert words in out and "ndarray" not in out and "got int" not in out


def test_changed_verdicts_with_spaces_around_an_id(capsys):
    """Spaces around an id are named, and not accepted."""
    right = sorted(nb06.changed_verdicts())
    spaced = [" " + right[0], *right[1:]]
    assert not nb06.check_changed_verdicts(spaced)
    out = capsys.readouterr().out
    assert "remove the spaces around the text" in out and "missing" not in out
    assert not nb06.check_changed_verdicts([right[0].upper() + " ", *right[1:]])
    assert "capital letters" in capsys.readouterr().out
