"""Accessibility of the site in headless Chromium: axe-core finds no violation on any page
at 1280 px and at 390 px wide, no page scrolls sideways at 390 px, and every toggle is reached
with Tab, opens and closes with Enter and Space, and shows where the focus is.

axe-core is the vendored copy in tools/vendor/axe-core/ (injected into each page, so nothing
is fetched). The instructor's site (make book) here, each page checked at both widths in one
tab; the student's (make book-student) in tests/test_site_a11y_student.py, so that
the two run side by side. Needs the Debian package chromium; without it these tests skip.
"""

from __future__ import annotations

import re

import pytest

import site_build
from conftest import NOTEBOOKS, ROOT

pytestmark = pytest.mark.site
AXE_DIR = ROOT / "tools" / "vendor" / "axe-core"
AXE, PAGES, open_at = site_build.AXE, site_build.PAGES, site_build.open_at


def test_axe_is_vendored_at_the_version_its_readme_names():
    banner = AXE.read_text(encoding="utf-8")[:200]
    version = re.search(r"axe v(\d+\.\d+\.\d+)", banner)[1]
    readme = (AXE_DIR / "README.md").read_text(encoding="utf-8")
    assert readme.startswith(f"# axe-core {version} "), "README and script disagree"
    assert f"axe-core@{version}" in readme
    assert "Mozilla Public License" in (AXE_DIR / "LICENSE").read_text(encoding="utf-8")


def _serve(student):
    site = site_build.built(student=student)
    assert {p.relative_to(site).as_posix() for p in site_build.pages(site)} == set(PAGES), \
        "the pages checked here are all the pages of the site"
    return site_build.serve(site)


@pytest.fixture(scope="module")
def server():
    with _serve(False) as url:
        yield url


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_violation_at_either_width_and_nothing_scrolls_sideways(chromium, server,
                                                                            name):
    """The instructor's site, each page checked at 1280 px, then loaded again at 390 px in the
    same tab (the student's site: tests/test_site_a11y_student.py)."""
    page = open_at(chromium, server + name, "desktop")
    try:
        assert site_build.axe_violations(page) == [], f"{name} at 1280 px"
        assert site_build.scrolls_sideways(page, "desktop") is None, name
        site_build.reopen_at(chromium, page, server + name, "phone")
        assert site_build.axe_violations(page) == [], f"{name} at 390 px"
        assert site_build.scrolls_sideways(page, "phone") is None, name
        assert page.errors == [] and page.failures == []
    finally:
        page.close()


def test_axe_sees_what_it_should(chromium, server):
    """The check can fail: a page given an image without alt and an empty table header."""
    page = open_at(chromium, server + PAGES[-1], "desktop")
    try:
        page.evaluate("""document.querySelector('article').insertAdjacentHTML('beforeend',
            '<img src="x.png"><table><tr><th></th><th>a</th></tr><tr><td>1</td><td>2</td></tr></table>')""")
        found = " ".join(site_build.axe_violations(page))
        assert "image-alt" in found and "empty-table-header" in found
        site_build.reopen_at(chromium, page, server + PAGES[-1], "phone")
        assert site_build.scrolls_sideways(page, "phone") is None
        page.evaluate("""document.body.insertAdjacentHTML('beforeend',
            '<div style="width: 1000px">wide</div>')""")
        assert "scrolls sideways at 390 px" in site_build.scrolls_sideways(page, "phone")
    finally:
        page.close()


# --- keyboard ------------------------------------------------------------------------------

KEYS = {"Tab": (9, ""), "Enter": (13, "\r"), " ": (32, " ")}


def press(chromium, page, key, shift=False):
    code, text = KEYS[key]
    base = {"key": key, "code": "Space" if key == " " else key, "windowsVirtualKeyCode": code,
            "modifiers": 8 if shift else 0}
    chromium.send("Input.dispatchKeyEvent", {**base, "type": "keyDown", "text": text},
                  session=page.session)
    chromium.send("Input.dispatchKeyEvent", {**base, "type": "keyUp"}, session=page.session)


FOCUSED = """(() => { const el = document.activeElement; if (!el || el === document.body) return null;
  const cs = getComputedStyle(el);
  return {key: el.dataset.azilKey || null, tag: el.tagName,
          outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0,
          ring: cs.boxShadow !== 'none'}; })()"""
TOGGLES = """(() => { let i = 0; const out = [];
  document.querySelectorAll('article summary, .bd-header-article button, .bd-header-article summary')
    .forEach(el => { if (!el.getClientRects().length) return; el.dataset.azilKey = 't' + (i++);
                     out.push(el.dataset.azilKey); });
  return out; })()"""


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_toggle_is_reached_by_tab_operated_by_enter_and_space_and_shows_focus(
        chromium, server, path):
    page = open_at(chromium, server + f"notebooks/{path.stem}.html", "desktop")
    try:
        toggles = page.evaluate(TOGGLES)
        n_summaries = page.evaluate("document.querySelectorAll('article summary').length")
        reached, unseen_focus = [], []
        for _ in range(3000):
            press(chromium, page, "Tab")
            f = page.evaluate(FOCUSED)
            if f is None:
                continue
            if f["key"] in reached:
                break  # round the page once
            if f["key"]:
                reached.append(f["key"])
                if not (f["outline"] or f["ring"]):
                    unseen_focus.append(f["key"])
                if f["tag"] == "SUMMARY":
                    is_open = "document.activeElement.parentElement.open"
                    assert page.evaluate(is_open) is False
                    press(chromium, page, "Enter")
                    assert page.evaluate(is_open) is True, "Enter opens a solution"
                    press(chromium, page, " ")
                    assert page.evaluate(is_open) is False, "Space closes it"
        assert set(toggles) - set(reached) == set(), "toggles Tab never reaches"
        assert unseen_focus == [], "toggles whose focus cannot be seen"
        if path.stem != "00_introduction" or n_summaries:
            assert len(reached) >= n_summaries
    finally:
        page.close()


def test_the_table_of_notebooks_reads_on_a_phone(chromium, server):
    """At 390 px each notebook is a card: its objectives take the whole width, and the table
    needs no sideways scrolling (at 1280 px it stays a table)."""
    measure = """(() => { const t = document.querySelector('#the-notebooks table');
      const box = t.closest('.pst-scrollable-table-container') || t.parentElement;
      const cells = Array.from(t.querySelectorAll('tbody tr td:nth-child(4)'));
      return {rows: cells.length, box: box.clientWidth, scroll: box.scrollWidth,
              narrowest: Math.min(...cells.map(c => c.getBoundingClientRect().width)),
              display: getComputedStyle(t.querySelector('tbody tr')).display}; })()"""
    page = open_at(chromium, server + "index.html", "phone")
    try:
        m = page.evaluate(measure)
        assert m["rows"] == len(NOTEBOOKS)
        assert m["scroll"] <= m["box"], "the table of notebooks scrolls sideways on a phone"
        assert m["narrowest"] >= 0.9 * m["box"], "objectives squeezed into a narrow column"
    finally:
        page.close()
    page = open_at(chromium, server + "index.html", "desktop")
    try:
        assert page.evaluate(measure)["display"] == "table-row"
    finally:
        page.close()
