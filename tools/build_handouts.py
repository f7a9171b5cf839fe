"""Handouts to print: each notebook as a PDF for students and for the instructor, and one
sheet per session of the seminar plan, printed offline by headless Chromium.

    python tools/build_handouts.py            # -> build/handouts/   (make handouts)
    python tools/build_handouts.py --out DIR --site DIR --student-site DIR [--no-site-build]

What it writes:

* ``NN_name.student.pdf``: the notebook's page of the student site (``make book-student``,
  build/site-student/): no solution is on it, and the check cells' stored feedback is gone.
* ``NN_name.instructor.pdf``: its page of the instructor's site (``make book``,
  build/site/), every solution open under a plain "Solution" label.
* ``session-N.pdf``: one sheet per session of data/model/seminar_plan.csv: its title, what
  was to be done before it (the previous session's homework, reading and exercises, as
  ``plan.before`` gives it and the session's deck lists it; on the first sheet, the reading
  of session 0), the article's pages to read, its parts with their minutes, the text of the discussion
  exercises its parts use, the discussion questions of the notebooks it uses, and the
  homework.

Why the sites' pages: they are what the class already sees (figures with captions, Hebrew
marked ``lang="he" dir="rtl"``, solutions grouped into one toggle each), so a handout says
what the page says. A print stylesheet (tools/handouts/print.css), added to the page just
before printing, takes away the site's chrome (sidebars, header, buttons, search, the
toggles' markers), wraps code and tables to the width of the paper, and keeps every figure
and every table row whole on one page. The sheets are HTML of our own (tools/handouts/
sheet.css), made from the plan and the notebooks.

Paper: A4 with 15 mm side margins, which leaves a text column of 680 CSS px, the width of
the site's content column; a running title at the top of each page and "page n of m" at the
bottom (Chromium's header and footer templates).

Before printing, each page is measured laid out for print at that width: an element of the
article that runs past the right margin is reported (``Handout.overflow``), as is a figure
taller than the printable height and Hebrew not laid out right to left (``Handout.hebrew``:
Hebrew keeps the site's ``lang="he" dir="rtl"``, and the sheets are marked the same way by
helpers.hebrew.mark_html); any of them makes the build exit with an error.

Offline: the pages are opened from disk (file://) in tools/browser.py's Chromium, which
resolves no name but localhost.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

import browser
from build_student import student_version
from nbrun import NOTEBOOKS, ROOT, tags
from nbrun import notebooks as collection
from plan import before, exercise_numbers

HERE = Path(__file__).resolve().parent / "handouts"
PRINT_CSS = HERE / "print.css"
SHEET_CSS = HERE / "sheet.css"
OUT = ROOT / "build" / "handouts"
SITE = ROOT / "build" / "site"
STUDENT_SITE = ROOT / "build" / "site-student"

ARTICLE = ("Gallia Lindenstrauss, \u201cIsrael\u2013Azerbaijan: Special Relations vs. "
           "Constraints\u201d, Strategic Assessment 17:4 (INSS, January 2015), pp. 61\u201369")
SHORT_TITLE = "Lindenstrauss 2015, Israel\u2013Azerbaijan"

# A4 (210 × 297 mm), in inches (Page.printToPDF's unit). 15 mm at the sides: 210 mm - 30 mm = 180 mm of text,
# 680 CSS px at 96 px to the inch. Top and bottom leave room for the running title and the
# page number.
PAPER = {"paperWidth": 8.2677, "paperHeight": 11.6929, "marginLeft": 0.59, "marginRight": 0.59,
         "marginTop": 0.6, "marginBottom": 0.6}
TEXT_WIDTH_PX = round((PAPER["paperWidth"] - 2 * PAPER["marginLeft"]) * 96)
TEXT_HEIGHT_PX = round((PAPER["paperHeight"] - PAPER["marginTop"] - PAPER["marginBottom"]) * 96)
HEADER = ('<div style="font-size:7.5pt; width:100%; margin:0 15mm; color:#555; '
          'font-family:sans-serif; display:flex; justify-content:space-between">'
          '<span class="title"></span><span>{edition}</span></div>')
FOOTER = ('<div style="font-size:7.5pt; width:100%; text-align:center; color:#555; '
          'font-family:sans-serif">page <span class="pageNumber"></span> of '
          '<span class="totalPages"></span></div>')

# JavaScript run in the page before it is printed ------------------------------------------

# The print stylesheet, and every image loaded (the site may load them lazily), and the
# fonts; then two frames drawn.
PREPARE_JS = r"""(async css => {
  const style = document.createElement('style');
  style.id = 'azil-print';
  style.textContent = css;
  document.head.appendChild(style);
  document.querySelectorAll('img').forEach(img => { img.loading = 'eager'; });
  // a line may break after "_" or "/" inside a table cell (long column names and ids)
  for (const cell of document.querySelectorAll('td, th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT), texts = [];
    while (walker.nextNode()) texts.push(walker.currentNode);
    for (const t of texts) {
      const parts = t.data.split(/(?<=[_/])(?=[^\s_/])/);
      if (parts.length < 2) continue;
      const frag = document.createDocumentFragment();
      parts.forEach((part, i) => {
        if (i) frag.appendChild(document.createElement('wbr'));
        frag.appendChild(document.createTextNode(part));
      });
      t.replaceWith(frag);
    }
  }
  await Promise.all([...document.images].map(img => img.complete ? null :
    new Promise(done => { img.onload = img.onerror = done; })));
  await document.fonts.ready;
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return document.images.length;
})"""

# Every toggle open (the instructor's handout shows its solutions).
# A solution whose text opens with "Solution." needs no label above it: its toggle's
# "Show solution" is hidden (print.css labels the others "Solution").
OPEN_JS = r"""(() => {
  const all = document.querySelectorAll('details');
  all.forEach(d => { d.open = true; });
  document.querySelectorAll('details.solution > summary').forEach(s => {
    const next = s.nextElementSibling;
    if (s.querySelector('.when-open') && next && /^\s*Solution\b/.test(next.textContent))
      s.style.display = 'none';  // hidden, not removed: a <details> without one shows "Details"
  });
  return all.length;
})()"""

# What runs past the right edge of the text column, laid out for print: visible elements of
# the article whose box ends right of the column (or left of it), boxes whose content is
# wider than the box and cut off, and text laid out past the column's edge. Returns one line
# per offender, outermost first (an element inside a reported one is not reported again).
OVERFLOW_JS = r"""(width => {
  const root = document.querySelector('.bd-article') || document.body, bad = [], seen = [];
  const snippet = el => (el.tagName.toLowerCase() + (el.className && typeof el.className ===
      'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') + ': ' +
      (el.textContent || el.alt || '').trim().replace(/\s+/g, ' ').slice(0, 60));
  for (const el of root.querySelectorAll('*')) {
    if (seen.some(s => s.contains(el))) continue;
    const st = getComputedStyle(el);
    if (st.display === 'none' || st.visibility === 'hidden') continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right > width + 1 || r.left < -1) {
      bad.push(`${Math.round(r.left)}..${Math.round(r.right)} px of ${width}: ${snippet(el)}`);
      seen.push(el);
    } else if (el.scrollWidth > el.clientWidth + 1 && /(hidden|auto|scroll|clip)/.test(st.overflowX)
               && el.clientWidth > 0) {
      bad.push(`cut (${el.scrollWidth} px in ${el.clientWidth}): ${snippet(el)}`);
      seen.push(el);
    }
  }
  // and every piece of text itself (a box may be narrow while its text runs on past it)
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), range = document.createRange();
  while (walker.nextNode()) {
    const t = walker.currentNode;
    if (!t.data.trim() || seen.some(s => s.contains(t))) continue;
    range.selectNodeContents(t);
    for (const r of range.getClientRects()) {
      if (r.width > 0 && (r.right > width + 1 || r.left < -1)) {
        bad.push(`text at ${Math.round(r.left)}..${Math.round(r.right)} px of ${width}: ` +
                 t.data.trim().replace(/\s+/g, ' ').slice(0, 60));
        seen.push(t.parentElement);
        break;
      }
    }
  }
  return bad;
})"""

# Figures taller than a printed page's text (they would be split or cut).
TALL_JS = r"""(height => [...document.querySelectorAll('.bd-article img, body img')]
  .filter(img => img.getBoundingClientRect().height > height)
  .map(img => `${Math.round(img.getBoundingClientRect().height)} px: ${img.alt.slice(0, 60)}`))"""


@dataclass
class Handout:
    """One PDF written, with what was measured on its page before it was printed."""
    pdf: Path
    source: Path
    images: int = 0
    overflow: list[str] = field(default_factory=list)  # past the right margin, or too tall
    hebrew: list[str] = field(default_factory=list)    # Hebrew not laid out right to left

    def problems(self) -> list[str]:
        return [f"{self.pdf.name}: {line}" for line in self.overflow + self.hebrew]


def print_page(chromium: browser.Chromium, source: Path, pdf: Path, *, title: str,
               edition: str, open_toggles: bool = False, css: str | None = None) -> Handout:
    """Print one HTML file to ``pdf``: the print stylesheet added (``css``, default
    print.css), the toggles opened if asked, the page measured at the text width, then
    printed on A4 with a running ``title`` and page numbers."""
    page = chromium.open(source.resolve().as_uri(), settle=0.2)
    try:
        chromium.send("Emulation.setEmulatedMedia", {"media": "print"}, session=page.session)
        chromium.send("Emulation.setDeviceMetricsOverride",
                      {"width": TEXT_WIDTH_PX, "height": TEXT_HEIGHT_PX,
                       "deviceScaleFactor": 1, "mobile": False}, session=page.session)
        css = PRINT_CSS.read_text(encoding="utf-8") if css is None else css
        images = page.evaluate(f"{PREPARE_JS}({json.dumps(css)})")
        if open_toggles:
            page.evaluate(OPEN_JS)
        overflow = page.evaluate(f"{OVERFLOW_JS}({TEXT_WIDTH_PX})")
        overflow += [f"figure taller than a page ({TEXT_HEIGHT_PX} px), {line}"
                     for line in page.evaluate(f"{TALL_JS}({TEXT_HEIGHT_PX})")]
        hebrew = page.evaluate(f"{browser.HEBREW_LAYOUT_JS}(document.body)")
        page.evaluate(f"document.title = {json.dumps(title)}")
        page.print_pdf(pdf, preferCSSPageSize=False, displayHeaderFooter=True,
                       headerTemplate=HEADER.format(edition=html.escape(edition)),
                       footerTemplate=FOOTER, **PAPER)
    finally:
        page.close()
    return Handout(pdf, source, images, overflow, hebrew)


# --- the notebooks ----------------------------------------------------------------------

def notebook_title(path: Path) -> str:
    """The notebook's first heading, e.g. "01 · Background: the iceberg, ..."."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if m:
                return re.sub(r"[*_`]", "", m[1]).strip()
    return path.stem


