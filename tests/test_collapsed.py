"""In the full notebooks, solutions open collapsed in JupyterLab and nothing else does.

Every cell tagged ``solution`` carries ``jupyter.source_hidden: true`` (and a code cell
``jupyter.outputs_hidden: true`` too), so a reader of notebooks/ sees a one-line placeholder
to click rather than the answer; no other cell hides its source or outputs, so a reader sees
every lesson, exercise and check. tools/collapse_solutions.py sets the metadata
(CONTRIBUTING.md, "Exercises").
"""

from __future__ import annotations

import re

import nbformat
import pytest

from collapse_solutions import collapse, hidden_fields
from conftest import NOTEBOOKS
from nbrun import tags

IDS = [p.stem for p in NOTEBOOKS]
HIDING = ("source_hidden", "outputs_hidden")


def cells(path):
    return nbformat.read(path, as_version=4).cells


def test_the_collection_has_solutions_of_both_kinds():
    kinds = {c.cell_type for p in NOTEBOOKS for c in cells(p) if "solution" in tags(c)}
    assert kinds == {"markdown", "code"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_solution_is_collapsed(path):
    for cell in cells(path):
        if "solution" in tags(cell):
            jupyter = cell.metadata.get("jupyter", {})
            assert jupyter.get("source_hidden") is True, f"{cell.id}: source not hidden"
            if cell.cell_type == "code":
                assert jupyter.get("outputs_hidden") is True, f"{cell.id}: outputs not hidden"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_other_cell_is_hidden(path):
    for cell in cells(path):
        if "solution" in tags(cell):
            continue
        jupyter = cell.metadata.get("jupyter", {})
        shown = [k for k in HIDING if jupyter.get(k)]
        assert not shown, f"{cell.id} ({tags(cell) or 'untagged'}) hides its {shown}"
        assert not cell.metadata.get("collapsed"), f"{cell.id}: outputs collapsed"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_the_tool_has_nothing_left_to_do(path):
    assert collapse(nbformat.read(path, as_version=4)) == []


def test_the_tool_collapses_a_new_solution_and_keeps_the_rest():
    nb = nbformat.read(NOTEBOOKS[0], as_version=4)
    code = nbformat.v4.new_code_cell("answer = 1", metadata={"tags": ["solution"],
                                                             "scrolled": True})
    text = nbformat.v4.new_markdown_cell("**Solution.** One.", metadata={"tags": ["solution"]})
    plain = nbformat.v4.new_markdown_cell("Not a solution.")
    nb.cells += [code, text, plain]
    before = [c.source for c in nb.cells]
    assert collapse(nb) == [code.id, text.id]
    assert code.metadata == {"tags": ["solution"], "scrolled": True,
                             "jupyter": {"source_hidden": True, "outputs_hidden": True}}
    assert text.metadata["jupyter"] == {"source_hidden": True}
    assert "jupyter" not in plain.metadata
    assert [c.source for c in nb.cells] == before
    assert hidden_fields(text) == {"source_hidden": True}
    assert collapse(nb) == []


# What a collapsed cell still shows is its first line: a label, never part of the answer.
LABEL = {"code": r"# Solution\b.*", "markdown": r"(\*\*[^*]+\*\*|#{1,6} .+)"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_a_collapsed_solution_shows_only_its_label(path):
    for cell in cells(path):
        if "solution" in tags(cell):
            first = cell.source.split("\n", 1)[0].strip()
            assert re.fullmatch(LABEL[cell.cell_type], first), (
                f"{path.name}, {cell.id}: the collapsed view shows {first[:60]!r}; open the "
                f"solution with a line of its own (`# Solution` or `**Solution.**`)")
