"""Handouts (tools/build_handouts.py, make handouts): every notebook printed for students and
for the instructor, and one sheet per session, read back from the PDFs.

The handouts are printed once per test module from the sites that tests/site_build.py builds
once per test run (the site tests share them), into build/test-handouts/. The text and the
images of each PDF are read with pypdf. Checked: the student PDFs hold no solution text and
the instructor PDFs hold it all; neither holds a button's or a toggle's label; every figure
of the notebook is in its PDF, each on one page only; nothing of a page ran past the right
margin when it was laid out for print (measured in the page before printing, and the
measurement shown to catch what it must); Hebrew stays right to left; each session sheet
names its parts, minutes, reading, discussion exercises and questions, and homework.
"""

from __future__ import annotations

import re
import unicodedata
from html import unescape

import nbformat
import pytest

import browser
import build_handouts
from plan import exercise_numbers
import site_build
from build_student import student_version
from conftest import NOTEBOOKS, ROOT
from nbrun import tags

pypdf = pytest.importorskip("pypdf")

pytestmark = pytest.mark.site
OUT = ROOT / "build" / "test-handouts"
HEBREW = re.compile(r"[\u0590-\u05ff]")
PAGE_NUMBER = re.compile(r"^page \d+ of \d+$")
#: What the site shows on buttons, toggles and its chrome; none of it belongs on paper.
LABELS = ("Show solution", "Hide solution", "Details", "Download", "Copy", "Search", "Ctrl+K",
          "Back to top", "Skip to main content", "Toggle", "Color mode", "Print to PDF",
          "Fullscreen", "Full screen", "On this page", "opens the image full size",
          ".ipynb", "Previous", "Next")


