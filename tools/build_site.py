"""The collection as a static web site, built offline from the notebooks' stored outputs.

    python tools/build_site.py                 # -> build/site/index.html   (make book)
    python tools/build_site.py --out DIR --src DIR [--notebooks DIR] [--student]

How it works:

1. A Sphinx source folder is generated in build/site-src/ (so the repository stays clean):
   the configuration from tools/site/ (conf.py, the azil_site extension, azil.css), the
   notebooks under notebooks/, and index.md made from README.md plus a hidden toctree listing
   the notebooks in sequence order (which gives the sidebar and the previous/next links).
   README's links to notebooks/NN_name.ipynb become links to the pages; other files that the
   README or a notebook links to (e.g. LICENSE, data/README.md) are copied along.
2. The copied notebooks are changed for the web only: each run of cells tagged ``solution``
   (an exercise's worked solution, prose and code) goes into one ``<details
   class="solution">`` toggle, closed (headings in it become bold lines, so a solution does
   not show in the page's table of contents), a cell tagged ``check``
   loses its stored output (it ran against the solution, and would say "Correct" beneath a
   blank exercise), and ipywidgets state is dropped (it would load JavaScript from a CDN;
   widgets show their text form). Every figure gets its alt text and a caption (the figure's
   title and source line) from data/model/figure_text.csv, found by the notebook's name and
   the title its cell passes to the figure function; a figure without a row stops the build.
3. Sphinx (myst-nb, sphinx-book-theme) runs with ``-W --keep-going``: any warning fails the
   build. myst-nb never executes a notebook (nb_execution_mode = "off").
4. The pages are finished (``finish_page``): each figure's image links to itself (a click
   opens it full size), every Hebrew run gets ``lang="he" dir="rtl"``, empty table header
   cells become plain cells, and a few attributes of the theme and of myst-nb are fixed so
   that axe-core finds no violation (see FIXES).
5. The page's download button offers the notebook as stored in notebooks/ (with
   ``--student``, the student version: no solutions).
6. The built HTML and CSS are scanned for assets loaded from http(s) URLs; there must be none.

With ``--student`` (make book-student) the pages are made from the student versions of the
notebooks (tools/build_student.py), so no solution is on the site, and the title says
"student edition".

Only files that changed are rewritten in build/site-src/, so a second build is incremental.
"""

from __future__ import annotations

import argparse
import ast
import copy
import csv
import hashlib
import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

from build_student import student_version
from helpers.hebrew import mark_html as mark_hebrew_html
from nbrun import NOTEBOOKS, ROOT, tags
from nbrun import notebooks as collection
from offline import external_assets

CONFIG = Path(__file__).resolve().parent / "site"
OUT = ROOT / "build" / "site"
SRC = ROOT / "build" / "site-src"

FIGURE_TEXT = ROOT / "data" / "model" / "figure_text.csv"
WIDGET_MIMES = ("application/vnd.jupyter.widget-view+json",
                "application/vnd.jupyter.widget-state+json")
#: What a page shows in place of an interactive control, which a static page cannot run
WIDGET_NOTE = "(An interactive control: run the notebook in JupyterLab to use it.)"
LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")


# --- the notebooks, as the site shows them -------------------------------------------------

def _plain(markdown: str) -> str:
    """A heading's text without emphasis or code marks, for a <summary>."""
    return html.escape(re.sub(r"[*_`]", "", markdown).strip())


def _solution_markdown(source: str) -> tuple[str | None, str]:
    """A markdown solution's first heading (for a summary; None without one) and its body,
    any other heading made a bold line (headings inside <details> would break the page's
    sections)."""
    lines = source.strip("\n").split("\n")
    summary = None
    if lines and HEADING.match(lines[0]):
        summary = _plain(HEADING.match(lines[0])[2]) or None
        lines = lines[1:]
    body, fenced = [], False
    for line in lines:
        if FENCE.match(line):
            fenced = not fenced
        m = None if fenced else HEADING.match(line)
        body.append(f"**{m[2]}**" if m else line)
    return summary, "\n".join(body).strip("\n")


def _opening(summary: str | None) -> str:
    """The start of a solution's toggle: its summary is the solution's heading, or else
    "Show solution", which reads "Hide solution" while it is open (azil.css)."""
    summary = summary or ('<span class="when-closed">Show solution</span>'
                          '<span class="when-open">Hide solution</span>')
    return f'<details class="solution">\n<summary>{summary}</summary>\n\n'


