"""Every slide deck in headless Chromium (one browser for the module): at 1920×1080 and at
1280×720, step through every slide with the ArrowRight key, as a clicker does (reveal.js's
own key handling, not Reveal.slide), and measure each slide: its content fits (no taller
than the slide, nothing beyond its right edge, nothing cut inside it, no word of a table
broken across lines), the steps reach every
slide (Reveal.getTotalSlides()), each slide with content has speaker notes, Hebrew is marked
and laid out right to left, nothing is requested from the network. Then ``?print-pdf``
prints one slide a page. Screenshots of each deck's first slide with Hebrew are kept in
build/test-artifacts/slides-*.png."""

from __future__ import annotations

import pytest

import browser
from conftest import ROOT
from slides_build import DECKS, built

ARTIFACTS = ROOT / "build" / "test-artifacts"
SCREENS = {"1920x1080": (1920, 1080), "1280x720": (1280, 720)}

# The present slide, measured in its own (unscaled) pixels against the deck's slide size.
MEASURE = r"""(() => {
  const s = Reveal.getCurrentSlide(), c = Reveal.getConfig(), k = Reveal.getScale();
  const box = s.querySelector('.box') || s, r = s.getBoundingClientRect(), bad = [];
  if (s.scrollHeight > c.height + 1) bad.push('taller than the slide: ' + s.scrollHeight + ' > ' + c.height);
  if (box.scrollHeight > box.clientHeight + 1) bad.push('content ' + box.scrollHeight + ' px in ' + box.clientHeight);
  if (box.scrollWidth > box.clientWidth + 1) bad.push('content wider than the slide: ' + box.scrollWidth);
  for (const el of s.querySelectorAll('*')) {
    if (el.closest('aside.notes')) continue;
    const q = el.getBoundingClientRect();
    if (!q.width && !q.height) continue;
    if (q.right > r.left + c.width * k + 1 || q.left < r.left - 1 || q.bottom > r.top + c.height * k + 1) {
      bad.push('outside the slide: <' + el.tagName.toLowerCase() + '> ' + el.textContent.trim().slice(0, 40));
      break;
    }
    if (getComputedStyle(el).overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1) {
      bad.push('cut at the right: <' + el.tagName.toLowerCase() + '>');
      break;
    }
  }
  // a word of a table cell broken across two lines (a break after _, / or a dash is fine)
  words: for (const cell of s.querySelectorAll('.table td, .table th')) {
    const w = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    while (w.nextNode()) {
      const t = w.currentNode, word = /[^\s_\/\-–—]+/g;
      for (let m; (m = word.exec(t.data));) {
        const range = document.createRange();
        range.setStart(t, m.index); range.setEnd(t, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].filter(q => q.width > 0).map(q => Math.round(q.top)));
        if (tops.size > 1) { bad.push('a word broken across lines: ' + m[0]); break words; }
      }
    }
  }
  const body = s.querySelector('.body'), notes = s.querySelector('aside.notes');
  return {h: Reveal.getIndices().h, v: Reveal.getIndices().v || 0, bad,
          title: (s.querySelector('h1, h2') || {textContent: ''}).textContent.trim(),
          content: !!body && (body.textContent.trim() !== '' || !!body.querySelector('img')),
          notes: !!notes && notes.textContent.trim().length > 0};
})()"""

# Hebrew text under ``root`` outside a lang="he" element (the marking of
# helpers.hebrew.mark_html on the slides, of the deck's own script in reveal's live region).
UNMARKED_JS = r"""(root => {
  const w = document.createTreeWalker(document.querySelector(root), NodeFilter.SHOW_TEXT), bad = [];
  while (w.nextNode()) {
    const t = w.currentNode;
    if (/[\u0590-\u05ff]/.test(t.data) && !t.parentElement.closest('[lang="he"]')) bad.push(t.data.trim().slice(0, 50));
  }
  return bad;
})"""
# What reveal.js's live region reads out for the present slide, and whether it holds Hebrew.
STATUS_JS = r"""(() => { const s = document.querySelector('.reveal .aria-status');
  return {text: s.textContent, hebrew: /[\u0590-\u05ff]/.test(s.textContent)}; })()"""


@pytest.fixture(scope="module")
def decks():
    return built()


