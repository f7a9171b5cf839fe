"""tools/nbrun.py: a notebook run in a fresh kernel, with or without its images, and with
the time matplotlib takes to draw each figure."""

from __future__ import annotations

import nbformat
import pytest

import nbrun

CELLS = [
    "import matplotlib.pyplot as plt\nimport helpers\nhelpers.setup()",
    "fig, ax = plt.subplots()\nax.plot([1, 2], [3, 4])\nplt.show()",
    "print('after the figure')",
    "print(sorted(globals()))",
]


@pytest.fixture(scope="module")
def notebook(tmp_path_factory):
    path = tmp_path_factory.mktemp("nbrun") / "small.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# A figure")]
                                  + [nbformat.v4.new_code_cell(c) for c in CELLS])
    nbformat.write(nb, path)
    return path


def _kinds(cell) -> set[str]:
    return {k for o in cell.outputs for k in o.get("data", {})}


@pytest.fixture(scope="module")
def plain(notebook):
    """The notebook run as make execute runs it."""
    return nbrun.run(notebook, timeout=120)[0]


@pytest.mark.parametrize("images", [True, False])
def test_images_false_builds_the_figure_but_stores_no_image(notebook, plain, images):
    nb = plain if images else nbrun.run(notebook, timeout=120, images=False)[0]
    figure, printed = nb.cells[2], nb.cells[3]
    assert _kinds(figure) == ({"image/png", "text/plain"} if images else {"text/plain"})
    assert "<Figure size" in figure.outputs[0]["data"]["text/plain"]
    # the notebook is the one read: its first cell kept, the counts as in a reader's run
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source == "# A figure"
    assert [c.execution_count for c in nb.cells[1:]] == [1, 2, 3, 4]
    assert printed.outputs[0]["text"] == "after the figure\n"


def test_draw_times_name_the_cell_that_showed_the_figure_and_leave_the_notebook_as_it_was(
        notebook, plain):
    draws = []
    nb, seconds, _ = nbrun.run(notebook, timeout=120, draw_times=draws)
    assert [index for index, _ in draws] == [2]  # the one figure, drawn once
    assert 0 < draws[0][1] < seconds
    assert [c.execution_count for c in nb.cells[1:]] == [1, 2, 3, 4]
    assert nb.cells[0].source == "# A figure" and _kinds(nb.cells[2]) == {"image/png", "text/plain"}
    names = nb.cells[4].outputs[0]["text"]
    assert "'fig'" in names and names == plain.cells[4].outputs[0]["text"]  # nothing added


def test_execute_explains_itself_and_refuses_a_missing_notebook(capsys, tmp_path):
    import execute

    execute.main(["--help"])
    assert "Re-execute notebooks in place" in capsys.readouterr().out
    with pytest.raises(SystemExit, match="no such notebook: .*nope.ipynb"):
        execute.main([str(tmp_path / "nope.ipynb")])
