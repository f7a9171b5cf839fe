"""Checks a student can call for feedback on an exercise.

A check prints one line of feedback and returns True or False. It never prints the answer:
it says what kind of answer is expected, whether the answer is too high or too low, or how
many items are missing, with a hint. An exercise not yet done (its answer still ``...``)
gets a reminder, not a traceback::

    >>> check_number(..., expected=16, hint="Look at p. 63.")
    ⏳ Not answered yet: replace ... with your answer. Hint: Look at p. 63.
    Verdict(False)
    >>> bool(check_number(16.0, expected=16))
    ✅ Correct.
    True

A check returns a :class:`Verdict`, true when the answer is right; in a notebook it shows
nothing beyond the printed line.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

NOT_DONE = "⏳ Not answered yet: replace ... with your answer."
CORRECT = "✅ Correct."


class Verdict:
    """The result of a check: true when the answer is right. A notebook shows nothing for it,
    since the printed line is the feedback."""

    __slots__ = ("ok",)

    def __init__(self, ok: bool):
        self.ok = bool(ok)

    def __bool__(self) -> bool:
        return self.ok

    def __eq__(self, other) -> bool:
        if isinstance(other, (bool, Verdict)):
            return self.ok == bool(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.ok)

    def __repr__(self) -> str:
        return f"Verdict({self.ok})"

    def _ipython_display_(self) -> None:
        """Display nothing: the feedback has been printed."""


def _say(ok: bool, message: str, hint: str | None) -> Verdict:
    if not ok and hint:
        message += f" Hint: {hint}"
    print(message)
    return Verdict(ok)


def _unanswered(answer) -> bool:
    return answer is ... or answer is None


def _as_scalar(answer):
    """A number from a plain number or from a one-element array or Series; else None."""
    if isinstance(answer, bool):
        return None
    if isinstance(answer, (int, float)):
        return float(answer)
    if getattr(answer, "size", None) == 1 and hasattr(answer, "item"):  # numpy, pandas
        return _as_scalar(answer.item())
    if getattr(answer, "shape", ()) == () and hasattr(answer, "__float__"):  # numpy scalars
        return float(answer)
    return None


def check_number(answer, expected: float, *, tol: float = 0.0, rel: float = 0.0,
                 hint: str | None = None, unit: str = "") -> Verdict:
    """Is ``answer`` a number within ``tol`` (absolute) or ``rel`` (relative) of ``expected``?

    A one-element array or Series counts as its number; NaN is refused with a reason.
    """
    if _unanswered(answer):
        return _say(False, NOT_DONE, hint)
    value = _as_scalar(answer)
    if value is None:
        size = getattr(answer, "size", None)
        more = f" with {size} values; pick the one you need" if size else ""
        return _say(False, f"❌ Expected a number{' in ' + unit if unit else ''}, "
                           f"got {type(answer).__name__}{more}.", hint)
    if value != value:
        return _say(False, "❌ Expected a number, got NaN (a missing value): check for empty "
                           "cells in the rows you used.", hint)
    margin = max(tol, abs(expected) * rel)
    if abs(value - expected) <= margin:
        return _say(True, CORRECT, None)
    direction = "too high" if value > expected else "too low"
    return _say(False, f"❌ Not yet: {value:g}{' ' + unit if unit else ''} is {direction}.", hint)


def _count(n: int, verb_one: str, verb_many: str) -> str:
    return f"{n} {verb_one if n == 1 else verb_many}"


def check_items(answer, expected: Iterable, *, hint: str | None = None, what: str = "items") -> Verdict:
    """Does ``answer`` (any iterable) hold exactly the ``expected`` items, in any order?

    Feedback counts what is missing and what should not be there, without naming them, and
    says when the items have the wrong type or the wrong capitalisation.
    """
    if _unanswered(answer):
        return _say(False, NOT_DONE, hint)
    if isinstance(answer, pd.DataFrame):
        return _say(False, f"❌ Expected a list of {what}, got a whole table: take the column you "
                           f"need, e.g. table['column'].tolist().", hint)
    if isinstance(answer, str) or not isinstance(answer, Iterable):
        return _say(False, f"❌ Expected a list or set of {what}, got {type(answer).__name__}.", hint)
    got, want = set(answer), set(expected)
    if got == want:
        return _say(True, CORRECT, None)
    want_types = {type(w).__name__ for w in want}
    got_types = {type(g).__name__ for g in got}
    if got and want and not got & want and got_types.isdisjoint(want_types):
        return _say(False, f"❌ The {what} should be of type {', '.join(sorted(want_types))}, "
                           f"got {', '.join(sorted(got_types))}.", hint)
    if {str(g).casefold() for g in got} == {str(w).casefold() for w in want}:
        return _say(False, f"❌ Almost: write the {what} exactly as the data spell them "
                           f"(capital letters included).", hint)
    parts = []
    if want - got:
        parts.append(_count(len(want - got), "is missing", "are missing"))
    if got - want:
        parts.append(_count(len(got - want), "should not be there", "should not be there"))
    return _say(False, f"❌ Not yet: of your {what}, {' and '.join(parts)} "
                       f"({len(got)} given, {len(want)} expected).", hint)


def check_choice(answer, correct, options: Iterable, *, hint: str | None = None) -> Verdict:
    """A multiple-choice answer: must be one of ``options``; right if it equals ``correct``."""
    options = list(options)
    if _unanswered(answer):
        return _say(False, NOT_DONE + f" Choose one of: {', '.join(map(repr, options))}.", hint)
    if answer not in options:
        return _say(False, f"❌ {answer!r} is not one of the options: {', '.join(map(repr, options))}.", hint)
    if answer == correct:
        return _say(True, CORRECT, None)
    return _say(False, f"❌ Not {answer!r}. Think again.", hint)


def check_frame(answer, *, columns: Iterable[str], rows: int | None = None,
                hint: str | None = None) -> Verdict:
    """Is ``answer`` a DataFrame with these columns (and this many rows, if given)?"""
    if _unanswered(answer):
        return _say(False, NOT_DONE, hint)
    if not isinstance(answer, pd.DataFrame):
        return _say(False, f"❌ Expected a pandas DataFrame, got {type(answer).__name__}.", hint)
    missing = [c for c in columns if c not in answer.columns]
    if missing:
        return _say(False, f"❌ Not yet: columns missing: {', '.join(missing)}.", hint)
    if rows is not None and len(answer) != rows:
        more = "more" if len(answer) < rows else "fewer"
        return _say(False, f"❌ Not yet: {len(answer)} rows; expected {more}.", hint)
    return _say(True, CORRECT, None)