def group_solutions(cells: list) -> list:
    """One toggle per solution: each run of consecutive cells tagged ``solution`` (the
    prose and the code of one exercise's solution) goes into one ``<details
    class="solution">``, closed. The opening tag starts the run's first markdown cell (or a
    markdown cell put before a run that starts with code), a markdown cell after the run
    closes it; the code cells stand between, as they are, inside the toggle."""
    out, i = [], 0
    while i < len(cells):
        if "solution" not in tags(cells[i]):
            out.append(cells[i])
            i += 1
            continue
        j = i
        while j < len(cells) and "solution" in tags(cells[j]):
            j += 1
        run = cells[i:j]
        for k, cell in enumerate(run):
            if cell.cell_type != "markdown":
                continue
            summary, body = _solution_markdown(cell.source)
            cell.source = (_opening(summary) if k == 0 else "") + body + "\n"
        if run[0].cell_type != "markdown":
            out.append(nbformat.v4.new_markdown_cell(_opening(None), metadata={
                "tags": ["solution"]}))
        out.extend(run)
        out.append(nbformat.v4.new_markdown_cell("</details>", metadata={"tags": ["solution"]}))
        i = j
    return out


# --- figures: alt text and a visible caption from data/model/figure_text.csv ---------------

class FigureTextMissing(RuntimeError):
    """A figure on the site without its row in data/model/figure_text.csv."""


def figure_texts(path: Path = FIGURE_TEXT) -> dict[tuple[str, str], dict[str, str]]:
    """The rows of figure_text.csv by (notebook, title)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return {(r["notebook"], r["title"]): r for r in csv.DictReader(fh)}


def figure_title(source: str) -> str | None:
    """The title a cell passes to the function that draws its figure: the string given as
    ``title=`` in a call (the outermost call that has one); None if there is none."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    for node in ast.walk(tree):  # breadth first: an outer call before the calls inside it
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg == "title" and isinstance(kw.value, ast.Constant) \
                        and isinstance(kw.value.value, str):
                    return kw.value.value
    return None


def shows_figure(cell) -> bool:
    return cell.cell_type == "code" and any(
        "image/png" in o.get("data", {}) or "image/svg+xml" in o.get("data", {})
        for o in cell.get("outputs", []))


def _markdown_text(text: str) -> str:
    """Plain text for a MyST caption: characters that would start markup escaped."""
    return re.sub(r"([\\`*_\[\]<>{}$|#])", r"\\\1", text)


def describe_figures(nb: nbformat.NotebookNode, notebook: str,
                     texts: dict[tuple[str, str], dict[str, str]]) -> None:
    """Give every figure of ``nb`` (in place) its alt text and a caption, read from
    figure_text.csv by the notebook's name and the figure's title: myst-nb renders the cell's
    image with ``metadata.mystnb.image.alt`` inside a <figure> whose <figcaption> is
    ``metadata.mystnb.figure.caption`` (the title, then the source line). Raises
    FigureTextMissing, naming the cells, if a figure has no row."""
    missing = []
    for cell in nb.cells:
        if not shows_figure(cell):
            continue
        title = figure_title(cell.source)
        row = texts.get((notebook, title)) if title else None
        if row is None:
            missing.append(f"{notebook} cell {cell.get('id', '?')}: title {title!r}")
            continue
        caption = title + (" " if title[-1] in ".?!" else ". ") + row["source"]
        mystnb = cell.metadata.setdefault("mystnb", {})
        mystnb["image"] = {**mystnb.get("image", {}), "alt": row["alt_en"],
                           "classes": "azil-figure-img"}
        mystnb["figure"] = {"caption": _markdown_text(caption), "classes": "azil-figure"}
    if missing:
        raise FigureTextMissing(
            "figures without alt text and caption: add a row (notebook, title, alt_en, source) "
            f"to {FIGURE_TEXT.relative_to(ROOT)} for each of\n  " + "\n  ".join(missing))


def web_version(nb: nbformat.NotebookNode, notebook: str | None = None,
                texts: dict[tuple[str, str], dict[str, str]] | None = None
                ) -> nbformat.NotebookNode:
    """The notebook as the site shows it: each solution collapsed into one toggle, prose and
    code together (group_solutions), the stored feedback of checks
    dropped, widget state dropped, and, given its name and the figure texts, every figure
    with alt text and a caption."""
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    if notebook is not None:
        describe_figures(nb, notebook, figure_texts() if texts is None else texts)
    nb.cells = group_solutions(nb.cells)
    for cell in nb.cells:
        if "check" in tags(cell) and cell.cell_type == "code":
            # the stored feedback ran against the solution: beneath a blank exercise it would
            # say "✅ Correct." to a reader who has answered nothing
            cell.outputs = []
            cell.execution_count = None
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if WIDGET_MIMES[0] in data:  # its text is a repr ("interactive(children=…")
                data["text/plain"] = WIDGET_NOTE
            for mime in WIDGET_MIMES:
                data.pop(mime, None)
    return nb


