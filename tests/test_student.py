"""Student versions (tools/build_student.py): solutions gone, everything else as stored, and
each one runs top to bottom in a fresh kernel with every check printing its reminder."""

from __future__ import annotations

import copy

import nbformat
import pytest

import build_student
import nbrun
from conftest import NOTEBOOKS
from helpers.exercises import NOT_DONE


def ids(paths):
    return [p.stem for p in paths]


@pytest.fixture(scope="module")
def student_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("student")
    written = build_student.build(NOTEBOOKS, out)
    assert [p.name for p in written] == [p.name for p in NOTEBOOKS]
    return out


def test_student_version_of_a_small_notebook():
    cells = [nbformat.v4.new_markdown_cell("# T"),
             nbformat.v4.new_markdown_cell("### Exercise 1", metadata={"tags": ["exercise"]}),
             nbformat.v4.new_code_cell("answer = ...", execution_count=2,
                                       metadata={"tags": ["exercise"], "collapsed": False}),
             nbformat.v4.new_markdown_cell("Because.", metadata={"tags": ["solution"]}),
             nbformat.v4.new_code_cell("answer = 9", metadata={"tags": ["solution"]}),
             nbformat.v4.new_code_cell("check(answer)", metadata={"tags": ["check"]},
                                       execution_count=4,
                                       outputs=[nbformat.v4.new_output("stream", text="✅\n")]),
             nbformat.v4.new_code_cell("1 + 1", execution_count=5,
                                       outputs=[nbformat.v4.new_output("stream", text="2\n")])]
    nb = nbformat.v4.new_notebook(cells=cells)
    student = build_student.student_version(nb)
    assert [c.source for c in student.cells] == ["# T", "### Exercise 1", "answer = ...",
                                                 "check(answer)", "1 + 1"]
    assert student.cells[2].execution_count is None and student.cells[3].outputs == []
    assert student.cells[2].metadata == cells[2].metadata, "cell metadata is kept as stored"
    assert student.cells[4].outputs == cells[6].outputs and student.cells[4].execution_count == 5
    assert len(nb.cells) == 7, "the original is not changed"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_no_solution_left_and_the_rest_unchanged(student_dir, path):
    original = nbformat.read(path, as_version=4)
    student = nbformat.read(student_dir / path.name, as_version=4)
    assert not any("solution" in c.metadata.get("tags", []) for c in student.cells)
    expected = []
    for cell in original.cells:
        tags = set(cell.metadata.get("tags", []))
        if "solution" in tags:
            continue
        cell = copy.deepcopy(cell)
        if cell.cell_type == "code" and tags & {"exercise", "check"}:
            cell.outputs, cell.execution_count = [], None
        expected.append(cell)
    assert student.cells == expected
    assert student.metadata == original.metadata


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_student_version_runs_and_every_check_reminds(student_dir, path):
    # nbclient raises CellExecutionError, naming the cell, if any cell fails
    nb, _, _ = nbrun.run(student_dir / path.name, timeout=120)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors, f"cell {i} fails without the solutions: {errors[0].ename}"
        if "check" in cell.metadata.get("tags", []):
            printed = "".join(o.get("text", "") for o in cell.outputs)
            assert NOT_DONE.split(":")[0] in printed, \
                f"cell {i}: the check does not print the 'Not answered yet' reminder: {printed!r}"