def notebook_handouts(chromium: browser.Chromium, notebooks: list[Path], site: Path,
                      student_site: Path, out: Path) -> list[Handout]:
    done = []
    for path in notebooks:
        title = f"{SHORT_TITLE} \u00b7 {notebook_title(path)}"
        for edition, folder, open_toggles in (("student", student_site, False),
                                              ("instructor", site, True)):
            source = folder / "notebooks" / f"{path.stem}.html"
            if not source.exists():
                raise FileNotFoundError(f"{source}: build the site first (make book, "
                                        "make book-student)")
            done.append(print_page(chromium, source, out / f"{path.stem}.{edition}.pdf",
                                   title=title, edition=edition, open_toggles=open_toggles))
    return done


# --- the session sheets -------------------------------------------------------------------

PAGES = re.compile(r"\bpp?\.\s*\d+(?:\s*[\u2013-]\s*\d+)?")
EXERCISE_HEADING = re.compile(r"^###\s+Exercise\s+(\d+)\b(\s*\(discussion\))?[^:\n]*:?\s*(.*)$",
                              re.M)


@dataclass
class Exercise:
    number: int
    title: str
    discussion: bool
    markdown: str


def exercises(nb: nbformat.NotebookNode) -> dict[int, Exercise]:
    """The notebook's exercises by number, from their opening cells (tagged ``exercise``,
    starting "### Exercise N"); "(discussion)" after the number marks a discussion one."""
    found = {}
    for cell in nb.cells:
        if cell.cell_type != "markdown" or "exercise" not in tags(cell):
            continue
        m = EXERCISE_HEADING.search(cell.source)
        if m:
            found[int(m[1])] = Exercise(int(m[1]), m[3].strip(), bool(m[2]), cell.source)
    return found


