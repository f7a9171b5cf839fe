"""Collapse the solution cells of the full notebooks in JupyterLab.

    python tools/collapse_solutions.py            # every notebook, rewritten in place
    python tools/collapse_solutions.py --check    # only report; exit 1 if one needs it
    python tools/collapse_solutions.py NOTEBOOK ...

A cell tagged ``solution`` gets ``jupyter.source_hidden: true`` and, if it is a code cell,
``jupyter.outputs_hidden: true`` too: JupyterLab opens it as a one-line placeholder that a
click expands. Nothing else changes: no source, output, id or other metadata, and a notebook
that is already right is not rewritten. A cell not tagged ``solution`` is left as it is
(tests/test_collapsed.py fails if one is hidden).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

from nbrun import notebooks, tags


def hidden_fields(cell) -> dict[str, bool]:
    """What ``cell.metadata.jupyter`` must hold for a solution cell of its type."""
    if cell.cell_type == "code":
        return {"source_hidden": True, "outputs_hidden": True}
    return {"source_hidden": True}


def collapse(nb: nbformat.NotebookNode) -> list[str]:
    """Collapse the solution cells of ``nb`` in place; returns the ids of the cells changed."""
    changed = []
    for cell in nb.cells:
        if "solution" not in tags(cell):
            continue
        jupyter = cell.metadata.setdefault("jupyter", {})
        want = hidden_fields(cell)
        if any(jupyter.get(k) is not v for k, v in want.items()):
            jupyter.update(want)
            changed.append(cell.id)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/NN_*.ipynb")
    parser.add_argument("--check", action="store_true", help="report only; write nothing")
    args = parser.parse_args(argv)
    missing = 0
    for path in args.notebooks or notebooks():
        nb = nbformat.read(path, as_version=4)
        changed = collapse(nb)
        if not changed:
            continue
        missing += len(changed)
        if args.check:
            print(f"{path.name}: not collapsed: {', '.join(changed)}")
        else:
            nbformat.write(nb, path)
            print(f"{path.name}: collapsed {', '.join(changed)}")
    return 1 if args.check and missing else 0


if __name__ == "__main__":
    sys.exit(main())
