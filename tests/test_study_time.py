"""Each notebook states the time the collection's one yardstick gives it (tools/study_time.py),
so a notebook that grows says so, and no time is a guess."""

from __future__ import annotations

import nbformat
import pytest

import study_time
from conftest import NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_stated_time_is_the_yardsticks(path):
    need = study_time.minutes(path)
    said = study_time.stated(path)
    assert abs(said - need) <= max(5, 0.1 * need), (
        f"{path.name} states {said} minutes; the yardstick gives {need:.0f} "
        f"(state {study_time.rounded(need)}: python tools/study_time.py, then tools/toc.py --write)")


def test_the_yardstick_counts_what_a_student_does(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("**Estimated time:** 25 minutes\n\n" + "word " * 320),
        nbformat.v4.new_code_cell("1", outputs=[nbformat.v4.new_output(
            "execute_result", data={"text/plain": "1"}, execution_count=1)]),
        nbformat.v4.new_markdown_cell("### Exercise 1: a count\n\nCount."),
        nbformat.v4.new_markdown_cell("### Exercise 2 (discussion): why\n\nSay why."),
        nbformat.v4.new_markdown_cell("**Solution.** " + "word " * 1000,
                                      metadata={"tags": ["solution"]}),
    ])
    path = tmp_path / "x.ipynb"
    nbformat.write(nb, path)
    # 324 + 5 + 6 words of prose (the solution left out), one output, one coded and one
    # discussion exercise
    assert study_time.parts(path) == {"words": 335, "outputs": 1, "coded": 1, "discussion": 1}
    assert study_time.minutes(path) == pytest.approx(335 / 160 + 1 + 10 + 12)
    assert study_time.stated(path) == 25 and study_time.rounded(25.1) == 30
