"""helpers.interests (the interests matrix), its figure and the Karabakh figures of notebook 02,
and the geometry of helpers.maps they use."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from helpers import interests, load, maps
from helpers.figures import nb02


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_matrix_counts_every_row_once():
    table = load("interests")
    counts, pages = interests.interest_matrix(table)
    rows = table[(table["holder"] == "AZ") & (table["section"] == "azerbaijani_interests")]
    assert counts.to_numpy().sum() == len(rows)
    assert counts.shape == pages.shape
    assert ((counts > 0) == (pages != "")).all().all(), "a page label in every counted cell"


def test_matrix_order_follows_the_article():
    counts, _ = interests.interest_matrix(load("interests"))
    assert list(counts.index)[:3] == ["Nagorno-Karabakh", "Arms and security", "Iran"]
    assert counts.loc["Arms and security", "Israel"] > 0
    assert counts["Israel"].astype(bool).sum() == 1, \
        "in the one-partner coding Israel is the partner only for arms (test_codings.py)"


def test_page_labels_trace_to_rows():
    _, pages = interests.interest_matrix(load("interests"))
    assert pages.loc["Iran", "Iran"] == "63 n.10 · 64 ×4"
    assert pages.loc["Help in Washington", "Pro-Israel lobby (US)"] == "64 · 65 n.16"


def test_matrix_for_other_holders_and_sections():
    counts, _ = interests.interest_matrix(load("interests"), holder="IL",
                                          sections=["israeli_interests"])
    assert counts.to_numpy().sum() == ((load("interests")["holder"] == "IL")
                                       & (load("interests")["section"] == "israeli_interests")).sum()


def test_pages_helper_counts_repeats():
    rows = pd.DataFrame({"page": [64, 64, 65], "note": [pd.NA, pd.NA, 16]})
    assert interests._pages(rows) == "64 ×2 · 65 n.16"


def _caption(fig):
    return [t.get_text() for t in fig.texts if t.get_text().startswith("Source")]


def test_heatmap_writes_pages_in_cells():
    counts, pages = interests.interest_matrix(load("interests"))
    ax = nb02.draw_interests(counts, pages, title="t", source="Source: x.")
    texts = [t.get_text() for t in ax.texts]
    assert len(texts) == int((counts > 0).to_numpy().sum())
    assert all(re.fullmatch(r"\d+( n\.\d+)?( ×\d+)?", line)
               for t in texts for line in t.split("\n")), texts
    assert _caption(ax.figure) == ["Source: x."] and ax.get_title() == "t"


def test_displacement_chart_says_not_verified():
    ax = nb02.draw_displacement(load("displacement"), title="t", source="Source: x.")
    texts = [t.get_text() for t in ax.texts]
    assert len(texts) == len(load("displacement"))
    assert all("not verified" in t for t in texts)
    assert _caption(ax.figure) == ["Source: x."]


def test_territory_chart_shows_the_range_and_the_oblast():
    ax = nb02.draw_territory(load("territory_share_estimates"), title="t",
                            source="Source: x.")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("14–20%" in t for t in legend)
    assert any("5.1%" in t for t in legend)
    assert any("16%" in t.get_text() for t in ax.texts)


def test_territory_chart_before_its_exercise_hides_the_oblast_share():
    """Notebook 02 draws the chart above Exercise 3 without the share the exercise asks for."""
    ax = nb02.draw_territory(load("territory_share_estimates"), title="t",
                             source="Source: x.", oblast=False)
    shown = [t.get_text() for t in ax.get_legend().get_texts()] + [t.get_text() for t in ax.texts]
    assert any("14–20%" in t for t in shown)
    assert not any("5.1" in t or "oblast" in t for t in shown)


def test_land_neighbours():
    assert maps.land_neighbours("AZ") == ["AM", "GE", "IR", "RU", "TR"]
    assert "AZ" in maps.land_neighbours("IR")


def test_areas_equal_area_vs_mercator():
    equal = maps.areas_km2("AZ")
    mercator = maps.areas_km2("AZ", "EPSG:3857")
    assert 85_000 < equal.sum() < 88_000
    assert 1.6 < mercator.sum() / equal.sum() < 1.8
    assert list(equal) == sorted(equal, reverse=True)
    assert 4_000 < equal.iloc[1] < 5_500, "Nakhchivan, generalised: smaller than published"
