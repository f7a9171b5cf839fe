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

One policy for every notebook
-----------------------------
Every check of every notebook applies the same rules, and each exercise's text states the
ones that bear on it, in these words:

- **Names.** Exercise N assigns ``answer_N`` (``answer_Na`` and ``answer_Nb`` when it asks
  for two values); no two exercises share a name, so a check never grades another
  exercise's value. A check cell that finds its name unset (the exercise cell was not run,
  or stopped with an error before assigning it) prints a reminder naming it instead of a
  ``NameError`` traceback (:func:`install`, called by ``helpers.setup()``). An exercise
  cell that stops with an error unsets the answer names it assigns, so that its check never
  grades a value left from an earlier run; the reminder then says that the cell stopped
  with an error. An answer still ``...`` gets the ⏳ reminder; if the last cell run stopped
  with an error, the reminder says so.
- **Hints.** The hint is printed with the reminder too, before any attempt: it names the
  table, the columns or the function to use and the steps in words, never a line of code
  that computes the answer.
- **Precision.** "To one decimal" means within 0.05 (:data:`ONE_DECIMAL`); "a whole
  number" means within 0.5 (:data:`WHOLE`); "a whole year", for a year computed from a
  ratio, means a whole number equal to the computed year rounded down or up (2046 or 2047
  for 2046.78), and a number that is not whole is told to give a whole year
  (:func:`check_year`); counts, days, a year read from the data and ids are exact, and the
  text says so. Any other tolerance a check applies (0.1% of an area, 10 km) is written in the
  exercise's text.
- **Types.** A number is an int, a float or a numpy number, or a one-element Series or
  array; True/False, text such as ``"16"`` and lists are refused, each with its reason.
  The one exception is a page: ``63``, ``63.0`` and ``"63"`` are the same page
  (:func:`as_page`), in every check that asks for pages; text that is not the number alone
  (``"p. 63"``) is told so. None is not an answer, and the reminder says so
  (:func:`not_done`).
- **Series.** A one-element Series or array counts as its one value (a number, a choice),
  and so does a one-item list or tuple for a single choice (:func:`check_choice`);
  a Series, an array, an Index, a list, a tuple or a set counts as its items (a list of
  ids). A whole table (DataFrame) is refused with how to take its column.
- **Case.** Text answers — codes, ids, names, options — are compared exactly, capital
  letters included, in every notebook, as pandas compares them (``df[df["from_code"] ==
  "il"]`` finds nothing). An answer right but for its capitals gets a message of its own,
  and so does one right but for spaces around it.
- **Slips.** The common slips get a message that names them (:func:`slip`): a fraction for
  a percentage (the message then shows the value without the unit), square metres for km²,
  a ratio or a percentage upside down, a number written as text, and, wherever "to one
  decimal" applies, a whole number rounded from the right value ("rounded too far",
  :func:`check_number`).
- **Messages.** A message shows the student's own value, never the answer, written plainly
  (:func:`show`: one format, no scientific notation) and names types in words
  (:func:`kind`), never as a numpy or pandas type name or repr; it opens with a capital
  letter (:func:`say`).

A notebook's checks follow the policy by using these functions; its exercise texts and
names are held to it by ``tests/test_structure.py``, which lists a notebook not yet
converted in ``ANSWER_NAMES_PENDING`` (with why) until it is.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from numbers import Integral, Real

import numpy as np
import pandas as pd

NOT_DONE = "⏳ Not answered yet: replace ... with your answer."
CORRECT = "✅ Correct."

#: "To one decimal": within half a unit of the first decimal.
ONE_DECIMAL = 0.05
#: "A whole number": within half a unit.
WHOLE = 0.5

#: The names the exercises assign: ``answer_3``, ``answer_2a``.
ANSWER_NAME = re.compile(r"answer_\d+[a-z]?")


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


