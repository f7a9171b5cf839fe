"""Slide decks of the notebooks (reveal.js), without solutions, that open offline.

    python tools/build_slides.py                  # -> build/slides/NN_name.slides.html
    python tools/build_slides.py --out DIR [NOTEBOOK ...]

How it works:

1. Each notebook is first turned into its student version (tools/build_student.py): cells
   tagged ``solution`` are removed, and the outputs of ``exercise`` and ``check`` cells are
   cleared (a check's stored "✅ Correct." would only show that a solution had run).
2. Cells without slide metadata get some, so authors need not set any: a markdown cell that
   opens with a ``#`` or ``##`` heading opens a new slide, one with a ``###`` heading a
   sub-slide below it, every other cell continues the current one (``-``). (Each heading
   opens its own markdown cell in the notebooks; a test checks it.) Cells whose
   ``metadata.slideshow.slide_type`` is set keep it.
3. nbconvert's SlidesExporter (what ``jupyter nbconvert --to slides`` runs) renders the deck
   with the template tools/slides/azil_reveal: the stock reveal template minus its CDN
   scripts (jQuery, require.js, mermaid, MathJax, widgets), loading reveal.js 4.0.2 from
   ``reveal.js/`` beside the decks — a copy of tools/vendor/reveal.js (MIT). Figures are
   embedded in the HTML, so build/slides/ can be copied anywhere as a whole.
4. The decks are scanned for assets loaded from http(s) URLs; there must be none.

Open a deck in a browser; press S for the speaker notes window, Esc for the overview.
"""

from __future__ import annotations

import argparse
import copy
import shutil
import sys
from pathlib import Path

import nbformat
from nbconvert.exporters import SlidesExporter
from traitlets.config import Config

from build_student import student_version
from nbrun import ROOT, notebooks
from offline import external_assets

TOOLS = Path(__file__).resolve().parent
REVEAL = TOOLS / "vendor" / "reveal.js"
OUT = ROOT / "build" / "slides"
HEADING = ("# ", "## ")
SUBHEADING = ("### ",)


def with_slide_metadata(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Give every cell without a slide type one: a ``#``/``##`` heading opens a slide, a
    ``###`` heading a sub-slide (below it), anything else continues the current one."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        show = cell.metadata.setdefault("slideshow", {})
        if not show.get("slide_type"):
            text = cell.source.lstrip() if cell.cell_type == "markdown" else ""
            show["slide_type"] = ("slide" if text.startswith(HEADING) else
                                  "subslide" if text.startswith(SUBHEADING) else "-")
    return nb


def slide_version(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook as the slides show it: no solutions, slide metadata everywhere."""
    nb = with_slide_metadata(student_version(nb))
    nb.metadata.pop("widgets", None)
    return nb


def exporter() -> SlidesExporter:
    c = Config()
    c.SlidesExporter.reveal_url_prefix = "reveal.js"
    c.SlidesExporter.reveal_theme = "white"
    c.SlidesExporter.reveal_scroll = True
    c.SlidesExporter.reveal_number = "c/t"
    # Not used by the template, but keep every CDN default out of the rendering resources.
    for name in ("require_js_url", "mathjax_url", "jquery_url", "mermaid_js_url",
                 "mermaid_layout_elk_js_url", "widget_renderer_url"):
        setattr(c.SlidesExporter, name, "")
    return SlidesExporter(config=c, template_name="azil_reveal",
                          extra_template_basedirs=[str(TOOLS / "slides")])


def build(paths: list[Path], out: Path, *, prune: bool = False) -> list[Path]:
    """Write one deck per notebook into ``out`` with reveal.js beside them."""
    out.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(out / "reveal.js", ignore_errors=True)
    shutil.copytree(REVEAL, out / "reveal.js", ignore=shutil.ignore_patterns("README.md"))
    if prune:
        for stale in out.glob("*.slides.html"):
            if stale.name.removesuffix(".slides.html") not in {p.stem for p in paths}:
                stale.unlink()
    exp, written = exporter(), []
    for path in paths:
        nb = slide_version(nbformat.read(path, as_version=4))
        body, _ = exp.from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
        dest = out / f"{path.stem}.slides.html"
        dest.write_text(body, encoding="utf-8")
        written.append(dest)
    bad = external_assets(out)
    if bad:
        raise RuntimeError("decks load assets from the network:\n"
                           + "\n".join(f"  {f}: {u}" for f, u in bad))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/NN_*.ipynb")
    parser.add_argument("--out", type=Path, default=OUT, help="default: build/slides")
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or notebooks()
    try:
        written = build(paths, args.out, prune=not args.notebooks)
    except RuntimeError as e:
        print(e, file=sys.stderr)
        return 1
    for dest in written:
        print(f"wrote {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
