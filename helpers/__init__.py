"""Helpers for the teaching collection on Lindenstrauss (2015), "Israel–Azerbaijan: Special
Relations vs. Constraints".

Every notebook starts with::

    import helpers
    helpers.setup()

which fixes the figure style, the random seed and the warnings policy, so that each notebook
gives the same output on every run and on any machine.

The package is cut by kind. Core: ``data`` (load and check the tables), ``tables`` (show a
table for reading: ``helpers.table``), ``sources`` (cite the article, captions), ``dates``,
``maps``, ``plots`` (house style, the actor and series registry, label placement),
``exercises`` (feedback) and ``errors``. Models, the computations the notebooks teach:
``networks``, ``argument``, ``monitoring``, ``energy``, ``scorecard``, ``interests``. Then
``figures.nbNN`` draws notebook NN's figures and ``checks.nbNN`` checks its exercises.
"""

from __future__ import annotations

import random
import warnings

from .errors import DataError
from .sources import caption, cite

__all__ = ["setup", "load", "describe", "table", "caption", "cite", "DataError", "SEED"]
SEED = 2015


def setup(seed: int = SEED) -> None:
    """Prepare a notebook: house style, fixed random seed, pandas display, warnings policy,
    and the exercises' reminder for an answer that is not set (:func:`helpers.exercises.install`).

    Warnings are not silenced: a warning printed in a notebook changes its stored output and
    fails the tests, which is how the collection notices a library change. Warnings raised by
    the collection's own code are turned into errors.
    """
    import numpy as np
    import pandas as pd

    from .plots import apply_style

    apply_style()
    random.seed(seed)
    np.random.seed(seed)
    pd.set_option("display.max_columns", 20)
    pd.set_option("display.width", 120)
    pd.set_option("display.max_colwidth", 80)
    warnings.resetwarnings()
    warnings.simplefilter("default")
    warnings.filterwarnings("error", module=r"helpers(\..*)?")
    _inline_figures()
    from .exercises import install

    install()  # a check cell whose answer_N is not set prints a reminder, not a NameError


def _inline_figures() -> None:
    """In a notebook, draw figures inline as PNG whatever MPLBACKEND or the user's
    configuration says, so that every machine stores the same kind of output."""
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python, no IPython installed
        return
    shell = get_ipython()
    if shell is None or not hasattr(shell, "kernel"):  # a script or a terminal IPython
        return
    shell.run_line_magic("matplotlib", "inline")
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    set_matplotlib_formats("png")


def __getattr__(name: str):
    """Import the pandas-based loaders and the table display on first use, so that
    ``import helpers`` stays light."""
    if name in ("load", "describe"):
        from . import data

        return getattr(data, name)
    if name == "table":
        from .tables import table

        return table
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")
