"""Loaded by every pytest run in the project (tests/, the doctests in helpers/, the notebooks
under nbval), before any test module: the kernels and other Python processes the tests start
get ``offline.kernel_env`` — no network but loopback from their first line, and matplotlib's
and IPython's files in build/cache/ — so a read-only, empty or absent HOME, or a reader's own
matplotlibrc, changes nothing. (pytest-socket guards this process; see pyproject.toml.)"""

import os

from offline import kernel_env

os.environ.update(kernel_env())
