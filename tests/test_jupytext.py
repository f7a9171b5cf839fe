"""Editing a notebook as a text file with jupytext, as CONTRIBUTING.md ("Editing and re-running")
shows: notebook -> percent script -> edit -> back into the same .ipynb. The round trip keeps
every cell id, tag, output and metadata, and a cell added in the script changes no other cell.

Each test works on a copy of a notebook in a temporary folder and runs the commands of
CONTRIBUTING.md through jupytext's command-line entry point, in this process (a new process
for each command would take a few seconds more).
"""

from __future__ import annotations

import shutil

import nbformat
import pytest
from jupytext.cli import jupytext as jupytext_command

from conftest import NOTEBOOKS


def jupytext(*args) -> None:
    """``jupytext --quiet ARGS``, as typed in a shell."""
    jupytext_command(["--quiet", *map(str, args)])


@pytest.fixture(params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def copy_and_script(request, tmp_path):
    """A copy of the notebook and its percent script (``jupytext --to py:percent``)."""
    notebook = tmp_path / request.param.name
    shutil.copy(request.param, notebook)
    script = tmp_path / "edit.py"
    jupytext("--to", "py:percent", "-o", script, notebook)
    return notebook, script


def back_into_the_notebook(notebook, script) -> nbformat.NotebookNode:
    jupytext("--update", "--to", "ipynb", "-o", notebook, script)
    return nbformat.read(notebook, as_version=4)


def test_round_trip_keeps_ids_tags_outputs_and_metadata(copy_and_script):
    notebook, script = copy_and_script
    stored = notebook.read_bytes()
    before = nbformat.read(notebook, as_version=4)
    text = script.read_text(encoding="utf-8")
    for cell in before.cells:
        for tag in cell.metadata.get("tags", []):
            assert f'"{tag}"' in text, f"the script does not show the tag {tag!r}"

    after = back_into_the_notebook(notebook, script)
    assert [c.id for c in after.cells] == [c.id for c in before.cells]
    assert [c.metadata for c in after.cells] == [c.metadata for c in before.cells]
    assert after.cells == before.cells, "sources or outputs changed"
    assert after.metadata == before.metadata
    assert notebook.read_bytes() == stored, "the file is not byte for byte the same"


def test_a_cell_added_in_the_script_changes_no_other_cell(copy_and_script):
    notebook, script = copy_and_script
    before = nbformat.read(notebook, as_version=4)
    lines = script.read_text(encoding="utf-8").splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith("# %%")]
    assert len(starts) == len(before.cells)
    at = len(starts) // 2  # the new cell goes before cell number `at`
    new = ["# %%\n", "x = 1  # a new cell\n", "\n"]
    script.write_text("".join(lines[:starts[at]] + new + lines[starts[at]:]), encoding="utf-8")

    after = back_into_the_notebook(notebook, script)
    nbformat.validate(after)
    assert len(after.cells) == len(before.cells) + 1
    added = after.cells.pop(at)
    assert added.cell_type == "code" and added.source == "x = 1  # a new cell"
    assert added.id not in {c.id for c in before.cells}
    assert after.cells == before.cells, "a cell other than the new one changed"
    assert after.metadata == before.metadata
