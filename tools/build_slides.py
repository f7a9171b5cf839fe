"""Slide decks for teaching (reveal.js), made from the notebooks by rules, that open offline.

    python tools/build_slides.py                  # every deck -> build/slides/
    python tools/build_slides.py --out DIR [NOTEBOOK ...]

It writes, into build/slides/:

- ``NN_name.slides.html``: one deck per notebook;
- ``session-N.slides.html``: one deck per class session of the seminar plan
  (data/model/seminar_plan.csv, ``helpers.load("seminar_plan")``): a title slide, the agenda
  with each part's minutes, what was to be done before the session, then for each class part
  a part slide ("15′ · the activity"), the slides of its notebook section (of a discussion
  section, only the questions the part names) and the task of its exercise, and a closing
  homework slide;
- ``NN_name.notes.html`` and ``session-N.notes.html``: the speaker notes, one printable page
  per deck (each slide's text beside what to say, the page to point at and the question);
- ``index.html``, linking every deck and its notes; and ``reveal.js/``, a copy of
  tools/vendor/reveal.js (MIT) that the decks load. Figures are embedded, so the folder can
  be copied anywhere as a whole.

The rules, applied to the student version of each notebook (tools/build_student.py: no
solution cells, exercise and check outputs cleared):

1. Each heading (``#`` to ``###``) opens a section; its text is the title of the section's
   slides. A markdown cell becomes one slide, or several if it holds more than a 16:9 slide
   takes (``LINES`` estimated lines): a paragraph is shown as its first sentence, a quote as
   its label and first sentence, a list as its items (each item's bold lead or first
   sentence), a markdown table with at most ``TABLE_ROWS`` rows. The full text goes to the
   speaker notes. An exercise's task and a discussion's questions are shown whole (over
   several slides if need be): the class must read them to do them. A text of at most
   ``LEAD_LINES`` lines just before an output is shown above that output, on its slide; one
   just after an output (the reading of a figure or table) is shown under it, on its slide.
2. Code is hidden. A code cell tagged ``slide-code`` (none is needed today) is shown as code.
   Outputs get slides of their own: a figure fills its slide under its section's title; an
   HTML table is cut to ``TABLE_ROWS`` rows and ``TABLE_COLUMNS`` columns, or
   ``TABLE_COLUMNS_NARROW`` for a table of counts or codes (with a line "… N more rows in
   notebook NN"), and its cells to ``CELL_CHARS`` characters; printed text is
   shown (at most ``OUTPUT_LINES`` lines as they wrap); a bare value (text/plain only), which needs the
   hidden code to mean anything, and widgets are left out.
3. Speaker notes (``<aside class="notes">``, press S) on every slide with content: what to say
   (the full paragraphs the slide shortened; for an output, the prose around it), "Point at:"
   with every page citation in that prose ("p. 63, n. 10"), and "Ask:" with the section's
   "Predict, then read" prompt, or its exercise's or discussion's question.
4. Every Hebrew run is marked ``lang="he" dir="rtl"`` by helpers.hebrew.mark_html (the site's
   marking) and a block that is mostly Hebrew reads right to left.
5. The slides are flat (no vertical stacks) and reveal navigates linearly, so a clicker's
   "next" reaches every slide; ``?print-pdf`` prints one slide a page. The decks are scanned
   for assets loaded from http(s) URLs; there must be none.

Open a deck in a browser; press S for the speaker notes window, Esc for the overview. For
printed notes open ``NN_name.notes.html`` (or a deck with ``?print-pdf&showNotes=separate-page``)
and print it.
"""

from __future__ import annotations

import argparse
import base64
import html
import json
import math
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import nbformat
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from build_student import student_version
from nbrun import ROOT, notebooks, tags
from helpers import hebrew
from offline import external_assets
from plan import before, exercise_numbers


TOOLS = Path(__file__).resolve().parent
TEMPLATES = TOOLS / "slides"
REVEAL = TOOLS / "vendor" / "reveal.js"
OUT = ROOT / "build" / "slides"

# The slide's logical size (reveal scales it to the screen, so a 16:9 screen of any size
# shows the same layout) and the budget a slide's text may use. The CSS in
# tools/slides/deck.css sets the sizes these estimates assume.
WIDTH, HEIGHT = 1280, 720
LINES = 12           # lines of body text a slide holds (at CHARS_PER_LINE); room for 15
CHARS_PER_LINE = 86  # of body text (30 px) on a line; about 95 fit
LEAD_LINES = 3       # a text this short, just before an output, is shown above the output
TITLE_CHARS = 52     # of a slide title (40 px, bold) on one line
SENTENCE_CHARS = 280  # a first sentence longer than this is cut at a word, with "…"
TABLE_ROWS = 8
TABLE_COLUMNS = 7
TABLE_COLUMNS_NARROW = 12  # where every data cell is short (a count, a code)
NARROW_CELL = 4
CELL_CHARS = 60
TABLE_HEIGHT = 470   # px of the body a table may take (20 px text)
OUTPUT_LINES = 14    # lines of printed output (20 px, wrapped at OUTPUT_CHARS)
OUTPUT_CHARS = 88
FIGURE_WIDTH, FIGURE_HEIGHT = 1200, 610  # px of the body a figure may fill under a title
CODA_LINE = 40       # px a line of text under an output takes (30 px text, 1.3 line height)
NARROWEST_FIGURE = FIGURE_WIDTH / 4  # px: a text above a figure never makes it narrower
SHOW_CODE_TAG = "slide-code"

