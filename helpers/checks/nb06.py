"""Checks for 06_epilogue.ipynb. Each computes its answer from the data when called."""

from __future__ import annotations

import pandas as pd

from helpers.data import load
from helpers.exercises import Verdict, check_items, check_number
from helpers.scorecard import rp_years


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


def check_rp_2014(answer) -> Verdict:
    """Reserves-to-production ratio in 2014, in years: proved reserves / (2014 output a year)."""
    expected = rp_years(load("oil_production"), 2014)
    return check_number(answer, expected, tol=0.3, unit="years",
                        hint="Reserves are in thousand million barrels, output in thousand "
                             "barrels a day: convert both to barrels, and days to a year.")


def _cells(table) -> set[tuple[bool, str, int]]:
    """The non-zero cells of a cross-tabulation of explicit against our_judgement, in either
    orientation, as (explicit, judgement, count)."""
    cells = set()
    for row, series in table.iterrows():
        for col, n in series.items():
            if int(n) == 0:
                continue
            if isinstance(row, (bool,)) or str(row) in ("True", "False"):
                cells.add((str(row) == "True", str(col), int(n)))
            else:
                cells.add((str(col) == "True", str(row), int(n)))
    return cells


def check_crosstab(answer) -> Verdict:
    """A count of the scorecard's assessments by ``explicit`` and ``our_judgement``
    (pd.crosstab, either way round; empty cells and margins ignored)."""
    card = load("scorecard")
    expected = _cells(pd.crosstab(card["explicit"], card["our_judgement"].astype(str)))
    hint = "pd.crosstab of the two columns; the check ignores empty cells and margins."
    if answer is ... or answer is None:
        return check_items(answer, expected, what="cells", hint=hint)
    got = _cells(answer.drop(index="All", columns="All", errors="ignore")) \
        if isinstance(answer, pd.DataFrame) else answer
    return check_items(got, expected, what="non-empty cells", hint=hint)