def flat(text: str) -> str:
    """Text compared without its spacing: ligatures undone (Chromium's PDF writes "fi" as
    one glyph), every space and line break dropped (a PDF breaks lines where the HTML had
    none)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).replace("\u200b", "")


def pdf_text(path) -> str:
    """The text of a PDF, page after page, without the running title and page numbers (so a
    sentence that runs onto the next page reads on)."""
    lines = []
    for page in pypdf.PdfReader(path).pages:
        for line in page.extract_text().splitlines():
            line = line.strip()
            if line.startswith(build_handouts.SHORT_TITLE) or PAGE_NUMBER.match(line):
                continue
            lines.append(line)
    return "\n".join(lines)


@pytest.fixture(scope="module")
def handouts():
    if browser.find_chromium() is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    site, student_site = site_build.built(False), site_build.built(True)
    done = build_handouts.build(OUT, site, student_site, NOTEBOOKS)
    return {h.pdf.name: h for h in done}


@pytest.fixture(scope="module")
def texts(handouts):
    return {name: pdf_text(h.pdf) for name, h in handouts.items()}


def _cells(path):
    return nbformat.read(path, as_version=4).cells


def _shown_outside_solutions(cells) -> str:
    """What a notebook says outside its solutions: sources and outputs, flattened."""
    parts = []
    for cell in cells:
        if "solution" in tags(cell):
            continue
        parts.append(cell.source)
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            parts += [out.get("text", ""), data.get("text/plain", ""),
                      unescape(re.sub(r"<[^>]+>", " ", data.get("text/html", "")))]
    return flat(" ".join(p if isinstance(p, str) else "".join(p) for p in parts))


def solution_fragments(path) -> list[str]:
    """Distinctive pieces of the notebook's solution cells (as tests/test_slides.py takes
    them): 16 characters or more between markup, said nowhere else in the notebook, without
    Hebrew (whose order a PDF's text may reverse)."""
    cells = _cells(path)
    shown = _shown_outside_solutions(cells)
    found = []
    for cell in cells:
        if "solution" not in tags(cell):
            continue
        for line in cell.source.splitlines():
            for piece in re.split(r"[\[\]()*_`#>|]", line):
                piece = " ".join(piece.split()).removeprefix("- ")
                if len(piece) >= 16 and not HEBREW.search(piece) and flat(piece) not in shown:
                    found.append(piece)
    return found


def figures(nb) -> int:
    return sum(1 for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
               if {"image/png", "image/svg+xml"} & set(o.get("data", {})))


NAMES = [p.stem for p in NOTEBOOKS]
PATHS = {p.stem: p for p in NOTEBOOKS}


def test_every_handout_is_written_on_a4(handouts):
    expected = {f"{n}.{e}.pdf" for n in NAMES for e in ("student", "instructor")}
    expected |= {f"session-{n}.pdf" for n in range(1, 5)}
    assert set(handouts) == expected
    for h in handouts.values():
        reader = pypdf.PdfReader(h.pdf)
        assert len(reader.pages) >= 1
        box = reader.pages[0].mediabox
        # A4 is 595.3 x 841.9 pt; Chromium rounds the paper to whole pixels
        assert abs(float(box.width) - 595.3) < 1.5, (h.pdf.name, box)
        assert abs(float(box.height) - 841.9) < 1.5, (h.pdf.name, box)


@pytest.mark.parametrize("name", NAMES)
def test_student_handout_has_no_solution_and_instructor_has_all(name, texts):
    path = PATHS[name]
    fragments = solution_fragments(path)
    student, instructor = flat(texts[f"{name}.student.pdf"]), flat(texts[f"{name}.instructor.pdf"])
    leaked = [f for f in fragments if flat(f) in student]
    assert not leaked, f"solution text in {name}.student.pdf: {leaked[:5]}"
    missing = [f for f in fragments if flat(f) not in instructor]
    assert not missing, f"solution text missing from {name}.instructor.pdf: {missing[:5]}"
    if fragments:
        assert "Solution" in texts[f"{name}.instructor.pdf"]


@pytest.mark.parametrize("name", NAMES)
def test_no_button_or_toggle_label_is_printed(name, texts):
    source = flat(" ".join(c.source for c in _cells(PATHS[name])))
    for edition in ("student", "instructor"):
        text = flat(texts[f"{name}.{edition}.pdf"])
        for label in LABELS:
            if flat(label) in source:  # the notebook's own words, not a button
                continue
            assert flat(label) not in text, f"{name}.{edition}.pdf prints {label!r}"


@pytest.mark.parametrize("name", NAMES)
def test_every_figure_is_in_the_pdf_on_one_page(name, handouts):
    """The images drawn on the pages, added up page by page, are the notebook's figures: one
    missing lowers the count, one split across two pages (drawn on both) raises it."""
    nb = nbformat.read(PATHS[name], as_version=4)
    for edition, expected in (("student", figures(student_version(nb))),
                              ("instructor", figures(nb))):
        pdf = handouts[f"{name}.{edition}.pdf"].pdf
        drawn = [drawn_images(page) for page in pypdf.PdfReader(pdf).pages]
        assert sum(drawn) == expected, f"{pdf.name}: images per page {drawn}, figures {expected}"


#: A named XObject drawn (the operator Do) in a content stream.
DRAW = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+Do\b")


def drawn_images(page) -> int:
    """How many images a PDF page draws: its content stream's Do operators that name an image
    XObject, and those of the forms it draws. The same count as ``len(page.images)``, which
    parses the whole content stream for inline images too (Chromium writes none), 200 times
    slower (tested below on this collection's handouts)."""
    def count(content: bytes, resources) -> int:
        resources = resources.get_object() if resources is not None else {}
        xobjects = resources.get("/XObject")
        xobjects = xobjects.get_object() if xobjects is not None else {}
        n = 0
        for name in DRAW.findall(content):
            x = xobjects.get("/" + name.decode("latin-1"))
            x = x.get_object() if x is not None else {}
            if x.get("/Subtype") == "/Image":
                n += 1
            elif x.get("/Subtype") == "/Form":
                n += count(x.get_data(), x.get("/Resources") or resources)
        return n

    contents = page.get_contents()
    return count(contents.get_data() if contents is not None else b"", page.get("/Resources"))


def test_the_quick_image_count_is_pypdfs(handouts):
    """On two handouts with figures (one per edition), page by page."""
    for name in ("03_israeli_interests.student.pdf", "06_epilogue.instructor.pdf"):
        pages = pypdf.PdfReader(handouts[name].pdf).pages
        counts = [drawn_images(page) for page in pages]
        assert sum(counts) > 0 and counts == [len(page.images) for page in pages], name


def test_nothing_runs_past_the_margin_and_hebrew_stays_rtl(handouts, texts):
    problems = [line for h in handouts.values() for line in h.problems()]
    assert not problems, "\n".join(problems)
    # the Hebrew check had Hebrew to look at: the article's words, quoted on the pages and
    # in session 2's questions
    assert HEBREW.search(texts["01_background.student.pdf"])
    assert HEBREW.search(texts["session-2.pdf"])


def test_the_measurement_catches_what_runs_past_the_margin(tmp_path):
    """The checks above would fail: a box wider than the text column, a table with a word
    that cannot wrap, a figure taller than the page, a line pushed past the margin and
    Hebrew laid out left to right are each reported (the page printed without the print
    stylesheet). The measurement is made in the page, not in the PDF: Chromium leaves out of
    the PDF what lies beyond the paper, so a PDF's text cannot show what was cut."""
    if browser.find_chromium() is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    wide = build_handouts.TEXT_WIDTH_PX + 200
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
        f'<body><div class="bd-article"><div style="width:{wide}px">too wide</div>'
        f'<table><tr><td>{"x" * 300}</td></tr></table>'
        f'<img alt="tall" style="height:{2 * build_handouts.TEXT_HEIGHT_PX}px;width:10px" '
        'src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7">'
        f'<p style="margin-left:{wide}px;white-space:nowrap">far right</p>'
        "<p>ישראל ואזרבייג׳ן</p></div></body></html>", encoding="utf-8")
    with browser.Chromium() as chromium:
        h = build_handouts.print_page(chromium, page, tmp_path / "bad.pdf", title="t",
                                      edition="test", css="")
    assert any("too wide" in line for line in h.overflow), h.overflow
    assert any("x" * 20 in line for line in h.overflow), h.overflow
    assert any("taller than a page" in line for line in h.overflow), h.overflow
    assert h.hebrew, "Hebrew in an ltr paragraph went unreported"
    assert any("far right" in line for line in h.overflow), h.overflow


