"""Oil series, reserves-to-production ratios and the share estimates."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pytest

from helpers import energy, load
from helpers.figures import nb03, nb04


def test_production_in_barrels_per_year():
    p = energy.production()
    assert p.index.min() == 1985 and p.index.max() == 2020
    assert p.loc[2014, "bn_bbl"] == pytest.approx(861.2e3 * 365 / 1e9)


def test_peak_is_the_article_year():
    figures = load("figures").set_index("id")
    assert energy.peak_year() == int(figures.loc["oil_peak_year", "value"])


def test_rp_against_values_worked_out_by_hand():
    """Worked out by hand from data/external/oil_production.csv: in 2014 reserves were 7.0
    thousand million barrels and output 861.2 kb/d, so R/P = 7.0e9 / (861.2e3 × 365) = 22.269
    years and the oil 'runs out' in 2014 + 22.269 = 2036.27; in 2020 (716.1 kb/d) R/P = 26.781."""
    assert energy.rp_ratio(2014) == pytest.approx(22.2690, abs=1e-4)
    assert energy.rp_ratio(2020) == pytest.approx(26.7813, abs=1e-4)
    t = energy.rp_table()
    assert t.index.min() == 1991, "no reserves before 1991"
    assert t.loc[2014, "implied_end"] == pytest.approx(2036.269, abs=1e-3)
    assert round(t.loc[2014, "implied_end"], 1) == 2036.3
    # 1991-2001: 1.2 thousand million barrels at 239.7 kb/d in 1991 -> 13.72 years
    assert t.loc[1991, "rp_years"] == pytest.approx(13.716, abs=1e-3)
    with pytest.raises(ValueError, match="no reserves figure"):
        energy.rp_ratio(1985)


def test_reserves_unchanged_while_oil_was_produced():
    t = energy.rp_table()
    assert t.loc[2002:2020, "reserves_bn_bbl"].nunique() == 1
    # by hand: the kb/d of 2003-2020 add up to 13,894.1; × 1000 × 365 = 5.0713 thousand
    # million barrels, most of the 7.0 the reserves figure never stopped showing
    assert energy.cumulative_output(2003, 2020) == pytest.approx(5.0713465, abs=1e-6)


def test_share_estimates_and_spread():
    df = energy.share_estimates()
    assert df["year"].is_monotonic_increasing
    assert df["is_article"].sum() == 1
    # the lowest figure is Ynet's 10-20% (2011), the highest the 40% of 2014 and of the article
    assert energy.share_spread() == (10.0, 40.0)


def test_production_plot_marks_where_the_series_ends():
    last = int(load("oil_production")["year"].max())
    ax = nb04.draw_production(title="t", source="Source: x.")
    assert any(f"ends {last}" in t.get_text() for t in ax.texts)
    shaded = [p for p in ax.patches if p.get_x() == last + 0.5]
    assert shaded, "the years after the series are shaded from its last year"
    plt.close("all")


def test_share_chart_before_its_exercise_hides_the_spread():
    """Notebook 03 draws the estimates above Exercise 5 without the spread it asks for."""
    lo, hi = energy.share_spread()
    spread = f"{lo:g}–{hi:g}%"
    ax = nb03.draw_share_estimates(energy.share_estimates(), title="t", source="Source: x.")
    assert any(spread in t.get_text() for t in ax.texts)
    ax = nb03.draw_share_estimates(energy.share_estimates(), title="t", source="Source: x.",
                                   spread=False)
    assert not any("spread" in t.get_text() or spread in t.get_text() for t in ax.texts)
    plt.close("all")


def test_plots_draw():
    for draw in (nb04.draw_production, nb04.draw_implied_end,
                 lambda **kw: nb03.draw_share_estimates(energy.share_estimates(), **kw)):
        ax = draw(title="t", source="Source: x.")
        assert ax.get_xlabel()
        assert ax.get_legend() is not None
    plt.close("all")
