"""Checks for 03_israeli_interests.ipynb. Each computes its expected answer from the data when
it is called, and never prints it; all follow the policy of :mod:`helpers.exercises` (a
tolerance is the exercise's own words, codes are compared exactly)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from helpers.data import load
from helpers.exercises import (CORRECT, not_done, Verdict, as_number, check_items, check_number,
                               kind, say, unanswered)

#: Exercise 1's tolerance, written in its text.
TEHRAN_GAP_TOL_KM = 10
#: Exercise 5's tolerance, written in its text.
SPREAD_TOL = 0.01

#: The tie Exercise 3 flips (section 3 works through Israel–Turkey; the exercise takes another).
FLIP = ("US", "TR")
WORKED_FLIP = ("IL", "TR")


def _unbalanced_after(a: str, b: str) -> int:
    from helpers import networks

    g = networks.with_sign(networks.signed_graph("1990s"), a, b, -1)
    return int(networks.balance_summary(g)["unbalanced"])


def check_unbalanced_after_flip(answer) -> Verdict:
    """How many triangles of the 1990s network are unbalanced once the United States–Turkey tie
    is −1? The answer is the total number, an integer.

    >>> check_unbalanced_after_flip(...)
    ⏳ Not answered yet: replace ... with your answer. Hint: Flip the US–TR tie of the 1990s graph with networks.with_sign, as section 3 flipped Israel–Turkey, then count the unbalanced triangles with networks.balance_summary.
    Verdict(False)
    """
    hint = (f"Flip the {'–'.join(FLIP)} tie of the 1990s graph with networks.with_sign, as "
            "section 3 flipped Israel–Turkey, then count the unbalanced triangles with "
            "networks.balance_summary.")
    expected = _unbalanced_after(*FLIP)
    worked = _unbalanced_after(*WORKED_FLIP)
    value = as_number(answer)
    if value is not None and value == worked != expected:
        return say(False, f"❌ Not yet: that is the count for the {'–'.join(WORKED_FLIP)} flip "
                          f"worked in section 3. Flip {'–'.join(FLIP)} instead.", hint)
    return check_number(answer, expected=expected, hint=hint)


def _pairs(answer):
    """A list of pairs as a list of frozensets (a pair given twice, in either order, is there
    twice, for the check to refuse); None if it is not a list of two-code pairs. Codes are
    kept as written: the check compares them exactly, capital letters included."""
    if isinstance(answer, str) or not isinstance(answer, Iterable):
        return None
    out = []
    for item in answer:
        if isinstance(item, str) or not isinstance(item, Iterable):
            return None
        pair = frozenset(str(x) for x in item)
        if len(pair) != 2:
            return None
        out.append(pair)
    return out


def check_article_ties_1990s(answer) -> Verdict:
    """Which ties of the 1990s network does the article itself state (basis 'article')?
    Answer as a list of pairs of actor codes, e.g. ``[("IL", "AZ"), ...]``; order is free."""
    hint = "Filter alignments for period '1990s' and basis 'article'; give (source, target) pairs."
    if unanswered(answer):
        return say(False, not_done(answer), hint)
    if isinstance(answer, pd.DataFrame):
        return say(False, "❌ Expected a list of pairs of actor codes, got a whole table: turn "
                          "its two code columns into a list of (source, target) pairs.", hint)
    pairs = _pairs(answer)
    if pairs is None:
        return say(False, "❌ Expected a list of pairs of actor codes, like [('US', 'GE'), "
                          "('SY', 'IR')].", hint)
    stated = load("alignments")
    stated = stated[stated["basis"] == "article"]  # the ties the article states, every period
    any_period = {frozenset((s, t)) for s, t in zip(stated["source"], stated["target"])}
    ties = stated[stated["period"] == "1990s"]
    expected = {frozenset((s, t)) for s, t in zip(ties["source"], ties["target"])}
    if set(pairs) != expected and {frozenset(c.strip().upper() for c in p)
                                   for p in pairs} == expected:
        if {frozenset(c.strip() for c in p) for p in pairs} == expected:
            return say(False, "❌ Almost: remove the spaces around the text: write the actor "
                              "codes exactly as the data spell them.", hint)
        return say(False, "❌ Almost: write the actor codes exactly as the data spell them "
                          "(capital letters included).", hint)
    if set(pairs) == any_period != expected:
        return say(False, "❌ Not yet: these are the ties the article states in every period: "
                          "keep only the rows whose period is '1990s'.", hint)
    if len(set(pairs)) < len(pairs) and len({tuple(p) for p in answer}) == len(pairs):
        return say(False, "❌ Not yet: a tie is given twice, once each way round: (A, B) and "
                          "(B, A) are one tie, so give it once.", hint)
    return check_items(pairs, expected, hint=hint, what="pairs")


def check_oil_spread(answer) -> Verdict:
    """How many percentage points lie between the lowest and the highest published estimate
    of Azerbaijan's share of Israel's oil (within 0.01, as the exercise says)? A share (0 to 1)
    gets its own message."""
    from helpers import energy

    low, high = energy.share_spread()
    return check_number(answer, expected=high - low, tol=SPREAD_TOL, unit="percentage points",
                        hint="Highest share_high minus lowest share_low of the estimates table.")


def check_tehran_gap(answer) -> Verdict:
    """How many km closer to Tehran is Baku than Jerusalem (geodesic distances), within
    10 km (as the exercise says)?"""
    from helpers import maps

    expected = maps.geodesic_km("Jerusalem", "Tehran") - maps.geodesic_km("Baku", "Tehran")
    return check_number(answer, expected=expected, tol=TEHRAN_GAP_TOL_KM, unit="km",
                        slips=("reversed",),
                        hint="maps.geodesic_km(...) from each city to Tehran, then subtract.")


def _sign_key(key):
    """+1 or −1 from a dict key written as 1, -1, 1.0, '+1' or '-1'; else None."""
    try:
        sign = int(float(str(key).replace("−", "-")))
    except (ValueError, OverflowError):  # not a number; inf
        return None
    return sign if sign in (1, -1) and float(str(key).replace("−", "-")) == sign else None


def check_az_ru_counts(answer) -> Verdict:
    """The number of unbalanced triangles in the 2014 network once the Azerbaijan–Russia tie
    (a sign of our coding in the table) is recoded as a model assumption, for each sign: a dict
    ``{1: count, -1: count}``.

    >>> check_az_ru_counts(...)
    ⏳ Not answered yet: replace ... with your answer. Hint: Do what Exercise 3 did twice, on the 2014 graph g14: once with the AZ–RU tie set to +1, once to -1; put each count under its sign.
    Verdict(False)
    """
    from helpers import networks

    hint = ("Do what Exercise 3 did twice, on the 2014 graph g14: once with the AZ–RU tie set "
            "to +1, once to -1; put each count under its sign.")
    if unanswered(answer):
        return say(False, not_done(answer), hint)
    if not isinstance(answer, dict):
        return say(False, f"❌ Expected a dict of two counts, like {{1: ..., -1: ...}}, got "
                          f"{kind(answer)}.", hint)
    given = {_sign_key(k): v for k, v in answer.items()}
    if set(given) != {1, -1} or len(answer) != 2:
        return say(False, "❌ The dict needs exactly two keys, 1 and -1 (the two signs).", hint)
    g = networks.signed_graph("2014")
    wrong = []
    for sign in (1, -1):
        expected = networks.balance_summary(networks.with_sign(g, "AZ", "RU", sign))["unbalanced"]
        value = as_number(given[sign])
        label = "+1" if sign == 1 else "-1"
        if value is None or value != value:
            wrong.append(f"the count for {label} is not a number")
        elif value != expected:
            wrong.append(f"the count for {label} is {'too high' if value > expected else 'too low'}")
    if not wrong:
        return say(True, CORRECT)
    return say(False, f"❌ Not yet: {' and '.join(wrong)}.", hint)
