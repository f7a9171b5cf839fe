"""Slide decks (tools/build_slides.py), without a browser: the rules that make a notebook's
cells into slides (short text on the slide, the rest and its citations in the notes, code
hidden, figures and cut tables on slides of their own), the session decks of the seminar
plan, Hebrew marking, and every deck offline and without solution text.
(tests/test_slides_browser.py steps through every deck in Chromium.)"""

from __future__ import annotations

import base64
import re
from html import unescape

import nbformat
import pytest
from bs4 import BeautifulSoup

import build_slides
from conftest import NOTEBOOKS
from helpers import data
from nbrun import tags
from offline import external_assets
from plan import exercise_numbers
from slides_build import DECKS, built

PNG = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e527d4a20000000049454e44ae426082")).decode()


def md(text, **kw):
    return nbformat.v4.new_markdown_cell(text, **kw)


def code(text, outputs=(), **kw):
    cell = nbformat.v4.new_code_cell(text, **kw)
    cell.outputs = [nbformat.from_dict(o) for o in outputs]
    return cell


def parse(slides):
    """Each slide's title, shown text and notes text."""
    out = []
    for s in slides:
        shown = BeautifulSoup(s.body, "html.parser").get_text(" ")
        notes = BeautifulSoup(s.notes_html(), "html.parser").get_text(" ")
        out.append((s.title, " ".join(shown.split()), " ".join(notes.split()), s.kind))
    return out


LONG = ("The article dates the visit to May 2009 (p. 62). Contemporary sources put it in "
        "late June 2009, after the remark (p. 66, n. 26). Both datings are kept in the data.")


def test_first_sentence_keeps_citations_and_markup_whole():
    assert build_slides.first_sentence(LONG) == "The article dates the visit to May 2009 (p. 62)."
    assert build_slides.first_sentence("See pp. 62–63, n. 7. Then more.") == "See pp. 62–63, n. 7."
    # no cut inside an open bold, quote or bracket
    text = "**A claim. With more** after it. Second one."
    assert build_slides.first_sentence(text) == "**A claim. With more** after it."
    cut = build_slides.first_sentence("word " * 200)
    assert cut.endswith("…") and len(cut) <= build_slides.SENTENCE_CHARS + 2


def test_a_label_or_a_lead_of_a_word_or_two_is_shown_with_the_sentence_after_it():
    """A slide never shows only a label: "**Outside the article** (source: ...)." or a list
    item's "**Left side.**" keeps the sentence that says what it labels; a lead that says
    something, and a first sentence that does, stand alone as before."""
    quote, = build_slides.blocks("> **Outside the article** (source: X, *A Study*, 1988). Iran "
                                 "and Israel cooperated closely until 1979. A third sentence.")
    assert quote.shown.endswith("(source: X, *A Study*, 1988). Iran and Israel cooperated "
                                "closely until 1979.")
    assert build_slides.shorten("The article says more here (p. 68). Second.") == \
        "The article says more here (p. 68)."
    items, = build_slides.blocks(
        "- **Left side.** The interests of both states flow into the claim of the abstract, "
        "which the map draws (p. 61). More.\n"
        "- **Pressure from the neighbours.** Iran, Russia and Turkey press Baku on the ties, "
        "each for its own reasons (p. 66).")
    assert items.items == ["**Left side.** The interests of both states flow into the claim "
                           "of the abstract, which the map draws (p. 61).",
                           "**Pressure from the neighbours.**"]


def test_citations_are_gathered_in_order_once():
    assert build_slides.citations(LONG + " Again (p. 62).") == ["p. 62", "p. 66, n. 26"]
    assert build_slides.citations("(pp. 62–63, nn. 7–8) and p. 61, n. 1") == ["pp. 62–63, nn. 7–8",
                                                                              "p. 61, n. 1"]
    assert build_slides.citations("p. 61 and p. 61, n. 1; p. 62") == ["p. 61, n. 1", "p. 62"]


def test_a_section_becomes_short_slides_with_full_notes():
    nb = nbformat.v4.new_notebook(cells=[
        md("# 09 · A title\n\n**Estimated time:** 10 minutes"),
        md("## 1. A section (p. 62)\n\n" + LONG),
        md("**Predict, then read.** What would you check first?"),
        code("secret_plot_call(x=1)", [{"output_type": "display_data",
                                        "data": {"image/png": PNG, "text/plain": "<Figure>"},
                                        "metadata": {}}]),
        code("value_only()", [{"output_type": "execute_result", "execution_count": 3,
                               "data": {"text/plain": "0.625"}, "metadata": {}}]),
        md("A comment on the figure. It says more (p. 63)."),
    ])
    slides = build_slides.notebook_slides(nb, "09")
    rows = parse(slides)
    kinds = [r[3] for r in rows]
    assert kinds == ["title", "text", "question", "figure", "text"]
    title, shown, notes, _ = rows[1]
    assert title == "1. A section (p. 62)"
    assert shown == "The article dates the visit to May 2009 (p. 62)."
    assert "Both datings are kept in the data." in notes  # the rest is in the notes
    assert "Point at: p. 62; p. 66, n. 26" in notes
    assert "Ask: Predict, then read. What would you check first?" in notes
    figure = slides[3]
    assert figure.title == "1. A section (p. 62)" and '<img src="data:image/png;base64,' in figure.body
    assert "Point at: p. 63" in rows[3][2]  # the prose around the figure, with its page
    html = "".join(build_slides.slide_html(s) for s in slides)
    assert "secret_plot_call" not in html and "0.625" not in html  # code and bare values hidden


