"""Checks for 00_introduction.ipynb. The policy they follow (names, precision, types, case,
slips) is written in :mod:`helpers.exercises`."""

from helpers.data import load
from helpers.exercises import check_number


def check_visit_count(answer) -> bool:
    """How many high-level visits does the article list (p. 62)?

    >>> check_visit_count(...)
    ⏳ Not answered yet: replace ... with your answer. Hint: Each row of the visits table is one visit: count its rows (section 1 shows the table).
    Verdict(False)
    """
    return check_number(answer, expected=len(load("visits")),
                        hint="Each row of the visits table is one visit: count its rows "
                             "(section 1 shows the table).")


def check_israeli_visits(answer) -> bool:
    """How many of those visits went from Israel to Azerbaijan?"""
    visits = load("visits")
    expected = int((visits["from_code"].astype(str) == "IL").sum())
    return check_number(answer, expected=expected,
                        hint="Filter the rows whose from_code is 'IL', then count them.")