def test_text_column_is_the_papers_width_less_its_margins():
    paper = build_handouts.PAPER
    assert build_handouts.TEXT_WIDTH_PX == round(
        (paper["paperWidth"] - paper["marginLeft"] - paper["marginRight"]) * 96)
    assert 600 <= build_handouts.TEXT_WIDTH_PX <= 720  # about the site's content column


# --- the session sheets -------------------------------------------------------------------

def _plan():
    from helpers.data import load

    plan = load("seminar_plan")
    return plan.astype(object).where(plan.notna(), None)


def _plain(markdown: str) -> str:
    """Markdown as it reads: links to their text, emphasis and code marks dropped."""
    markdown = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return re.sub(r"[*`\\]", "", markdown)


def _latin_pieces(text: str) -> list[str]:
    """The stretches of a text between Hebrew runs, 12 characters or longer."""
    return [p for p in re.split(r"[\u0590-\u05ff][\u0590-\u05ff\s'\"׳״\-–—,.:;()]*", text)
            if len(p.strip()) >= 12]


def test_every_exercise_the_plan_names_is_in_its_notebook():
    plan = _plan()
    by_number = {p.name[:2]: p for p in NOTEBOOKS}
    for _, row in plan.iterrows():
        if not row["exercises"]:
            continue
        numbers = exercise_numbers(row["exercises"])
        assert numbers, row["exercises"]
        found = build_handouts.exercises(nbformat.read(by_number[row["notebook"]], as_version=4))
        assert set(numbers) <= set(found), \
            f"session {row['session']} part {row['part']}: {row['exercises']} of {row['notebook']}"


@pytest.mark.parametrize("session", [1, 2, 3, 4])
def test_session_sheet_names_its_parts_questions_and_homework(session, texts):
    plan = _plan()
    text = flat(texts[f"session-{session}.pdf"])
    rows = plan[plan["session"] == session]
    assert flat(f"Session {session}: {rows['session_title'].iloc[0]}") in text
    # what the session before set, all of it (the reading and the exercises), as on the deck
    set_before = plan[(plan["session"] == session - 1) & (plan["kind"] == "homework")]
    assert len(set_before), f"nothing set before session {session}"
    for activity in set_before["activity_en"]:
        assert flat(_plain(activity)) in text, f"before the session: {activity!r}"
    cls = rows[rows["kind"] == "class"]
    assert flat(f"In class ({int(cls['minutes'].sum())} minutes)") in text
    for _, row in rows.iterrows():
        assert flat(_plain(row["activity_en"])) in text, f"part {row['part']}"
        if row["kind"] == "class":
            assert flat(f"{int(row['minutes'])}\u2032{_plain(row['activity_en'])}") in text
    by_number = {p.name[:2]: p for p in NOTEBOOKS}
    for number in dict.fromkeys(cls["notebook"]):
        nb = nbformat.read(by_number[number], as_version=4)
        questions = build_handouts.discussion_questions(nb)
        assert questions, f"notebook {number} has no discussion questions"
        items = re.split(r"^\d+\.\s+", questions, flags=re.M)[1:]
        assert items
        for item in items:
            for piece in _latin_pieces(_plain(item)):
                assert flat(piece) in text, f"session {session}, {number}: {piece!r}"
        for _, row in cls[cls["notebook"] == number].iterrows():
            for n in exercise_numbers(row["exercises"]):
                ex = build_handouts.exercises(nb)[n]
                if ex.discussion:
                    body = ex.markdown.split("\n", 1)[1]
                    for piece in _latin_pieces(_plain(body))[:3]:
                        assert flat(piece) in text, f"session {session}, {number} Ex. {n}"


# --- the command --------------------------------------------------------------------------

def test_make_handouts_and_readme():
    makefile = (ROOT / "Makefile").read_text()
    rule = re.search(r"^handouts:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert rule and "tools/build_handouts.py" in rule[1]
    assert re.search(r"^\.PHONY:.*\bhandouts\b", makefile, re.M)
    assert re.search(r"^#\s+make handouts\b", makefile, re.M)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.count("`make handouts`") >= 2
