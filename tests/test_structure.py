"""The exercises' structure, read from the cells' tags (CONTRIBUTING.md, "Exercises"): every
exercise has its solution; a coded exercise has its answer cell, a solution that computes
the answer and a check cell that checks every answer, in that order; a discussion exercise
has a written solution and no check. Every check of notebook NN's module is called by one
check cell of notebook NN, and every check has tests with near-misses just inside and just
outside its tolerance (tests/test_checks_nbNN.py), so a deleted check cell or a loosened
tolerance fails.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from typing import NamedTuple

import nbformat
import pytest

from conftest import NOTEBOOKS

IDS = [p.name for p in NOTEBOOKS]
TITLE = re.compile(r"### Exercise (\d+)( \(discussion\))?:")

#: Check functions no notebook calls, and why they stay.
UNCALLED = {
    "nb00": {"check_israeli_visits": "written with notebook 00 but asked by none of its "
                                     "exercises; kept, tested, for an instructor's variant"},
}


def tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


class Exercise(NamedTuple):
    number: int
    discussion: bool
    cell: str  # id of its opening cell
    cells: list


def exercises(path) -> list[Exercise]:
    """The exercises of a notebook: from each '### Exercise N' cell tagged 'exercise' to the
    next exercise or the next section ('## ' heading)."""
    cells = nbformat.read(path, as_version=4).cells
    out, current = [], None
    for cell in cells:
        m = TITLE.match(cell.source) if cell.cell_type == "markdown" else None
        if m and "exercise" in tags(cell):
            current = Exercise(int(m[1]), bool(m[2]), cell.id, [cell])
            out.append(current)
        elif cell.cell_type == "markdown" and cell.source.startswith("## "):
            current = None
        elif current is not None:
            current.cells.append(cell)
    return out


def _assigned(source: str) -> list[str]:
    return [t.id for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Assign)
            for t in node.targets if isinstance(t, ast.Name)]


def _checked(source: str) -> list[tuple[str, str]]:
    """(check function, the name it is given) of each call in a check cell."""
    return [(node.func.attr, node.args[0].id) for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and len(node.args) == 1 and isinstance(node.args[0], ast.Name)]


EXERCISES = {p.name: exercises(p) for p in NOTEBOOKS}


def test_every_lesson_has_exercises():
    for p in NOTEBOOKS:
        assert EXERCISES[p.name], f"{p.name}: no exercise"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_exercises_are_numbered_in_order(path):
    numbers = [e.number for e in EXERCISES[path.name]]
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers))), numbers
    assert numbers[0] in (0, 1)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_exercise_has_its_solution_and_its_check(path):
    for e in EXERCISES[path.name]:
        kinds = [(c.cell_type, tuple(tags(c))) for c in e.cells]
        where = f"Exercise {e.number} (cell {e.cell})"
        solutions = [c for c in e.cells if "solution" in tags(c)]
        assert solutions, f"{where}: no solution cell"
        answer = [c for c in e.cells if c.cell_type == "code" and "exercise" in tags(c)]
        checks = [c for c in e.cells if "check" in tags(c)]
        if e.discussion:
            assert not answer and not checks, f"{where}: a discussion exercise has no check"
            assert any(c.cell_type == "markdown" for c in solutions), \
                f"{where}: a discussion exercise has a written solution"
            continue
        assert len(answer) == 1, f"{where}: one answer cell tagged 'exercise' ({kinds})"
        assert checks, f"{where}: the check cell (tagged 'check') is missing"
        names = _assigned(answer[0].source)
        assert names and all(line.split("=")[1].strip() == "..."
                             for line in answer[0].source.strip().splitlines()), \
            f"{where}: the answer cell holds only `name = ...` lines"
        order = [id(c) for c in e.cells]
        first_check = min(order.index(id(c)) for c in checks)
        code_solutions = [c for c in solutions if c.cell_type == "code"]
        assert code_solutions, f"{where}: a coded exercise has a solution in code"
        assert order.index(id(answer[0])) < first_check, f"{where}: the check comes first"
        assert all(order.index(id(c)) < first_check for c in code_solutions), \
            f"{where}: a solution cell comes after the check"
        solved = {n for c in code_solutions for n in _assigned(c.source)}
        assert set(names) <= solved, f"{where}: the solution does not compute {names}"
        checked = {name for c in checks for _, name in _checked(c.source)}
        assert set(names) <= checked, f"{where}: {sorted(set(names) - checked)} not checked"


def _check_functions(nb: str) -> set[str]:
    module = importlib.import_module(f"helpers.checks.{nb}")
    return {n for n, f in inspect.getmembers(module, inspect.isfunction)
            if n.startswith("check_") and f.__module__ == module.__name__}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_check_is_called_by_one_check_cell(path):
    nb = f"nb{path.name[:2]}"
    calls = [f for e in EXERCISES[path.name] for c in e.cells if "check" in tags(c)
             for f, _ in _checked(c.source)]
    defined = _check_functions(nb)
    assert set(calls) <= defined, f"check cells call {sorted(set(calls) - defined)}"
    assert len(calls) == len(set(calls)), "a check is called by two cells"
    uncalled = defined - set(calls) - set(UNCALLED.get(nb, {}))
    assert not uncalled, f"helpers/checks/{nb}.py: {sorted(uncalled)} called by no check cell"
    assert not set(UNCALLED.get(nb, {})) & set(calls), "listed as uncalled but called"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_check_has_near_miss_tests(path):
    """tests/test_checks_nbNN.py names every check: in NEAR_MISSES (a number with a
    tolerance, tested just inside and just outside it) or in NO_TOLERANCE (with why)."""
    nb = path.name[:2]
    tests = importlib.import_module(f"test_checks_nb{nb}")
    near, exact = set(getattr(tests, "NEAR_MISSES", {})), set(getattr(tests, "NO_TOLERANCE", {}))
    assert not near & exact
    assert near | exact == _check_functions(f"nb{nb}"), \
        f"test_checks_nb{nb}.py: {sorted(_check_functions(f'nb{nb}') - near - exact)} untested"


#: Notebooks whose exercises still share one ``answer`` name, and why. An entry fails once
#: its notebook takes the scheme, so that it is then removed.
ANSWER_NAMES_PENDING: dict[str, str] = {}
ANSWER_NAME = re.compile(r"answer_(\d+)([a-z]?)")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_each_exercise_has_answer_names_of_its_own(path):
    """helpers/exercises.py, "Names": Exercise N assigns answer_N (answer_Na, answer_Nb for two
    values), so a check never grades another exercise's value."""
    coded = [e for e in EXERCISES[path.name] if not e.discussion]
    names = {e.number: _assigned(c.source) for e in coded for c in e.cells
             if c.cell_type == "code" and "exercise" in tags(c)}
    if path.name in ANSWER_NAMES_PENDING:
        assert any("answer" in n for n in names.values()), \
            f"{path.name} has taken the scheme: remove it from ANSWER_NAMES_PENDING"
        return
    seen = [n for ns in names.values() for n in ns]
    assert len(seen) == len(set(seen)), f"two exercises assign the same name: {seen}"
    for number, assigned in names.items():
        for name in assigned:
            m = ANSWER_NAME.fullmatch(name)
            assert m and int(m[1]) == number, \
                f"Exercise {number} assigns {name!r}, not answer_{number}"
            assert bool(m[2]) == (len(assigned) > 1), \
                f"Exercise {number}: a letter (answer_{number}a) only when it asks for two values"


