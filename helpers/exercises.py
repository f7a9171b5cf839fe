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

A check of one notebook (``helpers/checks/nbNN.py``) is built from the same parts:
:func:`unanswered` (is the answer still ``...``?), :func:`as_number` (the number in an answer,
from a float, a numpy number or a one-element Series), :func:`not_a_number` (why it is not
one) and :func:`say` (print the line, with the hint after a wrong answer, and return the
Verdict).
"""

from __future__ import annotations

from collections.abc import Iterable
from numbers import Real

import numpy as np
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


def say(ok: bool, message: str, hint: str | None = None) -> Verdict:
    """Print one line of feedback (with the hint after a wrong answer) and return the Verdict.

    The one way a check reports, so that every check words its hint the same way::

        >>> say(False, "❌ Not yet.", "Look at p. 63.")
        ❌ Not yet. Hint: Look at p. 63.
        Verdict(False)
    """
    if not ok and hint:
        message += f" Hint: {hint}"
    print(message)
    return Verdict(ok)


def unanswered(answer) -> bool:
    """True while the exercise is not done: the answer is still ``...`` (or None).

    >>> unanswered(...), unanswered(0)
    (True, False)
    """
    return answer is ... or answer is None


def _missing(value) -> bool:
    """pd.NA or pd.NaT: a missing value that is not a float NaN."""
    return value is pd.NA or value is pd.NaT


def _is_bool(value) -> bool:
    return isinstance(value, (bool, np.bool_))


def as_number(answer) -> float | None:
    """The number in ``answer`` as a float: from a plain int or float, a numpy number, or a
    one-element array or Series. A missing value (NaN, pd.NA, pd.NaT) gives NaN; anything
    else, True and False included, gives None.

    >>> as_number(16), as_number(np.array([2.5])), as_number(pd.Series([7], dtype="Int64"))
    (16.0, 2.5, 7.0)
    >>> as_number(pd.NA)
    nan
    >>> as_number(np.True_) is None, as_number("16") is None, as_number([16]) is None
    (True, True, True)
    """
    if _missing(answer):
        return float("nan")
    if _is_bool(answer):
        return None
    if isinstance(answer, Real):  # int, float and the numpy numbers
        return float(answer)
    if getattr(answer, "size", None) == 1 and hasattr(answer, "item"):  # numpy, pandas
        try:
            value = answer.item()
        except (TypeError, ValueError):
            return None
        if value is not answer:
            return as_number(value)
    return None


#: Kept for code written against the earlier, private names.
_say, _unanswered, _as_scalar = say, unanswered, as_number


def _type_name(value) -> str:
    """The type of ``value`` as a student would look it up: numpy types with their module.

    >>> _type_name(np.True_), _type_name("a")
    ('numpy.bool', 'str')
    """
    kind = type(value)
    module = kind.__module__.split(".")[0]
    return f"numpy.{kind.__name__}" if module == "numpy" else kind.__name__


def _a(name: str) -> str:
    return f"{'an' if name[0].lower() in 'aeiou' else 'a'} {name}"


def not_a_number(answer, unit: str = "") -> str:
    """Why ``answer`` is not a number, for when :func:`as_number` gives None.

    >>> not_a_number(np.True_)
    '❌ Expected a number, got numpy.bool (True or False).'
    >>> not_a_number(pd.Series(["16"]))
    '❌ Expected a number, got a Series whose one value is a str.'
    """
    expected = f"❌ Expected a number{' in ' + unit if unit else ''}"
    if _is_bool(answer):
        return f"{expected}, got {_type_name(answer)} (True or False)."
    size = getattr(answer, "size", None)
    if size == 1 and hasattr(answer, "item"):
        try:
            inner = answer.item()
        except (TypeError, ValueError):
            inner = answer
        if inner is not answer:
            what = (f"{_type_name(inner)} (True or False)" if _is_bool(inner)
                    else _a(_type_name(inner)))
            return f"{expected}, got {_a(_type_name(answer))} whose one value is {what}."
    if isinstance(size, int) and size > 1:
        return f"{expected}, got {_type_name(answer)} with {size} values; pick the one you need."
    if size == 0:
        return f"{expected}, got an empty {_type_name(answer)}: it holds no value."
    return f"{expected}, got {_type_name(answer)}."


NAN_MESSAGE = ("❌ Expected a number, got NaN (a missing value): check for empty cells in the "
               "rows you used.")


def check_number(answer, expected: float, *, tol: float = 0.0, rel: float = 0.0,
                 hint: str | None = None, unit: str = "") -> Verdict:
    """Is ``answer`` a number within ``tol`` (absolute) or ``rel`` (relative) of ``expected``?

    A one-element array or Series counts as its number (see :func:`as_number`); NaN, pd.NA,
    True and False are refused with a reason.
    """
    if unanswered(answer):
        return say(False, NOT_DONE, hint)
    value = as_number(answer)
    if value is None:
        return say(False, not_a_number(answer, unit), hint)
    if value != value:
        return say(False, NAN_MESSAGE, hint)
    margin = max(tol, abs(expected) * rel)
    if abs(value - expected) <= margin:
        return say(True, CORRECT)
    direction = "too high" if value > expected else "too low"
    return say(False, f"❌ Not yet: {value:g}{' ' + unit if unit else ''} is {direction}.", hint)


def _count(n: int, verb_one: str, verb_many: str) -> str:
    return f"{n} {verb_one if n == 1 else verb_many}"


def check_items(answer, expected: Iterable, *, hint: str | None = None, what: str = "items") -> Verdict:
    """Does ``answer`` (any iterable) hold exactly the ``expected`` items, in any order, each
    once?

    Feedback counts what is missing and what should not be there, without naming them, and
    says when the items have the wrong type or the wrong capitalisation, are repeated, or are
    not plain values (a list inside the list)::

        >>> check_items(["AZ", "AZ"], ["AZ"], what="codes")
        ❌ Not yet: give each item once (2 codes given, 1 different).
        Verdict(False)
    """
    if unanswered(answer):
        return say(False, NOT_DONE, hint)
    if isinstance(answer, pd.DataFrame):
        return say(False, f"❌ Expected a list of {what}, got a whole table: take the column you "
                          f"need, e.g. table['column'].tolist().", hint)
    if isinstance(answer, str) or not isinstance(answer, Iterable):
        return say(False, f"❌ Expected a list or set of {what}, got {_type_name(answer)}.", hint)
    items = list(answer)
    try:
        got = set(items)
    except TypeError:
        inner = next(type(i).__name__ for i in items if not _hashable(i))
        return say(False, f"❌ Expected a list of plain values (text or numbers) as the {what}, "
                          f"got {_a(_type_name(answer))} holding {_a(inner)}.", hint)
    if len(items) != len(got):
        return say(False, f"❌ Not yet: give each item once ({len(items)} {what} given, "
                          f"{len(got)} different).", hint)
    want = set(expected)
    if got == want:
        return say(True, CORRECT)
    want_types = {type(w).__name__ for w in want}
    got_types = {type(g).__name__ for g in got}
    if got and want and not got & want and got_types.isdisjoint(want_types):
        return say(False, f"❌ The {what} should be of type {', '.join(sorted(want_types))}, "
                          f"got {', '.join(sorted(got_types))}.", hint)
    if {str(g).casefold() for g in got} == {str(w).casefold() for w in want}:
        return say(False, f"❌ Almost: write the {what} exactly as the data spell them "
                          f"(capital letters included).", hint)
    parts = []
    if want - got:
        parts.append(_count(len(want - got), "is missing", "are missing"))
    if got - want:
        parts.append(_count(len(got - want), "should not be there", "should not be there"))
    return say(False, f"❌ Not yet: of your {what}, {' and '.join(parts)} "
                      f"({len(got)} given, {len(want)} expected).", hint)


def _hashable(value) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def check_choice(answer, correct, options: Iterable, *, hint: str | None = None) -> Verdict:
    """A multiple-choice answer: must be one of ``options``; right if it equals ``correct``.

    ``correct`` must be one of the ``options`` (else the exercise is broken: ValueError)."""
    options = list(options)
    if correct not in options:
        raise ValueError(f"the correct answer {correct!r} is not one of the options {options!r}")
    if unanswered(answer):
        return say(False, NOT_DONE + f" Choose one of: {', '.join(map(repr, options))}.", hint)
    if not _hashable(answer) or answer not in options:
        return say(False, f"❌ {answer!r} is not one of the options: "
                          f"{', '.join(map(repr, options))}.", hint)
    if answer == correct:
        return say(True, CORRECT)
    return say(False, f"❌ Not {answer!r}. Think again.", hint)
