"""Student versions of the notebooks, without solutions.

    python tools/build_student.py                 # every notebook -> student/ (your own copies)
    python tools/build_student.py --fresh 03      # a fresh copy of 03 beside yours
    python tools/build_student.py --out build/student --replace   # a hand-out folder

In each copy, made by nbconvert's ``TagRemovePreprocessor``,

- every cell tagged ``solution`` (markdown and code) is removed;
- code cells tagged ``exercise`` or ``check`` lose their outputs and execution counts, so a
  student sees an empty ``answer_N = ...`` cell and a check that has not run yet;
- everything else (cells, ids, metadata, other outputs) is left exactly as stored.

Run top to bottom, every check in a student version prints the "⏳ Not answered yet"
reminder (tests/test_student.py runs them to make sure).

Building again never destroys work. ``student/.built.json`` records, for each copy, the
hand-out version it was built from: a hash of its cells (their kinds and sources, not
outputs, so running a notebook is not a change). A copy whose cells still match is refreshed
from the collection; a copy the student has changed is kept, and the command says so. Only
when the collection's version differs from the one that copy was built from (and from the
one last written beside it) is the new version written beside it, as
``NN_name.fresh.ipynb``, and the record notes it, so that a rebuild with nothing new upstream
writes no fresh copy. ``--fresh NN`` writes one at any time. ``--replace`` overwrites every
copy (for a hand-out folder nobody edits, such as ``build/student/``).
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
from pathlib import Path
from typing import NamedTuple

import nbformat
from nbconvert.preprocessors import TagRemovePreprocessor

from nbrun import ROOT, notebooks

OUT = ROOT / "student"
HANDOUT = ROOT / "build" / "student"
MANIFEST = ".built.json"
FRESH = ".fresh.ipynb"
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
    """Write the student version of each notebook into ``out``, replacing what is there;
    returns the written paths.

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


def cells_hash(nb: nbformat.NotebookNode) -> str:
    """A hash of a notebook's cells as a student edits them: kind and source of each, in
    order (outputs, counts and metadata left out)."""
    cells = [[c.cell_type, c.source] for c in nb.cells]
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode()).hexdigest()


def fresh_path(dest: Path) -> Path:
    """``student/NN_name.fresh.ipynb`` beside ``student/NN_name.ipynb``."""
    return dest.with_name(dest.stem + FRESH)


class Result(NamedTuple):
    written: list[Path]  # copies written (new or refreshed)
    kept: list[Path]  # copies the student changed, left as they are
    fresh: list[Path]  # new versions written beside kept ones (only when there was news)


def _changed(dest: Path, recorded: str | None, new: str) -> bool:
    """Whether the copy at ``dest`` holds the student's work: its cells match neither what
    the last build wrote nor what this one would write (an unreadable file counts as work)."""
    try:
        now = cells_hash(nbformat.read(dest, as_version=4))
    except Exception:  # a notebook broken by hand is still the student's
        return True
    return now not in {recorded, new}


def update(paths: list[Path], out: Path = OUT) -> Result:
    """Write the student version of each notebook into ``out`` without destroying work: a
    copy the student changed (see the module's docstring) is kept, and the new version goes
    beside it as ``NN_name.fresh.ipynb`` when it differs from the version the copy was built
    from and from the one last written beside it; every other copy is written or
    refreshed."""
    out.mkdir(parents=True, exist_ok=True)
    manifest_path = out / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    result = Result([], [], [])
    for path in paths:
        nb = student_version(nbformat.read(path, as_version=4))
        new = cells_hash(nb)
        dest = out / path.name
        fresh = fresh_path(dest)
        built_from = manifest.get(dest.name)
        if dest.exists() and _changed(dest, built_from, new):
            result.kept.append(dest)
            if new not in {built_from, manifest.get(fresh.name)}:  # news from upstream
                nbformat.write(nb, fresh)
                result.fresh.append(fresh)
                manifest[fresh.name] = new
        else:
            nbformat.write(nb, dest)
            result.written.append(dest)
            manifest[dest.name] = new
            manifest.pop(fresh.name, None)
        # written after each notebook, so an interrupted build still knows what it wrote
        manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n",
                                 encoding="utf-8")
    return result


def write_fresh(paths: list[Path], number: str, out: Path = OUT) -> Path:
    """Write the student version of notebook ``number`` (``"03"``) as ``NN_name.fresh.ipynb``
    in ``out``, touching nothing else."""
    matches = [p for p in paths if p.name[:2] == number.zfill(2)]
    if not matches:
        raise SystemExit(f"no notebook {number}: the notebooks are "
                         + ", ".join(p.name[:2] for p in paths))
    out.mkdir(parents=True, exist_ok=True)
    dest = fresh_path(out / matches[0].name)
    nbformat.write(student_version(nbformat.read(matches[0], as_version=4)), dest)
    return dest


def _show(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/NN_*.ipynb")
    parser.add_argument("--out", type=Path, default=OUT, help=f"default: {OUT.relative_to(ROOT)}")
    parser.add_argument("--replace", action="store_true",
                        help="overwrite every copy, changed or not (for a hand-out folder)")
    parser.add_argument("--fresh", metavar="NN",
                        help="only write a fresh copy of notebook NN beside yours")
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or notebooks()
    if args.fresh:
        print(f"wrote {_show(write_fresh(paths, args.fresh, args.out))}")
        return
    if args.replace:
        for dest in build(paths, args.out, prune=not args.notebooks):
            print(f"wrote {_show(dest)}")
        return
    result = update(paths, args.out)
    for dest in result.written:
        print(f"wrote {_show(dest)}")
    for dest in result.kept:
        fresh = fresh_path(dest)
        if fresh in result.fresh:
            print(f"kept {_show(dest)}: you have changed it, so it is left as it is; "
                  f"the new version is beside it in {_show(fresh)}")
        else:
            print(f"kept {_show(dest)}: you have changed it, so it is left as it is; the "
                  "collection's version has not changed since your copy was built (or since "
                  f"the last {FRESH} copy), so no new copy is written "
                  f"(--fresh {dest.name[:2]} writes one)")


if __name__ == "__main__":
    main()
