"""Re-execute notebooks in place (all, or those named) and store their new outputs.

    python tools/execute.py                    # every notebook
    python tools/execute.py notebooks/01_background.ipynb
"""

import sys
from pathlib import Path

import nbformat

from nbrun import notebooks, run


def main(args: list[str]) -> None:
    paths = [Path(a).resolve() for a in args] or notebooks()
    for path in paths:
        nb, seconds, peak = run(path)
        for cell in nb.cells:  # keep the stored notebook free of run-specific metadata
            cell.get("metadata", {}).pop("execution", None)
        nbformat.write(nb, path)
        print(f"{path.name}: executed in {seconds:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
