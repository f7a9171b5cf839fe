"""The data's provenance test, extended to the notebooks' prose: every «Hebrew quote» in a
markdown cell stands in the article on the page cited with it, and every note cited in prose
("p. 62, n. 5") stands on the page cited with it.

Which citation goes with a quote: the first page citation after the quote in the same
paragraph ("«...» — paraphrase (p. 62)"), or else the last one before it in the paragraph
(the heading of an "> **The article (p. 63).**" block). Quotes are matched after the folding
rules of the reading guide (helpers.sources.fold); one that runs over a page break stands on
both pages. Skips where ../shared/source is absent.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import nbformat
import pytest

from conftest import NOTEBOOKS
from helpers import sources

IDS = [p.name for p in NOTEBOOKS]
QUOTE = re.compile(r"«(.+?)»", re.S)


class ProseQuote(NamedTuple):
    cell: str
    quote: str
    cited: frozenset[int] | None  # the pages of the citation that goes with it
    citation: str


def paragraphs(source: str) -> list[str]:
    """A markdown cell's paragraphs, with the '> ' of block quotes taken off each line."""
    text = re.sub(r"(?m)^>[ \t]?", "", source)
    return re.split(r"\n[ \t]*\n", text)


def prose_quotes(path) -> list[ProseQuote]:
    out = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "markdown":
            continue
        for para in paragraphs(cell.source):
            cites = sources.citations(para)
            for m in QUOTE.finditer(para):
                after = [c for c in cites if c.start >= m.end()]
                before = [c for c in cites if c.end <= m.start()]
                c = after[0] if after else before[-1] if before else None
                out.append(ProseQuote(cell.id, m[1], c.pages if c else None,
                                      para[c.start:c.end] if c else ""))
    return out


def quote_pages(quote: str, pages: dict[int, str]) -> set[int]:
    """Every page a quote stands on, both pages for one that runs over a page break."""
    q = sources.fold(quote)
    found = {p for p, text in pages.items() if q in text}
    for p in sorted(pages):
        if p + 1 in pages:
            joined = pages[p] + " " + pages[p + 1]
            i = joined.find(q)
            if 0 <= i < len(pages[p]) < i + len(q):
                found |= {p, p + 1}
    return found


QUOTES = {p.name: prose_quotes(p) for p in NOTEBOOKS}


def test_the_prose_quotes_the_article_often():
    assert sum(len(q) for q in QUOTES.values()) > 80
    assert all(QUOTES[p.name] for p in NOTEBOOKS), "every notebook quotes the article"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_prose_quote_comes_with_a_page(path):
    for q in QUOTES[path.name]:
        assert q.cited, f"cell {q.cell}: «{q.quote}» has no page cited in its paragraph"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_prose_quote_is_on_the_page_cited_with_it(path, article_pages):
    for q in QUOTES[path.name]:
        found = quote_pages(q.quote, article_pages)
        assert found, f"cell {q.cell}: «{q.quote}» is not in the article"
        assert q.cited and found & q.cited, \
            f"cell {q.cell}: «{q.quote}» stands on p. {sorted(found)}, not at {q.citation!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_prose_quotes_are_short(path):
    for q in QUOTES[path.name]:
        assert len(q.quote.split()) <= 20, f"cell {q.cell}: a quote is a sentence at most"


def prose_citations(path):
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown":
            for c in sources.citations(cell.source):
                yield cell.id, cell.source[c.start:c.end], c


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notes_cited_in_prose_stand_on_the_pages_cited(path, article_pages):
    where = sources.note_pages(article_pages)
    for cell, text, c in prose_citations(path):
        for n in c.notes:
            assert where[n] in c.pages, f"cell {cell}: {text!r}: note {n} is on p. {where[n]}"


def test_a_moved_page_or_a_changed_word_is_caught(article_pages):
    """The rules are not vacuous: the same paragraph with its page moved to the next page,
    or with one word of its quote changed, no longer passes."""
    para = "> «בשנת 1993 פתחה ישראל שגרירות בבאקו» — in 1993 Israel opened an embassy (p. 62)."
    [q] = [ProseQuote("x", m[1], c.pages, "")
           for p in paragraphs(para) for m in QUOTE.finditer(p)
           for c in sources.citations(p)]
    assert quote_pages(q.quote, article_pages) & q.cited
    assert not quote_pages(q.quote, article_pages) & frozenset({63})
    assert not quote_pages(q.quote.replace("1993", "1994"), article_pages)
