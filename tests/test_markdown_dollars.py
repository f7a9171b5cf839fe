"""A sum of money in the notebooks' prose is never read as maths.

JupyterLab reads ``$...$`` in markdown as inline maths, so "US$1.6 billion ... US$4 billion"
turns the text between the two signs into a formula. Escaping does not help in every place a
notebook is read: JupyterLab 4 still pairs ``\\$`` (its markdown parser turns ``\\$`` into
``$`` before MathJax looks; jupyterlab/jupyterlab#8645), while ``\\\\$``, which JupyterLab
shows as "$", shows as "\\$" on the site (MyST) and in the slides (nbconvert). The prose
writes sums of money without the sign ("USD 1.6 billion"), so that no markdown cell holds two
dollar signs, escaped or not, outside code. (A table's "$" is safe: helpers.table marks the
table ``mathjax_ignore``.)
"""

from __future__ import annotations

import re

import nbformat
import pytest

from conftest import NOTEBOOKS

IDS = [p.stem for p in NOTEBOOKS]
CODE = re.compile(r"```.*?```|~~~.*?~~~|(`+).+?\1", re.S)
DOLLAR = re.compile(r"\$")


def dollars(markdown: str) -> list[str]:
    """Each ``$`` outside code (escaped or not), with the text around it."""
    prose = CODE.sub(lambda m: " " * len(m[0]), markdown)
    return [markdown[max(m.start() - 25, 0): m.end() + 15] for m in DOLLAR.finditer(prose)]


def test_the_check_finds_pairs_escaped_or_not_and_leaves_code_alone():
    assert len(dollars("worth US$1.6 billion ... US$4 billion")) == 2
    assert len(dollars(r"worth US\$1.6 billion ... US\$4 billion")) == 2
    assert len(dollars(r"worth US\\$1.6 billion ... US\\$4 billion")) == 2
    assert dollars("worth USD 1.6 billion ... USD 4 billion") == []
    assert dollars("the cell `price = '$4' + '$5'` and ```\n$x$\n```") == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_markdown_cell_holds_a_pair_of_dollar_signs(path):
    cells = nbformat.read(path, as_version=4).cells
    bad = [f"{c.id}: " + " | ".join(found) for c in cells if c.cell_type == "markdown"
           for found in [dollars(c.source)] if len(found) >= 2]
    assert not bad, ("two dollar signs in one cell are maths in JupyterLab, even as \\$: "
                     "write USD 1.6 billion\n" + "\n".join(bad))


def test_the_sums_the_article_gives_are_still_in_the_prose():
    [nb01] = [p for p in NOTEBOOKS if p.name.startswith("01")]
    prose = " ".join(c.source for c in nbformat.read(nb01, as_version=4).cells
                     if c.cell_type == "markdown")
    for sum_ in ("USD 1.6 billion", "USD 4 billion", "USD 825 million"):
        assert sum_ in prose
