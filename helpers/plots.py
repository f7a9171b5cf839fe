"""One house style for every figure: readable in class, safe for colour-blind readers and in
greyscale print, and always with a source caption.

Colours come from the Okabe–Ito palette; every series also differs by marker or hatch, so a
greyscale copy still separates them.

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> add_source(fig, "Source: Lindenstrauss 2015, p. 62.")   # doctest: +ELLIPSIS
    Text(...)
"""

from __future__ import annotations

from collections.abc import Iterable

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common form of
# colour blindness. Ordered so that neighbours also differ in lightness (greyscale).
OKABE_ITO = {
    "blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "vermillion": "#D55E00",
    "sky": "#56B4E9", "purple": "#CC79A7", "yellow": "#F0E442", "black": "#000000",
}
CYCLE = ["#0072B2", "#E69F00", "#000000", "#009E73", "#D55E00", "#56B4E9", "#CC79A7"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X"]
HATCHES = ["", "//", "..", "xx", "\\\\", "++", "oo"]
GREY = "#8C8C8C"
STAGGER = [8, -14, 19, -25]  # label offsets (points) that alternate above and below a lane

STYLE = {
    "figure.figsize": (8.0, 4.5),
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "font.size": 11,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.labelsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.6,
    "axes.prop_cycle": mpl.cycler(color=CYCLE),
    "legend.frameon": False,
    "font.family": "DejaVu Sans",  # ships with matplotlib and has Hebrew glyphs
    "svg.hashsalt": "azil",
}


def apply_style() -> None:
    """Set the house style for matplotlib (called by :func:`helpers.setup`)."""
    mpl.rcParams.update(STYLE)


def add_source(fig, text: str, *, y: float = -0.02):
    """Write a source caption under the figure, left-aligned, and return the Text.

    Use :func:`helpers.sources.caption` to make ``text`` for the article.
    """
    if not text.startswith("Source"):
        raise ValueError("a caption starts with 'Source:' or 'Sources:'")
    return fig.text(0.01, y, text, ha="left", va="top", fontsize=8.5, style="italic",
                    color="#333333", wrap=True)


def lane_timeline(
    events: pd.DataFrame,
    *,
    date: str = "date",
    lane: str,
    label: str,
    title: str,
    source: str,
    ax=None,
    lanes: Iterable[str] | None = None,
):
    """Draw events as markers on horizontal lanes (one lane per category), labelled.

    ``events`` needs a datetime column ``date``, a category column ``lane`` and a text column
    ``label``. Each lane has its own colour *and* marker. Returns the Axes.
    """
    if ax is None:
        fig, ax = plt.subplots(figsize=(10, 1.4 + 1.1 * events[lane].nunique()))
    fig = ax.figure
    order = list(lanes) if lanes is not None else list(dict.fromkeys(events[lane].astype(str)))
    for i, name in enumerate(order):
        rows = events[events[lane].astype(str) == name].sort_values(date)
        ax.scatter(rows[date], [i] * len(rows), s=60, color=CYCLE[i % len(CYCLE)],
                   marker=MARKERS[i % len(MARKERS)], zorder=3, label=name, edgecolor="black",
                   linewidth=0.5)
        for j, (_, r) in enumerate(rows.iterrows()):
            ax.annotate(str(r[label]), (r[date], i), xytext=(0, STAGGER[j % len(STAGGER)]),
                        textcoords="offset points", ha="center", fontsize=8)
    ax.set_yticks(range(len(order)), order)
    ax.set_ylim(-0.8, len(order) - 0.2)
    ax.set_xlabel("Year")
    ax.set_title(title)
    ax.grid(axis="y", visible=False)
    add_source(fig, source)
    return ax
