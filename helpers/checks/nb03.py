"""Checks for 03_israeli_interests.ipynb. Each computes its expected answer from the data when
it is called, and never prints it."""

from __future__ import annotations

from collections.abc import Iterable

from helpers.data import load
from helpers.exercises import Verdict, check_choice, check_items, check_number


def check_unbalanced_after_flip(answer) -> Verdict:
    """How many triangles of the 1990s network are unbalanced once the Israel–Turkey tie is −?

    >>> check_unbalanced_after_flip(...)
    ⏳ Not answered yet: replace ... with your answer. Hint: networks.with_sign(...) on the 1990s graph, then networks.balance_summary(...).
    Verdict(False)
    """
    from helpers import networks

    g = networks.with_sign(networks.signed_graph("1990s"), "IL", "TR", -1)
    expected = networks.balance_summary(g)["unbalanced"]
    return check_number(answer, expected=expected,
                        hint="networks.with_sign(...) on the 1990s graph, then "
                             "networks.balance_summary(...).")


def _pairs(answer):
    """A list of pairs as a set of frozensets; None if it is not a list of two-code pairs."""
    if isinstance(answer, str) or not isinstance(answer, Iterable):
        return None
    out = set()
    for item in answer:
        if isinstance(item, str) or not isinstance(item, Iterable):
            return None
        pair = frozenset(str(x).strip().upper() for x in item)
        if len(pair) != 2:
            return None
        out.add(pair)
    return out


def check_article_ties_1990s(answer) -> Verdict:
    """Which ties of the 1990s network does the article itself state (basis 'article')?
    Answer as a list of pairs of actor codes, e.g. ``[("IL", "AZ"), ...]``; order is free."""
    hint = "Filter alignments for period '1990s' and basis 'article'; give (source, target) pairs."
    if answer is ... or answer is None:
        return check_items(answer, [], hint=hint)
    pairs = _pairs(answer)
    if pairs is None:
        print("❌ Expected a list of pairs of actor codes, like [('IL', 'AZ'), ('TR', 'AZ')]. "
              f"Hint: {hint}")
        return Verdict(False)
    ties = load("alignments")
    ties = ties[(ties["period"] == "1990s") & (ties["basis"] == "article")]
    expected = {frozenset((s, t)) for s, t in zip(ties["source"], ties["target"])}
    return check_items(pairs, expected, hint=hint, what="pairs")


def check_oil_spread(answer) -> Verdict:
    """How many percentage points lie between the lowest and the highest published estimate
    of Azerbaijan's share of Israel's oil?"""
    from helpers import energy

    low, high = energy.share_spread()
    return check_number(answer, expected=high - low, tol=0.01, unit="percentage points",
                        hint="Highest share_high minus lowest share_low of the estimates table.")


def check_tehran_gap(answer) -> Verdict:
    """How many km closer to Tehran is Baku than Jerusalem (geodesic distances)?"""
    from helpers import maps

    expected = maps.geodesic_km("Jerusalem", "Tehran") - maps.geodesic_km("Baku", "Tehran")
    return check_number(answer, expected=expected, tol=10, unit="km",
                        hint="maps.geodesic_km(...) from each city to Tehran, then subtract.")


def check_az_ru_sign(answer) -> Verdict:
    """Added to the 2014 network as a model assumption, which sign of the Azerbaijan–Russia
    tie (+1 or −1) leaves fewer unbalanced triangles?"""
    from helpers import networks

    g = networks.signed_graph("2014")
    bad = {s: networks.balance_summary(networks.with_sign(g, "AZ", "RU", s))["unbalanced"]
           for s in (1, -1)}
    correct = min(bad, key=bad.get)
    return check_choice(answer, correct, [1, -1],
                        hint="Try both: networks.with_sign(g14, 'AZ', 'RU', sign), then "
                             "networks.balance_summary(...) for each.")