# --- the Sphinx source folder -------------------------------------------------------------

def _write(path: Path, data: bytes, keep: set[Path]) -> bool:
    """Write ``data`` unless the file already holds it (keeps Sphinx's build incremental);
    True if the file was written."""
    keep.add(path)
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def linked_files(markdown: str, base: Path) -> list[Path]:
    """Files of the repository that a markdown text (sitting in folder ``base``) links to,
    other than the notebooks themselves."""
    found = []
    for target in LINK.findall(markdown):
        if re.match(r"^[a-z][a-z0-9+.-]*:|^#|^/", target, re.I):
            continue
        path = (base / target.split("#")[0]).resolve()
        if path.is_file() and path.is_relative_to(ROOT) and path.parent != NOTEBOOKS:
            found.append(path)
    return found


def index_page(readme: str, pages: list[str], extra: list[str]) -> str:
    """README.md as the front page, with the hidden toctree that orders the site."""
    toctree = "\n\n```{toctree}\n:hidden:\n:maxdepth: 1\n\n" + "\n".join(pages) + "\n```\n"
    if extra:
        toctree += "\n```{toctree}\n:hidden:\n\n" + "\n".join(extra) + "\n```\n"
    return readme.rstrip("\n") + "\n" + toctree


def as_given(path: Path, student: bool) -> nbformat.NotebookNode:
    """A notebook as the site offers it for download: as stored, or (``student``) its
    student version (tools/build_student.py: no solutions, exercises and checks unrun)."""
    nb = nbformat.read(path, as_version=4)
    return student_version(nb) if student else nb


def prepare(src: Path, notebooks: list[Path], student: bool = False) -> bool:
    """Fill ``src`` with the configuration, the notebooks and the front page; True if the
    configuration (tools/site/) changed since the last build, so every page must be redone.
    With ``student``, the pages are made from the student versions of the notebooks."""
    keep: set[Path] = set()
    config_changed = False
    for f in sorted(CONFIG.rglob("*")):
        if f.is_file() and "__pycache__" not in f.parts:
            config_changed |= _write(src / f.relative_to(CONFIG), f.read_bytes(), keep)
    # this file finishes the pages Sphinx writes: a change to it redoes every page too
    config_changed |= _write(src / ".build_site.sha256",
                             hashlib.sha256(Path(__file__).read_bytes()).hexdigest().encode(), keep)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    linked = linked_files(readme, ROOT)
    pages = []
    texts = figure_texts()
    for path in notebooks:
        nb = as_given(path, student)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                linked += linked_files(cell.source, NOTEBOOKS)  # as the page sits in notebooks/
        text = nbformat.writes(web_version(nb, path.stem, texts)) + "\n"
        _write(src / "notebooks" / path.name, text.encode("utf-8"), keep)
        pages.append(f"notebooks/{path.stem}")
    extra = []
    for f in dict.fromkeys(linked):
        rel = f.relative_to(ROOT)
        _write(src / rel, f.read_bytes(), keep)
        if f.suffix == ".md":  # a markdown file becomes a page of its own
            extra.append(rel.with_suffix("").as_posix())
    _write(src / "index.md", index_page(readme, pages, extra).encode("utf-8"), keep)
    for f in sorted(src.rglob("*"), reverse=True):  # files left from an earlier build
        if f.is_file() and f not in keep and "__pycache__" not in f.parts:
            f.unlink()
    return config_changed


# --- the built pages, finished for every reader -------------------------------------------

FIGURE_IMG = re.compile(r'(<figure class="azil-figure[^"]*"[^>]*>\s*)(<img [^>]*?src="([^"]+)"[^>]*>)')


