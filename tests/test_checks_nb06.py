import pandas as pd

from helpers import load
from helpers.checks import nb06
from helpers.scorecard import rp_years


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


def test_rp_2014(capsys):
    right = rp_years(load("oil_production"), 2014)
    assert nb06.check_rp_2014(right)
    assert nb06.check_rp_2014(right * 365 / 365.25)
    assert not nb06.check_rp_2014(right * 1000)  # units not converted
    assert not nb06.check_rp_2014("22")
    assert not nb06.check_rp_2014(...)
    assert "Not answered yet" in capsys.readouterr().out


def test_crosstab(capsys):
    card = load("scorecard")
    right = pd.crosstab(card["explicit"], card["our_judgement"])
    assert nb06.check_crosstab(right)
    assert nb06.check_crosstab(right.T)
    assert nb06.check_crosstab(pd.crosstab(card["explicit"], card["our_judgement"], margins=True))
    assert not nb06.check_crosstab(right * 2)
    assert not nb06.check_crosstab(pd.crosstab(card["voice"], card["our_judgement"]))
    assert not nb06.check_crosstab(...)
    assert "Not answered yet" in capsys.readouterr().out
