"""A generated section of a text file, kept between two comment markers, with the command
line that rewrites it (``--write``), checks it (``--check``) or prints it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def replace_between(text: str, start: str, end: str, body: str, *, name: str) -> str:
    """``text`` with what lies between the markers ``start`` and ``end`` replaced by ``body``.

    >>> replace_between("a <!-- s -->old<!-- e --> b", "<!-- s -->", "<!-- e -->", "new", name="x")
    'a <!-- s -->\\nnew\\n<!-- e --> b'
    """
    if start not in text or end not in text:
        raise ValueError(f"{name} lacks the markers {start} and {end}")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{body}\n{end}{tail}"


def cli(argv: list[str], path: Path, updated: Callable[[str], str], show: Callable[[], str],
        *, stale: str) -> int:
    """``--write``: rewrite ``path``; ``--check``: exit 1 (printing ``stale``) when it is out
    of date; otherwise print the generated section (``show()``)."""
    text = path.read_text(encoding="utf-8")
    if "--write" in argv:
        path.write_text(updated(text), encoding="utf-8")
        return 0
    if "--check" in argv:
        if updated(text) != text:
            print(stale)
            return 1
        return 0
    print(show())
    return 0
