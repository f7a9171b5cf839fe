"""Checks of notebook 03: right, wrong and unanswered; the answer is never printed."""

import ast
import re

import pytest

from helpers import energy, load, maps, networks
from helpers.checks import nb03
from near_miss import assert_tolerance


def test_unbalanced_after_flip(capsys):
    g = networks.with_sign(networks.signed_graph("1990s"), *nb03.FLIP, -1)
    n = networks.balance_summary(g)["unbalanced"]
    assert n > 0
    assert nb03.check_unbalanced_after_flip(n)
    assert nb03.check_unbalanced_after_flip(float(n))
    assert not nb03.check_unbalanced_after_flip(n + 1)
    assert not nb03.check_unbalanced_after_flip(...)
    out = capsys.readouterr().out
    assert "✅" in out and "too high" in out and "Not answered yet" in out
    assert f" {n} " not in out.split("✅")[1]


def test_flip_differs_from_the_worked_example(capsys):
    """Section 3 prints the count for Israel–Turkey; the exercise must ask for another one,
    and the worked count gets its own message."""
    assert set(nb03.FLIP) != set(nb03.WORKED_FLIP)
    worked = networks.balance_summary(
        networks.with_sign(networks.signed_graph("1990s"), *nb03.WORKED_FLIP, -1))["unbalanced"]
    flipped = networks.balance_summary(
        networks.with_sign(networks.signed_graph("1990s"), *nb03.FLIP, -1))["unbalanced"]
    assert worked != flipped
    assert not nb03.check_unbalanced_after_flip(worked)
    assert "worked in section 3" in capsys.readouterr().out


def test_article_ties(capsys):
    t = load("alignments")
    t = t[(t["period"] == "1990s") & (t["basis"] == "article")]
    pairs = [(b, a) for a, b in zip(t["source"], t["target"])]  # reversed order is fine
    assert nb03.check_article_ties_1990s(pairs)
    assert not nb03.check_article_ties_1990s(pairs[:-1])
    assert "1 is missing" in capsys.readouterr().out
    assert not nb03.check_article_ties_1990s(pairs + [("IL", "GE")])
    assert "should not be there" in capsys.readouterr().out
    assert not nb03.check_article_ties_1990s(pairs + [pairs[0]])  # a pair given twice
    assert "give each item once" in capsys.readouterr().out
    assert not nb03.check_article_ties_1990s(pairs + [pairs[0][::-1]])  # once each way round
    assert "(A, B) and (B, A) are one tie" in capsys.readouterr().out
    assert not nb03.check_article_ties_1990s("IL-TR")
    assert not nb03.check_article_ties_1990s([("IL",)])
    assert "Expected a list of pairs" in capsys.readouterr().out
    assert not nb03.check_article_ties_1990s(...)
    assert "Not answered yet" in capsys.readouterr().out


def test_the_article_ties_of_every_period_are_told_to_keep_the_1990s(capsys):
    """Filtering on basis alone gives the 2014 ties too, some of them the same two actors as
    a 1990s tie: the message names the period, not a pair given twice."""
    t = load("alignments")
    t = t[t["basis"] == "article"]
    assert set(t["period"]) == {"1990s", "2014"}
    every = list(zip(t["source"], t["target"]))
    for answer in (every, sorted(set(every))):
        assert not nb03.check_article_ties_1990s(answer)
        out = capsys.readouterr().out
        assert "keep only the rows whose period is '1990s'" in out and "once" not in out


def test_article_ties_with_spaces_are_named_not_accepted(capsys):
    t = load("alignments")
    t = t[(t["period"] == "1990s") & (t["basis"] == "article")]
    pairs = list(zip(t["source"], t["target"]))
    spaced = [(pairs[0][0] + " ", pairs[0][1]), *pairs[1:]]
    assert not nb03.check_article_ties_1990s(spaced)
    out = capsys.readouterr().out
    assert "remove the spaces around the text" in out and "capital" not in out
    assert not nb03.check_article_ties_1990s([(pairs[0][0].lower(), pairs[0][1]), *pairs[1:]])
    assert "capital letters" in capsys.readouterr().out


def test_article_ties_example_is_no_part_of_the_answer(capsys):
    """The pairs a message shows as an example of the form are none of the right pairs."""
    t = load("alignments")
    t = t[(t["period"] == "1990s") & (t["basis"] == "article")]
    right = {frozenset(p) for p in zip(t["source"], t["target"])}
    assert not nb03.check_article_ties_1990s([("IL",)])
    [example] = re.findall(r"like (\[.*?\])", capsys.readouterr().out)
    pairs = ast.literal_eval(example)
    assert pairs and not {frozenset(p) for p in pairs} & right, example


def test_oil_spread(capsys):
    low, high = energy.share_spread()
    assert nb03.check_oil_spread(high - low)
    assert not nb03.check_oil_spread(high)
    assert not nb03.check_oil_spread(...)
    out = capsys.readouterr().out
    assert "too high" in out and str(int(high - low)) not in out.split("✅")[1]


