"""Checks for 06_epilogue.ipynb. Each computes its answer from the data when called."""

from __future__ import annotations

import pandas as pd

from helpers.data import load
from helpers.energy import production, rp_ratio
from helpers.exercises import (ONE_DECIMAL, Verdict, as_number, kind, check_items, check_number,
                               check_year, not_done, rounded_too_far, say, show,
                               unanswered)
from helpers.scorecard import judgements, later_output, share_of

#: Exercise 1's years: the article's "no oil by 2025" (p. 67, n. 40) against its peak year.
SCORE_YEAR, BASE_YEAR = 2025, 2010
def check_share_2025(answer) -> Verdict:
    """Azerbaijan's national oil output in 2025 as a percentage of its 2010 output (both from
    the national series, million tonnes), to one decimal (within 0.05).

    Names the usual slips: a share of 1 instead of a percentage, the ratio upside down, and
    2010 taken from BP's series (a different source and definition).

    >>> check_share_2025(...)
    ⏳ Not answered yet: replace ... with your answer. Hint: Divide the 2025 value of the national series by its 2010 value, times 100; give one decimal.
    Verdict(False)
    >>> check_share_2025(0.5452755)
    ❌ Not yet: 0.545276 is too low: it looks like a share (a fraction of 1): multiply by 100 to give a percentage. Hint: Divide the 2025 value of the national series by its 2010 value, times 100; give one decimal.
    Verdict(False)
    """
    hint = (f"Divide the {SCORE_YEAR} value of the national series by its {BASE_YEAR} value, "
            "times 100; give one decimal.")
    expected = share_of(SCORE_YEAR, BASE_YEAR)
    value = None if unanswered(answer) else as_number(answer)
    if value is not None and value == value and not rounded_too_far(value, expected):
        national = later_output("national")["mt"]
        bp_base = 100 * national[SCORE_YEAR] / production().loc[BASE_YEAR, "mt"]
        if abs(value - 1e4 / expected) <= ONE_DECIMAL:
            return say(False, f"❌ Not yet: {show(value)} looks like the ratio upside down: "
                              f"divide {SCORE_YEAR} by {BASE_YEAR}, not the other way round.",
                       hint)
        if abs(value - bp_base) <= ONE_DECIMAL:
            return say(False, f"❌ Not yet: {show(value)} takes {BASE_YEAR} from BP's series "
                              f"and {SCORE_YEAR} from the national one: use the national series "
                              "for both years (the two series are not the same measure).", hint)
    # the share given for a percentage is named by check_number (unit "%")
    return check_number(answer, expected, tol=ONE_DECIMAL, unit="%", hint=hint)


def changed_verdicts() -> list[str]:
    """The assessments whose verdict in OUR 2026 reading differs from the 2024 reading
    (rows the 2024 reading did not score are left out).

    >>> sorted(changed_verdicts())[:2]
    ['neighbours_constrain', 'oil_2025']
    """
    card = load("scorecard")
    then = card["judgement_2024"].astype("string")
    now = card["our_judgement"].astype("string")
    return card.loc[then.notna() & (then != now), "id"].tolist()


def check_changed_verdicts(answer) -> Verdict:
    """The ids of the assessments whose verdict changed between the 2024 and the 2026
    reading, in any order. Including the rows with no 2024 verdict is named as a slip.

    >>> check_changed_verdicts(...)
    ⏳ Not answered yet: replace ... with your answer. Hint: Compare judgement_2024 with our_judgement, row by row; leave out the rows the 2024 reading did not score (judgement_2024 empty).
    Verdict(False)
    """
    hint = ("Compare judgement_2024 with our_judgement, row by row; leave out the rows the 2024 "
            "reading did not score (judgement_2024 empty).")
    expected = set(changed_verdicts())
    if not unanswered(answer) and not isinstance(answer, (str, pd.DataFrame)):
        try:
            got = set(answer)
        except TypeError:
            got = None
        card = load("scorecard")
        unscored = set(card.loc[card["judgement_2024"].isna(), "id"])
        if got is not None and unscored and got == expected | unscored:
            return say(False, "❌ Not yet: the rows with no 2024 verdict (judgement_2024 "
                              "empty) were not scored in 2024, so their verdict did not "
                              "change: leave them out.", hint)
    return check_items(answer, expected, what="assessment ids", hint=hint)


def rp_year() -> int:
    """The year of Exercise 2: the last year of the checked BP series.

    >>> rp_year()
    2020
    """
    return int(load("oil_production")["year"].max())


def check_rp_2020(answer) -> Verdict:
    """Reserves-to-production ratio in 2020, in years, to one decimal (within 0.05, which the
    ratio of another year is far outside): proved reserves / (2020 output a year). Production
    over reserves, the ratio upside down, gets its own message.

    >>> check_rp_2020(...)
    ⏳ Not answered yet: replace ... with your answer. Hint: Use the 2020 row, give one decimal. Reserves are in thousand million barrels, output in thousand barrels a day: convert both to barrels, and days to a year.
    Verdict(False)
    """
    year = rp_year()
    return check_number(answer, rp_ratio(year), tol=ONE_DECIMAL, unit="years",
                        slips=("inverse",),
                        hint=f"Use the {year} row, give one decimal. Reserves are in "
                             "thousand million barrels, output in thousand barrels a day: "
                             "convert both to barrels, and days to a year.")


def check_end_year_2020(answer) -> Verdict:
    """The year the reserves would run out at the 2020 rate (2020 + the R/P ratio), as a whole
    year: the computed year rounded down or up (:func:`helpers.exercises.check_year`)."""
    year = rp_year()
    return check_year(answer, year + rp_ratio(year),
                      hint=f"Add the {year} R/P ratio to {year}, then round the year down or up.")


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
            f"Series from groupby([...]).size()), got {kind(answer)}.")


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
    ❌ Expected a table of counts with two dimensions (a DataFrame from pd.crosstab, or a Series from groupby([...]).size()), got a list. Hint: Count the assessments of the scorecard by its two columns `explicit` and `our_judgement` (pd.crosstab, or groupby and size); the check ignores empty cells and margins.
    Verdict(False)
    """
    card = load("scorecard")
    expected = _cells(pd.crosstab(card["explicit"], card["our_judgement"].astype(str)))
    hint = ("Count the assessments of the scorecard by its two columns `explicit` and "
            "`our_judgement` (pd.crosstab, or groupby and size); the check ignores empty "
            "cells and margins.")
    if unanswered(answer):
        return say(False, not_done(answer), hint)
    got = _cells(answer)
    if isinstance(got, str):
        return say(False, got, hint)
    return check_items(got, expected, what="non-empty cells", hint=hint)
