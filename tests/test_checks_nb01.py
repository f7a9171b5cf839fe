"""Checks of notebook 01: right, wrong and unanswered; expected values come from the data."""

import math

import pytest

from helpers import load
from helpers.checks import nb01
from near_miss import assert_tolerance


def test_israeli_share(capsys):
    v = load("visits")
    share = 100 * (v["from_code"] == "IL").mean()
    assert nb01.check_israeli_share(share)
    assert nb01.check_israeli_share(round(share))   # within half a point
    assert not nb01.check_israeli_share(share / 100)  # a fraction, not a percentage
    assert "looks like a share" in capsys.readouterr().out
    assert not nb01.check_israeli_share(...)
    assert not nb01.check_israeli_share("86")
    out = capsys.readouterr().out
    assert "Not answered yet" in out and "Expected a number" in out
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


def test_deals_to_deliveries_to_one_decimal_means_within_0_05(capsys):
    """The issue's case: 4.9 passed for 4.8 when the check allowed 2%."""
    ratio = 4.0 / 0.825
    assert round(ratio, 1) == 4.8
    assert nb01.check_deals_to_deliveries(4.8)
    assert not nb01.check_deals_to_deliveries(4.9)
    assert not nb01.check_deals_to_deliveries(4.7)


def test_deals_to_deliveries_upside_down_is_named(capsys):
    ratio = 4.0 / 0.825
    for upside_down in (1 / ratio, round(1 / ratio, 1)):
        assert not nb01.check_deals_to_deliveries(upside_down)
        assert "upside down" in capsys.readouterr().out


# --- tolerances: the margin each check allows, as the exercise states it ----------------------

def _deals_to_deliveries():
    deals = load("arms").set_index("id").loc["deals_last_three_years", "value_usd_bn"]
    delivered = load("sipri_arms").set_index("id").loc["il_deliveries_2006_2019", "value"] / 1000
    ratio = float(deals / delivered)
    return ratio, 0.05  # "to one decimal": within 0.05


def _israeli_share():
    v = load("visits")
    return 100 * float((v["from_code"] == "IL").mean()), 0.5  # a whole number: within 0.5


NEAR_MISSES = {  # check -> () -> (expected answer, margin)
    "check_israeli_share": _israeli_share,
    "check_deals_to_deliveries": _deals_to_deliveries,
}
NO_TOLERANCE = {"check_date_slips": "compares a list of visit ids"}


@pytest.mark.parametrize("name", sorted(NEAR_MISSES))
def test_near_misses_just_inside_and_outside_the_tolerance(name):
    expected, margin = NEAR_MISSES[name]()
    assert_tolerance(getattr(nb01, name), expected, margin)


def test_deals_to_deliveries_rounded_too_far(capsys):
    deals = float(load("arms").set_index("id").loc["deals_last_three_years", "value_usd_bn"])
    delivered = float(load("sipri_arms").set_index("id").loc["il_deliveries_2006_2019", "value"])
    ratio = deals / (delivered / 1000)
    for whole in {math.floor(ratio), math.ceil(ratio)}:
        assert not nb01.check_deals_to_deliveries(whole)
        assert "rounded too far" in capsys.readouterr().out