def _solution_expressions(exercise: Exercise) -> list[str]:
    """The right-hand sides of the solution's assignments to the exercise's answer names,
    without spaces."""
    names = {n for c in exercise.cells if c.cell_type == "code" and "exercise" in tags(c)
             for n in _assigned(c.source)}
    out = []
    for c in exercise.cells:
        if c.cell_type == "code" and "solution" in tags(c):
            for node in ast.walk(ast.parse(c.source)):
                if isinstance(node, ast.Assign) and any(
                        isinstance(t, ast.Name) and t.id in names for t in node.targets):
                    out.append("".join(ast.get_source_segment(c.source, node.value).split()))
    return out


def _is_literal(code: str) -> bool:
    try:
        ast.literal_eval(code)
    except (ValueError, SyntaxError):
        return False
    return True


def _literal_examples(text: str) -> list:
    """The Python literals (a list, a dict, a tuple) a message shows as examples, with an
    ellipsis (``, ...``) taken as 'and so on' and dropped.

    >>> _literal_examples("A dict like {'a': 2, ...}; or [1, 2]")
    [{'a': 2}, [1, 2]]
    """
    out = []
    for m in re.finditer(r"[\[{(][^\[\]{}()]*(?:\([^()]*\)[^\[\]{}()]*)*[\]})]", text):
        try:
            value = ast.literal_eval(re.sub(r",\s*\.\.\.", "", m[0]))
        except (ValueError, SyntaxError):
            continue
        if isinstance(value, (list, dict, tuple)) and value:
            out.append(value)
    return out


