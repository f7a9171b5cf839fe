"""The package is cut by kind (helpers/__init__.py): models compute and draw nothing; each
notebook's figures live in helpers/figures/nbNN.py with one signature; every notebook cell
that draws calls its own notebook's figures module or the shared core."""

from __future__ import annotations

import importlib
import inspect
import re

import nbformat
import pytest

from conftest import NOTEBOOKS

MODELS = ["networks", "argument", "monitoring", "energy", "scorecard", "interests"]
FIGURES = [f"nb{p.name[:2]}" for p in NOTEBOOKS]


@pytest.mark.parametrize("name", MODELS)
def test_models_draw_nothing(name):
    source = inspect.getsource(importlib.import_module(f"helpers.{name}"))
    assert "matplotlib" not in source, f"helpers/{name}.py draws: move it to helpers/figures/"


@pytest.mark.parametrize("name", FIGURES)
def test_every_figure_function_has_the_one_signature(name):
    module = importlib.import_module(f"helpers.figures.{name}")
    drawers = [f for n, f in inspect.getmembers(module, inspect.isfunction)
               if n.startswith("draw_") and f.__module__ == module.__name__]
    for f in drawers:
        params = inspect.signature(f).parameters
        for kw in ("title", "source"):
            assert kw in params, f"{f.__name__} has no {kw}"
            p = params[kw]
            assert p.kind is p.KEYWORD_ONLY and p.default is p.empty, \
                f"{f.__name__}: {kw} is required and keyword-only"
        assert "ax" in params or "fig" in params or f.__name__ == "draw_arms", \
            f"{f.__name__} takes no ax"
    for n, f in inspect.getmembers(module, inspect.isfunction):
        if f.__module__ == module.__name__ and not n.startswith("_"):
            assert n.startswith("draw_") or n.endswith(("_frame", "_table", "_events")), \
                f"{name}.{n}: a public function of a figures module draws or makes a frame"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_figure_cells_call_their_own_figures_module(path):
    """A cell that shows a figure calls figures.draw_... (its notebook's module), or a shared
    drawing of the core (maps, plots.draw_lanes)."""
    nb = nbformat.read(path, as_version=4)
    for i, c in enumerate(nb.cells):
        if c.cell_type == "code" and "plt.show()" in c.source:
            assert re.search(r"\bfigures\.draw_\w+\(|\bmaps\.\w+\(|\bplots\.draw_lanes\(",
                             c.source), f"cell {i} draws without a figure function"
            assert not re.search(r"\b(networks|argument|monitoring|energy|scorecard|interests)"
                                 r"\.(draw|plot)_", c.source), f"cell {i} draws with a model"
