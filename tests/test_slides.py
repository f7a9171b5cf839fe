"""Slide decks (tools/build_slides.py): one deck builds, loads nothing from the network and
shows no solution; in headless Chromium (if installed) reveal.js starts without an error.
A screenshot of the first slide with Hebrew (else the second slide) is kept in
build/test-artifacts/slides-*.png."""

from __future__ import annotations

import re
import time
from html import unescape

import nbformat
import pytest

import browser
import build_slides
from conftest import NOTEBOOKS, ROOT
from nbrun import tags
from offline import external_assets

ARTIFACTS = ROOT / "build" / "test-artifacts"


def pick():
    """The first notebook with solution cells (else the first notebook)."""
    for path in NOTEBOOKS:
        if any("solution" in tags(c) for c in nbformat.read(path, as_version=4).cells):
            return path
    return NOTEBOOKS[0] if NOTEBOOKS else None


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    path = pick()
    if path is None:
        pytest.skip("no notebooks yet")
    out = tmp_path_factory.mktemp("slides")
    [written] = build_slides.build([path], out)
    return path, written


def test_slide_metadata_is_added_where_missing():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Title"),
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_markdown_cell("## Part"),
        nbformat.v4.new_markdown_cell("### Sub"),
        nbformat.v4.new_markdown_cell("## Kept", metadata={"slideshow": {"slide_type": "skip"}}),
    ])
    types = [c.metadata["slideshow"]["slide_type"] for c in build_slides.with_slide_metadata(nb).cells]
    assert types == ["slide", "-", "slide", "subslide", "skip"]


def test_deck_is_offline_and_has_no_solution(deck):
    path, written = deck
    assert written.exists() and written.name == f"{path.stem}.slides.html"
    html = written.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img)\b[^>]*\b(src|href)=[\"']?(https?:)?//", html, re.I)
    assert external_assets(written.parent) == []
    for f in ("dist/reveal.js", "dist/reveal.css", "dist/theme/white.css", "plugin/notes/notes.js"):
        assert (written.parent / "reveal.js" / f).exists(), f
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    cells = nbformat.read(path, as_version=4).cells
    shown = " ".join(" ".join(c.source.split()) for c in cells if "solution" not in tags(c))
    for cell in cells:
        if "solution" not in tags(cell):
            continue
        for line in cell.source.splitlines():  # distinctive fragments of the solution's text
            for piece in re.split(r"[\[\]()*_`#>|]", line):
                piece = " ".join(piece.split())
                if len(piece) >= 16 and piece not in shown:
                    assert piece not in text, f"solution text on a slide: {piece!r}"


def test_deck_runs_in_chromium(deck):
    if browser.find_chromium() is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    path, written = deck
    with browser.Chromium() as b:
        page = b.open(written.as_uri(), settle=0.5)
        assert page.wait_for("typeof Reveal !== 'undefined' && Reveal.isReady()"), "reveal.js"
        assert page.evaluate("Reveal.getTotalSlides()") >= 1
        assert page.external_requests(allowed=("file://",)) == []
        assert page.failures == [] and page.errors == []
        assert page.evaluate(browser.HEBREW_LAYOUT_JS + "(document.querySelector('.reveal'))") == []
        # show the first slide with Hebrew on it, else the second slide
        index = page.evaluate(r"""(() => {
            const slides = Reveal.getSlides();
            const i = slides.findIndex(s => /[\u0590-\u05ff]/.test(s.textContent));
            return i >= 0 ? i : Math.min(1, slides.length - 1); })()""")
        page.evaluate(f"Reveal.slide({index})")
        time.sleep(0.8)  # the slide transition
        page.screenshot(ARTIFACTS / f"slides-{path.stem}.png")
        assert page.errors == []
    assert b.outside == [], f"Chromium's traffic outside loopback (its net log): {b.outside}"


def test_each_heading_cell_opens_its_own_slide():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("intro"), nbformat.v4.new_markdown_cell("## 1. First\ntext"),
        nbformat.v4.new_markdown_cell("### Exercise 1: x\ntask"), nbformat.v4.new_code_cell("1 + 1"),
    ])
    types = [c.metadata["slideshow"]["slide_type"] for c in build_slides.with_slide_metadata(nb).cells]
    assert types == ["-", "slide", "subslide", "-"]
