"""What nbval skips in a figure (it does not compare images): every figure has a title and a
source caption, and the pages that its title, caption, legend and labels cite are pages of the
rows it draws, inside the article (pp. 61–69), with each cited note standing on a cited page.

The notebooks run in this process (tools/figures_run.py); each figure is read back from the
figure the cell showed, with the data the cell passed to its figure function.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import figures_run
from conftest import NOTEBOOKS
from helpers import data, sources

IDS = [p.name for p in NOTEBOOKS]

#: Maps draw geometry, not rows of the article: their captions name the page a map
#: illustrates, which is checked against the article's range and its notes only.
MAPS = {"draw_map", "draw_border_map"}


def _by_id(table: str, ids) -> pd.DataFrame:
    t = data.load(table)
    return t[t["id"].isin(list(ids))]


def _figures_rows(*ids):
    return lambda *args, **kwargs: [_by_id("figures", ids)]


def _matrix_pages(counts, pages, **_):
    """The pages (and notes) printed in the cells of an interests matrix: '64 n.13 · 65'."""
    rows = []
    for cell in pages.to_numpy().ravel():
        for m in re.finditer(r"\b(\d{2})\b(?: ×\d+)?(?: n\.(\d+))?", str(cell)):
            rows.append({"page": int(m[1]), "note": int(m[2]) if m[2] else None})
    return [pd.DataFrame(rows, columns=["page", "note"])]


def _precedent_rows(frame, **_):
    rel = _by_id("special_relationships", frame["relationship"])
    ends = _by_id("special_relationship_endings", frame["event"].dropna())
    lessons = rel[["lesson_page"]].rename(columns={"lesson_page": "page"})
    return [rel, lessons, ends]


#: Figure functions whose arguments do not carry the pages of the rows they draw: the rows,
#: found as the function finds them.
ROWS = {
    "draw_date_check": lambda check, **_: [_by_id("relations_timeline", check["id"])],
    "draw_interests": _matrix_pages,
    "draw_precedents": _precedent_rows,
    "draw_profiles": lambda *_, **__: [data.load("regime_indicators")],
    "draw_production": _figures_rows("oil_exhaustion_year"),
    "draw_implied_end": _figures_rows("oil_exhaustion_year"),
    "draw_oil_to_2025": _figures_rows("oil_exhaustion_year", "oil_peak_year"),
}


def data_pages(fig: figures_run.Drawn) -> dict[int, set[int]]:
    """The article's pages (with their notes) of the rows a figure draws."""
    rows = ROWS[fig.function](*fig.args, **fig.kwargs) if fig.function in ROWS else fig.data
    out: dict[int, set[int]] = {}
    for r in rows:
        if hasattr(r, "edges") or "page" in r:
            for page, notes in sources.pages_of(r).items():
                out.setdefault(page, set()).update(notes)
    return out


def cited(fig: figures_run.Drawn) -> list[tuple[str, sources.Citation]]:
    return [(text, c) for text in fig.titles + fig.captions + fig.texts
            for c in sources.citations(text)]


def _figures(path):
    drawn, _ = figures_run.run(path)
    return drawn


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_shown_figure_is_read_back_with_the_call_that_drew_it(path):
    drawn, shows = figures_run.run(path)
    assert [d.cell for d in drawn] == shows, "each plt.show() shows one figure"
    for d in drawn:
        assert d.function, f"cell {d.cell}: the figure was not drawn by a figure function"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_figure_has_a_title_and_a_source_caption(path):
    for fig in _figures(path):
        assert fig.titles, f"cell {fig.cell} ({fig.function}): the figure has no title"
        assert len(fig.captions) == 1, \
            f"cell {fig.cell} ({fig.function}): {len(fig.captions)} source captions, not one"
        assert len(fig.captions[0]) > len("Source: x."), f"cell {fig.cell}: an empty caption"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_figures_cite_only_pages_of_the_article(path):
    for fig in _figures(path):
        for text, c in cited(fig):
            assert c.pages <= set(range(sources.FIRST_PAGE, sources.LAST_PAGE + 1)), \
                f"cell {fig.cell}: {text!r} cites a page outside pp. 61–69"
            assert all(1 <= n <= sources.LAST_NOTE for n in c.notes), \
                f"cell {fig.cell}: {text!r} cites a note the article does not have"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_pages_a_figure_cites_are_pages_of_the_rows_it_draws(path):
    """A page cited alone, or the first and last page of a run ("pp. 62–65"), is a page of
    a row the figure draws: a caption or legend cannot cite p. 76, or p. 66, for p. 67."""
    for fig in _figures(path):
        if fig.function in MAPS:
            continue
        pages = data_pages(fig)
        article_cited = cited(fig)
        if not article_cited:
            continue
        assert pages, (f"cell {fig.cell}: {fig.function} cites the article but draws no row "
                       "with a page: name the rows it draws in ROWS")
        for text, c in article_cited:
            ends = {p for run in c.runs for p in run}
            assert ends <= set(pages), (
                f"cell {fig.cell} ({fig.function}): {text!r} cites p. "
                f"{sorted(ends - set(pages))}, which no row it draws stands on "
                f"(its rows: pp. {sorted(pages)})")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notes_a_figure_cites_stand_on_the_pages_it_cites(path, article_pages):
    """A cited note stands on a cited page, or is cited as a drawn row cites it (a row's
    sentence may run over a page break and end with its note on the next page:
    test_provenance checks the row)."""
    where = sources.note_pages(article_pages)
    for fig in _figures(path):
        drawn = data_pages(fig) if fig.function not in MAPS else {}
        for text, c in cited(fig):
            for n in c.notes:
                as_row = any(n in drawn.get(p, ()) for p in c.pages)
                assert where[n] in c.pages or as_row, \
                    f"cell {fig.cell}: {text!r}: note {n} stands on p. {where[n]}"
                if fig.function not in MAPS:
                    assert where[n] in drawn or as_row, \
                        f"cell {fig.cell}: {text!r}: note {n} is on no page the figure draws"


def test_the_checks_would_see_a_wrong_page():
    """The page test is not vacuous: a caption moved from p. 67 to p. 76 or to p. 66 breaks
    it, and the range test catches 76."""
    fig = figures_run.Drawn("x", "c", "draw_production", (), {}, ["t"],
                            [sources.caption(sources.cite(67, 40))], [])
    assert set(data_pages(fig)) == {67}
    for wrong in ("p. 76, n. 40", "p. 66, n. 40"):
        c = sources.citations(f"Source: Lindenstrauss 2015, {wrong}.")[0]
        assert not {p for run in c.runs for p in run} <= set(data_pages(fig))
