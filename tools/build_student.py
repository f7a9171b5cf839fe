"""Student versions of the notebooks, without solutions: build/student/NN_name.ipynb.

    python tools/build_student.py                      # every notebook -> build/student/
    python tools/build_student.py --out DIR [NOTEBOOK ...]

In each copy, made by nbconvert's ``TagRemovePreprocessor``,

- every cell tagged ``solution`` (markdown and code) is removed;
- code cells tagged ``exercise`` or ``check`` lose their outputs and execution counts, so a
  student sees an empty ``answer = ...`` cell and a check that has not run yet;
- everything else (cells, ids, metadata, other outputs) is left exactly as stored.

Run top to bottom, every check in a student version prints the "⏳ Not answered yet"
reminder (tests/test_student.py runs them to make sure).
"""

from __future__ import annotations

import argparse
import copy
from pathlib import Path

import nbformat
from nbconvert.preprocessors import TagRemovePreprocessor

from nbrun import ROOT, notebooks

OUT = ROOT / "build" / "student"
REMOVE = TagRemovePreprocessor(
    remove_cell_tags={"solution"},
    remove_all_outputs_tags={"exercise", "check"},  # outputs and execution count
    remove_metadata_fields=set(),  # keep "collapsed"/"scrolled" as stored
)


def student_version(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` without solution cells and with exercise/check outputs cleared."""
    nb, _ = REMOVE.preprocess(copy.deepcopy(nb), {})
    return nb


def build(paths: list[Path], out: Path, *, prune: bool = False) -> list[Path]:
    """Write the student version of each notebook into ``out``; returns the written paths.

    With ``prune``, notebooks in ``out`` that are not among ``paths`` are deleted (a notebook
    renamed or removed since the last full build).
    """
    out.mkdir(parents=True, exist_ok=True)
    if prune:
        for stale in out.glob("*.ipynb"):
            if stale.name not in {p.name for p in paths}:
                stale.unlink()
    written = []
    for path in paths:
        nb = student_version(nbformat.read(path, as_version=4))
        dest = out / path.name
        nbformat.write(nb, dest)
        written.append(dest)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/NN_*.ipynb")
    parser.add_argument("--out", type=Path, default=OUT, help=f"default: {OUT.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or notebooks()
    for dest in build(paths, args.out, prune=not args.notebooks):
        print(f"wrote {dest}")


if __name__ == "__main__":
    main()
