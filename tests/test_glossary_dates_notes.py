"""What the article says, what we add, and where a note stands (issue 11):

- the glossary's explanations say only what the article says, each citing the pages it rests
  on (their years and their Hebrew words stand on those pages); whatever an entry adds from
  outside the article stands apart in ``outside_en``, with its source;
- a row whose sentence runs over a page break ends, with its note, on the next page: the
  citations the collection prints for it (arms.csv, the iceberg of notebook 01) name that page.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers import data, sources
from helpers.figures import nb01 as figures01

GLOSSARY = data.load("glossary")
ROWS = [pytest.param(r, id=r["id"]) for _, r in GLOSSARY.iterrows()]


def _cited(text: str) -> tuple[set[int], set[int]]:
    cs = sources.citations(text)
    return ({p for c in cs for p in c.pages}, {n for c in cs for n in c.notes})


@pytest.mark.parametrize("row", ROWS)
def test_a_glossary_explanation_cites_the_pages_it_rests_on(row, article_pages):
    """An explanation drawn from the article cites it: the page where the term stands is
    among the pages it cites, each cited page is the article's, and each cited note stands
    on a cited page."""
    pages, notes = _cited(row["explanation_en"])
    assert pages, f"glossary {row['id']}: the explanation cites no page of the article"
    assert pages <= set(range(sources.FIRST_PAGE, sources.LAST_PAGE + 1)), row["id"]
    assert int(row["page"]) in pages, \
        f"glossary {row['id']}: the term's page (p. {row['page']}) is not among those cited"
    where = sources.note_pages(article_pages)
    for n in notes:
        assert where[n] in pages, \
            f"glossary {row['id']}: note {n} stands on p. {where[n]}, not on a cited page"


@pytest.mark.parametrize("row", ROWS)
def test_a_glossary_explanation_holds_nothing_from_outside_the_article(row, article_pages):
    """Every year an explanation names stands on a page it cites ("since 2003" does not: it
    belongs in outside_en), and every Hebrew phrase it quotes in «» stands on a cited page."""
    pages, _ = _cited(row["explanation_en"])
    text = " ".join(article_pages[p] for p in sorted(pages) if p in article_pages)
    for year in re.findall(r"\b(1[89]\d\d|20\d\d)\b(?!s)", row["explanation_en"]):
        assert year in text, (f"glossary {row['id']}: {year} is not on the pages the "
                              f"explanation cites: an outside fact goes in outside_en")
    for quote in re.findall(r"«([^»]+)»", row["explanation_en"]):
        found = sources.find_quote(quote, article_pages)
        assert set(found) & pages, f"glossary {row['id']}: «{quote}» is not on a cited page"


@pytest.mark.parametrize("row", ROWS)
def test_an_outside_fact_in_the_glossary_carries_its_source(row):
    has = {c: not pd.isna(row[c]) and str(row[c]).strip() != ""
           for c in ("outside_en", "outside_source", "outside_source_url")}
    assert has["outside_en"] == has["outside_source"], \
        f"glossary {row['id']}: outside_en and outside_source go together"
    assert has["outside_source"] or not has["outside_source_url"], row["id"]
    if has["outside_en"]:
        assert not sources.citations(row["outside_en"]), \
            f"glossary {row['id']}: outside_en cites the article; what it says is not the article's"


def test_the_glossary_gives_the_article_no_definition_it_does_not_give():
    """'Special relationships': the article names Iran, South Africa and Turkey (pp. 61, 68)
    and defines nothing; the periphery alliance is another idea (p. 66), defined only outside
    the article. The embargo is one reason among others («בין היתר», p. 63)."""
    g = GLOSSARY.set_index("id")
    special = g.loc["special_relations", "explanation_en"]
    assert all(name in special for name in ("Iran", "South Africa", "Turkey"))
    assert not re.search(r"periphery|non-Arab", special, re.I)
    assert not re.search(r"non-Arab", g.loc["periphery_alliance", "explanation_en"])
    assert not pd.isna(g.loc["periphery_alliance", "outside_source"])
    assert "בין היתר" in g.loc["embargo", "explanation_en"]


def test_the_glossary_descriptor_does_not_call_outside_facts_the_articles():
    desc = data.resource("glossary")["description"]
    assert "outside_en" in desc and "drawn from the article" not in desc


# --- a note that ends its sentence on the next page --------------------------------------------

ARMS = data.load("arms")
NOTED_ARMS = [pytest.param(r, id=r["id"]) for _, r in ARMS.iterrows() if not pd.isna(r["note"])]


@pytest.mark.parametrize("row", NOTED_ARMS)
def test_an_arms_rows_citation_names_the_page_its_note_stands_on(row, article_pages):
    where = sources.note_pages(article_pages)[int(row["note"])]
    citation = figures01.sentence_cites(ARMS)[row["id"]]
    [c] = sources.citations(citation)
    assert where in c.pages and int(row["page"]) in c.pages, \
        f"arms {row['id']}: {citation!r}, but note {row['note']} stands on p. {where}"
    if where != int(row["page"]):
        assert f"p. {where}" in str(row["remark"]) and f"note {int(row['note'])}" in \
            str(row["remark"]), f"arms {row['id']}: the remark says where the note stands"


def test_the_iceberg_cites_each_note_on_its_page(article_pages):
    where = sources.note_pages(article_pages)
    table = figures01.iceberg_table()
    for _, r in table[table["note"].notna()].iterrows():
        [c] = sources.citations(r["cite"])
        assert where[int(r["note"])] in c.pages, \
            f"iceberg {r['id']}: {r['cite']!r}, but note {r['note']} stands on p. {where[int(r['note'])]}"
    forces = table.set_index("id").loc["special_forces_training", "cite"]
    assert forces == "Lindenstrauss 2015, pp. 62–63, n. 7"