def test_an_exercise_and_the_discussion_questions_are_shown_whole():
    task = ("Take the 1990s network. Now flip the sign of the US–Turkey tie and count the "
            "unbalanced triangles again. Which triangles change, and why?")
    nb = nbformat.v4.new_notebook(cells=[
        md("# 09 · A title\n\n**Estimated time:** 10 minutes"),
        md("## Exercises"),
        md("### Exercise 3: flip one sign\n\n" + task),
        md("## Discussion questions\n\n1. Balance theory treats states like people. Is that "
           "fair? Give one case where it fails.\n2. Which tie matters most, and why?"),
    ])
    shown = " ".join(r[1] for r in parse(build_slides.notebook_slides(nb, "09")))
    assert " ".join(task.split()) in shown, "an exercise's task cut on its slide"
    assert "Is that fair? Give one case where it fails." in shown
    assert "Which tie matters most, and why?" in shown


def test_a_long_list_continues_on_the_next_slide_with_its_numbers():
    items = "\n".join(f"{i}. Question number {i} " + "with words " * 12 for i in range(1, 10))
    nb = nbformat.v4.new_notebook(cells=[md("## Discussion questions\n\n" + items)])
    slides = build_slides.notebook_slides(nb, "09")
    assert len(slides) >= 2
    starts = [BeautifulSoup(s.body, "html.parser").ol.get("start", "1") for s in slides]
    assert starts[0] == "1" and int(starts[1]) > 1
    count = sum(len(BeautifulSoup(s.body, "html.parser").find_all("li")) for s in slides)
    assert count == 9


def test_code_is_shown_only_where_tagged():
    nb = nbformat.v4.new_notebook(cells=[md("## Code"), code("shown_code(1)", metadata={"tags": ["slide-code"]}),
                                         code("hidden_code(2)")])
    html = "".join(build_slides.slide_html(s) for s in build_slides.notebook_slides(nb, "09"))
    assert "shown_code(1)" in html and "hidden_code(2)" not in html


def png_of(width, height):
    """A PNG header of that size (all the slide rules read of an image)."""
    head = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + width.to_bytes(4, "big") + height.to_bytes(4, "big")
    return base64.b64encode(head + bytes(20)).decode()


def test_a_short_reading_after_an_output_stands_under_it_where_that_costs_nothing():
    """Under a small table and under a wide figure, the short text that reads it joins the
    output's slide; under a tall figure (which would shrink), after a table that would lose
    rows, and where the text leads into the next output, it keeps a slide of its own."""
    table = {"output_type": "display_data", "metadata": {},
             "data": {"text/html": "<table><tr><th>a</th></tr><tr><td>1</td></tr></table>",
                      "text/plain": "a"}}
    row = "<tr>" + "<td>" + "words of a long cell " * 3 + "</td>" * 1 + "<td>x</td>" * 5 + "</tr>"
    long_table = {**table, "data": {"text/html": "<table><tr>" + "<th>a</th>" * 6 + "</tr>" + row * 30
                                    + "</table>", "text/plain": "a"}}

    def figure(w, h):
        return {"output_type": "display_data", "metadata": {},
                "data": {"image/png": png_of(w, h), "text/plain": "<Figure>"}}

    reading = "The small table shows one row (p. 63)."
    for output, joined in ((table, True), (figure(1200, 400), True), (figure(800, 700), False),
                           (long_table, False)):
        nb = nbformat.v4.new_notebook(cells=[md("## Read it"), md("Some opening text here."),
                                             code("show()", [output]), md(reading)])
        slides = parse(build_slides.notebook_slides(nb, "09"))
        out = [x for x in slides if x[3] in ("table", "figure")]
        assert len(out) == 1
        assert (reading in out[0][1]) is joined, (output["data"].keys(), slides)
        assert reading in out[0][2] or not joined  # and its words in the notes
        assert any(reading in x[1] and x[3] == "text" for x in slides) is not joined
    leads = nbformat.v4.new_notebook(cells=[md("## Read it"), code("show()", [table]),
                                            md("The next table adds a row."), code("show()", [table])])
    slides = [x for x in parse(build_slides.notebook_slides(leads, "09")) if x[3] != "divider"]
    assert [x[3] for x in slides] == ["table", "table"]
    assert "The next table adds a row." not in slides[0][1] and "The next table adds a row." in slides[1][1]