def test_tehran_gap(capsys):
    gap = maps.geodesic_km("Jerusalem", "Tehran") - maps.geodesic_km("Baku", "Tehran")
    assert nb03.check_tehran_gap(round(gap))
    assert not nb03.check_tehran_gap(gap + 100)
    assert not nb03.check_tehran_gap(-gap)  # subtracted the other way round
    assert "the difference the other way round" in capsys.readouterr().out
    assert not nb03.check_tehran_gap(...)


@pytest.mark.parametrize("answer", ["7", [7], True])
def test_wrong_types_are_refused(answer):
    assert not nb03.check_unbalanced_after_flip(answer)


def test_az_ru_counts(capsys):
    g = networks.signed_graph("2014")
    bad = {s: networks.balance_summary(networks.with_sign(g, "AZ", "RU", s))["unbalanced"]
           for s in (1, -1)}
    assert bad[1] != bad[-1], "the exercise needs one sign to be better"
    assert nb03.check_az_ru_counts(bad)
    assert nb03.check_az_ru_counts({"+1": bad[1], "-1": bad[-1]})
    assert not nb03.check_az_ru_counts({1: bad[-1], -1: bad[1]})  # swapped
    out = capsys.readouterr().out
    assert "too high" in out and "too low" in out
    assert not nb03.check_az_ru_counts({1: bad[1]})
    assert "two keys" in capsys.readouterr().out
    assert not nb03.check_az_ru_counts(-1)  # the old multiple-choice form
    assert "Expected a dict" in capsys.readouterr().out
    assert not nb03.check_az_ru_counts({1: "2", -1: bad[-1]})
    assert "not a number" in capsys.readouterr().out
    assert not nb03.check_az_ru_counts(...)
    assert "Not answered yet" in capsys.readouterr().out


@pytest.mark.parametrize("key", [float("inf"), float("-inf"), float("nan"), "inf", 1e400])
def test_sign_keys_that_are_not_signs(key):
    assert nb03._sign_key(key) is None


def test_az_ru_counts_with_an_infinite_key(capsys):
    assert not nb03.check_az_ru_counts({float("inf"): 3, -1: 2})
    assert "two keys" in capsys.readouterr().out


def test_az_ru_counts_missing_value(capsys):
    import pandas as pd

    g = networks.signed_graph("2014")
    bad = networks.balance_summary(networks.with_sign(g, "AZ", "RU", -1))["unbalanced"]
    assert not nb03.check_az_ru_counts({1: pd.NA, -1: bad})
    out = capsys.readouterr().out
    assert "the count for +1 is not a number" in out and "count for -1" not in out


def test_article_ties_codes_are_compared_exactly(capsys):
    t = load("alignments")
    t = t[(t["period"] == "1990s") & (t["basis"] == "article")]
    lower = [(a.lower(), b) for a, b in zip(t["source"], t["target"])]
    assert not nb03.check_article_ties_1990s(lower)
    assert "capital letters included" in capsys.readouterr().out


def test_article_ties_as_a_whole_table(capsys):
    t = load("alignments")
    t = t[(t["period"] == "1990s") & (t["basis"] == "article")]
    assert not nb03.check_article_ties_1990s(t[["source", "target"]])
    out = capsys.readouterr().out
    assert "whole table" in out and "dtype" not in out


def test_oil_spread_as_a_share_is_named(capsys):
    low, high = energy.share_spread()
    assert not nb03.check_oil_spread((high - low) / 100)
    assert "looks like a share" in capsys.readouterr().out


def test_hints_give_no_code_that_computes_the_answer(capsys):
    """Hints print with the reminder, before any attempt: they name tools, not code."""
    nb03.check_unbalanced_after_flip(...)
    nb03.check_az_ru_counts(...)
    out = capsys.readouterr().out
    assert "balance_summary(" not in out and "with_sign(" not in out and "['unbalanced']" not in out


def test_article_ties_unanswered_gets_the_hint(capsys):
    assert not nb03.check_article_ties_1990s(None)
    out = capsys.readouterr().out
    assert out.startswith("⏳ Not answered yet") and "Hint: Filter alignments" in out


# --- tolerances: the margin each check allows, as the exercise states it ----------------------

def _unbalanced():
    g = networks.with_sign(networks.signed_graph("1990s"), *nb03.FLIP, -1)
    return networks.balance_summary(g)["unbalanced"], 0  # a count: exact


def _spread():
    low, high = energy.share_spread()
    return high - low, 0.01


def _tehran_gap():
    return maps.geodesic_km("Jerusalem", "Tehran") - maps.geodesic_km("Baku", "Tehran"), 10


NEAR_MISSES = {  # check -> () -> (expected answer, margin)
    "check_unbalanced_after_flip": _unbalanced,
    "check_oil_spread": _spread,
    "check_tehran_gap": _tehran_gap,  # 10 km
}
NO_TOLERANCE = {
    "check_article_ties_1990s": "compares a list of pairs of actors",
    "check_az_ru_counts": "a dict of two counts, each exact (test_az_ru_counts)",
}


@pytest.mark.parametrize("name", sorted(NEAR_MISSES))
def test_near_misses_just_inside_and_outside_the_tolerance(name):
    expected, margin = NEAR_MISSES[name]()
    assert_tolerance(getattr(nb03, name), expected, margin)
