"""Checks for 00_introduction.ipynb."""

from helpers.data import load
from helpers.exercises import check_number


def check_visit_count(answer) -> bool:
    """How many high-level visits does the article list (p. 62)?

    >>> check_visit_count(...)
    ⏳ Not answered yet: replace ... with your answer. Hint: len() of the visits table.
    Verdict(False)
    """
    return check_number(answer, expected=len(load("visits")),
                        hint="len() of the visits table.")


def check_israeli_visits(answer) -> bool:
    """How many of those visits went from Israel to Azerbaijan?"""
    visits = load("visits")
    expected = int((visits["from_code"].astype(str) == "IL").sum())
    return check_number(answer, expected=expected,
                        hint="Filter the rows whose from_code is 'IL', then count them.")