def test_literal_examples_are_found():
    found = _literal_examples("A dict like {'energy_decline': 2, ...}; pairs [('IL', 'AZ'), "
                              "('TR', 'AZ')], not (this)")
    assert found == [{"energy_decline": 2}, [("IL", "AZ"), ("TR", "AZ")]]


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.name not in ANSWER_NAMES_PENDING],
                         ids=[p.name for p in NOTEBOOKS if p.name not in ANSWER_NAMES_PENDING])
def test_a_hint_before_any_attempt_does_not_spell_out_the_solution(path, capsys):
    """helpers/exercises.py, "Hints": the reminder an unattempted check prints, hint included,
    holds none of the solution's code."""
    module = importlib.import_module(f"helpers.checks.nb{path.name[:2]}")
    for e in EXERCISES[path.name]:
        calls = [f for c in e.cells if "check" in tags(c) for f, _ in _checked(c.source)]
        for name in calls:
            getattr(module, name)(...)
            out = capsys.readouterr().out
            printed = "".join(out.split()).replace("'", '"')
            assert printed.startswith("⏳"), f"Exercise {e.number}: {name}(...) is no reminder"
            for code in _solution_expressions(e):
                if isinstance(ast.literal_eval(code) if _is_literal(code) else None, str):
                    continue  # a choice: its options are listed by the reminder itself
                assert code.replace("'", '"') not in printed, \
                    f"Exercise {e.number}: the hint of {name} spells out the solution {code!r}"
            for example in _literal_examples(out):
                assert not getattr(module, name)(example), \
                    f"Exercise {e.number}: the hint of {name} gives an accepted answer {example!r}"
                capsys.readouterr()
            assert not re.search(r"\w\([^()]*\)\[|\w\([^()]*\w\([^()]*\)", printed), \
                f"Exercise {e.number}: the hint of {name} holds nested or indexed calls: code"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_exercise_needs_hebrew(path):
    """An exercise that points to a table's Hebrew quote also names its English columns, and
    a Hebrew phrase in its text comes with an English rendering (in brackets or after a
    dash), so no exercise requires reading quote_he."""
    for e in EXERCISES[path.name]:
        text = e.cells[0].source
        if "`quote_he`" in text:
            assert re.search(r"`\w+_en`", text), \
                f"Exercise {e.number} sends the reader to quote_he without an English column"
        for m in re.finditer(r"«[^»]*[\u0590-\u05FF][^»]*»", text):
            after = text[m.end():m.end() + 4]
            assert re.match(r"\s*(\(|—|–)", after), \
                f"Exercise {e.number}: {m[0]} has no English rendering after it"


def _margin_words(expected: float, margin: float) -> list[str]:
    """How an exercise's text may state a margin: the number itself, as a share of the
    expected value, or in the policy's words (helpers/exercises.py, "Precision")."""
    words = [f"within {margin:g}", f"{100 * margin / abs(expected):.2g}%"]
    if margin == 0.05:
        words.append("to one decimal")
    if margin == 0.5:
        words += ["half a", "whole number"]
    return words


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.name not in ANSWER_NAMES_PENDING],
                         ids=[p.name for p in NOTEBOOKS if p.name not in ANSWER_NAMES_PENDING])
