"""Checks for 06_epilogue.ipynb. Each computes its answer from the data when called."""

from __future__ import annotations

import pandas as pd

from helpers.data import load
from helpers.energy import neighbour_gap, rp_ratio
from helpers.exercises import NOT_DONE, Verdict, check_items, check_number, say, unanswered
from helpers.scorecard import judgements


def rp_year() -> int:
    """The year of Exercise 2: the last year of the checked BP series.

    >>> rp_year()
    2020
    """
    return int(load("oil_production")["year"].max())


def check_share_of_peak(answer) -> Verdict:
    """Azerbaijan's oil output in the last year of the checked series as a percentage of its
    peak output (BP).

    >>> check_share_of_peak(...)
    ⏳ Not answered yet: replace ... with your answer. Hint: Divide the last year's oil_production_kbd by the largest value, times 100.
    Verdict(False)
    """
    oil = load("oil_production")
    last = oil.loc[oil["year"].idxmax(), "oil_production_kbd"]
    expected = 100 * last / oil["oil_production_kbd"].max()
    return check_number(answer, expected, tol=0.5, unit="%",
                        hint="Divide the last year's oil_production_kbd by the largest value, "
                             "times 100.")


def check_rp_2020(answer) -> Verdict:
    """Reserves-to-production ratio in 2020, in years: proved reserves / (2020 output a year).

    The tolerance is half the gap to the 2019 ratio, at most 0.3 years, so another year's
    ratio does not pass.

    >>> check_rp_2020(...)
    ⏳ Not answered yet: replace ... with your answer. Hint: Use the 2020 row, give at least one decimal. Reserves are in thousand million barrels, output in thousand barrels a day: convert both to barrels, and days to a year.
    Verdict(False)
    """
    year = rp_year()
    return check_number(answer, rp_ratio(year), tol=min(0.3, neighbour_gap(year)), unit="years",
                        hint=f"Use the {year} row, give at least one decimal. Reserves are in "
                             "thousand million barrels, output in thousand barrels a day: "
                             "convert both to barrels, and days to a year.")


def check_end_year_2020(answer) -> Verdict:
    """The year the reserves would run out at the 2020 rate (2020 + the R/P ratio); a whole
    year will do."""
    year = rp_year()
    return check_number(answer, year + rp_ratio(year),
                        tol=min(1.0, neighbour_gap(year, "implied_end")),
                        hint=f"Add the {year} R/P ratio to {year}.")


def _is_bool(value) -> bool:
    return str(value) in ("True", "False")


def _triples(answer):
    """(row label, column label, count) for every cell of a 2-D count table, or a message
    saying why ``answer`` is not one."""
    if isinstance(answer, pd.Series):
        if answer.index.nlevels != 2:
            over = "one column only" if answer.index.nlevels == 1 else \
                f"{answer.index.nlevels} columns"
            return (f"❌ Expected counts over two columns, got counts over {over}: group by "
                    "both `explicit` and `our_judgement` (or use pd.crosstab).")
        return [(a, b, n) for (a, b), n in answer.items()]
    if isinstance(answer, pd.DataFrame):
        cols = set(map(str, answer.columns))
        if {"explicit", "our_judgement"} <= cols:  # long form, e.g. .size().reset_index()
            counts = [c for c in answer.columns if str(c) not in ("explicit", "our_judgement")]
            if len(counts) != 1:
                return ("❌ A long table needs the two columns and one column of counts, e.g. "
                        "groupby([...]).size().reset_index(name='n').")
            return list(zip(answer["explicit"], answer["our_judgement"], answer[counts[0]]))
        table = answer.drop(index="All", columns="All", errors="ignore")
        return [(row, col, n) for row, series in table.iterrows() for col, n in series.items()]
    return ("❌ Expected a table of counts with two dimensions (a DataFrame from pd.crosstab, or a "
            f"Series from groupby([...]).size()), got {type(answer).__name__}.")


def _cells(answer):
    """The non-zero cells of a count of ``explicit`` against ``our_judgement``, in either
    orientation, as a set of (explicit, judgement, count); or a message saying what is wrong."""
    triples = _triples(answer)
    if isinstance(triples, str):
        return triples
    cells = set()
    for a, b, n in triples:
        try:
            n = float(n)
        except (TypeError, ValueError):
            return "❌ Expected counts (whole numbers) in the cells of the table."
        if n == 0 or n != n:
            continue
        if n != int(n):
            return "❌ Expected counts (whole numbers), not shares: drop normalize=..."
        if _is_bool(a) and str(b) in judgements().index:
            cells.add((str(a) == "True", str(b), int(n)))
        elif _is_bool(b) and str(a) in judgements().index:
            cells.add((str(b) == "True", str(a), int(n)))
        else:
            return ("❌ The rows and columns should be the values of `explicit` (True, False) and "
                    "of `our_judgement` (held, partly, ...), as pd.crosstab gives them: these "
                    "labels have been changed, or other columns were used.")
    return cells


def check_crosstab(answer) -> Verdict:
    """A count of the scorecard's assessments by ``explicit`` and ``our_judgement``:
    pd.crosstab either way round (margins ignored), or a long Series of counts from
    ``groupby([...]).size()``; empty cells are ignored.

    >>> check_crosstab([3, 4])
    ❌ Expected a table of counts with two dimensions (a DataFrame from pd.crosstab, or a Series from groupby([...]).size()), got list. Hint: pd.crosstab(card['explicit'], card['our_judgement']); the check ignores empty cells and margins.
    Verdict(False)
    """
    card = load("scorecard")
    expected = _cells(pd.crosstab(card["explicit"], card["our_judgement"].astype(str)))
    hint = ("pd.crosstab(card['explicit'], card['our_judgement']); the check ignores empty "
            "cells and margins.")
    if unanswered(answer):
        return say(False, NOT_DONE, hint)
    got = _cells(answer)
    if isinstance(got, str):
        return say(False, got, hint)
    return check_items(got, expected, what="non-empty cells", hint=hint)
