"""Every figure on the site has alt text that says what it shows and a visible caption.

The texts come from data/model/figure_text.csv, keyed by notebook and figure title
(tools/build_site.py puts them into the build copies as myst-nb metadata). Checked here:

- in the built pages, every <img> has alt text that is not empty, a file name, a hash or
  "No description", sits in a <figure> with a non-empty <figcaption>, and is a link to the
  image itself (to open it full size);
- every figure a notebook shows has its row, and every row a figure (no stale rows);
- each row's source is the figure's own source line (read back from the figure by running the
  notebook, tools/figures_run.py), so the caption cannot drift from the figure;
- the alt text uses no number (a page, a note, a figure) that the figure itself does not show;
- a figure without a row stops the build, naming the cell.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nbformat
import pytest

import build_site
import figures_run
import site_build
from conftest import NOTEBOOKS, read_rows, write_rows

pytestmark = pytest.mark.site
ROWS = build_site.figure_texts()
HASH = re.compile(r"[0-9a-f]{16,}")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


class Figures(HTMLParser):
    """Each <img> of a page with its alt, whether it is in a <figure>, the figure's caption
    text and the link around the image."""

    def __init__(self):
        super().__init__()
        self.images, self._figure, self._caption, self._link = [], None, False, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "figure":
            self._figure = {"caption": ""}
        elif tag == "figcaption" and self._figure is not None:
            self._caption = True
        elif tag == "a":
            self._link = a.get("href")
        elif tag == "img":
            self.images.append({"src": a.get("src"), "alt": a.get("alt"), "link": self._link,
                                "figure": self._figure})

    def handle_endtag(self, tag):
        if tag == "figure":
            self._figure = None
        elif tag == "figcaption":
            self._caption = False
        elif tag == "a":
            self._link = None

    def handle_data(self, data):
        if self._caption and self._figure is not None:
            self._figure["caption"] += data


def images(page):
    parser = Figures()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.images


def bad_alt(alt: str | None) -> str | None:
    """Why an alt text says nothing about its image, or None."""
    if alt is None or not alt.strip():
        return "empty"
    if re.search(r"\.(png|svg|jpe?g|gif|webp)\b", alt, re.I) or "/" in alt.split()[0]:
        return "a file name"
    if HASH.search(alt):
        return "a hash"
    if alt.strip().lower().startswith("no description"):
        return "no description"
    if len(alt.split()) < 8:
        return "too short to say what the figure shows"
    return None


def test_every_image_on_the_site_has_alt_text_a_caption_and_a_link_to_itself(each_site):
    seen = 0
    for page in site_build.pages(each_site):
        for img in images(page):
            seen += 1
            where = f"{page.relative_to(each_site)}: {img['src']}"
            assert bad_alt(img["alt"]) is None, f"{where}: alt text is {bad_alt(img['alt'])}"
            assert img["figure"] is not None, f"{where}: not in a <figure>"
            assert len(img["figure"]["caption"].split()) >= 4, f"{where}: no visible caption"
            assert "Source:" in img["figure"]["caption"], f"{where}: the caption names no source"
            assert img["link"] == img["src"], f"{where}: does not open full size on click"
    assert seen >= len(ROWS) - 6, "figures missing from the site"  # a few sit in solutions


@pytest.mark.parametrize("alt", ["", "  ", "../_images/e6c2aa01.png", "e6c2aa01ff3e9b1c77d2",
                                 "No description has been provided for this image",
                                 "A chart"])
def test_the_alt_check_refuses_what_says_nothing(alt):
    assert bad_alt(alt) is not None


def _drawn():
    return [d for path in NOTEBOOKS for d in figures_run.run(path)[0]]


@pytest.fixture(scope="module")
def drawn():
    return {(d.notebook.removesuffix(".ipynb"), d.kwargs.get("title")): d for d in _drawn()}


def test_every_figure_has_a_row_and_every_row_a_figure(drawn):
    shown = {(p.stem, build_site.figure_title(c.source)) for p in NOTEBOOKS
             for c in nbformat.read(p, as_version=4).cells if build_site.shows_figure(c)}
    assert shown - set(ROWS) == set(), "figures without alt text (data/model/figure_text.csv)"
    assert set(ROWS) - shown == set(), "rows of figure_text.csv that no figure has"
    assert set(drawn) == shown, "the titles found in the cells are the titles drawn"


def test_each_rows_source_is_the_figures_own_source_line(drawn):
    for key, row in ROWS.items():
        captions = [" ".join(c.split()) for c in drawn[key].captions]
        assert captions == [row["source"]], f"{key}: figure_text.csv says {row['source']!r}"


def test_alt_text_shows_no_number_and_cites_no_page_the_figure_does_not(drawn):
    for key, row in ROWS.items():
        d = drawn[key]
        shown = " ".join(d.titles + d.captions + d.texts).replace("\u2009", " ")
        shown_numbers = set(NUMBER.findall(shown))
        extra = [n for n in NUMBER.findall(row["alt_en"]) if n not in shown_numbers]
        assert extra == [], f"{key}: numbers in the alt text that the figure does not show"


def test_a_figure_without_a_row_stops_the_build(tmp_path):
    path = NOTEBOOKS[1]
    nb = nbformat.read(path, as_version=4)
    texts = dict(ROWS)
    cell = next(c for c in nb.cells if build_site.shows_figure(c))
    del texts[(path.stem, build_site.figure_title(cell.source))]
    with pytest.raises(build_site.FigureTextMissing, match=cell.id):
        build_site.web_version(nb, path.stem, texts)
    web = build_site.web_version(nb, path.stem, ROWS)
    described = [c for c in web.cells if build_site.shows_figure(c)]
    assert described and all(c.metadata["mystnb"]["image"]["alt"] for c in described)
    assert all(c.metadata["mystnb"]["figure"]["caption"].startswith(
        build_site._markdown_text(build_site.figure_title(c.source))[:20]) for c in described)


def test_an_edited_alt_text_reaches_the_page(tmp_path):
    rows = read_rows(build_site.FIGURE_TEXT)
    rows[1][2] = "An edited description of the figure, long enough to say what it shows."
    write_rows(tmp_path / "figure_text.csv", rows)
    texts = build_site.figure_texts(tmp_path / "figure_text.csv")
    nb = nbformat.read(next(p for p in NOTEBOOKS if p.stem == rows[1][0]), as_version=4)
    web = build_site.web_version(nb, rows[1][0], texts)
    alts = [c.metadata["mystnb"]["image"]["alt"] for c in web.cells if build_site.shows_figure(c)]
    assert rows[1][2] in alts


def test_figures_are_named_by_their_caption_and_the_link_says_what_it_does(each_site):
    page = (each_site / "notebooks" / f"{NOTEBOOKS[1].stem}.html").read_text(encoding="utf-8")
    figures = re.findall(r"<figure [^>]*>.*?</figure>", page, re.S)
    assert figures
    for fig in figures:
        named = re.search(r'<figure [^>]*\bid="([^"]+)"[^>]*aria-labelledby="([^"]+)"', fig)
        assert named and f'<figcaption id="{named[2]}">' in fig, fig[:200]
        assert f'href="#{named[1]}"' in fig, "the caption's permalink still finds its figure"
        assert "(opens the image full size)" in fig


def test_a_title_ending_in_a_question_mark_is_not_followed_by_a_full_stop(each_site):
    text = " ".join(
        (each_site / "notebooks" / f"{p.stem}.html").read_text(encoding="utf-8") for p in NOTEBOOKS)
    captions = re.findall(r'<span class="caption-text">(.*?)</span>', text)
    assert captions and not [c for c in captions if re.search(r"[?!]\. Source", c)]


def test_stored_check_feedback_is_not_shown_beneath_a_blank_exercise(each_site):
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        web = build_site.web_version(nb)
        checks = [c for c in web.cells if "check" in c.metadata.get("tags", [])]
        assert all(c.outputs == [] for c in checks), path.name
    page = (each_site / "notebooks" / f"{NOTEBOOKS[1].stem}.html").read_text(encoding="utf-8")
    assert "✅ Correct." not in page