def discussion_questions(nb: nbformat.NotebookNode) -> str | None:
    """The markdown of the notebook's "## Discussion questions" cell, without its heading."""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and re.match(r"##\s+Discussion questions\b", cell.source):
            return cell.source.split("\n", 1)[1].strip() if "\n" in cell.source else ""
    return None


def _markdown(text: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").render(text)


def _inline(text: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").renderInline(text)


def session_sheet(plan, session: int, notebooks: dict[str, Path]) -> str:
    """The HTML of one session's sheet (see the module's docstring); ``notebooks`` maps a
    notebook's number ("01") to its file."""
    from helpers.hebrew import mark_html

    rows = plan[plan["session"] == session].sort_values("part")
    title = str(rows["session_title"].iloc[0])
    due = before(plan, session)
    cls = rows[rows["kind"] == "class"]
    homework = rows[rows["kind"] == "homework"]
    nbs = {n: student_version(nbformat.read(notebooks[n], as_version=4))
           for n in dict.fromkeys([*rows["notebook"], *due["notebook"]]) if n in notebooks}

    def where(row) -> str:
        bits = [f"notebook {row['notebook']}"]
        if isinstance(row["section"], str) and row["section"]:
            bits.append(_inline(row["section"]))
        if isinstance(row["exercises"], str) and row["exercises"]:
            bits.append(html.escape(row["exercises"]))
        return " \u00b7 ".join(bits)

    def named(row) -> list[Exercise]:
        nb = nbs.get(row["notebook"])
        if nb is None or not isinstance(row["exercises"], str):
            return []
        found = exercises(nb)
        return [found[n] for n in exercise_numbers(row["exercises"]) if n in found]

    course = html.escape(ARTICLE).replace("Strategic Assessment", "<i>Strategic Assessment</i>")
    out = [f'<header><p class="course">{course}</p>'
           f"<h1>Session {session}: {html.escape(title)}</h1></header>"]
    if len(due):
        pages = list(dict.fromkeys(m[0] for a in due["activity_en"] for m in
                                   PAGES.finditer(a)))
        out.append('<section class="reading"><h2>Before this session</h2><ul>')
        out += [f"<li>{_inline(a)}</li>" for a in due["activity_en"]]
        out.append("</ul>")
        if pages:
            out.append(f'<p class="pages">The article\u2019s pages to read: '
                       f"{html.escape(', '.join(pages))}.</p>")
        out.append("</section>")
    total = int(cls["minutes"].sum())
    out.append(f'<section class="parts"><h2>In class ({total} minutes)</h2>'
               '<table><thead><tr><th class="min">min</th><th>part</th><th>where</th></tr>'
               "</thead><tbody>")
    for _, row in cls.iterrows():
        out.append(f'<tr><td class="min">{int(row["minutes"])}\u2032</td>'
                   f"<td>{_inline(row['activity_en'])}</td><td>{where(row)}</td></tr>")
    out.append("</tbody></table></section>")
    out.append('<section class="homework"><h2>Homework</h2><ul>')
    for _, row in homework.iterrows():
        titles = "".join(f"<li>{row['notebook']} Exercise {ex.number}: {_inline(ex.title)}</li>"
                         for ex in named(row))
        out.append(f"<li>{_inline(row['activity_en'])}"
                   + (f"<ul>{titles}</ul>" if titles else "") + "</li>")
    out.append("</ul></section>")
    talks = {(row["notebook"], ex.number): ex for _, row in cls.iterrows()
             for ex in named(row) if ex.discussion}
    if talks:
        out.append('<section class="exercises"><h2>Discussion exercises in class</h2>')
        for (number, _), ex in talks.items():
            body = re.sub(r"^###[^\n]*\n", "", ex.markdown, count=1)
            out.append(f'<div class="exercise"><h3>{number} Exercise {ex.number} (discussion): '
                       f"{_inline(ex.title)}</h3>{_markdown(body)}</div>")
        out.append("</section>")
    for number in dict.fromkeys(cls["notebook"]):
        questions = discussion_questions(nbs[number]) if number in nbs else None
        if questions is None:
            continue
        asked = [row["activity_en"] for _, row in cls.iterrows() if row["notebook"] == number
                 and row["section"] == "Discussion questions"]
        note = (f'<p class="asked">In class: {_inline("; ".join(asked))}.</p>' if asked else "")
        out.append(f'<section class="questions"><h2>Discussion questions of notebook {number}'
                   f"</h2>{note}{_markdown(questions)}</section>")
    body = "\n".join(out)
    return mark_html(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Session {session}: {html.escape(title)}</title>"
        f"<style>{SHEET_CSS.read_text(encoding='utf-8')}</style></head>"
        f"<body>{body}</body></html>\n")


def session_handouts(chromium: browser.Chromium, notebooks: list[Path], out: Path
                     ) -> list[Handout]:
    from helpers.data import load

    plan = load("seminar_plan")
    plan = plan.astype(object).where(plan.notna(), None)
    by_number = {p.name[:2]: p for p in notebooks}
    done = []
    for session in sorted(s for s in set(plan["session"]) if s >= 1):
        page = out / f".session-{session}.html"
        page.write_text(session_sheet(plan, session, by_number), encoding="utf-8")
        title = str(plan[plan["session"] == session]["session_title"].iloc[0])
        done.append(print_page(chromium, page, out / f"session-{session}.pdf",
                               title=f"{SHORT_TITLE} \u00b7 Session {session}: {title}",
                               edition="seminar", css=""))
    return done


# --- build --------------------------------------------------------------------------------

def build(out: Path = OUT, site: Path = SITE, student_site: Path = STUDENT_SITE,
          notebooks: list[Path] | None = None, sessions: bool = True) -> list[Handout]:
    """Print every handout into ``out`` from the built sites; returns what was printed."""
    notebooks = collection(NOTEBOOKS) if notebooks is None else notebooks
    out.mkdir(parents=True, exist_ok=True)
    with browser.Chromium(width=TEXT_WIDTH_PX, height=TEXT_HEIGHT_PX) as chromium:
        done = notebook_handouts(chromium, notebooks, site, student_site, out)
        if sessions:
            done += session_handouts(chromium, notebooks, out)
    if chromium.outside:
        raise RuntimeError(f"Chromium reached outside loopback: {chromium.outside}")
    return done


def build_sites(site: Path, student_site: Path) -> None:
    """Both sites, as make book and make book-student build them (incremental)."""
    import build_site

    build_site.build(out=site, src=site.parent / (site.name + "-src"))
    build_site.build(out=student_site, src=student_site.parent / (student_site.name + "-src"),
                     notebooks=collection(NOTEBOOKS), student=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0].replace("\n", " "))
    parser.add_argument("--out", type=Path, default=OUT, help="default: build/handouts")
    parser.add_argument("--site", type=Path, default=SITE, help="default: build/site")
    parser.add_argument("--student-site", type=Path, default=STUDENT_SITE,
                        help="default: build/site-student")
    parser.add_argument("--no-site-build", action="store_true",
                        help="print the sites as they are built already")
    args = parser.parse_args(argv)
    try:
        if not args.no_site_build:
            build_sites(args.site.resolve(), args.student_site.resolve())
        done = build(args.out.resolve(), args.site.resolve(), args.student_site.resolve())
    except (RuntimeError, FileNotFoundError, browser.CDPError) as e:
        print(e, file=sys.stderr)
        return 1
    problems = [line for h in done for line in h.problems()]
    for h in done:
        print(f"wrote {h.pdf.relative_to(ROOT) if h.pdf.is_relative_to(ROOT) else h.pdf}")
    if problems:
        print("runs past the right margin or the page, or Hebrew not right to left:\n  "
              + "\n  ".join(problems),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
