"""Run a notebook's code in this process and keep what each figure shows: the call that drew
it, its titles, its source caption and the other texts (legend, labels, tick labels), and
the Figure itself.

nbval compares a notebook's text outputs but not its images; the figure tests read the
figures themselves from here, and tools/figures.py (`make figures`) saves them as SVG and
PNG. Each notebook runs once per process.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import io
import random
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import nbformat
import numpy as np
import pandas as pd

#: The functions a notebook cell may draw with (tests/test_layout.py holds cells to them):
#: its own figures module's draw_..., the maps and plots.draw_lanes of the core.
CORE_DRAWERS = {"helpers.maps": ["draw_map"], "helpers.plots": ["draw_lanes"]}


@dataclass
class Drawn:
    """One figure a notebook cell showed."""

    notebook: str
    cell: str  # the cell's id
    function: str  # the outermost draw_... called in the cell
    args: tuple
    kwargs: dict
    titles: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)  # fig.texts starting with "Source"
    texts: list[str] = field(default_factory=list)  # legends, labels, tick labels
    figure: object = field(default=None, repr=False, compare=False)  # the Figure itself

    @property
    def data(self) -> list:
        """The tables and graphs passed to the figure function."""
        return [a for a in (*self.args, *self.kwargs.values())
                if hasattr(a, "columns") or hasattr(a, "edges")]


def _texts(fig) -> tuple[list[str], list[str], list[str]]:
    titles, captions, texts = [], [], []
    if fig._suptitle is not None:  # a long title is broken into lines to fit the figure
        titles.append(" ".join(fig._suptitle.get_text().split("\n")))
    for t in fig.texts:
        (captions if t.get_text().startswith("Source") else texts).append(t.get_text())
    for ax in fig.axes:
        titles += [" ".join(ax.get_title(loc).split("\n")) for loc in ("center", "left", "right")]
        legends = [ax.get_legend(), *fig.legends]
        for leg in filter(None, legends):
            texts += [t.get_text() for t in leg.get_texts()] + [leg.get_title().get_text()]
        texts += [t.get_text() for t in ax.texts]
        texts += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
        texts += [ax.get_xlabel(), ax.get_ylabel()]
    return [t for t in titles if t.strip()], captions, [t for t in texts if t.strip()]


_RUNS: dict[Path, tuple[list[Drawn], list[str]]] = {}


def run(path: Path) -> tuple[list[Drawn], list[str]]:
    """The figures a notebook shows, in order, and the ids of the cells that call
    ``plt.show()``. Runs the notebook's code cells in order, in one namespace, with the
    Agg backend; restores matplotlib's settings, pandas' display options, the random
    generators, the warnings filters and the current folder afterwards."""
    path = Path(path)
    if path not in _RUNS:
        _RUNS[path] = _run(path)
    return _RUNS[path]


def _run(path: Path) -> tuple[list[Drawn], list[str]]:
    nb = nbformat.read(path, as_version=4)
    module = importlib.import_module(f"helpers.figures.nb{path.name[:2]}")
    targets = [(module, [n for n in dir(module) if n.startswith("draw_")])]
    targets += [(importlib.import_module(m), names) for m, names in CORE_DRAWERS.items()]
    calls: list[tuple[str, tuple, dict]] = []
    depth = [0]

    def recording(name, fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            if depth[0] == 0:
                calls.append((name, args, kwargs))
            depth[0] += 1
            try:
                return fn(*args, **kwargs)
            finally:
                depth[0] -= 1
        return wrapper

    drawn: list[Drawn] = []
    shows: list[str] = []
    cell_id = [None]

    def show(*_, **__):
        figs = [plt.figure(n) for n in plt.get_fignums()]
        for i, fig in enumerate(figs):
            name, args, kwargs = calls[i] if i < len(calls) else ("", (), {})
            titles, captions, texts = _texts(fig)
            drawn.append(Drawn(path.name, cell_id[0], name, args, kwargs, titles, captions,
                               texts, fig))
        calls.clear()
        plt.close("all")

    saved = [(mod, n, getattr(mod, n)) for mod, names in targets for n in names]
    real_show = plt.show
    # helpers.setup() sets pandas' display options and the random seeds: restored afterwards
    options = [x for o in ("display.max_columns", "display.width", "display.max_colwidth")
               for x in (o, pd.get_option(o))]
    states = random.getstate(), np.random.get_state()
    try:
        for mod, n, fn in saved:
            setattr(mod, n, recording(n, fn))
        plt.show = show
        with (matplotlib.rc_context(), warnings.catch_warnings(), pd.option_context(*options),
              contextlib.chdir(path.parent), contextlib.redirect_stdout(io.StringIO())):
            matplotlib.use("Agg")
            ns = {"__name__": "__main__"}
            for cell in nb.cells:
                if cell.cell_type != "code":
                    continue
                cell_id[0] = cell.id
                if "plt.show()" in cell.source:
                    shows.append(cell.id)
                exec(compile(cell.source, f"{path.name}[{cell.id}]", "exec"), ns)
                calls.clear()
    finally:
        for mod, n, fn in saved:
            setattr(mod, n, fn)
        plt.show = real_show
        plt.close("all")
        random.setstate(states[0])
        np.random.set_state(states[1])
    return drawn, shows
