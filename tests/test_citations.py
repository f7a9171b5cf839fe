"""Citations read back from text, and captions made from the rows a figure draws
(helpers.sources: citations, cite_rows, pages_of, note_positions)."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from helpers import argument, data, sources


@pytest.mark.parametrize("text,pages,notes,runs", [
    ("(p. 63)", {63}, set(), ((63, 63),)),
    ("(pp. 62–63, 66, n. 26)", {62, 63, 66}, {26}, ((62, 63), (66, 66))),
    ("p. 62, n. 2, n. 6", {62}, {2, 6}, ((62, 62),)),
    ("p. 64, nn. 11–13", {64}, {11, 12, 13}, ((64, 64),)),
    ("(p.\xa065,\nn.\xa017)", {65}, {17}, ((65, 65),)),  # a wrapped figure label
    ("pp. 66–67, n. 29–30", {66, 67}, {29, 30}, ((66, 67),)),
])
def test_citations_read_pages_notes_and_runs(text, pages, notes, runs):
    [c] = sources.citations(text)
    assert (set(c.pages), set(c.notes), c.runs) == (pages, notes, runs)
    assert text[c.start:c.end].startswith("p")


def test_citations_leave_other_numbers_alone():
    assert sources.citations("In 2009 (May), 1.6 billion; 40% of p.m. oil") == []
    found = sources.citations("the visit (p. 62), in May 2009, and the remark (p. 66, n. 26)")
    assert [sorted(c.pages) for c in found] == [[62], [66]]


def test_cite_reads_runs_of_notes_and_refuses_what_is_not_a_citation():
    assert sources.cite("p. 64, nn. 11–12") == "Lindenstrauss 2015, p. 64, nn. 11–12"
    with pytest.raises(ValueError, match="note 45 is outside"):
        sources.cite("p. 64, nn. 11–45")
    with pytest.raises(ValueError, match="not a citation"):
        sources.cite("p. 64, see the map")


def test_cite_rows_joins_pages_and_keeps_notes():
    rows = pd.DataFrame({"page": [62, 63, 66, 65, 64, None], "note": [None, None, 26, 17, None, 3]})
    assert sources.cite_rows(rows) == \
        "Lindenstrauss 2015, pp. 62–64; p. 65, n. 17; p. 66, n. 26"
    assert sources.cite(rows) == sources.cite_rows(rows)
    assert sources.cite(rows, notes=False) == "Lindenstrauss 2015, pp. 62–66"
    assert sources.cite_rows(rows.iloc[[0, 2]], notes=False) == "Lindenstrauss 2015, pp. 62, 66"


def test_cite_rows_follows_the_data():
    displacement = data.load("displacement")
    assert sources.cite(displacement) == sources.cite(int(displacement["page"].iloc[0]),
                                                      int(displacement["note"].iloc[0]))
    moved = displacement.assign(page=displacement["page"] + 1)
    assert sources.cite(moved) != sources.cite(displacement)


def test_cite_rows_reads_graphs():
    g = argument.load_graph()
    pages = {int(d["page"]) for d in [d for _, d in g.nodes(data=True)]
             + [d for *_, d in g.edges(data=True)] if not pd.isna(d.get("page"))}
    [c] = sources.citations(sources.cite(g, notes=False))
    assert set(c.pages) >= pages and (c.runs[0][0], c.runs[-1][1]) == (min(pages), max(pages))
    small = nx.Graph()
    small.add_edge("IL", "AZ", page=65, note=21)
    assert sources.cite(small) == "Lindenstrauss 2015, p. 65, n. 21"


def test_cite_rows_refuses_rows_without_pages():
    with pytest.raises(ValueError, match="none of the rows"):
        sources.cite_rows(pd.DataFrame({"page": [None], "note": [None]}))
    with pytest.raises(ValueError, match="no 'page' column"):
        sources.cite_rows(pd.DataFrame({"x": [1]}))
    with pytest.raises(ValueError, match="page 70 is outside"):
        sources.cite_rows(pd.DataFrame({"page": [70]}))
    with pytest.raises(ValueError, match="takes the notes from the rows"):
        sources.cite(pd.DataFrame({"page": [63]}), 9)


def test_every_note_stands_once_in_the_article(article_pages):
    where = sources.note_pages(article_pages)
    assert sorted(where) == list(range(1, sources.LAST_NOTE + 1))
    assert list(where.values()) == sorted(where.values()), "notes run in page order"
    assert where[1] == 61 and where[40] == 67 and where[44] == 68
    positions = sources.note_positions(article_pages)
    order = sorted(positions, key=lambda n: positions[n])
    assert order == sorted(order), "notes stand in their numbering order"


def test_a_note_glued_to_a_number_is_not_read_into_it():
    pages = {61: "בשווי 1.6 מיליארד והשטח.1 ועוד", 62: "ללא מקורות נפט בשנת 2.2025 השלטונות"}
    for n in range(3, sources.LAST_NOTE + 1):
        pages[62] += f" מילה.{n}"
    assert sources.note_pages(pages)[1] == 61  # "1.6" holds no note 6 or 1
    assert sources.note_pages(pages)[2] == 62  # "2.2025": note 2 before the year 2025