MD = MarkdownIt("commonmark", {"html": False}).enable("table")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
PREDICT = re.compile(r"^\*\*Predict, then read\.?\*\*", re.I)
EXERCISE = re.compile(r"^Exercises?\b", re.I)
# A page citation as the notebooks write it: "p. 63", "pp. 62–63, nn. 7–8", "p. 66, n. 26".
CITATION = re.compile(r"\bpp?\.\s?\d+(?:\s?[–-]\s?\d+)?(?:,\s?nn?\.\s?\d+(?:\s?[–-]\s?\d+)?"
                      r"(?:(?:,\s?| and )\d+)*)?")
ABBREVIATIONS = {"p", "pp", "n", "nn", "e.g", "i.e", "cf", "vs", "mr", "dr", "st", "no", "fig",
                 "ca", "c", "u.s", "jr", "sr", "al", "etc", "approx", "gen", "col", "lt"}
SENTENCE_END = re.compile(r"[.!?][\"”’)\]*_]*(?=\s+[\"“‘(«*_\[A-Z0-9\u0590-\u05ff])")
PAIRS = (("**", None), ("`", None), ("«", "»"), ("(", ")"), ("“", "”"), ("[", "]"))


# --- text rules -------------------------------------------------------------------------

def balanced(text: str) -> bool:
    """No inline markup or bracket left open in ``text`` (so a cut there renders cleanly)."""
    stripped = text.replace("**", "")
    if text.count("**") % 2 or stripped.count("`") % 2:
        return False
    if len(re.findall(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])", stripped)) % 2:
        return False
    return all(text.count(a) == text.count(b) for a, b in PAIRS if b)


