"""No two texts of a figure overlap, and no label drawn inside an Axes crosses its edge, in
every figure the notebooks draw: each text's box is asked of matplotlib (its window extent
as drawn, :func:`helpers.plots.drawn_texts`), read from the figures themselves
(tools/figures_run.py).

The exceptions are few and named in :data:`ALLOWED`, each with its reason.
"""

from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
import pytest

import figures_run
from helpers import plots
from nbrun import notebooks

NOTEBOOKS = notebooks()
TOLERANCE = 1.0  # pixels: boxes that share less than this in width or height do not overlap

#: (notebook, figure function, text) -> why that text may cross its Axes' edge or overlap.
ALLOWED: dict[tuple[str, str, str], str] = {}


def _name(text) -> str:
    return " ".join(text.get_text().split())[:50]


def problems(fig, allowed=frozenset()) -> list[str]:
    """Overlapping pairs and texts that cross the edge of the Axes they are drawn in."""
    texts = plots.drawn_texts(fig)
    out = []
    for (a, box_a), (b, box_b) in itertools.combinations(texts, 2):
        w = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
        h = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
        if w > TOLERANCE and h > TOLERANCE and not {_name(a), _name(b)} & allowed:
            out.append(f"{_name(a)!r} overlaps {_name(b)!r}")
    for ax in fig.axes:
        if not ax.axison:  # a frame that is not drawn has no edge to cross
            continue
        frame = ax.get_window_extent()
        for text, box in texts:
            if text not in ax.texts or _name(text) in allowed:
                continue
            inside = (box.x0 >= frame.x0 - TOLERANCE and box.x1 <= frame.x1 + TOLERANCE
                      and box.y0 >= frame.y0 - TOLERANCE and box.y1 <= frame.y1 + TOLERANCE)
            touches = box.overlaps(frame)
            if touches and not inside:
                out.append(f"{_name(text)!r} crosses the edge of its Axes")
    return out


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_text_overlaps_another_or_crosses_the_frame(path):
    drawn, _ = figures_run.run(path)
    found = {}
    for d in drawn:
        allowed = frozenset(t for (nb, fn, t) in ALLOWED if nb == path.stem and fn == d.function)
        if bad := problems(d.figure, allowed):
            found[f"{d.cell} {d.function}"] = bad
    assert not found, f"overlapping texts in {path.name}: {found}"


def test_the_exceptions_are_named_and_still_needed():
    for key, reason in ALLOWED.items():
        assert len(reason.split()) >= 4, f"{key}: say why"


def test_a_figure_broken_on_purpose_fails():
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.set_xlim(0, 1)
    ax.text(0.5, 0.5, "first label", fontsize=10)
    ax.text(0.52, 0.5, "second label", fontsize=10)  # on top of the first
    ax.text(0.97, 0.2, "over the edge", fontsize=10)
    found = problems(fig)
    assert "'first label' overlaps 'second label'" in found
    assert "'over the edge' crosses the edge of its Axes" in found
    fine, ax = plt.subplots(figsize=(6, 3))
    ax.text(0.1, 0.5, "first label", fontsize=10)
    ax.text(0.6, 0.5, "second label", fontsize=10)
    assert problems(fine) == []
    plt.close("all")


def test_a_notebook_figure_broken_on_purpose_fails():
    """The BTC map of notebook 03 passes; a label put on top of one of its labels, or across
    its frame, is caught (and taken off again: the figure is shared by the tests)."""
    path = next(p for p in NOTEBOOKS if p.name.startswith("03"))
    drawn, _ = figures_run.run(path)
    fig = next(d.figure for d in drawn if "BTC" in " ".join(d.titles))
    assert problems(fig) == []
    ax = fig.axes[0]
    ceyhan = next(t for t in ax.texts if t.get_text() == "Ceyhan")
    on_top = ax.annotate("Ceyhan terminal", ceyhan.xy, xytext=ceyhan.xyann,
                         textcoords="offset points", fontsize=10)
    across = ax.text(ax.get_xlim()[1], sum(ax.get_ylim()) / 2, "across the frame", fontsize=10)
    try:
        found = problems(fig)
    finally:
        on_top.remove()
        across.remove()
    assert "'Ceyhan terminal' overlaps 'Ceyhan'" in found or \
        "'Ceyhan' overlaps 'Ceyhan terminal'" in found
    assert "'across the frame' crosses the edge of its Axes" in found
    assert problems(fig) == []
