"""The static site (tools/build_site.py): it builds without a Sphinx warning, and every page
works in headless Chromium with the network off.

The site is built once (tests/site_build.py, shared by every tests/test_site*.py) and served from a loopback HTTP server. For
each notebook page the browser must see: every image loaded, no request leaving loopback, no
failed load, no console error; the solutions present but collapsed, one toggle per exercise; Hebrew text blocks laid out
right-to-left; previous/next links in sequence order. The theme's search must find a word.
Screenshots are kept in build/test-artifacts/ (site-*.png).

Chromium's net log must show no DNS query and no connection outside loopback (checked when the
browser closes, after the last browser test of this file).

Needs the Debian package chromium; without it the browser tests skip (the build still runs).
"""

from __future__ import annotations

from html import unescape
import re

import nbformat
import pytest

import browser
import build_site
import site_build
from conftest import NOTEBOOKS, ROOT

pytestmark = pytest.mark.site
ARTIFACTS = ROOT / "build" / "test-artifacts"
HEBREW = re.compile(r"[\u0590-\u05ff]")
SHOT = {"hebrew": False}


def ids(paths):
    return [p.stem for p in paths]


def solution_cells(path):
    cells = nbformat.read(path, as_version=4).cells
    return [c for c in cells if "solution" in c.metadata.get("tags", []) and c.source.strip()]


@pytest.fixture(scope="module")
def site():
    return site_build.built()


@pytest.fixture(scope="module")
def server(site):
    with site_build.serve(site) as url:
        yield url


def check_clean_load(page, base):
    assert page.external_requests(allowed=(base,)) == [], "requests leaving loopback"
    assert page.failures == [], "resources that failed to load"
    assert page.errors == [], "console errors"
    images = page.evaluate("""Promise.all(Array.from(document.images).map(async img => {
        img.loading = 'eager';
        try { await img.decode(); } catch (e) {}
        return [img.getAttribute('src'), img.naturalWidth];
    }))""")
    broken = [src for src, width in images if not width]
    assert broken == [], "images that did not load"
    return images


# --- the build ------------------------------------------------------------------------------

def test_site_has_a_page_per_notebook_and_no_network_asset(site):
    assert (site / "index.html").exists()
    assert (site / "search.html").exists() and (site / "searchindex.js").exists()
    for path in NOTEBOOKS:
        assert (site / "notebooks" / f"{path.stem}.html").exists(), path.name
    assert build_site.external_assets(site) == []


def test_front_page_links_every_notebook(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        assert f'href="notebooks/{path.stem}.html"' in index, f"front page lacks {path.stem}"


def test_pages_link_previous_and_next_in_sequence(site):
    order = ["index"] + [f"notebooks/{p.stem}" for p in NOTEBOOKS]
    for i, name in enumerate(order[1:], start=1):
        html = (site / f"{name}.html").read_text(encoding="utf-8")
        prev = order[i - 1].split("/")[-1]
        assert re.search(rf'class="left-prev"[^>]*href="[^"]*{prev}\.html"|'
                         rf'href="[^"]*{prev}\.html"[^>]*class="left-prev"', html), name
        if i + 1 < len(order):
            nxt = order[i + 1].split("/")[-1]
            assert re.search(rf'class="right-next"[^>]*href="[^"]*{nxt}\.html"|'
                             rf'href="[^"]*{nxt}\.html"[^>]*class="right-next"', html), name


def solution_runs(path):
    """How many toggles the page should have: one per run of consecutive solution cells
    (an exercise's prose and code)."""
    cells = nbformat.read(path, as_version=4).cells
    flags = ["solution" in c.metadata.get("tags", []) for c in cells]
    return sum(f and (i == 0 or not flags[i - 1]) for i, f in enumerate(flags))


def test_solutions_are_collapsed_not_removed(site):
    for path in NOTEBOOKS:
        html = (site / "notebooks" / f"{path.stem}.html").read_text(encoding="utf-8")
        text = unescape(re.sub(r"<[^>]+>", "", html))
        for cell in solution_cells(path):
            if cell.cell_type == "code":
                first = next(line for line in cell.source.splitlines() if line.strip())
                assert first in text, f"{path.name}: solution code missing from the page"
        n_code = sum(c.cell_type == "code" for c in solution_cells(path))
        assert html.count('<details class="solution">') == solution_runs(path), path.name
        assert html.count("<details") == html.count("</details>"), path.name
        assert len(re.findall(r'class="cell tag_solution[^"]*"', html)) == n_code, path.name
        assert "tag_hide-cell" not in html, "a second toggle inside the solution's own"
        assert "<details open" not in html, path.name


def test_one_toggle_holds_an_exercises_prose_and_code():
    path = next(p for p in NOTEBOOKS if solution_runs(p) and any(
        c.cell_type == "code" for c in solution_cells(p)))
    web = build_site.web_version(nbformat.read(path, as_version=4))
    sources = [c.source for c in web.cells]
    opened = [i for i, src in enumerate(sources) if src.startswith('<details class="solution">')]
    closed = [i for i, src in enumerate(sources) if src.strip() == "</details>"]
    assert len(opened) == len(closed) == solution_runs(path)
    for a, b in zip(opened, closed):
        assert a < b and all("solution" in web.cells[k].metadata.get("tags", [])
                             for k in range(a, b + 1))
    assert any(web.cells[k].cell_type == "code" for a, b in zip(opened, closed)
               for k in range(a, b)), "code stands inside a toggle"


def test_a_widget_is_named_not_shown_as_its_repr():
    widget = {"output_type": "display_data", "metadata": {}, "data": {
        "text/plain": "interactive(children=(FloatSlider(value=1.0),))",
        "application/vnd.jupyter.widget-view+json": {"model_id": "x", "version_major": 2,
                                                     "version_minor": 0}}}
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("w()", outputs=[widget])])
    [out] = build_site.web_version(nb).cells[0].outputs
    assert out["data"] == {"text/plain": build_site.WIDGET_NOTE}