# A figure is named by its caption (Chromium does not take the name from <figcaption> itself)
FIGURE_NAMED = re.compile(r'(<figure class="azil-figure[^"]*") id="([^"]+)"(>)(.*?)<figcaption>', re.S)
EMPTY_TH = re.compile(r"<th(\s[^>]*)?>(?:\s|&nbsp;|&#160;|<p>\s*</p>)*</th>")
# Fixes of what the theme and myst-nb write, each for a rule of axe-core:
FIXES = [
    # label-content-name-mismatch: myst-nb's hide-cell toggle (unused by the solutions, which
    # have toggles of their own) is named by its visible "Show"/"Hide" text
    ('<summary aria-label="Toggle hidden content">', "<summary>"),
    # label-content-name-mismatch: the search button is named by its visible text
    ('title="Search" aria-label="Search" data-bs-placement', 'title="Search" data-bs-placement'),
    # region: the sidebar (with the site's name at its top) is a landmark
    ('<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar">',
     '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar" role="complementary"'
     ' aria-label="The collection\'s pages">'),
    # scrollable-region-focusable: a wide table scrolls in its own box, also by keyboard
    ('<div class="pst-scrollable-table-container">',
     '<div class="pst-scrollable-table-container" tabindex="0">'),
]


def finish_page(page: str) -> str:
    """What the HTML needs beyond what Sphinx writes: each figure's image is a link to the
    image file, so a click opens it full size, and the figure is named by its caption; every
    Hebrew run is marked as Hebrew; an empty header cell (the corner above a pandas index,
    an empty column head) is a plain cell, so no header goes without a name; and the fixes
    in FIXES. Finishing a finished page changes nothing (pages Sphinx did not rewrite in an
    incremental build are finished again)."""
    page = FIGURE_IMG.sub(r'\1<a class="azil-figure-link" href="\3">\2'
                          r'<span class="visually-hidden"> (opens the image full size)</span></a>',
                          page)
    page = FIGURE_NAMED.sub(r'\1 id="\2" aria-labelledby="\2-caption"\3\4<figcaption id="\2-caption">',
                            page)
    page = EMPTY_TH.sub(lambda m: f"<td{m[1] or ''}></td>", page)
    for old, new in FIXES:
        page = page.replace(old, new)
    return mark_hebrew_html(page)


def finish(out: Path) -> None:
    for path in out.rglob("*.html"):
        if "_static" in path.relative_to(out).parts:
            continue
        text = path.read_text(encoding="utf-8")
        done = finish_page(text)
        if done != text:
            path.write_text(done, encoding="utf-8")


# --- build and check ------------------------------------------------------------------------

def build(out: Path = OUT, src: Path = SRC, notebooks: list[Path] | None = None,
          quiet: bool = True, student: bool = False) -> Path:
    """Build the site into ``out``; raises RuntimeError on a Sphinx warning or a network asset.
    With ``student``, the student's site: made from the student versions of the notebooks
    (no solution on any page), and its download button serves the student version."""
    if notebooks is None:
        notebooks = collection(NOTEBOOKS)
    fresh = prepare(src, notebooks, student)
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going",
           "-d", str(src.parent / (src.name + ".doctrees")), str(src), str(out)]
    if student:
        cmd[3:3] = ["-t", "student"]  # conf.py: the title says it is the student edition
    if fresh:  # tools/site/ changed: re-read and re-write every page
        cmd[3:3] = ["-E", "-a"]
    if quiet:
        cmd.insert(3, "-q")
    proc = subprocess.run(cmd, capture_output=quiet, text=True)
    if proc.returncode:
        raise RuntimeError(f"sphinx failed (exit {proc.returncode}):\n"
                           f"{proc.stderr if quiet else ''}")
    finish(out)
    for path in notebooks:  # the download button offers the notebook as given, not the web copy
        dest = out / "_sources" / "notebooks" / path.name
        if dest.parent.is_dir():
            if student:
                dest.write_text(nbformat.writes(as_given(path, True)) + "\n", encoding="utf-8")
            else:
                shutil.copyfile(path, dest)
    bad = external_assets(out)
    if bad:
        raise RuntimeError("pages load assets from the network:\n"
                           + "\n".join(f"  {f}: {u}" for f, u in bad))
    return out / "index.html"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="default: build/site")
    parser.add_argument("--src", type=Path, default=SRC, help="default: build/site-src")
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOKS, help="default: notebooks/")
    parser.add_argument("--student", action="store_true",
                        help="the student's site: no solutions, the download button serves the "
                             "student notebook (make book-student)")
    parser.add_argument("--clean", action="store_true", help="rebuild every page from scratch")
    parser.add_argument("-v", "--verbose", action="store_true", help="show Sphinx's output")
    args = parser.parse_args(argv)
    if args.clean:
        for d in (args.out, args.src, args.src.parent / (args.src.name + ".doctrees")):
            shutil.rmtree(d, ignore_errors=True)
    try:
        index = build(args.out.resolve(), args.src.resolve(),
                      collection(args.notebooks), quiet=not args.verbose,
                      student=args.student)
    except RuntimeError as e:
        print(e, file=sys.stderr)
        return 1
    print(f"site built: {index}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
