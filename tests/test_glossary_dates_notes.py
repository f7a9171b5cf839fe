"""What the article says, what we add, and where a note stands (issue 11):

- the glossary's explanations say only what the article says, each citing the pages it rests
  on (their years and their Hebrew words stand on those pages); whatever an entry adds from
  outside the article stands apart in ``outside_en``, with its source;
- where the outside sources disagree with each other on a date (the days of Peres's visit),
  both datings are kept, each with its source, and the notebooks show both;
- a row whose sentence runs over a page break ends, with its note, on the next page: the
  citations the collection prints for it (arms.csv, the iceberg of notebook 01) name that page.
"""

from __future__ import annotations

import re

import nbformat
import pandas as pd
import pytest

from conftest import NOTEBOOKS, ROOT
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


# --- the days of Peres's visit: two datings, each with its source -----------------------------

def test_both_datings_of_the_peres_visit_are_kept_with_their_sources():
    peres = data.load("visits").set_index("id").loc["peres_2009"]
    assert (peres["date"].year, peres["date"].month) == (2009, 5)  # the article's
    assert (peres["checked_date"].day, peres["checked_date_end"].day) == (28, 29)
    assert "Jerusalem Post" in peres["checked_source"] and "EurasiaNet" in peres["checked_source"]
    assert (peres["alt_checked_date"].day, peres["alt_checked_date_end"].day) == (29, 30)
    assert "09BAKU527" in peres["alt_checked_source"]
    assert "09BAKU527" not in peres["checked_source"], \
        "the cable gives the other dating: it is not a source of checked_date"


def test_a_second_dating_has_its_source_and_differs_from_the_first():
    v = data.load("visits")
    alt = v[v["alt_checked_date"].notna()]
    assert len(alt) >= 1
    assert alt["alt_checked_source"].notna().all()
    assert (alt["alt_checked_date"] != alt["checked_date"]).all()


def test_the_datings_are_those_of_the_facts_list():
    facts = ROOT.parent / "shared" / "facts" / "README.md"
    if not facts.is_file():
        pytest.skip("the checked facts (../shared/facts) are not beside the project")
    text = re.sub(r"\s+", " ", facts.read_text(encoding="utf-8"))
    peres = data.load("visits").set_index("id").loc["peres_2009"]
    cable = f"{peres['alt_checked_date'].day}–{peres['alt_checked_date_end'].day} June 2009"
    press = f"{peres['checked_date'].day}–{peres['checked_date_end'].day} June"
    assert f"09BAKU527 puts the Peres visit at {cable}" in text
    assert f"the *Jerusalem Post* and EurasiaNet at {press}" in text


def _markdown(notebook: str, *ids: str) -> str:
    [path] = [p for p in NOTEBOOKS if p.name.startswith(notebook)]
    cells = {c.id: c for c in nbformat.read(path, as_version=4).cells}
    return re.sub(r"\s+", " ", " ".join(cells[i].source for i in ids))


@pytest.mark.parametrize("notebook,ids,datings", [
    ("00", ("cell-013",), ("28–29 June", "29–30 June")),
    ("01", ("cell-014", "cell-028"), ("28–29 June", "29–30 June")),
    ("04", ("cell-035",), ("(28 June)", "(29 June)")),
], ids=["nb00", "nb01", "nb04-ex1"])
def test_the_notebooks_show_that_the_sources_differ_by_a_day(notebook, ids, datings):
    text = _markdown(notebook, *ids)
    for dating in datings:
        assert dating in text, f"notebook {notebook}: {dating!r}, one of the two datings"


def test_eurasianet_gives_only_the_start_of_the_visit():
    """EurasiaNet (3 June 2009) announced the start for 28 June; the end, 29 June, is the
    Jerusalem Post's. Where the collection spells the 28–29 June dating out, it says so."""
    said = "announced the start for 28 June"
    visits = data.load("visits").set_index("id").loc["peres_2009"]
    timeline = data.load("relations_timeline").set_index("id").loc["peres_2009"]
    peres = GLOSSARY.set_index("id").loc["peres"]
    texts = {"visits.csv": visits["remark"], "relations_timeline.csv": timeline["remark"],
             "glossary.csv": peres["outside_en"], "nb00 cell-013": _markdown("00", "cell-013"),
             "visits description": data.resource("visits")["description"]}
    for where, text in texts.items():
        assert said in re.sub(r"\s+", " ", text), f"{where}: EurasiaNet gave only the start"
        assert not re.search(r"Jerusalem Post\*? and EurasiaNet", text), where


def test_the_date_check_shows_both_datings():
    check = figures01.date_check_frame(data.load("visits"), data.load("relations_timeline"),
                                 ids=["peres_2009", "iran_wrong_step_2009"])
    assert list(check["id"]) == ["peres_2009", "iran_wrong_step_2009"]
    peres = check.iloc[0]
    assert peres["checked_start"] != peres["alt_start"]
    assert not peres["agrees"] and not peres["alt_agrees"]  # June either way, not May
    assert pd.isna(check.iloc[1]["alt_start"])
    ax = figures01.draw_date_check(check, title="t", source="Source: x.", article_label="a",
                                   checked_label="c", alt_label="other")
    assert [" ".join(t.get_text().split()) for t in ax.get_yticklabels()].count("peres_2009: other") == 1


# --- a note that ends its sentence on the next page --------------------------------------------

ARMS = data.load("arms")
NOTED_ARMS = [pytest.param(r, id=r["id"]) for _, r in ARMS.iterrows() if not pd.isna(r["note"])]


@pytest.mark.parametrize("row", NOTED_ARMS)
def test_an_arms_rows_citation_names_the_page_its_note_stands_on(row, article_pages):
    where = sources.note_pages(article_pages)[int(row["note"])]
    citation = figures01.cited_table(ARMS).set_index("id").loc[row["id"], "cite"]
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


def test_the_glossary_gives_liebermans_reply_as_the_article_does():
    """«ובתגובה אמר גם» (p. 65): the article says he replied; 'sarcasm' is a reading, and the
    explanation gives only the article's words."""
    text = GLOSSARY.set_index("id").loc["lieberman", "explanation_en"]
    assert "said in response that" in text and "sarcas" not in text