def test_a_text_above_a_tall_figure_keeps_its_own_slide_where_it_would_make_it_too_narrow():
    """The lead-in (a short text before an output) stands above a figure on its slide, unless
    the figure would then be drawn narrower than NARROWEST_FIGURE: a portrait figure, like
    05's argument map, under three lines of text."""
    lead = ("The layout is fixed by hand in the data, so the map looks the same on every run: "
            "evidence on the left, counter-pressures on the right, the conclusions in the "
            "middle where the two sides meet, with every box giving its page.")
    for (w, h), joined in (((1200, 800), True), ((700, 1000), True), ((540, 1000), False)):
        fig = {"output_type": "display_data", "metadata": {},
               "data": {"image/png": png_of(w, h), "text/plain": "<Figure>"}}
        nb = nbformat.v4.new_notebook(cells=[md("## The map"), md(lead), code("show()", [fig])])
        slides = [x for x in parse(build_slides.notebook_slides(nb, "09")) if x[3] != "divider"]
        assert [x[3] for x in slides] == (["figure"] if joined else ["text", "figure"]), (w, h)
        assert (lead[:40] in slides[-1][1]) is joined


def test_tables_are_cut_with_a_line_naming_the_notebook():
    rows = "".join(f"<tr><td>{i}</td><td>{'x' * 90}</td></tr>" for i in range(20))
    cols = "".join(f"<th>c{i}</th>" for i in range(9))
    cut = build_slides.table_html(f"<table><thead><tr><th>n</th><th>text</th></tr></thead><tbody>{rows}"
                                  f"</tbody></table>", "04")
    soup = BeautifulSoup(cut, "html.parser")
    kept = len(soup.tbody.find_all("tr"))
    assert 1 <= kept <= build_slides.TABLE_ROWS
    assert soup.find("p", class_="more").get_text() == f"… {20 - kept} more rows in notebook 04"
    assert all(len(td.get_text()) <= build_slides.CELL_CHARS for td in soup.find_all("td"))
    wide = BeautifulSoup(build_slides.table_html(f"<table><tr>{cols}</tr><tr>{cols}</tr></table>", "04"),
                         "html.parser")
    assert len(wide.tr.find_all("th")) == build_slides.TABLE_COLUMNS
    assert "2 more columns in notebook 04" in wide.get_text()
    # a table of counts keeps up to TABLE_COLUMNS_NARROW columns: a cut one would read as zeros
    counts = "".join(f"<td>{i}</td>" for i in range(11))
    heads = "".join(f"<th>partner {i}</th>" for i in range(11))
    kept = BeautifulSoup(build_slides.table_html(f"<table><tr>{heads}</tr><tr>{counts}</tr></table>",
                                                 "04"), "html.parser")
    assert len(kept.find_all("td")) == 11 and "more column" not in kept.get_text()
    words = "".join(f"<td>word{i}</td>" for i in range(11))  # longer than NARROW_CELL
    cut = BeautifulSoup(build_slides.table_html(f"<table><tr>{words}</tr></table>", "04"), "html.parser")
    assert len(cut.find_all("td")) == build_slides.TABLE_COLUMNS


def test_hebrew_runs_are_marked_and_hebrew_blocks_read_right_to_left():
    html = build_slides.mark_direction("<p>The phrase «צעד שגוי» (p. 66)</p><p>שלום עולם, p. 1</p>")
    soup = BeautifulSoup(html, "html.parser")
    for text in soup.find_all(string=re.compile("[\u0590-\u05ff]")):
        assert text.find_parent(attrs={"lang": "he", "dir": "rtl"}), text
    assert soup.find_all("p")[1]["dir"] == "rtl" and "dir" not in soup.find_all("p")[0].attrs


def test_a_session_shows_only_the_discussion_questions_its_plan_names():
    section = build_slides.Section(2, "Discussion questions", [md(
        "## Discussion questions\n\n1. First question?\n2. Second question,\n   on two lines?\n3. Third?")])
    cut = build_slides.only_questions(section, "03 discussion question 2")
    [slide] = build_slides.section_slides(cut, "03")
    soup = BeautifulSoup(slide.body, "html.parser")
    assert [li.get_text(" ", strip=True) for li in soup.find_all("li")] == ["Second question, on two lines?"]
    assert soup.ol["start"] == "2"
    both = build_slides.only_questions(section, "Discussion questions 1–2")
    assert len(BeautifulSoup(build_slides.section_slides(both, "03")[0].body, "html.parser").find_all("li")) == 2
    assert build_slides.only_questions(section, "The iceberg image") is section


