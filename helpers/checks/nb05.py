"""Checks for 05_conclusions.ipynb. Each computes its answer from the data when called, and
follows the policy of :mod:`helpers.exercises` (pages as numbers or numeric text, ids and
options compared exactly)."""

from __future__ import annotations

from helpers.argument import behind, load_graph, pages_behind
from helpers.data import load
from helpers.errors import DataError
from helpers.exercises import Verdict, check_choice, check_items, check_pages


def check_pressures_behind_doubts(answer) -> Verdict:
    """Which counter-pressures lie behind the conclusion 'doubts about stability if the regime
    changes' (node ``doubts_stability``), directly or through other nodes?

    >>> check_pressures_behind_doubts(...)
    ⏳ Not answered yet: replace ... with your answer. Hint: Follow every arrow back from 'doubts_stability' (nx.ancestors), then keep the nodes whose kind is counter_pressure.
    Verdict(False)
    """
    expected = behind(load_graph(), "doubts_stability", kind="counter_pressure")
    return check_items(answer, expected, what="counter-pressures",
                       hint="Follow every arrow back from 'doubts_stability' (nx.ancestors), "
                            "then keep the nodes whose kind is counter_pressure.")


def check_pages_behind_gains(answer) -> Verdict:
    """On which pages does the evidence stand that supports 'present gains are worth the risk'
    (node ``gains_justify_risk``), following only 'supports' links back?"""
    expected = pages_behind(load_graph(), "gains_justify_risk", kind="evidence",
                            relation="supports")
    return check_pages(answer, expected,
                       hint="Keep only the 'supports' edges, take the ancestors of "
                            "'gains_justify_risk', keep the evidence nodes, collect their pages.")


def check_change_of_government(answer) -> Verdict:
    """Which earlier 'special' relationship ended, by our classification, with a change of
    government inside the same constitutional order rather than a change of regime?"""
    ends = load("special_relationship_endings")
    rel = load("special_relationships")
    options = rel.loc[rel["lesson_example"].astype(str) != "subject", "id"].tolist()
    picked = ends[(ends["role"].astype(str) == "ending")
                  & (ends["change_kind"].astype(str) == "change_of_government")]
    if len(picked) != 1:  # the exercise asks for the one such ending: the data must have one
        raise DataError(f"special_relationship_endings: expected exactly one 'ending' row with "
                        f"change_kind 'change_of_government', found {len(picked)}")
    correct = picked["relationship"].iloc[0]
    if correct not in options:
        raise DataError(f"special_relationship_endings: {correct!r} is not one of the "
                        f"relationships offered as options ({', '.join(options)})")
    return check_choice(answer, correct, options,
                        hint="Look at the rows of special_relationship_endings whose role is "
                             "'ending' and read their change_kind.")
