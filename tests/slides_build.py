"""The slide decks, built once per test process for the slide tests (tools/build_slides.py):
every notebook deck, every session deck, their notes pages and the index, in a temporary
folder that is removed at exit."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

import build_slides
from conftest import NOTEBOOKS
from helpers import data


def sessions() -> list[int]:
    """The class sessions of the seminar plan (session 0 is reading before session 1)."""
    plan = data.load("seminar_plan")
    return sorted(int(n) for n in set(plan.loc[plan["kind"] == "class", "session"]))


#: Every deck the build writes, notebook decks first.
DECKS = [f"{p.stem}.slides.html" for p in NOTEBOOKS] + [f"session-{n}.slides.html" for n in sessions()]


@functools.cache
def built() -> Path:
    out = Path(tempfile.mkdtemp(prefix="azil-slides-"))
    atexit.register(shutil.rmtree, out, ignore_errors=True)
    build_slides.build(NOTEBOOKS, out, sessions=True)
    return out
