"""Every text in every figure the notebooks draw keeps to the size rule of
:mod:`helpers.plots` (``MIN_TEXT_PT`` at the size the figure is drawn, ``MIN_COLUMN_PT`` as
the site's column shows it), read from the drawn figures themselves (tools/figures_run.py).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

import figures_run
from helpers import plots
from nbrun import notebooks

NOTEBOOKS = notebooks()


def too_small(fig) -> list[str]:
    """The texts of ``fig`` below the rule, as 'text: size', at the width the notebook
    stores it (its tight box)."""
    scale = plots.column_scale(fig, as_shown=True)
    out = []
    for text, _ in plots.drawn_texts(fig):
        size = text.get_fontsize()
        if size < plots.MIN_TEXT_PT - 1e-6 or size * scale < plots.MIN_COLUMN_PT - 1e-6:
            out.append(f"{text.get_text()[:40]!r}: {size:g} pt (on the column {size * scale:.1f})")
    return out


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_text_is_large_enough(path):
    drawn, _ = figures_run.run(path)
    assert drawn, f"{path.name} draws no figure"
    problems = {f"{d.cell} {d.function} ({d.figure.get_figwidth():g} in)": too_small(d.figure)
                for d in drawn}
    problems = {k: v for k, v in problems.items() if v}
    assert not problems, f"texts below the size rule in {path.name}: {problems}"


def test_the_rule_notices_a_small_text_and_a_wide_figure():
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.set_title("fine")
    ax.text(0.5, 0.5, "too small", fontsize=9)
    assert [p.split(":")[0] for p in too_small(fig)] == ["'too small'"]
    wide, ax = plt.subplots(figsize=(12, 4))
    ax.text(0.5, 0.5, "ten points", fontsize=10)
    ax.text(0.5, 0.2, "grown", fontsize=plots.text_size(wide))
    assert [p.split(":")[0] for p in too_small(wide) if "points" in p or "grown" in p] == [
        "'ten points'"]
    plt.close("all")


def test_the_column_scale():
    assert plots.column_scale(plt.figure(figsize=(plots.COLUMN_PX / plots.INLINE_DPI, 3))) == 1
    assert plots.text_size(plt.figure(figsize=(plots.WIDTH, 3))) == plots.MIN_TEXT_PT
    plt.close("all")