def test_every_section_and_exercise_of_the_plan_is_in_its_notebook():
    plan = data.load("seminar_plan")
    books = {p.stem[:2]: p for p in NOTEBOOKS}
    for r in plan.itertuples():
        secs = build_slides.sections(build_slides.slide_version(nbformat.read(books[r.notebook], as_version=4)))
        if isinstance(r.section, str):
            assert build_slides.find_section(secs, r.section), r
        for n in exercise_numbers(r.exercises):
            assert build_slides.find_exercise(secs, n).exercise, (r, n)


@pytest.mark.parametrize("session", [int(d.split("-")[1].split(".")[0]) for d in DECKS if d.startswith("session-")])
def test_session_deck_follows_the_plan(session):
    plan = data.load("seminar_plan")
    books = {p.stem[:2]: p for p in NOTEBOOKS}
    slides = build_slides.session_slides(plan, session, books)
    rows = plan[(plan["session"] == session)].sort_values("part")
    cls = rows[rows["kind"] == "class"]
    assert slides[0].kind == "title" and slides[0].title.startswith(f"Session {session} · ")
    agenda = " ".join(BeautifulSoup(s.body, "html.parser").get_text(" ") for s in slides if s.kind == "agenda")
    parts = [s.title for s in slides if s.kind == "part"]
    assert parts == [f"{r.minutes}′ · {r.activity_en}" for r in cls.itertuples()]
    for r in cls.itertuples():
        assert f"{r.minutes}′ · {build_slides.plain(r.activity_en)}" in " ".join(agenda.split())
    # each part is followed by its section's slides (titled as in the notebook) and exercises
    titles = [s.title for s in slides]
    for r in cls.itertuples():
        if isinstance(r.section, str):
            assert r.section in titles
        for n in exercise_numbers(r.exercises):
            assert any(re.match(rf"Exercise {n}\b", t) for t in titles), (r.part, n)
    assert slides[-1].title == "Homework" and slides[-1].kind == "homework"
    homework = " ".join(BeautifulSoup(slides[-1].body, "html.parser").get_text(" ").split())
    for r in rows[rows["kind"] == "homework"].itertuples():
        assert build_slides.plain(r.activity_en) in homework
    # what the session before set, all of it (the reading and the exercises), is listed first
    due = [s for s in slides if s.title == "Before this session"]
    set_before = plan[(plan["session"] == session - 1) & (plan["kind"] == "homework")]
    assert len(due) == 1 and len(set_before)
    listed = " ".join(BeautifulSoup(due[0].body, "html.parser").get_text(" ").split())
    for r in set_before.itertuples():
        assert build_slides.plain(r.activity_en) in listed, r.activity_en


@pytest.mark.parametrize("deck", DECKS)
def test_deck_is_offline_flat_and_linear(deck):
    out = built()
    html = (out / deck).read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img)\b[^>]*\b(src|href)=[\"']?(https?:)?//", html, re.I)
    assert 'navigationMode: "linear"' in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select(".slides > section") and not soup.select(".slides section section")
    assert not soup.select(".jp-InputPrompt, .prompt") and "In&nbsp;[" not in html
    for f in ("dist/reveal.js", "dist/reveal.css", "dist/theme/white.css", "plugin/notes/notes.js"):
        assert (out / "reveal.js" / f).exists(), f
    assert (out / deck.replace(".slides.html", ".notes.html")).exists()
    assert f'href="{deck}"' in (out / "index.html").read_text(encoding="utf-8")


def test_nothing_in_the_decks_loads_from_the_network():
    assert external_assets(built()) == []


def solution_pieces(path):
    """Distinctive fragments (16+ characters) of a notebook's solution text that its other
    cells do not share."""
    cells = nbformat.read(path, as_version=4).cells
    shown = " ".join(" ".join(c.source.split()) for c in cells if "solution" not in tags(c))
    for cell in cells:
        if "solution" not in tags(cell):
            continue
        for line in cell.source.splitlines():
            for piece in re.split(r"[\[\]()*_`#>|]", line):
                piece = " ".join(piece.split())
                if len(piece) >= 16 and piece not in shown:
                    yield piece


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_no_solution_text_in_any_deck(path):
    out = built()
    pieces = set(solution_pieces(path))
    plan = data.load("seminar_plan")
    used = set(plan.loc[plan["notebook"] == path.stem[:2], "session"])  # the sessions it is in
    decks = [path.stem + ".slides.html"] + [f"session-{n}.slides.html" for n in sorted(used) if n]
    for deck in decks:
        for f in (out / deck, out / deck.replace(".slides.html", ".notes.html")):
            text = " ".join(unescape(re.sub(r"<[^>]+>", " ", f.read_text(encoding="utf-8"))).split())
            for piece in pieces:
                assert piece not in text, f"solution text in {f.name}: {piece!r}"