def _last_error() -> str | None:
    """The kind of error the last cell run in this notebook stopped with, if it did (None
    outside a notebook, or when that cell ran through)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    shell = get_ipython()
    result = getattr(shell, "last_execution_result", None)
    if result is None or result.success:
        return None
    error = result.error_in_exec or result.error_before_exec
    return type(error).__name__ if error is not None else None


def say(ok: bool, message: str, hint: str | None = None) -> Verdict:
    """Print one line of feedback (with the hint after a wrong answer) and return the Verdict.

    The one way a check reports, so that every check words its hint the same way::

        >>> say(False, "❌ Not yet.", "Look at p. 63.")
        ❌ Not yet. Hint: Look at p. 63.
        Verdict(False)

    The ⏳ reminder adds, in a notebook whose last cell stopped with an error, that the
    answer may not have been assigned.
    """
    if message.startswith("❌ ") and message[2:3].islower() and message[2:].split(" ", 1)[0].isalpha():
        message = "❌ " + message[2].upper() + message[3:]  # a message opens with a capital
    if message.startswith(NOT_DONE):
        error = _last_error()
        if error:
            message += (f" (The last cell you ran stopped with a {error}, so it may not have "
                        "assigned your answer: fix the error and run that cell again.)")
    if not ok and hint:
        message += f" Hint: {hint}"
    print(message)
    return Verdict(ok)


NONE_ANSWER = ("⏳ Not answered yet: None is not an answer. A function that prints a value "
               "instead of returning it gives None (print(), a list's .sort()): assign the "
               "value itself.")


def not_done(answer) -> str:
    """The ⏳ reminder for an answer :func:`unanswered` finds: for ``...`` the usual one, for
    None one that says None is not an answer.

    >>> not_done(...) == NOT_DONE, not_done(None).startswith("⏳ Not answered yet: None")
    (True, True)
    """
    return NONE_ANSWER if answer is None else NOT_DONE


def unanswered(answer) -> bool:
    """True while the exercise is not done: the answer is still ``...`` (or None).

    >>> unanswered(...), unanswered(0)
    (True, False)
    """
    return answer is ... or answer is None


def unset_message(name: str, error: str | None = None) -> str:
    """What a check cell prints when the answer's name is not set; ``error`` is the kind of
    error the exercise cell that assigns it stopped with, when :func:`install` saw it.

    >>> print(unset_message("answer_3"))
    ⏳ Not answered yet: answer_3 is not set. Run the exercise cell above, which assigns it (if that cell stops with an error, fix the error and run it again), then run this check.
    >>> print(unset_message("answer_3", "KeyError"))
    ⏳ Not answered yet: answer_3 is not set, because the exercise cell that assigns it stopped with a KeyError (an answer from an earlier run is not graded). Fix the error, run that cell again, then run this check.
    """
    if error:
        return (f"⏳ Not answered yet: {name} is not set, because the exercise cell that assigns "
                f"it stopped with a {error} (an answer from an earlier run is not graded). Fix "
                "the error, run that cell again, then run this check.")
    return (f"⏳ Not answered yet: {name} is not set. Run the exercise cell above, which "
            "assigns it (if that cell stops with an error, fix the error and run it again), "
            "then run this check.")


#: A line that assigns answer names: ``answer_3 = ...``, ``answer_2a, answer_2b = ...``,
#: annotated (``answer_1: int = ...``) or augmented (``answer_0 += 1``).
_ASSIGNS = re.compile(r"^[ \t]*\(?((?:answer_\d+[a-z]?[ \t]*,?[ \t]*)+)\)?[ \t]*"
                      r"(?::[^=\n]*|//|\*\*|<<|>>|[-+*/%@&|^])?=(?!=)", re.MULTILINE)


def assigned_answers(source: str) -> list[str]:
    """The answer names a cell's source assigns at the start of a line.

    >>> assigned_answers("answer_3 = arms['nope']\\nanswer_2a, answer_2b = 1, 2\\nanswer_4 == 1")
    ['answer_3', 'answer_2a', 'answer_2b']
    >>> assigned_answers("answer_0 += 1; 1/0\\nanswer_1: int = 'x'\\nanswer_5 **= 2\\nanswer_6 <= 1")
    ['answer_0', 'answer_1', 'answer_5']
    """
    names = []
    for match in _ASSIGNS.finditer(source):
        names += [n for n in ANSWER_NAME.findall(match.group(1)) if n not in names]
    return names


class _AnswerGuard:
    """IPython's post_run_cell hook: when a cell stops with an error, the answer names it
    assigns are removed from the notebook, so that a check never grades a value left from an
    earlier run of that cell; it remembers the error for :func:`unset_message`. A cell that
    runs through clears what was remembered of its names."""

    def __init__(self, shell):
        self.shell = shell
        self.failed: dict[str, str] = {}

    def __call__(self, result) -> None:
        info = getattr(result, "info", None)
        source = getattr(info, "raw_cell", None) or ""
        names = assigned_answers(source)
        if not names:
            return
        error = None if result.success else (result.error_in_exec or result.error_before_exec)
        for name in names:
            if error is None:
                self.failed.pop(name, None)
            else:
                self.shell.user_ns.pop(name, None)
                self.failed[name] = type(error).__name__


def _cell_names(tb) -> list[str]:
    """The names the cell's code reads, in the order they stand in it: from the cell's
    source (IPython keeps it in ``linecache`` under the outermost '<module>' frame's file
    name, and runs a cell's statements one by one), else from that frame's code."""
    import ast
    import linecache

    while tb is not None and tb.tb_frame.f_code.co_name != "<module>":
        tb = tb.tb_next
    if tb is None:
        return []
    code = tb.tb_frame.f_code
    try:
        tree = ast.parse("".join(linecache.getlines(code.co_filename)))
    except SyntaxError:
        return list(code.co_names)
    names = [(n.lineno, n.col_offset, n.id) for n in ast.walk(tree)
             if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)]
    return list(dict.fromkeys(name for _, _, name in sorted(names))) or list(code.co_names)


def _unset_answer_handler(shell, etype, value, tb, tb_offset=None):
    """IPython's handler for a NameError: an exercise's answer name that is not set gets the
    reminder, and so does every other answer name of the same cell that is not set (a check
    cell that checks two answers names both); any other name gets its usual traceback."""
    name = getattr(value, "name", None)
    if isinstance(name, str) and ANSWER_NAME.fullmatch(name):
        guard = getattr(shell, "_answer_guard", None)
        names = [name] + [n for n in _cell_names(tb) if n != name and ANSWER_NAME.fullmatch(n)
                          and n not in shell.user_ns]
        for unset in names:
            print(unset_message(unset, guard.failed.get(unset) if guard else None))
    else:
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset)


def install(shell=None) -> bool:
    """In a notebook (an IPython shell), make a check cell whose answer name is not set print
    :func:`unset_message` instead of a NameError, and make an exercise cell that stops with
    an error unset the answer names it assigns (so its check cannot grade an old value: see
    :class:`_AnswerGuard`). Called by ``helpers.setup()``, as often as it likes (the hook is
    registered once); returns whether there was a shell to install it in (none in a plain
    script).
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
        if shell is None:
            return False
    shell.set_custom_exc((NameError,), _unset_answer_handler)
    old = _drop_guard(shell)
    guard = _AnswerGuard(shell)
    if old is not None:
        guard.failed.update(old.failed)
    shell._answer_guard = guard
    shell.events.register("post_run_cell", guard)
    return True


def _drop_guard(shell):
    """Unregister the answer guard :func:`install` gave ``shell``, if any; returns it."""
    guard = getattr(shell, "_answer_guard", None)
    if guard is not None:
        try:
            shell.events.unregister("post_run_cell", guard)
        except ValueError:
            pass
        del shell._answer_guard
    return guard


def uninstall(shell) -> None:
    """Undo :func:`install` in ``shell`` (for tests that share one IPython shell)."""
    shell.set_custom_exc((), None)
    _drop_guard(shell)


def _missing(value) -> bool:
    """pd.NA or pd.NaT: a missing value that is not a float NaN."""
    return value is pd.NA or value is pd.NaT


def _is_bool(value) -> bool:
    return isinstance(value, (bool, np.bool_))


def _one_value(answer):
    """The one value of a one-element array or Series (the answer itself otherwise)."""
    if getattr(answer, "size", None) == 1 and hasattr(answer, "item") \
            and not isinstance(answer, (Real, np.generic)):
        try:
            return answer.item()
        except (TypeError, ValueError):
            return answer
    if isinstance(answer, np.generic):
        return answer.item()
    return answer


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


def show(value) -> str:
    """A number as a message writes it, in one format: never in scientific notation, at most
    six significant digits (whole numbers from a million on), trailing zeros dropped,
    thousands separated from 10,000 on (so that a year stays 2025), and a number below 0.01
    to three significant digits.

    >>> show(86_600_000_000.0), show(2025), show(1036.7), show(0.004848484), show(4.0)
    ('86,600,000,000', '2025', '1036.7', '0.00485', '4')
    >>> show(4747.6123), show(81_715.52), show(22_269.0), show(4 / 825e6)
    ('4747.61', '81,715.5', '22,269', '0.00000000485')
    >>> show(np.int64(12_345)), show(float("nan")), show(-float("inf"))
    ('12,345', 'NaN', '-infinity')
    """
    v = float(value)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "infinity" if v > 0 else "-infinity"
    if v == round(v) or abs(v) >= 1e6:
        whole = int(round(v))
        return f"{whole:,}" if abs(whole) >= 10_000 else str(whole)
    digits = 3 if abs(v) < 0.01 else 6
    text = np.format_float_positional(v, precision=digits, unique=True, fractional=False,
                                      trim="-")
    if abs(v) >= 10_000:
        whole, _, decimals = text.partition(".")
        text = f"{int(whole):,}" + (f".{decimals}" if decimals else "")
    return text


_KINDS = [  # (type, words), the first match wins
    (pd.DataFrame, "a whole table (a DataFrame)"),
    (pd.Series, "a Series"),
    (pd.Index, "an Index"),
    (np.ndarray, "an array"),
    (str, "text (a str)"),
    (dict, "a dict"),
    (list, "a list"),
    (tuple, "a tuple"),
    ((set, frozenset), "a set"),
    (type(None), "None"),
]


def kind(value) -> str:
    """The kind of ``value`` in words, as a message names it: never a numpy or pandas type
    name.

    >>> kind(np.True_), kind("a"), kind(np.int64(3)), kind(pd.Series([1])), kind(pd.Timestamp(0))
    ('True or False', 'text (a str)', 'a number', 'a Series', 'a date (a Timestamp)')
    """
    if _is_bool(value):
        return "True or False"
    if isinstance(value, (Real, np.number)):
        return "a number"
    if isinstance(value, (pd.Timestamp, np.datetime64)):
        return "a date (a Timestamp)"
    if isinstance(value, (pd.Timedelta, np.timedelta64)):
        return "a length of time (a Timedelta)"
    for types, words in _KINDS:
        if isinstance(value, types):
            return words
    if value is ...:
        return "..."
    return f"a value of type {type(value).__name__}"


def _type_name(value) -> str:
    """Kept for code written against the earlier name: :func:`kind`."""
    return kind(value)


def _numeric_text(value) -> float | None:
    """The number written in a piece of text ("16", " 4.8 "), else None."""
    if not isinstance(value, str):
        return None
    try:
        number = float(value.strip().replace(",", "").replace("−", "-"))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def not_a_number(answer, unit: str = "") -> str:
    """Why ``answer`` is not a number, for when :func:`as_number` gives None.

    >>> not_a_number(np.True_)
    '❌ Expected a number, got True or False.'
    >>> not_a_number(pd.Series(["16"]))
    '❌ Expected a number, got a Series whose one value is text (a str).'
    >>> not_a_number("16")
    '❌ Expected a number, got the text "16": write the number without quotes.'
    """
    expected = f"❌ Expected a number{' in ' + unit if unit else ''}"
    if _numeric_text(answer) is not None:
        return f'{expected}, got the text "{answer.strip()}": write the number without quotes.'
    if _is_bool(answer):
        return f"{expected}, got True or False."
    size = getattr(answer, "size", None)
    if size == 1 and hasattr(answer, "item"):
        try:
            inner = answer.item()
        except (TypeError, ValueError):
            inner = answer
        if inner is not answer:
            return f"{expected}, got {kind(answer)} whose one value is {kind(inner)}."
    if isinstance(size, int) and size > 1:
        return f"{expected}, got {kind(answer)} with {size} values; pick the one you need."
    if size == 0:
        return f"{expected}, got an empty {kind(answer).split(' ', 1)[1]}: it holds no value."
    if isinstance(answer, (list, tuple, set)):
        return f"{expected}, got {kind(answer)} of {len(answer)}; give the one number itself."
    return f"{expected}, got {kind(answer)}."


NAN_MESSAGE = ("❌ Expected a number, got NaN (a missing value): check for empty cells in the "
               "rows you used.")

#: Slip -> (what the student's value becomes once the slip is undone, what the message says).
SLIPS = {
    "percent": (lambda v: 100 * v,
                "it looks like a share (a fraction of 1): multiply by 100 to give a percentage"),
    "km2": (lambda v: v / 1e6,
            "it looks like square metres: divide by 1,000,000 (1 km² is 1,000,000 m²)"),
    "inverse": (lambda v: 1 / v if v else float("nan"),
                "it looks like the ratio upside down: divide the other way round"),
    # a percentage computed upside down: 100 × b / a (or 100 × 100 × b / a) for 100 × a / b
    "percent_inverse": (lambda v: 100 / v if v else float("nan"),
                        "it looks like the percentage upside down: divide the other way round"),
    "percent_inverse_100": (lambda v: 10_000 / v if v else float("nan"),
                            "it looks like the percentage upside down: divide the other way "
                            "round"),
    # a difference a − b computed as b − a
    "reversed": (lambda v: -v,
                 "it looks like the difference the other way round: subtract in the other "
                 "order (the answer is positive)"),
}

#: Units whose slips every check looks for by itself.
UNIT_SLIPS = {"%": ("percent", "percent_inverse", "percent_inverse_100"),
              "percentage points": ("percent",), "km²": ("km2",)}

#: The slips after which the unit is left out of the message: the value is not in that unit.
_NOT_IN_UNIT = {"percent", "km2"}

ROUNDED_TOO_FAR = "❌ Close, but rounded too far: give the answer to one decimal place."

#: How close a value must come, once a slip is undone, for the message to name the slip: 5%
#: of the expected value (or the check's own margin, if wider). It only words the feedback
#: on an answer already wrong; it never makes a wrong answer pass.
SLIP_CLOSENESS = 0.05


def slip(value: float, expected: float, slips: Iterable[str], margin: float = 0.0) -> str | None:
    """The message naming the slip that explains ``value`` (a wrong answer), or None.

    >>> slip(0.857, 85.7, ["percent"])
    'it looks like a share (a fraction of 1): multiply by 100 to give a percentage'
    >>> slip(0.206, 4.85, ["inverse"]) is not None, slip(3.0, 4.85, ["inverse"])
    (True, None)
    """
    named = _slip_name(value, expected, slips, margin)
    return SLIPS[named][1] if named else None


def _slip_name(value: float, expected: float, slips: Iterable[str], margin: float = 0.0):
    """The name of the slip that explains ``value``, or None (see :func:`slip`)."""
    near = max(margin, SLIP_CLOSENESS * abs(expected))
    for name in slips:
        undo, _ = SLIPS[name]
        if name == "percent" and not abs(value) <= 1:
            continue
        undone = undo(value)
        if undone == undone and abs(undone - expected) <= near:
            return name
    return None


def _total(answer) -> float | None:
    """The sum of several numbers given for one (a Series, an array, a list of parts), or
    None if ``answer`` is not that.

    >>> _total(pd.Series([1.5, 2.0])), _total([1, 2, 3]), _total(pd.Series(["a", "b"])), _total(4)
    (3.5, 6.0, None, None)
    """
    if not isinstance(answer, (pd.Series, np.ndarray, list, tuple)) or len(answer) < 2:
        return None
    try:
        values = [float(v) for v in np.asarray(answer, dtype=object).ravel()]
    except (TypeError, ValueError):
        return None
    if any(_is_bool(v) for v in np.asarray(answer, dtype=object).ravel()):
        return None
    total = math.fsum(values)
    return total if math.isfinite(total) else None


def rounded_too_far(value: float, expected: float) -> bool:
    """Is ``value`` the whole number ``expected`` rounds down or up to? For a check "to one
    decimal" this comes before any slip it might also look like (a check of its own that names
    a slip should ask it first).

    >>> rounded_too_far(54, 54.53), rounded_too_far(55.0, 54.53), rounded_too_far(53, 54.53)
    (True, True, False)
    """
    return value in (math.floor(expected), math.ceil(expected))


def check_number(answer, expected: float, *, tol: float = 0.0, rel: float = 0.0,
                 hint: str | None = None, unit: str = "", slips: Iterable[str] = ()) -> Verdict:
    """Is ``answer`` a number within ``tol`` (absolute) or ``rel`` (relative) of ``expected``?

    A one-element array or Series counts as its number (see :func:`as_number`); NaN, pd.NA,
    True and False and text are refused with a reason. A wrong answer that a common slip
    explains (:func:`slip`: those of ``unit``, see :data:`UNIT_SLIPS`, and ``slips``) is told
    which (a share or square metres without the unit, since the value is not in it)::

        >>> check_number(0.857, expected=85.7, tol=0.5, unit="%")
        ❌ Not yet: 0.857 is too low: it looks like a share (a fraction of 1): multiply by 100 to give a percentage.
        Verdict(False)

    With ``tol`` :data:`ONE_DECIMAL`, a whole number within 1 of ``expected`` (it rounded
    down or up) is told it was rounded too far::

        >>> check_number(5, expected=5.08, tol=ONE_DECIMAL, unit="%")
        ❌ Close, but rounded too far: give the answer to one decimal place.
        Verdict(False)
    """
    if unanswered(answer):
        return say(False, not_done(answer), hint)
    value = as_number(answer)
    margin = max(tol, abs(expected) * rel)
    if value is None:
        total = _total(answer)
        if total is not None and abs(total - expected) <= margin:
            return say(False, f"❌ Expected a number{' in ' + unit if unit else ''}, got "
                              f"{kind(answer)} with {len(answer)} values: add them up (.sum()) "
                              "to give one number.", hint)
        return say(False, not_a_number(answer, unit), hint)
    if value != value:
        return say(False, NAN_MESSAGE, hint)
    if abs(value - expected) <= margin:
        return say(True, CORRECT)
    if tol == ONE_DECIMAL and rounded_too_far(value, expected):
        return say(False, ROUNDED_TOO_FAR, hint)
    direction = "too high" if value > expected else "too low"
    named = _slip_name(value, expected, (*UNIT_SLIPS.get(unit, ()), *slips), margin)
    shown = f"{show(value)}{' ' + unit if unit and named not in _NOT_IN_UNIT else ''}"
    message = f"❌ Not yet: {shown} is {direction}"
    return say(False, f"{message}: {SLIPS[named][1]}." if named else f"{message}.", hint)


def check_year(answer, expected: float, *, hint: str | None = None) -> Verdict:
    """"A whole year": is ``answer`` a whole number (its value an integer: 2046, 2046.0, a
    numpy integer) equal to ``expected`` (a year computed from a ratio, e.g. 2046.78) rounded
    down or up? A number that is not whole is asked for a whole year; other answers are
    refused as :func:`check_number` refuses them::

        >>> bool(check_year(2046, 2046.78)), bool(check_year(2047.0, 2046.78))
        ✅ Correct.
        ✅ Correct.
        (True, True)
        >>> check_year(2046.78, 2046.78)
        ❌ Not yet: give a whole year (2046.78 is not a whole number): round the year down or up.
        Verdict(False)
        >>> check_year(2045, 2046.78)
        ❌ Not yet: 2045 is too low.
        Verdict(False)
    """
    if unanswered(answer):
        return say(False, not_done(answer), hint)
    value = as_number(answer)
    if value is None:
        return say(False, not_a_number(answer), hint)
    if value != value:
        return say(False, NAN_MESSAGE, hint)
    if math.isinf(value) or value != math.floor(value):
        return say(False, f"❌ Not yet: give a whole year ({show(value)} is not a whole "
                          "number): round the year down or up.", hint)
    if value in (math.floor(expected), math.ceil(expected)):
        return say(True, CORRECT)
    direction = "too high" if value > expected else "too low"
    return say(False, f"❌ Not yet: {show(value)} is {direction}.", hint)


def _count(n: int, verb_one: str, verb_many: str) -> str:
    return f"{n} {verb_one if n == 1 else verb_many}"


def _kind_of_items(types: set[str]) -> str:
    """The kinds of items, named by their types' names, in words (never a type name alone).

    >>> _kind_of_items({"bool", "int"}), _kind_of_items({"Timestamp"})
    ('True or False, whole numbers (int)', 'values of type Timestamp')
    """
    words = {"str": "text (str)", "int": "whole numbers (int)", "float": "numbers (float)",
             "bool": "True or False", "NoneType": "None", "tuple": "tuples", "list": "lists",
             "dict": "dicts", "frozenset": "sets"}
    return ", ".join(sorted(words.get(t, f"values of type {t}") for t in types))


def _items(answer):
    """The items of a list-like answer (list, tuple, set, Series, array, Index, iterator),
    numpy numbers as plain Python values."""
    return [_one_value(i) if isinstance(i, np.generic) else i for i in answer]


def _stripped(value):
    return value.strip() if isinstance(value, str) else value


def misspelled(got: Iterable, want: Iterable, what: str = "items") -> str | None:
    """The message for items right but for spaces around the text or their capital letters
    (both are compared exactly, so neither is accepted), or None.

    >>> misspelled([" oil_2025", "b"], ["oil_2025", "b"], "ids")
    '❌ Almost: remove the spaces around the text: write the ids exactly as the data spell them.'
    >>> misspelled(["A"], ["a"], "ids")
    '❌ Almost: write the ids exactly as the data spell them (capital letters included).'
    >>> misspelled(["a"], ["b"]) is None
    True
    """
    got, want = set(got), set(want)
    if got == want:
        return None
    if {_stripped(g) for g in got} == want:
        return (f"❌ Almost: remove the spaces around the text: write the {what} exactly as the "
                "data spell them.")
    if {str(_stripped(g)).casefold() for g in got} == {str(w).casefold() for w in want}:
        spaces = " (and no spaces around them)" if any(
            isinstance(g, str) and g != g.strip() for g in got) else ""
        return (f"❌ Almost: write the {what} exactly as the data spell them (capital letters "
                f"included){spaces}.")
    return None


def check_items(answer, expected: Iterable, *, hint: str | None = None, what: str = "items",
                normalize=None) -> Verdict:
    """Does ``answer`` (any iterable) hold exactly the ``expected`` items, in any order, each
    once?

    Feedback counts what is missing and what should not be there, without naming them, and
    says when the items have the wrong type or the wrong capitalisation, are repeated, or are
    not plain values (a list inside the list). ``normalize`` (e.g. :func:`as_page`) is applied
    to each item first::

        >>> check_items(["AZ", "AZ"], ["AZ"], what="codes")
        ❌ Not yet: give each item once (2 codes given, 1 different).
        Verdict(False)
    """
    if unanswered(answer):
        return say(False, not_done(answer), hint)
    if isinstance(answer, pd.DataFrame):
        return say(False, f"❌ Expected a list of {what}, got a whole table: take the column you "
                          f"need, e.g. table['column'].tolist().", hint)
    if isinstance(answer, str) or not isinstance(answer, Iterable):
        return say(False, f"❌ Expected a list or set of {what}, got {kind(answer)}.", hint)
    items = _items(answer)
    if normalize is not None:
        items = [normalize(i) for i in items]
    try:
        got = set(items)
    except TypeError:
        inner = next(i for i in items if not _hashable(i))
        return say(False, f"❌ Expected a list of plain values (text or numbers) as the {what}, "
                          f"got {kind(answer)} holding {kind(inner)}.", hint)
    if len(items) != len(got):
        return say(False, f"❌ Not yet: give each item once ({len(items)} {what} given, "
                          f"{len(got)} different).", hint)
    want = set(expected)
    if got == want:
        return say(True, CORRECT)
    want_types = {type(w).__name__ for w in want}
    got_types = {type(g).__name__ for g in got}
    if got and want and not got & want and got_types.isdisjoint(want_types):
        return say(False, f"❌ The {what} should be {_kind_of_items(want_types)}, "
                          f"got {_kind_of_items(got_types)}.", hint)
    spelling = misspelled(got, want, what)
    if spelling:
        return say(False, spelling, hint)
    parts = []
    if want - got:
        parts.append(_count(len(want - got), "is missing", "are missing"))
    if got - want:
        parts.append(_count(len(got - want), "should not be there", "should not be there"))
    return say(False, f"❌ Not yet: of your {what}, {' and '.join(parts)} "
                      f"({len(got)} given, {len(want)} expected).", hint)


def as_page(value):
    """A page as an int, from an int, a numpy integer, a whole float or a numeric string
    (``"63"``); anything else is returned as it is, for the check to refuse.

    >>> as_page(63), as_page("63"), as_page(np.int64(63)), as_page(63.0), as_page("p. 63")
    (63, 63, 63, 63, 'p. 63')
    """
    if _is_bool(value):
        return value
    if isinstance(value, (Integral, np.integer)):
        return int(value)
    number = _numeric_text(value) if isinstance(value, str) else (
        float(value) if isinstance(value, Real) else None)
    if number is not None and number == int(number):
        return int(number)
    return value


def check_pages(answer, expected: Iterable[int], *, hint: str | None = None) -> Verdict:
    """A list of page numbers, each given as an int or as a numeric string (the same page
    either way, :func:`as_page`), in any order, each once. Text that is not the number alone
    is told so::

        >>> check_pages(["p. 63", "64"], [63, 64])
        ❌ A page as text must be the number alone ("63", not "p. 63"): got the text 'p. 63'.
        Verdict(False)
    """
    if not unanswered(answer) and isinstance(answer, Iterable) and not isinstance(
            answer, (str, pd.DataFrame)):
        items = _items(answer)
        if any(_is_bool(p) for p in items) and not all(_is_bool(p) for p in items):
            return say(False, "❌ A page is a number (63) or numeric text (\"63\"): one of "
                              "yours is True or False.", hint)
        text = [p for p in items if isinstance(p, str) and _numeric_text(p) is None]
        if text:
            return say(False, f'❌ A page as text must be the number alone ("63", not "p. 63"): '
                              f"got the text {text[0]!r}.", hint)
    return check_items(answer, [int(p) for p in expected], hint=hint, what="pages",
                       normalize=as_page)


def _hashable(value) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _quoted(value) -> str:
    if isinstance(value, str):
        return repr(value)
    return show(value) if isinstance(value, Real) and not _is_bool(value) else kind(value)


def check_choice(answer, correct, options: Iterable, *, hint: str | None = None) -> Verdict:
    """A multiple-choice answer: must be one of ``options``; right if it equals ``correct``.
    A one-element Series or array counts as its value; an option right but for its capitals
    gets a message of its own.

    A one-item list or tuple counts as its one item too; text right but for spaces around it
    gets a message of its own::

        >>> check_choice(" turkey", "turkey", ["iran", "turkey"])
        ❌ Almost: remove the spaces around the text: write the option exactly as it is spelled, one of 'iran', 'turkey'.
        Verdict(False)
        >>> bool(check_choice(["turkey"], "turkey", ["iran", "turkey"]))
        ✅ Correct.
        True

    ``correct`` must be one of the ``options`` (else the exercise is broken: ValueError)."""
    options = list(options)
    if correct not in options:
        raise ValueError(f"the correct answer {correct!r} is not one of the options {options!r}")
    listed = ", ".join(map(repr, options))
    if unanswered(answer):
        return say(False, not_done(answer) + f" Choose one of: {listed}.", hint)
    answer = _one_value(answer)
    if isinstance(answer, (list, tuple)) and len(answer) == 1:
        answer = _one_value(answer[0]) if isinstance(answer[0], np.generic) else answer[0]
    if not _hashable(answer) or answer not in options:
        if isinstance(answer, str) and answer != answer.strip() and answer.strip() in options:
            return say(False, f"❌ Almost: remove the spaces around the text: write the option "
                              f"exactly as it is spelled, one of {listed}.", hint)
        if isinstance(answer, str) and answer.strip().casefold() in {
                str(o).casefold() for o in options}:
            return say(False, f"❌ Almost: write the option exactly as it is spelled "
                              f"(capital letters included): one of {listed}.", hint)
        return say(False, f"❌ {_quoted(answer)} is not one of the options: {listed}.", hint)
    if answer == correct:
        return say(True, CORRECT)
    return say(False, f"❌ Not {answer!r}. Think again.", hint)