# --- in the browser -------------------------------------------------------------------------

def test_front_page_in_browser(chromium, server):
    page = chromium.open(server + "index.html")
    try:
        check_clean_load(page, server)
        assert page.evaluate("!!document.querySelector('form.bd-search input[name=q]')"), \
            "the theme's search box"
        page.screenshot(ARTIFACTS / "site-index.png")
    finally:
        page.close()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_notebook_page_in_browser(chromium, server, path):
    page = chromium.open(server + f"notebooks/{path.stem}.html")
    try:
        images = check_clean_load(page, server)
        nb = nbformat.read(path, as_version=4)
        n_figures = sum("image/png" in o.get("data", {}) for c in nb.cells
                        for o in c.get("outputs", []) if c.cell_type == "code")
        assert len(images) >= n_figures, "every stored figure is on the page"
        # solutions: present, and closed until the reader opens them
        state = page.evaluate("""Array.from(document.querySelectorAll('details.solution'))
            .map(d => d.open)""")
        assert len(state) == solution_runs(path) and not any(state)
        assert page.evaluate("""Array.from(document.querySelectorAll('.cell.tag_solution'))
            .every(c => c.closest('details.solution') && !c.checkVisibility())"""), \
            "every solution's code is inside a closed toggle"
        # Hebrew: laid out right-to-left wherever it stands
        assert page.evaluate(browser.HEBREW_LAYOUT_JS + "(document.querySelector('article'))") == []
        if any(HEBREW.search(c.source) for c in nb.cells if c.cell_type == "markdown"):
            assert page.evaluate("document.querySelectorAll('span.he').length") > 0
        if path == NOTEBOOKS[0]:
            page.screenshot(ARTIFACTS / f"site-{path.stem}.png")
        target = "document.querySelector('article blockquote .he, article .rtl, article .he')"
        if not SHOT["hebrew"] and page.evaluate(f"!!{target}"):
            page.evaluate(f"{target}.scrollIntoView({{block: 'center'}})")
            page.screenshot(ARTIFACTS / "site-hebrew.png")  # the first Hebrew quote, in view
            SHOT["hebrew"] = True
    finally:
        page.close()


def test_search_finds_a_notebook(chromium, server):
    if not NOTEBOOKS:
        pytest.skip("no notebooks yet")
    page = chromium.open(server + "search.html?q=objectives")
    try:
        check_clean_load(page, server)
        hits = page.wait_for("""Array.from(document.querySelectorAll('#search-results li a'))
                                .map(a => a.getAttribute('href'))""")
        assert any("notebooks/" in h for h in hits or []), hits
    finally:
        page.close()
