"""Every figure the notebooks draw, drawn afresh, as SVG and as PNG at 220 dpi, for an
instructor's own slides, with an index page:

    python tools/figures.py                       # every notebook -> build/figures/
    python tools/figures.py notebooks/03_israeli_interests.ipynb --out /tmp/figs

Each figure is named for what it shows (``03-btc-pipeline-map.svg``): the ``slug`` of its
row in ``data/model/figure_text.csv``, found by notebook and title as the site finds it.
``index.html`` lists each figure with a thumbnail, its title, alt text and source line and
links to both files; it loads nothing from the network. The figures are re-drawn by running
each notebook's code in this process (tools/figures_run.py), not read from the 100 dpi
images stored in the notebooks.
"""

from __future__ import annotations

import argparse
import csv
import html
import sys
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib as mpl
from matplotlib.backends.backend_agg import FigureCanvasAgg

import figures_run
from nbrun import ROOT, notebooks

FIGURE_TEXT = ROOT / "data" / "model" / "figure_text.csv"
DPI = 220  # 200 dpi or more, with a margin for the pixel a tight box rounds away


@dataclass
class Exported:
    """One figure written out."""

    notebook: str
    slug: str
    title: str
    alt: str
    source: str
    svg: Path
    png: Path
    width_in: float  # the width of the saved image, in inches (its tight box, padded)


def figure_rows(path: Path = FIGURE_TEXT) -> dict[tuple[str, str], dict[str, str]]:
    """The rows of figure_text.csv by (notebook, title)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return {(r["notebook"], r["title"]): r for r in csv.DictReader(fh)}


def row_for(drawn: figures_run.Drawn, rows) -> dict[str, str]:
    """The figure_text row of a drawn figure: by its notebook and the first of its titles that
    has one (a figure of several panels has the figure's title first)."""
    stem = Path(drawn.notebook).stem
    for title in drawn.titles:
        if (stem, title) in rows:
            return rows[stem, title]
    raise SystemExit(f"{drawn.notebook}, cell {drawn.cell}: no row in data/model/figure_text.csv "
                     f"for a figure titled {drawn.titles[:1]}")


def export(paths, out: Path) -> list[Exported]:
    """Draw the figures of ``paths`` (notebooks) and write each as SVG and PNG into ``out``."""
    from helpers.plots import STYLE

    rows = figure_rows()
    out.mkdir(parents=True, exist_ok=True)
    done: list[Exported] = []
    for path in paths:
        drawn, _ = figures_run.run(Path(path))
        for d in drawn:
            row = row_for(d, rows)
            svg, png = out / f"{row['slug']}.svg", out / f"{row['slug']}.png"
            if not hasattr(d.figure.canvas, "get_renderer"):  # closed once it was shown
                FigureCanvasAgg(d.figure)
            with mpl.rc_context(STYLE):
                d.figure.savefig(svg, bbox_inches="tight", metadata={"Date": None})
                d.figure.savefig(png, dpi=DPI, bbox_inches="tight")
                box = d.figure.get_tightbbox(d.figure.canvas.get_renderer())
                width = float(box.width) + 2 * mpl.rcParams["savefig.pad_inches"]
            done.append(Exported(Path(d.notebook).stem, row["slug"], row["title"], row["alt_en"],
                                 row["source"], svg, png, width))
    return done


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Figures: Israel–Azerbaijan, special relations vs. constraints</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.45; color: #222; }}
figure {{ display: grid; grid-template-columns: 320px 1fr; gap: 1rem; margin: 0 0 2rem;
         padding-bottom: 1.5rem; border-bottom: 1px solid #ddd; }}
img {{ width: 320px; height: auto; border: 1px solid #ccc; }}
figcaption p {{ margin: 0.3rem 0; }}
.source {{ font-style: italic; }}
code {{ font-size: 0.9em; }}
</style>
</head>
<body>
<h1>Figures of the collection</h1>
<p>Every figure the notebooks draw, as SVG (scalable, for slides) and as PNG at {dpi} dpi,
named for what it shows. The alt text and the source line are those of the site; keep the
source line with the figure when you show it.</p>
{items}
</body>
</html>
"""

ITEM = """<figure id="{slug}">
<a href="{png}"><img src="{png}" alt="{alt}"></a>
<figcaption>
<p><strong>{title}</strong> <code>{slug}</code> (notebook {notebook})</p>
<p>{alt}</p>
<p class="source">{source}</p>
<p><a href="{svg}">SVG</a> · <a href="{png}">PNG, {dpi} dpi</a></p>
</figcaption>
</figure>"""


def write_index(done: list[Exported], out: Path) -> Path:
    """build/figures/index.html: each figure with its thumbnail, texts and files."""
    e = html.escape
    items = "\n".join(ITEM.format(slug=e(x.slug), png=e(x.png.name), svg=e(x.svg.name),
                                  alt=e(x.alt), title=e(x.title), notebook=e(x.notebook),
                                  source=e(x.source), dpi=DPI) for x in done)
    index = out / "index.html"
    index.write_text(PAGE.format(items=items, dpi=DPI), encoding="utf-8")
    return index


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebook")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "figures")
    args = parser.parse_args(argv)
    done = export(args.notebooks or notebooks(), args.out)
    slugs = [x.slug for x in done]
    if len(set(slugs)) != len(slugs):
        raise SystemExit(f"two figures share a name: {sorted(s for s in slugs if slugs.count(s) > 1)}")
    index = write_index(done, args.out)
    print(f"{len(done)} figures (SVG and PNG at {DPI} dpi) and {index}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