def test_every_tolerance_is_written_in_its_exercise(path):
    """helpers/exercises.py, "Precision": the margin a check allows (as its near-miss test
    states it) is written in the text of the exercise whose check cell calls it."""
    tests = importlib.import_module(f"test_checks_nb{path.name[:2]}")
    for e in EXERCISES[path.name]:
        text = " ".join(e.cells[0].source.split())
        for name in [f for c in e.cells if "check" in tags(c) for f, _ in _checked(c.source)]:
            if name not in tests.NEAR_MISSES:
                continue
            expected, margin = tests.NEAR_MISSES[name]()
            if margin == 0:
                assert re.search(r"exact|an integer|integers", text), \
                    f"Exercise {e.number}: {name} wants an exact answer; the text does not say so"
                continue
            words = _margin_words(expected, margin)
            assert any(w in text for w in words), \
                f"Exercise {e.number}: {name} allows {margin:g}; the text says none of {words}"


def test_a_deleted_check_cell_is_caught(tmp_path):
    """The structure test is not vacuous: notebook 01 without its first check cell fails."""
    path = NOTEBOOKS[1]
    nb = nbformat.read(path, as_version=4)
    first = next(i for i, c in enumerate(nb.cells) if "check" in tags(c))
    del nb.cells[first]
    broken = tmp_path / path.name
    nbformat.write(nb, broken)
    EXERCISES[broken.name] = exercises(broken)
    try:
        with pytest.raises(AssertionError, match="check cell .* is missing"):
            test_every_exercise_has_its_solution_and_its_check(broken)
        with pytest.raises(AssertionError, match="called by no check cell"):
            test_every_check_is_called_by_one_check_cell(broken)
    finally:
        EXERCISES[broken.name] = exercises(path)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_a_whole_year_check_is_stated_as_rounded_down_or_up(path):
    """helpers/exercises.py, "Precision": a check that asks for "a whole year" (it calls
    ``check_year``) accepts the computed year rounded down or up, and its exercise's text says
    so, in those words."""
    module = importlib.import_module(f"helpers.checks.nb{path.name[:2]}")
    for e in EXERCISES[path.name]:
        text = " ".join(e.cells[0].source.split())
        for name in [f for c in e.cells if "check" in tags(c) for f, _ in _checked(c.source)]:
            if "check_year(" in inspect.getsource(getattr(module, name)):
                assert "a whole year" in text and re.search(r"round(ed)? down or up", text), \
                    f"Exercise {e.number}: {name} wants a whole year; the text does not say " \
                    "'rounded down or up'"


def _lesson_prose(name: str) -> str:
    """The markdown of a notebook before its '## Exercises' heading, solutions left out."""
    [path] = [p for p in NOTEBOOKS if p.name.startswith(name)]
    prose = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown" and cell.source.startswith("## Exercises"):
            break
        if cell.cell_type == "markdown" and "solution" not in tags(cell):
            prose.append(re.sub(r"\s+", " ", cell.source))
    return "\n".join(prose)


def test_notebook_05_prose_does_not_give_exercise_2s_pages():
    """Exercise 2 asks on which pages the evidence for 'gains_justify_risk' stands: the lesson
    before it may not state that range of pages as the evidence's."""
    from helpers.argument import load_graph, pages_behind

    pages = sorted(pages_behind(load_graph(), "gains_justify_risk", kind="evidence",
                                relation="supports"))
    span = f"{pages[0]}–{pages[-1]}"
    prose = _lesson_prose("05")
    assert f"pp. {span}" not in prose, f"notebook 05's lesson gives Exercise 2's pages ({span})"


def test_notebook_05_prose_does_not_say_which_pressures_lie_behind_the_doubts():
    """Exercise 1 asks which counter-pressures lie behind the doubts: the lesson may not say
    that on the map only some of them lead there."""
    prose = _lesson_prose("05").lower()
    for phrase in ("only the regime", "energy through it", "energy feeding it"):
        assert phrase not in prose, f"notebook 05's lesson answers Exercise 1: {phrase!r}"
