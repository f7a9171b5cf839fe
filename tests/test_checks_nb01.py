"""Checks of notebook 01: right, wrong and unanswered; expected values come from the data."""

from helpers import load
from helpers.checks import nb01


def test_israeli_share(capsys):
    v = load("visits")
    share = 100 * (v["from_code"] == "IL").mean()
    assert nb01.check_israeli_share(share)
    assert nb01.check_israeli_share(round(share))   # within half a point
    assert not nb01.check_israeli_share(share / 100)  # a fraction, not a percentage
    assert not nb01.check_israeli_share(...)
    assert not nb01.check_israeli_share("86")
    out = capsys.readouterr().out
    assert "too low" in out and "Not answered yet" in out and "Expected a number" in out
    assert f"{share:.1f}" not in out.replace(f"{share / 100:g}", "")


def test_date_slips(capsys):
    assert nb01.check_date_slips(["peres_2009"])
    assert nb01.check_date_slips(("peres_2009",))
    assert not nb01.check_date_slips(["netanyahu_1997", "peres_2009"])
    assert not nb01.check_date_slips([])
    assert not nb01.check_date_slips(...)
    assert not nb01.check_date_slips("peres_2009")
    out = capsys.readouterr().out
    assert "peres_2009" not in out, "the check never prints the answer"
    assert "1 should not be there" in out and "1 is missing" in out


def test_deals_to_deliveries(capsys):
    ratio = 4.0 / 0.825
    assert nb01.check_deals_to_deliveries(ratio)
    assert nb01.check_deals_to_deliveries(4.85)
    assert nb01.check_deals_to_deliveries(round(ratio, 1))  # "to one decimal"
    assert not nb01.check_deals_to_deliveries(4.0 / 825)  # units mixed up
    assert not nb01.check_deals_to_deliveries(...)
    out = capsys.readouterr().out
    assert "same unit" in out and "Not answered yet" in out
    assert not nb01.check_deals_to_deliveries(round(ratio))  # a whole number: one decimal asked
    assert "one decimal" in capsys.readouterr().out
