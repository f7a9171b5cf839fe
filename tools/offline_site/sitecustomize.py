"""Run by Python at start-up when this folder leads PYTHONPATH, as it does for the kernels and
other Python processes that the tests and `make execute` start (tools/offline.py,
``kernel_env``): from the first line of a notebook, no connection, datagram or name look-up
leaves the machine; loopback still works (a kernel talks to its client there).

A sitecustomize that this one shadows (a distribution may ship one) is run after it."""

import importlib.machinery
import importlib.util
import sys
from pathlib import Path


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_here = Path(__file__).resolve().parent
_load("_azil_offline", _here.parent / "offline.py").block_network()

_rest = [p for p in sys.path if p and Path(p).resolve() != _here]
_next = importlib.machinery.PathFinder.find_spec("sitecustomize", _rest)
if _next is not None and _next.origin and Path(_next.origin).resolve() != Path(__file__).resolve():
    _load("_sitecustomize_shadowed", Path(_next.origin))
