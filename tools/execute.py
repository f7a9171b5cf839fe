"""Re-execute notebooks in place (all, or those named) and store their new outputs.

    python tools/execute.py                    # every notebook
    python tools/execute.py notebooks/01_background.ipynb
"""

import sys
from pathlib import Path

import nbformat

from nbrun import notebooks, run

WIDGET = "application/vnd.jupyter.widget-view+json"


def main(args: list[str]) -> None:
    paths = [Path(a).resolve() for a in args] or notebooks()
    for path in paths:
        nb, seconds, peak = run(path)
        for index, cell in enumerate(nb.cells):  # keep run-specific data out of the file
            cell.get("metadata", {}).pop("execution", None)
            for output in cell.get("outputs", []):
                view = output.get("data", {}).get(WIDGET)
                if view:  # a live widget's id is random; the stored one only has to be stable
                    view["model_id"] = f"stored-widget-cell-{index:03d}"
        nbformat.write(nb, path)
        print(f"{path.name}: executed in {seconds:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
