"""Every Hebrew run on the site is marked as Hebrew: it sits under an element with
``lang="he"`` and ``dir="rtl"`` (helpers/hebrew.py, mark_html), in prose, headings,
quotes, tables and cell outputs alike, so a screen reader reads it with a Hebrew voice.
(tests/test_site.py checks in the browser that it is laid out right to left.)"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

import build_site
from helpers import hebrew
import site_build

pytestmark = pytest.mark.site
HEBREW = re.compile(r"[\u0590-\u05ff\ufb1d-\ufb4f]")
VOID = hebrew.VOID


class Unmarked(HTMLParser):
    """Text with Hebrew letters that has no ancestor with lang="he" and dir="rtl"."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.found, self.marked = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        a = dict(attrs)
        he = bool(self.stack and self.stack[-1][1]) or (a.get("lang") == "he" and a.get("dir") == "rtl")
        self.stack.append((tag, he))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if not HEBREW.search(data):
            return
        if self.stack and self.stack[-1][0] in ("script", "style", "title"):
            return
        if self.stack and self.stack[-1][1]:
            self.marked += 1
        else:
            self.found.append(data.strip()[:60])


def unmarked(html: str) -> Unmarked:
    parser = Unmarked()
    parser.feed(html)
    return parser


def test_every_hebrew_run_on_the_site_is_marked_hebrew_right_to_left(each_site):
    marked = 0
    for page in site_build.pages(each_site):
        result = unmarked(page.read_text(encoding="utf-8"))
        assert result.found == [], f"{page.relative_to(each_site)}: Hebrew without lang/dir"
        marked += result.marked
    assert marked > 100, "the article's quotes are on the site"


@pytest.mark.parametrize("html", [
    "<p>The word «שלום» here</p>",
    "<table><tr><td>ישראל</td></tr></table>",
    "<pre><span class=\"s2\">\"אזרבייג'ן\"</span></pre>",
    "<p>«<span class=\"he\">היחסים בין ישראל</span>» and <em>עוד</em></p>",
])
def test_marking_covers_prose_tables_and_code(html):
    assert unmarked(html).found, "the check sees the unmarked run"
    done = hebrew.mark_html(html)
    assert unmarked(done).found == [] and unmarked(done).marked >= 1, done
    assert hebrew.mark_html(done) == done, "marking twice changes nothing"


def test_english_and_script_text_are_left_alone():
    html = "<p>No Hebrew here</p><script>var s = 'שלום';</script>"
    assert hebrew.mark_html(html) == html


def test_finishing_a_finished_page_changes_nothing():
    page = (site_build.built() / "notebooks" / "01_background.html").read_text(encoding="utf-8")
    assert build_site.finish_page(page) == page
