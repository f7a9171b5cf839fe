"""Write the figures stored in notebooks as PNG files, to look at them or to put them on slides.

    python tools/figures.py                      # every notebook → build/figures/
    python tools/figures.py notebooks/03_israeli_interests.ipynb /tmp/figs
"""

import base64
import sys
from pathlib import Path

import nbformat

from nbrun import ROOT, notebooks


def extract(path: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for i, cell in enumerate(nbformat.read(path, as_version=4).cells):
        for j, output in enumerate(cell.get("outputs", [])):
            png = output.get("data", {}).get("image/png")
            if png:
                target = out / f"{path.stem}_cell{i:02d}_{j}.png"
                target.write_bytes(base64.b64decode(png))
                written.append(target)
    return written


def main(args: list[str]) -> None:
    paths = [Path(args[0])] if args else notebooks()
    out = Path(args[1]) if len(args) > 1 else ROOT / "build" / "figures"
    for path in paths:
        for target in extract(path, out):
            print(target)


if __name__ == "__main__":
    main(sys.argv[1:])