def open_deck(chromium, url, screen):
    page = chromium.open(url, settle=0.2)
    page.set_viewport(*screen)
    page.evaluate("Reveal.layout()")
    assert page.wait_for("typeof Reveal !== 'undefined' && Reveal.isReady()"), "reveal.js"
    return page


@pytest.mark.parametrize("deck", DECKS)
def test_every_slide_fits_when_stepped_through_with_the_arrow_key(chromium, decks, deck):
    """At each screen size in turn (the deck laid out again for it, back on its first slide)."""
    page = open_deck(chromium, (decks / deck).as_uri(), SCREENS["1920x1080"])
    problems = []
    for screen, size in SCREENS.items():
        page.set_viewport(*size)
        page.evaluate("Reveal.layout(); Reveal.slide(0)")
        problems += [f"{screen}: {p}" for p in stepped_through(page)]
    assert problems == [], "\n".join(problems)
    assert page.evaluate(UNMARKED_JS + "('.reveal .slides')") == []
    # the slides themselves (reveal's offscreen .aria-status is checked below)
    assert page.evaluate(browser.HEBREW_LAYOUT_JS + "(document.querySelector('.reveal .slides'))") == []
    assert page.external_requests(allowed=()) == []
    assert page.failures == [] and page.errors == []
    page.set_viewport(*SCREENS["1920x1080"])
    index = page.evaluate(r"""Reveal.getSlides().findIndex(s =>
        /[\u0590-\u05ff]/.test(s.querySelector('.box').textContent))""")
    page.evaluate(f"Reveal.slide({max(index, 1)})")  # to take the picture
    if index >= 0:  # what a screen reader is given to read out is marked as the slide is
        status = page.evaluate(STATUS_JS)
        assert status["hebrew"], status["text"]
        assert page.evaluate(UNMARKED_JS + "('.reveal .aria-status')") == []
    page.screenshot(ARTIFACTS / f"slides-{deck.replace('.slides.html', '')}.png")
    page.close()


def stepped_through(page) -> list[str]:
    """Step from the first slide to the last with ArrowRight and one press more; what does
    not fit on each slide, or lacks notes. Fails if the steps skip a slide or move on."""
    total = page.evaluate("Reveal.getTotalSlides()")
    assert total >= 3
    assert page.evaluate("Reveal.getIndices().h") == 0
    seen, problems = [], []
    for step in range(total + 1):  # one press more than needed: the last slide stays last
        if step:
            page.press("ArrowRight")
        m = page.evaluate(MEASURE)
        if step == total:
            assert m["h"] == total - 1, "a step beyond the last slide moved"
            break
        seen.append(m["h"])
        problems += [f"slide {m['h'] + 1} ({m['title'][:50]}): {b}" for b in m["bad"]]
        if m["content"] and not m["notes"]:
            problems.append(f"slide {m['h'] + 1} ({m['title'][:50]}): no speaker notes")
        assert m["v"] == 0, "a vertical slide"
    assert seen == list(range(total)), "the arrow key did not reach every slide in order"
    return problems


@pytest.mark.parametrize("deck", DECKS)
def test_print_pdf_gives_one_page_a_slide(chromium, decks, deck, tmp_path):
    page = open_deck(chromium, (decks / deck).as_uri() + "?print-pdf", (1280, 720))
    assert page.wait_for("document.querySelectorAll('.pdf-page').length > 0"), "no print layout"
    total = page.evaluate("Reveal.getTotalSlides()")
    assert page.evaluate("document.querySelectorAll('.pdf-page').length") == total
    pdf = page.print_pdf(tmp_path / "deck.pdf")
    assert browser.pdf_page_count(pdf) == total
    assert page.external_requests(allowed=()) == [] and page.errors == []
    page.close()


def test_index_and_notes_pages_open(chromium, decks):
    page = chromium.open((decks / "index.html").as_uri())
    links = page.evaluate("[...document.querySelectorAll('a')].map(a => a.getAttribute('href'))")
    assert set(DECKS) <= set(links)
    assert {d.replace(".slides.html", ".notes.html") for d in DECKS} <= set(links)
    page.navigate((decks / DECKS[1].replace(".slides.html", ".notes.html")).as_uri())
    assert page.evaluate("document.querySelectorAll('.slide').length") >= 3
    assert "Point at:" in page.evaluate("document.body.textContent")
    assert page.evaluate(browser.HEBREW_LAYOUT_JS + "(document.body)") == []
    assert page.external_requests(allowed=()) == [] and page.errors == []
    page.close()