def first_sentence(text: str, limit: int = SENTENCE_CHARS) -> str:
    """The first sentence of a paragraph (markdown inline text), cut at a word with "…" if
    longer than ``limit``; never a cut that leaves markup or a bracket open."""
    text = " ".join(text.split())
    for m in SENTENCE_END.finditer(text):
        word = re.search(r"([\w.]+)[.!?][\"”’)\]*_]*$", text[:m.end()])
        if word and word[1].lower().rstrip(".") in ABBREVIATIONS:
            continue
        if re.search(r"\b[A-Z]\.$", text[:m.end()]):  # an initial
            continue
        if balanced(text[:m.end()]):
            text = text[:m.end()]
            break
    if len(text) <= limit:
        return text
    for cut in range(limit, limit // 2, -1):
        if text[cut] == " " and balanced(text[:cut]):
            return text[:cut].rstrip(",;:—– ") + " …"
    return text


def lead(text: str) -> str | None:
    """A bold (or italic) lead that opens a paragraph or item: "**Evidence.** ..." -> its
    lead, when the lead ends a sentence."""
    m = re.match(r"^(\*\*[^*]+?[.!?:]\*\*|\*[^*]+?[.!?:]\*)(?=\s|$)", text.strip())
    return m[1] if m else None


def says_something(text: str, bold: bool = False) -> bool:
    """Whether a sentence (or, with ``bold``, a bold lead) says something on its own: three
    words or more once its parentheses (a source, a page) are left out, and for a sentence
    its bold label too ("**Outside the article** (source: ...)." says nothing yet)."""
    plain = re.sub(r"\([^()]*\)", "", text if bold else re.sub(r"\*\*[^*]+\*\*", "", text))
    return len(re.findall(r"[^\W_]+", plain)) >= 3


def first_saying(text: str) -> str:
    """The first sentence, and the next one too if the first only labels what follows."""
    first = first_sentence(text)
    rest = text[len(first):].strip()
    if rest and text.startswith(first) and not says_something(first):
        return f"{first} {first_sentence(rest)}"
    return first


def shorten(text: str) -> str:
    """What a slide shows of a paragraph: a bold lead and its first sentence, or the first
    sentence (two, if the first is only a label: :func:`first_saying`)."""
    text = " ".join(text.split())
    head = lead(text)
    if head and PREDICT.match(text):
        return text if len(text) <= 2 * SENTENCE_CHARS else head + " " + first_sentence(text[len(head):].strip())
    if head and len(text) > len(head):
        rest = text[len(head):].strip()
        return f"{head} {first_sentence(rest)}"
    return first_saying(text)


def citations(text: str) -> list[str]:
    """Every page citation in a text, in order, once each; a bare page that a citation with
    its note names too ("p. 61" beside "p. 61, n. 1") is left out."""
    found = list(dict.fromkeys(" ".join(m.split()) for m in CITATION.findall(text)))
    return [c for c in found if not any(o.startswith(c + ",") for o in found)]


def lines(text: str, per_line: int = CHARS_PER_LINE) -> int:
    """Estimated lines of a text on a slide."""
    plain = re.sub(r"[*_`]", "", text)
    return max(1, math.ceil(len(plain) / per_line))


def render(md: str, inline: bool = False) -> str:
    return MD.renderInline(md) if inline else MD.render(md)


def plain(md: str) -> str:
    return " ".join(BeautifulSoup(render(md), "html.parser").get_text(" ").split())


# --- markdown blocks --------------------------------------------------------------------

@dataclass
class Block:
    """One top-level block of a markdown cell: what the slide shows of it (markdown), its
    estimated lines, and its full text for the notes."""
    shown: str
    lines: float
    full: str
    items: list[str] = field(default_factory=list)  # a list's shortened items
    ordered: bool = False
    start: int = 1


def blocks(source: str, *, whole: bool = False) -> list[Block]:
    """The blocks of a markdown text (without its heading), each shortened for a slide; with
    ``whole`` (an exercise's task, a discussion's questions: what the class must read to do
    it) each paragraph, quote and list item is shown in full, over several slides if need be."""
    src = source.splitlines()
    out = []
    tokens = MD.parse(source)
    for i, tok in enumerate(tokens):
        if tok.level != 0 or tok.map is None or tok.nesting == -1:
            continue
        a, b = tok.map
        text = "\n".join(src[a:b])
        kind = tok.type
        if kind == "heading_open":
            continue
        if kind in ("fence", "code_block", "hr", "html_block"):
            continue
        if kind == "paragraph_open":
            shown = " ".join(text.split()) if whole else shorten(text)
            out.append(Block(shown, lines(shown) + 0.5, text))
        elif kind == "blockquote_open":
            inner = "\n".join(re.sub(r"^\s*> ?", "", line) for line in src[a:b])
            para = re.split(r"\n\s*\n", inner.strip())[0]
            shown = " ".join(para.split()) if whole else shorten(para)
            out.append(Block("> " + shown, lines(shown, CHARS_PER_LINE - 6) + 0.8, text))
        elif kind in ("bullet_list_open", "ordered_list_open"):
            items, item_src = [], []
            for t in tokens[i + 1:]:
                if t.type in ("bullet_list_close", "ordered_list_close") and t.level == 0:
                    break
                if t.type == "list_item_open" and t.level == 1:
                    x, y = t.map
                    item_src.append("\n".join(src[x:y]))
            for item in item_src:
                body = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", item, count=1)
                body = re.split(r"\n\s*\n", body.strip())[0]
                if whole:
                    items.append(" ".join(body.split()))
                    continue
                # a lead that ends in ":" introduces, and one of a word or two names: neither
                # says anything alone, so the item's first sentence goes with it
                body = " ".join(body.split())
                head = lead(body)
                if head and not head.rstrip("*").endswith(":") and len(body) > len(head) + 40:
                    items.append(head if says_something(head, bold=True)
                                 else f"{head} {first_sentence(body[len(head):].strip())}")
                else:
                    items.append(first_saying(body))
            start = int(tok.attrGet("start") or 1) if kind == "ordered_list_open" else 1
            est = sum(lines(x, CHARS_PER_LINE - 4) + 0.25 for x in items) + 0.5
            out.append(Block("", est, text, items, kind == "ordered_list_open", start))
        elif kind == "table_open":
            rows = [r for r in src[a:b] if r.strip()]
            head, body = rows[:2], rows[2:]
            shown = "\n".join(head + body[:TABLE_ROWS])
            more = len(body) - TABLE_ROWS
            out.append(Block(shown + (f"\n\n*… {more} more rows*" if more > 0 else ""),
                             1.2 * (min(len(body), TABLE_ROWS) + 1) + 1, text))
    return out


def list_md(items: list[str], ordered: bool, start: int) -> str:
    return "\n".join(f"{start + k}. {x}" if ordered else f"- {x}" for k, x in enumerate(items))


# --- slides -------------------------------------------------------------------------------

@dataclass
class Slide:
    title: str            # inline markdown
    body: str = ""        # HTML
    kind: str = "text"    # title, text, question, figure, table, output, code, part, ...
    say: list[str] = field(default_factory=list)  # markdown, for the notes
    ask: str = ""         # markdown
    extra_notes: str = ""  # HTML, for the notes (a session's plan)
    level: int = 2
    aspect: float = 0.0   # a figure's width / height

    @property
    def point_at(self) -> list[str]:
        return citations(" ".join(self.say))

    @property
    def has_content(self) -> bool:
        return bool(self.body.strip())

    def notes_html(self) -> str:
        parts = [render(s) for s in self.say]
        if self.extra_notes:
            parts.append(self.extra_notes)
        if self.point_at:
            parts.append(f"<p class=\"point\"><strong>Point at:</strong> {html.escape('; '.join(self.point_at))}</p>")
        if self.ask:
            parts.append(f"<p class=\"ask\"><strong>Ask:</strong> {render(self.ask, inline=True)}</p>")
        return "\n".join(parts)


def text_slides(title: str, cell_blocks: list[Block], *, title_lines: int = 1, kind: str = "text",
                ask: str = "") -> list[Slide]:
    """Blocks packed onto slides of at most LINES estimated lines; a list too long for one
    slide continues on the next (its numbering too)."""
    budget = LINES - max(0, title_lines - 1) * 1.4
    slides, shown, say, used = [], [], [], 0.0

    def flush():
        nonlocal shown, say, used
        if shown:
            slides.append(Slide(title, "\n".join(shown), kind, say, ask))
        shown, say, used = [], [], 0.0

    for block in cell_blocks:
        if block.items:
            chunk, start = [], block.start
            for item in block.items:
                need = lines(item, CHARS_PER_LINE - 4) + 0.25
                if used + need + 0.5 > budget and (chunk or shown):
                    if chunk:
                        shown.append(render(list_md(chunk, block.ordered, start)))
                        start += len(chunk)
                    if block.full not in say:
                        say.append(block.full)
                    flush()
                    chunk = []
                chunk.append(item)
                used += need
            if chunk:
                shown.append(render(list_md(chunk, block.ordered, start)))
                used += 0.5
                if block.full not in say:
                    say.append(block.full)
            continue
        if used + block.lines > budget and shown:
            flush()
        shown.append(render(block.shown))
        say.append(block.full)
        used += block.lines
    flush()
    return slides


@dataclass
class Section:
    level: int
    title: str        # the heading's text, as in the notebook (markdown, without its #)
    cells: list       # the cells from its heading cell up to the next heading
    exercise: bool = False


def sections(nb: nbformat.NotebookNode) -> list[Section]:
    """The notebook cut at its headings (cells before the first heading form a section with
    an empty title)."""
    out = [Section(0, "", [])]
    for cell in nb.cells:
        m = HEADING.match(cell.source.lstrip().splitlines()[0]) if (
            cell.cell_type == "markdown" and cell.source.strip()) else None
        if m and len(m[1]) <= 3:
            out.append(Section(len(m[1]), m[2], [cell],
                               "exercise" in tags(cell) or bool(EXERCISE.match(m[2]))
                               and len(m[1]) == 3))
        else:
            out[-1].cells.append(cell)
    return [s for s in out if s.cells]


def cell_body(cell) -> str:
    """A markdown cell's text without its heading line."""
    text = cell.source.strip()
    first, _, rest = text.partition("\n")
    return rest.strip() if HEADING.match(first) else text


def section_question(section: Section, following: list[Section] = ()) -> str:
    """The question a section asks: its "Predict, then read" prompt, else its exercise's
    task or its discussion questions (first sentence), else nothing."""
    for cell in section.cells:
        if cell.cell_type == "markdown":
            for para in re.split(r"\n\s*\n", cell_body(cell)):
                if PREDICT.match(para.strip()):
                    return " ".join(para.split())
    if section.exercise or section.title.lower().startswith("discussion"):
        body = next((cell_body(c) for c in section.cells if c.cell_type == "markdown"), "")
        if body:
            first = blocks(body)[0]
            return "; ".join(first.items) if first.items else first.shown.lstrip("> ")
    return ""


def output_slides(cell, title: str, context: list[str], ask: str, number: str,
                  lead_lines: float = 0) -> list[Slide]:
    """The slides a code cell's outputs get (see rule 2 of the module's docstring);
    ``lead_lines`` of text will stand beside the first (above it, or under it)."""
    slides = []
    if SHOW_CODE_TAG in tags(cell):
        code = html.escape(cell.source)
        slides.append(Slide(title, f'<pre class="code"><code>{code}</code></pre>', "code", context, ask))
    for out in cell.get("outputs", []):
        data = out.get("data", {})
        if out.output_type == "stream" and out.get("name") == "stdout":
            text = out.text.rstrip("\n").splitlines()
            shown, used = [], 0
            for line in text:  # OUTPUT_LINES lines as they wrap on the slide (less a lead)
                used += lines(line or " ", OUTPUT_CHARS)
                if used > OUTPUT_LINES - (0 if slides else 1.5 * lead_lines) and shown:
                    break
                shown.append(line)
            more = (f"\n… {len(text) - len(shown)} more lines in notebook {number}"
                    if len(text) > len(shown) else "")
            body = f'<pre class="output">{html.escape(chr(10).join(shown) + more)}</pre>'
            slides.append(Slide(title, body, "output", context, ask))
        elif any(k.startswith("application/vnd.jupyter.widget") for k in data):
            continue
        elif any(k in data for k in ("image/svg+xml", "image/png", "image/jpeg")):
            alt = (cell.metadata.get("mystnb", {}).get("image", {}).get("alt")
                   or f"Figure: {plain(title)}")
            if "image/svg+xml" in data:
                svg = data["image/svg+xml"]
                svg = svg if isinstance(svg, str) else "".join(svg)
                src = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
            else:
                mime = "image/png" if "image/png" in data else "image/jpeg"
                src = f"data:{mime};base64," + "".join(data[mime].split())
            body = (f'<figure class="fill"><img src="{src}" alt="{html.escape(alt, quote=True)}">'
                    "</figure>")
            slides.append(Slide(title, body, "figure", context, ask, aspect=image_aspect(data)))
        elif "text/html" in data and "<table" in data["text/html"]:
            room = TABLE_HEIGHT - (0 if slides else 40 * lead_lines)
            slides.append(Slide(title, table_html(data["text/html"], number, room), "table", context, ask))
    return slides


def table_html(source: str, number: str, room: float = TABLE_HEIGHT) -> str:
    """An HTML table cut for a slide: at most TABLE_ROWS body rows and TABLE_COLUMNS
    columns, cells cut to CELL_CHARS, fewer rows if they would not fit TABLE_HEIGHT, and a
    line saying how much more the notebook shows."""
    soup = BeautifulSoup(source, "html.parser")
    table = soup.find("table")
    for tag in table.find_all(True):
        tag.attrs = {k: v for k, v in tag.attrs.items() if k in ("colspan", "rowspan", "lang", "dir")}
    table.attrs = {}
    rows = table.find_all("tr")
    head = [r for r in rows if r.find_parent("thead")]
    body = [r for r in rows if not r.find_parent("thead")]
    ncols = max((len(r.find_all(["td", "th"], recursive=False)) for r in rows), default=1)
    # a table of counts or short codes (every data cell at most NARROW_CELL characters) keeps
    # up to TABLE_COLUMNS_NARROW columns: cutting one would read as zeros where it is not
    data = table.find_all("td")
    narrow = bool(data) and all(len(" ".join(td.get_text(" ").split())) <= NARROW_CELL for td in data)
    limit = TABLE_COLUMNS_NARROW if narrow else TABLE_COLUMNS
    dropped_cols = max(0, ncols - limit)
    for r in rows:
        for cell in r.find_all(["td", "th"], recursive=False)[limit:]:
            cell.decompose()
    for cell in table.find_all(["td", "th"]):
        text = " ".join(cell.get_text(" ").split())
        if text in ("<NA>", "NaN", "nan", "NaT", "None"):
            text = "—"
        text = text if len(text) <= CELL_CHARS else text[:CELL_CHARS - 1].rstrip() + "…"
        cell.clear()
        for k, piece in enumerate(re.split(r"(?<=[_/])", text)):  # a line may break after _ or /
            if k:
                cell.append(soup.new_tag("wbr"))
            cell.append(piece)
    cols = min(ncols, limit)
    per_line = (WIDTH - 80) / 10  # characters of 20 px text across the table
    per_column = per_line / cols

    def height(r) -> float:
        """A row's height: the table's columns share the width as their text does, so a
        row needs about as many lines as its text fills across the table, and at least as
        many as its longest cell at an even share would need half of."""
        texts = [c.get_text() for c in r.find_all(["td", "th"], recursive=False)]
        n = max(math.ceil(sum(len(t) + 2 for t in texts) / per_line),
                max((math.ceil(len(t) / per_column / 2) for t in texts), default=1), 1)
        return n * 25 + 9

    budget = room - sum(height(r) for r in head)
    keep = 0
    for r in body[:TABLE_ROWS]:
        if keep and budget - height(r) < 0:
            break
        budget -= height(r)
        keep += 1
    for r in body[keep:]:
        r.decompose()
    more = len(body) - keep
    note = []
    if more:
        note.append(f"{more} more row{'s' if more != 1 else ''}")
    if dropped_cols:
        note.append(f"{dropped_cols} more column{'s' if dropped_cols != 1 else ''}")
    line = f'<p class="more">… {" and ".join(note)} in notebook {number}</p>' if note else ""
    return f'<div class="table">{table}</div>{line}'


def section_slides(section: Section, number: str, *, title_slide: bool = False) -> list[Slide]:
    """The slides of one section: its markdown cells shortened, its outputs, no code."""
    title = section.title
    tl = lines(re.sub(r"[*_`]", "", title), TITLE_CHARS)
    ask = section_question(section)
    slides: list[Slide] = []
    cells = [c for c in section.cells if c.cell_type in ("markdown", "code")]
    whole = section.exercise or title.lower().startswith("discussion")
    lead: Slide | None = None  # a short text held for the output after it
    lead_lines = 0.0
    taken: set[int] = set()  # markdown cells shown under the output before them
    for k, cell in enumerate(cells):
        if k in taken:
            continue
        if cell.cell_type == "markdown":
            body = cell_body(cell)
            bl = blocks(body, whole=whole) if body else []
            if title_slide and k == 0:
                shown = "\n".join(render(b.shown) if not b.items else render(list_md(b.items, b.ordered, b.start))
                                  for b in bl)
                slides.append(Slide(title, shown, "title", [b.full for b in bl], ask, level=1))
                continue
            if not bl:
                if k == 0:
                    slides.append(Slide(title, "", "divider"))
                continue
            kind = "question" if PREDICT.match(body) else "text"
            made = text_slides(title, bl, title_lines=tl, kind=kind,
                               ask="" if kind == "question" else ask)
            nxt = cells[k + 1] if k + 1 < len(cells) else None
            short = beside_an_output(bl)
            if (kind == "text" and len(made) == 1 and short and nxt is not None
                    and nxt.cell_type == "code" and output_slides(nxt, title, [], "", number)):
                lead, lead_lines = made[0], sum(b.lines for b in bl)
                continue
            slides += made
        else:
            # what to say about an output: the prose just before it and just after it
            before = next((cell_body(c) for c in reversed(cells[:k]) if c.cell_type == "markdown"), "")
            after = next((cell_body(c) for c in cells[k + 1:] if c.cell_type == "markdown"), "")
            context = [p for p in (last_paragraph(before), first_paragraph(after)) if p]
            if not context:  # no prose beside it: the section's opening, else the figure's alt text
                opening = first_paragraph(cell_body(section.cells[0])) if (
                    section.cells[0].cell_type == "markdown") else ""
                alt = cell.metadata.get("mystnb", {}).get("image", {}).get("alt", "")
                context = [t for t in (opening, alt) if t][:1]
            made = output_slides(cell, title, context, ask, number, lead_lines if lead else 0)
            if (lead is not None and made and made[0].kind == "figure" and 0 < made[0].aspect
                    * (FIGURE_HEIGHT - CODA_LINE * lead_lines) < NARROWEST_FIGURE):
                # a tall figure under the text would be drawn narrower than a quarter of the
                # slide: the text keeps a slide of its own, and the figure the whole height
                slides.append(lead)
                lead, lead_lines = None, 0.0
            coda = short_text(cells[k + 1]) if k + 1 < len(cells) and not whole else None
            after_coda = cells[k + 2] if k + 2 < len(cells) else None
            if coda and (plain(cells[k + 1].source).rstrip().endswith(":") or (
                    after_coda is not None and after_coda.cell_type == "code"
                    and output_slides(after_coda, title, [], "", number))):
                coda = None  # it leads into the next output: it stands above that one
            if coda and len(made) == 1:
                # the reading that follows an output stands under it, where that costs the
                # output nothing: a figure wide enough to keep its size, a table or printed
                # text that loses no row or line to it
                text_lines = (lead_lines if lead else 0) + sum(b.lines for b in coda)
                beside = output_slides(cell, title, context, ask, number, text_lines)
                fits = (made[0].aspect >= FIGURE_WIDTH / (FIGURE_HEIGHT - CODA_LINE * text_lines)
                        if made[0].kind == "figure"
                        else made[0].kind in ("table", "output") and beside[0].body == made[0].body)
                if fits:
                    made = beside
                    made[0].body += ('<div class="coda">' + "\n".join(render(b.shown) for b in coda)
                                     + "</div>")
                    made[0].say = made[0].say + [b.full for b in coda if b.full not in made[0].say]
                    taken.add(k + 1)
            if lead is not None and made:
                made[0].body = f'<div class="lead">{lead.body}</div>' + made[0].body
                made[0].say = lead.say + [p for p in context if p not in lead.say]
            elif lead is not None:
                slides.append(lead)
            slides += made
            lead, lead_lines = None, 0.0
    if lead is not None:
        slides.append(lead)
    return slides


def image_aspect(data: dict) -> float:
    """A PNG output's width / height, read from its header (0 for another kind)."""
    if "image/png" not in data:
        return 0.0
    head = base64.b64decode("".join(data["image/png"].split())[:44])
    width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    return width / height if height else 0.0


def short_text(cell) -> list[Block] | None:
    """The blocks of a markdown cell short enough to stand under the output before it (at
    most ``LEAD_LINES`` lines, no list, no heading, not a "Predict, then read" prompt), else
    None."""
    if cell.cell_type != "markdown" or HEADING.match(cell.source.lstrip().split("\n")[0]):
        return None
    body = cell_body(cell)
    bl = blocks(body) if body else []
    return bl if bl and not PREDICT.match(body) and beside_an_output(bl) else None


def beside_an_output(bl: list[Block]) -> bool:
    """Whether blocks are short enough to stand above or under an output on its slide: at
    most ``LEAD_LINES`` lines, and no list."""
    return sum(b.lines for b in bl) <= LEAD_LINES + 0.5 and not any(b.items for b in bl)


def first_paragraph(md: str) -> str:
    return re.split(r"\n\s*\n", md.strip())[0] if md.strip() else ""


def last_paragraph(md: str) -> str:
    return re.split(r"\n\s*\n", md.strip())[-1] if md.strip() else ""


def slide_version(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook as the slides show it: the student version (no solutions)."""
    nb = student_version(nb)
    nb.metadata.pop("widgets", None)
    return nb


def notebook_slides(nb: nbformat.NotebookNode, number: str) -> list[Slide]:
    """Every slide of a notebook's deck."""
    slides = []
    for i, section in enumerate(sections(slide_version(nb))):
        slides += section_slides(section, number, title_slide=(i == 0 and section.level == 1))
    return slides


# --- sessions -----------------------------------------------------------------------------

def find_section(secs: list[Section], title: str) -> list[Section]:
    """A section by its heading text, with its subsections except exercises."""
    for i, s in enumerate(secs):
        if s.title == title:
            out = [s]
            for t in secs[i + 1:]:
                if t.level <= s.level and t.level:
                    break
                if not t.exercise:
                    out.append(t)
            return out
    raise KeyError(f"no section {title!r}")


def find_exercise(secs: list[Section], n: int) -> Section:
    for s in secs:
        if s.exercise and re.match(rf"Exercise {n}\b", s.title):
            return s
    raise KeyError(f"no Exercise {n}")


def only_questions(section: Section, activity: str) -> Section:
    """A discussion section cut to the questions a plan's part names ("Discussion questions
    1–2", "03 discussion question 2"); any other section as it is."""
    m = re.search(r"questions?\s+([\d–\-, and]+)", activity or "", re.I)
    if not section.title.lower().startswith("discussion") or not m:
        return section
    keep = set(exercise_numbers(m[1]))
    cells = []
    for cell in section.cells:
        if cell.cell_type == "markdown":
            cell = nbformat.from_dict(dict(cell))
            lines_, skip = [], False
            for line in cell.source.splitlines():
                item = re.match(r"^(\d+)[.)]\s", line)
                if item:
                    skip = int(item[1]) not in keep
                elif not line.startswith((" ", "\t")):
                    skip = False
                if not skip:
                    lines_.append(line)
            cell.source = "\n".join(lines_)
        cells.append(cell)
    return Section(section.level, section.title, cells, section.exercise)


def md_cell_text(s: Section) -> str:
    return "\n\n".join(cell_body(c) for c in s.cells if c.cell_type == "markdown")


def session_slides(plan, session: int, books: dict[str, Path]) -> list[Slide]:
    """The deck of one session of the seminar plan."""
    rows = plan[plan["session"] == session].sort_values("part")
    title = rows["session_title"].iloc[0]
    cls = rows[rows["kind"] == "class"]
    home = rows[rows["kind"] == "homework"]
    due = before(plan, session)
    secs_of = {}

    def secs(nbn: str) -> list[Section]:
        if nbn not in secs_of:
            secs_of[nbn] = sections(slide_version(nbformat.read(books[nbn], as_version=4)))
        return secs_of[nbn]

    total = int(cls["minutes"].sum())
    used = sorted(set(cls["notebook"]))
    slides = [Slide(f"Session {session} · {title}",
                    render(f"Lindenstrauss, \"Israel–Azerbaijan: Special Relations vs. Constraints\" "
                           f"(2015)\n\nNotebook{'s' if len(used) > 1 else ''} {', '.join(used)} · "
                           f"{total} minutes in class"),
                    "title", [f"Session {session} of the seminar plan: {title}. {total} minutes in class, "
                              f"from notebook{'s' if len(used) > 1 else ''} {', '.join(used)}."], level=1)]
    agenda = [f"{r.minutes}′ · {r.activity_en}" for r in cls.itertuples()]
    slides += text_slides("Agenda", [Block("", 0, "", agenda, True, 1)])
    for s in slides[1:]:
        s.kind = "agenda"
        s.say = [f"{len(agenda)} parts, {total} minutes in all:\n\n" + list_md(agenda, True, 1)]
    if len(due):
        items = [r.activity_en for r in due.itertuples()]
        slides += text_slides("Before this session", [Block("", 0, "", items)])
        slides[-1].say = ["What was to be done before this session: check it was done.\n\n"
                          + list_md(items, False, 1)]
        slides[-1].kind = "homework"
    for r in cls.itertuples():
        where = f"Notebook {r.notebook}" + (f" · {r.section}" if isinstance(r.section, str) else "")
        ex = exercise_numbers(r.exercises)
        part = Slide(f"{r.minutes}′ · {r.activity_en}", render(where + (f" · {r.exercises}" if ex else "")),
                     "part", [f"Part {r.part}: {r.activity_en} ({r.minutes} minutes). {where}."
                              + (f" With {r.exercises}." if ex else "")])
        slides.append(part)
        nbs = secs(r.notebook)
        if isinstance(r.section, str) and r.section:
            for s in find_section(nbs, r.section):
                slides += section_slides(only_questions(s, r.activity_en), r.notebook)
        for n in ex:
            s = find_exercise(nbs, n)
            if isinstance(r.section, str) and s.title == r.section:
                continue
            slides += section_slides(s, r.notebook)
    items = []
    for r in home.itertuples():
        items.append(r.activity_en)
    if items:
        slides += text_slides("Homework", [Block("", 0, "", items)])
        tasks = []
        for r in home.itertuples():
            for n in exercise_numbers(r.exercises):
                try:
                    s = find_exercise(secs(r.notebook), n)
                except KeyError:
                    continue
                tasks.append(f"**{r.notebook} {s.title}.** " + first_sentence(" ".join(md_cell_text(s).split())))
        slides[-1].say = ["For next time:\n\n" + list_md(items, False, 1)] + tasks
        slides[-1].kind = "homework"
    return slides


# --- rendering ----------------------------------------------------------------------------

def environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False,
                              keep_trailing_newline=True)


def mark_direction(fragment: str) -> str:
    """Blocks that are mostly Hebrew read right to left, and every Hebrew run is marked
    (helpers.hebrew.mark_html)."""
    soup = BeautifulSoup(fragment, "html.parser")
    for el in soup.find_all(["p", "li", "blockquote", "h1", "h2", "h3", "h4", "td", "th", "pre"]):
        if hebrew.mostly_hebrew(el.get_text()):
            el["lang"], el["dir"] = "he", "rtl"
    return hebrew.mark_html(str(soup))


def slide_html(slide: Slide) -> str:
    tag = "h1" if slide.level == 1 else "h2"
    title = render(slide.title, inline=True)
    notes = slide.notes_html()
    aside = f'<aside class="notes">{notes}</aside>' if notes else ""
    return (f'<section class="slide-{slide.kind}"><div class="box"><{tag}>{title}</{tag}>'
            f'<div class="body">{slide.body}</div></div>{aside}</section>')


def write_deck(slides: list[Slide], title: str, dest: Path) -> Path:
    env = environment()
    body = mark_direction("\n".join(slide_html(s) for s in slides))
    page = env.get_template("deck.html.j2").render(
        title=title, slides=body, css=(TEMPLATES / "deck.css").read_text(encoding="utf-8"),
        width=WIDTH, height=HEIGHT, hebrew_run=json.dumps(hebrew.RUN.pattern))
    dest.write_text(page, encoding="utf-8")
    notes = [{"title": render(s.title, inline=True), "body": s.body if s.kind != "figure" else
              s.body.replace('<figure class="fill">', '<figure class="small">'),
              "notes": s.notes_html()} for s in slides]
    page = env.get_template("notes.html.j2").render(title=title, deck=dest.name, slides=notes)
    dest.with_name(dest.name.replace(".slides.html", ".notes.html")).write_text(
        mark_direction(page), encoding="utf-8")
    return dest


def notebook_title(nb) -> str:
    first = nb.cells[0].source.strip().splitlines()[0] if nb.cells else ""
    m = HEADING.match(first)
    return plain(m[2]) if m else ""


def build(paths: list[Path], out: Path, *, prune: bool = False,
          sessions: bool | None = None) -> list[Path]:
    """Write one deck per notebook, one per session of the seminar plan (when every
    notebook the plan uses is among ``paths``; ``sessions`` forces it on or off), their
    notes pages and the index into ``out``, with reveal.js beside them."""
    out.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(out / "reveal.js", ignore_errors=True)
    shutil.copytree(REVEAL, out / "reveal.js", ignore=shutil.ignore_patterns("README.md"))
    if prune:
        for stale in [*out.glob("*.slides.html"), *out.glob("*.notes.html")]:
            stale.unlink()
    written, decks = [], []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        dest = write_deck(notebook_slides(nb, path.stem[:2]), notebook_title(nb) or path.stem,
                          out / f"{path.stem}.slides.html")
        written.append(dest)
        decks.append((dest.name, notebook_title(nb) or path.stem))
    from helpers import data

    plan = data.load("seminar_plan")
    books = {p.stem[:2]: p for p in paths}
    if sessions is None:
        sessions = set(plan.loc[plan["kind"] == "class", "notebook"]) <= set(books)
    if sessions:
        for n in sorted(set(plan.loc[plan["kind"] == "class", "session"])):
            slides = session_slides(plan, int(n), books)
            title = f"Session {n} · " + plan.loc[plan["session"] == n, "session_title"].iloc[0]
            dest = write_deck(slides, title, out / f"session-{n}.slides.html")
            written.append(dest)
            decks.append((dest.name, title))
    env = environment()
    index = [{"deck": d, "notes": d.replace(".slides.html", ".notes.html"), "title": t} for d, t in decks]
    (out / "index.html").write_text(hebrew.mark_html(env.get_template("index.html.j2").render(decks=index)),
                                    encoding="utf-8")
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
    print(f"wrote {args.out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
